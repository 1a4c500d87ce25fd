// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/model_handle.h"

#include <utility>

namespace leadscore {

ModelHandle::ModelHandle(std::shared_ptr<const Model> initial)
    : model_(std::move(initial)), generation_(model_ ? 1 : 0) {}

std::shared_ptr<const Model> ModelHandle::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return model_;
}

std::shared_ptr<const Model> ModelHandle::Swap(std::shared_ptr<const Model> next) {
  std::lock_guard<std::mutex> lock(mu_);
  model_.swap(next);
  ++generation_;
  // `next` now holds the old model; if this was its last reference it is
  // destroyed by the caller, outside the lock.
  return next;
}

absl::StatusOr<std::shared_ptr<const Model>> ModelHandle::LoadFile(
    const std::string& path) {
  absl::StatusOr<std::shared_ptr<const Model>> m = Model::FromFile(path);
  if (!m.ok()) return m.status();
  Swap(*m);
  return m;
}

absl::StatusOr<std::shared_ptr<const Model>> ModelHandle::LoadJson(
    absl::string_view json_text) {
  absl::StatusOr<std::shared_ptr<const Model>> m = Model::FromJson(json_text);
  if (!m.ok()) return m.status();
  Swap(*m);
  return m;
}

uint64_t ModelHandle::generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

}  // namespace leadscore
