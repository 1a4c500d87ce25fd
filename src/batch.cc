// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/batch.h"

#include <algorithm>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine.h"
#include "leadscore/time.h"

namespace leadscore {

absl::StatusOr<BatchScorer> BatchScorer::Create(Scorer scorer, absl::Time as_of) {
  absl::StatusOr<int64_t> t = ToEngineNanos(as_of);
  if (!t.ok()) return t.status();
  return BatchScorer(std::move(scorer), as_of, *t);
}

absl::Status BatchScorer::AddLead(Lead lead) {
  // Start() validates the host stage against the model.
  absl::StatusOr<LeadState> probe = scorer_.Start(lead);
  if (!probe.ok()) return probe.status();
  const auto [it, inserted] =
      index_.try_emplace(lead.id, static_cast<uint32_t>(leads_.size()));
  if (!inserted) {
    return absl::AlreadyExistsError(absl::StrCat("duplicate lead id '", lead.id, "'"));
  }
  leads_.push_back(std::move(lead));
  return absl::OkStatus();
}

absl::Status BatchScorer::AddEvent(const Event& event) {
  absl::StatusOr<int64_t> at = ToEngineNanos(event.at);
  if (!at.ok()) return at.status();
  const uint64_t seq = seq_++;
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
  events_.push_back({it->second, {}});
  internal::PrepareEvent(scorer_.model().compiled(), leads_[it->second], event, *at,
                         seq, &events_.back().event);
  return absl::OkStatus();
}

std::vector<std::string> BatchScorer::unknown_lead_ids() const {
  std::vector<std::string> ids(unknown_ids_.begin(), unknown_ids_.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

absl::Status BatchScorer::Score(const BatchOptions& options,
                                absl::FunctionRef<void(const Scorecard&)> sink,
                                size_t* duplicates) {
  std::sort(events_.begin(), events_.end(), [](const Item& a, const Item& b) {
    if (a.lead != b.lead) return a.lead < b.lead;
    return internal::EventBefore(a.event, b.event);
  });
  // begin[i]..begin[i+1]: lead i's events.
  std::vector<size_t> begin(leads_.size() + 1, 0);
  for (const Item& e : events_) ++begin[e.lead + 1];
  for (size_t i = 0; i < leads_.size(); ++i) begin[i + 1] += begin[i];

  const internal::CompiledModel& m = scorer_.model().compiled();
  const int threads = std::max(1, options.threads);
  std::vector<size_t> dropped(threads, 0);
  auto score_one = [&](size_t i, int worker, Scorecard* card) {
    internal::CoreState core;
    internal::InitCore(m, leads_[i], &core);
    absl::flat_hash_set<absl::string_view> seen;
    for (size_t k = begin[i]; k < begin[i + 1]; ++k) {
      const internal::PreparedEvent& e = events_[k].event;
      if (e.has_id && !seen.insert(e.id).second) {
        ++dropped[worker];
        continue;
      }
      internal::StepCore(m, leads_[i], e, &core, nullptr);
    }
    internal::ReadCore(m, leads_[i], core, as_of_ns_, options.explain, card);
  };

  if (threads == 1) {
    Scorecard card;
    for (size_t i = 0; i < leads_.size(); ++i) {
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
          for (size_t i = start + w; i < end; i += threads) score_one(i, w, &cards[i - start]);
        });
      }
      for (auto& t : pool) t.join();
      for (size_t i = 0; i < end - start; ++i) sink(cards[i]);
    }
  }
  if (duplicates != nullptr) {
    *duplicates = 0;
    for (size_t d : dropped) *duplicates += d;
  }
  return absl::OkStatus();
}

}  // namespace leadscore
