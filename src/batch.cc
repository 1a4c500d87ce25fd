// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/batch.h"

#include <algorithm>
#include <limits>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine.h"
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
  unknown_ids_.erase(std::string(lead_id));
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
  size_t kept = 0;
  for (Item& e : events_) {
    if (e.lead == li) {
      if (e.id_size != kNoId) {
        internal::SecureZero(&ids_[e.id_offset], e.id_size);
      }
      continue;
    }
    events_[kept++] = e;
  }
  internal::SecureZero(events_.data() + kept, (events_.size() - kept) * sizeof(Item));
  events_.resize(kept);
  return absl::OkStatus();
}

absl::Status BatchScorer::AddEvent(const Event& event) {
  absl::StatusOr<int64_t> at = ToEngineNanos(event.at);
  if (!at.ok()) return at.status();
  if (seq_ == std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("a batch holds at most 2^32 - 1 events");
  }
  const uint32_t seq = static_cast<uint32_t>(seq_++);
  auto it = index_.find(event.lead_id);
  if (it == index_.end()) {
    ++unknown_events_;
    unknown_ids_.insert(event.lead_id);
    return absl::OkStatus();
  }
  if (*at > as_of_ns_) {
    ++after_as_of_;
    return absl::OkStatus();
  }
  scratch_rules_.clear();
  const int type = internal::MatchRules(scorer_.model().compiled(), leads_[it->second],
                                        event, &scratch_rules_);
  const size_t id_size = event.id ? event.id->size() : 0;
  if (ids_.size() + id_size > std::numeric_limits<uint32_t>::max() ||
      rules_.size() + scratch_rules_.size() > std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("a batch holds at most 4 GiB of event ids");
  }
  Item item;
  item.at = *at;
  item.lead = it->second;
  item.seq = seq;
  item.id_offset = static_cast<uint32_t>(ids_.size());
  item.id_size = event.id ? static_cast<uint32_t>(id_size) : kNoId;
  if (event.id) ids_.append(*event.id);
  item.rules_offset = static_cast<uint32_t>(rules_.size());
  item.rule_count = static_cast<uint32_t>(scratch_rules_.size());
  rules_.insert(rules_.end(), scratch_rules_.begin(), scratch_rules_.end());
  item.type = type;
  events_.push_back(item);
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
  std::vector<std::string> ids(unknown_ids_.begin(), unknown_ids_.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

absl::Status BatchScorer::Score(const BatchOptions& options,
                                absl::FunctionRef<void(const Scorecard&)> sink,
                                size_t* duplicates) {
  // Bucket by lead (counting sort in place); each lead's events are sorted
  // by the worker that scores it.
  std::vector<size_t> begin(leads_.size() + 1, 0);
  for (const Item& e : events_) ++begin[e.lead + 1];
  for (size_t i = 0; i < leads_.size(); ++i) begin[i + 1] += begin[i];
  {
    // In place (cycle following), so no second array of events is touched.
    std::vector<size_t> next(begin.begin(), begin.end() - 1);
    for (size_t lead = 0; lead < leads_.size(); ++lead) {
      while (next[lead] < begin[lead + 1]) {
        Item& e = events_[next[lead]];
        if (e.lead == lead) {
          ++next[lead];
        } else {
          std::swap(e, events_[next[e.lead]++]);
        }
      }
    }
  }

  const internal::CompiledModel& m = scorer_.model().compiled();
  const int threads = std::max(1, options.threads);
  std::vector<size_t> dropped(threads, 0);
  // Per worker scratch, reused lead after lead.
  std::vector<internal::CoreState> cores(threads);
  std::vector<absl::flat_hash_set<absl::string_view>> seen_ids(threads);
  auto score_one = [&](size_t i, int worker, Scorecard* card) {
    internal::CoreState& core = cores[worker];
    internal::InitCore(m, leads_[i], &core);
    std::sort(events_.begin() + begin[i], events_.begin() + begin[i + 1],
              [this](const Item& a, const Item& b) { return Before(a, b); });
    absl::flat_hash_set<absl::string_view>& seen = seen_ids[worker];
    seen.clear();
    for (size_t k = begin[i]; k < begin[i + 1]; ++k) {
      const Item& e = events_[k];
      if (e.id_size != kNoId && !seen.insert(IdOf(e)).second) {
        ++dropped[worker];
        continue;
      }
      const internal::EventStep step{e.at, e.type, rules_.data() + e.rules_offset,
                                     e.rule_count};
      internal::StepCore(m, leads_[i], step, &core, nullptr);
    }
    internal::ReadCore(m, leads_[i], core, as_of_ns_, options.explain, card);
  };

  if (threads == 1) {
    Scorecard card;
    for (size_t i = 0; i < leads_.size(); ++i) {
      if (erased_[i]) continue;
      score_one(i, 0, &card);
      sink(card);
    }
  } else {
    // Score blocks of leads in parallel, emit each block in order.
    constexpr size_t kBlock = 8192;
    std::vector<Scorecard> cards;
    for (size_t start = 0; start < leads_.size(); start += kBlock) {
      const size_t end = std::min(leads_.size(), start + kBlock);
      cards.resize(end - start);
      std::vector<std::thread> pool;
      for (int w = 0; w < threads; ++w) {
        pool.emplace_back([&, w] {
          for (size_t i = start + w; i < end; i += threads) {
            if (!erased_[i]) score_one(i, w, &cards[i - start]);
          }
        });
      }
      for (auto& t : pool) t.join();
      for (size_t i = 0; i < end - start; ++i) {
        if (!erased_[start + i]) sink(cards[i]);
      }
    }
  }
  if (duplicates != nullptr) {
    *duplicates = 0;
    for (size_t d : dropped) *duplicates += d;
  }
  return absl::OkStatus();
}

}  // namespace leadscore
