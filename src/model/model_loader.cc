// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Parses model JSON, validates every field (collecting all problems with their
// JSON pointers, spec section 4) and compiles it into internal::CompiledModel.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/compiled_model.h"
#include "leadscore/lead.h"
#include "leadscore/model.h"
#include "nlohmann/json.hpp"
#include "model/regex_util.h"

namespace leadscore {
namespace internal {

std::string AsciiLower(absl::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

using json = nlohmann::json;

constexpr int kMaxConditionDepth = 64;
constexpr double kNanosPerDay = 86400e9;  // for half-lives (real-valued)

// Where a condition appears decides which subjects it may name.
enum class Context { kAttributeRule, kEventRule, kLifecycle };

std::string Child(const std::string& ptr, absl::string_view key) {
  std::string out = ptr;
  out.push_back('/');
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}
std::string Child(const std::string& ptr, size_t i) {
  return absl::StrCat(ptr, "/", i);
}

const char* TypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

// A window of D days holds t iff x - t < D * 86400e9 ns. Times are whole
// nanoseconds, so the window length is ceil(D * 86400e9), computed exactly
// from D's shortest decimal form (what the model file says: "0.1" days is
// 8640e9 ns, not the binary double's 8640e9 + 0.0005) and saturated at
// INT64_MAX. A positive D is never shorter than 1 ns.
int64_t DaysToNanos(double days) {
  __extension__ using Int128 = __int128;
  constexpr Int128 kMax = std::numeric_limits<int64_t>::max();
  const std::string text = json(days).dump();  // shortest round-trip form
  Int128 mantissa = 0;  // at most 17 significant digits
  int exp10 = 0;
  size_t i = 0;
  bool after_dot = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    const char c = text[i];
    if (c == '.') {
      after_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return 1;  // not reached: days > 0 is checked
    mantissa = mantissa * 10 + (c - '0');
    if (after_dot) --exp10;
  }
  if (i < text.size()) exp10 += std::atoi(text.c_str() + i + 1);
  if (mantissa <= 0) return 1;
  // ns = mantissa * 10^exp10 * 864 * 10^11
  Int128 num = mantissa * 864;
  int e = exp10 + 11;
  for (; e > 0; --e) {
    num *= 10;
    if (num > kMax) return std::numeric_limits<int64_t>::max();
  }
  Int128 den = 1;
  for (; e < 0; ++e) {
    if (den > num) return 1;
    den *= 10;
  }
  const Int128 ns = (num + den - 1) / den;
  return ns > kMax ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(ns);
}

// Levenshtein distance, for "did you mean" hints on unknown keys.
size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

struct OpName {
  const char* name;
  Op op;
};
constexpr OpName kOps[] = {
    {"eq", Op::kEq},           {"ne", Op::kNe},
    {"in", Op::kIn},           {"not_in", Op::kNotIn},
    {"gt", Op::kGt},           {"gte", Op::kGte},
    {"lt", Op::kLt},           {"lte", Op::kLte},
    {"between", Op::kBetween}, {"contains", Op::kContains},
    {"contains_any", Op::kContainsAny},
    {"starts_with", Op::kStartsWith},
    {"ends_with", Op::kEndsWith}, {"matches", Op::kMatches},
    {"exists", Op::kExists},
};
constexpr const char* kSubjects[] = {"attr", "prop", "score", "grade", "event"};

class Loader {
 public:
  absl::StatusOr<std::unique_ptr<CompiledModel>> Load(const json& root) {
    if (!CheckObject(root, "", {"name", "version", "description", "dimensions",
                                "rules", "lifecycle"})) {
      return Finish();
    }
    if (const json* j = Find(root, "name")) String(*j, "/name", &m_->name);
    if (const json* j = Find(root, "version")) {
      if (j->is_string()) {
        m_->version = j->get<std::string>();
      } else if (j->is_number_integer() || j->is_number_unsigned()) {
        m_->version = j->dump();
      } else {
        Error("/version", absl::StrCat("expected a string or an integer, got ",
                                       TypeName(*j)));
      }
    }
    if (const json* j = Find(root, "description")) {
      String(*j, "/description", &m_->description);
    }
    if (const json* j = Find(root, "dimensions")) {
      Dimensions(*j, "/dimensions");
    } else {
      Error("", "missing required key 'dimensions'");
    }
    // Stages before rules and thresholds, so later references resolve.
    const json* lifecycle = Find(root, "lifecycle");
    if (lifecycle != nullptr) LifecycleStages(*lifecycle, "/lifecycle");
    if (const json* j = Find(root, "rules")) Rules(*j, "/rules");
    if (lifecycle != nullptr) Lifecycle(*lifecycle, "/lifecycle");
    BuildIndexes();
    return Finish();
  }

 private:
  absl::StatusOr<std::unique_ptr<CompiledModel>> Finish() {
    if (!errors_.empty()) {
      return absl::InvalidArgumentError(absl::StrJoin(errors_, "\n"));
    }
    return std::move(m_);
  }

  void Error(const std::string& ptr, absl::string_view message) {
    errors_.push_back(absl::StrCat(ptr.empty() ? "(root)" : ptr, ": ", message));
  }

  static const json* Find(const json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  // Reports a non-object, and every key not in `allowed`.
  bool CheckObject(const json& j, const std::string& ptr,
                   std::initializer_list<const char*> allowed) {
    if (!j.is_object()) {
      Error(ptr, absl::StrCat("expected an object, got ", TypeName(j)));
      return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool known = false;
      const char* closest = nullptr;
      size_t best = 3;  // suggest only close misspellings
      for (const char* a : allowed) {
        if (it.key() == a) {
          known = true;
          break;
        }
        const size_t d = EditDistance(it.key(), a);
        if (d < best) {
          best = d;
          closest = a;
        }
      }
      if (!known) {
        Error(Child(ptr, it.key()),
              closest ? absl::StrCat("unknown key (did you mean '", closest, "'?)")
                      : std::string("unknown key"));
      }
    }
    return true;
  }

  bool Number(const json& j, const std::string& ptr, double* out) {
    if (!j.is_number()) {
      Error(ptr, absl::StrCat("expected a number, got ", TypeName(j)));
      return false;
    }
    const double d = j.get<double>();
    if (!std::isfinite(d)) {
      Error(ptr, "expected a finite number");
      return false;
    }
    *out = d;
    return true;
  }

  bool PositiveDays(const json& j, const std::string& ptr, int64_t* ns,
                    double* days = nullptr) {
    double d;
    if (!Number(j, ptr, &d)) return false;
    if (d <= 0) {
      Error(ptr, "expected a positive number of days");
      return false;
    }
    *ns = DaysToNanos(d);
    if (days) *days = d;
    return true;
  }

  bool PositiveInt(const json& j, const std::string& ptr, int64_t* out) {
    double d;
    if (!j.is_number() || !std::isfinite(d = j.get<double>()) ||
        d != std::floor(d) || d < 1 || d > 1e9) {
      Error(ptr, absl::StrCat("expected a positive integer (at most 1e9), got ",
                              j.is_number() ? j.dump() : TypeName(j)));
      return false;
    }
    *out = static_cast<int64_t>(d);
    return true;
  }

  bool String(const json& j, const std::string& ptr, std::string* out) {
    if (!j.is_string()) {
      Error(ptr, absl::StrCat("expected a string, got ", TypeName(j)));
      return false;
    }
    *out = j.get<std::string>();
    return true;
  }

  bool Bool(const json& j, const std::string& ptr, bool* out) {
    if (!j.is_boolean()) {
      Error(ptr, absl::StrCat("expected true or false, got ", TypeName(j)));
      return false;
    }
    *out = j.get<bool>();
    return true;
  }

  // A required string key of `obj`; reports a missing key at the object.
  bool RequiredString(const json& obj, const std::string& ptr, const char* key,
                      std::string* out) {
    const json* j = Find(obj, key);
    if (j == nullptr) {
      Error(ptr, absl::StrCat("missing required key '", key, "'"));
      return false;
    }
    if (!String(*j, Child(ptr, key), out)) return false;
    if (out->empty()) {
      Error(Child(ptr, key), "must not be empty");
      return false;
    }
    return true;
  }

  bool Array(const json& j, const std::string& ptr) {
    if (!j.is_array()) {
      Error(ptr, absl::StrCat("expected an array, got ", TypeName(j)));
      return false;
    }
    return true;
  }

  int InternType(const std::string& type) {
    auto [it, inserted] = m_->event_types.try_emplace(
        type, static_cast<int>(m_->event_types.size()));
    return it->second;
  }

  // ---- dimensions -------------------------------------------------------

  void Dimensions(const json& j, const std::string& ptr) {
    if (!Array(j, ptr)) return;
    if (j.empty()) Error(ptr, "a model needs at least one dimension");
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = Child(ptr, i);
      const json& d = j[i];
      Dimension dim;
      // Keep indices stable even for a bad entry, so rules still resolve.
      if (CheckObject(d, p, {"name", "description", "min", "max", "weight",
                             "decay", "grades"})) {
        if (RequiredString(d, p, "name", &dim.name)) {
          if (dim.name == "total") {
            Error(Child(p, "name"), "'total' is reserved for the weighted total");
          } else if (!dim_index_.emplace(dim.name, static_cast<int>(i)).second) {
            Error(Child(p, "name"),
                  absl::StrCat("duplicate dimension name '", dim.name, "'"));
          }
        }
        if (const json* x = Find(d, "description")) {
          String(*x, Child(p, "description"), &dim.description);
        }
        double v;
        if (const json* x = Find(d, "min"); x && Number(*x, Child(p, "min"), &v)) {
          dim.min = v;
        }
        if (const json* x = Find(d, "max"); x && Number(*x, Child(p, "max"), &v)) {
          dim.max = v;
        }
        if (dim.min && dim.max && *dim.min > *dim.max) {
          Error(Child(p, "max"), "expected max >= min");
        }
        if (const json* x = Find(d, "weight")) Number(*x, Child(p, "weight"), &dim.weight);
        if (const json* x = Find(d, "decay")) {
          const std::string dp = Child(p, "decay");
          if (CheckObject(*x, dp, {"half_life_days"})) {
            if (const json* h = Find(*x, "half_life_days")) {
              int64_t ns;
              double days;
              if (PositiveDays(*h, Child(dp, "half_life_days"), &ns, &days)) {
                dim.half_life_days = days;
                dim.half_life_ns = days * kNanosPerDay;
              }
            } else {
              Error(dp, "missing required key 'half_life_days'");
            }
          }
        }
        if (const json* x = Find(d, "grades")) Grades(*x, Child(p, "grades"), &dim);
      }
      m_->dimensions.push_back(std::move(dim));
    }
  }

  void Grades(const json& j, const std::string& ptr, Dimension* dim) {
    if (!Array(j, ptr)) return;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = Child(ptr, i);
      if (!CheckObject(j[i], p, {"grade", "min", "description"})) continue;
      Grade g;
      RequiredString(j[i], p, "grade", &g.name);
      double v;
      if (const json* x = Find(j[i], "min"); x && Number(*x, Child(p, "min"), &v)) {
        g.min = v;
      }
      dim->grades.push_back(std::move(g));
    }
  }

  // ---- rules --------------------------------------------------------------

  void Rules(const json& j, const std::string& ptr) {
    if (!Array(j, ptr)) return;
    absl::flat_hash_set<std::string> ids;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = Child(ptr, i);
      const json& r = j[i];
      Rule rule;
      if (!CheckObject(r, p, {"id", "description", "dimension", "points", "on",
                              "when", "max_per_lead", "max_per_window",
                              "within_days", "pattern"})) {
        m_->rules.push_back(std::move(rule));
        continue;
      }
      if (RequiredString(r, p, "id", &rule.id) && !ids.insert(rule.id).second) {
        Error(Child(p, "id"), absl::StrCat("duplicate rule id '", rule.id, "'"));
      }
      if (const json* x = Find(r, "description")) {
        String(*x, Child(p, "description"), &rule.description);
      }
      std::string dim;
      if (RequiredString(r, p, "dimension", &dim)) {
        auto it = dim_index_.find(dim);
        if (it == dim_index_.end()) {
          Error(Child(p, "dimension"), absl::StrCat("unknown dimension '", dim, "'"));
        } else {
          rule.dimension = it->second;
        }
      }
      if (const json* x = Find(r, "points")) {
        Number(*x, Child(p, "points"), &rule.points);
      } else {
        Error(p, "missing required key 'points'");
      }
      const json* on = Find(r, "on");
      const json* pattern = Find(r, "pattern");
      if (on != nullptr) {
        rule.kind = pattern ? Rule::Kind::kPattern : Rule::Kind::kEvent;
        On(*on, Child(p, "on"), &rule);
      } else if (pattern != nullptr) {
        Error(Child(p, "pattern"), "a pattern rule needs 'on' (the event types it counts)");
      }
      const bool is_event = rule.kind == Rule::Kind::kEvent;
      auto cap_allowed = [&](const char* key) {
        if (rule.kind == Rule::Kind::kPattern) {
          Error(Child(p, key), absl::StrCat("a pattern rule takes no ", key));
          return false;
        }
        if (!is_event) {
          Error(Child(p, key),
                absl::StrCat(key, " applies to event rules only (add 'on')"));
          return false;
        }
        return true;
      };
      if (const json* x = Find(r, "max_per_lead"); x && cap_allowed("max_per_lead")) {
        PositiveInt(*x, Child(p, "max_per_lead"), &rule.max_per_lead);
      }
      if (const json* x = Find(r, "max_per_window");
          x && cap_allowed("max_per_window")) {
        const std::string wp = Child(p, "max_per_window");
        if (CheckObject(*x, wp, {"count", "days"})) {
          const json* c = Find(*x, "count");
          const json* d = Find(*x, "days");
          if (!c) Error(wp, "missing required key 'count'");
          if (!d) Error(wp, "missing required key 'days'");
          if (c && d && PositiveInt(*c, Child(wp, "count"), &rule.window_count) &&
              !PositiveDays(*d, Child(wp, "days"), &rule.window_ns)) {
            rule.window_count = 0;
          }
        }
      }
      if (const json* x = Find(r, "within_days"); x && cap_allowed("within_days")) {
        PositiveDays(*x, Child(p, "within_days"), &rule.within_ns);
      }
      if (pattern != nullptr && on != nullptr) {
        const std::string pp = Child(p, "pattern");
        if (CheckObject(*pattern, pp, {"at_least", "within_days"})) {
          const json* a = Find(*pattern, "at_least");
          const json* d = Find(*pattern, "within_days");
          if (!a) Error(pp, "missing required key 'at_least'");
          if (!d) Error(pp, "missing required key 'within_days'");
          if (a) PositiveInt(*a, Child(pp, "at_least"), &rule.pattern_at_least);
          if (d) PositiveDays(*d, Child(pp, "within_days"), &rule.pattern_ns);
        }
      }
      if (const json* x = Find(r, "when")) {
        rule.when = CompileCondition(
            *x, Child(p, "when"),
            on ? Context::kEventRule : Context::kAttributeRule, 1);
      }
      m_->rules.push_back(std::move(rule));
    }
  }

  void On(const json& j, const std::string& ptr, Rule* rule) {
    std::string type;
    if (j.is_string()) {
      if (String(j, ptr, &type)) rule->on.push_back(InternType(type));
      return;
    }
    if (!j.is_array()) {
      Error(ptr, absl::StrCat("expected an event type or an array of them, got ",
                              TypeName(j)));
      return;
    }
    if (j.empty()) Error(ptr, "expected at least one event type");
    for (size_t i = 0; i < j.size(); ++i) {
      if (String(j[i], Child(ptr, i), &type)) {
        const int id = InternType(type);
        bool seen = false;
        for (int t : rule->on) seen |= t == id;
        if (!seen) rule->on.push_back(id);
      }
    }
  }

  // ---- conditions ---------------------------------------------------------

  std::optional<Condition> CompileCondition(const json& j, const std::string& ptr,
                                            Context ctx, int depth) {
    if (depth > kMaxConditionDepth) {
      Error(ptr, absl::StrCat("conditions nest deeper than ",
                              kMaxConditionDepth, " levels"));
      return std::nullopt;
    }
    if (!j.is_object()) {
      Error(ptr, absl::StrCat("expected a condition object, got ", TypeName(j)));
      return std::nullopt;
    }
    for (const char* comb : {"all", "any", "not"}) {
      const json* x = Find(j, comb);
      if (x == nullptr) continue;
      CheckObject(j, ptr, {comb});
      Condition c;
      const std::string p = Child(ptr, comb);
      if (comb[0] == 'n') {
        c.kind = Condition::Kind::kNot;
        if (auto child = CompileCondition(*x, p, ctx, depth + 1)) {
          c.children.push_back(std::move(*child));
        } else {
          return std::nullopt;
        }
        return c;
      }
      c.kind = comb[1] == 'l' ? Condition::Kind::kAll : Condition::Kind::kAny;
      if (!Array(*x, p)) return std::nullopt;
      bool ok = true;
      for (size_t i = 0; i < x->size(); ++i) {
        auto child = CompileCondition((*x)[i], Child(p, i), ctx, depth + 1);
        if (child) {
          c.children.push_back(std::move(*child));
        } else {
          ok = false;
        }
      }
      if (!ok) return std::nullopt;
      return c;
    }
    return CompileLeaf(j, ptr, ctx);
  }

  std::optional<Condition> CompileLeaf(const json& j, const std::string& ptr,
                                       Context ctx) {
    const char* subject = nullptr;
    for (const char* s : kSubjects) {
      if (Find(j, s) == nullptr) continue;
      if (subject != nullptr) {
        Error(Child(ptr, s), absl::StrCat("a condition names one subject; '",
                                          subject, "' is already given"));
        return std::nullopt;
      }
      subject = s;
    }
    if (subject == nullptr) {
      Error(ptr, "expected a condition: one of all, any, not, attr, prop, score, "
                 "grade or event");
      return std::nullopt;
    }
    const std::string sp = Child(ptr, subject);
    Condition c;
    c.kind = Condition::Kind::kLeaf;
    Leaf& leaf = c.leaf;
    const std::string s = subject;
    if (s == "prop" && ctx != Context::kEventRule) {
      Error(sp, "'prop' conditions are only allowed in an event rule's 'when'");
      return std::nullopt;
    }
    if ((s == "score" || s == "grade" || s == "event") && ctx != Context::kLifecycle) {
      Error(sp, absl::StrCat("'", s, "' conditions are only allowed in the lifecycle"));
      return std::nullopt;
    }
    if (s == "event") return CompileEventLeaf(j, ptr, std::move(c));

    // The operator.
    const OpName* op = nullptr;
    std::vector<const char*> allowed = {subject};
    for (const OpName& o : kOps) allowed.push_back(o.name);
    CheckObjectList(j, ptr, allowed);
    for (const OpName& o : kOps) {
      if (Find(j, o.name) == nullptr) continue;
      if (op != nullptr) {
        Error(Child(ptr, o.name), absl::StrCat("a condition takes exactly one "
                                               "operator; '", op->name,
                                               "' is already given"));
        return std::nullopt;
      }
      op = &o;
    }
    if (op == nullptr) {
      Error(ptr, absl::StrCat("missing an operator for '", s,
                              "' (eq, ne, in, not_in, gt, gte, lt, lte, between, "
                              "contains, contains_any, starts_with, ends_with, "
                              "matches or exists)"));
      return std::nullopt;
    }
    leaf.op = op->op;
    const json& arg = *Find(j, op->name);
    const std::string ap = Child(ptr, op->name);

    std::string name;
    if (!String(*Find(j, subject), sp, &name)) return std::nullopt;
    if (s == "attr" || s == "prop") {
      leaf.subject = s == "attr" ? Subject::kAttr : Subject::kProp;
      if (name.empty()) {
        Error(sp, "must not be empty");
        return std::nullopt;
      }
      leaf.name = name;
      if (leaf.subject == Subject::kAttr) {
        m_->attribute_names.insert(name);
      } else {
        auto [it, fresh] =
            prop_index_.emplace(name, static_cast<int>(m_->prop_names.size()));
        if (fresh) {
          m_->prop_names.push_back(name);
          m_->prop_hashes.push_back(Attributes().hash_function()(name));
        }
        leaf.slot = it->second;
      }
    } else if (s == "score") {
      leaf.subject = Subject::kScore;
      if (name != "total") {
        auto it = dim_index_.find(name);
        if (it == dim_index_.end()) {
          Error(sp, absl::StrCat("unknown dimension '", name, "'"));
          return std::nullopt;
        }
        leaf.index = it->second;
      }
      switch (leaf.op) {
        case Op::kEq: case Op::kNe: case Op::kIn: case Op::kNotIn:
        case Op::kGt: case Op::kGte: case Op::kLt: case Op::kLte:
        case Op::kBetween:
          break;
        default:
          Error(ap, absl::StrCat("'", op->name, "' does not apply to a score"));
          return std::nullopt;
      }
    } else {  // grade
      leaf.subject = Subject::kGrade;
      auto it = dim_index_.find(name);
      if (it == dim_index_.end()) {
        Error(sp, absl::StrCat("unknown dimension '", name, "'"));
        return std::nullopt;
      }
      if (m_->dimensions[it->second].grades.empty()) {
        Error(sp, absl::StrCat("dimension '", name, "' has no grades"));
        return std::nullopt;
      }
      leaf.index = it->second;
      switch (leaf.op) {
        case Op::kEq: case Op::kNe: case Op::kIn: case Op::kNotIn: case Op::kExists:
          break;
        default:
          Error(ap, absl::StrCat("'", op->name, "' does not apply to a grade"));
          return std::nullopt;
      }
    }
    const bool numbers_only = leaf.subject == Subject::kScore;
    const bool strings_only = leaf.subject == Subject::kGrade;
    if (!CompileArgument(arg, ap, numbers_only, strings_only, &leaf)) {
      return std::nullopt;
    }
    return c;
  }

  void CheckObjectList(const json& j, const std::string& ptr,
                       const std::vector<const char*>& allowed) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool known = false;
      for (const char* a : allowed) known |= it.key() == a;
      if (!known) {
        const char* closest = nullptr;
        size_t best = 3;
        for (const char* a : allowed) {
          const size_t d = EditDistance(it.key(), a);
          if (d < best) {
            best = d;
            closest = a;
          }
        }
        Error(Child(ptr, it.key()),
              closest ? absl::StrCat("unknown key (did you mean '", closest, "'?)")
                      : std::string("unknown key"));
      }
    }
  }

  bool Scalar(const json& j, const std::string& ptr, bool numbers_only,
              bool strings_only, Operand* out) {
    if (j.is_number() && !strings_only) {
      out->kind = Value::Kind::kNumber;
      return Number(j, ptr, &out->number);
    }
    if (j.is_string() && !numbers_only) {
      out->kind = Value::Kind::kString;
      out->display = j.get<std::string>();
      out->text = AsciiLower(out->display);
      return true;
    }
    if (j.is_boolean() && !numbers_only && !strings_only) {
      out->kind = Value::Kind::kBool;
      out->number = j.get<bool>() ? 1 : 0;
      return true;
    }
    Error(ptr, absl::StrCat("expected ",
                            numbers_only   ? "a number"
                            : strings_only ? "a string"
                                           : "a string, number or boolean",
                            ", got ", TypeName(j)));
    return false;
  }

  bool CompileArgument(const json& arg, const std::string& ptr, bool numbers_only,
                       bool strings_only, Leaf* leaf) {
    switch (leaf->op) {
      case Op::kEq:
      case Op::kNe: {
        Operand o;
        if (!Scalar(arg, ptr, numbers_only, strings_only, &o)) return false;
        leaf->args.push_back(std::move(o));
        return true;
      }
      case Op::kIn:
      case Op::kNotIn: {
        if (!Array(arg, ptr)) return false;
        bool ok = true;
        for (size_t i = 0; i < arg.size(); ++i) {
          Operand o;
          if (Scalar(arg[i], Child(ptr, i), numbers_only, strings_only, &o)) {
            leaf->args.push_back(std::move(o));
          } else {
            ok = false;
          }
        }
        return ok;
      }
      case Op::kGt:
      case Op::kGte:
      case Op::kLt:
      case Op::kLte:
        return Number(arg, ptr, &leaf->lo);
      case Op::kBetween: {
        if (!arg.is_array() || arg.size() != 2 || !arg[0].is_number() ||
            !arg[1].is_number()) {
          Error(ptr, "expected [lo, hi] with lo <= hi");
          return false;
        }
        if (!Number(arg[0], Child(ptr, 0), &leaf->lo) ||
            !Number(arg[1], Child(ptr, 1), &leaf->hi)) {
          return false;
        }
        if (leaf->lo > leaf->hi) {
          Error(ptr, "expected [lo, hi] with lo <= hi");
          return false;
        }
        return true;
      }
      case Op::kContains:
      case Op::kStartsWith:
      case Op::kEndsWith:
      case Op::kMatches: {
        Operand o;
        if (!arg.is_string()) {
          Error(ptr, absl::StrCat("expected a string, got ", TypeName(arg)));
          return false;
        }
        o.kind = Value::Kind::kString;
        if (leaf->op == Op::kMatches) {
          auto re = CompileFoldedRegex(arg.get<std::string>());
          if (!re.ok()) {
            Error(ptr, re.status().message());
            return false;
          }
          leaf->regex = *std::move(re);
        } else {
          o.display = arg.get<std::string>();
          o.text = AsciiLower(o.display);
        }
        leaf->args.push_back(std::move(o));
        return true;
      }
      case Op::kContainsAny: {
        if (!Array(arg, ptr)) return false;
        bool ok = true;
        for (size_t i = 0; i < arg.size(); ++i) {
          Operand o;
          if (Scalar(arg[i], Child(ptr, i), false, true, &o)) {
            leaf->args.push_back(std::move(o));
          } else {
            ok = false;
          }
        }
        return ok;
      }
      case Op::kExists:
        return Bool(arg, ptr, &leaf->exists);
    }
    return false;
  }

  std::optional<Condition> CompileEventLeaf(const json& j, const std::string& ptr,
                                            Condition c) {
    CheckObject(j, ptr, {"event", "within_days", "at_least"});
    Leaf& leaf = c.leaf;
    leaf.subject = Subject::kEvent;
    std::string type;
    bool ok = String(*Find(j, "event"), Child(ptr, "event"), &type);
    const json* w = Find(j, "within_days");
    if (w == nullptr) {
      Error(ptr, "missing required key 'within_days'");
      ok = false;
    } else {
      ok &= PositiveDays(*w, Child(ptr, "within_days"), &leaf.window_ns);
    }
    int64_t at_least = 1;
    if (const json* a = Find(j, "at_least")) {
      ok &= PositiveInt(*a, Child(ptr, "at_least"), &at_least);
    }
    if (!ok) return std::nullopt;
    leaf.at_least = static_cast<int>(at_least);
    const int type_id = InternType(type);
    // One tracker per type, remembering as many times as its largest leaf needs.
    int tracker = -1;
    for (size_t t = 0; t < m_->trackers.size(); ++t) {
      if (m_->trackers[t].type == type_id) tracker = static_cast<int>(t);
    }
    if (tracker < 0) {
      tracker = static_cast<int>(m_->trackers.size());
      EventTracker tracker_info;
      tracker_info.type = type_id;
      m_->trackers.push_back(tracker_info);
    }
    m_->trackers[tracker].capacity =
        std::max(m_->trackers[tracker].capacity, leaf.at_least);
    leaf.index = tracker;
    return c;
  }

  // ---- lifecycle ----------------------------------------------------------

  void LifecycleStages(const json& j, const std::string& ptr) {
    if (!CheckObject(j, ptr, {"stages", "require_consent", "forward_only",
                              "thresholds", "disqualify_when", "labels", "funnel",
                              "description"})) {
      return;
    }
    auto& lc = m_->lifecycle.emplace();
    const json* stages = Find(j, "stages");
    if (stages == nullptr) {
      Error(ptr, "missing required key 'stages'");
      return;
    }
    const std::string sp = Child(ptr, "stages");
    if (!Array(*stages, sp)) return;
    if (stages->empty()) Error(sp, "expected at least one stage");
    for (size_t i = 0; i < stages->size(); ++i) {
      std::string name;
      const std::string p = Child(sp, i);
      if (!String((*stages)[i], p, &name)) continue;
      if (name.empty()) {
        Error(p, "must not be empty");
      } else if (name == "invalid" || name == "disqualified") {
        Error(p, absl::StrCat("'", name, "' is reserved and cannot be a stage"));
      } else if (!stage_index_.emplace(name, static_cast<int>(lc.stages.size()))
                      .second) {
        Error(p, absl::StrCat("duplicate stage '", name, "'"));
      } else {
        lc.stages.push_back(name);
      }
    }
  }

  bool StageRef(const json& j, const std::string& ptr, int* out) {
    std::string name;
    if (!String(j, ptr, &name)) return false;
    auto it = stage_index_.find(name);
    if (it == stage_index_.end()) {
      Error(ptr, absl::StrCat("unknown stage '", name, "' (not in /lifecycle/stages)"));
      return false;
    }
    *out = it->second;
    return true;
  }

  void Lifecycle(const json& j, const std::string& ptr) {
    if (!j.is_object() || !m_->lifecycle) return;  // reported already
    auto& lc = *m_->lifecycle;
    if (const json* x = Find(j, "require_consent")) {
      Bool(*x, Child(ptr, "require_consent"), &lc.require_consent);
    }
    if (const json* x = Find(j, "forward_only")) {
      Bool(*x, Child(ptr, "forward_only"), &lc.forward_only);
    }
    if (const json* x = Find(j, "thresholds")) {
      const std::string tp = Child(ptr, "thresholds");
      if (Array(*x, tp)) {
        for (size_t i = 0; i < x->size(); ++i) {
          const std::string p = Child(tp, i);
          const json& t = (*x)[i];
          if (!CheckObject(t, p, {"stage", "when", "description"})) continue;
          Threshold th;
          const json* st = Find(t, "stage");
          const json* w = Find(t, "when");
          if (!st) Error(p, "missing required key 'stage'");
          if (!w) Error(p, "missing required key 'when'");
          bool ok = st && StageRef(*st, Child(p, "stage"), &th.stage);
          std::optional<Condition> c;
          if (w) c = CompileCondition(*w, Child(p, "when"), Context::kLifecycle, 1);
          if (ok && c) {
            th.when = std::move(*c);
            lc.thresholds.push_back(std::move(th));
          }
        }
      }
    }
    if (const json* x = Find(j, "disqualify_when")) {
      lc.disqualify_when = CompileCondition(*x, Child(ptr, "disqualify_when"),
                                            Context::kLifecycle, 1);
    }
    if (const json* x = Find(j, "labels")) {
      const std::string lp = Child(ptr, "labels");
      absl::flat_hash_set<std::string> names;
      if (Array(*x, lp)) {
        for (size_t i = 0; i < x->size(); ++i) {
          const std::string p = Child(lp, i);
          const json& l = (*x)[i];
          if (!CheckObject(l, p, {"label", "when", "description"})) continue;
          Label label;
          bool ok = RequiredString(l, p, "label", &label.name);
          if (ok && !names.insert(label.name).second) {
            Error(Child(p, "label"), absl::StrCat("duplicate label '", label.name, "'"));
            ok = false;
          }
          const json* w = Find(l, "when");
          if (!w) {
            Error(p, "missing required key 'when'");
            continue;
          }
          auto c = CompileCondition(*w, Child(p, "when"), Context::kLifecycle, 1);
          if (ok && c) {
            label.when = std::move(*c);
            lc.labels.push_back(std::move(label));
          }
        }
      }
    }
    lc.funnel.assign(lc.stages.size(), -1);
    if (const json* x = Find(j, "funnel")) {
      const std::string fp = Child(ptr, "funnel");
      if (CheckObject(*x, fp, {"tofu", "mofu", "bofu"})) {
        const char* kKeys[] = {"tofu", "mofu", "bofu"};
        for (int k = 0; k < 3; ++k) {
          const json* arr = Find(*x, kKeys[k]);
          if (arr == nullptr) continue;
          const std::string kp = Child(fp, kKeys[k]);
          if (!Array(*arr, kp)) continue;
          for (size_t i = 0; i < arr->size(); ++i) {
            int stage;
            if (!StageRef((*arr)[i], Child(kp, i), &stage)) continue;
            if (lc.funnel[stage] != -1) {
              Error(Child(kp, i), absl::StrCat("stage '", lc.stages[stage],
                                               "' appears more than once in the funnel"));
            } else {
              lc.funnel[stage] = k;
            }
          }
        }
      }
    }
  }

  static void CollectPropSlots(const Condition& c, std::vector<uint32_t>* slots) {
    if (c.kind == Condition::Kind::kLeaf) {
      if (c.leaf.subject == Subject::kProp) slots->push_back(static_cast<uint32_t>(c.leaf.slot));
      return;
    }
    for (const Condition& child : c.children) CollectPropSlots(child, slots);
  }

  // Gives the contains/contains_any leaves on a property their bits in the
  // slot's needle set (leaves past SlotNeedles::kMax needles keep searching
  // on their own).
  void IndexNeedles(Condition* c) {
    if (c->kind != Condition::Kind::kLeaf) {
      for (Condition& child : c->children) IndexNeedles(&child);
      return;
    }
    Leaf& leaf = c->leaf;
    if (leaf.subject != Subject::kProp ||
        (leaf.op != Op::kContains && leaf.op != Op::kContainsAny)) {
      return;
    }
    SlotNeedles& sn = m_->prop_needles[leaf.slot];
    uint64_t mask = 0;
    for (const Operand& o : leaf.args) {
      if (o.kind != Value::Kind::kString) continue;
      if (o.text.empty()) {
        leaf.empty_needle = true;
        continue;
      }
      auto it = std::find(sn.needles.begin(), sn.needles.end(), o.text);
      if (it == sn.needles.end()) {
        if (sn.needles.size() == SlotNeedles::kMax) return;
        sn.needles.push_back(o.text);
        it = sn.needles.end() - 1;
        uint64_t prefix = 0, mask = 0;
        for (size_t b = 0; b < std::min<size_t>(8, o.text.size()); ++b) {
          prefix |= uint64_t{static_cast<unsigned char>(o.text[b])} << (8 * b);
          mask |= uint64_t{0xFF} << (8 * b);
        }
        sn.prefix.push_back(prefix);
        sn.prefix_mask.push_back(mask);
        const uint64_t bit = uint64_t{1} << (sn.needles.size() - 1);
        const auto f = static_cast<unsigned char>(o.text[0]);
        sn.by_first[f] |= bit;
        if (o.text.size() == 1) {
          sn.one_byte |= bit;
          for (uint64_t& m : sn.by_second) m |= bit;
        } else {
          sn.by_second[static_cast<unsigned char>(o.text[1])] |= bit;
        }
      }
      mask |= uint64_t{1} << (it - sn.needles.begin());
    }
    leaf.needle_mask = mask;
    leaf.needles_indexed = true;
  }

  void IndexAllNeedles() {
    m_->prop_needles.assign(m_->prop_names.size(), {});
    for (Rule& r : m_->rules) {
      if (r.when) IndexNeedles(&*r.when);
    }
    for (SlotNeedles& sn : m_->prop_needles) {
      int firsts = 0;
      for (int c = 0; c < 256; ++c) {
        if (sn.by_first[c] != 0 && ++firsts == 1) sn.only_first = c;
      }
      if (firsts != 1) sn.only_first = -1;
    }
  }

  void BuildIndexes() {
    m_->rules_by_type.assign(m_->event_types.size(), {});
    for (size_t i = 0; i < m_->rules.size(); ++i) {
      const Rule& r = m_->rules[i];
      if (r.kind == Rule::Kind::kAttribute) {
        m_->attribute_rules.push_back(static_cast<int>(i));
      } else {
        if (r.within_ns != 0) m_->within_rules.push_back(static_cast<int>(i));
        for (int t : r.on) m_->rules_by_type[t].push_back(static_cast<int>(i));
      }
    }
    if (m_->lifecycle) {
      auto& lc = *m_->lifecycle;
      lc.thresholds_by_stage.assign(lc.stages.size(), {});
      for (size_t i = 0; i < lc.thresholds.size(); ++i) {
        lc.thresholds_by_stage[lc.thresholds[i].stage].push_back(static_cast<int>(i));
        lc.top_threshold_stage = std::max(lc.top_threshold_stage, lc.thresholds[i].stage);
      }
    }
    m_->prop_slots_by_type.assign(m_->event_types.size(), {});
    for (size_t t = 0; t < m_->rules_by_type.size(); ++t) {
      std::vector<uint32_t>& slots = m_->prop_slots_by_type[t];
      for (int i : m_->rules_by_type[t]) {
        if (m_->rules[i].when) CollectPropSlots(*m_->rules[i].when, &slots);
      }
      std::sort(slots.begin(), slots.end());
      slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    }
    IndexAllNeedles();
    m_->tracker_by_type.assign(m_->event_types.size(), -1);
    for (size_t t = 0; t < m_->trackers.size(); ++t) {
      m_->tracker_by_type[m_->trackers[t].type] = static_cast<int>(t);
    }
    // Only a valid model gets a state layout: with errors, rules may name a
    // dimension that does not exist (fuzz/regressions/model-layout-*).
    if (errors_.empty()) BuildStateLayout(m_.get());
  }

  std::unique_ptr<CompiledModel> m_ = std::make_unique<CompiledModel>();
  std::vector<std::string> errors_;
  absl::flat_hash_map<std::string, int> dim_index_;
  absl::flat_hash_map<std::string, int> prop_index_;
  absl::flat_hash_map<std::string, int> stage_index_;
};

// The JSON pointer of the value being read at byte `pos` of `text`, found by
// scanning the text before it (used to place parse errors such as a number
// out of range).
std::string PointerAt(absl::string_view text, size_t pos) {
  struct Frame {
    bool object = false;
    size_t index = 0;
    std::string key;
    bool expecting_key = true;
  };
  std::vector<Frame> stack;
  pos = std::min(pos, text.size());
  for (size_t i = 0; i < pos; ++i) {
    const char c = text[i];
    if (c == '"') {
      std::string value;
      for (++i; i < pos && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < pos) ++i;  // keep the escaped char
        value.push_back(text[i]);
      }
      if (!stack.empty() && stack.back().object && stack.back().expecting_key) {
        stack.back().key = std::move(value);
      }
    } else if (c == '{' || c == '[') {
      Frame f;
      f.object = c == '{';
      stack.push_back(std::move(f));
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ':' && !stack.empty()) {
      stack.back().expecting_key = false;
    } else if (c == ',' && !stack.empty()) {
      if (stack.back().object) {
        stack.back().expecting_key = true;
        stack.back().key.clear();
      } else {
        ++stack.back().index;
      }
    }
  }
  std::string ptr;
  for (const Frame& f : stack) {
    if (!f.object) {
      ptr = Child(ptr, f.index);
    } else if (!f.expecting_key) {
      ptr = Child(ptr, f.key);
    }
  }
  return ptr;
}

// nlohmann's DOM builder, but a parse error is kept (with its byte position)
// instead of thrown.
// Model JSON may nest at most this many arrays and objects. Conditions stop
// at kMaxConditionDepth (64 levels, two JSON levels each for all/any), so a
// sane model needs about 140; the limit keeps memory, time and the length of
// error pointers bounded for hostile files (1,000,000 '[' would otherwise
// build a DOM of a million values and a pointer of megabytes).
constexpr size_t kMaxJsonDepth = 256;

// Byte offset of the bracket that opens nesting level kMaxJsonDepth + 1
// (strings skipped), or text.size() if there is none.
size_t TooDeepAt(absl::string_view text) {
  size_t depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

// Shortens the text nlohmann quotes after `marker` ("last read: '...'",
// "number overflow parsing '...'") to `max` bytes: a 1 MB string token would
// otherwise be repeated in the message.
void CapQuoted(std::string* message, absl::string_view marker, size_t max) {
  const size_t start = message->find(std::string(marker));
  if (start == std::string::npos) return;
  const size_t from = start + marker.size();
  const size_t end = message->rfind('\'');
  if (end == std::string::npos || end < from || end - from <= max) return;
  message->replace(from + max, end - from - max, "...");
}

// nlohmann's DOM builder, but a parse error is kept (with its byte position)
// instead of thrown, and nesting deeper than kMaxJsonDepth stops the parse.
class ModelSax : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_parser<json>;
  explicit ModelSax(json& root) : json_sax_dom_parser(root, false) {}
  bool parse_error(std::size_t position, const std::string& /*token*/,
                   const nlohmann::detail::exception& e) {
    position_ = position;
    message_ = e.what();
    const size_t p = message_.find("] ");
    if (p != std::string::npos) message_ = message_.substr(p + 2);
    CapQuoted(&message_, "last read: '", 40);
    CapQuoted(&message_, "number overflow parsing '", 40);
    return false;
  }
  // Hide the base's container callbacks (sax_parse is a template on the SAX
  // type, so these are the ones called) to count the depth.
  bool start_object(std::size_t len) { return Enter() && Base::start_object(len); }
  bool start_array(std::size_t len) { return Enter() && Base::start_array(len); }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }
  size_t position() const { return position_; }
  const std::string& message() const { return message_; }
  bool too_deep() const { return too_deep_; }

 private:
  bool Enter() {
    if (++depth_ <= kMaxJsonDepth) return true;
    too_deep_ = true;
    return false;
  }
  size_t position_ = 0;
  std::string message_;
  size_t depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace
}  // namespace internal

Model::Model(std::unique_ptr<internal::CompiledModel> compiled)
    : compiled_(std::move(compiled)) {}
Model::~Model() = default;

absl::StatusOr<std::shared_ptr<const Model>> Model::FromJson(
    absl::string_view json_text) {
  nlohmann::json root;
  internal::ModelSax sax(root);
  if (!nlohmann::json::sax_parse(json_text.begin(), json_text.end(), &sax)) {
    if (sax.too_deep()) {
      const std::string where =
          internal::PointerAt(json_text, internal::TooDeepAt(json_text));
      return absl::InvalidArgumentError(absl::StrCat(
          where.empty() ? "(root)" : where, ": arrays and objects nest deeper than ",
          internal::kMaxJsonDepth, " levels (conditions may nest at most ",
          internal::kMaxConditionDepth, ")"));
    }
    // Place the error: a number out of range is a bad value at a pointer;
    // anything else is a syntax error, also named by where it happened.
    std::string where = internal::PointerAt(json_text, sax.position());
    const bool overflow = sax.message().find("number overflow") != std::string::npos;
    return absl::InvalidArgumentError(absl::StrCat(
        where.empty() ? "(root)" : where, ": ",
        overflow ? "expected a finite number (" : "model is not valid JSON (",
        sax.message(), ")"));
  }
  internal::Loader loader;
  auto compiled = loader.Load(root);
  if (!compiled.ok()) return compiled.status();
  return std::shared_ptr<const Model>(new Model(*std::move(compiled)));
}

absl::StatusOr<std::shared_ptr<const Model>> Model::FromFile(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot open model file '", path, "'"));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("error reading model file '", path, "'"));
  }
  return FromJson(buffer.str());
}

const std::string& Model::name() const { return compiled_->name; }
const std::string& Model::version() const { return compiled_->version; }
const std::string& Model::description() const { return compiled_->description; }
size_t Model::dimension_count() const { return compiled_->dimensions.size(); }
const std::string& Model::dimension_name(size_t i) const {
  return compiled_->dimensions[i].name;
}
bool Model::dimension_graded(size_t i) const {
  return !compiled_->dimensions[i].grades.empty();
}
std::optional<size_t> Model::FindDimension(absl::string_view name) const {
  for (size_t i = 0; i < compiled_->dimensions.size(); ++i) {
    if (compiled_->dimensions[i].name == name) return i;
  }
  return std::nullopt;
}
size_t Model::rule_count() const { return compiled_->rules.size(); }
const std::string& Model::rule_id(size_t i) const { return compiled_->rules[i].id; }
bool Model::has_lifecycle() const { return compiled_->lifecycle.has_value(); }
const std::vector<std::string>& Model::stages() const {
  static const std::vector<std::string> kNone;
  return compiled_->lifecycle ? compiled_->lifecycle->stages : kNone;
}
std::optional<int> Model::FindStage(absl::string_view name) const {
  const auto& s = stages();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

}  // namespace leadscore
