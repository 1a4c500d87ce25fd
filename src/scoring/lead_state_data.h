// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What a LeadState holds, private to the library: the public class is one
// pointer to this (lead_state.h).

#ifndef LEADSCORE_SRC_SCORING_LEAD_STATE_DATA_H_
#define LEADSCORE_SRC_SCORING_LEAD_STATE_DATA_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine_state.h"
#include "model/compiled_model.h"
#include "leadscore/lead_state.h"
#include "leadscore/source_position.h"

namespace leadscore {
namespace internal {

// A unique_ptr that copies what it points to (so LeadStateData, and
// LeadState, copy as before).
template <typename T>
class CopiedPtr {
 public:
  CopiedPtr() = default;
  CopiedPtr(const CopiedPtr& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  CopiedPtr& operator=(const CopiedPtr& o) {
    if (this == &o) return *this;
    if (!o.p_) {
      p_.reset();
    } else if (p_) {
      *p_ = *o.p_;  // reuses the buffers
    } else {
      p_ = std::make_unique<T>(*o.p_);
    }
    return *this;
  }
  CopiedPtr(CopiedPtr&&) noexcept = default;
  CopiedPtr& operator=(CopiedPtr&&) noexcept = default;

  T* get() const { return p_.get(); }
  T* operator->() const { return p_.get(); }
  // The pointee, made (value-initialised) if there is none.
  T& Get() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }
  void reset() { p_.reset(); }

 private:
  std::unique_ptr<T> p_;
};

struct Checkpoints {
  CoreState checkpoint;
  CoreState next;
  // The serialised body of each (state_io.cc, WriteCore: everything but its
  // two times, which are written from the state's newest event), or empty
  // when not known. A checkpoint changes once per `window` events, but a
  // live loop serialises its state after every batch: the bytes are kept
  // from the last read or write and reused. Whatever changes a checkpoint
  // clears its bytes (ForgetBytes, or swaps them along). (Mutable: filled
  // by SerializeLeadState, which takes the state const; a LeadState needs
  // external synchronisation anyway, lead_state.h.)
  mutable std::string checkpoint_bytes, next_bytes;

  void ForgetBytes() {
    checkpoint_bytes.clear();
    next_bytes.clear();
  }
};

struct LeadStateData {
  // What every Apply reads comes first, so that it shares cache lines; the
  // checkpoints are read only for late events and copied every window.
  CoreState current;
  std::vector<PreparedEvent> log;  // recent events, in event order
  // Per log entry, LogKey of it: the duplicate search scans these 4-byte keys
  // instead of 88-byte entries (which at 100 k resident leads meant one cache
  // miss per entry).
  std::vector<uint32_t> log_keys;
  uint64_t next_seq = 0;
  // Model::fingerprint() of the model it was started under (or carried over
  // to): a state is read under that model only.
  uint64_t model_fingerprint = 0;
  // AttributeFingerprint of the lead's attributes every condition reads, and
  // of those event and pattern rules read, when its fit was last computed
  // (Start, UpdateLead): a lead whose attributes changed since is refused.
  uint64_t attribute_fingerprint = 0;
  uint64_t event_attribute_fingerprint = 0;
  // The reported stage last seen (a ReportedCode): the `from` of the next
  // transition. The lifecycle's first stage until the first moment.
  int reported = -1;
  // No event folded before log: the checkpoint is the start state, which is
  // not kept (ResetToStart derives it from `current`). (Next to `reported`,
  // which leaves room for it.)
  bool checkpoint_is_start = true;
  // Per source, the highest offset applied (the high-water mark), in the
  // order the sources were first seen. Usually one.
  std::vector<SourcePosition> sources;
  // Allocated when the log first reaches the window (most leads of a
  // sample never do): `checkpoint`, the state before log.front(), is set
  // once checkpoint_is_start is false; `next`, the state after
  // log[window - 1], while the log holds at least `window` events.
  CopiedPtr<Checkpoints> checkpoints;
};

// Makes `core`, a state of `m`'s layout, the start state of its lead: what
// Start made, whose only nonzero words are the attribute rules' (which no
// event changes; UpdateLead changes them in every copy).
inline void ResetToStart(const CompiledModel& m, CoreState* core) {
  // The fixed words are attribute bits, attribute points, running sums and
  // the block table, in that order: keep the first two, clear the rest and
  // drop every block.
  core->words.resize(m.layout.fixed_words);
  std::fill(core->words.begin() + m.layout.dim_sum, core->words.end(), 0);
  core->ForgetEvents();
}

// Bytes a state holds in memory: the struct and every heap block it owns
// (vectors' capacity, strings past their inline buffer, queues), without
// the allocator's own overhead. What docs/performance.md's "State size"
// reports as resident.
inline size_t ResidentBytes(const CoreState& c) {
  size_t n = c.words.capacity() * sizeof(int64_t) + c.queues.capacity() * sizeof(TimeQueue);
  for (const TimeQueue& q : c.queues) n += q.heap_bytes();
  return n;
}
inline size_t ResidentBytes(const LeadStateData& s) {
  size_t n = sizeof(LeadStateData) + ResidentBytes(s.current);
  if (const Checkpoints* c = s.checkpoints.get()) {
    n += sizeof(Checkpoints) + ResidentBytes(c->checkpoint) + ResidentBytes(c->next);
    for (const std::string* b : {&c->checkpoint_bytes, &c->next_bytes}) {
      if (b->capacity() > 15) n += b->capacity() + 1;
    }
  }
  n += s.log.capacity() * sizeof(PreparedEvent) + s.log_keys.capacity() * sizeof(uint32_t);
  for (const PreparedEvent& e : s.log) {
    if (e.id.capacity() > 15) n += e.id.capacity() + 1;
    if (e.rules.size() > 4) n += e.rules.capacity() * sizeof(uint32_t);
  }
  n += s.sources.capacity() * sizeof(SourcePosition);
  for (const SourcePosition& p : s.sources) {
    if (p.source.capacity() > 15) n += p.source.capacity() + 1;
  }
  return n;
}

// The library's way into a LeadState.
struct LeadStateAccess;

// Drops the checkpoints' kept bytes, so that the next SerializeLeadState
// encodes them afresh (tests and the state fuzzer check that encoding).
void ForgetCheckpointBytes(LeadState* state);


struct LeadStateAccess {
  // Null for an empty (default-built, moved-from or erased) state.
  static LeadStateData* Data(LeadState& s) { return s.data_.get(); }
  static const LeadStateData* Data(const LeadState& s) { return s.data_.get(); }
  // Gives `s` fresh, empty contents and returns them.
  static LeadStateData* Reset(LeadState* s) {
    s->data_ = std::make_unique<LeadStateData>();
    return s->data_.get();
  }
  // Drops the contents (the state becomes empty); returns them for wiping.
  static std::unique_ptr<LeadStateData> Release(LeadState* s) { return std::move(s->data_); }
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_SCORING_LEAD_STATE_DATA_H_
