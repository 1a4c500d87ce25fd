// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// DiffModels: both models score the same population (one BatchScorer each),
// then the scorecards are compared lead by lead and summarised (model_diff.h).

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "leadscore/batch.h"
#include "leadscore/model_diff.h"

namespace leadscore {

size_t StageMatrix::moved() const {
  size_t n = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    for (size_t j = 0; j < counts[i].size(); ++j) {
      if (i != j) n += counts[i][j];
    }
  }
  return n;
}

size_t StageMatrix::count(const std::string& from, const std::string& to) const {
  const auto i = std::find(stages.begin(), stages.end(), from);
  const auto j = std::find(stages.begin(), stages.end(), to);
  if (i == stages.end() || j == stages.end()) return 0;
  return counts[i - stages.begin()][j - stages.begin()];
}

namespace {

// Scores `leads` under `model` into `cards` (by input index) and the refusals
// into `statuses`.
absl::Status ScoreAll(std::shared_ptr<const Model> model, absl::Span<const Lead> leads,
                      absl::Span<const Event> events, absl::Time as_of,
                      const ModelDiffOptions& options, std::vector<LeadDiff>* diffs,
                      bool is_old) {
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, as_of);
  if (!batch.ok()) return batch.status();
  std::vector<size_t> accepted;
  accepted.reserve(leads.size());
  for (size_t i = 0; i < leads.size(); ++i) {
    if (absl::IsAlreadyExists((*diffs)[i].old_status)) continue;  // a repeated id
    absl::Status s = batch->AddLead(leads[i]);
    if (s.ok()) {
      accepted.push_back(i);
    } else {
      (is_old ? (*diffs)[i].old_status : (*diffs)[i].new_status) = std::move(s);
    }
  }
  batch->ReserveEvents(events.size());
  for (const Event& e : events) {
    if (absl::Status s = batch->AddEvent(e); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("event '", e.id.value_or(""), "' of lead '",
                                                 e.lead_id, "': ", s.message()));
    }
  }
  BatchOptions batch_options;
  batch_options.explain = options.explain;
  batch_options.threads = options.threads;
  size_t next = 0;
  batch->Score(batch_options, [&](const Scorecard& card) {
    LeadDiff& d = (*diffs)[accepted[next++]];
    (is_old ? d.old_card : d.new_card) = card;
  });
  return absl::OkStatus();
}

// The matrix labels: old stages, new stages, then the derived ones.
std::vector<std::string> StageOrder(const Model& old_model, const Model& new_model,
                                    const std::vector<LeadDiff>& leads) {
  std::vector<std::string> candidates = old_model.stages();
  for (const std::string& s : new_model.stages()) {
    if (std::find(candidates.begin(), candidates.end(), s) == candidates.end()) {
      candidates.push_back(s);
    }
  }
  for (const char* s : {"disqualified", "invalid", ""}) {
    if (std::find(candidates.begin(), candidates.end(), s) == candidates.end()) {
      candidates.push_back(s);
    }
  }
  absl::flat_hash_set<std::string> seen;
  for (const LeadDiff& d : leads) {
    if (!d.scored_by_both()) continue;
    seen.insert(d.comparison.old_stage.value_or(""));
    seen.insert(d.comparison.new_stage.value_or(""));
  }
  std::vector<std::string> order;
  for (std::string& s : candidates) {
    if (seen.contains(s)) order.push_back(std::move(s));
  }
  return order;
}

StageMatrix BuildMatrix(const Model& old_model, const Model& new_model,
                        const std::vector<LeadDiff>& leads) {
  StageMatrix m;
  m.stages = StageOrder(old_model, new_model, leads);
  absl::flat_hash_map<std::string, size_t> index;
  for (size_t i = 0; i < m.stages.size(); ++i) index[m.stages[i]] = i;
  m.counts.assign(m.stages.size(), std::vector<size_t>(m.stages.size(), 0));
  for (const LeadDiff& d : leads) {
    if (!d.scored_by_both()) continue;
    ++m.counts[index.at(d.comparison.old_stage.value_or(""))]
              [index.at(d.comparison.new_stage.value_or(""))];
  }
  return m;
}

// Nearest rank over `sorted` (ascending, not empty).
double Quantile(const std::vector<double>& sorted, double q) {
  const size_t n = sorted.size();
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
  rank = std::clamp<size_t>(rank, 1, n);
  return sorted[rank - 1];
}

// `deltas` in input order, with the lead id of each.
DeltaSummary Summarise(std::string dimension,
                       const std::vector<std::pair<double, const std::string*>>& deltas,
                       double tolerance) {
  DeltaSummary s;
  s.dimension = std::move(dimension);
  s.leads = deltas.size();
  if (deltas.empty()) return s;
  std::vector<double> signed_deltas, abs_deltas;
  double sum = 0, abs_sum = 0;
  for (const auto& [delta, id] : deltas) {
    if (delta > tolerance) ++s.up;
    if (delta < -tolerance) ++s.down;
    sum += delta;
    abs_sum += std::abs(delta);
    if (std::abs(delta) > s.max_abs_delta) {
      s.max_abs_delta = std::abs(delta);
      s.max_abs_lead_id = *id;
    }
    signed_deltas.push_back(delta);
    abs_deltas.push_back(std::abs(delta));
  }
  if (s.max_abs_delta <= tolerance) s.max_abs_lead_id.clear();  // none moved
  s.moved = s.up + s.down;
  const double n = static_cast<double>(deltas.size());
  s.mean_delta = sum / n;
  s.mean_abs_delta = abs_sum / n;
  std::sort(signed_deltas.begin(), signed_deltas.end());
  std::sort(abs_deltas.begin(), abs_deltas.end());
  s.median_abs_delta = Quantile(abs_deltas, 0.5);
  s.min = signed_deltas.front();
  s.p10 = Quantile(signed_deltas, 0.10);
  s.p25 = Quantile(signed_deltas, 0.25);
  s.p50 = Quantile(signed_deltas, 0.50);
  s.p75 = Quantile(signed_deltas, 0.75);
  s.p90 = Quantile(signed_deltas, 0.90);
  s.max = signed_deltas.back();
  return s;
}

void SummariseDeltas(ModelDiff* diff) {
  std::vector<std::pair<double, const std::string*>> totals;
  // Dimensions in first-seen order (that of ScorecardComparison::dimensions).
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::pair<double, const std::string*>>> by_dimension;
  for (const LeadDiff& d : diff->leads) {
    if (!d.scored_by_both()) continue;
    totals.emplace_back(d.comparison.total_delta(), &d.lead_id);
    for (const ScoreDelta& s : d.comparison.dimensions) {
      auto [it, inserted] = by_dimension.try_emplace(s.dimension);
      if (inserted) names.push_back(s.dimension);
      it->second.emplace_back(s.delta(), &d.lead_id);
    }
  }
  diff->total = Summarise("total", totals, diff->tolerance);
  for (const std::string& name : names) {
    diff->dimensions.push_back(Summarise(name, by_dimension[name], diff->tolerance));
  }
}

void SummariseRules(ModelDiff* diff) {
  std::map<std::string, RuleImpact> by_rule;
  for (const LeadDiff& d : diff->leads) {
    if (!d.scored_by_both()) continue;
    for (const RuleChange& c : d.comparison.rules) {
      RuleImpact& r = by_rule[c.rule];
      r.rule = c.rule;
      if (r.dimension.empty()) r.dimension = c.dimension;
      ++r.leads;
      switch (c.kind) {
        case RuleChange::Kind::kAdded: ++r.added; break;
        case RuleChange::Kind::kRemoved: ++r.removed; break;
        case RuleChange::Kind::kChanged: ++r.changed; break;
      }
      r.total_delta += c.delta();
    }
  }
  for (auto& [rule, impact] : by_rule) diff->rules.push_back(std::move(impact));
  std::stable_sort(diff->rules.begin(), diff->rules.end(),
                   [](const RuleImpact& a, const RuleImpact& b) {
                     if (a.leads != b.leads) return a.leads > b.leads;
                     return std::abs(a.total_delta) > std::abs(b.total_delta);
                   });
}

}  // namespace

absl::StatusOr<ModelDiff> DiffModels(std::shared_ptr<const Model> old_model,
                                     std::shared_ptr<const Model> new_model,
                                     absl::Span<const Lead> leads,
                                     absl::Span<const Event> events, absl::Time as_of,
                                     const ModelDiffOptions& options) {
  if (old_model == nullptr || new_model == nullptr) {
    return absl::InvalidArgumentError("DiffModels: both models are required (got null)");
  }
  if (!std::isfinite(options.tolerance) || options.tolerance < 0) {
    return absl::InvalidArgumentError(
        "DiffModels: the tolerance must be a finite number >= 0");
  }
  if (options.threads < 1) {
    return absl::InvalidArgumentError("DiffModels: threads must be at least 1");
  }
  ModelDiff diff;
  diff.old_name = old_model->name();
  diff.old_version = old_model->version();
  diff.new_name = new_model->name();
  diff.new_version = new_model->version();
  diff.as_of = as_of;
  diff.tolerance = options.tolerance;
  diff.lead_count = leads.size();
  diff.event_count = events.size();
  diff.leads.resize(leads.size());
  // A repeated id is refused by both models alike, whichever of them took
  // (or refused) the first copy.
  absl::flat_hash_set<absl::string_view> ids;
  for (size_t i = 0; i < leads.size(); ++i) {
    diff.leads[i].lead_id = leads[i].id;
    diff.leads[i].index = i;
    if (!ids.insert(leads[i].id).second) {
      diff.leads[i].old_status = diff.leads[i].new_status = absl::AlreadyExistsError(
          absl::StrCat("lead id '", leads[i].id, "' was given before"));
    }
  }
  if (absl::Status s = ScoreAll(old_model, leads, events, as_of, options, &diff.leads,
                                /*is_old=*/true);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ScoreAll(new_model, leads, events, as_of, options, &diff.leads,
                                /*is_old=*/false);
      !s.ok()) {
    return s;
  }
  // Events of no given lead (either batch counts events of the leads it
  // refused as unknown too, so count here).
  for (const Event& e : events) {
    if (!ids.contains(e.lead_id)) {
      ++diff.unknown_lead_events;
    } else if (e.at > as_of) {
      ++diff.events_after_as_of;
    }
  }

  for (LeadDiff& d : diff.leads) {
    if (d.scored_by_both()) {
      d.comparison = CompareScorecards(*d.old_card, *d.new_card, options.tolerance);
      ++diff.compared;
      if (d.comparison.stage_changed) ++diff.stage_changed;
      if (d.comparison.score_changed) ++diff.score_changed;
      if (d.comparison.grade_changed) ++diff.grade_changed;
    } else if (d.old_card) {
      ++diff.refused_by_new;
    } else if (d.new_card) {
      ++diff.refused_by_old;
    } else {
      ++diff.refused_by_both;
    }
    if (d.changed()) ++diff.changed;
  }
  diff.stages = BuildMatrix(*old_model, *new_model, diff.leads);
  SummariseDeltas(&diff);
  SummariseRules(&diff);
  return diff;
}

}  // namespace leadscore
