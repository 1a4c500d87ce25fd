// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The library's way to the compiled form of a Model, which is not part of
// the public API (Model keeps it private and befriends this accessor only).

#ifndef LEADSCORE_SRC_MODEL_MODEL_ACCESS_H_
#define LEADSCORE_SRC_MODEL_MODEL_ACCESS_H_

#include "leadscore/model.h"
#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

struct ModelAccess {
  static const CompiledModel& Compiled(const Model& model) { return *model.compiled_; }
};

// The compiled form of `model`, for the engine and the scorers.
inline const CompiledModel& CompiledOf(const Model& model) {
  return ModelAccess::Compiled(model);
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_MODEL_ACCESS_H_
