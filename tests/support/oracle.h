// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A deliberately naive reference implementation ("oracle") of spec v1
// (/work/shared/spec/model-format-v1.md, section 8 included) and a random
// generator of models, leads and event streams, for tests/oracle_test.cc.
//
// The oracle shares nothing with the library but the spec: its own model
// structs (serialised to JSON for Model::FromJson), its own values and its own
// condition evaluator. Per lead it sorts the events, drops copies and events
// after as_of, and at every classification moment recomputes everything from
// the event history, walking it from the start.

#ifndef LEADSCORE_TESTS_ORACLE_H_
#define LEADSCORE_TESTS_ORACLE_H_

#include <algorithm>
#include <cmath>
#include <climits>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace oracle {

using ojson = nlohmann::ordered_json;

constexpr int64_t kNsPerSec = 1000000000LL;
constexpr int64_t kNsPerDay = 86400LL * kNsPerSec;

// A window of D days before x is (x - D days, x]. Event times are whole
// nanoseconds, so t is in it iff x - t < D * 86400e9, that is iff
// x - t < ceil(D * 86400e9). D is the decimal number the model's JSON text
// says (the shortest representation of the double, as nlohmann::json writes
// it: "0.1" is 8640e9 ns exactly, not the double's 8640e9 + 0.0005);
// DaysToNs computes that ceiling exactly, saturated at INT64_MAX.
__extension__ typedef __int128 Int128;
inline int64_t DecimalDaysToNs(const std::string& text) {
  // text: digits, optional '.', optional exponent ("0.1", "7.000000000000001",
  // "1e-12", "1e+300", "45.5").
  Int128 digits = 0;
  int exp10 = 0, ndigits = 0;
  size_t i = 0;
  bool seen_dot = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') { seen_dot = true; continue; }
    if (text[i] < '0' || text[i] > '9') throw std::logic_error("bad days: " + text);
    if (digits == 0 && text[i] == '0') { if (seen_dot) --exp10; continue; }
    if (++ndigits > 30) throw std::logic_error("too many digits: " + text);
    digits = digits * 10 + (text[i] - '0');
    if (seen_dot) --exp10;
  }
  if (i < text.size()) exp10 += std::stoi(text.substr(i + 1));
  if (digits <= 0) throw std::logic_error("days must be positive: " + text);
  // ns = digits * 10^exp10 * 864 * 10^11
  Int128 num = digits * 864;
  int e = exp10 + 11;
  const Int128 kMax = INT64_MAX;
  for (; e > 0; --e) {
    num *= 10;
    if (num > kMax) return INT64_MAX;
  }
  if (e == 0) return static_cast<int64_t>(num);
  Int128 den = 1;
  for (; e < 0; ++e) {
    if (den > num) return 1;  // 0 < value < 1
    den *= 10;
  }
  const Int128 ns = (num + den - 1) / den;
  return ns > kMax ? INT64_MAX : static_cast<int64_t>(ns);
}

inline int64_t DaysToNs(double days) {
  static std::map<double, int64_t>* cache = new std::map<double, int64_t>();
  auto it = cache->find(days);
  if (it != cache->end()) return it->second;
  if (!(days > 0) || !std::isfinite(days)) throw std::logic_error("days must be positive");
  const int64_t ns = DecimalDaysToNs(ojson(days).dump());
  (*cache)[days] = ns;
  return ns;
}

// t in (now - days, now], without overflow for any two engine times.
inline bool InWindow(int64_t t, int64_t now, double days) {
  return t <= now && now - t < DaysToNs(days);
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

struct OVal {
  enum Kind { kNull, kBool, kNum, kStr, kArr } k = kNull;
  bool b = false;
  double n = 0;
  std::string s;
  std::vector<OVal> arr;
};

inline OVal VNull() { return OVal{}; }
inline OVal VBool(bool b) { OVal v; v.k = OVal::kBool; v.b = b; return v; }
inline OVal VNum(double n) { OVal v; v.k = OVal::kNum; v.n = n; return v; }
inline OVal VStr(std::string s) { OVal v; v.k = OVal::kStr; v.s = std::move(s); return v; }
inline OVal VArr(std::vector<OVal> a) { OVal v; v.k = OVal::kArr; v.arr = std::move(a); return v; }

inline ojson ToJson(const OVal& v) {
  switch (v.k) {
    case OVal::kNull: return nullptr;
    case OVal::kBool: return v.b;
    case OVal::kNum: return v.n;
    case OVal::kStr: return v.s;
    case OVal::kArr: {
      ojson a = ojson::array();
      for (const auto& e : v.arr) a.push_back(ToJson(e));
      return a;
    }
  }
  return nullptr;
}

using Attrs = std::map<std::string, OVal>;  // a null entry counts as missing

inline ojson ToJson(const Attrs& a) {
  ojson o = ojson::object();
  for (const auto& [k, v] : a) o[k] = ToJson(v);
  return o;
}

// ASCII-only case folding (spec 8, "Case").
inline std::string Fold(const std::string& s) {
  std::string r = s;
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

// ---------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------

struct Cond {
  enum Kind { kAll, kAny, kNot, kAttr, kProp, kScore, kGrade, kEvent } k = kAll;
  std::string name;  // attr/prop name, dimension or "total", event type
  std::string op;    // eq, in, gte, lt, contains, exists
  OVal arg;          // `in`: an array
  double days = 0;   // event leaf
  int at_least = 1;
  bool at_least_given = false;
  std::vector<Cond> kids;
};

inline ojson ToJson(const Cond& c) {
  ojson o = ojson::object();
  switch (c.k) {
    case Cond::kAll:
    case Cond::kAny: {
      ojson a = ojson::array();
      for (const auto& k : c.kids) a.push_back(ToJson(k));
      o[c.k == Cond::kAll ? "all" : "any"] = a;
      break;
    }
    case Cond::kNot: o["not"] = ToJson(c.kids.at(0)); break;
    case Cond::kAttr: o["attr"] = c.name; o[c.op] = ToJson(c.arg); break;
    case Cond::kProp: o["prop"] = c.name; o[c.op] = ToJson(c.arg); break;
    case Cond::kScore: o["score"] = c.name; o[c.op] = ToJson(c.arg); break;
    case Cond::kGrade: o["grade"] = c.name; o[c.op] = ToJson(c.arg); break;
    case Cond::kEvent:
      o["event"] = c.name;
      o["within_days"] = c.days;
      if (c.at_least_given) o["at_least"] = c.at_least;
      break;
  }
  return o;
}

// One scalar against one operator (spec 3.2, 8 "Types").
inline bool ScalarOp(const std::string& op, const OVal& v, const OVal& arg) {
  if (op == "eq") {
    if (v.k != arg.k) return false;
    switch (v.k) {
      case OVal::kBool: return v.b == arg.b;
      case OVal::kNum: return v.n == arg.n;
      case OVal::kStr: return Fold(v.s) == Fold(arg.s);
      default: return false;
    }
  }
  if (op == "in") {
    for (const auto& e : arg.arr) {
      if (ScalarOp("eq", v, e)) return true;
    }
    return false;
  }
  if (op == "gte") return v.k == OVal::kNum && v.n >= arg.n;
  if (op == "lt") return v.k == OVal::kNum && v.n < arg.n;
  if (op == "contains") {
    return v.k == OVal::kStr && Fold(v.s).find(Fold(arg.s)) != std::string::npos;
  }
  return false;
}

// A leaf on a value that may be missing (nullptr) or null.
inline bool LeafOnValue(const std::string& op, const OVal* v, const OVal& arg) {
  const bool missing = v == nullptr || v->k == OVal::kNull;
  if (op == "exists") return arg.b ? !missing : missing;
  if (missing) return false;
  if (v->k == OVal::kArr) {
    if (op != "eq" && op != "in" && op != "contains") return false;
    for (const auto& e : v->arr) {
      if (ScalarOp(op, e, arg)) return true;
    }
    return false;
  }
  return ScalarOp(op, *v, arg);
}

struct KEvent {  // a kept event
  std::optional<std::string> id;
  std::string type;
  int64_t at = 0;
  Attrs props;
};

struct EvalCtx {
  const Attrs* attrs = nullptr;
  const Attrs* props = nullptr;
  // Lifecycle conditions only:
  const std::vector<std::string>* dim_names = nullptr;
  const std::vector<long double>* scores = nullptr;  // clamped
  long double total = 0;
  const std::vector<std::optional<std::string>>* grades = nullptr;
  const std::vector<KEvent>* events = nullptr;
  size_t n_events = 0;  // the events processed so far: (*events)[0, n_events)
  int64_t now = 0;
};

inline const OVal* Lookup(const Attrs* a, const std::string& name) {
  if (a == nullptr) return nullptr;
  auto it = a->find(name);
  return it == a->end() ? nullptr : &it->second;
}

inline bool Eval(const Cond& c, const EvalCtx& x) {
  switch (c.k) {
    case Cond::kAll:
      for (const auto& k : c.kids) {
        if (!Eval(k, x)) return false;
      }
      return true;
    case Cond::kAny:
      for (const auto& k : c.kids) {
        if (Eval(k, x)) return true;
      }
      return false;
    case Cond::kNot: return !Eval(c.kids.at(0), x);
    case Cond::kAttr: return LeafOnValue(c.op, Lookup(x.attrs, c.name), c.arg);
    case Cond::kProp: return LeafOnValue(c.op, Lookup(x.props, c.name), c.arg);
    case Cond::kScore: {
      long double s = 0;
      if (c.name == "total") {
        s = x.total;
      } else {
        bool found = false;
        for (size_t i = 0; i < x.dim_names->size(); ++i) {
          if ((*x.dim_names)[i] == c.name) { s = (*x.scores)[i]; found = true; }
        }
        if (!found) throw std::logic_error("score leaf on unknown dimension " + c.name);
      }
      if (c.op == "gte") return s >= c.arg.n;
      if (c.op == "lt") return s < c.arg.n;
      throw std::logic_error("score op " + c.op);
    }
    case Cond::kGrade: {
      for (size_t i = 0; i < x.dim_names->size(); ++i) {
        if ((*x.dim_names)[i] != c.name) continue;
        const auto& g = (*x.grades)[i];
        if (!g) return false;  // no grade fails every grade leaf
        return ScalarOp(c.op, VStr(*g), c.arg);
      }
      throw std::logic_error("grade leaf on unknown dimension " + c.name);
    }
    case Cond::kEvent: {
      int n = 0;
      for (size_t i = 0; i < x.n_events; ++i) {
        const KEvent& e = (*x.events)[i];
        if (e.type == c.name && InWindow(e.at, x.now, c.days)) ++n;
      }
      return n >= c.at_least;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------

struct Grade {
  std::string grade;
  std::optional<double> min;
};

struct Dim {
  std::string name;
  std::optional<double> min, max, weight, half_life;
  std::vector<Grade> grades;
};

struct Rule {
  enum Kind { kAttribute, kEvent, kPattern } kind = kAttribute;
  std::string id;
  int dim = 0;
  double points = 0;
  std::vector<std::string> on;
  bool on_as_array = false;
  std::optional<Cond> when;
  std::optional<int> max_per_lead;
  std::optional<std::pair<int, double>> max_per_window;  // count, days
  std::optional<double> within_days;
  int pattern_at_least = 1;
  double pattern_days = 1;
};

struct Labeled {
  std::string name;  // stage or label
  Cond when;
};

struct Lifecycle {
  std::vector<std::string> stages;
  std::optional<bool> require_consent, forward_only;  // absent: default true
  std::vector<Labeled> thresholds;
  std::optional<Cond> disqualify_when;
  std::vector<Labeled> labels;
  std::vector<std::pair<std::string, std::vector<std::string>>> funnel;  // key order
  bool has_funnel = false;
};

struct OModel {
  std::string name = "oracle";
  std::vector<Dim> dims;
  std::vector<Rule> rules;
  std::optional<Lifecycle> lc;
};

inline ojson ToJson(const OModel& m) {
  ojson o = ojson::object();
  o["name"] = m.name;
  o["version"] = "1";
  ojson dims = ojson::array();
  for (const auto& d : m.dims) {
    ojson j = ojson::object();
    j["name"] = d.name;
    if (d.min) j["min"] = *d.min;
    if (d.max) j["max"] = *d.max;
    if (d.weight) j["weight"] = *d.weight;
    if (d.half_life) j["decay"] = {{"half_life_days", *d.half_life}};
    if (!d.grades.empty()) {
      ojson g = ojson::array();
      for (const auto& e : d.grades) {
        ojson ge = ojson::object();
        ge["grade"] = e.grade;
        if (e.min) ge["min"] = *e.min;
        g.push_back(ge);
      }
      j["grades"] = g;
    }
    dims.push_back(j);
  }
  o["dimensions"] = dims;
  ojson rules = ojson::array();
  for (const auto& r : m.rules) {
    ojson j = ojson::object();
    j["id"] = r.id;
    j["dimension"] = m.dims[r.dim].name;
    j["points"] = r.points;
    if (r.kind != Rule::kAttribute) {
      if (r.on_as_array || r.on.size() != 1) {
        j["on"] = r.on;
      } else {
        j["on"] = r.on[0];
      }
    }
    if (r.when) j["when"] = ToJson(*r.when);
    if (r.max_per_lead) j["max_per_lead"] = *r.max_per_lead;
    if (r.max_per_window) {
      j["max_per_window"] = {{"count", r.max_per_window->first},
                             {"days", r.max_per_window->second}};
    }
    if (r.within_days) j["within_days"] = *r.within_days;
    if (r.kind == Rule::kPattern) {
      j["pattern"] = {{"at_least", r.pattern_at_least}, {"within_days", r.pattern_days}};
    }
    rules.push_back(j);
  }
  o["rules"] = rules;
  if (m.lc) {
    const Lifecycle& lc = *m.lc;
    ojson l = ojson::object();
    l["stages"] = lc.stages;
    if (lc.require_consent) l["require_consent"] = *lc.require_consent;
    if (lc.forward_only) l["forward_only"] = *lc.forward_only;
    ojson th = ojson::array();
    for (const auto& t : lc.thresholds) th.push_back({{"stage", t.name}, {"when", ToJson(t.when)}});
    l["thresholds"] = th;
    if (lc.disqualify_when) l["disqualify_when"] = ToJson(*lc.disqualify_when);
    ojson lb = ojson::array();
    for (const auto& t : lc.labels) lb.push_back({{"label", t.name}, {"when", ToJson(t.when)}});
    l["labels"] = lb;
    if (lc.has_funnel) {
      ojson f = ojson::object();
      for (const auto& [k, v] : lc.funnel) f[k] = v;
      l["funnel"] = f;
    }
    o["lifecycle"] = l;
  }
  return o;
}

// ---------------------------------------------------------------------------
// Leads and events
// ---------------------------------------------------------------------------

struct OLead {
  std::string id;
  // Consent as the lead line would write it.
  enum ConsentForm { kMissing, kTrue, kFalse, kObject } consent_form = kMissing;
  bool granted = false;             // kObject
  std::optional<int64_t> granted_at;  // kObject
  std::optional<std::string> stage;
  Attrs attrs;

  bool GrantedAt(int64_t t) const {
    switch (consent_form) {
      case kMissing: return false;
      case kTrue: return true;
      case kFalse: return false;
      case kObject: return granted && (!granted_at || *granted_at <= t);
    }
    return false;
  }
};

struct OEvent {
  std::optional<std::string> id;
  std::string type;
  int64_t at = 0;
  Attrs props;
};

// ---------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------

struct OExplain {
  std::string rule, dimension;
  long double points = 0;
  std::optional<int64_t> events;
};

struct OResult {
  bool valid = false;
  std::vector<long double> scores;
  long double total = 0;
  std::vector<std::optional<std::string>> grades;
  std::optional<std::string> stage;
  std::optional<int64_t> stage_entered_at;
  std::vector<std::string> labels;
  std::optional<std::string> funnel;
  std::vector<OExplain> explain;
  size_t kept_events = 0;   // events kept (<= as_of, first copies)
  size_t dropped_copies = 0;  // copies at or before as_of dropped
};

// Sorts by (at, id with missing first, position) and keeps the first copy of
// every id among the events at or before as_of.
inline std::vector<KEvent> KeepEvents(const std::vector<OEvent>& input, int64_t as_of,
                                      size_t* dropped = nullptr) {
  std::vector<size_t> idx(input.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    const OEvent& x = input[a];
    const OEvent& y = input[b];
    if (x.at != y.at) return x.at < y.at;
    if (x.id.has_value() != y.id.has_value()) return !x.id.has_value();
    if (x.id && *x.id != *y.id) return *x.id < *y.id;  // std::string: bytewise
    return false;  // stable: position
  });
  std::vector<KEvent> out;
  std::set<std::string> seen;
  size_t drop = 0;
  for (size_t i : idx) {
    const OEvent& e = input[i];
    if (e.at > as_of) continue;
    if (e.id) {
      if (!seen.insert(*e.id).second) { ++drop; continue; }
    }
    out.push_back({e.id, e.type, e.at, e.props});
  }
  if (dropped) *dropped = drop;
  return out;
}

struct Snapshot {
  std::vector<long double> scores;  // clamped
  long double total = 0;
  std::vector<std::optional<std::string>> grades;
  std::vector<OExplain> explain;  // rules that hold or count an event
};

inline bool RuleMatches(const Rule& r, const OLead& lead, const KEvent& e) {
  if (std::find(r.on.begin(), r.on.end(), e.type) == r.on.end()) return false;
  if (!r.when) return true;
  EvalCtx x;
  x.attrs = &lead.attrs;
  x.props = &e.props;
  return Eval(*r.when, x);
}

// Everything at time `now` with the first `n` kept events, from scratch.
inline Snapshot TakeSnapshot(const OModel& m, const OLead& lead,
                             const std::vector<KEvent>& ev, size_t n, int64_t now) {
  Snapshot s;
  std::vector<long double> raw(m.dims.size(), 0.0L);
  for (const Rule& r : m.rules) {
    const Dim& d = m.dims[r.dim];
    switch (r.kind) {
      case Rule::kAttribute: {
        EvalCtx x;
        x.attrs = &lead.attrs;
        if (!r.when || Eval(*r.when, x)) {
          raw[r.dim] += r.points;
          s.explain.push_back({r.id, d.name, r.points, std::nullopt});
        }
        break;
      }
      case Rule::kPattern: {
        int c = 0;
        for (size_t i = 0; i < n; ++i) {
          if (InWindow(ev[i].at, now, r.pattern_days) && RuleMatches(r, lead, ev[i])) ++c;
        }
        if (c >= r.pattern_at_least) {
          raw[r.dim] += r.points;
          s.explain.push_back({r.id, d.name, r.points, std::nullopt});
        }
        break;
      }
      case Rule::kEvent: {
        int passed = 0;
        std::vector<int64_t> counted;  // times of events that passed both caps
        for (size_t i = 0; i < n; ++i) {
          const KEvent& e = ev[i];
          if (!RuleMatches(r, lead, e)) continue;
          if (r.max_per_lead) {
            if (passed >= *r.max_per_lead) continue;
            ++passed;
          }
          if (r.max_per_window) {
            int inwin = 0;
            for (int64_t t : counted) {
              if (InWindow(t, e.at, r.max_per_window->second)) ++inwin;
            }
            if (inwin >= r.max_per_window->first) continue;
          }
          counted.push_back(e.at);
        }
        long double pts = 0;
        int64_t cnt = 0;
        for (int64_t t : counted) {
          if (r.within_days && !InWindow(t, now, *r.within_days)) continue;
          long double f = 1;
          if (d.half_life) {
            f = std::pow(2.0L, -static_cast<long double>(now - t) /
                                   (static_cast<long double>(*d.half_life) * kNsPerDay));
          }
          pts += r.points * f;
          ++cnt;
        }
        if (cnt > 0) {
          raw[r.dim] += pts;
          s.explain.push_back({r.id, d.name, pts, cnt});
        }
        break;
      }
    }
  }
  s.scores.resize(m.dims.size());
  s.grades.resize(m.dims.size());
  for (size_t i = 0; i < m.dims.size(); ++i) {
    const Dim& d = m.dims[i];
    long double v = raw[i];
    if (d.min && v < *d.min) v = *d.min;
    if (d.max && v > *d.max) v = *d.max;
    s.scores[i] = v;
    s.total += static_cast<long double>(d.weight.value_or(1.0)) * v;
    for (const Grade& g : d.grades) {
      if (!g.min || *g.min <= v) { s.grades[i] = g.grade; break; }
    }
  }
  return s;
}

inline EvalCtx LifecycleCtx(const OModel& m, const OLead& lead, const Snapshot& s,
                            const std::vector<KEvent>& ev, size_t n, int64_t now,
                            std::vector<std::string>* dim_names) {
  dim_names->clear();
  for (const auto& d : m.dims) dim_names->push_back(d.name);
  EvalCtx x;
  x.attrs = &lead.attrs;
  x.dim_names = dim_names;
  x.scores = &s.scores;
  x.total = s.total;
  x.grades = &s.grades;
  x.events = &ev;
  x.n_events = n;
  x.now = now;
  return x;
}

inline int StageIndex(const Lifecycle& lc, const std::string& s) {
  for (size_t i = 0; i < lc.stages.size(); ++i) {
    if (lc.stages[i] == s) return static_cast<int>(i);
  }
  throw std::logic_error("unknown stage " + s);
}

inline OResult RunOracle(const OModel& m, const OLead& lead,
                         const std::vector<OEvent>& input, int64_t as_of) {
  OResult out;
  const std::vector<KEvent> ev = KeepEvents(input, as_of, &out.dropped_copies);
  out.kept_events = ev.size();
  const size_t n = ev.size();
  const Snapshot fin = TakeSnapshot(m, lead, ev, n, as_of);
  out.valid = lead.GrantedAt(as_of);
  out.scores = fin.scores;
  out.total = fin.total;
  out.grades = fin.grades;
  out.explain = fin.explain;
  if (!m.lc) return out;
  const Lifecycle& lc = *m.lc;
  std::vector<std::string> dim_names;

  // Classification moments: after each kept event, then as_of.
  std::vector<int> computed(n + 1, 0);
  std::vector<int64_t> when(n + 1, as_of);
  for (size_t k = 0; k <= n; ++k) {
    const size_t upto = k < n ? k + 1 : n;
    const int64_t now = k < n ? ev[k].at : as_of;
    when[k] = now;
    const Snapshot s = k < n ? TakeSnapshot(m, lead, ev, upto, now) : fin;
    const EvalCtx x = LifecycleCtx(m, lead, s, ev, upto, now, &dim_names);
    int best = 0;
    for (const Labeled& t : lc.thresholds) {
      if (Eval(t.when, x)) best = std::max(best, StageIndex(lc, t.name));
    }
    computed[k] = best;
  }
  std::vector<int> held = computed;
  if (lc.forward_only.value_or(true)) {
    for (size_t k = 1; k <= n; ++k) held[k] = std::max(held[k], held[k - 1]);
  }
  const int final_stage = held[n];
  size_t start = n;
  while (start > 0 && held[start - 1] == final_stage) --start;

  const EvalCtx x = LifecycleCtx(m, lead, fin, ev, n, as_of, &dim_names);
  for (const Labeled& l : lc.labels) {
    if (Eval(l.when, x)) out.labels.push_back(l.name);
  }
  std::optional<std::string> reported;
  if (lc.require_consent.value_or(true) && !out.valid) {
    out.stage = "invalid";
  } else if (lc.disqualify_when && !lead.stage && Eval(*lc.disqualify_when, x)) {
    out.stage = "disqualified";
  } else {
    const int host = lead.stage ? StageIndex(lc, *lead.stage) : -1;
    if (host >= final_stage) {
      out.stage = *lead.stage;
    } else {
      out.stage = lc.stages[final_stage];
      out.stage_entered_at = when[start];
    }
    for (const auto& [key, stages] : lc.funnel) {
      if (std::find(stages.begin(), stages.end(), *out.stage) != stages.end()) out.funnel = key;
    }
  }
  return out;
}

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

inline Cond ValueLeaf(Rng& rng, Cond::Kind kind, const AttrPool& p, bool allow_in_gte) {
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
  switch (rng.Pick(kinds)) {
    case 0: return ValueLeaf(rng, Cond::kAttr, rng.Pick(LeadAttrPools()), true);
    case 1: return ValueLeaf(rng, Cond::kProp, rng.Pick(PropPools()), true);
    case 2: {
      Cond c;
      c.k = Cond::kScore;
      c.name = rng.Chance(0.3) ? "total" : m.dims[rng.Int(0, static_cast<int>(m.dims.size()) - 1)].name;
      c.op = rng.Chance(0.75) ? "gte" : "lt";
      // Scores are sums of multiples of 0.5 (times weights that are multiples
      // of 0.5), so x.125 is never met exactly except through decay.
      c.arg = VNum(rng.Int(-10, 45) + (rng.Chance(0.5) ? 0.125 : -0.125));
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
    CondSpec s;
    s.attr = s.score = s.grade = s.event = true;
    const int nt = rng.Int(1, 5);
    for (int i = 0; i < nt; ++i) {
      Labeled t;
      t.name = lc.stages[rng.Chance(0.05) ? 0 : rng.Int(1, ns - 1)];
      t.when = RandomCond(rng, m, s, opt);
      lc.thresholds.push_back(t);
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

}  // namespace oracle

#endif  // LEADSCORE_TESTS_ORACLE_H_
