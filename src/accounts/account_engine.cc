// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "accounts/account_engine.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "engine/condition_eval.h"
#include "engine/engine.h"
#include "leadscore/time.h"
#include "util/ascii.h"

namespace leadscore {
namespace internal {
namespace {

const char* AggregateName(AccountSource::Aggregate a) {
  switch (a) {
    case AccountSource::Aggregate::kSum: return "sum";
    case AccountSource::Aggregate::kMax: return "max";
    case AccountSource::Aggregate::kTopKMean: return "top_k_mean";
  }
  return "";
}

// A counting member and its scores at the moment.
struct Counted {
  size_t member = 0;  // index in the members (leads order)
  Snapshot snapshot;
};

// `from`: the aggregate of the counting leads' (capped) values.
double Aggregate(const AccountSource& src, const std::vector<Counted>& counted,
                 absl::Span<const MemberCore> members, AccountExplainEntry* explain) {
  std::vector<std::pair<double, size_t>> values;  // (value, index in counted)
  values.reserve(counted.size());
  for (size_t i = 0; i < counted.size(); ++i) {
    const Snapshot& s = counted[i].snapshot;
    double v = src.lead_dimension < 0 ? s.total : s.scores[src.lead_dimension];
    if (src.lead_cap) v = std::min(v, *src.lead_cap);
    values.emplace_back(v, i);
  }
  // Descending value, then leads order: the order explanations list and
  // top_k_mean and max choose in.
  std::vector<std::pair<double, size_t>> ranked = values;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  double result = 0;
  size_t chosen = 0;  // a prefix of `ranked` (sum: all non-zero, listed below)
  switch (src.aggregate) {
    case AccountSource::Aggregate::kSum:
      // Summed in leads order (a fixed order, so every path adds alike).
      for (const auto& [v, i] : values) result += v;
      chosen = ranked.size();
      break;
    case AccountSource::Aggregate::kMax:
      if (!ranked.empty()) result = ranked.front().first;
      chosen = ranked.empty() ? 0 : 1;
      break;
    case AccountSource::Aggregate::kTopKMean: {
      chosen = std::min(ranked.size(), static_cast<size_t>(src.k));
      double sum = 0;
      for (size_t i = 0; i < chosen; ++i) sum += ranked[i].first;
      // Fewer than k counting leads: the missing count as 0.
      result = sum / static_cast<double>(src.k);
      break;
    }
  }
  if (explain != nullptr) {
    explain->kind = AccountExplainEntry::Kind::kAggregate;
    explain->from = src.score_name;
    explain->aggregate = AggregateName(src.aggregate);
    explain->points = result;
    for (size_t i = 0; i < chosen; ++i) {
      const auto& [v, c] = ranked[i];
      if (src.aggregate == AccountSource::Aggregate::kSum && v == 0) continue;
      explain->leads.push_back({members[counted[c].member].lead->id, v});
    }
  }
  return result;
}

// Persona coverage: distinct values of the attribute among the counting leads
// `where` holds for, times points.
double Coverage(const CompiledModel& m, const AccountSource& src,
                const std::vector<Counted>& counted, absl::Span<const MemberCore> members,
                int64_t now, AccountExplainEntry* explain) {
  absl::flat_hash_map<std::string, size_t> seen;  // lower-cased -> index in values
  std::vector<std::string> values, value_leads;
  for (const Counted& c : counted) {
    const MemberCore& member = members[c.member];
    if (src.where) {
      const EvalEnv env = LifecycleEnv(m, *member.lead, *member.core, c.snapshot, now);
      if (!Evaluate(*src.where, env)) continue;
    }
    auto it = member.lead->attributes.find(src.attr);
    if (it == member.lead->attributes.end()) continue;
    auto add = [&](const Value& v) {
      if (!v.is_string()) return;
      if (seen.emplace(AsciiLower(v.as_string()), values.size()).second) {
        values.emplace_back(v.as_string());
        value_leads.push_back(member.lead->id);
      }
    };
    if (it->second.is_array()) {
      for (const Value& v : it->second.as_array()) add(v);
    } else {
      add(it->second);
    }
  }
  const double result = static_cast<double>(values.size()) * src.points;
  if (explain != nullptr) {
    explain->kind = AccountExplainEntry::Kind::kCoverage;
    explain->coverage = src.attr;
    explain->points = result;
    explain->values = std::move(values);
    explain->value_leads = std::move(value_leads);
  }
  return result;
}

double Clamp(const Dimension& d, double raw) {
  if (d.min && raw < *d.min) return *d.min;
  if (d.max && raw > *d.max) return *d.max;
  return raw;
}

int GradeOf(const Dimension& d, double score) {
  for (size_t g = 0; g < d.grades.size(); ++g) {
    if (!d.grades[g].min || *d.grades[g].min <= score) return static_cast<int>(g);
  }
  return -1;
}

EvalEnv AccountEnv(const AccountModel& am, const Account& account, const AccountSnapshot& s) {
  EvalEnv env;
  env.attrs = &account.attributes;
  env.scores = s.scores.data();
  env.total = s.total;
  env.grades = s.grades.data();
  env.model = &am.model;
  return env;
}

}  // namespace

void AccountMoment(const CompiledModel& m, const Account& account,
                   absl::Span<const MemberCore> members, int64_t now, AccountSnapshot* out,
                   std::vector<AccountExplainEntry>* explain) {
  const AccountModel& am = *m.accounts;
  std::vector<Counted> counted;
  for (size_t i = 0; i < members.size(); ++i) {
    const MemberCore& member = members[i];
    if (!member.lead->consent.GrantedAt(FromEngineNanos(now))) continue;
    Counted c;
    c.member = i;
    TakeSnapshot(m, *member.core, now, &c.snapshot);
    if (m.lifecycle && m.lifecycle->disqualify_when && !member.lead->stage &&
        Evaluate(*m.lifecycle->disqualify_when,
                 LifecycleEnv(m, *member.lead, *member.core, c.snapshot, now))) {
      continue;
    }
    counted.push_back(std::move(c));
  }
  const size_t dims = am.model.dimensions.size();
  std::vector<double> raw(dims, 0);
  if (explain != nullptr) explain->clear();
  for (size_t d = 0; d < dims; ++d) {
    const AccountSource& src = am.sources[d];
    if (src.kind == AccountSource::Kind::kNone) continue;
    AccountExplainEntry entry;
    AccountExplainEntry* e = explain != nullptr ? &entry : nullptr;
    raw[d] = src.kind == AccountSource::Kind::kFrom
                 ? Aggregate(src, counted, members, e)
                 : Coverage(m, src, counted, members, now, e);
    if (e != nullptr) {
      entry.dimension = am.model.dimensions[d].name;
      explain->push_back(std::move(entry));
    }
  }
  // Account rules read the account's attributes only.
  EvalEnv attrs_env;
  attrs_env.attrs = &account.attributes;
  attrs_env.model = &am.model;
  for (const Rule& r : am.model.rules) {
    if (r.when && !Evaluate(*r.when, attrs_env)) continue;
    raw[r.dimension] += r.points;
    if (explain != nullptr) {
      AccountExplainEntry entry;
      entry.kind = AccountExplainEntry::Kind::kRule;
      entry.rule = r.id;
      entry.dimension = am.model.dimensions[r.dimension].name;
      entry.points = r.points;
      explain->push_back(std::move(entry));
    }
  }
  out->scores.assign(dims, 0);
  out->grades.assign(dims, -1);
  out->total = 0;
  for (size_t d = 0; d < dims; ++d) {
    const Dimension& dim = am.model.dimensions[d];
    out->scores[d] = Clamp(dim, raw[d]);
    out->grades[d] = GradeOf(dim, out->scores[d]);
    out->total += dim.weight * out->scores[d];
  }
  out->counting = counted.size();
}

int ComputeAccountStage(const AccountModel& am, const Account& account,
                        const AccountSnapshot& s) {
  const Lifecycle& lc = *am.model.lifecycle;
  const EvalEnv env = AccountEnv(am, account, s);
  for (int stage = static_cast<int>(lc.stages.size()) - 1; stage > 0; --stage) {
    for (int t : lc.thresholds_by_stage[stage]) {
      if (Evaluate(lc.thresholds[t].when, env)) return stage;
    }
  }
  return 0;
}

std::vector<std::string> AccountLabels(const AccountModel& am, const Account& account,
                                       const AccountSnapshot& s) {
  std::vector<std::string> labels;
  if (!am.model.lifecycle) return labels;
  const EvalEnv env = AccountEnv(am, account, s);
  for (const Label& l : am.model.lifecycle->labels) {
    if (Evaluate(l.when, env)) labels.push_back(l.name);
  }
  return labels;
}

void RelabelWithAccount(const CompiledModel& m, const Lead& lead, const CoreState& core,
                        int64_t now, const AccountScorecard* account, Scorecard* card) {
  if (!m.lifecycle || m.accounts == nullptr) return;
  Snapshot s;
  TakeSnapshot(m, core, now, &s);
  EvalEnv env = LifecycleEnv(m, lead, core, s, now);
  std::vector<double> scores;
  AccountView view;
  if (account != nullptr) {
    for (const DimensionScore& d : account->dimensions) scores.push_back(d.score);
    view.scores = scores.data();
    view.total = account->total;
    if (account->stage) {
      auto it = m.accounts->stage_index.find(*account->stage);
      if (it != m.accounts->stage_index.end()) view.stage = it->second;
    }
    env.account = &view;
  }
  card->labels.clear();
  for (const Label& l : m.lifecycle->labels) {
    if (Evaluate(l.when, env)) card->labels.push_back(l.name);
  }
}

}  // namespace internal
}  // namespace leadscore
