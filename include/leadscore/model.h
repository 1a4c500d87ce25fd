// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model: a compiled, immutable scoring model (spec 1, sections 3 and 4).

#ifndef LEADSCORE_MODEL_H_
#define LEADSCORE_MODEL_H_

#include <cstdint>
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

// One problem found while loading a model (spec section 4).
struct ModelDiagnostic {
  std::string pointer;  // RFC 6901 JSON pointer into the model ("" = the whole document)
  std::string message;  // what is wrong, for a person
};

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

  // Reads `path` and calls FromJson. A file that cannot be opened is
  // NotFound, one that fails while being read DataLoss, with the path in the
  // message.
  static absl::StatusOr<std::shared_ptr<const Model>> FromFile(
      const std::string& path);

  // As FromJson(json_text); on failure also fills *diagnostics (if not null)
  // with every problem, in document order (problems at one value in the order
  // found). The status message is the one FromJson(json_text) gives: the same
  // problems, one per line, as `POINTER: message` (`(root)` for the empty
  // pointer), in the order the loader finds them. On success *diagnostics is
  // left empty.
  static absl::StatusOr<std::shared_ptr<const Model>> FromJson(
      absl::string_view json_text, std::vector<ModelDiagnostic>* diagnostics);
  // As FromFile(path), with diagnostics as FromJson's. A file that cannot be
  // read gives one diagnostic with an empty pointer and the status message.
  static absl::StatusOr<std::shared_ptr<const Model>> FromFile(
      const std::string& path, std::vector<ModelDiagnostic>* diagnostics);

  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const std::string& name() const;
  const std::string& version() const;
  const std::string& description() const;

  // A stable 64-bit fingerprint of everything the model document says
  // (canonical JSON: key order and whitespace do not matter). Equal in every
  // process and release that reads format v1; a LeadState records it, so a
  // state is never read under an edited model (docs/live-scoring.md).
  uint64_t fingerprint() const;
  // The fingerprint of what a lead state's evolution depends on: the
  // document without name, version, descriptions, labels, funnel, and grades
  // when no threshold or disqualify_when reads a grade. Two models with
  // equal replay fingerprints build equal states from equal events, so
  // Scorer::CarryOver moves states between them exactly.
  uint64_t replay_fingerprint() const;

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

  // Whether the model has an `accounts` section (v1.1): then AccountScorer
  // scores accounts from their leads (account_scorer.h).
  bool has_accounts() const;
  // Account dimensions in model order (none without accounts), and the
  // account lifecycle's stages (none without accounts or their lifecycle).
  size_t account_dimension_count() const;
  const std::string& account_dimension_name(size_t i) const;
  const std::vector<std::string>& account_stages() const;


 private:
  // The compiled form is the library's own (internal::ModelAccess).
  friend struct internal::ModelAccess;
  explicit Model(std::unique_ptr<internal::CompiledModel> compiled);
  std::unique_ptr<internal::CompiledModel> compiled_;
};

}  // namespace leadscore

#endif  // LEADSCORE_MODEL_H_
