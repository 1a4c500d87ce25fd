// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Lays out a lead's CoreState for a compiled model: every word a rule,
// tracker or dimension needs gets a fixed offset, so a state is two flat
// arrays and applying an event touches only the words of the rules it
// matches.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/compiled_model.h"
#include "util/crc32c.h"
#include "engine/state_times.h"

namespace leadscore {
namespace internal {
namespace {

// Hands out word offsets: fixed words first, then each block's words
// relative to the block (Begin ... End), counting the dense layout of state
// format 2 alongside.
class Allocator {
 public:
  explicit Allocator(StateLayout* l) : l_(l) {}
  uint32_t Fixed(uint32_t n) {
    const uint32_t at = l_->fixed_words;
    l_->fixed_words += n;
    return at;
  }
  void Begin() { block_ = 0; }
  uint32_t Words(uint32_t n) {
    const uint32_t at = block_;
    block_ += n;
    return at;
  }
  // Closes the block begun last: a block ref, or none if it has no words.
  BlockRef End() {
    BlockRef b;
    if (block_ == 0) return b;
    b.index = static_cast<uint32_t>(l_->block_refs.size());
    b.size = block_;
    b.dense_at = dense_;
    dense_ += block_;
    l_->block_refs.push_back(b);
    return b;
  }
  // The last `count` times of a stream (count 0: unbounded), in the
  // current block when inline.
  TimesSlot Times(int64_t count) {
    TimesSlot s;
    if (count > 0 && count <= kMaxInlineTimes) {
      s.inline_ring = true;
      s.capacity = static_cast<uint32_t>(count);
      s.offset = Words(1 + s.capacity);
    } else {
      s.inline_ring = false;
      // Counts past 2^32 can never be reached by a queue held in memory.
      s.capacity = count > 0 && count < 0xFFFFFFFFLL ? static_cast<uint32_t>(count) : 0;
      s.queue = l_->queues++;
    }
    return s;
  }
  // Starts the dense count after the fixed words (table excluded).
  void StartDense(uint32_t at) { dense_ = at; }
  uint32_t dense() const { return dense_; }

 private:
  StateLayout* l_;
  uint32_t block_ = 0;
  uint32_t dense_ = 0;
};

// A description of everything a state's bytes depend on in the model.
uint32_t LayoutFingerprint(const CompiledModel& m) {
  std::string d = absl::StrCat(m.name, "\x1f", m.version, "\x1f", "w", m.layout.fixed_words, "b", m.layout.blocks, "q", m.layout.queues, "a",
                               m.layout.attr_bits, ",", m.layout.dim_attr, ",",
                               m.layout.dim_sum, "d", m.dimensions.size(), "s",
                               m.lifecycle ? m.lifecycle->stages.size() : 0);
  auto slot = [&](const TimesSlot& s) {
    absl::StrAppend(&d, s.inline_ring ? "i" : "q", s.offset, ":", s.capacity, ":", s.queue,
                    ":", s.block.index);
  };
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    const RuleSlots& s = m.layout.rules[i];
    absl::StrAppend(&d, "|", r.id, "/", static_cast<int>(r.kind), "/", r.dimension, "/",
                    s.block.index, ":", s.block.size, "/", s.acc, ",", s.passed, ",", s.counted, ",", s.has_window, s.has_pattern,
                    s.has_live);
    slot(s.window);
    slot(s.pattern);
    slot(s.live);
  }
  std::vector<std::string> types(m.event_types.size());
  for (const auto& [name, id] : m.event_types) types[id] = name;
  for (const std::string& t : types) absl::StrAppend(&d, "|t", t);
  for (const EventTracker& t : m.trackers) {
    absl::StrAppend(&d, "|k", t.type);
    slot(t.times);
  }
  return Crc32c(d);
}

}  // namespace

void BuildStateLayout(CompiledModel* m) {
  StateLayout& l = m->layout;
  l = StateLayout();
  Allocator a(&l);
  const uint32_t nd = static_cast<uint32_t>(m->dimensions.size());
  l.attr_bits = a.Fixed(static_cast<uint32_t>((m->rules.size() + 63) / 64));
  l.dim_attr = a.Fixed(nd);
  l.dim_sum = a.Fixed(2 * nd);
  a.StartDense(l.fixed_words);
  l.rules.resize(m->rules.size());
  m->event_rules_by_dim.assign(nd, {});
  m->pattern_rules_by_dim.assign(nd, {});
  for (size_t i = 0; i < m->rules.size(); ++i) {
    const Rule& r = m->rules[i];
    RuleSlots& s = l.rules[i];
    a.Begin();
    switch (r.kind) {
      case Rule::Kind::kAttribute:
        break;
      case Rule::Kind::kPattern:
        m->pattern_rules_by_dim[r.dimension].push_back(static_cast<int>(i));
        s.has_pattern = true;
        s.pattern = a.Times(r.pattern_at_least);
        break;
      case Rule::Kind::kEvent:
        m->event_rules_by_dim[r.dimension].push_back(static_cast<int>(i));
        s.acc = a.Words(2);
        if (r.max_per_lead != 0) s.passed = a.Words(1);
        if (r.within_ns == 0) {
          s.counted = a.Words(1);
        } else {
          s.has_live = true;
          s.live = a.Times(0);
        }
        if (r.window_count != 0) {
          s.has_window = true;
          s.window = a.Times(r.window_count);
        }
        break;
    }
    s.block = a.End();
    s.window.block = s.block;
    s.pattern.block = s.block;
  }
  for (EventTracker& t : m->trackers) {
    a.Begin();
    t.times = a.Times(t.capacity);
    t.times.block = a.End();
  }
  l.dense_words = a.dense();
  l.blocks = static_cast<uint32_t>(l.block_refs.size());
  // 16-bit entries when even a state holding every block stays below 2^16
  // words (the bound uses 32-bit entries' table, the larger one).
  const uint64_t most = uint64_t{l.fixed_words} + (l.blocks + 1) / 2 + l.dense_words;
  const uint32_t per_word = most < 0x10000 ? 4 : 2;
  l.table = a.Fixed((l.blocks + per_word - 1) / per_word);
  auto place = [&](BlockRef* b) {
    if (b->index == BlockRef::kNone) return;
    b->word = l.table + b->index / per_word;
    b->shift = (64 / per_word) * (b->index % per_word);
    b->mask = per_word == 4 ? 0xFFFF : 0xFFFFFFFF;
    l.block_refs[b->index] = *b;
  };
  for (RuleSlots& s : l.rules) {
    place(&s.block);
    s.window.block = s.block;
    s.pattern.block = s.block;
  }
  for (EventTracker& t : m->trackers) place(&t.times.block);
  l.fingerprint = LayoutFingerprint(*m);
}

}  // namespace internal
}  // namespace leadscore
