// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model::FromJson and FromFile: parses the model document, validates every
// field of its top level, dimensions, rules and lifecycle (collecting every
// problem with its JSON pointer, spec section 4; conditions are compiled by
// ConditionCompiler) and builds internal::CompiledModel.

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "leadscore/model.h"
#include "model/account_model_loader.h"
#include "model/compiled_model.h"
#include "model/condition_compiler.h"
#include "model/field_reader.h"
#include "model/json_pointer_document.h"
#include "model/model_indexes.h"
#include "model/model_fingerprint.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace internal {
namespace {

using json = nlohmann::json;

constexpr double kNanosPerDay = 86400e9;  // for half-lives (real-valued)

// Model JSON may nest at most this many arrays and objects. Conditions stop
// at kMaxConditionDepth (64 levels, two JSON levels each for all/any), so a
// sane model needs about 140; the limit keeps memory, time and the length of
// error pointers bounded for hostile files (1,000,000 '[' would otherwise
// build a DOM of a million values and a pointer of megabytes).
constexpr size_t kMaxJsonDepth = 256;

// Why points, weights and dimension bounds are bounded (kMaxScoreMagnitude).
constexpr const char* kPointsWhy = "larger points can make a score overflow";
constexpr const char* kWeightWhy =
    "a larger weight can make the total overflow";
constexpr const char* kBoundWhy = "a larger bound can make the total overflow";

// Reads a model document into a CompiledModel, reporting to a FieldReader.
// Whether `c` reads a score, a grade or an event window (anything but
// attributes): then evaluating it needs a snapshot of the state.
bool ReadsScores(const Condition& c) {
  if (c.kind == Condition::Kind::kLeaf) return c.leaf.subject != Subject::kAttr;
  for (const Condition& child : c.children) {
    if (ReadsScores(child)) return true;
  }
  return false;
}

class Loader {
 public:
  explicit Loader(FieldReader* reader) : reader_(*reader) {}

  // The compiled model, or null if `root` has any problem (all reported).
  std::unique_ptr<CompiledModel> Load(const json& root) {
    if (!reader_.CheckObject(root, "",
                             {"name", "version", "description", "dimensions",
                              "rules", "lifecycle", "accounts"})) {
      return nullptr;
    }
    if (const json* j = FieldReader::Find(root, "name"))
      reader_.String(*j, "/name", &m_->name);
    if (const json* j = FieldReader::Find(root, "version")) {
      if (j->is_string()) {
        m_->version = j->get<std::string>();
      } else if (j->is_number_integer() || j->is_number_unsigned()) {
        m_->version = j->dump();
      } else {
        reader_.Error("/version",
                      absl::StrCat("expected a string or an integer, got ",
                                   FieldReader::TypeName(*j)));
      }
    }
    if (const json* j = FieldReader::Find(root, "description")) {
      reader_.String(*j, "/description", &m_->description);
    }
    if (const json* j = FieldReader::Find(root, "dimensions")) {
      Dimensions(*j, "/dimensions");
    } else {
      reader_.Error("", "missing required key 'dimensions'");
    }
    // Stages before rules and thresholds, so later references resolve.
    const json* lifecycle = FieldReader::Find(root, "lifecycle");
    if (lifecycle != nullptr) LifecycleStages(*lifecycle, "/lifecycle");
    if (const json* j = FieldReader::Find(root, "rules")) Rules(*j, "/rules");
    // Accounts (v1.1) before the lifecycle: lead labels may read them.
    if (const json* j = FieldReader::Find(root, "accounts")) {
      m_->accounts = LoadAccounts(&reader_, *j, "/accounts", m_.get(), dim_index_, &conditions_);
      if (m_->accounts != nullptr) {
        conditions_.SetAccountNames(
            {&m_->accounts->dimension_index, &m_->accounts->stage_index});
      }
    }
    if (lifecycle != nullptr) Lifecycle(*lifecycle, "/lifecycle");
    if (!reader_.ok()) return nullptr;
    BuildModelIndexes(m_.get());
    // Only a valid model gets a state layout: with errors, rules may name a
    // dimension that does not exist (fuzz/regressions/model-layout-*).
    BuildStateLayout(m_.get());
    return std::move(m_);
  }

 private:
  // ---- dimensions -------------------------------------------------------

  void Dimensions(const json& j, const std::string& ptr) {
    if (!reader_.Array(j, ptr)) return;
    if (j.empty()) reader_.Error(ptr, "a model needs at least one dimension");
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = ChildPointer(ptr, i);
      const json& d = j[i];
      Dimension dim;
      // Keep indices stable even for a bad entry, so rules still resolve.
      if (reader_.CheckObject(d, p,
                              {"name", "description", "min", "max", "weight",
                               "decay", "grades"})) {
        if (reader_.RequiredString(d, p, "name", &dim.name)) {
          if (dim.name == "total") {
            reader_.Error(ChildPointer(p, "name"),
                          "'total' is reserved for the weighted total");
          } else if (!dim_index_.emplace(dim.name, static_cast<int>(i))
                          .second) {
            reader_.Error(
                ChildPointer(p, "name"),
                absl::StrCat("duplicate dimension name '", dim.name, "'"));
          }
        }
        if (const json* x = FieldReader::Find(d, "description")) {
          reader_.String(*x, ChildPointer(p, "description"), &dim.description);
        }
        double v;
        if (const json* x = FieldReader::Find(d, "min");
            x &&
            reader_.BoundedNumber(*x, ChildPointer(p, "min"), kBoundWhy, &v)) {
          dim.min = v;
        }
        if (const json* x = FieldReader::Find(d, "max");
            x &&
            reader_.BoundedNumber(*x, ChildPointer(p, "max"), kBoundWhy, &v)) {
          dim.max = v;
        }
        if (dim.min && dim.max && *dim.min > *dim.max) {
          reader_.Error(ChildPointer(p, "max"), "expected max >= min");
        }
        if (const json* x = FieldReader::Find(d, "weight"))
          reader_.BoundedNumber(*x, ChildPointer(p, "weight"), kWeightWhy,
                                &dim.weight);
        if (const json* x = FieldReader::Find(d, "decay")) {
          const std::string dp = ChildPointer(p, "decay");
          if (reader_.CheckObject(*x, dp, {"half_life_days"})) {
            if (const json* h = FieldReader::Find(*x, "half_life_days")) {
              int64_t ns;
              double days;
              if (reader_.PositiveDays(*h, ChildPointer(dp, "half_life_days"),
                                       &ns, &days)) {
                dim.half_life_days = days;
                dim.half_life_ns = days * kNanosPerDay;
              }
            } else {
              reader_.Error(dp, "missing required key 'half_life_days'");
            }
          }
        }
        if (const json* x = FieldReader::Find(d, "grades"))
          Grades(*x, ChildPointer(p, "grades"), &dim);
      }
      m_->dimensions.push_back(std::move(dim));
    }
  }

  void Grades(const json& j, const std::string& ptr, Dimension* dim) {
    if (!reader_.Array(j, ptr)) return;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = ChildPointer(ptr, i);
      if (!reader_.CheckObject(j[i], p, {"grade", "min", "description"}))
        continue;
      Grade g;
      reader_.RequiredString(j[i], p, "grade", &g.name);
      double v;
      if (const json* x = FieldReader::Find(j[i], "min");
          x && reader_.Number(*x, ChildPointer(p, "min"), &v)) {
        g.min = v;
      }
      dim->grades.push_back(std::move(g));
    }
  }

  // ---- rules --------------------------------------------------------------

  void Rules(const json& j, const std::string& ptr) {
    if (!reader_.Array(j, ptr)) return;
    absl::flat_hash_set<std::string> ids;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = ChildPointer(ptr, i);
      const json& r = j[i];
      Rule rule;
      if (!reader_.CheckObject(
              r, p,
              {"id", "description", "dimension", "points", "on", "when",
               "max_per_lead", "max_per_window", "within_days", "pattern"})) {
        m_->rules.push_back(std::move(rule));
        continue;
      }
      if (reader_.RequiredString(r, p, "id", &rule.id) &&
          !ids.insert(rule.id).second) {
        reader_.Error(ChildPointer(p, "id"),
                      absl::StrCat("duplicate rule id '", rule.id, "'"));
      }
      if (const json* x = FieldReader::Find(r, "description")) {
        reader_.String(*x, ChildPointer(p, "description"), &rule.description);
      }
      std::string dim;
      if (reader_.RequiredString(r, p, "dimension", &dim)) {
        auto it = dim_index_.find(dim);
        if (it == dim_index_.end()) {
          reader_.Error(ChildPointer(p, "dimension"),
                        absl::StrCat("unknown dimension '", dim, "'"));
        } else {
          rule.dimension = it->second;
        }
      }
      if (const json* x = FieldReader::Find(r, "points")) {
        reader_.BoundedNumber(*x, ChildPointer(p, "points"), kPointsWhy,
                              &rule.points);
      } else {
        reader_.Error(p, "missing required key 'points'");
      }
      const json* on = FieldReader::Find(r, "on");
      const json* pattern = FieldReader::Find(r, "pattern");
      if (on != nullptr) {
        rule.kind = pattern ? Rule::Kind::kPattern : Rule::Kind::kEvent;
        On(*on, ChildPointer(p, "on"), &rule);
      } else if (pattern != nullptr) {
        reader_.Error(ChildPointer(p, "pattern"),
                      "a pattern rule needs 'on' (the event types it counts)");
      }
      const bool is_event = rule.kind == Rule::Kind::kEvent;
      auto cap_allowed = [&](const char* key) {
        if (rule.kind == Rule::Kind::kPattern) {
          reader_.Error(ChildPointer(p, key),
                        absl::StrCat("a pattern rule takes no ", key));
          return false;
        }
        if (!is_event) {
          reader_.Error(
              ChildPointer(p, key),
              absl::StrCat(key, " applies to event rules only (add 'on')"));
          return false;
        }
        return true;
      };
      if (const json* x = FieldReader::Find(r, "max_per_lead");
          x && cap_allowed("max_per_lead")) {
        reader_.PositiveInt(*x, ChildPointer(p, "max_per_lead"),
                            &rule.max_per_lead);
      }
      if (const json* x = FieldReader::Find(r, "max_per_window");
          x && cap_allowed("max_per_window")) {
        const std::string wp = ChildPointer(p, "max_per_window");
        if (reader_.CheckObject(*x, wp, {"count", "days"})) {
          const json* c = FieldReader::Find(*x, "count");
          const json* d = FieldReader::Find(*x, "days");
          if (!c) reader_.Error(wp, "missing required key 'count'");
          if (!d) reader_.Error(wp, "missing required key 'days'");
          if (c && d &&
              reader_.PositiveInt(*c, ChildPointer(wp, "count"),
                                  &rule.window_count) &&
              !reader_.PositiveDays(*d, ChildPointer(wp, "days"),
                                    &rule.window_ns)) {
            rule.window_count = 0;
          }
        }
      }
      if (const json* x = FieldReader::Find(r, "within_days");
          x && cap_allowed("within_days")) {
        reader_.PositiveDays(*x, ChildPointer(p, "within_days"),
                             &rule.within_ns);
      }
      if (pattern != nullptr && on != nullptr) {
        const std::string pp = ChildPointer(p, "pattern");
        if (reader_.CheckObject(*pattern, pp, {"at_least", "within_days"})) {
          const json* a = FieldReader::Find(*pattern, "at_least");
          const json* d = FieldReader::Find(*pattern, "within_days");
          if (!a) reader_.Error(pp, "missing required key 'at_least'");
          if (!d) reader_.Error(pp, "missing required key 'within_days'");
          if (a)
            reader_.PositiveInt(*a, ChildPointer(pp, "at_least"),
                                &rule.pattern_at_least);
          if (d)
            reader_.PositiveDays(*d, ChildPointer(pp, "within_days"),
                                 &rule.pattern_ns);
        }
      }
      if (const json* x = FieldReader::Find(r, "when")) {
        rule.when = conditions_.Compile(*x, ChildPointer(p, "when"),
                                        on ? ConditionContext::kEventRule
                                           : ConditionContext::kAttributeRule);
      }
      m_->rules.push_back(std::move(rule));
    }
  }

  void On(const json& j, const std::string& ptr, Rule* rule) {
    std::string type;
    if (j.is_string()) {
      if (reader_.String(j, ptr, &type))
        rule->on.push_back(InternEventType(m_.get(), type));
      return;
    }
    if (!j.is_array()) {
      reader_.Error(
          ptr, absl::StrCat("expected an event type or an array of them, got ",
                            FieldReader::TypeName(j)));
      return;
    }
    if (j.empty()) reader_.Error(ptr, "expected at least one event type");
    for (size_t i = 0; i < j.size(); ++i) {
      if (reader_.String(j[i], ChildPointer(ptr, i), &type)) {
        const int id = InternEventType(m_.get(), type);
        bool seen = false;
        for (int t : rule->on) seen |= t == id;
        if (!seen) rule->on.push_back(id);
      }
    }
  }

  // ---- lifecycle ----------------------------------------------------------

  void LifecycleStages(const json& j, const std::string& ptr) {
    if (!reader_.CheckObject(
            j, ptr,
            {"stages", "require_consent", "forward_only", "thresholds",
             "disqualify_when", "labels", "funnel", "description", "recycle"})) {
      return;
    }
    auto& lc = m_->lifecycle.emplace();
    const json* stages = FieldReader::Find(j, "stages");
    if (stages == nullptr) {
      reader_.Error(ptr, "missing required key 'stages'");
      return;
    }
    const std::string sp = ChildPointer(ptr, "stages");
    if (!reader_.Array(*stages, sp)) return;
    if (stages->empty()) reader_.Error(sp, "expected at least one stage");
    // A state remembers a stage in 16 bits (with room for 'invalid' and
    // 'disqualified'); no real lifecycle comes near.
    constexpr size_t kMaxStages = 10000;
    if (stages->size() > kMaxStages) {
      reader_.Error(sp, absl::StrCat("expected at most ", kMaxStages, " stages, found ",
                                     stages->size()));
      return;
    }
    for (size_t i = 0; i < stages->size(); ++i) {
      std::string name;
      const std::string p = ChildPointer(sp, i);
      if (!reader_.String((*stages)[i], p, &name)) continue;
      if (name.empty()) {
        reader_.Error(p, "must not be empty");
      } else if (name == "invalid" || name == "disqualified") {
        reader_.Error(
            p, absl::StrCat("'", name, "' is reserved and cannot be a stage"));
      } else if (!stage_index_.emplace(name, static_cast<int>(lc.stages.size()))
                      .second) {
        reader_.Error(p, absl::StrCat("duplicate stage '", name, "'"));
      } else {
        lc.stages.push_back(name);
      }
    }
  }

  bool StageRef(const json& j, const std::string& ptr, int* out) {
    std::string name;
    if (!reader_.String(j, ptr, &name)) return false;
    auto it = stage_index_.find(name);
    if (it == stage_index_.end()) {
      reader_.Error(ptr, absl::StrCat("unknown stage '", name,
                                      "' (not in /lifecycle/stages)"));
      return false;
    }
    *out = it->second;
    return true;
  }

  void Lifecycle(const json& j, const std::string& ptr) {
    if (!j.is_object() || !m_->lifecycle) return;  // reported already
    auto& lc = *m_->lifecycle;
    if (const json* x = FieldReader::Find(j, "require_consent")) {
      reader_.Bool(*x, ChildPointer(ptr, "require_consent"),
                   &lc.require_consent);
    }
    if (const json* x = FieldReader::Find(j, "forward_only")) {
      reader_.Bool(*x, ChildPointer(ptr, "forward_only"), &lc.forward_only);
    }
    if (const json* x = FieldReader::Find(j, "thresholds")) {
      const std::string tp = ChildPointer(ptr, "thresholds");
      if (reader_.Array(*x, tp)) {
        for (size_t i = 0; i < x->size(); ++i) {
          const std::string p = ChildPointer(tp, i);
          const json& t = (*x)[i];
          if (!reader_.CheckObject(t, p, {"stage", "when", "description", "exit_when"}))
            continue;
          Threshold th;
          const json* st = FieldReader::Find(t, "stage");
          const json* w = FieldReader::Find(t, "when");
          if (!st) reader_.Error(p, "missing required key 'stage'");
          if (!w) reader_.Error(p, "missing required key 'when'");
          bool ok = st && StageRef(*st, ChildPointer(p, "stage"), &th.stage);
          std::optional<Condition> c;
          if (w)
            c = conditions_.Compile(*w, ChildPointer(p, "when"),
                                    ConditionContext::kLifecycle);
          if (const json* x = FieldReader::Find(t, "exit_when")) {
            const std::string ep = ChildPointer(p, "exit_when");
            th.exit_when = conditions_.Compile(*x, ep, ConditionContext::kLifecycle);
            ok &= th.exit_when.has_value();
            if (lc.forward_only) {
              reader_.Error(ep,
                            "exit_when needs \"forward_only\": false (a forward-only stage "
                            "never goes back; use /lifecycle/recycle to move leads back)");
              ok = false;
            }
          }
          if (ok && c) {
            th.when = std::move(*c);
            lc.thresholds.push_back(std::move(th));
          }
        }
      }
    }
    if (const json* x = FieldReader::Find(j, "recycle")) {
      Recycle(*x, ChildPointer(ptr, "recycle"), &lc);
    }
    if (const json* x = FieldReader::Find(j, "disqualify_when")) {
      lc.disqualify_when =
          conditions_.Compile(*x, ChildPointer(ptr, "disqualify_when"),
                              ConditionContext::kLifecycle);
      if (lc.disqualify_when) lc.disqualify_reads_scores = ReadsScores(*lc.disqualify_when);
    }
    if (const json* x = FieldReader::Find(j, "labels")) {
      const std::string lp = ChildPointer(ptr, "labels");
      absl::flat_hash_set<std::string> names;
      if (reader_.Array(*x, lp)) {
        for (size_t i = 0; i < x->size(); ++i) {
          const std::string p = ChildPointer(lp, i);
          const json& l = (*x)[i];
          if (!reader_.CheckObject(l, p, {"label", "when", "description"}))
            continue;
          Label label;
          bool ok = reader_.RequiredString(l, p, "label", &label.name);
          if (ok && !names.insert(label.name).second) {
            reader_.Error(ChildPointer(p, "label"),
                          absl::StrCat("duplicate label '", label.name, "'"));
            ok = false;
          }
          const json* w = FieldReader::Find(l, "when");
          if (!w) {
            reader_.Error(p, "missing required key 'when'");
            continue;
          }
          auto c = conditions_.Compile(*w, ChildPointer(p, "when"),
                                       ConditionContext::kLabel);
          if (ok && c) {
            label.when = std::move(*c);
            lc.labels.push_back(std::move(label));
          }
        }
      }
    }
    lc.funnel.assign(lc.stages.size(), -1);
    if (const json* x = FieldReader::Find(j, "funnel")) {
      const std::string fp = ChildPointer(ptr, "funnel");
      if (reader_.CheckObject(*x, fp, {"tofu", "mofu", "bofu"})) {
        const char* kKeys[] = {"tofu", "mofu", "bofu"};
        for (int k = 0; k < 3; ++k) {
          const json* arr = FieldReader::Find(*x, kKeys[k]);
          if (arr == nullptr) continue;
          const std::string kp = ChildPointer(fp, kKeys[k]);
          if (!reader_.Array(*arr, kp)) continue;
          for (size_t i = 0; i < arr->size(); ++i) {
            int stage;
            if (!StageRef((*arr)[i], ChildPointer(kp, i), &stage)) continue;
            if (lc.funnel[stage] != -1) {
              reader_.Error(
                  ChildPointer(kp, i),
                  absl::StrCat("stage '", lc.stages[stage],
                               "' appears more than once in the funnel"));
            } else {
              lc.funnel[stage] = k;
            }
          }
        }
      }
    }
  }

  // v1.1 recycle rules (docs/model-format.md, "Hysteresis and recycling").
  void Recycle(const json& x, const std::string& rp, internal::Lifecycle* lc) {
    if (!reader_.Array(x, rp)) return;
    absl::flat_hash_set<std::string> ids;
    for (size_t i = 0; i < x.size(); ++i) {
      const std::string p = ChildPointer(rp, i);
      const json& r = x[i];
      if (!reader_.CheckObject(r, p, {"id", "description", "from", "to", "inactive_days",
                                      "when"})) {
        continue;
      }
      RecycleRule rule;
      bool ok = reader_.RequiredString(r, p, "id", &rule.id);
      if (ok && rule.id.empty()) {
        reader_.Error(ChildPointer(p, "id"), "must not be empty");
        ok = false;
      }
      if (ok && !ids.insert(rule.id).second) {
        reader_.Error(ChildPointer(p, "id"),
                      absl::StrCat("duplicate recycle id '", rule.id, "'"));
        ok = false;
      }
      const json* from = FieldReader::Find(r, "from");
      const json* to = FieldReader::Find(r, "to");
      bool from_ok = from != nullptr;
      if (from == nullptr) {
        reader_.Error(p, "missing required key 'from'");
        ok = false;
      } else {
        const std::string fp = ChildPointer(p, "from");
        if (!reader_.Array(*from, fp)) {
          ok = from_ok = false;
        } else if (from->empty()) {
          reader_.Error(fp, "expected at least one stage");
          ok = from_ok = false;
        } else {
          for (size_t k = 0; k < from->size(); ++k) {
            int stage;
            if (StageRef((*from)[k], ChildPointer(fp, k), &stage)) {
              rule.from.push_back(stage);
            } else {
              ok = from_ok = false;
            }
          }
        }
      }
      if (to == nullptr) {
        reader_.Error(p, "missing required key 'to'");
        ok = false;
      } else if (!StageRef(*to, ChildPointer(p, "to"), &rule.to)) {
        ok = false;
      } else if (from_ok) {
        for (int s : rule.from) {
          if (s > rule.to) continue;
          reader_.Error(ChildPointer(p, "to"),
                        absl::StrCat("'to' must be a stage below every 'from' stage; '",
                                     lc->stages[rule.to], "' is not below '", lc->stages[s],
                                     "'"));
          ok = false;
          break;
        }
      }
      const json* days = FieldReader::Find(r, "inactive_days");
      const json* w = FieldReader::Find(r, "when");
      if (days != nullptr) {
        ok &= reader_.PositiveDays(*days, ChildPointer(p, "inactive_days"), &rule.inactive_ns);
      }
      if (w != nullptr) {
        rule.when = conditions_.Compile(*w, ChildPointer(p, "when"), ConditionContext::kLifecycle);
        ok &= rule.when.has_value();
      }
      if (days == nullptr && w == nullptr) {
        reader_.Error(p, "a recycle rule needs 'inactive_days', 'when' or both");
        ok = false;
      }
      if (ok) lc->recycle.push_back(std::move(rule));
    }
  }

  FieldReader& reader_;
  std::unique_ptr<CompiledModel> m_ = std::make_unique<CompiledModel>();
  absl::flat_hash_map<std::string, int> dim_index_;
  absl::flat_hash_map<std::string, int> stage_index_;
  ConditionCompiler conditions_{&reader_, m_.get(), &dim_index_, &stage_index_};
};

// One problem a line, `POINTER: message` ("(root)" for the empty pointer).
absl::Status ToStatus(const std::vector<ModelDiagnostic>& diagnostics) {
  return absl::InvalidArgumentError(absl::StrJoin(
      diagnostics, "\n", [](std::string* out, const ModelDiagnostic& d) {
        absl::StrAppend(out, d.pointer.empty() ? "(root)" : d.pointer, ": ",
                        d.message);
      }));
}

ModelDiagnostic ParseProblem(const JsonParseError& e) {
  switch (e.kind) {
    case JsonParseError::Kind::kTooDeep:
      return {e.pointer, absl::StrCat("arrays and objects nest deeper than ",
                                      kMaxJsonDepth,
                                      " levels (conditions may nest at most ",
                                      kMaxConditionDepth, ")")};
    case JsonParseError::Kind::kNumberOverflow:
      // A number out of range is a bad value at a pointer.
      return {e.pointer,
              absl::StrCat("expected a finite number (", e.detail, ")")};
    case JsonParseError::Kind::kSyntax:
      break;
  }
  return {e.pointer, absl::StrCat("model is not valid JSON (", e.detail, ")")};
}

// `diagnostics` (in the order the loader found them) in the order of their
// values in `text`; problems at one value keep their order.
std::vector<ModelDiagnostic> InDocumentOrder(
    absl::string_view text, std::vector<ModelDiagnostic> diagnostics) {
  // Parsed again, recording pointers, only now: a model that loads pays
  // nothing for it.
  JsonPointerDocument doc;
  ParseOptions options;
  options.max_depth = kMaxJsonDepth;
  options.record_pointers = true;
  if (ParseJsonDocument(text, options, &doc))
    return diagnostics;                         // parsed once already
  std::vector<std::pair<size_t, size_t>> keys;  // (rank, index)
  keys.reserve(diagnostics.size());
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    keys.emplace_back(doc.Rank(diagnostics[i].pointer), i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<ModelDiagnostic> out;
  out.reserve(diagnostics.size());
  for (const auto& k : keys) out.push_back(std::move(diagnostics[k.second]));
  return out;
}

}  // namespace
}  // namespace internal

absl::StatusOr<std::shared_ptr<const Model>> Model::FromJson(
    absl::string_view json_text) {
  return FromJson(json_text, nullptr);
}

absl::StatusOr<std::shared_ptr<const Model>> Model::FromJson(
    absl::string_view json_text, std::vector<ModelDiagnostic>* diagnostics) {
  if (diagnostics != nullptr) diagnostics->clear();
  internal::JsonPointerDocument doc;
  internal::ParseOptions options;
  options.max_depth = internal::kMaxJsonDepth;
  if (auto error = internal::ParseJsonDocument(json_text, options, &doc)) {
    std::vector<ModelDiagnostic> one = {internal::ParseProblem(*error)};
    absl::Status status = internal::ToStatus(one);
    if (diagnostics != nullptr) *diagnostics = std::move(one);
    return status;
  }
  internal::FieldReader reader;
  std::unique_ptr<internal::CompiledModel> compiled =
      internal::Loader(&reader).Load(doc.root);
  if (compiled == nullptr) {
    absl::Status status = internal::ToStatus(reader.diagnostics());
    if (diagnostics != nullptr) {
      *diagnostics = internal::InDocumentOrder(json_text, reader.diagnostics());
    }
    return status;
  }
  internal::ComputeFingerprints(doc.root, compiled.get());
  return std::shared_ptr<const Model>(new Model(std::move(compiled)));
}

absl::StatusOr<std::shared_ptr<const Model>> Model::FromFile(
    const std::string& path) {
  return FromFile(path, nullptr);
}

absl::StatusOr<std::shared_ptr<const Model>> Model::FromFile(
    const std::string& path, std::vector<ModelDiagnostic>* diagnostics) {
  // Every failure here is about the whole file: one diagnostic, no pointer.
  auto fail = [&](absl::Status status) {
    if (diagnostics != nullptr) {
      *diagnostics = {ModelDiagnostic{"", std::string(status.message())}};
    }
    return status;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(absl::NotFoundError(
        absl::StrCat("cannot open model file '", path, "'")));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return fail(absl::DataLossError(
        absl::StrCat("error reading model file '", path, "'")));
  }
  return FromJson(buffer.str(), diagnostics);
}

}  // namespace leadscore
