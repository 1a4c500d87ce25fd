// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/model_fingerprint.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/btree_set.h"
#include "nlohmann/json.hpp"
#include "util/stable_hash.h"

namespace leadscore {
namespace internal {
namespace {

using json = nlohmann::json;

// Visits every leaf of `c`.
template <typename Fn>
void ForEachLeaf(const Condition& c, Fn&& fn) {
  if (c.kind == Condition::Kind::kLeaf) {
    fn(c.leaf);
    return;
  }
  for (const Condition& child : c.children) ForEachLeaf(child, fn);
}

// The canonical text of `doc`: nlohmann's objects are ordered maps, so key
// order and whitespace of the file do not matter; numbers print in their
// shortest round-trip form.
uint64_t HashOf(const json& doc) { return StableHash64(doc.dump()); }

void Erase(json* object, const char* key) {
  if (object->is_object()) object->erase(key);
}

// Whether any lifecycle condition evaluated at a classification moment
// (thresholds, disqualify_when) reads a grade.
bool LifecycleReadsGrades(const CompiledModel& m) {
  if (!m.lifecycle) return false;
  bool reads = false;
  auto visit = [&](const Leaf& l) { reads = reads || l.subject == Subject::kGrade; };
  for (const Threshold& t : m.lifecycle->thresholds) {
    ForEachLeaf(t.when, visit);
    if (t.exit_when) ForEachLeaf(*t.exit_when, visit);
  }
  for (const RecycleRule& r : m.lifecycle->recycle) {
    if (r.when) ForEachLeaf(*r.when, visit);
  }
  if (m.lifecycle->disqualify_when) ForEachLeaf(*m.lifecycle->disqualify_when, visit);
  return reads;
}

}  // namespace

void ComputeFingerprints(const nlohmann::json& root, CompiledModel* m) {
  m->fingerprints.model = HashOf(root);
  // What a state's evolution does not depend on: names and descriptions, and
  // what is read only when a scorecard is filled (labels, funnel, and grades
  // unless a threshold or disqualify_when reads one). Two models with equal
  // replay fingerprints build equal states from equal events.
  json replay = root;
  for (const char* key : {"name", "version", "description"}) Erase(&replay, key);
  const bool keep_grades = LifecycleReadsGrades(*m);
  if (replay.contains("dimensions") && replay["dimensions"].is_array()) {
    for (json& d : replay["dimensions"]) {
      Erase(&d, "description");
      if (!keep_grades) Erase(&d, "grades");
    }
  }
  if (replay.contains("rules") && replay["rules"].is_array()) {
    for (json& r : replay["rules"]) Erase(&r, "description");
  }
  if (replay.contains("lifecycle")) {
    Erase(&replay["lifecycle"], "labels");
    if (replay["lifecycle"].contains("recycle") && replay["lifecycle"]["recycle"].is_array()) {
      for (json& r : replay["lifecycle"]["recycle"]) Erase(&r, "description");
    }
    Erase(&replay["lifecycle"], "funnel");
  }
  m->fingerprints.replay = HashOf(replay);

  // Attributes read while events are matched (event and pattern rules'
  // `when`): a change to one of them changes which past events counted.
  absl::btree_set<std::string> event_attrs;
  for (const Rule& r : m->rules) {
    if (r.kind == Rule::Kind::kAttribute || !r.when) continue;
    ForEachLeaf(*r.when, [&](const Leaf& l) {
      if (l.subject == Subject::kAttr) event_attrs.insert(l.name);
    });
  }
  m->event_attribute_names.assign(event_attrs.begin(), event_attrs.end());
  m->read_attribute_names.assign(m->attribute_names.begin(), m->attribute_names.end());
  std::sort(m->read_attribute_names.begin(), m->read_attribute_names.end());
}

namespace {

// Chains `v` into `h`: its kind, then its bytes (numbers by value: -0 is 0).
uint64_t HashValue(const Value& v, uint64_t h) {
  h = Mix64(h ^ (0x100 + static_cast<uint64_t>(v.kind())));
  switch (v.kind()) {
    case Value::Kind::kBool:
      return Mix64(h ^ (v.as_bool() ? 1 : 2));
    case Value::Kind::kNumber: {
      double d = v.as_number();
      if (d == 0) d = 0;
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return Mix64(h ^ bits);
    }
    case Value::Kind::kString:
      return StableHash64(v.as_string(), h);
    case Value::Kind::kArray:
      h = Mix64(h ^ v.as_array().size());
      for (const Value& e : v.as_array()) h = HashValue(e, h);
      return h;
    default:
      return h;
  }
}

}  // namespace

uint64_t AttributeFingerprint(const Lead& lead, const std::vector<std::string>& names) {
  if (names.empty()) return 0;
  // Chained name by name, without building a buffer: Apply checks the
  // attributes event rules read on every event.
  uint64_t h = 0x6c656164;  // "lead"
  for (const std::string& name : names) {
    auto it = lead.attributes.find(name);
    h = it == lead.attributes.end() ? Mix64(h ^ 0xff) : HashValue(it->second, h);
  }
  return h;
}

}  // namespace internal
}  // namespace leadscore
