// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The event order of spec sections 2 and 8, defined once: by time, then no id
// before any id, then id bytes (UTF-8, so code point order), then arrival
// position. Every representation of an event the library sorts (a
// PreparedEvent, a batch's reduced event, a raw Event with its index) is
// ordered by this one comparator through a small traits type that reads the
// four keys; the keys are read lazily, so the common case (distinct times)
// touches the time only.

#ifndef LEADSCORE_SRC_ENGINE_EVENT_ORDER_H_
#define LEADSCORE_SRC_ENGINE_EVENT_ORDER_H_

#include <cstdint>
#include <utility>

#include "absl/strings/string_view.h"
#include "engine/engine_state.h"

namespace leadscore {
namespace internal {

// `Traits` reads the order keys of a `T`:
//   int64_t at(const T&)  bool has_id(const T&)  absl::string_view id(const T&)
//   uint64_t seq(const T&)
template <typename Traits>
class EventOrder {
 public:
  EventOrder() = default;
  explicit EventOrder(Traits traits) : traits_(std::move(traits)) {}

  template <typename T>
  bool operator()(const T& a, const T& b) const {
    const auto at_a = traits_.at(a), at_b = traits_.at(b);
    if (at_a != at_b) return at_a < at_b;
    const bool ha = traits_.has_id(a), hb = traits_.has_id(b);
    if (ha != hb) return !ha;
    if (ha) {
      const int c = traits_.id(a).compare(traits_.id(b));  // bytes, as UTF-8
      if (c != 0) return c < 0;
    }
    return traits_.seq(a) < traits_.seq(b);
  }

 private:
  Traits traits_;
};

// The keys of a PreparedEvent (and what one engine step needs of it).
struct PreparedEventTraits {
  int64_t at(const PreparedEvent& e) const { return e.at; }
  bool has_id(const PreparedEvent& e) const { return e.has_id; }
  absl::string_view id(const PreparedEvent& e) const { return e.id; }
  uint64_t seq(const PreparedEvent& e) const { return e.seq; }
  EventStep step(const PreparedEvent& e) const { return StepOf(e); }
};

// Whether `a` sorts before `b` (the order above).
inline bool EventBefore(const PreparedEvent& a, const PreparedEvent& b) {
  return EventOrder<PreparedEventTraits>()(a, b);
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_ENGINE_EVENT_ORDER_H_
