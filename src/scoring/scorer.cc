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
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine/engine.h"
#include "engine/event_order.h"
#include "engine/reported_stage.h"
#include "leadscore/history.h"
#include "leadscore/time.h"
#include "model/model_fingerprint.h"
#include "model/model_access.h"
#include "scoring/history_replay.h"
#include "scoring/series.h"
#include "scoring/lead_state_data.h"
#include "scoring/transition_chain.h"

namespace leadscore {
namespace {

using internal::LeadStateAccess;
using internal::LeadStateData;
using internal::PreparedEvent;
using internal::TransitionChain;

// With W = window: when the log reaches W events the state is copied aside
// (the checkpoint-to-be); at 2W it becomes the checkpoint and the oldest W
// events leave the log.
void AdvanceCheckpoint(size_t window, LeadStateData* state) {
  auto& log = state->log;
  if (log.size() == window) {
    internal::Checkpoints& c = state->checkpoints.Get();
    c.next = state->current;
    c.next_bytes.clear();
  } else if (log.size() >= 2 * window) {
    internal::Checkpoints& c = state->checkpoints.Get();
    std::swap(c.checkpoint, c.next);
    std::swap(c.checkpoint_bytes, c.next_bytes);
    log.erase(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(window));
    auto& keys = state->log_keys;
    keys.erase(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(window));
    state->checkpoint_is_start = false;
    if (log.size() == window) {
      c.next = state->current;
      c.next_bytes.clear();
    }
  }
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
// (say, before a hot reload, or an edit that kept the version) would be read
// out of bounds or give stale scores, so it is refused.
absl::Status Scorer::CheckState(const LeadState& state) const {
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  const LeadStateData* s = LeadStateAccess::Data(state);
  if (s == nullptr) {
    return absl::FailedPreconditionError(
        "this lead state is empty (default-built, moved-from or erased): Start it, or "
        "Rebuild it from the lead's history");
  }
  if (s->model_fingerprint != m.fingerprints.model ||
      s->current.words.size() < m.layout.fixed_words ||
      s->current.queues.size() != m.layout.queues) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this lead state belongs to another model than '", m.name, "' version '",
        m.version, "' (fingerprint ", absl::Hex(m.fingerprints.model, absl::kZeroPad16),
        ", the state's ", absl::Hex(s->model_fingerprint, absl::kZeroPad16),
        "): after a model change, CarryOver the state where that is exact, or Rebuild it "
        "from the lead's history"));
  }
  return absl::OkStatus();
}

absl::Status Scorer::CheckAttributes(const Lead& lead, const LeadState& state,
                                     bool event_attributes_only) const {
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  const LeadStateData& s = *LeadStateAccess::Data(state);
  const bool same =
      event_attributes_only
          ? internal::AttributeFingerprint(lead, m.event_attribute_names) ==
                s.event_attribute_fingerprint
          : internal::AttributeFingerprint(lead, m.read_attribute_names) ==
                s.attribute_fingerprint;
  if (!same) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the attributes of lead '", lead.id, "' that model '", m.name,
        "' reads changed since its state was started: call UpdateLead with the new record "
        "first (or Rebuild the state from the lead's history)"));
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
  // No checkpoint: until the log first moves on it is the start state, which
  // a merge derives from the current state (ResetToStart).
  s->model_fingerprint = m.fingerprints.model;
  s->attribute_fingerprint = internal::AttributeFingerprint(lead, m.read_attribute_names);
  s->event_attribute_fingerprint =
      internal::AttributeFingerprint(lead, m.event_attribute_names);
  s->reported = m.lifecycle ? 0 : internal::kNoReportedStage;
  return state;
}

absl::StatusOr<ApplyResult> Scorer::Apply(const Lead& lead, const Event& event,
                                          LeadState& lead_state) const {
  return ApplyAt(lead, event, nullptr, lead_state);
}

absl::StatusOr<ApplyResult> Scorer::Apply(const Lead& lead, const Event& event,
                                          const SourcePosition& position,
                                          LeadState& lead_state) const {
  return ApplyAt(lead, event, &position, lead_state);
}

absl::StatusOr<ApplyResult> Scorer::ApplyAt(const Lead& lead, const Event& event,
                                            const SourcePosition* position,
                                            LeadState& lead_state) const {
  if (event.lead_id != lead.id) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event for lead '", event.lead_id, "' applied to lead '", lead.id, "'"));
  }
  if (absl::Status s = CheckState(lead_state); !s.ok()) return s;
  LeadStateData& state = *LeadStateAccess::Data(lead_state);
  // Re-delivery of something applied: recognised at any age, before
  // anything else is looked at.
  SourcePosition* mark = nullptr;
  if (position != nullptr) {
    for (SourcePosition& p : state.sources) {
      if (p.source == position->source) mark = &p;
    }
    if (mark != nullptr && position->offset <= mark->offset) {
      ApplyResult result;
      result.outcome = ApplyResult::Outcome::kAlreadyApplied;
      return result;
    }
  }
  // Only what event and pattern rules read is checked here (usually nothing:
  // hashing every attribute the model reads would cost a quarter of an
  // Apply). A changed fit cannot reach a scorecard: Score and Advance check
  // every attribute.
  if (absl::Status s = CheckAttributes(lead, lead_state, true); !s.ok()) return s;
  absl::StatusOr<int64_t> at = ToEngineNanos(event.at);
  if (!at.ok()) return absl::InvalidArgumentError(at.status().message());
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  // The log's keys and tail are read after rule matching: start loading them.
  __builtin_prefetch(state.log_keys.data());
  __builtin_prefetch(state.log.data() + state.log.size(), 1);
  PreparedEvent e;
  // The arrival position is taken only by an event the state keeps, so a
  // refused or duplicate event leaves the state (and its bytes) unchanged.
  internal::PrepareEvent(m, lead, event, *at, state.next_seq, &e, &state.current);
  ApplyResult result;
  TransitionChain chain(m, lead, &state.reported, &result.transitions);
  internal::MomentStage moment;
  internal::MomentStage* want = m.lifecycle ? &moment : nullptr;
  // (Built in place: GCC 12 warns, wrongly, that a conditionally built
  // optional<string_view> may be read uninitialised.)
  std::optional<absl::string_view> event_id;
  if (event.id) event_id.emplace(event.id->data(), event.id->size());
  const size_t window = options_.reorder_window;
  auto& log = state.log;
  // Raises the source's mark: only for an event the state now counts.
  const auto raise_mark = [&] {
    if (position == nullptr) return;
    if (mark != nullptr) {
      mark->offset = position->offset;
    } else {
      state.sources.push_back(*position);
    }
  };

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
    internal::StepCore(m, lead, e, &state.current, want);
    chain.SeeRecycles(moment.recycled_before);
    chain.See(moment.reported, moment.threshold, e.at, TransitionCause::kEvent, event_id,
              moment.recycle);
    raise_mark();
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
    // (The checkpoint before the first event is the start: it is not
    // copied, a merge derives it from the current state.)
    ++state.next_seq;
    internal::StepCore(m, lead, e, &state.current, want);
    chain.SeeRecycles(moment.recycled_before);
    chain.See(moment.reported, moment.threshold, e.at, TransitionCause::kEvent, event_id,
              moment.recycle);
    e.reported = static_cast<int16_t>(moment.reported);
    if (log.size() == log.capacity()) {  // a few first, up to 2W as the log grows
      const size_t cap = std::min(2 * window, std::max<size_t>(4, 2 * log.capacity()));
      log.reserve(cap);
      keys.reserve(cap);
    }
    keys.push_back(internal::LogKey(e));
    log.push_back(std::move(e));
    AdvanceCheckpoint(window, &state);
    raise_mark();
    return result;
  }
  // Late, or replacing a later copy of the same id: merge and replay.
  if (!state.checkpoint_is_start && internal::EventBefore(e, log.front())) {
    return absl::OutOfRangeError(absl::StrCat(
        "event at ", FormatTimestamp(event.at),
        " is older than the reorder window of lead '", lead.id,
        "' (it keeps events from ", FormatTimestamp(FromEngineNanos(log.front().at)),
        " on); rebuild this lead from its full history"));
  }
  ++state.next_seq;
  if (dup != log.end()) log.erase(dup);
  // (Inserting may reallocate: the index is taken after it.)
  const auto inserted =
      log.insert(std::upper_bound(log.begin(), log.end(), e, internal::EventBefore), e);
  const size_t merged = static_cast<size_t>(inserted - log.begin());
  keys.clear();
  for (const PreparedEvent& x : log) keys.push_back(internal::LogKey(x));
  if (state.checkpoint_is_start) {
    internal::ResetToStart(m, &state.current);
  } else {
    state.current = state.checkpoints.Get().checkpoint;
  }
  // The moments before the merged event are unchanged. From it on, each
  // moment's reported stage is compared with the one the old history had
  // there (the merged event's: that of the moment before it); from the first
  // that differs, the new moments are chained from the stage last reported.
  // So a late event that changes no stage sends nothing, and one that does
  // sends the stages the corrected history goes through.
  bool diverged = false;
  // (A late event never sorts before the log's first unless the checkpoint
  // is the start, where the stage seen is the first.)
  const int before = merged > 0 ? log[merged - 1].reported
                                : (m.lifecycle ? 0 : internal::kNoReportedStage);
  for (size_t i = 0; i < log.size(); ++i) {
    PreparedEvent& x = log[i];
    if (i >= merged && want != nullptr) {
      const int old = i == merged ? before : x.reported;
      internal::StepCore(m, lead, x, &state.current, want);
      x.reported = static_cast<int16_t>(moment.reported);
      diverged = diverged || moment.reported != old;
      if (diverged) {
        // (The recycles before the first event whose stage differs are
        // sent with it: a log keeps no record of the old ones.)
        chain.SeeRecycles(moment.recycled_before);
        chain.See(moment.reported, moment.threshold, x.at, TransitionCause::kEvent,
                  x.has_id ? std::optional<absl::string_view>(x.id)
                           : std::nullopt,
                  moment.recycle);
      }
    } else {
      internal::StepCore(m, lead, x, &state.current, nullptr);
    }
    if (i + 1 == window) {
      state.checkpoints.Get().next = state.current;
      state.checkpoints.Get().next_bytes.clear();
    }
  }
  AdvanceCheckpoint(window, &state);
  result.outcome = ApplyResult::Outcome::kReordered;
  raise_mark();
  return result;
}

absl::StatusOr<std::vector<Transition>> Scorer::Advance(const Lead& lead,
                                                        LeadState& lead_state,
                                                        absl::Time t) const {
  if (absl::Status s = CheckState(lead_state); !s.ok()) return s;
  if (absl::Status s = CheckAttributes(lead, lead_state, false); !s.ok()) return s;
  if (absl::Status s = CheckHostStage(*model_, lead); !s.ok()) return s;
  absl::StatusOr<int64_t> now = ToEngineNanos(t);
  if (!now.ok()) return now.status();
  LeadStateData& state = *LeadStateAccess::Data(lead_state);
  if (state.current.events > 0 && *now < state.current.last_at) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot advance to ", FormatTimestamp(t), ": the lead's newest event is at ",
        FormatTimestamp(FromEngineNanos(state.current.last_at))));
  }
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  std::vector<Transition> out;
  TransitionChain chain(m, lead, &state.reported, &out);
  std::vector<internal::TimeMoment> recycles;
  const int reported = internal::ReportedAt(m, lead, state.current, *now, &recycles);
  chain.SeeRecycles(recycles);
  chain.See(reported, -1, *now, TransitionCause::kTime, std::nullopt);
  return out;
}

absl::StatusOr<std::vector<Transition>> Scorer::UpdateLead(const Lead& lead,
                                                           LeadState& lead_state,
                                                           absl::Time at) const {
  if (absl::Status s = CheckState(lead_state); !s.ok()) return s;
  if (absl::Status s = CheckHostStage(*model_, lead); !s.ok()) return s;
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  LeadStateData& state = *LeadStateAccess::Data(lead_state);
  if (absl::Status s = CheckAttributes(lead, lead_state, true); !s.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "lead '", lead.id, "' changed an attribute that event or pattern rules of model '",
        m.name, "' read, so which of its past events count may change: Rebuild its state "
        "from its history"));
  }
  absl::StatusOr<int64_t> t = ToEngineNanos(at);
  if (!t.ok()) return t.status();
  int64_t now = *t;
  if (state.current.events > 0) now = std::max(now, state.current.last_at);
  // Every copy of the state a later replay may start from gets the new fit.
  internal::EvaluateAttributeRules(m, lead, &state.current);
  if (internal::Checkpoints* c = state.checkpoints.get()) {
    c->ForgetBytes();
    for (internal::CoreState* core : {&c->checkpoint, &c->next}) {
      if (core->words.size() >= m.layout.fixed_words) internal::EvaluateAttributeRules(m, lead, core);
    }
  }
  state.attribute_fingerprint = internal::AttributeFingerprint(lead, m.read_attribute_names);
  std::vector<Transition> out;
  TransitionChain chain(m, lead, &state.reported, &out);
  std::vector<internal::TimeMoment> recycles;
  const int reported = internal::ReportedAt(m, lead, state.current, now, &recycles);
  chain.SeeRecycles(recycles);
  chain.See(reported, -1, now, TransitionCause::kLead, std::nullopt);
  return out;
}

absl::StatusOr<LeadState> Scorer::Rebuild(const Lead& lead, absl::Span<const Event> events,
                                          std::vector<Transition>* transitions,
                                          absl::Span<const SourcePosition> marks) const {
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].lead_id != lead.id) {
      return absl::InvalidArgumentError(absl::StrCat(
          "event ", i, " is for lead '", events[i].lead_id, "', not '", lead.id, "'"));
    }
  }
  absl::StatusOr<std::vector<size_t>> order = KeptEventOrder(events, MaxEngineTime());
  if (!order.ok()) return absl::InvalidArgumentError(order.status().message());
  absl::StatusOr<LeadState> state = Start(lead);
  if (!state.ok()) return state.status();
  // In event order every event takes Apply's in-order path, and the log and
  // checkpoints come out as the state of applying them live.
  for (size_t i : *order) {
    absl::StatusOr<ApplyResult> r = ApplyAt(lead, events[i], nullptr, *state);
    if (!r.ok()) return r.status();
    if (transitions != nullptr) {
      for (Transition& t : r->transitions) transitions->push_back(std::move(t));
    }
  }
  LeadStateAccess::Data(*state)->sources.assign(marks.begin(), marks.end());
  return state;
}

absl::StatusOr<LeadState> Scorer::CarryOver(const Scorer& from,
                                            const LeadState& state) const {
  if (absl::Status s = from.CheckState(state); !s.ok()) return s;
  const internal::CompiledModel& old_m = internal::CompiledOf(from.model());
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  if (from.options().reorder_window != options_.reorder_window) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot carry a state over from reorder_window ", from.options().reorder_window,
        " to ", options_.reorder_window, ": Rebuild it from the lead's history"));
  }
  if (old_m.fingerprints.replay != m.fingerprints.replay) {
    return absl::FailedPreconditionError(absl::StrCat(
        "model '", m.name, "' version '", m.version, "' differs from '", old_m.name,
        "' version '", old_m.version, "' in what a lead state is built from (rules, "
        "points, decay, caps, dimensions' bounds and weights, thresholds, or grades a "
        "threshold reads): states do not carry over exactly; Rebuild each lead from its "
        "history"));
  }
  LeadState out = state;
  LeadStateAccess::Data(out)->model_fingerprint = m.fingerprints.model;
  if (internal::Checkpoints* c = LeadStateAccess::Data(out)->checkpoints.get()) {
    c->ForgetBytes();  // (the same bytes, but cheap to be sure of)
  }
  return out;
}

absl::StatusOr<std::optional<std::string>> Scorer::StageSeen(const LeadState& state) const {
  if (absl::Status s = CheckState(state); !s.ok()) return s;
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  const int code = LeadStateAccess::Data(state)->reported;
  if (!m.lifecycle || code == internal::kNoReportedStage) return std::optional<std::string>();
  return std::optional<std::string>(internal::ReportedCodeName(*m.lifecycle, code));
}

absl::StatusOr<Transition> Scorer::ContinueChain(const Lead& lead, const std::string& seen,
                                                 LeadState& state, absl::Time at,
                                                 TransitionCause cause) const {
  if (absl::Status s = CheckState(state); !s.ok()) return s;
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  LeadStateData& data = *LeadStateAccess::Data(state);
  Transition t;
  if (!m.lifecycle || data.reported == internal::kNoReportedStage) return t;
  const std::string& now = internal::ReportedCodeName(*m.lifecycle, data.reported);
  if (now == seen) return t;
  t.lead_id = lead.id;
  t.from = seen;
  t.to = now;
  t.at = at;
  t.cause = cause;
  t.model_name = m.name;
  t.model_version = m.version;
  return t;
}

absl::StatusOr<Scorecard> Scorer::Score(const Lead& lead, const LeadState& state,
                                        absl::Time as_of,
                                        const ScoreOptions& options) const {
  if (absl::Status s = CheckState(state); !s.ok()) return s;
  if (absl::Status s = CheckAttributes(lead, state, false); !s.ok()) return s;
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

absl::StatusOr<std::vector<Scorecard>> Scorer::ScoreSeries(
    const Lead& lead, absl::Span<const Event> events, absl::Span<const absl::Time> as_ofs,
    const SeriesOptions& options) const {
  absl::StatusOr<internal::SeriesPlan> plan = internal::PlanSeries(as_ofs, options);
  if (!plan.ok()) return plan.status();
  if (absl::Status s = CheckHostStage(*model_, lead); !s.ok()) return s;
  const internal::CompiledModel& m = internal::CompiledOf(*model_);
  // Events are prepared up to the last time read: exactly those every
  // separate scoring up to that time prepares (and checks).
  std::vector<internal::PreparedEvent> prepared;
  if (absl::Status s = internal::PrepareHistory(m, lead, events, as_ofs.back(), &prepared);
      !s.ok()) {
    return s;
  }
  internal::CoreState core;
  internal::InitCore(m, lead, &core);
  internal::SeenIds seen;
  std::vector<Scorecard> read;
  internal::ReplaySeries(m, lead, absl::MakeSpan(prepared), internal::PreparedEventTraits(),
                         *plan, &seen, &core, &read);
  std::vector<Scorecard> cards;
  cards.reserve(as_ofs.size());
  for (size_t i = 0; i < as_ofs.size(); ++i) {
    cards.push_back(internal::SeriesCard(*plan, read, i));
  }
  return cards;
}

const char* TransitionCauseName(TransitionCause cause) {
  switch (cause) {
    case TransitionCause::kEvent: return "event";
    case TransitionCause::kTime: return "time";
    case TransitionCause::kLead: return "lead";
    case TransitionCause::kModel: return "model";
  }
  return "event";
}

}  // namespace leadscore
