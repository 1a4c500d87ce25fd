// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The live loop: per batch, the leads not cached are read from the store in
// one query each (records, states), the events are applied in memory in
// arrival order, and one Commit writes the touched states, the highest
// position per source, the transitions and the history. Because the store
// changes only in that commit, a crash at any point leaves the store at the
// end of a batch, and re-reading from its positions replays exactly the
// rest.

#include "leadscore/live/live_scorer.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "leadscore/history.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/state_io.h"
#include "live/commit_worker.h"

namespace leadscore {

struct LiveScorer::Entry {
  Lead lead;
  std::string lead_json;
  LeadState state;
  bool has_state = false;  // false: not started (no event yet)
  uint64_t dirty_serial = 0;  // the batch_serial_ of the last batch that changed it
};

namespace {

std::string FingerprintText(const Model& m) { return absl::StrCat(absl::Hex(m.fingerprint(), absl::kZeroPad16)); }

OutboxEntry ToOutbox(const Transition& t) {
  OutboxEntry e;
  e.lead_id = t.lead_id;
  AppendTransitionJson(t, &e.payload);
  return e;
}

// The highest offset per source among `positions`, in first-seen order.
void RaisePosition(const SourcePosition& p, std::vector<SourcePosition>* out) {
  for (SourcePosition& q : *out) {
    if (q.source == p.source) {
      q.offset = std::max(q.offset, p.offset);
      return;
    }
  }
  out->push_back(p);
}

// The events of a lead's stored history; DataLoss naming the lead for a
// line that does not parse.
absl::Status ParseHistory(const std::vector<HistoryEntry>& history, absl::string_view lead_id,
                          std::vector<Event>* events) {
  events->reserve(events->size() + history.size() + 1);
  for (const HistoryEntry& h : history) {
    absl::StatusOr<Event> e = ParseEventJson(h.payload);
    if (!e.ok()) {
      return absl::DataLossError(absl::StrCat("the store's history of lead '", lead_id,
                                              "' does not parse: ", e.status().message()));
    }
    events->push_back(*std::move(e));
  }
  return absl::OkStatus();
}

// Serialises the states of `dirty` into `batch`, in lead id order (the
// store writes faster, and the batch is the same whatever the order the
// leads were touched in). Sorts the pointers, not the serialized bytes.
template <typename Entry, typename Serialize>
void WriteStates(std::vector<Entry*>* dirty, Serialize serialize, StoreBatch* batch) {
  std::sort(dirty->begin(), dirty->end(),
            [](const Entry* a, const Entry* b) { return a->lead.id < b->lead.id; });
  batch->states.reserve(batch->states.size() + dirty->size());
  for (const Entry* entry : *dirty) {
    batch->states.push_back(StoredState{entry->lead.id, serialize(*entry)});
  }
}

// Empties a batch, keeping its vectors' capacity for the next one.
void ClearBatch(StoreBatch* b) {
  b->leads.clear();
  b->states.clear();
  b->erased_leads.clear();
  b->positions.clear();
  b->outbox.clear();
  b->history.clear();
}

}  // namespace

LiveScorer::LiveScorer(std::shared_ptr<const Model> model, StateStore* store,
                       const LiveOptions& options)
    : scorer_(std::move(model), options.scorer), store_(store), options_(options) {}

absl::StatusOr<std::unique_ptr<LiveScorer>> LiveScorer::Open(std::shared_ptr<const Model> model,
                                                             StateStore* store,
                                                             const LiveOptions& options) {
  if (model == nullptr || store == nullptr) {
    return absl::InvalidArgumentError("LiveScorer::Open needs a model and a store");
  }
  absl::StatusOr<std::optional<std::string>> fp = store->GetMeta(kStoreModelFingerprintKey);
  if (!fp.ok()) return fp.status();
  const std::string mine = FingerprintText(*model);
  if (!fp->has_value()) {
    if (absl::Status s = store->SetMeta(kStoreModelFingerprintKey, mine); !s.ok()) return s;
    if (absl::Status s = store->SetMeta(kStoreModelNameKey,
                                        absl::StrCat(model->name(), " ", model->version()));
        !s.ok()) {
      return s;
    }
  } else if (**fp != mine) {
    absl::StatusOr<std::optional<std::string>> name = store->GetMeta(kStoreModelNameKey);
    return absl::FailedPreconditionError(absl::StrCat(
        "the store's states belong to model ", name.ok() && name->has_value() ? **name : "?",
        " (fingerprint ", **fp, "), not to '", model->name(), "' version '", model->version(),
        "' (fingerprint ", mine, "): run `leadscore rescore --store URL --model NEW "
        "[--old-model OLD]` first"));
  }
  return std::unique_ptr<LiveScorer>(new LiveScorer(std::move(model), store, options));
}

LiveScorer::~LiveScorer() = default;  // worker_'s destructor waits for a commit in flight

void LiveScorer::DropCache() {
  cache_.clear();
  absent_.clear();
  positions_.clear();
  dirty_.clear();
}

absl::Status LiveScorer::LoadMissing(std::vector<std::string> wanted) {
  // The ids not cached, once each, in key order (the store reads faster).
  std::vector<std::string> ids;
  for (std::string& id : wanted) {
    if (!cache_.contains(id)) ids.push_back(std::move(id));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return absl::OkStatus();
  absl::Status status = LoadIds(ids);
  if (!status.ok()) DropCache();
  return status;
}

absl::Status LiveScorer::LoadIds(const std::vector<std::string>& ids) {
  std::vector<std::optional<std::string>> records, states;
  if (absl::Status s = store_->GetLeads(ids, &records); !s.ok()) return s;
  if (absl::Status s = store_->GetStates(ids, &states); !s.ok()) return s;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!records[i]) {  // unknown lead: remembered as such, not looked up again
      absent_.insert(ids[i]);
      continue;
    }
    auto entry = std::make_unique<Entry>();
    absl::StatusOr<Lead> lead = ParseLeadJson(*records[i]);
    if (!lead.ok()) {
      return absl::DataLossError(absl::StrCat("the store's record of lead '", ids[i],
                                              "' does not parse: ", lead.status().message()));
    }
    entry->lead = *std::move(lead);
    entry->lead_json = *std::move(records[i]);
    if (states[i]) {
      absl::StatusOr<LeadState> state = DeserializeLeadState(scorer_, *states[i]);
      if (!state.ok()) {
        return absl::Status(state.status().code(),
                            absl::StrCat("the store's state of lead '", ids[i],
                                         "': ", state.status().message()));
      }
      entry->state = *std::move(state);
      entry->has_state = true;
    }
    cache_[ids[i]] = std::move(entry);
  }
  return absl::OkStatus();
}

absl::StatusOr<LiveScorer::LateOutcome> LiveScorer::RebuildWithLate(
    Entry* entry, const LiveEvent& late, const std::vector<HistoryEntry>& pending,
    std::vector<Transition>* transitions) {
  std::vector<HistoryEntry> history;
  if (absl::Status s = store_->GetHistory(entry->lead.id, &history); !s.ok()) return s;
  for (const HistoryEntry& h : pending) {
    if (h.lead_id == entry->lead.id) history.push_back(h);
  }
  // Every event the state counts must be in the history (the store may
  // keep none, or have dropped old ones by retention).
  if (history.size() < entry->state.event_count()) return LateOutcome::kNoHistory;
  std::vector<Event> events;
  if (absl::Status s = ParseHistory(history, entry->lead.id, &events); !s.ok()) return s;
  // A re-delivered copy of an old event (under a new position): the copy
  // that sorts first counts (spec v1 section 8), so unless this one sorts
  // before every stored copy nothing changes, and nothing is written.
  if (late.event.id) {
    for (size_t i = 0; i < events.size(); ++i) {
      if (events[i].id == late.event.id &&
          !EventPrecedes(late.event, events.size(), events[i], i)) {
        return LateOutcome::kDuplicate;
      }
    }
  }
  events.push_back(late.event);
  absl::StatusOr<std::optional<std::string>> seen = scorer_.StageSeen(entry->state);
  if (!seen.ok()) return seen.status();
  std::vector<SourcePosition> marks = entry->state.source_marks();
  RaisePosition(late.position, &marks);
  absl::StatusOr<LeadState> rebuilt = scorer_.Rebuild(entry->lead, events, nullptr, marks);
  if (!rebuilt.ok()) return rebuilt.status();
  entry->state = *std::move(rebuilt);
  if (seen->has_value()) {
    absl::StatusOr<Transition> t =
        scorer_.ContinueChain(entry->lead, **seen, entry->state, late.event.at,
                              TransitionCause::kEvent);
    if (!t.ok()) return t.status();
    if (!t->to.empty()) {
      if (late.event.id) t->event_id = *late.event.id;
      transitions->push_back(*std::move(t));
    }
  }
  return LateOutcome::kRebuilt;
}

absl::StatusOr<std::optional<uint64_t>> LiveScorer::Position(absl::string_view source) {
  if (absl::Status s = CheckIdle("Position"); !s.ok()) return s;
  return store_->GetPosition(source);
}

absl::Status LiveScorer::CheckIdle(absl::string_view what) const {
  if (worker_ != nullptr && worker_->busy()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "LiveScorer::", what, " while a submitted batch is in flight: call Flush first"));
  }
  return absl::OkStatus();
}

absl::Status LiveScorer::Settle(std::vector<LiveBatchResult>* committed) {
  if (worker_ == nullptr || !worker_->busy()) return absl::OkStatus();
  absl::Status s = worker_->Wait();
  std::optional<LiveBatchResult> result = std::move(in_flight_);
  in_flight_.reset();
  if (!s.ok()) {
    DropCache();  // memory is ahead of the store now
    return s;
  }
  if (committed != nullptr && result) committed->push_back(*std::move(result));
  return absl::OkStatus();
}

absl::Status LiveScorer::ApplyInMemory(absl::Span<const LiveEvent> events, StoreBatch* batch,
                                       LiveBatchResult* out,
                                       std::vector<LiveBatchResult>* committed) {
  LiveBatchResult& result = *out;
  const auto fail = [&](absl::Status s) {
    DropCache();
    return s;
  };
  // The leads not cached (each read waits for the batch in flight, so it
  // sees every earlier batch), and each new source's stored position.
  std::vector<std::string> missing;
  for (const LiveEvent& e : events) {
    if (!positions_.contains(e.position.source)) {
      if (absl::Status s = Settle(committed); !s.ok()) return s;
      absl::StatusOr<std::optional<uint64_t>> p = store_->GetPosition(e.position.source);
      if (!p.ok()) return fail(p.status());
      positions_[e.position.source] = *p;
    }
    if (!cache_.contains(e.event.lead_id) && !absent_.contains(e.event.lead_id)) {
      missing.push_back(e.event.lead_id);
    }
  }
  if (!missing.empty()) {
    if (absl::Status s = Settle(committed); !s.ok()) return s;
    if (absl::Status s = LoadMissing(std::move(missing)); !s.ok()) return s;
  }
  // positions_ holds what was committed (or is in flight) before this
  // batch; it is raised only after the loop.
  dirty_.clear();
  ++batch_serial_;
  const auto mark_dirty = [&](Entry& entry) {
    if (entry.dirty_serial != batch_serial_) {
      entry.dirty_serial = batch_serial_;
      dirty_.push_back(&entry);
    }
  };
  absl::flat_hash_set<std::string> unknown;
  const std::string* last_source = nullptr;
  const std::optional<uint64_t>* done = nullptr;
  for (const LiveEvent& e : events) {
    if (last_source == nullptr || *last_source != e.position.source) {
      last_source = &e.position.source;
      done = &positions_.find(e.position.source)->second;
    }
    if (*done && e.position.offset <= **done) {
      ++result.stats.already_applied;
      continue;
    }
    // Consumed, whatever becomes of the event below (the store refuses a
    // position lower than the one it has, so only these count).
    RaisePosition(e.position, &batch->positions);
    auto it = cache_.find(e.event.lead_id);
    if (it == cache_.end()) {
      ++result.stats.unknown_lead;
      if (unknown.insert(e.event.lead_id).second) {
        result.problems.push_back(absl::StrCat("offset ", e.position.offset, " of ",
                                               e.position.source, ": lead '", e.event.lead_id,
                                               "' is not in the store (add it with --leads)"));
      }
      continue;
    }
    Entry& entry = *it->second;
    if (!entry.has_state) {
      absl::StatusOr<LeadState> started = scorer_.Start(entry.lead);
      if (!started.ok()) return fail(started.status());
      entry.state = *std::move(started);
      entry.has_state = true;
    }
    absl::StatusOr<ApplyResult> r = scorer_.Apply(entry.lead, e.event, e.position, entry.state);
    if (absl::IsOutOfRange(r.status()) && options_.rebuild_late) {
      // The rebuild reads the lead's stored history: wait for the batch in
      // flight, which may hold some of it.
      if (absl::Status s = Settle(committed); !s.ok()) return s;
      std::vector<Transition> ts;
      absl::StatusOr<LateOutcome> rebuilt = RebuildWithLate(&entry, e, batch->history, &ts);
      if (!rebuilt.ok()) return fail(rebuilt.status());
      if (*rebuilt == LateOutcome::kDuplicate) {
        ++result.stats.already_applied;
        continue;
      }
      if (*rebuilt == LateOutcome::kRebuilt) {
        ++result.stats.applied;
        ++result.stats.late_rebuilt;
        mark_dirty(entry);
        if (!e.json.empty()) batch->history.push_back({e.event.lead_id, e.event.at, e.json});
        for (Transition& t : ts) {
          batch->outbox.push_back(ToOutbox(t));
          result.transitions.push_back(std::move(t));
        }
        continue;
      }
    }
    if (!r.ok()) {
      if (absl::IsOutOfRange(r.status())) {
        ++result.stats.too_late;
      } else {
        ++result.stats.refused;
      }
      result.problems.push_back(absl::StrCat("offset ", e.position.offset, " of ",
                                             e.position.source, ": ", r.status().message()));
      continue;
    }
    switch (r->outcome) {
      case ApplyResult::Outcome::kApplied:
      case ApplyResult::Outcome::kReordered:
        ++result.stats.applied;
        mark_dirty(entry);
        if (!e.json.empty()) batch->history.push_back({e.event.lead_id, e.event.at, e.json});
        break;
      case ApplyResult::Outcome::kDuplicate:
      case ApplyResult::Outcome::kAlreadyApplied:
        ++result.stats.already_applied;
        break;
    }
    for (Transition& t : r->transitions) {
      batch->outbox.push_back(ToOutbox(t));
      result.transitions.push_back(std::move(t));
    }
  }
  WriteStates(&dirty_, [&](const Entry& e) { return SerializeLeadState(scorer_, e.state); },
              batch);
  // The cache is ahead of the store from here until the commit: so are the
  // positions (a failed commit drops both).
  for (const SourcePosition& p : batch->positions) positions_[p.source] = p.offset;
  return absl::OkStatus();
}

absl::StatusOr<LiveBatchResult> LiveScorer::ApplyBatch(absl::Span<const LiveEvent> events) {
  if (absl::Status s = CheckIdle("ApplyBatch"); !s.ok()) return s;
  LiveBatchResult result;
  StoreBatch& batch = batch_;
  ClearBatch(&batch);
  absl::Status s = ApplyInMemory(events, &batch, &result, nullptr);
  if (s.ok()) s = store_->Commit(batch);
  ClearBatch(&batch);
  if (!s.ok()) {
    DropCache();  // memory is ahead of the store now
    return s;
  }
  if (cache_.size() + absent_.size() > options_.max_cached_leads) DropCache();
  return result;
}

absl::Status LiveScorer::Submit(absl::Span<const LiveEvent> events,
                                std::vector<LiveBatchResult>* committed) {
  if (worker_ == nullptr) worker_ = std::make_unique<internal::CommitWorker>(store_);
  LiveBatchResult result;
  StoreBatch& batch = batch_;
  ClearBatch(&batch);
  // Overlaps the commit of the batch in flight (unless a store read here
  // had to wait for it).
  const absl::Status applied = ApplyInMemory(events, &batch, &result, committed);
  // The batch in flight must be committed before this one is handed over
  // (and before this call reports anything).
  const absl::Status previous = Settle(committed);
  if (!previous.ok() || !applied.ok()) {
    ClearBatch(&batch);
    DropCache();
    return previous.ok() ? applied : previous;
  }
  worker_->Start(&batch);  // batch_ receives the buffers of the batch just committed
  in_flight_ = std::move(result);
  // Evicting now is safe: a lead read back later waits for this commit.
  if (cache_.size() + absent_.size() > options_.max_cached_leads) DropCache();
  return absl::OkStatus();
}

absl::Status LiveScorer::Flush(std::vector<LiveBatchResult>* committed) {
  return Settle(committed);
}

absl::StatusOr<LiveBatchResult> LiveScorer::UpsertLeads(absl::Span<const LiveLead> leads,
                                                        absl::Time at) {
  if (absl::Status s = CheckIdle("UpsertLeads"); !s.ok()) return s;
  LiveBatchResult result;
  std::vector<std::string> ids;
  for (const LiveLead& l : leads) {
    if (absl::Status s = scorer_.CheckLead(l.lead); !s.ok()) return s;
    ids.push_back(l.lead.id);
  }
  if (absl::Status s = LoadMissing(std::move(ids)); !s.ok()) return s;
  StoreBatch batch;
  dirty_.clear();
  ++batch_serial_;
  const auto fail = [&](absl::Status s) {
    DropCache();
    return s;
  };
  for (const LiveLead& l : leads) {
    auto it = cache_.find(l.lead.id);
    if (it == cache_.end()) {
      auto entry = std::make_unique<Entry>();
      entry->lead = l.lead;
      entry->lead_json = l.json;
      batch.leads.push_back({l.lead.id, l.json});
      absent_.erase(l.lead.id);
      cache_[l.lead.id] = std::move(entry);
      ++result.stats.leads_added;
      continue;
    }
    Entry& entry = *it->second;
    if (entry.lead_json == l.json) {
      ++result.stats.leads_unchanged;
      continue;
    }
    batch.leads.push_back({l.lead.id, l.json});
    entry.lead = l.lead;
    entry.lead_json = l.json;
    ++result.stats.leads_updated;
    if (!entry.has_state) continue;
    absl::StatusOr<std::vector<Transition>> moved = scorer_.UpdateLead(entry.lead, entry.state, at);
    if (absl::IsFailedPrecondition(moved.status())) {
      // An attribute event rules read: which past events count may change.
      std::vector<HistoryEntry> history;
      if (absl::Status s = store_->GetHistory(l.lead.id, &history); !s.ok()) return fail(s);
      if (history.size() < entry.state.event_count()) {
        return fail(absl::FailedPreconditionError(absl::StrCat(
            "lead '", l.lead.id, "' changed an attribute that event rules read, and the store "
            "does not hold its whole history to rebuild it (", history.size(), " of ",
            entry.state.event_count(), " events): rescore it from its full history")));
      }
      std::vector<Event> events;
      if (absl::Status s = ParseHistory(history, l.lead.id, &events); !s.ok()) return fail(s);
      absl::StatusOr<std::optional<std::string>> seen = scorer_.StageSeen(entry.state);
      if (!seen.ok()) return fail(seen.status());
      absl::StatusOr<LeadState> rebuilt =
          scorer_.Rebuild(entry.lead, events, nullptr, entry.state.source_marks());
      if (!rebuilt.ok()) return fail(rebuilt.status());
      entry.state = *std::move(rebuilt);
      ++result.stats.leads_rebuilt;
      std::vector<Transition> one;
      if (seen->has_value()) {
        absl::StatusOr<Transition> t = scorer_.ContinueChain(
            entry.lead, **seen, entry.state, std::max(at, entry.state.last_event_time()),
            TransitionCause::kLead);
        if (!t.ok()) return fail(t.status());
        if (!t->to.empty()) one.push_back(*std::move(t));
      }
      moved = std::move(one);
    }
    if (!moved.ok()) return fail(moved.status());
    if (entry.dirty_serial != batch_serial_) {
      entry.dirty_serial = batch_serial_;
      dirty_.push_back(&entry);
    }
    for (Transition& t : *moved) {
      batch.outbox.push_back(ToOutbox(t));
      result.transitions.push_back(std::move(t));
    }
  }
  WriteStates(&dirty_, [&](const Entry& e) { return SerializeLeadState(scorer_, e.state); },
              &batch);
  if (absl::Status s = store_->Commit(batch); !s.ok()) return fail(s);
  return result;
}

absl::StatusOr<RescoreSummary> Rescore(StateStore* store, std::shared_ptr<const Model> old_model,
                                       std::shared_ptr<const Model> new_model,
                                       const LiveOptions& options) {
  if (store == nullptr || new_model == nullptr) {
    return absl::InvalidArgumentError("Rescore needs a store and a new model");
  }
  const Scorer next(new_model, options.scorer);
  std::optional<Scorer> previous;
  if (old_model != nullptr) {
    absl::StatusOr<std::optional<std::string>> fp = store->GetMeta(kStoreModelFingerprintKey);
    if (!fp.ok()) return fp.status();
    if (fp->has_value() && **fp != FingerprintText(*old_model)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "--old-model '", old_model->name(), "' version '", old_model->version(),
          "' is not the model the store's states belong to (fingerprint ", **fp, ")"));
    }
    previous.emplace(old_model, options.scorer);
  }
  RescoreSummary summary;
  std::map<std::pair<std::string, std::string>, size_t> moves;
  StoreBatch batch;
  const auto flush = [&]() -> absl::Status {
    if (batch.states.empty() && batch.outbox.empty()) return absl::OkStatus();
    absl::Status s = store->Commit(batch);
    batch = StoreBatch();
    return s;
  };
  // States are rewritten in place, so the pass visits each lead once; the
  // meta changes at the end. A rescore interrupted half-way is re-run: leads
  // already moved carry over to themselves (equal fingerprints).
  absl::Status status = store->ForEachLead(
      [&](const LeadRecord& record, const std::optional<std::string>& bytes) -> absl::Status {
        ++summary.leads;
        if (!bytes) {
          ++summary.started;
          return absl::OkStatus();
        }
        absl::StatusOr<Lead> lead = ParseLeadJson(record.payload);
        if (!lead.ok()) return lead.status();
        absl::StatusOr<LeadStateInfo> info = ReadLeadStateInfo(*bytes);
        if (!info.ok()) return info.status();
        if (info->model_fingerprint == new_model->fingerprint()) return absl::OkStatus();
        std::optional<std::string> seen;
        LeadState state;
        bool done = false;
        if (previous) {
          absl::StatusOr<LeadState> old_state = DeserializeLeadState(*previous, *bytes);
          if (!old_state.ok()) return old_state.status();
          absl::StatusOr<std::optional<std::string>> s = previous->StageSeen(*old_state);
          if (!s.ok()) return s.status();
          seen = *s;
          absl::StatusOr<LeadState> carried = next.CarryOver(*previous, *old_state);
          if (carried.ok()) {
            state = *std::move(carried);
            ++summary.carried_over;
            done = true;
          }
        }
        if (!done) {
          std::vector<HistoryEntry> history;
          if (absl::Status s = store->GetHistory(record.lead_id, &history); !s.ok()) return s;
          if (history.size() < info->event_count) {
            return absl::FailedPreconditionError(absl::StrCat(
                "lead '", record.lead_id, "' cannot be rebuilt under the new model: the store "
                "holds ", history.size(), " of its ", info->event_count, " events (keep "
                "history without retention, or rescore from the full event files)"));
          }
          std::vector<Event> events;
          if (absl::Status s = ParseHistory(history, record.lead_id, &events); !s.ok()) {
            return s;
          }
          absl::StatusOr<LeadState> rebuilt = next.Rebuild(*lead, events, nullptr, info->sources);
          if (!rebuilt.ok()) return rebuilt.status();
          state = *std::move(rebuilt);
          ++summary.rebuilt;
        }
        absl::StatusOr<std::optional<std::string>> now = next.StageSeen(state);
        if (!now.ok()) return now.status();
        if (seen && now->has_value()) {
          ++moves[{*seen, **now}];
          absl::StatusOr<Transition> t =
              next.ContinueChain(*lead, *seen, state,
                                 info->last_event_time.value_or(absl::UnixEpoch()),
                                 TransitionCause::kModel);
          if (!t.ok()) return t.status();
          if (!t->to.empty()) {
            batch.outbox.push_back(ToOutbox(*t));
            summary.transitions.push_back(*std::move(t));
          }
        }
        batch.states.push_back({record.lead_id, SerializeLeadState(next, state)});
        if (batch.states.size() >= 1000) return flush();
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  if (absl::Status s = flush(); !s.ok()) return s;
  if (absl::Status s = store->SetMeta(kStoreModelFingerprintKey, FingerprintText(*new_model));
      !s.ok()) {
    return s;
  }
  if (absl::Status s = store->SetMeta(kStoreModelNameKey, absl::StrCat(new_model->name(), " ",
                                                                      new_model->version()));
      !s.ok()) {
    return s;
  }
  for (auto& [k, n] : moves) summary.moves.push_back({k, n});
  return summary;
}

}  // namespace leadscore
