// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference for accounts (v1.1, docs/model-format.md "Accounts"), as
// naive as the rest: at every account classification moment every member's
// scores are recomputed from its first event (whole_history.h's
// TakeSnapshot), who counts is judged again, and the account's dimensions,
// stage and labels computed from scratch. Shares nothing with the library
// but the docs; the oracle of tests/core/accounts_oracle_test.cc.
//
// A v1.1 model document is split (SplitAccountModel) into its v1 part, read
// by model_json.h's ReadModel, its `accounts` section and the lead labels
// that read the account (each a single account_score or account_stage leaf,
// after every v1 label, which is all the generated models use).

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_ACCOUNTS_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_ACCOUNTS_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "support/reference/evaluate.h"
#include "support/reference/model.h"
#include "support/reference/model_json.h"
#include "support/reference/scoring.h"
#include "support/reference/whole_history.h"

namespace reference {

struct OAccountDim {
  Dim dim;
  enum Source { kNone, kFrom, kCoverage } source = kNone;
  std::string score;      // kFrom: lead dimension or "total"
  std::string aggregate;  // sum, max, top_k_mean
  int k = 0;
  std::optional<double> lead_cap;
  std::string attr;             // kCoverage
  std::optional<Cond> where;
  double points = 1;
};

struct OAccountRule {
  std::string id;
  int dim = 0;
  double points = 0;
  std::optional<Cond> when;
};

struct OAccounts {
  std::vector<OAccountDim> dims;
  std::vector<OAccountRule> rules;
  std::optional<Lifecycle> lc;  // stages, forward_only, thresholds, labels
  std::vector<std::string> DimNames() const {
    std::vector<std::string> n;
    for (const auto& d : dims) n.push_back(d.dim.name);
    return n;
  }
};

// A lead label reading its account: one account_score or account_stage leaf.
struct OAccountLabel {
  std::string label;
  bool stage = false;
  std::string dim;  // account_score: an account dimension or "total"
  std::string op;
  OVal arg;
};

struct OAccount {
  std::string id;
  Attrs attrs;
  std::optional<std::string> stage;
};

inline OAccounts ReadAccounts(const ojson& j) {
  OAccounts a;
  for (const ojson& d : j.at("dimensions")) {
    OAccountDim ad;
    ad.dim.name = d.at("name").get<std::string>();
    if (d.contains("min")) ad.dim.min = d.at("min").get<double>();
    if (d.contains("max")) ad.dim.max = d.at("max").get<double>();
    if (d.contains("weight")) ad.dim.weight = d.at("weight").get<double>();
    if (d.contains("grades")) {
      for (const ojson& g : d.at("grades")) {
        Grade grade;
        grade.grade = g.at("grade").get<std::string>();
        if (g.contains("min")) grade.min = g.at("min").get<double>();
        ad.dim.grades.push_back(grade);
      }
    }
    if (d.contains("from")) {
      const ojson& f = d.at("from");
      ad.source = OAccountDim::kFrom;
      ad.score = f.at("score").get<std::string>();
      ad.aggregate = f.at("aggregate").get<std::string>();
      if (f.contains("k")) ad.k = f.at("k").get<int>();
      if (f.contains("lead_cap")) ad.lead_cap = f.at("lead_cap").get<double>();
    } else if (d.contains("coverage")) {
      const ojson& c = d.at("coverage");
      ad.source = OAccountDim::kCoverage;
      ad.attr = c.at("attr").get<std::string>();
      if (c.contains("where")) ad.where = model_json_internal::ReadCond(c.at("where"), "/where");
      if (c.contains("points")) ad.points = c.at("points").get<double>();
    }
    a.dims.push_back(ad);
  }
  const std::vector<std::string> names = a.DimNames();
  if (j.contains("rules")) {
    for (const ojson& r : j.at("rules")) {
      OAccountRule rule;
      rule.id = r.at("id").get<std::string>();
      rule.dim = static_cast<int>(
          std::find(names.begin(), names.end(), r.at("dimension").get<std::string>()) -
          names.begin());
      rule.points = r.at("points").get<double>();
      if (r.contains("when")) rule.when = model_json_internal::ReadCond(r.at("when"), "/when");
      a.rules.push_back(rule);
    }
  }
  if (j.contains("lifecycle")) {
    const ojson& l = j.at("lifecycle");
    Lifecycle lc;
    lc.stages = l.at("stages").get<std::vector<std::string>>();
    if (l.contains("forward_only")) lc.forward_only = l.at("forward_only").get<bool>();
    if (l.contains("thresholds")) {
      for (const ojson& t : l.at("thresholds")) {
        lc.thresholds.push_back({t.at("stage").get<std::string>(), model_json_internal::ReadCond(t.at("when"), "/t")});
      }
    }
    if (l.contains("labels")) {
      for (const ojson& t : l.at("labels")) {
        lc.labels.push_back({t.at("label").get<std::string>(), model_json_internal::ReadCond(t.at("when"), "/l")});
      }
    }
    a.lc = lc;
  }
  return a;
}

// The v1 part of `doc` (for ReadModel); its accounts and account labels go
// to `accounts` and `labels`.
inline ojson SplitAccountModel(ojson doc, OAccounts* accounts, std::vector<OAccountLabel>* labels) {
  *accounts = ReadAccounts(doc.at("accounts"));
  doc.erase("accounts");
  labels->clear();
  if (doc.contains("lifecycle") && doc["lifecycle"].contains("labels")) {
    ojson kept = ojson::array();
    for (const ojson& l : doc["lifecycle"]["labels"]) {
      const ojson& w = l.at("when");
      if (w.contains("account_score")) {
        OAccountLabel a;
        a.label = l.at("label").get<std::string>();
        a.dim = w.at("account_score").get<std::string>();
        for (const auto& [k, v] : w.items()) {
          if (k != "account_score") { a.op = k; a.arg = ValueFromJson(v); }
        }
        labels->push_back(a);
      } else if (w.contains("account_stage")) {
        OAccountLabel a;
        a.label = l.at("label").get<std::string>();
        a.stage = true;
        for (const auto& [k, v] : w.at("account_stage").items()) { a.op = k; a.arg = ValueFromJson(v); }
        labels->push_back(a);
      } else {
        kept.push_back(l);
      }
    }
    doc["lifecycle"]["labels"] = kept;
  }
  return doc;
}

struct OAccountSnap {
  std::vector<long double> scores;
  long double total = 0;
  std::vector<std::optional<std::string>> grades;
  size_t counting = 0;
};

struct OAccountResult {
  size_t leads = 0, counting = 0;
  std::vector<long double> scores;
  long double total = 0;
  std::vector<std::optional<std::string>> grades;
  std::optional<std::string> stage;
  std::optional<int64_t> entered;
  std::vector<std::string> labels;
};

// The account at `now`, member i having processed its first n[i] kept events.
inline OAccountSnap AccountSnapAt(const OModel& m, const OAccounts& a, const OAccount& acct,
                                  const std::vector<const OLead*>& members,
                                  const std::vector<std::vector<KEvent>>& kept,
                                  const std::vector<size_t>& n, int64_t now) {
  // Counting members and their scores, recomputed from scratch.
  std::vector<size_t> counting;
  std::vector<Snapshot> snaps(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    const OLead& lead = *members[i];
    snaps[i] = TakeSnapshot(m, lead, kept[i], n[i], now);
    if (!lead.GrantedAt(now)) continue;
    if (m.lc && m.lc->disqualify_when && !lead.stage) {
      std::vector<std::string> names;
      const EvalCtx x = LifecycleCtx(m, lead, snaps[i], kept[i], n[i], now, &names);
      if (Eval(*m.lc->disqualify_when, x)) continue;
    }
    counting.push_back(i);
  }
  std::vector<long double> raw(a.dims.size(), 0.0L);
  for (size_t d = 0; d < a.dims.size(); ++d) {
    const OAccountDim& ad = a.dims[d];
    if (ad.source == OAccountDim::kFrom) {
      std::vector<long double> values;
      for (size_t i : counting) {
        long double v = snaps[i].total;
        if (ad.score != "total") {
          for (size_t k = 0; k < m.dims.size(); ++k) {
            if (m.dims[k].name == ad.score) v = snaps[i].scores[k];
          }
        }
        if (ad.lead_cap && v > *ad.lead_cap) v = *ad.lead_cap;
        values.push_back(v);
      }
      if (ad.aggregate == "sum") {
        for (long double v : values) raw[d] += v;
      } else if (ad.aggregate == "max") {
        if (!values.empty()) raw[d] = *std::max_element(values.begin(), values.end());
      } else {  // top_k_mean: the k largest, the missing as 0, over k
        std::sort(values.rbegin(), values.rend());
        long double sum = 0;
        for (int i = 0; i < ad.k && i < static_cast<int>(values.size()); ++i) sum += values[i];
        raw[d] = sum / ad.k;
      }
    } else if (ad.source == OAccountDim::kCoverage) {
      std::set<std::string> seen;
      for (size_t i : counting) {
        const OLead& lead = *members[i];
        if (ad.where) {
          std::vector<std::string> names;
          const EvalCtx x = LifecycleCtx(m, lead, snaps[i], kept[i], n[i], now, &names);
          if (!Eval(*ad.where, x)) continue;
        }
        auto it = lead.attrs.find(ad.attr);
        if (it == lead.attrs.end()) continue;
        if (it->second.k == OVal::kStr) seen.insert(Fold(it->second.s));
        if (it->second.k == OVal::kArr) {
          for (const OVal& e : it->second.arr) {
            if (e.k == OVal::kStr) seen.insert(Fold(e.s));
          }
        }
      }
      raw[d] = static_cast<long double>(seen.size()) * ad.points;
    }
  }
  for (const OAccountRule& r : a.rules) {
    EvalCtx x;
    x.attrs = &acct.attrs;
    if (!r.when || Eval(*r.when, x)) raw[r.dim] += r.points;
  }
  OAccountSnap s;
  s.counting = counting.size();
  s.scores.resize(a.dims.size());
  s.grades.resize(a.dims.size());
  for (size_t d = 0; d < a.dims.size(); ++d) {
    const Dim& dim = a.dims[d].dim;
    long double v = raw[d];
    if (dim.min && v < *dim.min) v = *dim.min;
    if (dim.max && v > *dim.max) v = *dim.max;
    s.scores[d] = v;
    s.total += static_cast<long double>(dim.weight.value_or(1.0)) * v;
    for (const Grade& g : dim.grades) {
      if (!g.min || *g.min <= v) { s.grades[d] = g.grade; break; }
    }
  }
  return s;
}

inline EvalCtx AccountCtx(const OAccount& acct, const OAccountSnap& s,
                          const std::vector<std::string>* names) {
  EvalCtx x;
  x.attrs = &acct.attrs;
  x.dim_names = names;
  x.scores = &s.scores;
  x.total = s.total;
  x.grades = &s.grades;
  return x;
}

// The account's scorecard as of `as_of` from its members' whole histories
// (members in leads order).
inline OAccountResult ScoreAccountWholeHistory(const OModel& m, const OAccounts& a,
                                               const OAccount& acct,
                                               const std::vector<const OLead*>& members,
                                               const std::vector<std::vector<OEvent>>& events,
                                               int64_t as_of) {
  std::vector<std::vector<KEvent>> kept;
  std::vector<std::tuple<int64_t, size_t, size_t>> moments;  // (at, member, index)
  for (size_t i = 0; i < members.size(); ++i) {
    kept.push_back(KeepEvents(events[i], as_of));
    for (size_t k = 0; k < kept[i].size(); ++k) moments.emplace_back(kept[i][k].at, i, k);
  }
  std::sort(moments.begin(), moments.end());
  const std::vector<std::string> names = a.DimNames();
  std::vector<int> held;
  std::vector<int64_t> when;
  std::vector<size_t> n(members.size(), 0);
  auto stage_at = [&](int64_t now) {
    const OAccountSnap s = AccountSnapAt(m, a, acct, members, kept, n, now);
    const EvalCtx x = AccountCtx(acct, s, &names);
    int best = 0;
    for (const Labeled& t : a.lc->thresholds) {
      if (Eval(t.when, x)) best = std::max(best, StageIndex(*a.lc, t.name));
    }
    return best;
  };
  if (a.lc) {
    for (const auto& [at, i, k] : moments) {
      n[i] = k + 1;
      held.push_back(stage_at(at));
      when.push_back(at);
    }
  }
  for (size_t i = 0; i < members.size(); ++i) n[i] = kept[i].size();
  const OAccountSnap fin = AccountSnapAt(m, a, acct, members, kept, n, as_of);
  OAccountResult out;
  out.leads = members.size();
  out.counting = fin.counting;
  out.scores = fin.scores;
  out.total = fin.total;
  out.grades = fin.grades;
  if (!a.lc) return out;
  held.push_back(stage_at(as_of));
  when.push_back(as_of);
  if (a.lc->forward_only.value_or(true)) {
    for (size_t k = 1; k < held.size(); ++k) held[k] = std::max(held[k], held[k - 1]);
  }
  size_t start = held.size() - 1;
  while (start > 0 && held[start - 1] == held.back()) --start;
  const int host = acct.stage ? StageIndex(*a.lc, *acct.stage) : -1;
  if (host >= held.back()) {
    out.stage = *acct.stage;
  } else {
    out.stage = a.lc->stages[held.back()];
    out.entered = when[start];
  }
  const EvalCtx x = AccountCtx(acct, fin, &names);
  for (const Labeled& l : a.lc->labels) {
    if (Eval(l.when, x)) out.labels.push_back(l.name);
  }
  return out;
}

// Whether a lead label reading the account holds (`account` null: the lead
// has none, and every such leaf fails).
inline bool AccountLabelHolds(const OAccountLabel& l, const OAccounts& a,
                              const OAccountResult* account) {
  if (account == nullptr) return false;
  if (l.stage) {
    if (!account->stage) return false;
    std::vector<std::string> args;
    if (l.arg.k == OVal::kArr) {
      for (const OVal& v : l.arg.arr) args.push_back(v.s);
    } else {
      args.push_back(l.arg.s);
    }
    const bool in = std::find(args.begin(), args.end(), *account->stage) != args.end();
    return (l.op == "eq" || l.op == "in") ? in : !in;
  }
  long double v = account->total;
  const std::vector<std::string> names = a.DimNames();
  for (size_t d = 0; d < names.size(); ++d) {
    if (names[d] == l.dim) v = account->scores[d];
  }
  return NumberOp(l.op, v, l.arg);
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_ACCOUNTS_H_
