// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BatchScorer: its leads and reduced events live in a BatchImpl behind one
// pointer (so shards point at storage that moving the batch does not move).
// Scoring buckets the events by lead and replays each lead through the one
// replay path (engine/replay.h).

#include "leadscore/batch.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine/engine.h"
#include "engine/replay.h"
#include "leadscore/scorer.h"
#include "leadscore/time.h"
#include "model/model_access.h"
#include "scoring/series.h"
#include "scoring/transition_chain.h"
#include "util/secure_zero.h"

namespace leadscore {
namespace internal {

// An event reduced to 40 bytes; its id and matched rules live in arenas.
struct BatchItem {
  int64_t at;
  uint32_t lead;
  uint32_t seq;           // arrival position
  uint32_t id_offset;     // in BatchEventStore::ids
  uint32_t id_size;       // kNoId: the event has no id
  uint32_t rules_offset;  // in BatchEventStore::rules
  uint32_t rule_count;
  int32_t type;
};
constexpr uint32_t kNoId = 0xFFFFFFFF;

// Reduced events and what AddEvent counted, for the batch or one shard.
struct BatchEventStore {
  std::vector<BatchItem> items;
  std::string ids;              // event ids, back to back
  std::vector<uint32_t> rules;  // matched rules, back to back
  absl::flat_hash_set<std::string> unknown_ids;
  size_t unknown_events = 0;
  size_t after_as_of = 0;
  uint64_t seq = 0;                    // arrival positions handed out
  std::vector<uint32_t> scratch_rules;  // AddTo's, reused event after event
};

// The order keys and engine step of a BatchItem, read through the arenas.
struct BatchItemTraits {
  const BatchEventStore* store;
  int64_t at(const BatchItem& e) const { return e.at; }
  bool has_id(const BatchItem& e) const { return e.id_size != kNoId; }
  absl::string_view id(const BatchItem& e) const {
    return absl::string_view(store->ids.data() + e.id_offset, e.id_size);
  }
  uint64_t seq(const BatchItem& e) const { return e.seq; }
  EventStep step(const BatchItem& e) const {
    return {e.at, e.type, store->rules.data() + e.rules_offset, e.rule_count};
  }
};

class BatchImpl {
 public:
  BatchImpl(std::shared_ptr<const Model> model, absl::Time as_of, int64_t as_of_ns)
      : scorer_(std::move(model)), as_of_(as_of), as_of_ns_(as_of_ns) {}

  const Scorer& scorer() const { return scorer_; }
  absl::Time as_of() const { return as_of_; }
  absl::Status AddLead(Lead lead);
  absl::Status EraseLead(absl::string_view lead_id);
  absl::Status AddEvent(const Event& event) { return AddTo(event, &events_); }
  // AddEvent into `store`; reads the leads only, so shards may call it on
  // several threads at once.
  absl::Status AddTo(const Event& event, BatchEventStore* store) const;
  absl::Status MergeEventShard(BatchEventStore* from);
  // Scores every lead; `transitions`: whether each lead's transitions are
  // found (else `sink` gets an empty span).
  absl::StatusOr<BatchStats> ScoreSeries(const SeriesOptions& options,
                                         absl::Span<const absl::Time> as_ofs,
                                         absl::FunctionRef<void(const Scorecard&)> sink);
  BatchStats Score(
      const BatchOptions& options, bool transitions,
      absl::FunctionRef<void(const Scorecard&, absl::Span<const Transition>)> sink);

  size_t lead_count() const { return leads_.size() - erased_count_; }
  const BatchEventStore& events() const { return events_; }
  BatchEventStore& mutable_events() { return events_; }
  std::vector<std::string> unknown_lead_ids() const;

 private:
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
  BatchEventStore events_;
};

absl::Status BatchImpl::AddLead(Lead lead) {
  if (absl::Status s = scorer_.CheckLead(lead); !s.ok()) return s;
  const auto [it, inserted] =
      index_.try_emplace(lead.id, static_cast<uint32_t>(leads_.size()));
  if (!inserted) {
    return absl::AlreadyExistsError(absl::StrCat("duplicate lead id '", lead.id, "'"));
  }
  // Keep only what the model can read: scorecards never show attributes, and
  // a population's memory is mostly attribute values.
  const auto& names = CompiledOf(scorer_.model()).attribute_names;
  if (absl::erase_if(lead.attributes,
                     [&](const auto& kv) { return !names.contains(kv.first); }) > 0) {
    lead.attributes.rehash(0);  // give the room back
  }
  leads_.push_back(std::move(lead));
  erased_.push_back(0);
  return absl::OkStatus();
}

absl::Status BatchImpl::EraseLead(absl::string_view lead_id) {
  auto it = index_.find(lead_id);
  if (it == index_.end()) {
    return absl::NotFoundError("no lead with that id to erase");  // the id is not echoed
  }
  const uint32_t li = it->second;
  index_.erase(it);
  // flat_hash_set keys cannot be wiped in place; drop the id if events named
  // it before the lead was added.
  events_.unknown_ids.erase(std::string(lead_id));
  Lead& lead = leads_[li];
  for (auto& [key, value] : lead.attributes) {
    value.Wipe();
    // The map is destroyed right after, so its keys may be scribbled on.
    SecureWipe(const_cast<std::string*>(&key));
  }
  lead.attributes = Attributes();
  SecureWipe(&lead.id);
  if (lead.stage) internal::SecureWipe(&*lead.stage);
  lead = Lead();
  erased_[li] = 1;
  ++erased_count_;
  std::vector<BatchItem>& items = events_.items;
  size_t kept = 0;
  for (BatchItem& e : items) {
    if (e.lead == li) {
      if (e.id_size != kNoId) {
        SecureZero(&events_.ids[e.id_offset], e.id_size);
      }
      continue;
    }
    items[kept++] = e;
  }
  SecureZero(items.data() + kept, (items.size() - kept) * sizeof(BatchItem));
  items.resize(kept);
  return absl::OkStatus();
}

absl::Status BatchImpl::AddTo(const Event& event, BatchEventStore* store) const {
  std::vector<uint32_t>* scratch_rules = &store->scratch_rules;
  absl::StatusOr<int64_t> at = ToEngineNanos(event.at);
  if (!at.ok()) return at.status();
  if (store->seq == std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("a batch holds at most 2^32 - 1 events");
  }
  const uint32_t seq = static_cast<uint32_t>(store->seq++);
  auto it = index_.find(event.lead_id);
  if (it == index_.end()) {
    ++store->unknown_events;
    store->unknown_ids.insert(event.lead_id);
    return absl::OkStatus();
  }
  if (*at > as_of_ns_) {
    ++store->after_as_of;
    return absl::OkStatus();
  }
  scratch_rules->clear();
  const int type = MatchRules(CompiledOf(scorer_.model()), leads_[it->second],
                                        event, scratch_rules);
  const size_t id_size = event.id ? event.id->size() : 0;
  if (store->ids.size() + id_size > std::numeric_limits<uint32_t>::max() ||
      store->rules.size() + scratch_rules->size() > std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("a batch holds at most 4 GiB of event ids");
  }
  BatchItem item;
  item.at = *at;
  item.lead = it->second;
  item.seq = seq;
  item.id_offset = static_cast<uint32_t>(store->ids.size());
  item.id_size = event.id ? static_cast<uint32_t>(id_size) : kNoId;
  if (event.id) store->ids.append(*event.id);
  item.rules_offset = static_cast<uint32_t>(store->rules.size());
  item.rule_count = static_cast<uint32_t>(scratch_rules->size());
  store->rules.insert(store->rules.end(), scratch_rules->begin(), scratch_rules->end());
  item.type = type;
  store->items.push_back(item);
  return absl::OkStatus();
}

absl::Status BatchImpl::MergeEventShard(BatchEventStore* shard) {
  BatchEventStore& from = *shard;
  BatchEventStore& to = events_;
  constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
  if (to.seq + from.seq > kMax) {
    return absl::ResourceExhaustedError("a batch holds at most 2^32 - 1 events");
  }
  if (to.ids.size() + from.ids.size() > kMax || to.rules.size() + from.rules.size() > kMax) {
    return absl::ResourceExhaustedError("a batch holds at most 4 GiB of event ids");
  }
  const uint32_t seq0 = static_cast<uint32_t>(to.seq);
  const uint32_t ids0 = static_cast<uint32_t>(to.ids.size());
  const uint32_t rules0 = static_cast<uint32_t>(to.rules.size());
  // Events of leads erased since the shard was filled are dropped, their ids
  // wiped, as EraseLead does for the batch's own events.
  const bool any_erased = erased_count_ > 0;
  if (!any_erased && to.items.empty() && to.ids.empty() && to.rules.empty() &&
      to.items.capacity() < from.items.size()) {
    // Nothing to append to: take the shard's arrays rather than copy them.
    for (BatchItem& e : from.items) e.seq += seq0;
    to.items.swap(from.items);
    to.ids.swap(from.ids);
    to.rules.swap(from.rules);
  } else {
    to.items.reserve(to.items.size() + from.items.size());
    for (BatchItem e : from.items) {
      if (any_erased && erased_[e.lead]) continue;
      e.seq += seq0;
      e.id_offset += ids0;
      e.rules_offset += rules0;
      to.items.push_back(e);
    }
    to.ids.append(from.ids);
    to.rules.insert(to.rules.end(), from.rules.begin(), from.rules.end());
  }
  if (to.unknown_ids.empty()) {
    to.unknown_ids.swap(from.unknown_ids);
  } else {
    for (const std::string& id : from.unknown_ids) to.unknown_ids.insert(id);
  }
  to.unknown_events += from.unknown_events;
  to.after_as_of += from.after_as_of;
  to.seq += from.seq;
  if (any_erased) internal::SecureZero(from.ids.data(), from.ids.size());
  // Leave the shard empty, its memory given back.
  from = BatchEventStore();
  return absl::OkStatus();
}

std::vector<std::string> BatchImpl::unknown_lead_ids() const {
  std::vector<std::string> ids(events_.unknown_ids.begin(), events_.unknown_ids.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<size_t> BatchImpl::BucketByLead() {
  // Counting sort in place (cycle following), so no second array of events
  // is touched; each lead's events are sorted later by whoever scores it.
  std::vector<BatchItem>& items = events_.items;
  std::vector<size_t> begin(leads_.size() + 1, 0);
  for (const BatchItem& e : items) ++begin[e.lead + 1];
  for (size_t i = 0; i < leads_.size(); ++i) begin[i + 1] += begin[i];
  std::vector<size_t> next(begin.begin(), begin.end() - 1);
  for (size_t lead = 0; lead < leads_.size(); ++lead) {
    while (next[lead] < begin[lead + 1]) {
      BatchItem& e = items[next[lead]];
      if (e.lead == lead) {
        ++next[lead];
      } else {
        std::swap(e, items[next[e.lead]++]);
      }
    }
  }
  return begin;
}

namespace {

// ReplayEvents, also turning the reported stage at each classification
// moment, then at as_of, into `out` (cleared first): what Scorer::Apply in
// event order and then Scorer::Advance(as_of) report, through the same
// TransitionChain. Returns the duplicates dropped.
size_t ReplayWithTransitions(const CompiledModel& m, const Lead& lead,
                             absl::Span<BatchItem> events, const BatchItemTraits& traits,
                             int64_t as_of, SeenIds* seen, CoreState* core,
                             std::vector<Transition>* out) {
  out->clear();
  int anchor = FirstReportedCode(m);
  TransitionChain chain(m, lead, &anchor, out);
  MomentStage moment;
  MomentStage* const want = m.lifecycle ? &moment : nullptr;
  const size_t dropped =
      ForEachKeptEvent(events, traits, as_of, seen, [&](const BatchItem& e) {
        StepCore(m, lead, traits.step(e), core, want);
        chain.SeeRecycles(moment.recycled_before);
        chain.See(moment.reported, moment.threshold, e.at, TransitionCause::kEvent,
                  traits.has_id(e) ? std::optional<absl::string_view>(traits.id(e))
                                   : std::nullopt,
                  moment.recycle);
      });
  std::vector<TimeMoment> recycles;
  const int reported = ReportedAt(m, lead, *core, as_of, &recycles);
  chain.SeeRecycles(recycles);
  chain.See(reported, -1, as_of, TransitionCause::kTime, std::nullopt);
  return dropped;
}

// What one scoring thread reuses lead after lead.
struct Worker {
  CoreState core;
  SeenIds seen_ids;
  size_t dropped = 0;
};

// Runs `run(t)` on threads 1..n-1 and guarantees they are joined before it
// goes, whatever happens: the owner's `stop` (called first) must make every
// worker return soon. std::thread must never be destroyed joinable (that
// terminates the process), so nothing may leave Score without this.
class WorkerPool {
 public:
  template <typename Stop>
  explicit WorkerPool(Stop stop) : stop_(std::move(stop)) {}
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() { JoinAll(); }

  // Starts `run` on a new thread (may throw std::system_error; threads
  // started so far are still joined).
  template <typename Run>
  void Start(Run run) {
    threads_.emplace_back(std::move(run));
  }
  void JoinAll() {
    if (threads_.empty()) return;
    stop_();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

 private:
  std::function<void()> stop_;
  std::vector<std::thread> threads_;
};

}  // namespace

BatchStats BatchImpl::Score(
    const BatchOptions& options, bool transitions,
    absl::FunctionRef<void(const Scorecard&, absl::Span<const Transition>)> sink) {
  const std::vector<size_t> begin = BucketByLead();
  const CompiledModel& m = CompiledOf(scorer_.model());
  std::vector<BatchItem>& items = events_.items;
  const BatchItemTraits traits{&events_};

  // `out`: null when no transitions are asked for (the replay then takes no
  // snapshot it does not need).
  auto score_one = [&](size_t i, Worker* w, Scorecard* card, std::vector<Transition>* out) {
    InitCore(m, leads_[i], &w->core);
    const absl::Span<BatchItem> events =
        absl::MakeSpan(items.data() + begin[i], begin[i + 1] - begin[i]);
    if (out == nullptr) {
      w->dropped +=
          ReplayEvents(m, leads_[i], events, traits, as_of_ns_, &w->seen_ids, &w->core);
    } else {
      w->dropped += ReplayWithTransitions(m, leads_[i], events, traits, as_of_ns_,
                                          &w->seen_ids, &w->core, out);
    }
    ReadCore(m, leads_[i], w->core, as_of_ns_, options.explain, card);
  };

  BatchStats stats;
  const size_t n = leads_.size();
  // Blocks small enough to share the work out evenly, large enough that
  // handing them over costs nothing; no more threads than blocks.
  const size_t requested = static_cast<size_t>(std::max(1, options.threads));
  const size_t block = std::clamp<size_t>(n / (requested * 64), 16, 1024);
  const size_t blocks = (n + block - 1) / block;
  const int threads = static_cast<int>(std::max<size_t>(1, std::min(requested, blocks)));
  std::vector<Worker> workers(threads);
  if (threads == 1) {
    Scorecard card;
    std::vector<Transition> found;
    std::vector<Transition>* const out = transitions ? &found : nullptr;
    for (size_t i = 0; i < n; ++i) {
      if (erased_[i]) continue;
      score_one(i, &workers[0], &card, out);
      sink(card, found);
      ++stats.leads_scored;
    }
  } else {
    // Blocks of leads are claimed in order by whichever thread is free (the
    // calling thread too), so a slow block does not hold the others up. The
    // calling thread hands finished blocks to the sink in order, preferring
    // that to scoring; at most `window` blocks are scored ahead of the sink.
    //
    // Exceptions: a worker that throws (std::bad_alloc) records it and sets
    // `stop`; the calling thread sees it, stops, and rethrows it once every
    // worker is joined. If the sink (or the calling thread's own scoring)
    // throws, the pool's destructor sets `stop` and joins before the
    // exception leaves.
    const size_t window = 4 * static_cast<size_t>(threads);
    struct Slot {
      std::vector<Scorecard> cards;
      std::vector<std::vector<Transition>> transitions;  // when asked for
      bool done = false;
    };
    std::vector<Slot> slots(window);
    std::mutex mu;
    std::condition_variable block_done, room;  // for the caller; for workers
    size_t next_claim = 0, next_emit = 0;
    bool stop = false;
    std::exception_ptr worker_error;
    auto score_block = [&](size_t b, Worker* w) {
      Slot& slot = slots[b % window];
      const size_t start = b * block, end = std::min(n, start + block);
      slot.cards.resize(end - start);
      if (transitions) slot.transitions.resize(end - start);
      for (size_t i = start; i < end; ++i) {
        if (!erased_[i]) {
          score_one(i, w, &slot.cards[i - start],
                    transitions ? &slot.transitions[i - start] : nullptr);
        }
      }
    };
    auto worker_loop = [&](Worker* w) {
      std::unique_lock<std::mutex> lock(mu);
      try {
        while (true) {
          room.wait(lock, [&] {
            return stop || next_claim >= blocks || next_claim < next_emit + window;
          });
          if (stop || next_claim >= blocks) return;
          const size_t b = next_claim++;
          lock.unlock();
          score_block(b, w);
          lock.lock();
          slots[b % window].done = true;
          block_done.notify_one();
        }
      } catch (...) {
        if (!lock.owns_lock()) lock.lock();
        if (!worker_error) worker_error = std::current_exception();
        stop = true;
        block_done.notify_one();
        room.notify_all();
      }
    };
    WorkerPool pool([&] {
      std::lock_guard<std::mutex> lock(mu);
      stop = true;
      room.notify_all();
    });
    for (int t = 1; t < threads; ++t) {
      pool.Start([&worker_loop, w = &workers[t]] { worker_loop(w); });
    }
    std::unique_lock<std::mutex> lock(mu);
    while (next_emit < blocks && !worker_error) {
      Slot& slot = slots[next_emit % window];
      if (slot.done) {
        lock.unlock();
        const size_t start = next_emit * block;
        for (size_t i = 0; i < slot.cards.size(); ++i) {
          if (erased_[start + i]) continue;
          if (transitions) {
            sink(slot.cards[i], slot.transitions[i]);
          } else {
            sink(slot.cards[i], {});
          }
          ++stats.leads_scored;
        }
        lock.lock();
        slot.done = false;
        ++next_emit;
        room.notify_all();
      } else if (next_claim < blocks && next_claim < next_emit + window) {
        const size_t b = next_claim++;
        lock.unlock();
        score_block(b, &workers[0]);
        lock.lock();
        slots[b % window].done = true;
      } else {
        block_done.wait(lock);
      }
    }
    lock.unlock();
    pool.JoinAll();
    if (worker_error) std::rethrow_exception(worker_error);
  }
  for (const Worker& w : workers) stats.duplicates_dropped += w.dropped;
  return stats;
}

absl::StatusOr<BatchStats> BatchImpl::ScoreSeries(
    const SeriesOptions& options, absl::Span<const absl::Time> as_ofs,
    absl::FunctionRef<void(const Scorecard&)> sink) {
  absl::StatusOr<SeriesPlan> plan = PlanSeries(as_ofs, options);
  if (!plan.ok()) return plan.status();
  if (as_ofs.back() > as_of_) {
    // Events after the batch's as_of were never kept.
    return absl::InvalidArgumentError(absl::StrCat(
        "the series ends at ", FormatTimestamp(as_ofs.back()), ", after the batch's as_of ",
        FormatTimestamp(as_of_), " (create the batch as of the series' last time)"));
  }
  const std::vector<size_t> begin = BucketByLead();
  const CompiledModel& m = CompiledOf(scorer_.model());
  std::vector<BatchItem>& items = events_.items;
  const BatchItemTraits traits{&events_};
  Worker w;
  std::vector<Scorecard> read;
  BatchStats stats;
  for (size_t i = 0; i < leads_.size(); ++i) {
    if (erased_[i]) continue;
    InitCore(m, leads_[i], &w.core);
    const absl::Span<BatchItem> events =
        absl::MakeSpan(items.data() + begin[i], begin[i + 1] - begin[i]);
    w.dropped += ReplaySeries(m, leads_[i], events, traits, *plan, &w.seen_ids, &w.core, &read);
    for (size_t k = 0; k < as_ofs.size(); ++k) sink(SeriesCard(*plan, read, k));
    ++stats.leads_scored;
  }
  stats.duplicates_dropped = w.dropped;
  return stats;
}

}  // namespace internal

// BatchScorer: the public face, forwarding to its BatchImpl.

absl::StatusOr<BatchScorer> BatchScorer::Create(std::shared_ptr<const Model> model,
                                                absl::Time as_of) {
  if (model == nullptr) return absl::InvalidArgumentError("BatchScorer needs a model (got null)");
  absl::StatusOr<int64_t> t = ToEngineNanos(as_of);
  if (!t.ok()) return t.status();
  return BatchScorer(std::make_unique<internal::BatchImpl>(std::move(model), as_of, *t));
}

BatchScorer::BatchScorer(std::unique_ptr<internal::BatchImpl> impl) : impl_(std::move(impl)) {}
BatchScorer::BatchScorer(BatchScorer&& other) noexcept = default;
BatchScorer& BatchScorer::operator=(BatchScorer&& other) noexcept = default;
BatchScorer::~BatchScorer() = default;

const Model& BatchScorer::model() const { return impl_->scorer().model(); }
absl::Time BatchScorer::as_of() const { return impl_->as_of(); }
absl::Status BatchScorer::AddLead(Lead lead) { return impl_->AddLead(std::move(lead)); }
absl::Status BatchScorer::AddEvent(const Event& event) { return impl_->AddEvent(event); }
void BatchScorer::ReserveEvents(size_t n) {
  std::vector<internal::BatchItem>& items = impl_->mutable_events().items;
  items.reserve(items.size() + n);
}
absl::Status BatchScorer::EraseLead(absl::string_view lead_id) {
  return impl_->EraseLead(lead_id);
}
size_t BatchScorer::lead_count() const { return impl_->lead_count(); }
size_t BatchScorer::event_count() const { return impl_->events().items.size(); }
size_t BatchScorer::events_after_as_of() const { return impl_->events().after_as_of; }
size_t BatchScorer::unknown_lead_events() const { return impl_->events().unknown_events; }
std::vector<std::string> BatchScorer::unknown_lead_ids() const {
  return impl_->unknown_lead_ids();
}
BatchStats BatchScorer::Score(const BatchOptions& options,
                              absl::FunctionRef<void(const Scorecard&)> sink) {
  return impl_->Score(options, /*transitions=*/false,
                      [&](const Scorecard& card, absl::Span<const Transition>) { sink(card); });
}
BatchStats BatchScorer::ScoreWithTransitions(
    const BatchOptions& options,
    absl::FunctionRef<void(const Scorecard&, absl::Span<const Transition>)> sink) {
  return impl_->Score(options, /*transitions=*/true, sink);
}

absl::StatusOr<BatchStats> BatchScorer::ScoreSeries(
    const SeriesOptions& options, absl::Span<const absl::Time> as_ofs,
    absl::FunctionRef<void(const Scorecard&)> sink) {
  return impl_->ScoreSeries(options, as_ofs, sink);
}

BatchScorer::EventShard BatchScorer::NewEventShard() const {
  return EventShard(impl_.get());
}

absl::Status BatchScorer::MergeEventShard(EventShard&& shard) {
  if (shard.batch_ != impl_.get() || shard.store_ == nullptr) {
    return absl::InvalidArgumentError("the event shard was made by another batch");
  }
  return impl_->MergeEventShard(shard.store_.get());
}

BatchScorer::EventShard::EventShard(const internal::BatchImpl* batch)
    : batch_(batch), store_(std::make_unique<internal::BatchEventStore>()) {}
BatchScorer::EventShard::EventShard(EventShard&& other) noexcept = default;
BatchScorer::EventShard& BatchScorer::EventShard::operator=(EventShard&& other) noexcept =
    default;
BatchScorer::EventShard::~EventShard() = default;

absl::Status BatchScorer::EventShard::AddEvent(const Event& event) {
  return batch_->AddTo(event, store_.get());
}
void BatchScorer::EventShard::ReserveEvents(size_t n) {
  store_->items.reserve(store_->items.size() + n);
}
size_t BatchScorer::EventShard::event_count() const { return store_->items.size(); }

}  // namespace leadscore
