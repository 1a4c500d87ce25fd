// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/batch.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine/engine.h"
#include "leadscore/internal/secure_zero.h"
#include "leadscore/time.h"

namespace leadscore {

absl::StatusOr<BatchScorer> BatchScorer::Create(Scorer scorer, absl::Time as_of) {
  absl::StatusOr<int64_t> t = ToEngineNanos(as_of);
  if (!t.ok()) return t.status();
  return BatchScorer(std::move(scorer), as_of, *t);
}

absl::Status BatchScorer::AddLead(Lead lead) {
  if (absl::Status s = scorer_.CheckLead(lead); !s.ok()) return s;
  const auto [it, inserted] =
      index_.try_emplace(lead.id, static_cast<uint32_t>(leads_.size()));
  if (!inserted) {
    return absl::AlreadyExistsError(absl::StrCat("duplicate lead id '", lead.id, "'"));
  }
  // Keep only what the model can read: scorecards never show attributes, and
  // a population's memory is mostly attribute values.
  const auto& names = scorer_.model().compiled().attribute_names;
  if (absl::erase_if(lead.attributes,
                     [&](const auto& kv) { return !names.contains(kv.first); }) > 0) {
    lead.attributes.rehash(0);  // give the room back
  }
  leads_.push_back(std::move(lead));
  erased_.push_back(0);
  return absl::OkStatus();
}

absl::Status BatchScorer::EraseLead(absl::string_view lead_id) {
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
    internal::SecureWipe(const_cast<std::string*>(&key));
  }
  lead.attributes = Attributes();
  internal::SecureWipe(&lead.id);
  if (lead.stage) internal::SecureWipe(&*lead.stage);
  lead = Lead();
  erased_[li] = 1;
  ++erased_count_;
  std::vector<Item>& items = events_.items;
  size_t kept = 0;
  for (Item& e : items) {
    if (e.lead == li) {
      if (e.id_size != kNoId) {
        internal::SecureZero(&events_.ids[e.id_offset], e.id_size);
      }
      continue;
    }
    items[kept++] = e;
  }
  internal::SecureZero(items.data() + kept, (items.size() - kept) * sizeof(Item));
  items.resize(kept);
  return absl::OkStatus();
}

absl::Status BatchScorer::AddEvent(const Event& event) {
  return AddTo(event, &events_, &scratch_rules_);
}

absl::Status BatchScorer::AddTo(const Event& event, EventStore* store,
                                std::vector<uint32_t>* scratch_rules) const {
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
  const int type = internal::MatchRules(scorer_.model().compiled(), leads_[it->second],
                                        event, scratch_rules);
  const size_t id_size = event.id ? event.id->size() : 0;
  if (store->ids.size() + id_size > std::numeric_limits<uint32_t>::max() ||
      store->rules.size() + scratch_rules->size() > std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("a batch holds at most 4 GiB of event ids");
  }
  Item item;
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

BatchScorer::EventShard BatchScorer::NewEventShard() const { return EventShard(this); }

absl::Status BatchScorer::MergeEventShard(EventShard&& shard) {
  if (shard.batch_ != this) {
    return absl::InvalidArgumentError("the event shard was made by another batch");
  }
  EventStore& from = shard.store_;
  EventStore& to = events_;
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
    for (Item& e : from.items) e.seq += seq0;
    to.items.swap(from.items);
    to.ids.swap(from.ids);
    to.rules.swap(from.rules);
  } else {
    to.items.reserve(to.items.size() + from.items.size());
    for (Item e : from.items) {
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
  from = EventStore();
  return absl::OkStatus();
}

// Event order of spec section 8: (at, no id before any id, id bytes, position).
bool BatchScorer::Before(const Item& a, const Item& b) const {
  if (a.at != b.at) return a.at < b.at;
  const bool ha = a.id_size != kNoId, hb = b.id_size != kNoId;
  if (ha != hb) return !ha;
  if (ha) {
    const int c = IdOf(a).compare(IdOf(b));
    if (c != 0) return c < 0;
  }
  return a.seq < b.seq;
}

std::vector<std::string> BatchScorer::unknown_lead_ids() const {
  std::vector<std::string> ids(events_.unknown_ids.begin(), events_.unknown_ids.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<size_t> BatchScorer::BucketByLead() {
  // Counting sort in place (cycle following), so no second array of events
  // is touched; each lead's events are sorted later by whoever scores it.
  std::vector<Item>& items = events_.items;
  std::vector<size_t> begin(leads_.size() + 1, 0);
  for (const Item& e : items) ++begin[e.lead + 1];
  for (size_t i = 0; i < leads_.size(); ++i) begin[i + 1] += begin[i];
  std::vector<size_t> next(begin.begin(), begin.end() - 1);
  for (size_t lead = 0; lead < leads_.size(); ++lead) {
    while (next[lead] < begin[lead + 1]) {
      Item& e = items[next[lead]];
      if (e.lead == lead) {
        ++next[lead];
      } else {
        std::swap(e, items[next[e.lead]++]);
      }
    }
  }
  return begin;
}

absl::Status BatchScorer::Score(const BatchOptions& options,
                                absl::FunctionRef<void(const Scorecard&)> sink,
                                size_t* duplicates) {
  const std::vector<size_t> begin = BucketByLead();
  const internal::CompiledModel& m = scorer_.model().compiled();
  std::vector<Item>& items = events_.items;

  // What one scoring thread reuses lead after lead.
  struct Worker {
    internal::CoreState core;
    absl::flat_hash_set<absl::string_view> seen_ids;
    size_t dropped = 0;
  };
  auto score_one = [&](size_t i, Worker* w, Scorecard* card) {
    internal::InitCore(m, leads_[i], &w->core);
    std::sort(items.begin() + begin[i], items.begin() + begin[i + 1],
              [this](const Item& a, const Item& b) { return Before(a, b); });
    w->seen_ids.clear();
    for (size_t k = begin[i]; k < begin[i + 1]; ++k) {
      const Item& e = items[k];
      if (e.id_size != kNoId && !w->seen_ids.insert(IdOf(e)).second) {
        ++w->dropped;
        continue;
      }
      const internal::EventStep step{e.at, e.type, events_.rules.data() + e.rules_offset,
                                     e.rule_count};
      internal::StepCore(m, leads_[i], step, &w->core, nullptr);
    }
    internal::ReadCore(m, leads_[i], w->core, as_of_ns_, options.explain, card);
  };

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
    for (size_t i = 0; i < n; ++i) {
      if (erased_[i]) continue;
      score_one(i, &workers[0], &card);
      sink(card);
    }
  } else {
    // Blocks of leads are claimed in order by whichever thread is free (the
    // calling thread too), so a slow block does not hold the others up. The
    // calling thread hands finished blocks to the sink in order, preferring
    // that to scoring; at most kWindow blocks are scored ahead of the sink.
    const size_t window = 4 * static_cast<size_t>(threads);
    struct Slot {
      std::vector<Scorecard> cards;
      bool done = false;
    };
    std::vector<Slot> slots(window);
    std::mutex mu;
    std::condition_variable block_done, room;  // for the caller; for workers
    size_t next_claim = 0, next_emit = 0;
    auto score_block = [&](size_t b, Worker* w) {
      Slot& slot = slots[b % window];
      const size_t start = b * block, end = std::min(n, start + block);
      slot.cards.resize(end - start);
      for (size_t i = start; i < end; ++i) {
        if (!erased_[i]) score_one(i, w, &slot.cards[i - start]);
      }
    };
    auto worker_loop = [&](Worker* w) {
      std::unique_lock<std::mutex> lock(mu);
      while (true) {
        room.wait(lock, [&] { return next_claim >= blocks || next_claim < next_emit + window; });
        if (next_claim >= blocks) return;
        const size_t b = next_claim++;
        lock.unlock();
        score_block(b, w);
        lock.lock();
        slots[b % window].done = true;
        block_done.notify_one();
      }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker_loop, &workers[t]);
    std::unique_lock<std::mutex> lock(mu);
    while (next_emit < blocks) {
      Slot& slot = slots[next_emit % window];
      if (slot.done) {
        lock.unlock();
        const size_t start = next_emit * block;
        for (size_t i = 0; i < slot.cards.size(); ++i) {
          if (!erased_[start + i]) sink(slot.cards[i]);
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
    for (std::thread& t : pool) t.join();
  }
  if (duplicates != nullptr) {
    *duplicates = 0;
    for (const Worker& w : workers) *duplicates += w.dropped;
  }
  return absl::OkStatus();
}

}  // namespace leadscore
