// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/needle_index.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace leadscore {
namespace internal {
namespace {

// Gives the contains/contains_any leaves on a property their bits in the
// slot's needle set.
void IndexNeedles(CompiledModel* m, Condition* c) {
  if (c->kind != Condition::Kind::kLeaf) {
    for (Condition& child : c->children) IndexNeedles(m, &child);
    return;
  }
  Leaf& leaf = c->leaf;
  if (leaf.subject != Subject::kProp ||
      (leaf.op != Op::kContains && leaf.op != Op::kContainsAny)) {
    return;
  }
  SlotNeedles& sn = m->prop_needles[leaf.slot];
  uint64_t mask = 0;
  for (const Operand& o : leaf.args) {
    if (o.kind != Value::Kind::kString) continue;
    if (o.text.empty()) {
      leaf.empty_needle = true;
      continue;
    }
    auto it = std::find(sn.needles.begin(), sn.needles.end(), o.text);
    if (it == sn.needles.end()) {
      if (sn.needles.size() == SlotNeedles::kMax) return;
      sn.needles.push_back(o.text);
      it = sn.needles.end() - 1;
      uint64_t prefix = 0, prefix_mask = 0;
      for (size_t b = 0; b < std::min<size_t>(8, o.text.size()); ++b) {
        prefix |= uint64_t{static_cast<unsigned char>(o.text[b])} << (8 * b);
        prefix_mask |= uint64_t{0xFF} << (8 * b);
      }
      sn.prefix.push_back(prefix);
      sn.prefix_mask.push_back(prefix_mask);
      const uint64_t bit = uint64_t{1} << (sn.needles.size() - 1);
      const auto f = static_cast<unsigned char>(o.text[0]);
      sn.by_first[f] |= bit;
      if (o.text.size() == 1) {
        sn.one_byte |= bit;
        for (uint64_t& w : sn.by_second) w |= bit;
      } else {
        sn.by_second[static_cast<unsigned char>(o.text[1])] |= bit;
      }
    }
    mask |= uint64_t{1} << (it - sn.needles.begin());
  }
  leaf.needle_mask = mask;
  leaf.needles_indexed = true;
}

}  // namespace

void IndexPropertyNeedles(CompiledModel* m) {
  m->prop_needles.assign(m->prop_names.size(), {});
  for (Rule& r : m->rules) {
    if (r.when) IndexNeedles(m, &*r.when);
  }
  // A slot's single first needle byte, derived once from the per-byte masks.
  for (SlotNeedles& sn : m->prop_needles) {
    int firsts = 0;
    for (int c = 0; c < 256; ++c) {
      if (sn.by_first[c] != 0 && ++firsts == 1) sn.only_first = c;
    }
    if (firsts != 1) sn.only_first = -1;
  }
}

}  // namespace internal
}  // namespace leadscore
