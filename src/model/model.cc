// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model's read-only accessors over its compiled form (loading is in
// model_loader.cc).

#include "leadscore/model.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/account_model.h"
#include "model/compiled_model.h"

namespace leadscore {

Model::Model(std::unique_ptr<internal::CompiledModel> compiled)
    : compiled_(std::move(compiled)) {}
Model::~Model() = default;

const std::string& Model::name() const { return compiled_->name; }
const std::string& Model::version() const { return compiled_->version; }
const std::string& Model::description() const { return compiled_->description; }
uint64_t Model::fingerprint() const { return compiled_->fingerprints.model; }
uint64_t Model::replay_fingerprint() const { return compiled_->fingerprints.replay; }
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
const std::string& Model::rule_id(size_t i) const {
  return compiled_->rules[i].id;
}
bool Model::has_accounts() const { return compiled_->accounts != nullptr; }
size_t Model::account_dimension_count() const {
  return compiled_->accounts ? compiled_->accounts->model.dimensions.size() : 0;
}
const std::string& Model::account_dimension_name(size_t i) const {
  return compiled_->accounts->model.dimensions[i].name;
}
const std::vector<std::string>& Model::account_stages() const {
  static const std::vector<std::string> kNone;
  const auto& a = compiled_->accounts;
  return a && a->model.lifecycle ? a->model.lifecycle->stages : kNone;
}
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
