// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ExplainLead replays the lead's history once, through the one replay path
// (engine/replay.h), judging before each step which cap, if any, refuses
// each matched event rule, exactly as StepCore judges it.

#include <algorithm>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "engine/condition_eval.h"
#include "engine/engine.h"
#include "engine/reported_stage.h"
#include "leadscore/explanation.h"
#include "leadscore/time.h"
#include "model/account_model.h"
#include "model/model_access.h"
#include "scoring/history_replay.h"
#include "util/number_format.h"

namespace leadscore {
namespace {

using internal::CompiledModel;
using internal::Condition;
using internal::Leaf;
using internal::Op;
using internal::Subject;

std::string Num(double d) { return internal::SignificantNumber(d); }

std::string Operand(const internal::Operand& o) {
  switch (o.kind) {
    case Value::Kind::kString: return absl::StrCat("\"", o.display, "\"");
    case Value::Kind::kBool: return o.number != 0 ? "true" : "false";
    default: return Num(o.number);
  }
}

std::string DescribeLeaf(const CompiledModel& m, const Leaf& l) {
  std::string subject;
  switch (l.subject) {
    case Subject::kAttr: subject = absl::StrCat("attribute ", l.name); break;
    case Subject::kProp: subject = absl::StrCat("property ", l.name); break;
    case Subject::kScore:
      subject = absl::StrCat("score ", l.index < 0 ? "total" : m.dimensions[l.index].name);
      break;
    case Subject::kGrade:
      subject = absl::StrCat("grade ", m.dimensions[l.index].name);
      break;
    case Subject::kEvent: {
      std::string type;
      for (const auto& [name, id] : m.event_types) {
        if (id == m.trackers[l.index].type) type = name;
      }
      return absl::StrCat("at least ", l.at_least, " '", type, "' event",
                          l.at_least == 1 ? "" : "s", " in the last ",
                          Num(l.window_ns / 86400e9), " days");
    }
    case Subject::kStage: subject = "stage"; break;
    case Subject::kDaysInStage: subject = "days in stage"; break;
    case Subject::kAccountScore:
      subject = absl::StrCat("account score ",
                             l.index < 0 ? "total" : m.accounts->model.dimensions[l.index].name);
      break;
    case Subject::kAccountStage: subject = "account stage"; break;
  }
  std::vector<std::string> args;
  for (const auto& o : l.args) {
    // Stage leaves keep stage indices; their names are in `display`.
    const bool stage_names =
        l.subject == Subject::kStage || l.subject == Subject::kAccountStage;
    args.push_back(stage_names ? absl::StrCat("\"", o.display, "\"") : Operand(o));
  }
  switch (l.op) {
    case Op::kEq: return absl::StrCat(subject, " = ", args[0]);
    case Op::kNe: return absl::StrCat(subject, " != ", args[0]);
    case Op::kIn: return absl::StrCat(subject, " in [", absl::StrJoin(args, ", "), "]");
    case Op::kNotIn:
      return absl::StrCat(subject, " not in [", absl::StrJoin(args, ", "), "]");
    case Op::kGt: return absl::StrCat(subject, " > ", Num(l.lo));
    case Op::kGte: return absl::StrCat(subject, " >= ", Num(l.lo));
    case Op::kLt: return absl::StrCat(subject, " < ", Num(l.lo));
    case Op::kLte: return absl::StrCat(subject, " <= ", Num(l.lo));
    case Op::kBetween:
      return absl::StrCat(subject, " between ", Num(l.lo), " and ", Num(l.hi));
    case Op::kContains: return absl::StrCat(subject, " contains ", args[0]);
    case Op::kContainsAny:
      return absl::StrCat(subject, " contains any of [", absl::StrJoin(args, ", "), "]");
    case Op::kStartsWith: return absl::StrCat(subject, " starts with ", args[0]);
    case Op::kEndsWith: return absl::StrCat(subject, " ends with ", args[0]);
    case Op::kMatches: return absl::StrCat(subject, " matches a pattern");
    case Op::kExists: return absl::StrCat(subject, l.exists ? " exists" : " is missing");
  }
  return subject;
}

// Collects the leaves of `c` with their values under `env`. Leaves under a
// `not` are described as negated.
void CollectChecks(const CompiledModel& m, const Condition& c,
                   const internal::EvalEnv& env, bool negated,
                   std::vector<ConditionCheck>* out) {
  if (c.kind != Condition::Kind::kLeaf) {
    const bool neg = negated != (c.kind == Condition::Kind::kNot);
    for (const Condition& child : c.children) CollectChecks(m, child, env, neg, out);
    return;
  }
  ConditionCheck check;
  check.text = DescribeLeaf(m, c.leaf);
  if (negated) check.text = absl::StrCat("not (", check.text, ")");
  check.holds = internal::Evaluate(c, env) != negated;
  if (!check.holds && !negated && c.leaf.subject == Subject::kScore) {
    const double v = c.leaf.index < 0 ? env.total : env.scores[c.leaf.index];
    if (c.leaf.op == Op::kGte || c.leaf.op == Op::kGt || c.leaf.op == Op::kBetween) {
      if (v < c.leaf.lo) check.missing_points = c.leaf.lo - v;
    }
  }
  out->push_back(std::move(check));
}

// Counts, per rule, the matched events and which cap refused each, on the
// state each event is judged on (before its step).
class CapObserver {
 public:
  CapObserver(const CompiledModel& m, std::vector<RuleExplanation>* rules)
      : m_(m), rules_(*rules) {}

  void BeforeStep(const internal::CoreState& core, const internal::EventStep& step) {
    for (size_t k = 0; k < step.rule_count; ++k) {
      const uint32_t i = step.rules[k];
      RuleExplanation& re = rules_[i];
      ++re.matched;
      if (m_.rules[i].kind != internal::Rule::Kind::kEvent) continue;
      switch (internal::JudgeCaps(m_, core, i, step.at)) {
        case internal::CapVerdict::kMaxPerLead: ++re.cut_by_max_per_lead; break;
        case internal::CapVerdict::kMaxPerWindow: ++re.cut_by_max_per_window; break;
        case internal::CapVerdict::kCounted: ++re.counted; break;
      }
    }
  }
  void AfterStep(const internal::CoreState&, const internal::EventStep&) {}

 private:
  const CompiledModel& m_;
  std::vector<RuleExplanation>& rules_;
};

}  // namespace

absl::StatusOr<Explanation> ExplainLead(const Scorer& scorer, const Lead& lead,
                                        absl::Span<const Event> events,
                                        absl::Time as_of) {
  absl::StatusOr<int64_t> time = ToEngineNanos(as_of);
  if (!time.ok()) return time.status();
  const int64_t t = *time;
  if (absl::Status s = scorer.CheckLead(lead); !s.ok()) return s;
  const CompiledModel& m = internal::CompiledOf(scorer.model());

  Explanation ex;
  ex.rules.resize(m.rules.size());
  CapObserver observer(m, &ex.rules);
  internal::CoreState core;
  if (absl::Status s = internal::ReplayHistory(m, lead, events, as_of, t, &core, &observer);
      !s.ok()) {
    return s;
  }
  internal::ReportedStage reported;
  internal::ReadCore(m, lead, core, t, /*explain=*/true, &ex.scorecard, &reported);
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const internal::Rule& r = m.rules[i];
    RuleExplanation& re = ex.rules[i];
    re.rule = r.id;
    re.dimension = m.dimensions[r.dimension].name;
    re.kind = r.kind == internal::Rule::Kind::kAttribute ? RuleExplanation::Kind::kAttribute
              : r.kind == internal::Rule::Kind::kEvent   ? RuleExplanation::Kind::kEvent
                                                         : RuleExplanation::Kind::kPattern;
    for (const ExplainEntry& e : ex.scorecard.explain) {
      if (e.rule != r.id) continue;
      re.contributes = true;
      re.points = e.points;
      if (e.events) re.expired = re.counted - *e.events;
    }
    if (!re.contributes && r.kind == internal::Rule::Kind::kEvent) re.expired = re.counted;
  }
  if (!m.lifecycle) return ex;
  const internal::Lifecycle& lc = *m.lifecycle;
  internal::Snapshot snap;
  internal::TakeSnapshot(m, core, t, &snap);
  internal::EvalEnv env = internal::LifecycleEnv(m, lead, core, snap, t);
  // What the as_of moment's thresholds see (v1.1): the stage held before it,
  // which decides whether a threshold's exit_when applies.
  int held;
  int64_t held_since;
  internal::StageBeforeAsOf(m, lead, core, t, &held, &held_since);
  env.stage = std::max(held, 0);
  env.stage_since = held < 0 ? t : held_since;
  for (size_t i = 0; i < lc.thresholds.size(); ++i) {
    const internal::Threshold& th = lc.thresholds[i];
    ThresholdExplanation te;
    te.stage = lc.stages[th.stage];
    te.index = static_cast<int>(i);
    // Past its stage, a threshold with exit_when holds while that does not.
    const bool exiting = th.exit_when && th.stage <= env.stage;
    const internal::Condition& c = exiting ? *th.exit_when : th.when;
    te.holds = internal::Evaluate(c, env) != exiting;
    CollectChecks(m, c, env, /*negated=*/exiting, &te.checks);
    ex.thresholds.push_back(std::move(te));
  }
  if (reported.is_stage()) {
    for (size_t s = reported.index + 1; s < lc.stages.size(); ++s) {
      if (lc.thresholds_by_stage[s].empty()) continue;
      ex.next_stage = lc.stages[s];
      for (int th : lc.thresholds_by_stage[s]) ex.next_stage_thresholds.push_back(ex.thresholds[th]);
      break;
    }
  }
  return ex;
}

std::string FormatExplanation(const Explanation& ex) {
  const Scorecard& c = ex.scorecard;
  std::string out = absl::StrCat("Lead ", c.lead_id, " as of ", FormatTimestamp(c.as_of), "\n");
  absl::StrAppend(&out, "  consent: ", c.valid ? "granted (valid lead)" : "NOT granted (invalid lead)", "\n");
  if (c.stage) {
    absl::StrAppend(&out, "  stage: ", *c.stage);
    if (c.stage_entered_at) {
      absl::StrAppend(&out, " since ", FormatTimestamp(*c.stage_entered_at));
    } else if (c.stage_kind == StageKind::kHostAsserted) {
      absl::StrAppend(&out, " (asserted by the host)");
    }
    if (c.funnel) absl::StrAppend(&out, ", funnel ", *c.funnel);
    absl::StrAppend(&out, "\n");
  }
  if (!c.labels.empty()) absl::StrAppend(&out, "  labels: ", absl::StrJoin(c.labels, ", "), "\n");
  absl::StrAppend(&out, "\nScores (total ", Num(c.total), "):\n");
  for (const DimensionScore& d : c.dimensions) {
    absl::StrAppend(&out, "  ", d.dimension, ": ", Num(d.score));
    if (d.grade) absl::StrAppend(&out, " (grade ", *d.grade, ")");
    absl::StrAppend(&out, "\n");
    for (const RuleExplanation& r : ex.rules) {
      if (r.dimension != d.dimension) continue;
      std::vector<std::string> notes;
      if (r.kind == RuleExplanation::Kind::kEvent && r.matched > 0) {
        notes.push_back(absl::StrCat(r.matched, " matching event", r.matched == 1 ? "" : "s", ", ",
                                     r.counted - r.expired, " counting"));
        if (r.cut_by_max_per_lead) notes.push_back(absl::StrCat(r.cut_by_max_per_lead, " cut by max_per_lead"));
        if (r.cut_by_max_per_window) notes.push_back(absl::StrCat(r.cut_by_max_per_window, " cut by max_per_window"));
        if (r.expired) notes.push_back(absl::StrCat(r.expired, " expired (within_days)"));
      } else if (r.kind == RuleExplanation::Kind::kPattern && r.matched > 0) {
        notes.push_back(absl::StrCat(r.matched, " matching event", r.matched == 1 ? "" : "s",
                                     r.contributes ? ", pattern met" : ", pattern not met now"));
      }
      if (!r.contributes && notes.empty()) continue;
      absl::StrAppend(&out, "    ", r.contributes ? absl::StrFormat("%+8.2f", r.points) : std::string("       -"),
                      "  ", r.rule);
      if (!notes.empty()) absl::StrAppend(&out, "  (", absl::StrJoin(notes, "; "), ")");
      absl::StrAppend(&out, "\n");
    }
  }
  auto print_thresholds = [&](const std::vector<ThresholdExplanation>& ts) {
    for (const ThresholdExplanation& t : ts) {
      absl::StrAppend(&out, "  [", t.holds ? "met" : "not met", "] ", t.stage, " (threshold ", t.index, ")\n");
      for (const ConditionCheck& ch : t.checks) {
        absl::StrAppend(&out, "      ", ch.holds ? "yes" : "no ", "  ", ch.text);
        if (ch.missing_points) absl::StrAppend(&out, "  -- ", Num(*ch.missing_points), " points missing");
        absl::StrAppend(&out, "\n");
      }
    }
  };
  if (!ex.thresholds.empty()) {
    absl::StrAppend(&out, "\nThresholds at as_of:\n");
    print_thresholds(ex.thresholds);
  }
  if (ex.next_stage) {
    absl::StrAppend(&out, "\nNext stage: ", *ex.next_stage, " (any one of its thresholds must hold)\n");
  }
  return out;
}

}  // namespace leadscore
