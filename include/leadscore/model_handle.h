// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ModelHandle: the host's current model, replaced while other threads score
// (hot reload). See docs/reliability.md, "Concurrency and hot reload".

#ifndef LEADSCORE_MODEL_HANDLE_H_
#define LEADSCORE_MODEL_HANDLE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/model.h"

namespace leadscore {

// Holds one `std::shared_ptr<const Model>` that any number of threads read
// while one (or more) threads replace it. Every call is thread-safe.
//
// Usage: a scoring task calls Get() once, builds a `Scorer` from that model
// and uses it for the whole task (Start, Apply and Score of a LeadState, or a
// BatchScorer run). The snapshot keeps its model alive however many swaps
// happen meanwhile, and every Scorecard names the model that produced it
// (`model_name`, `model_version`). A reload never blocks scoring for longer
// than a shared_ptr copy: models are parsed and compiled outside the lock.
//
// A LeadState belongs to the model it was started with. After a swap, start
// new states under the new model (Scorer::Start and re-apply the lead's
// history, or Scorer::ScoreHistory); a Scorer of another model refuses the
// old state with FailedPrecondition.
class ModelHandle {
 public:
  // An empty handle: Get() returns null until a model is installed.
  ModelHandle() = default;
  explicit ModelHandle(std::shared_ptr<const Model> initial);

  ModelHandle(const ModelHandle&) = delete;
  ModelHandle& operator=(const ModelHandle&) = delete;

  // The current model (null if none was ever installed). O(1).
  std::shared_ptr<const Model> Get() const;

  // Installs `next` (which may be null to empty the handle) and returns the
  // model it replaces. Threads that already hold the old model keep it.
  std::shared_ptr<const Model> Swap(std::shared_ptr<const Model> next);

  // Loads a model with Model::FromFile / Model::FromJson and, only if it
  // loads, installs it and returns it. On failure the current model stays
  // installed and the status is the loader's (every problem with its JSON
  // pointer, or NotFound for a missing file).
  absl::StatusOr<std::shared_ptr<const Model>> LoadFile(const std::string& path);
  absl::StatusOr<std::shared_ptr<const Model>> LoadJson(absl::string_view json_text);

  // How many times a model was installed (the constructor's counts, if not
  // null; Swap and successful loads count). Lets a host tell that a reload
  // happened without comparing pointers.
  uint64_t generation() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Model> model_;  // guarded by mu_
  uint64_t generation_ = 0;             // guarded by mu_
};

}  // namespace leadscore

#endif  // LEADSCORE_MODEL_HANDLE_H_
