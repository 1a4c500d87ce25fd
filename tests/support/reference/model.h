// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference implementation's own model, lead and event structs (spec v1
// sections 1-3), and their JSON for the library (Model::FromJson) and for
// failure reports. model_json.h reads a model back from JSON.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_MODEL_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_MODEL_H_

#include <cstdint>
#include <locale>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "support/reference/values.h"

namespace reference {

// ---------------------------------------------------------------------------
// Conditions (spec 3.2)
// ---------------------------------------------------------------------------

struct Cond {
  // kStage, kDaysInStage: v1.1, {"stage": {op: arg}}, {"days_in_stage": {op: arg}}.
  enum Kind { kAll, kAny, kNot, kAttr, kProp, kScore, kGrade, kEvent, kStage, kDaysInStage } k = kAll;
  std::string name;  // attr/prop name, dimension or "total", event type
  std::string op;    // eq, ne, in, not_in, gt, gte, lt, lte, between, contains,
                     // contains_any, starts_with, ends_with, matches, exists
  OVal arg;          // in, not_in, between, contains_any: an array
  double days = 0;   // event leaf
  int at_least = 1;
  bool at_least_given = false;
  std::vector<Cond> kids;
  // `matches`: the pattern compiled on first use (std::regex, ECMAScript,
  // icase under the classic locale, which folds ASCII A-Z only).
  mutable std::shared_ptr<const std::regex> re;
};

inline const std::regex& Regex(const Cond& c) {
  if (!c.re) {
    auto re = std::make_shared<std::regex>();
    re->imbue(std::locale::classic());
    re->assign(c.arg.s, std::regex::ECMAScript | std::regex::icase);
    c.re = std::move(re);
  }
  return *c.re;
}

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
    case Cond::kStage: o["stage"] = ojson::object({{c.op, ToJson(c.arg)}}); break;
    case Cond::kDaysInStage: o["days_in_stage"] = ojson::object({{c.op, ToJson(c.arg)}}); break;
    case Cond::kEvent:
      o["event"] = c.name;
      o["within_days"] = c.days;
      if (c.at_least_given) o["at_least"] = c.at_least;
      break;
  }
  return o;
}

// ---------------------------------------------------------------------------
// Model (spec 3.1, 3.3, 5)
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
  int dim = 0;  // index into OModel::dims
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
  Labeled() = default;
  Labeled(std::string n, Cond w, std::optional<Cond> e = std::nullopt)
      : name(std::move(n)), when(std::move(w)), exit_when(std::move(e)) {}
  std::string name;  // stage or label
  Cond when;
  std::optional<Cond> exit_when;  // v1.1 thresholds
};

// A v1.1 recycle rule.
struct Recycle {
  std::string id;
  std::vector<std::string> from;
  std::string to;
  std::optional<double> inactive_days;
  std::optional<Cond> when;
};

struct Lifecycle {
  std::vector<std::string> stages;
  std::optional<bool> require_consent, forward_only;  // absent: default true
  std::vector<Labeled> thresholds;
  std::optional<Cond> disqualify_when;
  std::vector<Labeled> labels;
  std::vector<std::pair<std::string, std::vector<std::string>>> funnel;  // key order
  bool has_funnel = false;
  std::vector<Recycle> recycle;  // v1.1
};

struct OModel {
  std::string name = "oracle";
  std::string version = "1";
  std::vector<Dim> dims;
  std::vector<Rule> rules;
  std::optional<Lifecycle> lc;
};

inline ojson ToJson(const OModel& m) {
  ojson o = ojson::object();
  o["name"] = m.name;
  o["version"] = m.version;
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
    for (const auto& t : lc.thresholds) {
      ojson tj = {{"stage", t.name}, {"when", ToJson(t.when)}};
      if (t.exit_when) tj["exit_when"] = ToJson(*t.exit_when);
      th.push_back(tj);
    }
    l["thresholds"] = th;
    if (!lc.recycle.empty()) {
      ojson rc = ojson::array();
      for (const auto& r : lc.recycle) {
        ojson rj = {{"id", r.id}, {"from", r.from}, {"to", r.to}};
        if (r.inactive_days) rj["inactive_days"] = *r.inactive_days;
        if (r.when) rj["when"] = ToJson(*r.when);
        rc.push_back(rj);
      }
      l["recycle"] = rc;
    }
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
// Leads and events (spec 1, 2)
// ---------------------------------------------------------------------------

struct OLead {
  std::string id;
  // Consent as the lead line would write it.
  enum ConsentForm { kMissing, kTrue, kFalse, kObject } consent_form = kMissing;
  bool granted = false;               // kObject
  std::optional<int64_t> granted_at;  // kObject
  std::optional<std::string> stage;   // host-asserted
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

// An event of one lead (the lead is named by the caller).
struct OEvent {
  std::optional<std::string> id;
  std::string type;
  int64_t at = 0;  // Unix nanoseconds
  Attrs props;
};

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_MODEL_H_
