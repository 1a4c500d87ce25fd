// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/history.h"

#include <cstdint>

#include "absl/strings/string_view.h"
#include "engine/event_order.h"
#include "engine/replay.h"
#include "leadscore/time.h"

namespace leadscore {
namespace {

// A raw event's order keys; its index is its arrival position.
struct Keyed {
  int64_t at;
  size_t index;
  const Event* event;
};

struct KeyedTraits {
  int64_t at(const Keyed& e) const { return e.at; }
  bool has_id(const Keyed& e) const { return e.event->id.has_value(); }
  absl::string_view id(const Keyed& e) const { return *e.event->id; }
  uint64_t seq(const Keyed& e) const { return e.index; }
};

// A raw event's keys with its time as absl::Time (EventPrecedes takes events
// whose times are not converted, nor checked, yet).
struct Positioned {
  const Event* event;
  uint64_t position;
};

struct PositionedTraits {
  absl::Time at(const Positioned& e) const { return e.event->at; }
  bool has_id(const Positioned& e) const { return e.event->id.has_value(); }
  absl::string_view id(const Positioned& e) const { return *e.event->id; }
  uint64_t seq(const Positioned& e) const { return e.position; }
};

}  // namespace

bool EventPrecedes(const Event& a, uint64_t a_position, const Event& b, uint64_t b_position) {
  return internal::EventOrder<PositionedTraits>()(Positioned{&a, a_position},
                                                  Positioned{&b, b_position});
}

absl::StatusOr<std::vector<size_t>> KeptEventOrder(absl::Span<const Event> events,
                                                   absl::Time as_of) {
  absl::StatusOr<int64_t> t = ToEngineNanos(as_of);
  if (!t.ok()) return t.status();
  std::vector<Keyed> keyed;
  keyed.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].at > as_of) continue;  // dropped unread, as ScoreHistory does
    absl::StatusOr<int64_t> at = ToEngineNanos(events[i].at);
    if (!at.ok()) return at.status();
    keyed.push_back({*at, i, &events[i]});
  }
  std::vector<size_t> order;
  order.reserve(keyed.size());
  internal::SeenIds seen;
  internal::ForEachKeptEvent(absl::MakeSpan(keyed), KeyedTraits(), *t, &seen,
                             [&](const Keyed& e) { order.push_back(e.index); });
  return order;
}

}  // namespace leadscore
