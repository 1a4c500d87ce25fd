// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/model_indexes.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/needle_index.h"

namespace leadscore {
namespace internal {
namespace {

void CollectPropSlots(const Condition& c, std::vector<uint32_t>* slots) {
  if (c.kind == Condition::Kind::kLeaf) {
    if (c.leaf.subject == Subject::kProp) {
      slots->push_back(static_cast<uint32_t>(c.leaf.slot));
    }
    return;
  }
  for (const Condition& child : c.children) CollectPropSlots(child, slots);
}

}  // namespace

void BuildModelIndexes(CompiledModel* m) {
  m->rules_by_type.assign(m->event_types.size(), {});
  for (size_t i = 0; i < m->rules.size(); ++i) {
    const Rule& r = m->rules[i];
    if (r.kind == Rule::Kind::kAttribute) {
      m->attribute_rules.push_back(static_cast<int>(i));
    } else {
      if (r.within_ns != 0) m->within_rules.push_back(static_cast<int>(i));
      for (int t : r.on) m->rules_by_type[t].push_back(static_cast<int>(i));
    }
  }
  if (m->lifecycle) {
    auto& lc = *m->lifecycle;
    lc.thresholds_by_stage.assign(lc.stages.size(), {});
    for (size_t i = 0; i < lc.thresholds.size(); ++i) {
      lc.thresholds_by_stage[lc.thresholds[i].stage].push_back(
          static_cast<int>(i));
      lc.top_threshold_stage =
          std::max(lc.top_threshold_stage, lc.thresholds[i].stage);
    }
    lc.recyclable.assign(lc.stages.size(), 0);
    lc.inactivity_ns.clear();
    for (const RecycleRule& r : lc.recycle) {
      for (int s : r.from) lc.recyclable[s] = 1;
      if (r.inactive_ns > 0) lc.inactivity_ns.push_back(r.inactive_ns);
    }
    std::sort(lc.inactivity_ns.begin(), lc.inactivity_ns.end());
    lc.inactivity_ns.erase(std::unique(lc.inactivity_ns.begin(), lc.inactivity_ns.end()),
                           lc.inactivity_ns.end());
  }
  m->prop_slots_by_type.assign(m->event_types.size(), {});
  for (size_t t = 0; t < m->rules_by_type.size(); ++t) {
    std::vector<uint32_t>& slots = m->prop_slots_by_type[t];
    for (int i : m->rules_by_type[t]) {
      if (m->rules[i].when) CollectPropSlots(*m->rules[i].when, &slots);
    }
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  }
  IndexPropertyNeedles(m);
  m->tracker_by_type.assign(m->event_types.size(), -1);
  for (size_t t = 0; t < m->trackers.size(); ++t) {
    m->tracker_by_type[m->trackers[t].type] = static_cast<int>(t);
  }
}

}  // namespace internal
}  // namespace leadscore
