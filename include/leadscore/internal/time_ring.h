// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// TimeRing: the most recent event times of one stream (a rule, an event
// type), oldest first. Bounded rings answer sliding-window questions such as
// "were at least N of the last events within D?" in O(1). Not API.

#ifndef LEADSCORE_INTERNAL_TIME_RING_H_
#define LEADSCORE_INTERNAL_TIME_RING_H_

#include <cstddef>
#include <cstdint>
#include <deque>

namespace leadscore {
namespace internal {

class TimeRing {
 public:
  size_t size() const { return times_.size(); }
  bool empty() const { return times_.empty(); }
  int64_t front() const { return times_.front(); }
  // i-th time from the oldest.
  int64_t operator[](size_t i) const { return times_[i]; }

  // Appends `t`, dropping the oldest when more than `capacity` (0: unbounded).
  void Push(int64_t t, size_t capacity) {
    times_.push_back(t);
    if (capacity != 0 && times_.size() > capacity) times_.pop_front();
  }
  void PopFront() { times_.pop_front(); }

  // Number of the remembered times in (now - window, now], assuming all are
  // <= now. Times are ascending, so count from the newest.
  size_t CountWithin(int64_t now, int64_t window) const {
    size_t n = 0;
    for (auto it = times_.rbegin(); it != times_.rend() && now - *it < window; ++it) ++n;
    return n;
  }

  // True when at least `k` remembered times lie in (now - window, now].
  bool AtLeastWithin(size_t k, int64_t now, int64_t window) const {
    return times_.size() >= k && now - times_[times_.size() - k] < window;
  }

  friend bool operator==(const TimeRing& a, const TimeRing& b) {
    return a.times_ == b.times_;
  }

 private:
  std::deque<int64_t> times_;
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_INTERNAL_TIME_RING_H_
