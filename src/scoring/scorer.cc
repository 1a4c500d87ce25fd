// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Scorer: the engine plus late/duplicate handling. A LeadState keeps a log of
// its recent events and a checkpoint from before them. In-order events take
// the O(1) path; a late event or a copy that sorts before the counted one is
// merged into the log and the state is rebuilt from the checkpoint. The state
// after the log's first W events is copied aside when the log reaches W
// events; at 2W events it becomes the checkpoint and those W events leave the
// log. So the log holds between W and 2W events, and moving the checkpoint
// costs one state copy per W events.

#include "leadscore/scorer.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/engine.h"
#include "engine/event_order.h"
#include "leadscore/time.h"
#include "model/model_access.h"
#include "scoring/history_replay.h"
#include "scoring/lead_state_data.h"

namespace leadscore {
namespace {

using internal::LeadStateAccess;
using internal::LeadStateData;
using internal::PreparedEvent;

// With W = window: when the log reaches W events the state is copied aside
// (the checkpoint-to-be); at 2W it becomes the checkpoint and the oldest W
// events leave the log.
void AdvanceCheckpoint(size_t window, LeadStateData* state) {
  auto& log = state->log;
  if (log.size() == window) {
    state->next_checkpoint = state->current;
  } else if (log.size() >= 2 * window) {
    std::swap(state->checkpoint, state->next_checkpoint);
    log.erase(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(window));
    auto& keys = state->log_keys;
    keys.erase(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(window));
    state->checkpoint_is_start = false;
    if (log.size() == window) state->next_checkpoint = state->current;
  }
}

std::vector<Transition> ToTransitions(const internal::CompiledModel& m,
                                      const std::vector<internal::StageChange>& changes) {
  std::vector<Transition> out;
  out.reserve(changes.size());
  for (const auto& c : changes) {
    out.push_back({m.lifecycle->stages[c.from], m.lifecycle->stages[c.to],
                   FromEngineNanos(c.at), c.threshold});
  }
  return out;
}

absl::Status CheckHostStage(const Model& model, const Lead& lead) {
  if (!lead.stage) return absl::OkStatus();
  if (!model.has_lifecycle()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "lead '", lead.id, "' has a stage ('", *lead.stage,
        "') but the model has no lifecycle"));
  }
  if (!model.FindStage(*lead.stage)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "lead '", lead.id, "' has unknown stage '", *lead.stage,
        "' (the model's stages are compared exactly)"));
  }
  return absl::OkStatus();
}

}  // namespace

// A state is read through the model's layout: one made under another model
// (say, before a hot reload) would be read out of bounds, so it is refused.
absl::Status Scorer::CheckState(const LeadState& state) const {
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  const LeadStateData* s = LeadStateAccess::Data(state);
  if (s == nullptr || s->model_fingerprint != m.layout.fingerprint ||
      s->current.words.size() != m.layout.words ||
      s->current.queues.size() != m.layout.queues) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this lead state was not started by a scorer of model '", m.name, "' version '",
        m.version, "' (a default-built, moved-from or erased state, or one of another "
        "model: after a model change, Start again and re-apply the lead's events)"));
  }
  return absl::OkStatus();
}

Scorer::Scorer(std::shared_ptr<const Model> model, ScorerOptions options)
    : model_(std::move(model)), options_(options) {}

absl::Status Scorer::CheckLead(const Lead& lead) const {
  return CheckHostStage(*model_, lead);
}

absl::StatusOr<LeadState> Scorer::Start(const Lead& lead) const {
  if (absl::Status s = CheckHostStage(*model_, lead); !s.ok()) return s;
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  LeadState state;
  LeadStateData* s = LeadStateAccess::Reset(&state);
  internal::InitCore(m, lead, &s->current);
  // No checkpoint yet: it is taken at the first logged event (a lead that
  // gets no event, or a scorer without a reorder window, never needs one).
  s->model_fingerprint = m.layout.fingerprint;
  return state;
}

absl::StatusOr<ApplyResult> Scorer::Apply(const Lead& lead, const Event& event,
                                          LeadState& lead_state) const {
  if (event.lead_id != lead.id) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event for lead '", event.lead_id, "' applied to lead '", lead.id, "'"));
  }
  if (absl::Status s = CheckState(lead_state); !s.ok()) return s;
  absl::StatusOr<int64_t> at = ToEngineNanos(event.at);
  if (!at.ok()) return at.status();
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  LeadStateData& state = *LeadStateAccess::Data(lead_state);
  // The log's keys and tail are read after rule matching: start loading them.
  __builtin_prefetch(state.log_keys.data());
  __builtin_prefetch(state.log.data() + state.log.size(), 1);
  PreparedEvent e;
  // The arrival position is taken only by an event the state keeps, so a
  // refused or duplicate event leaves the state (and its bytes) unchanged.
  internal::PrepareEvent(m, lead, event, *at, state.next_seq, &e, &state.current);
  ApplyResult result;
  std::vector<internal::StageChange> changes;
  const size_t window = options_.reorder_window;
  auto& log = state.log;

  if (window == 0) {
    // No log: only in-order events (ties at one instant in arrival order).
    if (state.current.events > 0 && e.at < state.current.last_at) {
      return absl::OutOfRangeError(absl::StrCat(
          "event at ", FormatTimestamp(event.at),
          " is older than the newest applied event (",
          FormatTimestamp(FromEngineNanos(state.current.last_at)),
          ") and the scorer keeps no reorder window"));
    }
    ++state.next_seq;
    internal::StepCore(m, lead, e, &state.current, &changes);
    result.transitions = ToTransitions(m, changes);
    return result;
  }
  // A copy of a remembered event: the first in event order counts.
  auto dup = log.end();
  auto& keys = state.log_keys;
  if (e.has_id) {
    const uint32_t key = internal::LogKey(e);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key && log[i].id_hash == e.id_hash && log[i].id == e.id) {
        dup = log.begin() + static_cast<std::ptrdiff_t>(i);
        break;
      }
    }
  }
  if (dup != log.end() && !internal::EventBefore(e, *dup)) {
    result.outcome = ApplyResult::Outcome::kDuplicate;
    return result;
  }
  if (dup == log.end() && (log.empty() || !internal::EventBefore(e, log.back()))) {
    if (log.empty()) state.checkpoint = state.current;  // the first event
    ++state.next_seq;
    internal::StepCore(m, lead, e, &state.current, &changes);
    if (log.capacity() == 0) {  // their final size, once
      log.reserve(2 * window);
      keys.reserve(2 * window);
    }
    keys.push_back(internal::LogKey(e));
    log.push_back(std::move(e));
    AdvanceCheckpoint(window, &state);
    result.transitions = ToTransitions(m, changes);
    return result;
  }
  // Late, or replacing a later copy of the same id: merge and replay.
  if (!state.checkpoint_is_start && internal::EventBefore(e, log.front())) {
    return absl::OutOfRangeError(absl::StrCat(
        "event at ", FormatTimestamp(event.at),
        " is older than the reorder window of lead '", lead.id,
        "' (it keeps events from ", FormatTimestamp(FromEngineNanos(log.front().at)),
        " on); rescore this lead from its full history"));
  }
  const int before = state.current.stage;
  ++state.next_seq;
  if (dup != log.end()) log.erase(dup);
  log.insert(std::upper_bound(log.begin(), log.end(), e, internal::EventBefore), e);
  keys.clear();
  for (const PreparedEvent& x : log) keys.push_back(internal::LogKey(x));
  state.current = state.checkpoint;
  for (size_t i = 0; i < log.size(); ++i) {
    internal::StepCore(m, lead, log[i], &state.current, nullptr);
    if (i + 1 == window) state.next_checkpoint = state.current;
  }
  AdvanceCheckpoint(window, &state);
  result.outcome = ApplyResult::Outcome::kReordered;
  if (m.lifecycle && state.current.stage != before && state.current.stage >= 0) {
    changes.push_back({std::max(before, 0), state.current.stage, e.at, -1});
    if (changes.back().from == changes.back().to) changes.clear();
  }
  result.transitions = ToTransitions(m, changes);
  return result;
}

absl::StatusOr<Scorecard> Scorer::Score(const Lead& lead, const LeadState& state,
                                        absl::Time as_of,
                                        const ScoreOptions& options) const {
  if (absl::Status s = CheckState(state); !s.ok()) return s;
  absl::StatusOr<int64_t> t = ToEngineNanos(as_of);
  if (!t.ok()) return t.status();
  const internal::CoreState& current = LeadStateAccess::Data(state)->current;
  if (current.events > 0 && *t < current.last_at) {
    return absl::FailedPreconditionError(absl::StrCat(
        "as_of ", FormatTimestamp(as_of), " is before the newest applied event (",
        FormatTimestamp(FromEngineNanos(current.last_at)),
        "); score from the history up to as_of instead (ScoreHistory)"));
  }
  if (absl::Status s = CheckHostStage(*model_, lead); !s.ok()) return s;
  Scorecard card;
  internal::ReadCore(internal::CompiledOf(*model_), lead, current, *t, options.explain,
                     &card);
  return card;
}

absl::StatusOr<Scorecard> Scorer::ScoreHistory(const Lead& lead,
                                               absl::Span<const Event> events,
                                               absl::Time as_of,
                                               const ScoreOptions& options) const {
  absl::StatusOr<int64_t> t = ToEngineNanos(as_of);
  if (!t.ok()) return t.status();
  if (absl::Status s = CheckHostStage(*model_, lead); !s.ok()) return s;
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  internal::CoreState core;
  if (absl::Status s = internal::ReplayHistory(m, lead, events, as_of, *t, &core);
      !s.ok()) {
    return s;
  }
  Scorecard card;
  internal::ReadCore(m, lead, core, *t, options.explain, &card);
  return card;
}

}  // namespace leadscore
