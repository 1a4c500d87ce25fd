// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Random models, leads and event streams for tests/core/oracle_test.cc, in the
// reference implementation's structs (support/reference/). Deterministic for a
// seed (std::mt19937_64 with std:: distributions: the same on one standard
// library, which is all a test needs).

#ifndef LEADSCORE_TESTS_SUPPORT_RANDOM_CASES_H_
#define LEADSCORE_TESTS_SUPPORT_RANDOM_CASES_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/reference/reference.h"

namespace reference {

// ---------------------------------------------------------------------------
// Random generation
// ---------------------------------------------------------------------------

// What the generator may produce beyond ordinary models and histories.
struct GenOptions {
  // Some window lengths that are not a whole number of nanoseconds.
  bool odd_days = false;
  // Events in clusters anywhere in the engine's range (1900 to 2189), huge
  // and tiny windows and half-lives.
  bool extreme = false;
  // Half of the value leaves use the operators the original generator does
  // not (ne, not_in, gt, lte, between, contains_any, starts_with, ends_with,
  // matches), and score leaves gt, lte and between too. Off, the generator
  // draws exactly what it always drew (the seeded cases stay the same).
  bool all_operators = false;
  // v1.1 hysteresis and recycling: most lifecycles not forward-only, with
  // exit_when on some thresholds, recycle rules (with and without
  // inactive_days) and stage / days_in_stage leaves in lifecycle conditions.
  // Off, nothing of it is drawn (the seeded v1 cases stay the same).
  bool v11 = false;
};

constexpr int64_t kMinEngineNs = -2208988800LL * kNsPerSec;  // 1900-01-01T00:00:00Z
constexpr int64_t kMaxEngineNs = 6942585600LL * kNsPerSec - 1;  // 2189-12-31T23:59:59.999999999Z

class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g_); }
  int64_t I64(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(g_);
  }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(g_) < p; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v.at(static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1)));
  }
  template <class T>
  void Shuffle(std::vector<T>& v) { std::shuffle(v.begin(), v.end(), g_); }
  std::mt19937_64& engine() { return g_; }

 private:
  std::mt19937_64 g_;
};

struct AttrPool {
  std::string name;
  double presence;
  std::vector<OVal> values;
  std::vector<std::string> substrings;
  std::vector<double> numbers;
};

inline const std::vector<AttrPool>& LeadAttrPools() {
  static const std::vector<AttrPool> pools = {
      {"email", 0.75,
       {VStr("ana@acme.io"), VStr("Bob@Competitor.com"), VStr("chen@rival.io"),
        VStr("dara@ACME.io"), VNull()},
       {"acme", "@competitor.com", "ACME", "rival", "@"},
       {0}},
      {"job_title", 0.65,
       {VStr("VP Marketing"), VStr("engineer"), VStr("Head of Growth"), VStr("student"),
        VStr("CTO")},
       {"vp", "head of", "ENG", "student", "c"},
       {0}},
      {"company_size", 0.65,
       {VNum(10), VNum(50), VNum(250), VNum(1000), VNum(5000), VStr("250"), VBool(true)},
       {"25"},
       {10, 50, 251, 1000, 5000, 250}},
      {"industry", 0.6,
       {VStr("saas"), VStr("SaaS"), VStr("retail"), VStr("Education"),
        VArr({VStr("saas"), VStr("retail")})},
       {"saa", "EDU", "tail"},
       {0}},
      {"country", 0.6, {VStr("ES"), VStr("es"), VStr("DE"), VStr("US")}, {"e", "S"}, {0}},
      {"city", 0.5,
       {VStr("Z\xC3\xBCrich"), VStr("Z\xC3\x9CRICH"), VStr("\xC3\xA9vora"),
        VStr("\xC3\x89vora"), VStr("Lisboa")},
       {"\xC3\xBC", "\xC3\x9C", "z\xC3\xBCr", "Z\xC3\x9CR", "\xC3\xA9vora", "\xC3\x89", "LIS"},
       {0}},
      {"tags", 0.6,
       {VArr({}), VArr({VStr("webinar")}), VArr({VStr("ebook"), VStr("trial")}),
        VArr({VStr("EBOOK"), VStr("partner")}), VArr({VStr("webinar"), VNum(5)})},
       {"web", "BOOK", "ia"},
       {5}},
      {"newsletter_optin", 0.5, {VBool(true), VBool(false), VStr("yes"), VNull()}, {"ye"}, {1}},
      {"revenue", 0.4, {VNum(120000.5), VNum(250000), VNum(-3), VNum(0)}, {"1"},
       {0, 120000.5, 200000, -3}},
      {"phone", 0.15, {VStr("+1 415 555"), VNull()}, {"415"}, {0}},
  };
  return pools;
}

inline const std::vector<AttrPool>& PropPools() {
  static const std::vector<AttrPool> pools = {
      {"url", 0.6,
       {VStr("https://acme.io/pricing"), VStr("https://acme.io/Pricing?plan=team"),
        VStr("https://acme.io/blog"), VNull(), VNum(7)},
       {"/pricing", "PRICING", "blog", "acme"},
       {7}},
      {"campaign", 0.4,
       {VStr("nov-launch"), VStr("Winback"), VStr("newsletter-1"),
        VArr({VStr("winback"), VStr("x")})},
       {"win", "NEWS", "-"},
       {0}},
      {"feature", 0.4, {VStr("api"), VStr("SSO"), VStr("export")}, {"s", "AP"}, {0}},
      {"duration_s", 0.4, {VNum(5), VNum(42), VNum(300), VStr("42")}, {"4"}, {5, 42, 43, 300}},
  };
  return pools;
}

inline const std::vector<std::string>& EventTypes() {
  static const std::vector<std::string> t = {
      "page_view",   "Page_View",          "email_click",        "email_open",
      "form_submit", "demo_request",       "webinar_attended",   "trial_feature_used",
      "unsubscribe", "misc"};
  return t;
}

// A value to compare against (same pool, sometimes another type).
inline OVal PickScalarArg(Rng& rng, const AttrPool& p) {
  if (rng.Chance(0.1)) {
    switch (rng.Int(0, 2)) {
      case 0: return VNum(250);
      case 1: return VBool(true);
      default: return VStr("250");
    }
  }
  for (int tries = 0; tries < 10; ++tries) {
    const OVal& v = rng.Pick(p.values);
    if (v.k == OVal::kNull) continue;
    if (v.k == OVal::kArr) {
      if (v.arr.empty()) continue;
      OVal e = rng.Pick(v.arr);
      if (e.k == OVal::kStr && rng.Chance(0.3)) e.s = Fold(e.s);
      return e;
    }
    OVal e = v;
    if (e.k == OVal::kStr && rng.Chance(0.3)) {
      // vary the case of ASCII letters
      for (char& c : e.s) {
        if (c >= 'a' && c <= 'z' && rng.Chance(0.5)) c = static_cast<char>(c - 'a' + 'A');
      }
    }
    return e;
  }
  return VStr("none");
}

// A leaf with one of the operators ValueLeaf does not use.
inline Cond MoreOperatorsLeaf(Rng& rng, Cond::Kind kind, const AttrPool& p) {
  Cond c;
  c.k = kind;
  c.name = p.name;
  auto varied_case = [&](std::string s) {
    for (char& ch : s) {
      if (ch >= 'a' && ch <= 'z' && rng.Chance(0.3)) ch = static_cast<char>(ch - 'a' + 'A');
    }
    return s;
  };
  switch (rng.Int(0, 8)) {
    case 0:
      c.op = "ne";
      c.arg = PickScalarArg(rng, p);
      break;
    case 1: {
      c.op = "not_in";
      std::vector<OVal> a;
      const int k = rng.Int(0, 3);
      for (int i = 0; i < k; ++i) a.push_back(PickScalarArg(rng, p));
      c.arg = VArr(a);
      break;
    }
    case 2:
      c.op = rng.Chance(0.5) ? "gt" : "lte";
      c.arg = VNum(rng.Pick(p.numbers));
      break;
    case 3: {
      c.op = "between";
      double lo = rng.Pick(p.numbers), hi = rng.Pick(p.numbers);
      if (lo > hi) std::swap(lo, hi);
      c.arg = VArr({VNum(lo), VNum(hi)});
      break;
    }
    case 4: {
      c.op = "contains_any";
      std::vector<OVal> a;
      const int k = rng.Int(1, 3);
      for (int i = 0; i < k; ++i) a.push_back(VStr(varied_case(rng.Pick(p.substrings))));
      c.arg = VArr(a);
      break;
    }
    case 5:
    case 6: {
      // A prefix or suffix of a string of the pool (or a substring).
      c.op = rng.Chance(0.5) ? "starts_with" : "ends_with";
      std::string s = rng.Pick(p.substrings);
      for (int tries = 0; tries < 5; ++tries) {
        const OVal& v = rng.Pick(p.values);
        if (v.k != OVal::kStr || v.s.empty()) continue;
        // Cut between UTF-8 sequences (a continuation byte is 10xxxxxx).
        auto inside = [&](size_t i) { return i < v.s.size() && (v.s[i] & 0xC0) == 0x80; };
        size_t len = static_cast<size_t>(rng.Int(1, static_cast<int>(v.s.size())));
        if (c.op == "starts_with") {
          while (inside(len)) ++len;
          s = v.s.substr(0, len);
        } else {
          size_t from = v.s.size() - len;
          while (inside(from)) --from;
          s = v.s.substr(from);
        }
        break;
      }
      c.arg = VStr(varied_case(s));
      break;
    }
    default: {
      // Patterns whose meaning is the same in RE2 and ECMAScript.
      c.op = "matches";
      const std::string a = varied_case(rng.Pick(p.substrings));
      const std::string b = varied_case(rng.Pick(p.substrings));
      switch (rng.Int(0, 3)) {
        case 0: c.arg = VStr(a); break;
        case 1: c.arg = VStr("^" + a); break;
        case 2: c.arg = VStr(a + "$"); break;
        default: c.arg = VStr("(" + a + "|" + b + ")"); break;
      }
      break;
    }
  }
  return c;
}

inline Cond ValueLeaf(Rng& rng, Cond::Kind kind, const AttrPool& p, bool allow_in_gte,
                      const GenOptions& opt) {
  if (opt.all_operators && rng.Chance(0.5)) return MoreOperatorsLeaf(rng, kind, p);
  Cond c;
  c.k = kind;
  c.name = p.name;
  const int r = rng.Int(0, allow_in_gte ? 9 : 6);
  if (r <= 2) {
    c.op = "eq";
    c.arg = PickScalarArg(rng, p);
  } else if (r <= 4) {
    c.op = "contains";
    c.arg = VStr(rng.Pick(p.substrings));
  } else if (r <= 6) {
    c.op = "exists";
    c.arg = VBool(rng.Chance(0.7));
  } else if (r <= 8) {
    c.op = "in";
    std::vector<OVal> a;
    const int k = rng.Int(0, 3);
    for (int i = 0; i < k; ++i) a.push_back(PickScalarArg(rng, p));
    c.arg = VArr(a);
  } else {
    c.op = "gte";
    c.arg = VNum(rng.Pick(p.numbers));
  }
  return c;
}

// A `*_days` window length from `pool`; rarely a value that is not a whole
// number of nanoseconds (just above a pool value, so events on the grids sit
// exactly D-rounded-down before a moment) or below one nanosecond.
inline double WindowDays(Rng& rng, std::vector<double> pool, const GenOptions& opt) {
  if (opt.extreme && rng.Chance(0.4)) {
    pool = {1e-15, 1e-12, 3e-9, 36500, 100000, 105921, 106000, 106751, 106752, 1e7, 1e300};
  }
  const double d = rng.Pick(pool);
  if (opt.odd_days) {
    const int r = rng.Int(0, 99);
    if (r < 30) return std::nextafter(d, 1e300);
    if (r < 40) return rng.Chance(0.5) ? 1e-15 : 1e-12;  // 0.0864 ns, 86.4 ns
    if (r < 45) return d * (1 + 1e-12);
  }
  return d;
}

struct CondSpec {
  bool attr = false, prop = false, score = false, grade = false, event = false;
  const std::vector<std::string>* stages = nullptr;  // v1.1 stage leaves, if set
};

inline Cond RandomLeaf(Rng& rng, const OModel& m, const CondSpec& spec,
                       const GenOptions& opt) {
  std::vector<int> kinds;
  if (spec.attr) kinds.insert(kinds.end(), 4, 0);
  if (spec.prop) kinds.insert(kinds.end(), 4, 1);
  if (spec.score) kinds.insert(kinds.end(), 4, 2);
  std::vector<size_t> graded;
  for (size_t i = 0; i < m.dims.size(); ++i) {
    if (!m.dims[i].grades.empty()) graded.push_back(i);
  }
  if (spec.grade && !graded.empty()) kinds.insert(kinds.end(), 2, 3);
  if (spec.event) kinds.insert(kinds.end(), 3, 4);
  if (spec.stages != nullptr) kinds.insert(kinds.end(), 3, 5);
  switch (rng.Pick(kinds)) {
    case 5: {
      Cond c;
      if (rng.Chance(0.6)) {
        c.k = Cond::kStage;
        const auto& st = *spec.stages;
        auto pick = [&] { return VStr(st[rng.Int(0, static_cast<int>(st.size()) - 1)]); };
        const int r = rng.Int(0, 3);
        c.op = r == 0 ? "eq" : r == 1 ? "ne" : r == 2 ? "in" : "not_in";
        if (r < 2) {
          c.arg = pick();
        } else {
          std::vector<OVal> a;
          const int k = rng.Int(rng.Chance(0.1) ? 0 : 1, 3);
          for (int i = 0; i < k; ++i) a.push_back(pick());
          c.arg = VArr(a);
        }
      } else {
        c.k = Cond::kDaysInStage;
        const int r = rng.Int(0, 3);
        c.op = r == 0 ? "gte" : r == 1 ? "lt" : r == 2 ? "gt" : "between";
        c.arg = VNum(rng.Pick(std::vector<double>{0, 0.5, 1, 2.5, 7, 14, 30}));
        if (r == 3) c.arg = VArr({c.arg, VNum(c.arg.n + rng.Pick(std::vector<double>{0, 1, 10}))});
      }
      return c;
    }
    case 0: return ValueLeaf(rng, Cond::kAttr, rng.Pick(LeadAttrPools()), true, opt);
    case 1: return ValueLeaf(rng, Cond::kProp, rng.Pick(PropPools()), true, opt);
    case 2: {
      Cond c;
      c.k = Cond::kScore;
      c.name = rng.Chance(0.3) ? "total" : m.dims[rng.Int(0, static_cast<int>(m.dims.size()) - 1)].name;
      c.op = rng.Chance(0.75) ? "gte" : "lt";
      // Scores are sums of multiples of 0.5 (times weights that are multiples
      // of 0.5), so x.125 is never met exactly except through decay.
      c.arg = VNum(rng.Int(-10, 45) + (rng.Chance(0.5) ? 0.125 : -0.125));
      if (opt.all_operators && rng.Chance(0.5)) {
        const int r = rng.Int(0, 2);
        c.op = r == 0 ? "gt" : r == 1 ? "lte" : "between";
        if (r == 2) c.arg = VArr({c.arg, VNum(c.arg.n + rng.Int(0, 30))});
      }
      return c;
    }
    case 3: {
      Cond c;
      c.k = Cond::kGrade;
      const Dim& d = m.dims[rng.Pick(graded)];
      c.name = d.name;
      c.op = "in";
      std::vector<OVal> a;
      for (const auto& g : d.grades) {
        if (rng.Chance(0.5)) a.push_back(VStr(rng.Chance(0.3) ? Fold(g.grade) : g.grade));
      }
      if (rng.Chance(0.1)) a.push_back(VStr("Z"));
      c.arg = VArr(a);
      return c;
    }
    default: {
      Cond c;
      c.k = Cond::kEvent;
      c.name = rng.Pick(EventTypes());
      c.days = WindowDays(rng, {0.5, 1, 7, 14, 30}, opt);
      c.at_least_given = rng.Chance(0.6);
      c.at_least = c.at_least_given ? (rng.Chance(0.8) ? rng.Int(1, 3) : rng.Int(4, 8)) : 1;
      return c;
    }
  }
}

inline Cond RandomCond(Rng& rng, const OModel& m, const CondSpec& spec,
                       const GenOptions& opt, int depth = 0) {
  if (depth < 2 && rng.Chance(depth == 0 ? 0.4 : 0.2)) {
    Cond c;
    const int r = rng.Int(0, 4);
    if (r == 4) {
      c.k = Cond::kNot;
      c.kids.push_back(RandomCond(rng, m, spec, opt, depth + 1));
      return c;
    }
    c.k = r < 2 ? Cond::kAll : Cond::kAny;
    const int k = rng.Chance(0.08) ? 0 : rng.Int(1, 3);
    for (int i = 0; i < k; ++i) c.kids.push_back(RandomCond(rng, m, spec, opt, depth + 1));
    return c;
  }
  return RandomLeaf(rng, m, spec, opt);
}

inline OModel GenModel(Rng& rng, const GenOptions& opt = {}) {
  OModel m;
  std::vector<std::string> names = {"fit", "engagement", "brand", "social"};
  rng.Shuffle(names);
  const int nd = rng.Int(1, 3);
  for (int i = 0; i < nd; ++i) {
    Dim d;
    d.name = names[i];
    if (rng.Chance(0.3)) d.min = rng.Int(-20, 0);
    if (rng.Chance(0.3)) d.max = rng.Int(20, 80);
    if (rng.Chance(0.5)) d.weight = rng.Pick(std::vector<double>{0.5, 1.5, 2, 2.5, 0, -0.5, 1});
    if (rng.Chance(0.5)) {
      d.half_life = rng.Pick(opt.extreme && rng.Chance(0.5)
                                 ? std::vector<double>{1e-6, 36500, 1e9, 1e300}
                                 : std::vector<double>{0.5, 1, 3.5, 7, 14, 30});
    }
    if (rng.Chance(0.5)) {
      const int ng = rng.Int(1, 4);
      const char* letters[] = {"A", "B", "C", "D"};
      int top = rng.Int(20, 60);
      for (int g = 0; g < ng; ++g) {
        Grade gr;
        gr.grade = letters[g];
        if (g + 1 < ng || rng.Chance(0.5)) {
          gr.min = (rng.Chance(0.1) ? rng.Int(-10, 60) : top) + 0.25;
          top -= rng.Int(5, 20);
        }
        d.grades.push_back(gr);
      }
    }
    m.dims.push_back(d);
  }
  const int nr = rng.Int(3, 12);
  for (int i = 0; i < nr; ++i) {
    Rule r;
    const int kind = rng.Int(0, 9);
    r.kind = kind < 3 ? Rule::kAttribute : kind < 7 ? Rule::kEvent : Rule::kPattern;
    r.id = (r.kind == Rule::kAttribute ? "att-" : r.kind == Rule::kEvent ? "eve-" : "pat-") +
           std::to_string(i);
    r.dim = rng.Int(0, nd - 1);
    r.points = rng.Chance(0.05) ? 0 : rng.Int(-60, 60) * 0.5;
    if (r.kind == Rule::kAttribute) {
      if (rng.Chance(0.85)) {
        CondSpec s;
        s.attr = true;
        r.when = RandomCond(rng, m, s, opt);
      }
    } else {
      const int non = rng.Chance(0.7) ? 1 : 2;
      std::vector<std::string> types(EventTypes().begin(), EventTypes().end() - 1);
      rng.Shuffle(types);
      r.on.assign(types.begin(), types.begin() + non);
      r.on_as_array = rng.Chance(0.5);
      if (rng.Chance(0.45)) {
        CondSpec s;
        s.attr = rng.Chance(0.5);
        s.prop = true;
        r.when = RandomCond(rng, m, s, opt);
      }
      if (r.kind == Rule::kEvent) {
        if (rng.Chance(0.4)) r.max_per_lead = rng.Chance(0.8) ? rng.Int(1, 4) : rng.Int(5, 12);
        if (rng.Chance(0.4)) {
          r.max_per_window = std::make_pair(
              rng.Chance(0.8) ? rng.Int(1, 3) : rng.Int(4, 8),
              WindowDays(rng, {0.1, 0.25, 0.5, 1, 2, 7}, opt));
        }
        if (rng.Chance(0.4)) {
          r.within_days = WindowDays(rng, {0.5, 1, 7, 14, 30, 45.5}, opt);
        }
      } else {
        r.pattern_at_least = rng.Chance(0.8) ? rng.Int(1, 3) : rng.Int(4, 7);
        r.pattern_days = WindowDays(rng, {0.25, 1, 2, 7, 14}, opt);
      }
    }
    m.rules.push_back(r);
  }
  if (rng.Chance(0.92)) {
    Lifecycle lc;
    std::vector<std::string> all = {"subscriber", "lead", "mql", "sql", "opportunity", "customer"};
    if (rng.Chance(0.1)) all[2] = "MQL";
    const int ns = rng.Int(4, 5);
    while (static_cast<int>(all.size()) > ns) {
      all.erase(all.begin() + rng.Int(1, static_cast<int>(all.size()) - 1));
    }
    lc.stages = all;
    if (rng.Chance(0.7)) lc.require_consent = rng.Chance(0.6);
    if (rng.Chance(0.8)) lc.forward_only = rng.Chance(0.5);
    if (opt.v11 && rng.Chance(0.7)) lc.forward_only = false;
    CondSpec s;
    s.attr = s.score = s.grade = s.event = true;
    if (opt.v11) s.stages = &lc.stages;
    const int nt = rng.Int(1, 5);
    for (int i = 0; i < nt; ++i) {
      Labeled t;
      t.name = lc.stages[rng.Chance(0.05) ? 0 : rng.Int(1, ns - 1)];
      t.when = RandomCond(rng, m, s, opt);
      if (opt.v11 && !lc.forward_only.value_or(true) && rng.Chance(0.5)) {
        t.exit_when = RandomCond(rng, m, s, opt);
      }
      lc.thresholds.push_back(t);
    }
    if (opt.v11) {
      const int nr = rng.Int(0, 3);
      for (int i = 0; i < nr; ++i) {
        Recycle r;
        r.id = "recycle-" + std::to_string(i);
        const int to = rng.Int(0, ns - 2);
        r.to = lc.stages[to];
        for (int st = to + 1; st < ns; ++st) {
          if (rng.Chance(0.5)) r.from.push_back(lc.stages[st]);
        }
        if (r.from.empty()) r.from.push_back(lc.stages[rng.Int(to + 1, ns - 1)]);
        if (rng.Chance(0.75)) r.inactive_days = WindowDays(rng, {0.5, 1, 3, 7, 14, 30}, opt);
        if (!r.inactive_days || rng.Chance(0.4)) r.when = RandomCond(rng, m, s, opt);
        lc.recycle.push_back(r);
      }
    }
    if (rng.Chance(0.5)) lc.disqualify_when = RandomCond(rng, m, s, opt);
    const int nl = rng.Int(0, 2);
    for (int i = 0; i < nl; ++i) {
      Labeled l;
      l.name = "label-" + std::to_string(i);
      l.when = RandomCond(rng, m, s, opt);
      lc.labels.push_back(l);
    }
    if (rng.Chance(0.75)) {
      lc.has_funnel = true;
      std::vector<std::string> keys = {"tofu", "mofu", "bofu"};
      rng.Shuffle(keys);
      std::map<std::string, std::vector<std::string>> f;
      for (const auto& st : lc.stages) {
        const int k = rng.Int(0, 3);
        if (k < 3) f[keys[k]].push_back(st);
      }
      for (const auto& [k, v] : f) lc.funnel.push_back({k, v});
    }
    m.lc = lc;
  }
  return m;
}

inline int64_t BaseTime() { return 1788220800LL * kNsPerSec; }  // 2026-09-01T00:00:00Z

inline Attrs RandomProps(Rng& rng) {
  Attrs a;
  for (const auto& p : PropPools()) {
    if (rng.Chance(p.presence)) a[p.name] = rng.Pick(p.values);
  }
  return a;
}

inline int64_t ClampEngine(int64_t t) {
  return std::min(std::max(t, kMinEngineNs), kMaxEngineNs);
}

// A time in the ~60 days from `base`.
inline int64_t RandomTime(Rng& rng, int64_t base = BaseTime()) {
  if (base != BaseTime()) {
    // (extreme) keep inside the engine's range
    const int64_t t = RandomTime(rng, BaseTime()) - BaseTime();
    return base + t > kMaxEngineNs ? kMaxEngineNs - t : base + t;
  }
  // Coarse grids make events fall exactly on window boundaries: every
  // `*_days` value the generator uses is a multiple of 36 minutes.
  const int r = rng.Int(0, 99);
  if (r < 35) return base + rng.I64(0, 240) * 6 * 3600 * kNsPerSec;  // 6-hour grid
  if (r < 60) return base + rng.I64(0, 2400) * 36 * 60 * kNsPerSec;  // 36-minute grid
  if (r < 93) return base + rng.I64(0, 60LL * 86400) * kNsPerSec;
  return base + rng.I64(0, 60LL * kNsPerDay);
}

// 0-40 events over ~60 days, some at one instant, some without id, ~10%
// duplicated ids (same or different time and content), shuffled.
inline std::vector<OEvent> GenEvents(Rng& rng, int max_events = 40,
                                     const GenOptions& opt = {}) {
  const int n = rng.Chance(0.05) ? 0 : rng.Int(1, max_events);
  std::vector<OEvent> ev;
  // Extreme: events in 1-3 clusters of ~60 days anywhere in the engine range.
  std::vector<int64_t> bases = {BaseTime()};
  if (opt.extreme) {
    bases.clear();
    const int nc = rng.Int(1, 3);
    for (int c = 0; c < nc; ++c) {
      switch (rng.Int(0, 3)) {
        case 0: bases.push_back(kMinEngineNs); break;
        case 1: bases.push_back(kMaxEngineNs - 61 * kNsPerDay); break;
        case 2: bases.push_back(BaseTime()); break;
        default:
          bases.push_back(kMinEngineNs + rng.I64(0, (kMaxEngineNs - kMinEngineNs) / kNsPerDay - 61) *
                                             kNsPerDay);
      }
    }
  }
  auto random_time = [&]() { return RandomTime(rng, rng.Pick(bases)); };
  int next_id = rng.Int(1, 30);
  for (int i = 0; i < n; ++i) {
    OEvent e;
    if (!ev.empty() && rng.Chance(0.15)) {
      e.at = rng.Pick(ev).at;
    } else {
      e.at = random_time();
    }
    const double r = rng.Int(0, 99) / 100.0;
    if (r < 0.15) {
      // no id
    } else if (r < 0.17) {
      e.id = "";
    } else {
      e.id = "E-" + std::to_string(next_id);
      next_id += rng.Int(1, 3);
    }
    e.type = rng.Pick(EventTypes());
    e.props = RandomProps(rng);
    ev.push_back(e);
  }
  const size_t orig = ev.size();
  for (size_t i = 0; i < orig; ++i) {
    if (!ev[i].id || !rng.Chance(0.1)) continue;
    const int copies = rng.Chance(0.8) ? 1 : 2;
    for (int c = 0; c < copies; ++c) {
      OEvent d = ev[i];
      if (rng.Chance(0.5)) d.at = random_time();
      if (rng.Chance(0.3)) {
        d.type = rng.Pick(EventTypes());
        d.props = RandomProps(rng);
      }
      ev.push_back(d);
    }
  }
  rng.Shuffle(ev);
  return ev;
}

inline int64_t PickAsOf(Rng& rng, const std::vector<OEvent>& ev, const GenOptions& opt = {}) {
  if (!ev.empty() && rng.Chance(0.15)) return rng.Pick(ev).at;
  if (opt.extreme) {
    if (rng.Chance(0.4) || ev.empty()) return kMaxEngineNs;
    int64_t last = kMinEngineNs;
    for (const auto& e : ev) last = std::max(last, e.at);
    return ClampEngine(last + (rng.Chance(0.3) ? -1 : 1) * rng.I64(0, 10 * kNsPerDay));
  }
  if (rng.Chance(0.05)) return BaseTime() - kNsPerDay;
  if (rng.Chance(0.5)) return BaseTime() + rng.I64(10 * 4, 70 * 4) * 6 * 3600 * kNsPerSec;
  return BaseTime() + rng.I64(10 * 40, 70 * 40) * 36 * 60 * kNsPerSec;
}

inline OLead GenLead(Rng& rng, const OModel& m, int64_t as_of, std::string id) {
  OLead l;
  l.id = std::move(id);
  const int r = rng.Int(0, 99);
  if (r < 10) {
    l.consent_form = OLead::kMissing;
  } else if (r < 45) {
    l.consent_form = OLead::kTrue;
  } else if (r < 55) {
    l.consent_form = OLead::kFalse;
  } else {
    l.consent_form = OLead::kObject;
    l.granted = rng.Chance(0.85);
    const int w = rng.Int(0, 5);
    if (w == 0) {
      // no `at`
    } else if (w <= 2) {
      l.granted_at = ClampEngine(as_of - rng.I64(1, 30 * kNsPerDay));
    } else if (w == 3) {
      l.granted_at = as_of;
    } else {
      l.granted_at = ClampEngine(as_of + (rng.Chance(0.5) ? 1 : rng.I64(1, 30 * kNsPerDay)));
    }
  }
  if (m.lc && rng.Chance(0.25)) l.stage = rng.Pick(m.lc->stages);
  for (const auto& p : LeadAttrPools()) {
    if (rng.Chance(p.presence)) l.attrs[p.name] = rng.Pick(p.values);
  }
  return l;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_RANDOM_CASES_H_
