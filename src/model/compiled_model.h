// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled form of a model: what the loader builds and the engine reads.
// Not API. Names are interned, strings pre-lowered, durations in nanoseconds,
// rules indexed by event type.

#ifndef LEADSCORE_SRC_COMPILED_MODEL_H_
#define LEADSCORE_SRC_COMPILED_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "leadscore/value.h"

namespace re2 {
class RE2;
}

namespace leadscore {
namespace internal {

enum class Op : uint8_t {
  kEq, kNe, kIn, kNotIn, kGt, kGte, kLt, kLte, kBetween,
  kContains, kContainsAny, kStartsWith, kEndsWith, kMatches, kExists,
};

// kStage and kDaysInStage (v1.1) read the tracked computed stage (EvalEnv).
// kAccountScore and kAccountStage read the lead's account (lead labels only,
// v1.1 accounts): `index` is the account dimension (-1: total), a stage leaf's
// operands are account stage indices (numbers).
enum class Subject : uint8_t {
  kAttr, kProp, kScore, kGrade, kEvent, kStage, kDaysInStage, kAccountScore, kAccountStage,
};

// A scalar operand; strings are stored lower-cased (ASCII) for comparison.
struct Operand {
  Value::Kind kind = Value::Kind::kNull;  // kBool, kNumber or kString
  double number = 0;                      // number, or 0/1 for bool
  std::string text;                       // lower-cased
  std::string display;                    // as written, for explanations
};

struct Leaf {
  Subject subject = Subject::kAttr;
  Op op = Op::kExists;
  std::string name;      // attribute or property name
  int index = -1;        // dimension (score/grade; -1: total) or event tracker
  int slot = -1;         // property: index in CompiledModel::prop_names
  std::vector<Operand> args;  // eq/ne: 1; in/not_in/contains_any: n
                              // (stage leaves: numbers, the stage indices)
  double lo = 0, hi = 0;      // gt..lte use lo; between uses both
  bool exists = true;         // argument of `exists`
  std::shared_ptr<const re2::RE2> regex;  // matches
  // contains / contains_any on a property: the bits of its needles in the
  // slot's SlotNeedles (when `needles_indexed`), and whether one is empty
  // (then every string contains it).
  uint64_t needle_mask = 0;
  bool needles_indexed = false;
  bool empty_needle = false;
  // Event leaf: at least `at_least` events of the tracker's type in
  // (now - window_ns, now].
  int64_t window_ns = 0;
  int at_least = 1;
};

struct Condition {
  enum class Kind : uint8_t { kAll, kAny, kNot, kLeaf };
  Kind kind = Kind::kAll;
  std::vector<Condition> children;
  Leaf leaf;
};

// The needles of every contains/contains_any leaf on one property, found in
// one pass over the event's value (PropFrame::Needles) instead of one search
// per leaf and needle.
struct SlotNeedles {
  static constexpr size_t kMax = 64;  // bits of Leaf::needle_mask
  std::vector<std::string> needles;   // lower-cased, non-empty, distinct
  // Per needle: its first min(8, size) bytes as a little-endian word, and the
  // mask of those bytes, to test a position with one 8-byte compare.
  std::vector<uint64_t> prefix, prefix_mask;
  // Per byte value c: the needles whose first byte is c (by_first), and
  // those whose second byte is c or that have one byte (by_second), so a
  // position is compared only with the needles its two bytes allow.
  std::vector<uint64_t> by_first = std::vector<uint64_t>(256);
  std::vector<uint64_t> by_second = std::vector<uint64_t>(256);
  uint64_t one_byte = 0;   // needles of one byte
  int only_first = -1;     // the byte every needle starts with, or -1
};

struct Grade {
  std::string name;
  std::optional<double> min;
};

struct Dimension {
  std::string name;
  std::string description;
  std::optional<double> min, max;
  double weight = 1;
  std::optional<double> half_life_days;
  double half_life_ns = 0;  // 0: no decay
  std::vector<Grade> grades;
};

struct Rule {
  enum class Kind : uint8_t { kAttribute, kEvent, kPattern };
  std::string id;
  std::string description;
  Kind kind = Kind::kAttribute;
  int dimension = 0;
  double points = 0;
  std::vector<int> on;               // event type ids
  std::optional<Condition> when;
  int64_t max_per_lead = 0;          // 0: none
  int64_t window_count = 0;          // max_per_window.count; 0: none
  int64_t window_ns = 0;             // max_per_window.days
  int64_t within_ns = 0;             // within_days; 0: none
  int64_t pattern_at_least = 0;      // pattern rules
  int64_t pattern_ns = 0;
};

struct Threshold {
  int stage = 0;
  Condition when;
  // v1.1, forward_only false only: while the tracked stage is at or above
  // `stage`, the threshold holds unless this holds (hysteresis).
  std::optional<Condition> exit_when;
};

// A v1.1 recycle rule: from a tracked stage in `from`, after `inactive_ns`
// without a kept event and/or when `when` holds, the tracked stage becomes
// `to` (docs/model-format.md, "Hysteresis and recycling").
struct RecycleRule {
  std::string id;
  std::vector<int> from;     // stage indices
  int to = 0;                // below every `from` stage
  int64_t inactive_ns = 0;   // 0: no inactivity condition
  std::optional<Condition> when;
};

struct Label {
  std::string name;
  Condition when;
};

// Where a rule's or tracker's words live in a lead's CoreState. A lead
// holds a block only once an event wrote to it (a rule matched, a tracked
// type occurred): most leads touch a few of a model's rules, so the state
// keeps the fixed words (attribute bits, dimension sums, the block table)
// plus the blocks touched, in the order they were touched. The block table
// holds one word offset per block (0: absent), 16 bits wide (four a word)
// when no state of the model can reach 2^16 words, 32 bits otherwise; an
// absent block reads as zeros (state_times.h).
struct BlockRef {
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  uint32_t index = kNone;  // block number (kNone: the slot has no block)
  uint32_t word = 0;       // the table word holding its entry
  uint32_t shift = 0;      // where the entry sits in that word
  uint32_t mask = 0;       // the entry's width: 0xFFFF or 0xFFFFFFFF
  uint32_t size = 0;       // words
  // Where the block's words start in the dense layout of state format 2,
  // which wrote every block of every lead.
  uint32_t dense_at = 0;
};

// Where a stream of event times lives in a lead's CoreState: a ring of
// `capacity` words inline in a block (small capacities), or a
// CoreState::queues entry (large capacities and unbounded within_days
// queues), so that a state's size does not depend on a model's largest count.
struct TimesSlot {
  bool inline_ring = true;
  uint32_t offset = 0;    // inline: in its block, the header word (head | size << 32), then the ring
  uint32_t capacity = 0;  // inline: ring size; queue: 0 = unbounded
  uint32_t queue = 0;     // queue index
  BlockRef block;         // inline: the block holding the ring
};

// Remembers the last `capacity` times of events of one type, for event leaves.
struct EventTracker {
  int type = 0;
  int capacity = 1;
  TimesSlot times;
};

// Where one event or pattern rule keeps its state: word offsets into its
// block (kNoSlot when the rule needs no such word).
struct RuleSlots {
  static constexpr uint32_t kNoSlot = 0xFFFFFFFF;
  BlockRef block;              // event and pattern rules; none for attribute rules
  uint32_t acc = kNoSlot;      // acc (double bits), then acc_t
  uint32_t passed = kNoSlot;   // max_per_lead: events let through
  uint32_t counted = kNoSlot;  // rules without within_days: events counted
  TimesSlot window;            // max_per_window: last `count` counted times
  TimesSlot pattern;           // pattern: last `at_least` matching times
  TimesSlot live;              // within_days: counted times not yet expired
  bool has_window = false, has_pattern = false, has_live = false;
};

// The layout of CoreState for one model, fixed at compile time.
struct StateLayout {
  // CoreState::words starts with these fixed words, in this order: attribute
  // rule bits, per-dimension attribute points, per-dimension running sums,
  // the block table; touched blocks follow.
  uint32_t fixed_words = 0;
  uint32_t queues = 0;      // size of CoreState::queues
  uint32_t attr_bits = 0;   // ceil(rules / 64) words: attribute rule holds
  uint32_t dim_attr = 0;    // per dimension: attribute points (double bits)
  uint32_t dim_sum = 0;     // per dimension: decayed event points (double), then its time
  uint32_t table = 0;       // the block table: ceil(blocks / entries per word) words
  uint32_t blocks = 0;      // rules with words, then trackers
  std::vector<BlockRef> block_refs;  // by block number
  // Words of the dense layout of state format 2: the fixed words without
  // the table, then every block in block order.
  uint32_t dense_words = 0;
  // CRC-32C of the model's name, version and everything above: a state made
  // under one model is recognised as foreign under another.
  uint32_t fingerprint = 0;
  std::vector<RuleSlots> rules;  // indexed like CompiledModel::rules
};

// The most words one block may have: an event rule's accumulator, time,
// two counters and an inline ring of kMaxInlineTimes (state_times.h).
inline constexpr uint32_t kMaxBlockWords = 2 + 1 + 1 + 1 + 16;

struct Lifecycle {
  std::vector<std::string> stages;
  bool require_consent = true;
  bool forward_only = true;
  std::vector<Threshold> thresholds;               // model order
  std::vector<std::vector<int>> thresholds_by_stage;  // stage -> thresholds
  int top_threshold_stage = 0;  // the highest stage a threshold leads to (0: none)
  std::optional<Condition> disqualify_when;
  // Whether disqualify_when reads anything but attributes (a moment whose
  // stage cannot change needs a snapshot only then).
  bool disqualify_reads_scores = false;
  std::vector<Label> labels;
  std::vector<int> funnel;  // per stage: -1 none, 0 tofu, 1 mofu, 2 bofu
  // v1.1 recycling (model order), and derived from it: per stage, whether
  // some rule's `from` lists it (no rule can fire elsewhere), and the distinct
  // `inactive_days` durations, ascending (the inactivity moments after a
  // lead's latest event).
  std::vector<RecycleRule> recycle;
  std::vector<char> recyclable;
  std::vector<int64_t> inactivity_ns;
};

// Stable fingerprints of the model document (model_fingerprint.h).
struct ModelFingerprints {
  uint64_t model = 0;   // everything the document says (canonical JSON)
  // What the evolution of a lead's state depends on: the document without
  // name, version, descriptions, labels, funnel, and grades when no
  // threshold or disqualify_when reads a grade. Equal replay fingerprints
  // build equal states from equal events, so states carry over exactly.
  uint64_t replay = 0;
};

struct AccountModel;  // account_model.h

struct CompiledModel {
  std::string name, version, description;
  // The `accounts` section (v1.1), if the model has one. Shared (not unique)
  // so that this header needs only the declaration.
  std::shared_ptr<const AccountModel> accounts;
  ModelFingerprints fingerprints;
  // Sorted: every attribute a condition reads, and those read by event and
  // pattern rules' `when` (a lead's fingerprints hash their values).
  std::vector<std::string> read_attribute_names;
  std::vector<std::string> event_attribute_names;
  std::vector<Dimension> dimensions;
  std::vector<Rule> rules;
  std::optional<Lifecycle> lifecycle;
  absl::flat_hash_map<std::string, int> event_types;  // type -> id
  std::vector<std::vector<int>> rules_by_type;        // id -> event/pattern rules
  std::vector<EventTracker> trackers;
  std::vector<int> tracker_by_type;                   // id -> tracker or -1
  std::vector<int> attribute_rules;                   // indices of attribute rules
  std::vector<int> within_rules;                      // event rules with within_days
  absl::flat_hash_set<std::string> attribute_names;   // every attribute a condition reads
  // Every property name a condition reads (a leaf's slot), and per event type
  // the slots its rules read: an event's properties are looked up by name
  // once per slot, not once per leaf.
  std::vector<std::string> prop_names;
  // Attributes' hash of each name, so a lookup does not hash the name again
  // (valid in this process only: Abseil seeds its hash per process).
  std::vector<size_t> prop_hashes;
  std::vector<std::vector<uint32_t>> prop_slots_by_type;
  std::vector<SlotNeedles> prop_needles;  // by slot
  std::vector<std::vector<int>> event_rules_by_dim;   // dimension -> event rules
  std::vector<std::vector<int>> pattern_rules_by_dim; // dimension -> pattern rules
  StateLayout layout;
};

// The largest magnitude of a rule's `points`, a dimension's `weight`, `min`
// and `max` (docs/model-format.md, "Readings"). It keeps every score and total
// finite, whatever the input, which a scorecard needs (JSON has no infinity):
//  - a contribution to a dimension's raw score is a rule's points times a
//    decay factor 2^(-dt/H) with dt >= 0 (events after as_of are ignored and
//    a scorer refuses to read a state before its last event), so at most
//    1e15 in magnitude; expiry only subtracts what was added;
//  - a lead has fewer than 2^64 events and a model fewer than 2^32 rules, so
//    a raw score sums fewer than 2^32 * (2^64 + 1) < 2^97 contributions:
//    |raw| < 2^97 * 1e15 < 1.6e44; clamping to min/max gives at most
//    max(|raw|, 1e15);
//  - the total sums fewer than 2^32 dimensions of |weight * score| <
//    1e15 * 1.6e44: |total| < 2^32 * 1.6e59 < 7e68, far below DBL_MAX (1.8e308),
//    so no rounding of the partial sums reaches infinity either.
// Grade bounds and condition arguments are only compared, never summed: any
// finite value is fine there.
inline constexpr double kMaxScoreMagnitude = 1e15;

// The id of event type `type` in `m`, added if new.
inline int InternEventType(CompiledModel* m, const std::string& type) {
  auto [it, inserted] =
      m->event_types.try_emplace(type, static_cast<int>(m->event_types.size()));
  return it->second;
}

// Computes `m->layout` and the per-dimension rule lists once rules, trackers
// and dimensions are final.
void BuildStateLayout(CompiledModel* m);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_COMPILED_MODEL_H_
