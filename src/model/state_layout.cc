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

class Allocator {
 public:
  explicit Allocator(StateLayout* l) : l_(l) {}
  uint32_t Words(uint32_t n) {
    const uint32_t at = l_->words;
    l_->words += n;
    return at;
  }
  // The last `count` times of a stream (count 0: unbounded).
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

 private:
  StateLayout* l_;
};

// A description of everything a state's bytes depend on in the model.
uint32_t LayoutFingerprint(const CompiledModel& m) {
  std::string d = absl::StrCat(m.name, "\x1f", m.version, "\x1f", "w", m.layout.words, "q", m.layout.queues, "a",
                               m.layout.attr_bits, ",", m.layout.dim_attr, ",",
                               m.layout.dim_sum, "d", m.dimensions.size(), "s",
                               m.lifecycle ? m.lifecycle->stages.size() : 0);
  auto slot = [&](const TimesSlot& s) {
    absl::StrAppend(&d, s.inline_ring ? "i" : "q", s.offset, ":", s.capacity, ":", s.queue);
  };
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    const RuleSlots& s = m.layout.rules[i];
    absl::StrAppend(&d, "|", r.id, "/", static_cast<int>(r.kind), "/", r.dimension, "/",
                    s.acc, ",", s.passed, ",", s.counted, ",", s.has_window, s.has_pattern,
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

// StateLayout::prefetch_by_type: the words each type's events may touch,
// thinned to one offset per 16-byte pair of words (malloc aligns a state's
// words to 16 bytes, so a pair never straddles two cache lines and every line
// touched gets a prefetch).
void BuildPrefetchLists(const CompiledModel& m, StateLayout* l) {
  l->prefetch_by_type.assign(m.rules_by_type.size(), {});
  for (size_t t = 0; t < m.rules_by_type.size(); ++t) {
    std::vector<uint32_t> words;
    auto range = [&](uint32_t begin, uint32_t n) {
      for (uint32_t i = 0; i < n; ++i) words.push_back(begin + i);
    };
    auto times = [&](bool has, const TimesSlot& s) {
      if (has && s.inline_ring) range(s.offset, 1 + s.capacity);
    };
    range(l->attr_bits, l->dim_sum + 2 * static_cast<uint32_t>(m.dimensions.size()) -
                            l->attr_bits);
    for (int i : m.rules_by_type[t]) {
      const RuleSlots& s = l->rules[i];
      if (s.acc != RuleSlots::kNoSlot) range(s.acc, 2);
      if (s.passed != RuleSlots::kNoSlot) range(s.passed, 1);
      if (s.counted != RuleSlots::kNoSlot) range(s.counted, 1);
      times(s.has_window, s.window);
      times(s.has_pattern, s.pattern);
    }
    if (!m.tracker_by_type.empty() && m.tracker_by_type[t] >= 0) {
      times(true, m.trackers[m.tracker_by_type[t]].times);
    }
    std::sort(words.begin(), words.end());
    std::vector<uint32_t>& out = l->prefetch_by_type[t];
    for (uint32_t w : words) {
      if (out.empty() || w / 2 != out.back() / 2) out.push_back(w);
    }
  }
}

}  // namespace

void BuildStateLayout(CompiledModel* m) {
  StateLayout& l = m->layout;
  l = StateLayout();
  Allocator a(&l);
  const uint32_t nd = static_cast<uint32_t>(m->dimensions.size());
  l.attr_bits = a.Words(static_cast<uint32_t>((m->rules.size() + 63) / 64));
  l.dim_attr = a.Words(nd);
  l.dim_sum = a.Words(2 * nd);
  l.rules.resize(m->rules.size());
  m->event_rules_by_dim.assign(nd, {});
  m->pattern_rules_by_dim.assign(nd, {});
  for (size_t i = 0; i < m->rules.size(); ++i) {
    const Rule& r = m->rules[i];
    RuleSlots& s = l.rules[i];
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
  }
  for (EventTracker& t : m->trackers) t.times = a.Times(t.capacity);
  l.fingerprint = LayoutFingerprint(*m);
  BuildPrefetchLists(*m, &l);
}

}  // namespace internal
}  // namespace leadscore
