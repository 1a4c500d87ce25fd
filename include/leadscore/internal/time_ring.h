// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Containers of event times (engine nanoseconds, ascending) behind sliding
// windows. Neither allocates until its first push. Not API.

#ifndef LEADSCORE_INTERNAL_TIME_RING_H_
#define LEADSCORE_INTERNAL_TIME_RING_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace leadscore {
namespace internal {

// The last `capacity` times of one stream (a capped rule, an event type):
// answers "were at least k of them within D?" in O(1).
class TimeRing {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // i-th remembered time from the oldest.
  int64_t operator[](size_t i) const {
    size_t k = head_ + i;
    if (k >= buf_.size()) k -= buf_.size();
    return buf_[k];
  }

  // Forgets every time, keeping the storage.
  void Clear() { head_ = size_ = 0; }

  // Appends `t`; past `capacity` (fixed by the first call) the oldest goes.
  void Push(int64_t t, size_t capacity) {
    if (buf_.empty()) buf_.resize(capacity);
    if (size_ < buf_.size()) {
      size_t k = head_ + size_;
      if (k >= buf_.size()) k -= buf_.size();
      buf_[k] = t;
      ++size_;
    } else {
      buf_[head_] = t;
      if (++head_ == buf_.size()) head_ = 0;
    }
  }

  // How many remembered times lie in (now - window, now] (all are <= now).
  size_t CountWithin(int64_t now, int64_t window) const {
    size_t n = 0;
    while (n < size_ && now - (*this)[size_ - 1 - n] < window) ++n;
    return n;
  }

  // True when at least `k` remembered times lie in (now - window, now].
  bool AtLeastWithin(size_t k, int64_t now, int64_t window) const {
    return size_ >= k && now - (*this)[size_ - k] < window;
  }

  friend bool operator==(const TimeRing& a, const TimeRing& b) {
    if (a.size_ != b.size_) return false;
    for (size_t i = 0; i < a.size_; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

 private:
  std::vector<int64_t> buf_;
  uint32_t head_ = 0;
  uint32_t size_ = 0;
};

// An unbounded FIFO of times: events still inside a `within_days` window.
// Amortised O(1) push and pop; storage is reused as times leave.
class TimeQueue {
 public:
  size_t size() const { return buf_.size() - head_; }
  bool empty() const { return head_ == buf_.size(); }
  int64_t front() const { return buf_[head_]; }
  int64_t operator[](size_t i) const { return buf_[head_ + i]; }

  // Forgets every time, keeping the storage.
  void Clear() {
    buf_.clear();
    head_ = 0;
  }

  void Push(int64_t t) {
    if (head_ > 0 && head_ * 2 >= buf_.size()) {  // reclaim the popped half
      buf_.erase(buf_.begin(), buf_.begin() + head_);
      head_ = 0;
    }
    buf_.push_back(t);
  }
  void PopFront() {
    if (++head_ == buf_.size()) {
      buf_.clear();
      head_ = 0;
    }
  }

  friend bool operator==(const TimeQueue& a, const TimeQueue& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

 private:
  std::vector<int64_t> buf_;
  size_t head_ = 0;
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_INTERNAL_TIME_RING_H_
