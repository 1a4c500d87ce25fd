// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// SourcePosition: where an event was read from, so that re-delivery of an
// event already applied is recognised at any age (docs/live-scoring.md).

#ifndef LEADSCORE_SOURCE_POSITION_H_
#define LEADSCORE_SOURCE_POSITION_H_

#include <cstdint>
#include <string>

namespace leadscore {

// A stream, partition or file name and the event's offset in it. Offsets of
// one source must grow with delivery order (a queue's offset, a stream
// entry's sequence, a line number): a LeadState remembers the highest offset
// it applied per source (its high-water mark) and treats an event at or
// below it as already applied, whatever the event's time or id.
struct SourcePosition {
  std::string source;
  uint64_t offset = 0;

  friend bool operator==(const SourcePosition& a, const SourcePosition& b) {
    return a.source == b.source && a.offset == b.offset;
  }
};

}  // namespace leadscore

#endif  // LEADSCORE_SOURCE_POSITION_H_
