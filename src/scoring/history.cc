// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/history.h"

#include <cstdint>

#include "absl/strings/string_view.h"
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

}  // namespace

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
