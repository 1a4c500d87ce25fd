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

// What an absent block reads as.
alignas(64) inline constexpr int64_t kZeroBlock[kMaxBlockWords] = {};

// The offset of block `b` in `core.words`, 0 when the lead has none.
inline uint32_t BlockAt(const CoreState& core, const BlockRef& b) {
  return static_cast<uint32_t>(static_cast<uint64_t>(core.words[b.word]) >> b.shift) & b.mask;
}

// Block `b`'s words, or zeros when the lead has none.
inline const int64_t* BlockWords(const CoreState& core, const BlockRef& b) {
  const uint32_t at = BlockAt(core, b);
  return at == 0 ? kZeroBlock : core.words.data() + at;
}

// Block `b`'s words, appended (zero) first when the lead has none. May move
// `core->words`: pointers into it taken before are invalid after.
inline int64_t* MutableBlockWords(CoreState* core, const BlockRef& b) {
  uint32_t at = BlockAt(*core, b);
  if (at == 0) {
    at = static_cast<uint32_t>(core->words.size());
    // Exactly the block's words more: a lead touches few blocks, and
    // doubling would leave most of the capacity unused.
    core->words.reserve(at + b.size);
    core->words.resize(at + b.size, 0);
    uint64_t& entry = reinterpret_cast<uint64_t&>(core->words[b.word]);
    entry |= static_cast<uint64_t>(at) << b.shift;
  }
  return core->words.data() + at;
}

// A read-only view of one stream of times, oldest first.
class TimesView {
 public:
  TimesView(const CoreState& core, const TimesSlot& slot) {
    if (slot.inline_ring) {
      const int64_t* h = BlockWords(core, slot.block) + slot.offset;
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

// Appends `t` to the inline ring of `slot` in `block` (its block's words);
// past the capacity the oldest time goes.
inline void PushRingTime(int64_t* block, const TimesSlot& slot, int64_t t) {
  int64_t* h = block + slot.offset;
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

// Appends `t` (not before the newest time); past the slot's capacity the
// oldest time goes. May add the slot's block (see MutableBlockWords).
inline void PushTime(CoreState* core, const TimesSlot& slot, int64_t t) {
  if (!slot.inline_ring) {
    TimeQueue& q = core->queues[slot.queue];
    q.Push(t);
    if (slot.capacity != 0 && q.size() > slot.capacity) q.PopFront();
    return;
  }
  PushRingTime(MutableBlockWords(core, slot.block), slot, t);
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
