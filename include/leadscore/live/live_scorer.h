// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LiveScorer: scoring that survives restarts. It applies batches of events
// to lead states kept in a StateStore and writes, in one transaction per
// batch, the new states, the source positions reached and the transitions
// (the outbox), so a process killed at any moment and restarted from the
// store's position produces exactly what an uninterrupted run would
// (docs/live-scoring.md). `leadscore apply` is this loop over a file.
//
// Example:
//
//   auto store = leadscore::OpenStateStore("sqlite:/var/lib/crm/scores.db");
//   auto live = leadscore::LiveScorer::Open(model, store->get(), {});
//   std::vector<leadscore::LiveEvent> batch = ...;  // events with positions
//   auto done = live->ApplyBatch(batch);            // committed when it returns
//   for (const auto& t : done->transitions) Notify(t);
//
// Pipelined (two cores: batch k is written while batch k+1 is applied):
//
//   std::vector<leadscore::LiveBatchResult> committed;
//   for (auto& batch : batches) {
//     absl::Status s = live->Submit(batch, &committed);  // returns before it commits
//     for (const auto& r : committed) for (const auto& t : r.transitions) Notify(t);
//     committed.clear();
//     if (!s.ok()) break;                               // nothing later is committed
//   }
//   live->Flush(&committed);                            // the last batch

#ifndef LEADSCORE_LIVE_LIVE_SCORER_H_
#define LEADSCORE_LIVE_LIVE_SCORER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/model.h"
#include "leadscore/scorer.h"
#include "leadscore/source_position.h"
#include "leadscore/store/state_store.h"
#include "leadscore/transition.h"

namespace leadscore {
namespace internal {
class CommitWorker;
}  // namespace internal

struct LiveOptions {
  ScorerOptions scorer;  // the reorder window; must not change for a store
  // Leads whose record and state stay in memory between batches (with the
  // ids found missing from the store). Past it, the cache is emptied after
  // a commit (the store has everything).
  size_t max_cached_leads = 1'000'000;
  // An event older than the reorder window is merged exactly by rebuilding
  // its lead from the store's history (when the store keeps all of it) plus
  // the event; otherwise it is counted too late and reported.
  bool rebuild_late = true;
};

// An event to apply, where it was read, and its JSON line (the history
// entry, when the store keeps history). `json` may be left empty for a store
// that keeps no history: the event then gets no history entry (saving a
// copy per event), and a too-late event of its lead cannot be rebuilt.
struct LiveEvent {
  Event event;
  SourcePosition position;
  std::string json;
};

// A lead record to take in, with its JSON line (what the store keeps).
struct LiveLead {
  Lead lead;
  std::string json;
};

// What one committed batch did.
struct LiveBatchStats {
  size_t applied = 0;          // applied or merged
  size_t already_applied = 0;  // duplicates and re-deliveries: ignored
  size_t too_late = 0;         // older than the reorder window (see `refused`)
  size_t refused = 0;          // bad events: other errors (see `refused`)
  size_t unknown_lead = 0;     // naming no lead of the store
  size_t late_rebuilt = 0;     // of `applied`: too late, merged by a rebuild
  size_t leads_added = 0, leads_updated = 0, leads_unchanged = 0, leads_rebuilt = 0;
};

struct LiveBatchResult {
  LiveBatchStats stats;
  std::vector<Transition> transitions;  // committed to the outbox, in order
  // One message per too-late or refused event ("offset N of SOURCE: ...")
  // and per unknown lead id, so nothing is dropped silently.
  std::vector<std::string> problems;
};

class LiveScorer {
 public:
  // A live scorer of `model` over `store` (not owned; must outlive it).
  // The store remembers the model its states were written under: opening it
  // with another model is FailedPrecondition naming `leadscore rescore`
  // (LiveScorer::Rescore). Errors of the store pass through.
  static absl::StatusOr<std::unique_ptr<LiveScorer>> Open(std::shared_ptr<const Model> model,
                                                         StateStore* store,
                                                         const LiveOptions& options);

  // Applies `events` in order and commits the batch. Positions must grow
  // per source; events at or below the store's position of their source
  // were committed before and are skipped (already applied). On an error
  // nothing of the batch is committed and the cache is dropped, so the next
  // call starts from the store again.
  // Errors: FailedPrecondition while a Submit'ted batch is not flushed;
  // those of the store (GetLeads, GetStates, GetHistory, Commit); DataLoss
  // for a stored record, state or history that does not parse.
  absl::StatusOr<LiveBatchResult> ApplyBatch(absl::Span<const LiveEvent> events);

  // ApplyBatch, pipelined (docs/live-scoring.md, "Pipelining"): applies
  // `events` in memory exactly as ApplyBatch does, then hands the batch's
  // writes to a commit thread (which owns the store until the commit ends)
  // and returns without waiting for it, so the caller reads, parses and
  // applies the next batch while this one is written. One batch at most is
  // in flight: Submit waits for the previous batch's commit before it hands
  // this one over, and before any store read this batch needs (uncached
  // leads, a rebuild's history, a source's first position), so every read
  // sees every earlier batch.
  //
  // The results of batches that committed during the call (the previous
  // batch, at most one) are appended to *committed in order, also when the
  // call fails: publish transitions from there only, so each is published
  // after its batch committed.
  //
  // Errors: those of ApplyBatch, for this batch or for the previous one's
  // commit. After any error nothing of this batch is committed (nor of any
  // later call before the host resumes), the cache is dropped and the store
  // holds exactly the batches whose results were returned: resume by
  // re-reading from Position().
  absl::Status Submit(absl::Span<const LiveEvent> events,
                      std::vector<LiveBatchResult>* committed);

  // Waits for the batch in flight (if any) to commit and appends its result
  // to *committed. Errors: the commit's (then, as for Submit, the cache is
  // dropped and nothing is appended).
  absl::Status Flush(std::vector<LiveBatchResult>* committed);

  // Adds or updates lead records, in one transaction. FailedPrecondition
  // while a Submit'ted batch is not flushed. An unchanged record is
  // a no-op; a changed one is taken in with Scorer::UpdateLead at `at` (or,
  // when an attribute event rules read changed and the store keeps history,
  // rebuilt from it); a transition may follow (cause lead).
  absl::StatusOr<LiveBatchResult> UpsertLeads(absl::Span<const LiveLead> leads, absl::Time at);

  // The committed position of `source`. FailedPrecondition while a
  // Submit'ted batch is not flushed.
  absl::StatusOr<std::optional<uint64_t>> Position(absl::string_view source);

  const Scorer& scorer() const { return scorer_; }

  // Waits for a batch in flight to commit (its result is dropped; its
  // transitions are in the outbox).
  ~LiveScorer();
  LiveScorer(const LiveScorer&) = delete;
  LiveScorer& operator=(const LiveScorer&) = delete;

 private:
  struct Entry;
  LiveScorer(std::shared_ptr<const Model> model, StateStore* store, const LiveOptions& options);
  // Reads the records and states of the leads among `ids` not cached
  // (unknown ones stay uncached); on an error the cache is dropped.
  absl::Status LoadMissing(std::vector<std::string> ids);
  absl::Status LoadIds(const std::vector<std::string>& sorted_ids);
  // What RebuildWithLate did.
  enum class LateOutcome { kRebuilt, kDuplicate, kNoHistory };
  // Rebuilds `entry` from its stored history, the batch's `pending` history
  // and `late`. kDuplicate (nothing changed) when the history holds a copy
  // of `late`'s id that sorts first; kNoHistory (nothing changed) when the
  // store lacks some of the lead's events.
  absl::StatusOr<LateOutcome> RebuildWithLate(Entry* entry, const LiveEvent& late,
                                              const std::vector<HistoryEntry>& pending,
                                              std::vector<Transition>* transitions);
  // Applies `events` to the cache and fills *batch (empty on entry) with
  // what to commit; raises positions_ to the batch's. Before a store read
  // it settles the batch in flight (results into *committed). On an error
  // the cache is dropped.
  absl::Status ApplyInMemory(absl::Span<const LiveEvent> events, StoreBatch* batch,
                             LiveBatchResult* result, std::vector<LiveBatchResult>* committed);
  // Waits for the batch in flight, if any: its result goes to *committed
  // (dropped if null); a failed commit drops the cache and is returned.
  absl::Status Settle(std::vector<LiveBatchResult>* committed);
  // FailedPrecondition naming `what` while a submitted batch is in flight.
  absl::Status CheckIdle(absl::string_view what) const;
  void DropCache();

  Scorer scorer_;
  StateStore* store_;
  LiveOptions options_;
  absl::flat_hash_map<std::string, std::unique_ptr<Entry>> cache_;
  // Lead ids the store was found not to have (their events are counted
  // unknown without a store read each batch); dropped with the cache.
  absl::flat_hash_set<std::string> absent_;
  // Each source's position as of the last batch applied in memory (ahead of
  // the store while that batch commits); dropped with the cache.
  absl::flat_hash_map<std::string, std::optional<uint64_t>> positions_;
  // Reused across batches (their vectors keep their capacity).
  StoreBatch batch_;
  std::vector<Entry*> dirty_;
  uint64_t batch_serial_ = 0;  // marks an Entry dirty in the current batch
  // Pipelining: the commit thread (created by the first Submit) and the
  // result of the batch it is committing.
  std::unique_ptr<internal::CommitWorker> worker_;
  std::optional<LiveBatchResult> in_flight_;
};

// The meta key under which a store records Model::fingerprint() of the
// model its states belong to, and the model's name and version.
inline constexpr char kStoreModelFingerprintKey[] = "model.fingerprint";
inline constexpr char kStoreModelNameKey[] = "model.name_version";

// What a rescore did.
struct RescoreSummary {
  size_t leads = 0;
  size_t carried_over = 0;  // moved without replay (equal replay fingerprints)
  size_t rebuilt = 0;       // rebuilt from the store's history
  size_t started = 0;       // without a state yet: nothing to do
  // (from stage, to stage) -> leads: the reported stage each lead last
  // showed under the old model and shows now.
  std::vector<std::pair<std::pair<std::string, std::string>, size_t>> moves;
  std::vector<Transition> transitions;  // cause model, also in the outbox
};

// Moves every state of `store` to `new_model`: carried over where that is
// exact (Scorer::CarryOver, which needs the old model), otherwise rebuilt
// from the store's history (the store must keep history, and each lead's
// history must still hold all its events: FailedPrecondition otherwise,
// with nothing changed). One transaction per 1000 leads; the store's model
// fingerprint changes with the last one. `old_model` may be null when every
// lead is to be rebuilt.
absl::StatusOr<RescoreSummary> Rescore(StateStore* store, std::shared_ptr<const Model> old_model,
                                       std::shared_ptr<const Model> new_model,
                                       const LiveOptions& options);

}  // namespace leadscore

#endif  // LEADSCORE_LIVE_LIVE_SCORER_H_
