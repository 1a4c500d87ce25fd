// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reads a spec-v1 model (section 3) from its JSON text into the reference
// implementation's structs, independently of the library's loader: the
// models of bench/workload.h, the bundled examples/models/*.json and any
// generated model.
//
// It reads valid models; it does not validate them as the library must (a
// `score` leaf outside the lifecycle, say, is the library's load error, not
// this reader's). It refuses, with the JSON pointer and the reason, what the
// reference cannot evaluate faithfully: unknown keys, values of the wrong
// JSON type, unknown dimensions or stages, unknown operators, and `matches`
// patterns that use RE2-only syntax (`(?`, `\p`, `\P`, `\A`, `\z`, `\Q`) or
// that std::regex (ECMAScript) cannot compile.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_MODEL_JSON_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_MODEL_JSON_H_

#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/reference/model.h"
#include "support/reference/values.h"

namespace reference {
namespace model_json_internal {

struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void Refuse(const std::string& pointer, const std::string& what) {
  throw Refused(pointer + ": " + what);
}

inline void OnlyKeys(const ojson& j, const std::string& at, std::set<std::string> keys) {
  if (!j.is_object()) Refuse(at, "expected an object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!keys.count(it.key())) Refuse(at + "/" + it.key(), "unknown key");
  }
}

inline const ojson& Need(const ojson& j, const std::string& at, const char* key) {
  if (!j.contains(key)) Refuse(at, std::string("missing required key '") + key + "'");
  return j.at(key);
}

inline double Number(const ojson& j, const std::string& at) {
  if (!j.is_number()) Refuse(at, "expected a number");
  return j.get<double>();
}

inline int Integer(const ojson& j, const std::string& at) {
  if (!j.is_number_integer()) Refuse(at, "expected an integer");
  return j.get<int>();
}

inline std::string String(const ojson& j, const std::string& at) {
  if (!j.is_string()) Refuse(at, "expected a string");
  return j.get<std::string>();
}

inline bool Bool(const ojson& j, const std::string& at) {
  if (!j.is_boolean()) Refuse(at, "expected true or false");
  return j.get<bool>();
}

inline Cond ReadCond(const ojson& j, const std::string& at) {
  if (!j.is_object()) Refuse(at, "expected a condition object");
  Cond c;
  for (const char* comb : {"all", "any"}) {
    if (!j.contains(comb)) continue;
    OnlyKeys(j, at, {comb});
    c.k = std::string(comb) == "all" ? Cond::kAll : Cond::kAny;
    const ojson& kids = j.at(comb);
    if (!kids.is_array()) Refuse(at + "/" + comb, "expected an array of conditions");
    for (size_t i = 0; i < kids.size(); ++i) {
      c.kids.push_back(ReadCond(kids[i], at + "/" + comb + "/" + std::to_string(i)));
    }
    return c;
  }
  if (j.contains("not")) {
    OnlyKeys(j, at, {"not"});
    c.k = Cond::kNot;
    c.kids.push_back(ReadCond(j.at("not"), at + "/not"));
    return c;
  }
  for (const auto& [key, kind] : {std::make_pair("stage", Cond::kStage),
                                  std::make_pair("days_in_stage", Cond::kDaysInStage)}) {
    if (!j.contains(key)) continue;
    OnlyKeys(j, at, {key});
    const ojson& o = j.at(key);
    const std::string here = at + "/" + key;
    if (!o.is_object() || o.size() != 1) Refuse(here, "expected {OP: ARG}");
    c.k = kind;
    c.op = o.begin().key();
    c.arg = ValueFromJson(o.begin().value());
    return c;
  }
  static const std::pair<const char*, Cond::Kind> kSubjects[] = {
      {"attr", Cond::kAttr}, {"prop", Cond::kProp}, {"score", Cond::kScore},
      {"grade", Cond::kGrade}, {"event", Cond::kEvent}};
  std::string subject;
  for (const auto& [key, kind] : kSubjects) {
    if (!j.contains(key)) continue;
    if (!subject.empty()) Refuse(at, "a leaf names one subject, not '" + subject + "' and '" + key + "'");
    subject = key;
    c.k = kind;
    c.name = String(j.at(key), at + "/" + key);
  }
  if (subject.empty()) Refuse(at, "expected all, any, not or a leaf (attr, prop, score, grade, event)");
  if (c.k == Cond::kEvent) {
    OnlyKeys(j, at, {"event", "within_days", "at_least"});
    c.days = Number(Need(j, at, "within_days"), at + "/within_days");
    if (j.contains("at_least")) {
      c.at_least = Integer(j.at("at_least"), at + "/at_least");
      c.at_least_given = true;
    }
    return c;
  }
  static const std::set<std::string> kOps = {
      "eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between", "contains",
      "contains_any", "starts_with", "ends_with", "matches", "exists"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == subject) continue;
    const std::string here = at + "/" + it.key();
    if (!kOps.count(it.key())) Refuse(here, "operator not supported by the reference");
    if (!c.op.empty()) Refuse(here, "a leaf has one operator, not '" + c.op + "' and '" + it.key() + "'");
    c.op = it.key();
    if (it.value().is_object()) Refuse(here, "expected a value, not an object");
    c.arg = ValueFromJson(it.value());
  }
  if (c.op.empty()) Refuse(at, "the leaf has no operator");
  const std::string here = at + "/" + c.op;
  const bool array_arg = c.op == "in" || c.op == "not_in" || c.op == "contains_any" ||
                         c.op == "between";
  if (array_arg != (c.arg.k == OVal::kArr)) {
    Refuse(here, array_arg ? "expected an array" : "expected a scalar");
  }
  if (c.op == "exists" && c.arg.k != OVal::kBool) Refuse(here, "expected true or false");
  if (c.op == "between" && (c.arg.arr.size() != 2 || c.arg.arr[0].k != OVal::kNum ||
                            c.arg.arr[1].k != OVal::kNum)) {
    Refuse(here, "expected [lo, hi]");
  }
  if (c.op == "matches") {
    if (c.arg.k != OVal::kStr) Refuse(here, "expected a string");
    for (const char* re2_only : {"(?", "\\p", "\\P", "\\A", "\\z", "\\Q"}) {
      if (c.arg.s.find(re2_only) != std::string::npos) {
        Refuse(here, std::string("RE2-only syntax '") + re2_only +
                         "' is not supported by the reference (std::regex, ECMAScript)");
      }
    }
    try {
      Regex(c);
    } catch (const std::regex_error& e) {
      Refuse(here, std::string("std::regex cannot compile the pattern: ") + e.what());
    }
  }
  return c;
}

inline std::vector<std::string> Strings(const ojson& j, const std::string& at) {
  if (!j.is_array()) Refuse(at, "expected an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) out.push_back(String(j[i], at + "/" + std::to_string(i)));
  return out;
}

inline OModel ReadModel(const ojson& j) {
  OModel m;
  OnlyKeys(j, "", {"name", "version", "description", "dimensions", "rules", "lifecycle"});
  if (j.contains("name")) m.name = String(j.at("name"), "/name");
  if (j.contains("version")) m.version = String(j.at("version"), "/version");
  const ojson& dims = Need(j, "", "dimensions");
  if (!dims.is_array()) Refuse("/dimensions", "expected an array");
  for (size_t i = 0; i < dims.size(); ++i) {
    const std::string at = "/dimensions/" + std::to_string(i);
    const ojson& d = dims[i];
    OnlyKeys(d, at, {"name", "description", "min", "max", "weight", "decay", "grades"});
    Dim dim;
    dim.name = String(Need(d, at, "name"), at + "/name");
    if (d.contains("min")) dim.min = Number(d.at("min"), at + "/min");
    if (d.contains("max")) dim.max = Number(d.at("max"), at + "/max");
    if (d.contains("weight")) dim.weight = Number(d.at("weight"), at + "/weight");
    if (d.contains("decay")) {
      OnlyKeys(d.at("decay"), at + "/decay", {"half_life_days"});
      dim.half_life = Number(Need(d.at("decay"), at + "/decay", "half_life_days"),
                             at + "/decay/half_life_days");
    }
    if (d.contains("grades")) {
      const ojson& g = d.at("grades");
      if (!g.is_array()) Refuse(at + "/grades", "expected an array");
      for (size_t k = 0; k < g.size(); ++k) {
        const std::string gat = at + "/grades/" + std::to_string(k);
        OnlyKeys(g[k], gat, {"grade", "min"});
        Grade gr;
        gr.grade = String(Need(g[k], gat, "grade"), gat + "/grade");
        if (g[k].contains("min")) gr.min = Number(g[k].at("min"), gat + "/min");
        dim.grades.push_back(gr);
      }
    }
    m.dims.push_back(dim);
  }
  const ojson& rules = Need(j, "", "rules");
  if (!rules.is_array()) Refuse("/rules", "expected an array");
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string at = "/rules/" + std::to_string(i);
    const ojson& r = rules[i];
    OnlyKeys(r, at, {"id", "description", "dimension", "points", "on", "when", "max_per_lead",
                     "max_per_window", "within_days", "pattern"});
    Rule rule;
    rule.id = String(Need(r, at, "id"), at + "/id");
    const std::string dim = String(Need(r, at, "dimension"), at + "/dimension");
    rule.dim = -1;
    for (size_t d = 0; d < m.dims.size(); ++d) {
      if (m.dims[d].name == dim) rule.dim = static_cast<int>(d);
    }
    if (rule.dim < 0) Refuse(at + "/dimension", "unknown dimension '" + dim + "'");
    rule.points = Number(Need(r, at, "points"), at + "/points");
    if (r.contains("on")) {
      rule.kind = r.contains("pattern") ? Rule::kPattern : Rule::kEvent;
      if (r.at("on").is_string()) {
        rule.on.push_back(r.at("on").get<std::string>());
      } else {
        rule.on = Strings(r.at("on"), at + "/on");
        rule.on_as_array = true;
      }
    } else {
      for (const char* k : {"max_per_lead", "max_per_window", "within_days", "pattern"}) {
        if (r.contains(k)) Refuse(at + "/" + k, "only for event and pattern rules (no 'on')");
      }
    }
    if (r.contains("when")) rule.when = ReadCond(r.at("when"), at + "/when");
    if (r.contains("max_per_lead")) {
      rule.max_per_lead = Integer(r.at("max_per_lead"), at + "/max_per_lead");
    }
    if (r.contains("max_per_window")) {
      const ojson& w = r.at("max_per_window");
      const std::string wat = at + "/max_per_window";
      OnlyKeys(w, wat, {"count", "days"});
      rule.max_per_window = std::make_pair(Integer(Need(w, wat, "count"), wat + "/count"),
                                           Number(Need(w, wat, "days"), wat + "/days"));
    }
    if (r.contains("within_days")) {
      rule.within_days = Number(r.at("within_days"), at + "/within_days");
    }
    if (r.contains("pattern")) {
      const ojson& p = r.at("pattern");
      const std::string pat = at + "/pattern";
      OnlyKeys(p, pat, {"at_least", "within_days"});
      rule.pattern_at_least = Integer(Need(p, pat, "at_least"), pat + "/at_least");
      rule.pattern_days = Number(Need(p, pat, "within_days"), pat + "/within_days");
    }
    m.rules.push_back(std::move(rule));
  }
  if (j.contains("lifecycle")) {
    const ojson& l = j.at("lifecycle");
    OnlyKeys(l, "/lifecycle", {"stages", "require_consent", "forward_only", "thresholds",
                               "disqualify_when", "labels", "funnel", "recycle"});
    Lifecycle lc;
    lc.stages = Strings(Need(l, "/lifecycle", "stages"), "/lifecycle/stages");
    auto stage_known = [&](const std::string& s, const std::string& at) {
      if (std::find(lc.stages.begin(), lc.stages.end(), s) == lc.stages.end()) {
        Refuse(at, "stage '" + s + "' is not in /lifecycle/stages");
      }
    };
    if (l.contains("require_consent")) {
      lc.require_consent = Bool(l.at("require_consent"), "/lifecycle/require_consent");
    }
    if (l.contains("forward_only")) {
      lc.forward_only = Bool(l.at("forward_only"), "/lifecycle/forward_only");
    }
    const ojson& th = Need(l, "/lifecycle", "thresholds");
    if (!th.is_array()) Refuse("/lifecycle/thresholds", "expected an array");
    for (size_t i = 0; i < th.size(); ++i) {
      const std::string at = "/lifecycle/thresholds/" + std::to_string(i);
      OnlyKeys(th[i], at, {"stage", "when", "exit_when"});
      Labeled t;
      t.name = String(Need(th[i], at, "stage"), at + "/stage");
      stage_known(t.name, at + "/stage");
      t.when = ReadCond(Need(th[i], at, "when"), at + "/when");
      if (th[i].contains("exit_when")) {
        t.exit_when = ReadCond(th[i].at("exit_when"), at + "/exit_when");
      }
      lc.thresholds.push_back(std::move(t));
    }
    if (l.contains("recycle")) {
      const ojson& rc = l.at("recycle");
      if (!rc.is_array()) Refuse("/lifecycle/recycle", "expected an array");
      for (size_t i = 0; i < rc.size(); ++i) {
        const std::string at = "/lifecycle/recycle/" + std::to_string(i);
        OnlyKeys(rc[i], at, {"id", "description", "from", "to", "inactive_days", "when"});
        Recycle r;
        r.id = String(Need(rc[i], at, "id"), at + "/id");
        r.from = Strings(Need(rc[i], at, "from"), at + "/from");
        for (size_t k = 0; k < r.from.size(); ++k) stage_known(r.from[k], at + "/from/" + std::to_string(k));
        r.to = String(Need(rc[i], at, "to"), at + "/to");
        stage_known(r.to, at + "/to");
        if (rc[i].contains("inactive_days")) {
          r.inactive_days = Number(rc[i].at("inactive_days"), at + "/inactive_days");
        }
        if (rc[i].contains("when")) r.when = ReadCond(rc[i].at("when"), at + "/when");
        lc.recycle.push_back(std::move(r));
      }
    }
    if (l.contains("disqualify_when")) {
      lc.disqualify_when = ReadCond(l.at("disqualify_when"), "/lifecycle/disqualify_when");
    }
    if (l.contains("labels")) {
      const ojson& lb = l.at("labels");
      if (!lb.is_array()) Refuse("/lifecycle/labels", "expected an array");
      for (size_t i = 0; i < lb.size(); ++i) {
        const std::string at = "/lifecycle/labels/" + std::to_string(i);
        OnlyKeys(lb[i], at, {"label", "when"});
        Labeled t;
        t.name = String(Need(lb[i], at, "label"), at + "/label");
        t.when = ReadCond(Need(lb[i], at, "when"), at + "/when");
        lc.labels.push_back(std::move(t));
      }
    }
    if (l.contains("funnel")) {
      const ojson& f = l.at("funnel");
      if (!f.is_object()) Refuse("/lifecycle/funnel", "expected an object");
      lc.has_funnel = true;
      for (auto it = f.begin(); it != f.end(); ++it) {
        const std::string at = "/lifecycle/funnel/" + it.key();
        std::vector<std::string> stages = Strings(it.value(), at);
        for (size_t i = 0; i < stages.size(); ++i) stage_known(stages[i], at + "/" + std::to_string(i));
        lc.funnel.emplace_back(it.key(), std::move(stages));
      }
    }
    m.lc = std::move(lc);
  }
  return m;
}

}  // namespace model_json_internal

// The model in `json_text`, or nullopt with `*error` set to
// "JSON_POINTER: what is wrong" (or the JSON parser's message).
inline std::optional<OModel> ModelFromJson(const std::string& json_text, std::string* error) {
  try {
    return model_json_internal::ReadModel(ojson::parse(json_text));
  } catch (const model_json_internal::Refused& e) {
    *error = e.what();
  } catch (const ojson::exception& e) {
    *error = std::string("not a model in JSON: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_MODEL_JSON_H_
