// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BatchScorer: scores a population of leads and their events as of one time.

#ifndef LEADSCORE_BATCH_H_
#define LEADSCORE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/model.h"
#include "leadscore/scorecard.h"
#include "leadscore/scorer.h"
#include "leadscore/transition.h"

namespace leadscore {

namespace internal {
class BatchImpl;
struct BatchEventStore;
}  // namespace internal

struct BatchOptions {
  bool explain = false;  // fill Scorecard::explain
  // Threads that score (>= 1), the calling thread included. Scorecards reach
  // the sink in leads order on the calling thread whatever the number.
  int threads = 1;
};

// What BatchScorer::Score did besides calling the sink.
struct BatchStats {
  size_t leads_scored = 0;        // scorecards passed to the sink
  size_t duplicates_dropped = 0;  // later copies of an event id, not counted
};

// Collects leads, then their events in any order, and scores every lead as of
// one time with the exact semantics of the file formats: events sorted by
// (at, id, position), later copies of an id dropped, events after as_of
// ignored (the rule of KeptEventOrder, history.h). Events keep no properties
// once added (they are reduced to the rules they match), so add a lead before
// its events.
//
// Events can also be reduced on several threads: each thread fills its own
// EventShard (NewEventShard), and MergeEventShard appends the shards in the
// order of the input they came from. The result is exactly that of calling
// AddEvent on every event in that order.
//
// Move-only. Its leads and events live behind one pointer, so moving a batch
// is cheap and safe at any time, shards included: a shard refers to that
// storage, which a move hands on, not to the BatchScorer object. A moved-from
// batch may only be destroyed or assigned to.
class BatchScorer {
 public:
  class EventShard;

  // A batch scoring under `model` as of `as_of`. Errors: InvalidArgument for
  // a null model; OutOfRange if `as_of` is outside the engine's time range.
  static absl::StatusOr<BatchScorer> Create(std::shared_ptr<const Model> model,
                                            absl::Time as_of);

  BatchScorer(BatchScorer&& other) noexcept;
  BatchScorer& operator=(BatchScorer&& other) noexcept;
  BatchScorer(const BatchScorer&) = delete;
  BatchScorer& operator=(const BatchScorer&) = delete;
  ~BatchScorer();

  const Model& model() const;
  absl::Time as_of() const;

  // Adds a lead. Attributes that no condition of the model reads are dropped
  // (scorecards never show attributes; this is most of a population's
  // memory). Errors: AlreadyExists for an id already added; InvalidArgument
  // for a host stage the model does not define (or any stage when the model
  // has no lifecycle).
  absl::Status AddLead(Lead lead);

  // Adds an event. An event naming no added lead is not an error: it is
  // counted and its lead id remembered (see unknown_lead_ids()). Errors:
  // OutOfRange for a time outside the engine's range; ResourceExhausted past
  // 2^32 - 1 events or 4 GiB of ids or matched rules.
  absl::Status AddEvent(const Event& event);

  // Optional: room for `n` more events, to spare re-allocation.
  void ReserveEvents(size_t n);

  // An empty shard that reduces events against this batch's leads, for one
  // thread to fill with EventShard::AddEvent. Shards only read the batch's
  // leads, so any number of them may be filled at once on different threads,
  // and MergeEventShard (which changes only the batch's events) may run
  // meanwhile; nothing else may: no adding or erasing leads, AddEvent or
  // Score. The batch's storage must outlive its shards (destroying the batch
  // first leaves them dangling); moving the batch is fine.
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
  size_t lead_count() const;
  // Events added for known leads at or before as_of (duplicates included).
  size_t event_count() const;
  size_t events_after_as_of() const;
  size_t unknown_lead_events() const;
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
  // hands on finished blocks in order (at most a few blocks are held).
  // Cannot fail on valid input (everything was checked when added), so it
  // returns what it did rather than a status. Exceptions (docs/reliability.md,
  // "Exceptions"): if `sink` throws, or scoring runs out of memory
  // (std::bad_alloc) on any thread, every worker is stopped and joined and
  // the exception reaches the caller on the calling thread; the batch may
  // then only be destroyed or scored again.
  BatchStats Score(const BatchOptions& options,
                   absl::FunctionRef<void(const Scorecard&)> sink);

  // As Score, and each lead's transitions too (transition.h): `sink` gets a
  // lead's scorecard and its transitions together, leads in the order they
  // were added. A lead's transitions are the changes of its reported stage,
  // in time order, chained from the lifecycle's first stage: cause kEvent at
  // each kept event whose classification moment reports another stage than
  // the one last seen (event_id: that event's id, if it has one), then at
  // most one of cause kTime at as_of, when the stage a scorecard reports
  // there differs from the last one seen (decay, an expiring window, consent
  // taking effect). They are exactly what a Scorer of the same model gives
  // when the lead's kept events (KeptEventOrder: sorted, first copy of an id,
  // up to as_of) are Applied in that order and then Advance(lead, state,
  // as_of) is called; so the last transition's `to`, if any, is the
  // scorecard's stage. Empty for a lead whose reported stage never changed
  // and for a model without a lifecycle. The span is valid only during the
  // call. Costs a snapshot at classification moments that otherwise need
  // none; Score, which reports no transitions, pays nothing for them.
  // Exceptions as Score.
  BatchStats ScoreWithTransitions(
      const BatchOptions& options,
      absl::FunctionRef<void(const Scorecard&, absl::Span<const Transition>)> sink);

  // Scores every lead at each of `as_ofs` (ascending, distinct, none after
  // the batch's as_of, whose events after it were never kept), in one pass
  // over each lead's events: `sink` gets leads in the order they were added,
  // each lead's scorecards in the order of `as_ofs`. Each scorecard is
  // exactly the one a batch created as of that time, with the same leads and
  // events, gives (and Scorer::ScoreSeries; velocity: SeriesOptions). Scores
  // on the calling thread only. leads_scored counts leads, not scorecards.
  // Errors, before the sink is called: InvalidArgument for no times, times
  // not strictly ascending, a time after the batch's as_of or a negative
  // velocity_days; OutOfRange for a time - velocity_days outside the
  // engine's range. Exceptions as Score.
  absl::StatusOr<BatchStats> ScoreSeries(const SeriesOptions& options,
                                         absl::Span<const absl::Time> as_ofs,
                                         absl::FunctionRef<void(const Scorecard&)> sink);

 private:
  explicit BatchScorer(std::unique_ptr<internal::BatchImpl> impl);
  std::unique_ptr<internal::BatchImpl> impl_;
};

// Events reduced on one thread, to be merged into the batch that made it
// (BatchScorer::NewEventShard). Refers to that batch's storage (not to the
// BatchScorer object, which may move), which must outlive it. Movable, not
// copyable; a moved-from shard may only be destroyed or assigned to.
class BatchScorer::EventShard {
 public:
  EventShard(EventShard&& other) noexcept;
  EventShard& operator=(EventShard&& other) noexcept;
  ~EventShard();

  // As BatchScorer::AddEvent, at the shard's next position. On error nothing
  // is kept for the event, as with AddEvent.
  absl::Status AddEvent(const Event& event);

  // Optional: room for `n` more events.
  void ReserveEvents(size_t n);

  // Events kept for known leads at or before as_of (duplicates included).
  size_t event_count() const;

 private:
  friend class BatchScorer;
  explicit EventShard(const internal::BatchImpl* batch);

  const internal::BatchImpl* batch_;
  std::unique_ptr<internal::BatchEventStore> store_;
};

}  // namespace leadscore

#endif  // LEADSCORE_BATCH_H_
