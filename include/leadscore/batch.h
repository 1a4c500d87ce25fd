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
  // Threads that score (>= 1), the calling thread included. Scorecards reach
  // the sink in leads order on the calling thread whatever the number.
  int threads = 1;
};

// Collects leads, then their events in any order, and scores every lead as of
// one time with the exact semantics of the file formats: events sorted by
// (at, id, position), later copies of an id dropped, events after as_of
// ignored. Events keep no properties once added (they are reduced to the rules
// they match), so add a lead before its events.
//
// Events can also be reduced on several threads: each thread fills its own
// EventShard (NewEventShard), and MergeEventShard appends the shards in the
// order of the input they came from. The result is exactly that of calling
// AddEvent on every event in that order.
class BatchScorer {
 public:
  class EventShard;

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
  void ReserveEvents(size_t n) { events_.items.reserve(events_.items.size() + n); }

  // An empty shard that reduces events against this batch's leads, for one
  // thread to fill with EventShard::AddEvent. Shards only read the batch's
  // leads, so any number of them may be filled at once on different threads,
  // and MergeEventShard (which changes only the batch's events) may run
  // meanwhile; nothing else may: no adding or erasing leads, AddEvent, Score,
  // or moving the batch.
  EventShard NewEventShard() const;

  // Appends the events of `shard` (made by NewEventShard of this batch) after
  // every event added or merged so far, as if each had been passed to AddEvent
  // in the order the shard received it: arrival positions, duplicates, unknown
  // lead ids and counts are the same; events of leads erased since are
  // dropped, their ids wiped. The shard is left empty. Errors:
  // InvalidArgument for a shard of another batch (nothing is merged);
  // ResourceExhausted past 2^32 - 1 events or 4 GiB of ids or matched rules.
  absl::Status MergeEventShard(EventShard&& shard);

  // Leads added and not erased.
  size_t lead_count() const { return leads_.size() - erased_count_; }
  // Events added for known leads at or before as_of (duplicates included).
  size_t event_count() const { return events_.items.size(); }
  size_t events_after_as_of() const { return events_.after_as_of; }
  size_t unknown_lead_events() const { return events_.unknown_events; }
  // Distinct lead ids named by events but never added, sorted (bytewise).
  std::vector<std::string> unknown_lead_ids() const;

  // Erases a lead (right to be forgotten): its id, attributes, stage and
  // every event added for it, ids included, are overwritten with zeros and
  // released, and it is not scored. Events added later that name the id are
  // then events of an unknown lead. Error: NotFound if no such lead was added
  // (or it was already erased).
  absl::Status EraseLead(absl::string_view lead_id);

  // Scores every lead, calling `sink` once per lead in the order the leads
  // were added, on the calling thread. With `options.threads` > 1, worker
  // threads score blocks of leads ahead while the calling thread scores and
  // hands on finished blocks in order (at most a few blocks are held). Returns
  // the number of duplicate events dropped via `duplicates` if not null.
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
    uint32_t id_offset;  // in EventStore::ids
    uint32_t id_size;    // kNoId: the event has no id
    uint32_t rules_offset;  // in EventStore::rules
    uint32_t rule_count;
    int32_t type;
  };
  static constexpr uint32_t kNoId = 0xFFFFFFFF;

  // Reduced events and what AddEvent counted, for the batch or one shard.
  struct EventStore {
    std::vector<Item> items;
    std::string ids;              // event ids, back to back
    std::vector<uint32_t> rules;  // matched rules, back to back
    absl::flat_hash_set<std::string> unknown_ids;
    size_t unknown_events = 0;
    size_t after_as_of = 0;
    uint64_t seq = 0;  // arrival positions handed out
  };

  // AddEvent into `store`; reads the leads only, so shards may call it on
  // several threads at once.
  absl::Status AddTo(const Event& event, EventStore* store,
                     std::vector<uint32_t>* scratch_rules) const;
  absl::string_view IdOf(const Item& e) const {
    return absl::string_view(events_.ids.data() + e.id_offset, e.id_size);
  }
  bool Before(const Item& a, const Item& b) const;
  // Groups events_.items by lead; returns where each lead's events begin
  // (one more entry than leads, the last is the end).
  std::vector<size_t> BucketByLead();

  Scorer scorer_;
  absl::Time as_of_;
  int64_t as_of_ns_;
  std::vector<Lead> leads_;
  std::vector<uint8_t> erased_;  // per lead: 1 once EraseLead took it
  size_t erased_count_ = 0;
  absl::flat_hash_map<std::string, uint32_t> index_;
  EventStore events_;
  std::vector<uint32_t> scratch_rules_;
};

// Events reduced on one thread, to be merged into the batch that made it
// (BatchScorer::NewEventShard). Refers to that batch, which must outlive it
// and stay where it is. Movable, not copyable.
class BatchScorer::EventShard {
 public:
  EventShard(EventShard&&) = default;
  EventShard& operator=(EventShard&&) = default;

  // As BatchScorer::AddEvent, at the shard's next position. On error nothing
  // is kept for the event, as with AddEvent.
  absl::Status AddEvent(const Event& event) {
    return batch_->AddTo(event, &store_, &scratch_rules_);
  }

  // Optional: room for `n` more events.
  void ReserveEvents(size_t n) { store_.items.reserve(store_.items.size() + n); }

  // Events kept for known leads at or before as_of (duplicates included).
  size_t event_count() const { return store_.items.size(); }

 private:
  friend class BatchScorer;
  explicit EventShard(const BatchScorer* batch) : batch_(batch) {}

  const BatchScorer* batch_;
  EventStore store_;
  std::vector<uint32_t> scratch_rules_;
};

}  // namespace leadscore

#endif  // LEADSCORE_BATCH_H_
