// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A container of event times (engine nanoseconds, ascending) behind sliding
// windows. It does not allocate until its first push. Not API.

#ifndef LEADSCORE_SRC_ENGINE_TIME_RING_H_
#define LEADSCORE_SRC_ENGINE_TIME_RING_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/secure_zero.h"

namespace leadscore {
namespace internal {

// A FIFO of times on the heap: events still inside a `within_days` window,
// or the last N times of a stream whose N is too large to keep inline.
// Amortised O(1) push and pop; storage is reused as times leave.
class TimeQueue {
 public:
  size_t size() const { return buf_.size() - head_; }
  bool empty() const { return head_ == buf_.size(); }
  int64_t front() const { return buf_[head_]; }
  int64_t operator[](size_t i) const { return buf_[head_ + i]; }
  int64_t back() const { return buf_.back(); }

  // Heap bytes held (capacity, popped slots included).
  size_t heap_bytes() const { return buf_.capacity() * sizeof(int64_t); }

  // Overwrites the storage with zeros and releases it (erasure).
  void Wipe() {
    SecureWipe(&buf_);
    head_ = 0;
  }

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

#endif  // LEADSCORE_SRC_ENGINE_TIME_RING_H_
