// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model: a compiled, immutable scoring model (spec 1, sections 3 and 4).

#ifndef LEADSCORE_MODEL_H_
#define LEADSCORE_MODEL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

namespace internal {
struct CompiledModel;
struct ModelAccess;
}  // namespace internal

// A loaded and validated model. Immutable once built, so one instance may be
// shared by any number of threads (hold it by `std::shared_ptr<const Model>`).
class Model {
 public:
  // Parses and compiles a model from JSON text. On failure the status is
  // InvalidArgument and its message lists every problem found, one per line,
  // each as `JSON-POINTER: what is wrong` (e.g.
  // `/rules/3/when/any/0/between: expected [lo, hi] with lo <= hi`).
  static absl::StatusOr<std::shared_ptr<const Model>> FromJson(
      absl::string_view json_text);

  // Reads `path` and calls FromJson. A file that cannot be read is NotFound or
  // PermissionDenied with the path in the message.
  static absl::StatusOr<std::shared_ptr<const Model>> FromFile(
      const std::string& path);

  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const std::string& name() const;
  const std::string& version() const;
  const std::string& description() const;

  // Dimensions in model order.
  size_t dimension_count() const;
  const std::string& dimension_name(size_t i) const;
  // True when dimension `i` defines grades.
  bool dimension_graded(size_t i) const;
  // Index of the dimension called `name`, if any.
  std::optional<size_t> FindDimension(absl::string_view name) const;

  // Rules in model order.
  size_t rule_count() const;
  const std::string& rule_id(size_t i) const;

  // Lifecycle stages in order (empty without a lifecycle).
  bool has_lifecycle() const;
  const std::vector<std::string>& stages() const;
  // Index of stage `name` (exact comparison), if the lifecycle defines it.
  std::optional<int> FindStage(absl::string_view name) const;


 private:
  // The compiled form is the library's own (internal::ModelAccess).
  friend struct internal::ModelAccess;
  explicit Model(std::unique_ptr<internal::CompiledModel> compiled);
  std::unique_ptr<internal::CompiledModel> compiled_;
};

}  // namespace leadscore

#endif  // LEADSCORE_MODEL_H_
