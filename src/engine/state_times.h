// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reading and writing the streams of event times a CoreState keeps (rings of
// the last N times, within_days queues) through their TimesSlot. Not API.

#ifndef LEADSCORE_SRC_STATE_TIMES_H_
#define LEADSCORE_SRC_STATE_TIMES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "model/compiled_model.h"
#include "engine/engine_state.h"

namespace leadscore {
namespace internal {

// Doubles share the int64 words of a state.
inline double LoadDouble(const int64_t* w) {
  double d;
  std::memcpy(&d, w, sizeof d);
  return d;
}
inline void StoreDouble(int64_t* w, double d) { std::memcpy(w, &d, sizeof d); }

// A read-only view of one stream of times, oldest first.
class TimesView {
 public:
  TimesView(const CoreState& core, const TimesSlot& slot) {
    if (slot.inline_ring) {
      const int64_t* h = core.words.data() + slot.offset;
      const uint64_t header = static_cast<uint64_t>(h[0]);
      ring_ = h + 1;
      cap_ = slot.capacity;
      head_ = static_cast<uint32_t>(header);
      size_ = static_cast<uint32_t>(header >> 32);
    } else {
      queue_ = &core.queues[slot.queue];
      size_ = static_cast<uint32_t>(queue_->size());
    }
  }
  size_t size() const { return size_; }
  // i-th time from the oldest.
  int64_t operator[](size_t i) const {
    if (queue_ != nullptr) return (*queue_)[i];
    size_t k = head_ + i;
    if (k >= cap_) k -= cap_;
    return ring_[k];
  }
  // How many times lie in (now - window, now] (all are <= now).
  size_t CountWithin(int64_t now, int64_t window) const {
    size_t n = 0;
    while (n < size_ && now - (*this)[size_ - 1 - n] < window) ++n;
    return n;
  }
  // True when at least `k` (>= 1) times lie in (now - window, now].
  bool AtLeastWithin(size_t k, int64_t now, int64_t window) const {
    return size_ >= k && now - (*this)[size_ - k] < window;
  }

 private:
  const int64_t* ring_ = nullptr;
  const TimeQueue* queue_ = nullptr;
  uint32_t cap_ = 0, head_ = 0, size_ = 0;
};

// Appends `t` (not before the newest time); past the slot's capacity the
// oldest time goes.
inline void PushTime(CoreState* core, const TimesSlot& slot, int64_t t) {
  if (!slot.inline_ring) {
    TimeQueue& q = core->queues[slot.queue];
    q.Push(t);
    if (slot.capacity != 0 && q.size() > slot.capacity) q.PopFront();
    return;
  }
  int64_t* h = core->words.data() + slot.offset;
  uint64_t header = static_cast<uint64_t>(h[0]);
  uint32_t head = static_cast<uint32_t>(header);
  uint32_t size = static_cast<uint32_t>(header >> 32);
  int64_t* ring = h + 1;
  if (size < slot.capacity) {
    uint32_t k = head + size;
    if (k >= slot.capacity) k -= slot.capacity;
    ring[k] = t;
    ++size;
  } else {
    ring[head] = t;
    if (++head == slot.capacity) head = 0;
  }
  h[0] = static_cast<int64_t>(static_cast<uint64_t>(head) |
                              (static_cast<uint64_t>(size) << 32));
}

// `at + within` for window arithmetic, saturated at the int64 maximum
// (never reached by an engine time).
inline int64_t ExpiryOf(int64_t at, int64_t within) {
  return at > std::numeric_limits<int64_t>::max() - within
             ? std::numeric_limits<int64_t>::max()
             : at + within;
}

// Sets core->next_expiry from the within_days queues.
inline void RecomputeNextExpiry(const CompiledModel& m, CoreState* core) {
  int64_t next = std::numeric_limits<int64_t>::max();
  for (int i : m.within_rules) {
    const TimeQueue& live = core->queues[m.layout.rules[i].live.queue];
    if (!live.empty()) next = std::min(next, ExpiryOf(live.front(), m.rules[i].within_ns));
  }
  core->next_expiry = next;
}

// Inline slots with capacities up to this many words; larger ones are queues.
inline constexpr uint32_t kMaxInlineTimes = 16;

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_STATE_TIMES_H_
