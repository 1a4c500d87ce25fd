// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/account_model_loader.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "model/json_pointer_document.h"

namespace leadscore {
namespace internal {
namespace {

using json = nlohmann::json;

// The bounds' reasons, as the lead model's loader gives them.
constexpr const char* kPointsWhy = "larger points can make a score overflow";
constexpr const char* kWeightWhy = "a larger weight can make the total overflow";
constexpr const char* kBoundWhy = "a larger bound can make the total overflow";

class AccountLoader {
 public:
  AccountLoader(FieldReader* reader, CompiledModel* lead_model,
                const absl::flat_hash_map<std::string, int>& lead_dimensions,
                ConditionCompiler* lead_conditions)
      : reader_(*reader),
        lead_(*lead_model),
        lead_dims_(lead_dimensions),
        lead_conditions_(*lead_conditions) {}

  std::shared_ptr<const AccountModel> Load(const json& j, const std::string& ptr) {
    if (!reader_.CheckObject(j, ptr, {"dimensions", "rules", "lifecycle", "description"})) {
      return nullptr;
    }
    if (const json* d = FieldReader::Find(j, "dimensions")) {
      Dimensions(*d, ChildPointer(ptr, "dimensions"));
    } else {
      reader_.Error(ptr, "missing required key 'dimensions'");
    }
    const json* lifecycle = FieldReader::Find(j, "lifecycle");
    if (lifecycle != nullptr) Stages(*lifecycle, ChildPointer(ptr, "lifecycle"));
    if (const json* r = FieldReader::Find(j, "rules")) Rules(*r, ChildPointer(ptr, "rules"));
    if (lifecycle != nullptr) Lifecycle(*lifecycle, ChildPointer(ptr, "lifecycle"));
    // With problems the section is returned all the same (the model as a
    // whole fails to load): lead labels then resolve against the names it
    // has, rather than reporting a missing section.
    return std::move(a_);
  }

 private:
  void Dimensions(const json& j, const std::string& ptr) {
    if (!reader_.Array(j, ptr)) return;
    if (j.empty()) reader_.Error(ptr, "accounts need at least one dimension");
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = ChildPointer(ptr, i);
      const json& d = j[i];
      Dimension dim;
      AccountSource source;
      if (reader_.CheckObject(d, p,
                              {"name", "description", "min", "max", "weight", "grades",
                               "from", "coverage"})) {
        if (reader_.RequiredString(d, p, "name", &dim.name)) {
          if (dim.name == "total") {
            reader_.Error(ChildPointer(p, "name"), "'total' is reserved for the weighted total");
          } else if (!a_->dimension_index.emplace(dim.name, static_cast<int>(i)).second) {
            reader_.Error(ChildPointer(p, "name"),
                          absl::StrCat("duplicate account dimension name '", dim.name, "'"));
          }
        }
        if (const json* x = FieldReader::Find(d, "description")) {
          reader_.String(*x, ChildPointer(p, "description"), &dim.description);
        }
        double v;
        if (const json* x = FieldReader::Find(d, "min");
            x && reader_.BoundedNumber(*x, ChildPointer(p, "min"), kBoundWhy, &v)) {
          dim.min = v;
        }
        if (const json* x = FieldReader::Find(d, "max");
            x && reader_.BoundedNumber(*x, ChildPointer(p, "max"), kBoundWhy, &v)) {
          dim.max = v;
        }
        if (dim.min && dim.max && *dim.min > *dim.max) {
          reader_.Error(ChildPointer(p, "max"), "expected max >= min");
        }
        if (const json* x = FieldReader::Find(d, "weight")) {
          reader_.BoundedNumber(*x, ChildPointer(p, "weight"), kWeightWhy, &dim.weight);
        }
        if (const json* x = FieldReader::Find(d, "grades")) {
          Grades(*x, ChildPointer(p, "grades"), &dim);
        }
        const json* from = FieldReader::Find(d, "from");
        const json* coverage = FieldReader::Find(d, "coverage");
        if (from != nullptr && coverage != nullptr) {
          reader_.Error(ChildPointer(p, "coverage"),
                        "an account dimension has at most one source: 'from' is already given");
        } else if (from != nullptr) {
          From(*from, ChildPointer(p, "from"), &source);
        } else if (coverage != nullptr) {
          Coverage(*coverage, ChildPointer(p, "coverage"), &source);
        }
      }
      a_->model.dimensions.push_back(std::move(dim));
      a_->sources.push_back(std::move(source));
    }
  }

  void Grades(const json& j, const std::string& ptr, Dimension* dim) {
    if (!reader_.Array(j, ptr)) return;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = ChildPointer(ptr, i);
      if (!reader_.CheckObject(j[i], p, {"grade", "min", "description"})) continue;
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

  void From(const json& j, const std::string& ptr, AccountSource* s) {
    if (!reader_.CheckObject(j, ptr, {"score", "aggregate", "k", "lead_cap"})) return;
    s->kind = AccountSource::Kind::kFrom;
    if (reader_.RequiredString(j, ptr, "score", &s->score_name) && s->score_name != "total") {
      auto it = lead_dims_.find(s->score_name);
      if (it == lead_dims_.end()) {
        reader_.Error(ChildPointer(ptr, "score"),
                      absl::StrCat("unknown dimension '", s->score_name,
                                   "' (a lead dimension or 'total')"));
      } else {
        s->lead_dimension = it->second;
      }
    }
    std::string aggregate;
    if (reader_.RequiredString(j, ptr, "aggregate", &aggregate)) {
      if (aggregate == "sum") {
        s->aggregate = AccountSource::Aggregate::kSum;
      } else if (aggregate == "max") {
        s->aggregate = AccountSource::Aggregate::kMax;
      } else if (aggregate == "top_k_mean") {
        s->aggregate = AccountSource::Aggregate::kTopKMean;
      } else {
        reader_.Error(ChildPointer(ptr, "aggregate"),
                      absl::StrCat("unknown aggregate '", aggregate,
                                   "' (sum, max or top_k_mean)"));
      }
    }
    const json* k = FieldReader::Find(j, "k");
    if (aggregate == "top_k_mean") {
      if (k == nullptr) {
        reader_.Error(ptr, "missing required key 'k' (top_k_mean averages the top k leads)");
      } else {
        reader_.PositiveInt(*k, ChildPointer(ptr, "k"), &s->k);
      }
    } else if (k != nullptr && !aggregate.empty()) {
      reader_.Error(ChildPointer(ptr, "k"), "'k' applies to top_k_mean only");
    }
    double cap;
    if (const json* x = FieldReader::Find(j, "lead_cap");
        x && reader_.BoundedNumber(*x, ChildPointer(ptr, "lead_cap"), kBoundWhy, &cap)) {
      s->lead_cap = cap;
    }
  }

  void Coverage(const json& j, const std::string& ptr, AccountSource* s) {
    if (!reader_.CheckObject(j, ptr, {"attr", "where", "points"})) return;
    s->kind = AccountSource::Kind::kCoverage;
    if (reader_.RequiredString(j, ptr, "attr", &s->attr)) {
      // The batch keeps only attributes the model reads: this one is read.
      lead_.attribute_names.insert(s->attr);
    }
    if (const json* w = FieldReader::Find(j, "where")) {
      s->where = lead_conditions_.Compile(*w, ChildPointer(ptr, "where"),
                                          ConditionContext::kAccountWhere);
    }
    if (const json* x = FieldReader::Find(j, "points")) {
      reader_.BoundedNumber(*x, ChildPointer(ptr, "points"), kPointsWhy, &s->points);
    }
  }

  void Rules(const json& j, const std::string& ptr) {
    if (!reader_.Array(j, ptr)) return;
    absl::flat_hash_set<std::string> ids;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = ChildPointer(ptr, i);
      const json& r = j[i];
      Rule rule;
      if (reader_.CheckObject(r, p, {"id", "description", "dimension", "points", "when"})) {
        if (reader_.RequiredString(r, p, "id", &rule.id) && !ids.insert(rule.id).second) {
          reader_.Error(ChildPointer(p, "id"),
                        absl::StrCat("duplicate account rule id '", rule.id, "'"));
        }
        if (const json* x = FieldReader::Find(r, "description")) {
          reader_.String(*x, ChildPointer(p, "description"), &rule.description);
        }
        std::string dim;
        if (reader_.RequiredString(r, p, "dimension", &dim)) {
          auto it = a_->dimension_index.find(dim);
          if (it == a_->dimension_index.end()) {
            reader_.Error(ChildPointer(p, "dimension"),
                          absl::StrCat("unknown account dimension '", dim, "'"));
          } else {
            rule.dimension = it->second;
          }
        }
        if (const json* x = FieldReader::Find(r, "points")) {
          reader_.BoundedNumber(*x, ChildPointer(p, "points"), kPointsWhy, &rule.points);
        } else {
          reader_.Error(p, "missing required key 'points'");
        }
        if (const json* x = FieldReader::Find(r, "when")) {
          rule.when = conditions_.Compile(*x, ChildPointer(p, "when"),
                                          ConditionContext::kAttributeRule);
        }
      }
      a_->model.rules.push_back(std::move(rule));
    }
  }

  void Stages(const json& j, const std::string& ptr) {
    if (!reader_.CheckObject(j, ptr,
                             {"stages", "forward_only", "thresholds", "labels", "description"})) {
      return;
    }
    auto& lc = a_->model.lifecycle.emplace();
    const json* stages = FieldReader::Find(j, "stages");
    if (stages == nullptr) {
      reader_.Error(ptr, "missing required key 'stages'");
      return;
    }
    const std::string sp = ChildPointer(ptr, "stages");
    if (!reader_.Array(*stages, sp)) return;
    if (stages->empty()) reader_.Error(sp, "expected at least one stage");
    for (size_t i = 0; i < stages->size(); ++i) {
      std::string name;
      const std::string p = ChildPointer(sp, i);
      if (!reader_.String((*stages)[i], p, &name)) continue;
      if (name.empty()) {
        reader_.Error(p, "must not be empty");
      } else if (name == "invalid" || name == "disqualified") {
        reader_.Error(p, absl::StrCat("'", name, "' is reserved and cannot be a stage"));
      } else if (!a_->stage_index.emplace(name, static_cast<int>(lc.stages.size())).second) {
        reader_.Error(p, absl::StrCat("duplicate stage '", name, "'"));
      } else {
        lc.stages.push_back(name);
      }
    }
  }

  void Lifecycle(const json& j, const std::string& ptr) {
    if (!j.is_object() || !a_->model.lifecycle) return;  // reported already
    auto& lc = *a_->model.lifecycle;
    lc.require_consent = false;  // accounts have no consent
    if (const json* x = FieldReader::Find(j, "forward_only")) {
      reader_.Bool(*x, ChildPointer(ptr, "forward_only"), &lc.forward_only);
    }
    if (const json* x = FieldReader::Find(j, "thresholds")) {
      const std::string tp = ChildPointer(ptr, "thresholds");
      if (reader_.Array(*x, tp)) {
        for (size_t i = 0; i < x->size(); ++i) {
          const std::string p = ChildPointer(tp, i);
          const json& t = (*x)[i];
          if (!reader_.CheckObject(t, p, {"stage", "when", "description"})) continue;
          Threshold th;
          const json* st = FieldReader::Find(t, "stage");
          const json* w = FieldReader::Find(t, "when");
          if (!st) reader_.Error(p, "missing required key 'stage'");
          if (!w) reader_.Error(p, "missing required key 'when'");
          bool ok = st && StageRef(*st, ChildPointer(p, "stage"), &th.stage);
          std::optional<Condition> c;
          if (w) c = conditions_.Compile(*w, ChildPointer(p, "when"), ConditionContext::kAccount);
          if (ok && c) {
            th.when = std::move(*c);
            lc.thresholds.push_back(std::move(th));
          }
        }
      }
    }
    if (const json* x = FieldReader::Find(j, "labels")) {
      const std::string lp = ChildPointer(ptr, "labels");
      absl::flat_hash_set<std::string> names;
      if (reader_.Array(*x, lp)) {
        for (size_t i = 0; i < x->size(); ++i) {
          const std::string p = ChildPointer(lp, i);
          const json& l = (*x)[i];
          if (!reader_.CheckObject(l, p, {"label", "when", "description"})) continue;
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
          auto c = conditions_.Compile(*w, ChildPointer(p, "when"), ConditionContext::kAccount);
          if (ok && c) {
            label.when = std::move(*c);
            lc.labels.push_back(std::move(label));
          }
        }
      }
    }
    lc.funnel.assign(lc.stages.size(), -1);
    lc.thresholds_by_stage.assign(lc.stages.size(), {});
    for (size_t i = 0; i < lc.thresholds.size(); ++i) {
      lc.thresholds_by_stage[lc.thresholds[i].stage].push_back(static_cast<int>(i));
    }
  }

  bool StageRef(const json& j, const std::string& ptr, int* out) {
    std::string name;
    if (!reader_.String(j, ptr, &name)) return false;
    auto it = a_->stage_index.find(name);
    if (it == a_->stage_index.end()) {
      reader_.Error(ptr, absl::StrCat("unknown stage '", name,
                                      "' (not in /accounts/lifecycle/stages)"));
      return false;
    }
    *out = it->second;
    return true;
  }

  FieldReader& reader_;
  CompiledModel& lead_;
  const absl::flat_hash_map<std::string, int>& lead_dims_;
  ConditionCompiler& lead_conditions_;
  std::shared_ptr<AccountModel> a_ = std::make_shared<AccountModel>();
  // Account conditions read the account model's dimensions.
  ConditionCompiler conditions_{&reader_, &a_->model, &a_->dimension_index};
};

}  // namespace

std::shared_ptr<const AccountModel> LoadAccounts(
    FieldReader* reader, const nlohmann::json& j, const std::string& ptr,
    CompiledModel* lead_model, const absl::flat_hash_map<std::string, int>& lead_dimensions,
    ConditionCompiler* lead_conditions) {
  return AccountLoader(reader, lead_model, lead_dimensions, lead_conditions).Load(j, ptr);
}

}  // namespace internal
}  // namespace leadscore
