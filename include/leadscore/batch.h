// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BatchScorer: scores a population of leads and their events as of one time.

#ifndef LEADSCORE_BATCH_H_
#define LEADSCORE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "leadscore/event.h"
#include "leadscore/internal/engine_state.h"
#include "leadscore/lead.h"
#include "leadscore/scorecard.h"
#include "leadscore/scorer.h"

namespace leadscore {

struct BatchOptions {
  bool explain = false;  // fill Scorecard::explain
  int threads = 1;       // worker threads for scoring (>= 1)
};

// Collects leads, then their events in any order, and scores every lead as of
// one time with the exact semantics of the file formats: events sorted by
// (at, id, position), later copies of an id dropped, events after as_of
// ignored. Events keep no properties once added (they are reduced to the rules
// they match), so add a lead before its events.
class BatchScorer {
 public:
  // Fails if `as_of` is outside the engine's time range.
  static absl::StatusOr<BatchScorer> Create(Scorer scorer, absl::Time as_of);

  // Adds a lead. Attributes that no condition of the model reads are dropped
  // (scorecards never show attributes; this is most of a population's
  // memory). Errors: an id already added; a host stage the model does not
  // define (or any stage when the model has no lifecycle).
  absl::Status AddLead(Lead lead);

  // Adds an event. An event naming no added lead is not an error: it is
  // counted and its lead id remembered (see unknown_lead_ids()). Errors: a
  // time outside the engine's range.
  absl::Status AddEvent(const Event& event);

  // Optional: room for `n` more events, to spare re-allocation.
  void ReserveEvents(size_t n) { events_.reserve(events_.size() + n); }

  // Leads added and not erased.
  size_t lead_count() const { return leads_.size() - erased_count_; }
  // Events added for known leads at or before as_of (duplicates included).
  size_t event_count() const { return events_.size(); }
  size_t events_after_as_of() const { return after_as_of_; }
  size_t unknown_lead_events() const { return unknown_events_; }
  // Distinct lead ids named by events but never added, sorted (bytewise).
  std::vector<std::string> unknown_lead_ids() const;

  // Erases a lead (right to be forgotten): its id, attributes, stage and
  // every event added for it, ids included, are overwritten with zeros and
  // released, and it is not scored. Events added later that name the id are
  // then events of an unknown lead. Error: NotFound if no such lead was added
  // (or it was already erased).
  absl::Status EraseLead(absl::string_view lead_id);

  // Scores every lead, calling `sink` once per lead in the order the leads
  // were added. Returns the number of duplicate events dropped via
  // `duplicates` if not null.
  absl::Status Score(const BatchOptions& options,
                     absl::FunctionRef<void(const Scorecard&)> sink,
                     size_t* duplicates = nullptr);

 private:
  BatchScorer(Scorer scorer, absl::Time as_of, int64_t as_of_ns)
      : scorer_(std::move(scorer)), as_of_(as_of), as_of_ns_(as_of_ns) {}

  // An event reduced to 40 bytes; its id and matched rules live in arenas.
  struct Item {
    int64_t at;
    uint32_t lead;
    uint32_t seq;        // arrival position
    uint32_t id_offset;  // in ids_
    uint32_t id_size;    // kNoId: the event has no id
    uint32_t rules_offset;  // in rules_
    uint32_t rule_count;
    int32_t type;
  };
  static constexpr uint32_t kNoId = 0xFFFFFFFF;
  absl::string_view IdOf(const Item& e) const {
    return absl::string_view(ids_.data() + e.id_offset, e.id_size);
  }
  bool Before(const Item& a, const Item& b) const;

  Scorer scorer_;
  absl::Time as_of_;
  int64_t as_of_ns_;
  std::vector<Lead> leads_;
  std::vector<uint8_t> erased_;  // per lead: 1 once EraseLead took it
  size_t erased_count_ = 0;
  absl::flat_hash_map<std::string, uint32_t> index_;
  std::vector<Item> events_;
  std::string ids_;              // event ids, back to back
  std::vector<uint32_t> rules_;  // matched rules, back to back
  std::vector<uint32_t> scratch_rules_;
  absl::flat_hash_set<std::string> unknown_ids_;
  size_t unknown_events_ = 0;
  size_t after_as_of_ = 0;
  uint64_t seq_ = 0;
};

}  // namespace leadscore

#endif  // LEADSCORE_BATCH_H_
