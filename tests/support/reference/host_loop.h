// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference implementation as a streaming host loop: the scorer a CRM
// developer writes by hand. The benchmark times it as the naive baseline of
// `ratio_vs_naive` (bench/engine_bench.cc); the oracle test checks that it
// gives the whole-history reference's scorecards whatever the arrival order.
//
// What it does, the obvious way:
// - leads in a std::unordered_map keyed by lead id; each keeps its kept events
//   (type string, time, property map copied) in event order and the ids it
//   has seen in a string-keyed map;
// - per event, every rule compares its `on` types as strings and walks its
//   `when` tree (operators compared as strings, string operands folded afresh);
//   caps look back over the rule's counted times;
// - with a lifecycle, at every event (a classification moment) the scores are
//   recomputed from every counted time (std::pow for decay), the grades taken
//   and every threshold evaluated, `event` leaves walking back over the
//   history; the stage held and since when are tracked;
// - an event that sorts before one already applied (or an earlier copy of a
//   kept id) is inserted in order and the lead is replayed from its first
//   event.
// One concession to sanity: attribute rules are evaluated once per lead, when
// it is added (their result cannot change; the library does the same).
//
// Limits: Score's as_of must be at or after every applied event of the lead
// (the loop keeps no way to forget events); ids are remembered forever.
// Header-only; not thread-safe.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_HOST_LOOP_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_HOST_LOOP_H_

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "support/reference/evaluate.h"
#include "support/reference/model.h"
#include "support/reference/scoring.h"

namespace reference {

class HostLoop {
 public:
  explicit HostLoop(OModel model) : model_(std::move(model)) {}

  const OModel& model() const { return model_; }
  size_t lead_count() const { return leads_.size(); }

  // Adds `lead`, or replaces the lead with its id (forgetting its events).
  void AddLead(const OLead& lead) {
    LeadRecord rec;
    rec.lead = lead;
    rec.attribute_holds = AttributeRulesHolding(model_, lead);
    rec.progress.assign(model_.rules.size(), RuleProgress{});
    leads_[lead.id] = std::move(rec);
  }

  // Forgets every lead's events, keeps the leads.
  void ResetEvents() {
    for (auto& [id, rec] : leads_) {
      rec.history = {};
      rec.seen_ids = {};
      rec.dropped = 0;
      Restart(rec);
    }
  }

  // Applies one event of lead `lead_id`, in any order. Returns false when no
  // lead has that id (the event is then ignored).
  bool Apply(const std::string& lead_id, const OEvent& e) {
    auto it = leads_.find(lead_id);
    if (it == leads_.end()) return false;
    LeadRecord& rec = it->second;
    KEvent k{e.id, e.type, e.at, e.props};
    bool replay = false;
    if (e.id) {
      auto seen = rec.seen_ids.find(*e.id);
      if (seen != rec.seen_ids.end()) {
        ++rec.dropped;
        if (seen->second <= e.at) return true;  // the kept copy comes first
        // This copy comes first: it replaces the kept one.
        rec.history.erase(std::find_if(rec.history.begin(), rec.history.end(),
                                       [&](const KEvent& x) { return x.id == e.id; }));
        seen->second = e.at;
        replay = true;
      } else {
        rec.seen_ids.emplace(*e.id, e.at);
      }
    }
    if (!replay && (rec.history.empty() || !Before(k, rec.history.back()))) {
      rec.history.push_back(std::move(k));
      Step(rec, rec.history.size() - 1);
      return true;
    }
    rec.history.insert(std::upper_bound(rec.history.begin(), rec.history.end(), k, Before),
                       std::move(k));
    Restart(rec);
    for (size_t i = 0; i < rec.history.size(); ++i) Step(rec, i);
    return true;
  }

  // The scorecard of lead `lead_id` at `as_of`. Throws std::logic_error for
  // an unknown lead or an as_of before one of its applied events.
  OResult Score(const std::string& lead_id, int64_t as_of) const {
    auto it = leads_.find(lead_id);
    if (it == leads_.end()) throw std::logic_error("HostLoop::Score: unknown lead " + lead_id);
    const LeadRecord& rec = it->second;
    if (!rec.history.empty() && rec.history.back().at > as_of) {
      throw std::logic_error("HostLoop::Score: as_of is before an applied event of " + lead_id +
                             " (the host loop cannot forget events)");
    }
    const Snapshot fin = SnapshotAt(model_, rec.attribute_holds, rec.progress, as_of);
    int held = rec.held;
    int64_t since = rec.since;
    if (model_.lc) {
      Track(ComputedStage(model_, rec.lead, fin, rec.history, rec.history.size(), as_of), as_of,
            &held, &since);
    }
    OResult out = Scorecard(model_, rec.lead, fin, rec.history, as_of, held, since);
    out.dropped_copies = rec.dropped;
    return out;
  }

 private:
  struct LeadRecord {
    OLead lead;
    std::vector<char> attribute_holds;  // per rule
    std::vector<KEvent> history;        // kept events, in event order
    std::unordered_map<std::string, int64_t> seen_ids;  // kept id -> its time
    std::vector<RuleProgress> progress;                 // per rule
    int held = -1;                                      // stage held, -1 before any moment
    int64_t since = 0;                                  // the moment it was entered
    size_t dropped = 0;                                 // copies dropped
  };

  // Event order on kept events (spec 8); positions are kept by inserting
  // after every event that does not come after.
  static bool Before(const KEvent& x, const KEvent& y) {
    if (x.at != y.at) return x.at < y.at;
    if (x.id.has_value() != y.id.has_value()) return !x.id.has_value();
    return x.id && *x.id < *y.id;
  }

  void Restart(LeadRecord& rec) const {
    rec.progress.assign(model_.rules.size(), RuleProgress{});
    rec.held = -1;
    rec.since = 0;
  }

  void Track(int computed, int64_t now, int* held, int64_t* since) const {
    const int stage =
        model_.lc->forward_only.value_or(true) ? std::max(computed, *held) : computed;
    if (stage != *held) {
      *held = stage;
      *since = now;
    }
  }

  // Feeds history[k], the next event in event order, to every rule, then
  // classifies at its time.
  void Step(LeadRecord& rec, size_t k) const {
    const KEvent& e = rec.history[k];
    for (size_t ri = 0; ri < model_.rules.size(); ++ri) {
      StepRule(model_.rules[ri], rec.lead, e, &rec.progress[ri]);
    }
    if (!model_.lc) return;
    const Snapshot s =
        SnapshotAt(model_, rec.attribute_holds, rec.progress, e.at, /*explain=*/false);
    Track(ComputedStage(model_, rec.lead, s, rec.history, k + 1, e.at), e.at, &rec.held,
          &rec.since);
  }

  OModel model_;
  std::unordered_map<std::string, LeadRecord> leads_;
};

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_HOST_LOOP_H_
