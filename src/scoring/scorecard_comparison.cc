// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// CompareScorecards: one lead's two scorecards, dimension by dimension and
// rule by rule (model_diff.h). Shared by DiffModels and ShadowScorer.

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "leadscore/model_diff.h"

namespace leadscore {

const char* RuleChangeKindName(RuleChange::Kind kind) {
  switch (kind) {
    case RuleChange::Kind::kAdded:
      return "added";
    case RuleChange::Kind::kRemoved:
      return "removed";
    case RuleChange::Kind::kChanged:
      return "changed";
  }
  return "changed";
}

namespace {

bool Moved(double delta, double tolerance) { return std::abs(delta) > tolerance; }

// The rules whose explain entries differ: an entry on one side only, or
// other points. Entries with equal points on both sides are no change.
std::vector<RuleChange> RuleChanges(const Scorecard& old_card, const Scorecard& new_card) {
  struct Sides {
    const ExplainEntry* old_entry = nullptr;
    const ExplainEntry* new_entry = nullptr;
  };
  std::map<std::string, Sides> by_rule;  // ordered: ties sort by rule id
  for (const ExplainEntry& e : old_card.explain) by_rule[e.rule].old_entry = &e;
  for (const ExplainEntry& e : new_card.explain) by_rule[e.rule].new_entry = &e;
  std::vector<RuleChange> changes;
  for (const auto& [rule, sides] : by_rule) {
    RuleChange c;
    c.rule = rule;
    if (sides.old_entry != nullptr) c.old_points = sides.old_entry->points;
    if (sides.new_entry != nullptr) c.new_points = sides.new_entry->points;
    if (sides.old_entry == nullptr) {
      c.kind = RuleChange::Kind::kAdded;
    } else if (sides.new_entry == nullptr) {
      c.kind = RuleChange::Kind::kRemoved;
    } else if (c.old_points == c.new_points) {
      continue;
    } else {
      c.kind = RuleChange::Kind::kChanged;
    }
    c.dimension = sides.new_entry != nullptr ? sides.new_entry->dimension
                                             : sides.old_entry->dimension;
    changes.push_back(std::move(c));
  }
  std::stable_sort(changes.begin(), changes.end(), [](const RuleChange& a, const RuleChange& b) {
    return std::abs(a.delta()) > std::abs(b.delta());
  });
  return changes;
}

}  // namespace

ScorecardComparison CompareScorecards(const Scorecard& old_card, const Scorecard& new_card,
                                      double tolerance) {
  ScorecardComparison c;
  c.old_stage = old_card.stage;
  c.new_stage = new_card.stage;
  c.stage_changed = old_card.stage != new_card.stage;
  c.old_total = old_card.total;
  c.new_total = new_card.total;
  c.score_changed = Moved(c.total_delta(), tolerance);
  for (const DimensionScore& d : old_card.dimensions) {
    ScoreDelta s;
    s.dimension = d.dimension;
    s.old_score = d.score;
    s.old_grade = d.grade;
    c.dimensions.push_back(std::move(s));
  }
  for (const DimensionScore& d : new_card.dimensions) {
    auto it = std::find_if(c.dimensions.begin(), c.dimensions.end(),
                           [&](const ScoreDelta& s) { return s.dimension == d.dimension; });
    if (it == c.dimensions.end()) {
      ScoreDelta s;
      s.dimension = d.dimension;
      c.dimensions.push_back(std::move(s));
      it = c.dimensions.end() - 1;
    }
    it->new_score = d.score;
    it->new_grade = d.grade;
  }
  for (const ScoreDelta& s : c.dimensions) {
    if (Moved(s.delta(), tolerance)) c.score_changed = true;
    if (s.old_score && s.new_score && s.old_grade != s.new_grade) c.grade_changed = true;
  }
  c.rules = RuleChanges(old_card, new_card);
  return c;
}

}  // namespace leadscore
