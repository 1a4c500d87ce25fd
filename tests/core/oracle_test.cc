// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Randomized property test: the library against the reference implementation
// of spec v1 (tests/support/reference/, ScoreWholeHistory as the oracle), on
// random models, leads and event streams (tests/support/random_cases.h, fixed
// seeds).
//
//   (a) Scorer::ScoreHistory on shuffled histories with duplicates;
//   (b) BatchScorer with the events of several leads interleaved;
//   (c) Scorer::Start + Apply, events in time order with re-sent duplicates and
//       small local shuffles (reorder_window 64), then Score at as_of;
//   (d) Start + Apply in fully random order (reorder_window > event count);
//   (e) long nearly-sorted streams with a small reorder_window (8), so the
//       state's log slides and checkpoints are taken;
//   (f) [edge] window lengths that are not a whole number of nanoseconds;
//   (g) [edge] events anywhere in 1900-2189, huge and tiny windows and
//       half-lives;
//   (h) every operator of spec 3.2 (ScoreHistory and random-order streams);
// plus self-checks of the reference (the worked example of docs/concepts.md;
// its model reader on generated and bundled models and on what it refuses;
// its streaming HostLoop, the benchmarks' naive baseline, against its
// whole-history scoring in any arrival order, and against the library on the
// bundled data under every bundled model) and the minimal cases the random
// ones led to.
//
// Every scorecard field is compared. On a mismatch the case is printed
// (seed, model JSON, lead, events in the order given to the library, both
// results). Environment knobs for reproducing:
//   LEADSCORE_ORACLE_SEED=N    run only model number N of each test case
//   LEADSCORE_ORACLE_SCALE=F   multiply the number of cases by F
//   LEADSCORE_ORACLE_DUMP=DIR  also write each mismatch, unwrapped, to DIR
//   LEADSCORE_ORACLE_STATS=1   print what the random cases covered

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "support/random_cases.h"
#include "support/reference/reference.h"
#include "support/reference/to_library.h"

namespace {

using namespace reference;  // NOLINT
using leadscore::ApplyResult;
using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::ScorerOptions;

// ---------------------------------------------------------------------------
// Knobs
// ---------------------------------------------------------------------------

int Scaled(int n) {
  const char* s = std::getenv("LEADSCORE_ORACLE_SCALE");
  if (s == nullptr) return n;
  return std::max(1, static_cast<int>(n * std::atof(s)));
}

// Model numbers to run: all of [0, n), or just LEADSCORE_ORACLE_SEED.
std::vector<int> ModelNumbers(int n) {
  std::vector<int> out;
  if (const char* s = std::getenv("LEADSCORE_ORACLE_SEED")) {
    out.push_back(std::atoi(s));
    return out;
  }
  for (int i = 0; i < n; ++i) out.push_back(i);
  return out;
}

constexpr int kMaxReportedMismatches = 3;

// What the random cases covered (printed with LEADSCORE_ORACLE_STATS=1).
struct Stats {
  std::map<std::string, long> n;
  void Add(const OModel& m, const OResult& r) {
    ++n["cases"];
    n["kept events"] += static_cast<long>(r.kept_events);
    n["dropped copies"] += static_cast<long>(r.dropped_copies);
    if (r.stage) ++n["stage " + *r.stage];
    if (!m.lc) ++n["no lifecycle"];
    if (r.stage_entered_at) ++n["stage_entered_at set"];
    if (!r.labels.empty()) ++n["labels non-empty"];
    if (r.funnel) ++n["funnel set"];
    for (size_t i = 0; i < r.grades.size(); ++i) n["grade set"] += r.grades[i].has_value();
    for (const auto& e : r.explain) {
      ++n[std::string("explain ") + e.rule.substr(0, 3)];
    }
  }
  void Print(const char* test) const {
    if (std::getenv("LEADSCORE_ORACLE_STATS") == nullptr) return;
    std::ostringstream o;
    o << test << ":";
    for (const auto& [k, v] : n) o << "\n  " << k << ": " << v;
    WARN(o.str());
  }
};

Stats g_stats;  // of the running test case

// ---------------------------------------------------------------------------
// Conversions to the library's types
// ---------------------------------------------------------------------------

// The library's leads, events and values: support/reference/to_library.h.
using reference::ToLib;

// ---------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------

std::string Ts(int64_t ns) { return leadscore::FormatTimestamp(absl::FromUnixNanos(ns)); }

std::string LeadJson(const OLead& l) {
  ojson o = ojson::object();
  o["id"] = l.id;
  switch (l.consent_form) {
    case OLead::kMissing: break;
    case OLead::kTrue: o["consent"] = true; break;
    case OLead::kFalse: o["consent"] = false; break;
    case OLead::kObject: {
      ojson c = ojson::object();
      c["granted"] = l.granted;
      if (l.granted_at) c["at"] = Ts(*l.granted_at);
      o["consent"] = c;
      break;
    }
  }
  if (l.stage) o["stage"] = *l.stage;
  o["attributes"] = ToJson(l.attrs);
  return o.dump();
}

std::string EventsJsonl(const std::vector<OEvent>& ev, const std::string& lead_id) {
  std::string out;
  for (const auto& e : ev) {
    ojson o = ojson::object();
    if (e.id) o["id"] = *e.id;
    o["lead_id"] = lead_id;
    o["type"] = e.type;
    o["at"] = Ts(e.at);
    o["properties"] = ToJson(e.props);
    out += o.dump();
    out += "\n";
  }
  return out;
}

std::string OracleJson(const OModel& m, const OResult& r, int64_t as_of) {
  ojson o = ojson::object();
  o["as_of"] = Ts(as_of);
  o["valid"] = r.valid;
  ojson scores = ojson::object(), grades = ojson::object();
  for (size_t i = 0; i < m.dims.size(); ++i) {
    scores[m.dims[i].name] = static_cast<double>(r.scores[i]);
    grades[m.dims[i].name] = r.grades[i] ? ojson(*r.grades[i]) : ojson(nullptr);
  }
  o["scores"] = scores;
  o["total"] = static_cast<double>(r.total);
  o["grades"] = grades;
  o["stage"] = r.stage ? ojson(*r.stage) : ojson(nullptr);
  o["stage_entered_at"] = r.stage_entered_at ? ojson(Ts(*r.stage_entered_at)) : ojson(nullptr);
  o["labels"] = r.labels;
  o["funnel"] = r.funnel ? ojson(*r.funnel) : ojson(nullptr);
  ojson ex = ojson::array();
  for (const auto& e : r.explain) {
    ojson j = ojson::object();
    j["rule"] = e.rule;
    j["dimension"] = e.dimension;
    j["points"] = static_cast<double>(e.points);
    if (e.events) j["events"] = *e.events;
    ex.push_back(j);
  }
  o["explain"] = ex;
  return o.dump();
}

std::string CardJson(const Scorecard& c) {
  std::string s;
  leadscore::AppendScorecardJson(c, /*explain=*/true, &s);
  return s;
}

std::string Opt(const std::optional<std::string>& s) { return s ? "\"" + *s + "\"" : "null"; }

// ---------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------

bool Near(long double want, double got) {
  if (!std::isfinite(got)) return false;
  const long double d = std::fabs(want - static_cast<long double>(got));
  const long double mag = std::max(std::fabs(want), std::fabs(static_cast<long double>(got)));
  return d <= 1e-9L || d <= 1e-9L * mag;
}

std::string Num(long double v) {
  std::ostringstream o;
  o.precision(17);
  o << static_cast<double>(v);
  return o.str();
}

// Empty when the scorecard is the oracle's result; else what differs.
std::string Compare(const OModel& m, const OResult& w, const Scorecard& g,
                    const std::string& lead_id, int64_t as_of) {
  std::ostringstream o;
  if (g.lead_id != lead_id) o << "lead_id: want " << lead_id << ", got " << g.lead_id << "\n";
  if (absl::ToUnixNanos(g.as_of) != as_of) o << "as_of differs\n";
  if (w.valid != g.valid) o << "valid: want " << w.valid << ", got " << g.valid << "\n";
  if (g.dimensions.size() != m.dims.size()) {
    o << "dimension count: want " << m.dims.size() << ", got " << g.dimensions.size() << "\n";
  } else {
    for (size_t i = 0; i < m.dims.size(); ++i) {
      const auto& d = g.dimensions[i];
      if (d.dimension != m.dims[i].name) {
        o << "dimension " << i << ": want " << m.dims[i].name << ", got " << d.dimension << "\n";
      }
      if (!Near(w.scores[i], d.score)) {
        o << "score " << m.dims[i].name << ": want " << Num(w.scores[i]) << ", got "
          << Num(d.score) << "\n";
      }
      if (w.grades[i] != d.grade) {
        o << "grade " << m.dims[i].name << ": want " << Opt(w.grades[i]) << ", got "
          << Opt(d.grade) << "\n";
      }
    }
  }
  if (!Near(w.total, g.total)) {
    o << "total: want " << Num(w.total) << ", got " << Num(g.total) << "\n";
  }
  if (w.stage != g.stage) o << "stage: want " << Opt(w.stage) << ", got " << Opt(g.stage) << "\n";
  std::optional<int64_t> got_entered;
  if (g.stage_entered_at) got_entered = absl::ToUnixNanos(*g.stage_entered_at);
  if (w.stage_entered_at != got_entered) {
    o << "stage_entered_at: want "
      << (w.stage_entered_at ? Ts(*w.stage_entered_at) : std::string("null")) << ", got "
      << (got_entered ? Ts(*got_entered) : std::string("null")) << "\n";
  }
  if (w.labels != g.labels) {
    o << "labels: want " << ojson(w.labels).dump() << ", got " << ojson(g.labels).dump() << "\n";
  }
  if (w.funnel != g.funnel) {
    o << "funnel: want " << Opt(w.funnel) << ", got " << Opt(g.funnel) << "\n";
  }
  bool explain_ok = w.explain.size() == g.explain.size();
  for (size_t i = 0; explain_ok && i < w.explain.size(); ++i) {
    const auto& a = w.explain[i];
    const auto& b = g.explain[i];
    explain_ok = a.rule == b.rule && a.dimension == b.dimension && Near(a.points, b.points) &&
                 a.events == b.events;
  }
  if (!explain_ok) o << "explain differs\n";
  return o.str();
}

std::string Repro(const std::string& where, const std::string& model_json, const OLead& lead,
                  const std::vector<OEvent>& given, int64_t as_of, const std::string& oracle,
                  const std::string& library) {
  std::ostringstream o;
  o << where << "\nas_of: " << Ts(as_of) << "\nmodel: " << model_json
    << "\nlead: " << LeadJson(lead) << "\nevents (in the order given to the library):\n"
    << EventsJsonl(given, lead.id) << "oracle:  " << oracle << "\nlibrary: " << library;
  return o.str();
}

struct Loaded {
  OModel model;
  std::string json;
  std::shared_ptr<const leadscore::Model> lib;
};

// Generates a model and loads it into the library.
std::optional<Loaded> LoadModel(Rng& rng, const GenOptions& opt, const std::string& where) {
  Loaded l;
  l.model = GenModel(rng, opt);
  l.json = ToJson(l.model).dump();
  auto m = leadscore::Model::FromJson(l.json);
  if (!m.ok()) {
    INFO(where << "\nmodel: " << l.json);
    FAIL_CHECK("Model::FromJson rejected a generated model: " << m.status().ToString());
    return std::nullopt;
  }
  l.lib = *m;
  return l;
}

uint64_t SeedOf(uint64_t salt, int model_number) {
  return salt * 1000003ULL + static_cast<uint64_t>(model_number);
}

std::string Where(const char* test, int model_number, int lead_number) {
  std::ostringstream o;
  o << test << ": model number " << model_number << " (LEADSCORE_ORACLE_SEED=" << model_number
    << "), lead number " << lead_number;
  return o.str();
}

// Several leads of one model as of one time: 1 to `max_leads` leads, each
// with up to 30 events, as_of picked over all of them (the draws in this
// order, which the seeded cases depend on).
struct LeadsCase {
  std::vector<std::vector<OEvent>> events;  // per lead
  int64_t as_of = 0;
  std::vector<OLead> leads;
};

LeadsCase GenLeadsCase(Rng& rng, const OModel& m, const GenOptions& opt, int max_leads) {
  LeadsCase c;
  c.events.resize(rng.Int(1, max_leads));
  std::vector<OEvent> all;
  for (auto& e : c.events) {
    e = GenEvents(rng, 30, opt);
    all.insert(all.end(), e.begin(), e.end());
  }
  c.as_of = PickAsOf(rng, all, opt);
  for (size_t i = 0; i < c.events.size(); ++i) {
    c.leads.push_back(GenLead(rng, m, c.as_of, "L-" + std::to_string(i)));
  }
  return c;
}

// ---------------------------------------------------------------------------
// Streaming helpers
// ---------------------------------------------------------------------------

// The events at or before as_of, in event order (position = index in `ev`).
std::vector<OEvent> SortedUpTo(const std::vector<OEvent>& ev, int64_t as_of) {
  std::vector<OEvent> out;
  for (const auto& e : ev) {
    if (e.at <= as_of) out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const OEvent& x, const OEvent& y) {
    if (x.at != y.at) return x.at < y.at;
    if (x.id.has_value() != y.id.has_value()) return !x.id.has_value();
    if (x.id && *x.id != *y.id) return *x.id < *y.id;
    return false;
  });
  return out;
}

// Swaps of neighbours at distance <= `dist`.
void LocalShuffle(Rng& rng, std::vector<OEvent>& ev, int dist) {
  if (ev.size() < 2) return;
  const int swaps = static_cast<int>(ev.size()) / 3 + 1;
  for (int s = 0; s < swaps; ++s) {
    const int i = rng.Int(0, static_cast<int>(ev.size()) - 2);
    const int j = std::min(static_cast<int>(ev.size()) - 1, i + rng.Int(1, dist));
    std::swap(ev[i], ev[j]);
  }
}

// Re-sends some events with an id: an exact copy shortly after the original.
void Resend(Rng& rng, std::vector<OEvent>& ev, double p, int max_gap) {
  std::vector<OEvent> out;
  std::vector<std::pair<size_t, OEvent>> pending;  // insert after this index
  for (size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].id && rng.Chance(p)) pending.push_back({i + rng.Int(0, max_gap), ev[i]});
  }
  for (size_t i = 0; i < ev.size(); ++i) {
    out.push_back(ev[i]);
    for (const auto& [after, e] : pending) {
      if (after == i) out.push_back(e);
    }
  }
  for (const auto& [after, e] : pending) {
    if (after >= ev.size()) out.push_back(e);
  }
  ev = std::move(out);
}

// Event order of (at, id, arrival position) for the outcome model below.
struct Key {
  int64_t at;
  bool has_id;
  std::string id;
  size_t pos;
  bool operator<(const Key& o) const {
    if (at != o.at) return at < o.at;
    if (has_id != o.has_id) return !has_id;
    if (has_id && id != o.id) return id < o.id;
    return pos < o.pos;
  }
};

// The outcome scorer.h documents for applying `arrivals` in order to a state
// whose reorder window holds everything.
std::vector<ApplyResult::Outcome> ExpectedOutcomes(const std::vector<OEvent>& arrivals) {
  std::vector<ApplyResult::Outcome> out;
  std::vector<Key> kept;
  for (size_t p = 0; p < arrivals.size(); ++p) {
    const OEvent& e = arrivals[p];
    Key k{e.at, e.id.has_value(), e.id.value_or(""), p};
    bool replaced = false;
    if (e.id) {
      auto it = std::find_if(kept.begin(), kept.end(),
                             [&](const Key& x) { return x.has_id && x.id == *e.id; });
      if (it != kept.end()) {
        if (it->at <= e.at) {
          out.push_back(ApplyResult::Outcome::kDuplicate);
          continue;
        }
        kept.erase(it);
        replaced = true;
      }
    }
    bool late = replaced;
    for (const Key& x : kept) late = late || k < x;
    kept.push_back(k);
    out.push_back(late ? ApplyResult::Outcome::kReordered : ApplyResult::Outcome::kApplied);
  }
  return out;
}

const char* OutcomeName(ApplyResult::Outcome o) {
  switch (o) {
    case ApplyResult::Outcome::kApplied: return "kApplied";
    case ApplyResult::Outcome::kReordered: return "kReordered";
    case ApplyResult::Outcome::kDuplicate: return "kDuplicate";
    case ApplyResult::Outcome::kAlreadyApplied: return "kAlreadyApplied";
  }
  return "?";
}

struct Tally {
  int cases = 0;
  int mismatches = 0;
  bool done() const { return mismatches >= kMaxReportedMismatches; }
};

void Report(Tally* t, const std::string& repro, const std::string& diff) {
  ++t->mismatches;
  if (const char* dir = std::getenv("LEADSCORE_ORACLE_DUMP")) {
    std::ostringstream name;
    name << dir << "/oracle-mismatch-" << Catch::getResultCapture().getCurrentTestName().size()
         << "-" << std::hash<std::string>()(repro) << ".txt";
    FILE* f = std::fopen(name.str().c_str(), "w");
    if (f != nullptr) {
      std::fprintf(f, "%s\n%s\n", diff.c_str(), repro.c_str());
      std::fclose(f);
    }
  }
  INFO(repro);
  FAIL_CHECK(diff);
}

// Applies `arrivals` one by one and scores at as_of; compares with the oracle
// run on the same sequence (positions are arrival order).
void StreamAndCompare(const Loaded& lm, size_t reorder_window, const OLead& lead,
                      const std::vector<OEvent>& arrivals, int64_t as_of,
                      const std::string& where0, bool check_outcomes, Tally* t) {
  const std::string where = where0 + ", Scorer::Start + Apply (reorder_window " +
                            std::to_string(reorder_window) + ") + Score";
  Scorer scorer(lm.lib, ScorerOptions{reorder_window});
  const leadscore::Lead lib_lead = ToLib(lead);
  const OResult want = ScoreWholeHistory(lm.model, lead, arrivals, as_of);
  g_stats.Add(lm.model, want);
  const std::string want_json = OracleJson(lm.model, want, as_of);
  auto state = scorer.Start(lib_lead);
  if (!state.ok()) {
    Report(t, Repro(where, lm.json, lead, arrivals, as_of, want_json, "-"),
           "Scorer::Start failed: " + state.status().ToString());
    return;
  }
  const auto outcomes = ExpectedOutcomes(arrivals);
  std::string apply_problems;
  for (size_t i = 0; i < arrivals.size(); ++i) {
    auto r = scorer.Apply(lib_lead, ToLib(arrivals[i], lead.id), *state);
    if (!r.ok()) {
      apply_problems += "Apply #" + std::to_string(i) + " failed: " + r.status().ToString() + "\n";
      continue;
    }
    if (check_outcomes && r->outcome != outcomes[i]) {
      apply_problems += "Apply #" + std::to_string(i) + ": outcome " + OutcomeName(r->outcome) +
                        ", documented " + OutcomeName(outcomes[i]) + "\n";
    }
  }
  if (state->event_count() != want.kept_events) {
    apply_problems += "LeadState::event_count() " + std::to_string(state->event_count()) +
                      ", kept events " + std::to_string(want.kept_events) + "\n";
  }
  auto card = scorer.Score(lib_lead, *state, absl::FromUnixNanos(as_of), {/*explain=*/true});
  if (!card.ok()) {
    Report(t, Repro(where, lm.json, lead, arrivals, as_of, want_json, "-"),
           "Scorer::Score failed: " + card.status().ToString() + "\n" + apply_problems);
    return;
  }
  std::string diff = Compare(lm.model, want, *card, lead.id, as_of) + apply_problems;
  // The transitions chain to the scorecard's stage: after Advance to as_of,
  // the stage last reported is the one the scorecard shows (merges included).
  auto adv = scorer.Advance(lib_lead, *state, absl::FromUnixNanos(as_of));
  auto seen = scorer.StageSeen(*state);
  if (!adv.ok() || !seen.ok()) {
    diff += "Advance or StageSeen failed\n";
  } else if (*seen != card->stage) {
    diff += "stage last reported by the transitions " + Opt(*seen) + ", scorecard's " +
            Opt(card->stage) + "\n";
  }
  if (!diff.empty()) {
    Report(t, Repro(where, lm.json, lead, arrivals, as_of, want_json, CardJson(*card)), diff);
  }
}

// ---------------------------------------------------------------------------
// Oracle self-checks
// ---------------------------------------------------------------------------

TEST_CASE("oracle: window lengths in nanoseconds", "[oracle]") {
  CHECK(DaysToNs(0.1) == 8640LL * kNsPerSec);  // the decimal 0.1, not the double
  CHECK(DaysToNs(0.25) == 21600LL * kNsPerSec);
  CHECK(DaysToNs(45.5) == 3931200LL * kNsPerSec);
  CHECK(DaysToNs(7.000000000000001) == 7 * kNsPerDay + 1);  // 7 days + 0.0864 ns
  CHECK(DaysToNs(1e-12) == 87);                               // 86.4 ns
  CHECK(DaysToNs(1e-15) == 1);                                // 0.0864 ns
  CHECK(DaysToNs(3e-15) == 1);                                // 0.2592 ns
  CHECK(DaysToNs(1e-300) == 1);
  CHECK(DaysToNs(1.5e-9) == 129600);
  CHECK(DaysToNs(106751) == 106751 * kNsPerDay);
  CHECK(DaysToNs(106752) == INT64_MAX);
  CHECK(DaysToNs(1e300) == INT64_MAX);
  CHECK(InWindow(0, kNsPerDay, 1) == false);
  CHECK(InWindow(1, kNsPerDay, 1) == true);
  CHECK(InWindow(kNsPerDay, kNsPerDay, 1) == true);
  CHECK(InWindow(kMinEngineNs, kMaxEngineNs, 1e300) == true);
}


TEST_CASE("oracle: the naive oracle reproduces the worked example", "[oracle]") {
  OModel m;
  m.dims.push_back({"fit", 0.0, 100.0, 0.5, std::nullopt,
                    {{"A", 60.0}, {"B", 35.0}, {"C", 15.0}, {"D", std::nullopt}}});
  m.dims.push_back({"engagement", 0.0, 100.0, std::nullopt, 30.0, {}});
  auto leaf = [](Cond::Kind k, std::string name, std::string op, OVal arg) {
    Cond c;
    c.k = k;
    c.name = std::move(name);
    c.op = std::move(op);
    c.arg = std::move(arg);
    return c;
  };
  Rule r;
  r.kind = Rule::kAttribute;
  r.id = "senior-title";
  r.dim = 0;
  r.points = 25;
  {
    Cond any;
    any.k = Cond::kAny;
    for (const char* s : {"chief", "vp", "director", "head of"}) {
      any.kids.push_back(leaf(Cond::kAttr, "job_title", "contains", VStr(s)));
    }
    r.when = any;
  }
  m.rules.push_back(r);
  r = Rule();
  r.id = "mid-market";
  r.dim = 0;
  r.points = 15;
  {
    Cond all;
    all.k = Cond::kAll;
    all.kids.push_back(leaf(Cond::kAttr, "company_size", "gte", VNum(50)));
    Cond n;
    n.k = Cond::kNot;
    n.kids.push_back(leaf(Cond::kAttr, "company_size", "gte", VNum(1000.5)));
    all.kids.push_back(n);
    r.when = all;
  }
  m.rules.push_back(r);
  r = Rule();
  r.kind = Rule::kEvent;
  r.id = "pricing-page";
  r.dim = 1;
  r.points = 20;
  r.on = {"page_view"};
  r.when = leaf(Cond::kProp, "url", "contains", VStr("/pricing"));
  r.max_per_lead = 2;
  m.rules.push_back(r);
  r = Rule();
  r.kind = Rule::kEvent;
  r.id = "webinar";
  r.dim = 1;
  r.points = 20;
  r.on = {"webinar_attended"};
  r.within_days = 45;
  m.rules.push_back(r);
  r = Rule();
  r.kind = Rule::kEvent;
  r.id = "email-click";
  r.dim = 1;
  r.points = 8;
  r.on = {"email_click"};
  r.max_per_window = std::make_pair(1, 30.0);
  m.rules.push_back(r);
  Lifecycle lc;
  lc.stages = {"subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist"};
  lc.thresholds.push_back({"lead", leaf(Cond::kAttr, "email", "exists", VBool(true))});
  {
    Cond all;
    all.k = Cond::kAll;
    all.kids.push_back(leaf(Cond::kScore, "fit", "gte", VNum(35)));
    all.kids.push_back(leaf(Cond::kScore, "engagement", "gte", VNum(15)));
    lc.thresholds.push_back({"mql", all});
  }
  {
    Cond e;
    e.k = Cond::kEvent;
    e.name = "demo_request";
    e.days = 14;
    lc.thresholds.push_back({"sql", e});
    e.name = "page_view";
    e.days = 90;
    e.at_least = 3;
    e.at_least_given = true;
    lc.labels.push_back({"frequent-visitor", e});
  }
  lc.has_funnel = true;
  lc.funnel = {{"tofu", {"subscriber", "lead"}}, {"mofu", {"mql"}}, {"bofu", {"sql", "opportunity"}}};
  m.lc = lc;

  OLead lead;
  lead.id = "L-7";
  lead.consent_form = OLead::kObject;
  lead.granted = true;
  lead.granted_at = absl::ToUnixNanos(*leadscore::ParseTimestamp("2026-06-30T10:12:00Z"));
  lead.attrs = {{"email", VStr("marta@northwind.io")},
                {"job_title", VStr("Head of Growth")},
                {"company_size", VNum(120)},
                {"tags", VArr({VStr("ebook")})}};
  auto at = [](const char* s) { return absl::ToUnixNanos(*leadscore::ParseTimestamp(s)); };
  std::vector<OEvent> ev = {
      {std::string("E-1"), "email_click", at("2026-07-04T00:00:00Z"), {}},
      {std::string("E-2"), "email_click", at("2026-07-19T14:30:00Z"), {}},
      {std::string("E-3"), "email_click", at("2026-08-03T00:00:00Z"), {}},
      {std::string("E-4"), "page_view", at("2026-09-02T02:00:00+02:00"),
       {{"url", VStr("https://northwind.io/pricing")}}},
      {std::string("E-5"), "webinar_attended", at("2026-09-12T15:00:00Z"), {}},
      {std::string("E-6"), "page_view", at("2026-10-02T00:00:00Z"),
       {{"url", VStr("https://northwind.io/pricing?plan=team")}}},
      {std::string("E-7"), "page_view", at("2026-10-22T09:15:00Z"),
       {{"url", VStr("https://northwind.io/Pricing")}}},
  };
  const int64_t as_of = at("2026-11-01T00:00:00Z");
  const OResult o = ScoreWholeHistory(m, lead, ev, as_of);
  CHECK(o.valid);
  CHECK(static_cast<double>(o.scores[0]) == Approx(40));
  CHECK(static_cast<double>(o.scores[1]) == Approx(16.5));
  CHECK(static_cast<double>(o.total) == Approx(36.5));
  CHECK(o.grades[0] == std::optional<std::string>("B"));
  CHECK(o.stage == std::optional<std::string>("mql"));
  CHECK(o.stage_entered_at == std::optional<int64_t>(at("2026-09-02T00:00:00Z")));
  CHECK(o.labels == std::vector<std::string>{"frequent-visitor"});
  CHECK(o.funnel == std::optional<std::string>("mofu"));
  REQUIRE(o.explain.size() == 4);
  CHECK(o.explain[2].rule == "pricing-page");
  CHECK(static_cast<double>(o.explain[2].points) == Approx(15));
  CHECK(o.explain[2].events == std::optional<int64_t>(2));
  CHECK(o.explain[3].rule == "email-click");
  CHECK(static_cast<double>(o.explain[3].points) == Approx(1.5));
  CHECK(o.explain[3].events == std::optional<int64_t>(2));
  // Five days later with forward_only false: lead, entered at that as_of.
  m.lc->forward_only = false;
  const OResult later = ScoreWholeHistory(m, lead, ev, at("2026-11-06T00:00:00Z"));
  CHECK(later.stage == std::optional<std::string>("lead"));
  CHECK(later.stage_entered_at == std::optional<int64_t>(at("2026-11-06T00:00:00Z")));

  // And the library agrees on it.
  auto lib = leadscore::Model::FromJson(ToJson(m).dump());
  REQUIRE(lib.ok());
  Scorer scorer(*lib);
  auto card = scorer.ScoreHistory(ToLib(lead), ToLib(ev, "L-7"), absl::FromUnixNanos(as_of),
                                  {/*explain=*/true});
  REQUIRE(card.ok());
  m.lc->forward_only.reset();
  INFO(CardJson(*card));
  CHECK(Compare(m, o, *card, "L-7", as_of).empty());
}

// ---------------------------------------------------------------------------
// Case runners
// ---------------------------------------------------------------------------

// ScoreHistory on shuffled histories with duplicates.
void HistoryCases(const char* name, uint64_t salt, int models, int leads_per_model,
                  const GenOptions& opt, Tally* t) {
  for (int mi : ModelNumbers(models)) {
    Rng rng(SeedOf(salt, mi));
    const std::string where0 = Where(name, mi, -1);
    auto lm = LoadModel(rng, opt, where0);
    if (!lm) { ++t->mismatches; continue; }
    Scorer scorer(lm->lib);
    for (int li = 0; li < leads_per_model && !t->done(); ++li) {
      const std::vector<OEvent> ev = GenEvents(rng, 40, opt);
      const int64_t as_of = PickAsOf(rng, ev, opt);
      const OLead lead = GenLead(rng, lm->model, as_of, "L-" + std::to_string(li));
      const OResult want = ScoreWholeHistory(lm->model, lead, ev, as_of);
      g_stats.Add(lm->model, want);
      auto card = scorer.ScoreHistory(ToLib(lead), ToLib(ev, lead.id),
                                      absl::FromUnixNanos(as_of), {/*explain=*/true});
      ++t->cases;
      const std::string where = Where(name, mi, li) + ", Scorer::ScoreHistory";
      if (!card.ok()) {
        Report(t, Repro(where, lm->json, lead, ev, as_of, OracleJson(lm->model, want, as_of), "-"),
               "ScoreHistory failed: " + card.status().ToString());
        continue;
      }
      const std::string diff = Compare(lm->model, want, *card, lead.id, as_of);
      if (!diff.empty()) {
        Report(t, Repro(where, lm->json, lead, ev, as_of, OracleJson(lm->model, want, as_of),
                        CardJson(*card)), diff);
      }
    }
    if (t->done()) break;
  }
}

// Start + Apply of the events up to as_of in near time order (local swaps,
// re-sent copies), reorder_window 64.
void NearOrderStreamCases(const char* name, uint64_t salt, int models, int leads_per_model,
                          const GenOptions& opt, Tally* t) {
  for (int mi : ModelNumbers(models)) {
    Rng rng(SeedOf(salt, mi));
    auto lm = LoadModel(rng, opt, Where(name, mi, -1));
    if (!lm) { ++t->mismatches; continue; }
    for (int li = 0; li < leads_per_model && !t->done(); ++li) {
      const std::vector<OEvent> ev = GenEvents(rng, 40, opt);
      const int64_t as_of = PickAsOf(rng, ev, opt);
      const OLead lead = GenLead(rng, lm->model, as_of, "L-" + std::to_string(li));
      std::vector<OEvent> arrivals = SortedUpTo(ev, as_of);
      LocalShuffle(rng, arrivals, 3);
      Resend(rng, arrivals, 0.15, 5);
      ++t->cases;
      StreamAndCompare(*lm, 64, lead, arrivals, as_of, Where(name, mi, li),
                       /*check_outcomes=*/true, t);
    }
    if (t->done()) break;
  }
}

// Start + Apply of the events up to as_of (and re-sent copies) in random
// order, reorder_window larger than the number of events.
void RandomOrderStreamCases(const char* name, uint64_t salt, int models, int leads_per_model,
                            const GenOptions& opt, Tally* t) {
  for (int mi : ModelNumbers(models)) {
    Rng rng(SeedOf(salt, mi));
    auto lm = LoadModel(rng, opt, Where(name, mi, -1));
    if (!lm) { ++t->mismatches; continue; }
    for (int li = 0; li < leads_per_model && !t->done(); ++li) {
      const std::vector<OEvent> ev = GenEvents(rng, 40, opt);
      const int64_t as_of = PickAsOf(rng, ev, opt);
      const OLead lead = GenLead(rng, lm->model, as_of, "L-" + std::to_string(li));
      std::vector<OEvent> arrivals;
      for (const auto& e : ev) {
        if (e.at <= as_of) arrivals.push_back(e);
      }
      Resend(rng, arrivals, 0.1, 40);
      rng.Shuffle(arrivals);
      ++t->cases;
      StreamAndCompare(*lm, arrivals.size() + 1 + rng.Int(0, 5), lead, arrivals, as_of,
                       Where(name, mi, li), /*check_outcomes=*/true, t);
    }
    if (t->done()) break;
  }
}

void Finish(const Tally& t) {
  g_stats.Print(Catch::getResultCapture().getCurrentTestName().c_str());
  CHECK(t.mismatches == 0);
  CHECK(t.cases > 0);
}

// ---------------------------------------------------------------------------
// (a) ScoreHistory
// ---------------------------------------------------------------------------

TEST_CASE("oracle: ScoreHistory agrees with the oracle on random cases", "[oracle]") {
  g_stats = Stats();
  Tally t;
  HistoryCases("ScoreHistory", 101, Scaled(500), 12, GenOptions(), &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// (b) BatchScorer
// ---------------------------------------------------------------------------

TEST_CASE("oracle: BatchScorer agrees with the oracle on interleaved leads", "[oracle]") {
  g_stats = Stats();
  Tally t;
  const GenOptions opt;
  for (int mi : ModelNumbers(Scaled(400))) {
    Rng rng(SeedOf(202, mi));
    auto lm = LoadModel(rng, opt, Where("BatchScorer", mi, -1));
    if (!lm) { ++t.mismatches; continue; }
    const LeadsCase lc = GenLeadsCase(rng, lm->model, opt, 8);
    const int nleads = static_cast<int>(lc.leads.size());
    const std::vector<std::vector<OEvent>>& events = lc.events;
    const int64_t as_of = lc.as_of;
    const std::vector<OLead>& leads = lc.leads;
    auto batch = BatchScorer::Create(lm->lib, absl::FromUnixNanos(as_of));
    REQUIRE(batch.ok());
    for (const auto& l : leads) REQUIRE(batch->AddLead(ToLib(l)).ok());
    // Interleave, keeping each lead's own order, plus events of unknown leads.
    std::vector<size_t> next(nleads, 0);
    std::set<std::string> unknown_ids;
    size_t unknown_events = 0, known_upto_as_of = 0, want_dups = 0;
    for (const auto& e : events) {
      for (const auto& x : e) known_upto_as_of += x.at <= as_of;
    }
    while (true) {
      std::vector<int> open;
      for (int i = 0; i < nleads; ++i) {
        if (next[i] < events[i].size()) open.push_back(i);
      }
      if (open.empty()) break;
      if (rng.Chance(0.03)) {
        OEvent stray;
        stray.id = "E-1";
        stray.type = "page_view";
        stray.at = RandomTime(rng);
        const std::string id = "X-" + std::to_string(rng.Int(0, 2));
        unknown_ids.insert(id);
        ++unknown_events;
        REQUIRE(batch->AddEvent(ToLib(stray, id)).ok());
      }
      const int i = rng.Pick(open);
      REQUIRE(batch->AddEvent(ToLib(events[i][next[i]++], leads[i].id)).ok());
    }
    CHECK(batch->lead_count() == static_cast<size_t>(nleads));
    CHECK(batch->event_count() == known_upto_as_of);
    CHECK(batch->unknown_lead_events() == unknown_events);
    CHECK(batch->unknown_lead_ids() ==
          std::vector<std::string>(unknown_ids.begin(), unknown_ids.end()));
    std::vector<Scorecard> cards;
    BatchOptions bo;
    bo.explain = true;
    bo.threads = rng.Chance(0.3) ? 3 : 1;
    const size_t dups =
        batch->Score(bo, [&](const Scorecard& c) { cards.push_back(c); }).duplicates_dropped;
    REQUIRE(cards.size() == static_cast<size_t>(nleads));
    bool all_ok = true;
    for (int i = 0; i < nleads && !t.done(); ++i) {
      const OResult want = ScoreWholeHistory(lm->model, leads[i], events[i], as_of);
      g_stats.Add(lm->model, want);
      want_dups += want.dropped_copies;
      ++t.cases;
      const std::string diff = Compare(lm->model, want, cards[i], leads[i].id, as_of);
      if (!diff.empty()) {
        all_ok = false;
        Report(&t,
               Repro(Where("BatchScorer", mi, i) + " (threads " + std::to_string(bo.threads) +
                         "; events of other leads interleaved)",
                     lm->json, leads[i], events[i], as_of, OracleJson(lm->model, want, as_of),
                     CardJson(cards[i])),
               diff);
      }
    }
    if (all_ok) CHECK(dups == want_dups);
    if (t.done()) break;
  }
  Finish(t);
}

// ---------------------------------------------------------------------------
// (c) streaming, nearly sorted with re-sent duplicates
// ---------------------------------------------------------------------------

TEST_CASE("oracle: Start+Apply in near time order agrees with the oracle", "[oracle]") {
  g_stats = Stats();
  Tally t;
  NearOrderStreamCases("Stream near order", 303, Scaled(300), 10, GenOptions(), &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// (d) streaming, fully random order
// ---------------------------------------------------------------------------

TEST_CASE("oracle: Start+Apply in random order agrees with the oracle", "[oracle]") {
  g_stats = Stats();
  Tally t;
  RandomOrderStreamCases("Stream random order", 404, Scaled(300), 10, GenOptions(), &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// (e) long streams through a small reorder window
// ---------------------------------------------------------------------------

TEST_CASE("oracle: long streams through a small reorder window agree with the oracle",
          "[oracle]") {
  g_stats = Stats();
  Tally t;
  const GenOptions opt;
  const size_t kWindow = 8;
  for (int mi : ModelNumbers(Scaled(150))) {
    Rng rng(SeedOf(505, mi));
    auto lm = LoadModel(rng, opt, Where("Stream small window", mi, -1));
    if (!lm) { ++t.mismatches; continue; }
    for (int li = 0; li < 3 && !t.done(); ++li) {
      // Unique ids (no copies with other times: the window must not have to
      // see far back), sorted, lightly shuffled, a few exact copies re-sent
      // right after their original.
      std::vector<OEvent> ev;
      const int n = rng.Int(60, 110);
      int next_id = rng.Int(1, 50);
      for (int i = 0; i < n; ++i) {
        OEvent e;
        e.at = (!ev.empty() && rng.Chance(0.15)) ? rng.Pick(ev).at : RandomTime(rng);
        if (rng.Chance(0.85)) e.id = "E-" + std::to_string(next_id++);
        e.type = rng.Pick(EventTypes());
        e.props = RandomProps(rng);
        ev.push_back(e);
      }
      const int64_t as_of = rng.Chance(0.3) ? rng.Pick(ev).at : PickAsOf(rng, ev, opt);
      const OLead lead = GenLead(rng, lm->model, as_of, "L-" + std::to_string(li));
      std::vector<OEvent> arrivals = SortedUpTo(ev, as_of);
      LocalShuffle(rng, arrivals, 2);
      Resend(rng, arrivals, 0.08, 2);
      // Every arrival must sort after fewer than kWindow already-applied
      // events (then it is inside the window whatever the library keeps);
      // true by construction, checked here.
      std::vector<Key> seen;
      bool within = true;
      for (size_t p = 0; p < arrivals.size(); ++p) {
        Key k{arrivals[p].at, arrivals[p].id.has_value(), arrivals[p].id.value_or(""), p};
        size_t after = 0;
        for (const Key& x : seen) after += k < x;
        within = within && after + 2 < kWindow;
        seen.push_back(k);
      }
      if (!within) continue;
      ++t.cases;
      StreamAndCompare(*lm, kWindow, lead, arrivals, as_of, Where("Stream small window", mi, li),
                       /*check_outcomes=*/false, &t);
    }
    if (t.done()) break;
  }
  Finish(t);
}

// ---------------------------------------------------------------------------
// (f) window lengths that are not a whole number of nanoseconds
// ---------------------------------------------------------------------------
//
// Spec section 1: "Days are 86,400 seconds; every `*_days` field takes a
// positive number, fractions allowed"; windows are (x - D days, x] (3.2, 3.3).
// Times are whole nanoseconds, so with D = 7.000000000000001 days (7 days and
// 0.0864 ns) an event exactly 7 days before x is inside, and with D = 1e-15
// days (0.0864 ns) the window holds exactly the events at x.

TEST_CASE("oracle: windows that are not a whole number of nanoseconds", "[oracle][edge]") {
  g_stats = Stats();
  Tally t;
  GenOptions opt;
  opt.odd_days = true;
  HistoryCases("Odd days, ScoreHistory", 606, Scaled(150), 12, opt, &t);
  RandomOrderStreamCases("Odd days, stream random order", 607, Scaled(50), 10, opt, &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// (g) the whole engine time range, huge and tiny windows and half-lives
// ---------------------------------------------------------------------------

TEST_CASE("oracle: extreme times and window lengths and half-lives", "[oracle][edge]") {
  g_stats = Stats();
  Tally t;
  GenOptions opt;
  opt.extreme = true;
  HistoryCases("Extreme, ScoreHistory", 707, Scaled(150), 12, opt, &t);
  NearOrderStreamCases("Extreme, stream near order", 708, Scaled(50), 10, opt, &t);
  RandomOrderStreamCases("Extreme, stream random order", 709, Scaled(50), 10, opt, &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// Minimal cases found by the random ones
// ---------------------------------------------------------------------------

struct MiniCase {
  const char* what;
  OModel model;
  std::vector<OEvent> events;
  int64_t as_of;
};

int64_t At(const char* ts) { return absl::ToUnixNanos(*leadscore::ParseTimestamp(ts)); }

OModel OneRuleModel(Rule r, std::optional<double> half_life = std::nullopt) {
  OModel m;
  Dim d;
  d.name = "d";
  d.half_life = half_life;
  m.dims.push_back(d);
  r.id = "r";
  r.dim = 0;
  r.points = 1;
  r.on = {"x"};
  m.rules.push_back(r);
  return m;
}

TEST_CASE("oracle: minimal cases found by the random ones", "[oracle][edge]") {
  std::vector<MiniCase> cases;
  const OEvent x_0901{std::string("E-1"), "x", At("2026-09-01T00:00:00Z"), {}};
  const OEvent x_0902{std::string("E-2"), "x", At("2026-09-02T00:00:00Z"), {}};
  const OEvent x_0901b{std::string("E-3"), "x", At("2026-09-01T00:00:00Z"), {}};
  const int64_t as_of = At("2026-09-02T00:00:00Z");
  {
    // A decayed event more than 1024 half-lives before 1970: 2^(-1 day / 1
    // day) = 0.5 (the library gives NaN, written as null).
    Rule r;
    r.kind = Rule::kEvent;
    MiniCase c{"decay before 1970", OneRuleModel(r, 1.0),
               {{std::string("E-1"), "x", At("1960-01-01T00:00:00Z"), {}}},
               At("1960-01-02T00:00:00Z")};
    Lifecycle lc;
    lc.stages = {"a", "b"};
    Cond lt;
    lt.k = Cond::kScore;
    lt.name = "d";
    lt.op = "lt";
    lt.arg = VNum(1);
    lc.thresholds.push_back({"b", lt});
    c.model.lc = lc;
    cases.push_back(c);
  }
  {
    // within_days 1e-15 (0.0864 ns): an event a day old has expired.
    Rule r;
    r.kind = Rule::kEvent;
    r.within_days = 1e-15;
    cases.push_back({"within_days below 1 ns", OneRuleModel(r), {x_0901}, as_of});
  }
  {
    // within_days 1 day + 0.0864 ns: an event exactly 1 day old counts.
    Rule r;
    r.kind = Rule::kEvent;
    r.within_days = 1.000000000000001;
    cases.push_back({"within_days not whole ns", OneRuleModel(r), {x_0901}, as_of});
  }
  {
    // pattern over 0.0864 ns: an event at as_of is in (as_of - D, as_of].
    Rule r;
    r.kind = Rule::kPattern;
    r.pattern_at_least = 1;
    r.pattern_days = 1e-15;
    cases.push_back({"pattern below 1 ns", OneRuleModel(r), {x_0902}, as_of});
  }
  {
    // max_per_window {1, 0.0864 ns}: of two events at one instant one counts.
    Rule r;
    r.kind = Rule::kEvent;
    r.max_per_window = std::make_pair(1, 1e-15);
    cases.push_back({"max_per_window below 1 ns", OneRuleModel(r), {x_0901, x_0901b}, as_of});
  }
  {
    // event leaf over 0.0864 ns: the event at as_of is seen.
    OModel m;
    m.dims.push_back(Dim{"d", std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}});
    Lifecycle lc;
    lc.stages = {"a", "b"};
    lc.forward_only = false;
    Cond e;
    e.k = Cond::kEvent;
    e.name = "x";
    e.days = 1e-15;
    lc.thresholds.push_back({"b", e});
    m.lc = lc;
    cases.push_back({"event leaf below 1 ns", m, {x_0902}, as_of});
  }
  OLead lead;
  lead.id = "L";
  lead.consent_form = OLead::kTrue;
  for (const MiniCase& c : cases) {
    const std::string json = ToJson(c.model).dump();
    auto m = leadscore::Model::FromJson(json);
    REQUIRE(m.ok());
    Scorer scorer(*m);
    const OResult want = ScoreWholeHistory(c.model, lead, c.events, c.as_of);
    auto card = scorer.ScoreHistory(ToLib(lead), ToLib(c.events, lead.id),
                                    absl::FromUnixNanos(c.as_of), {/*explain=*/true});
    REQUIRE(card.ok());
    INFO(Repro(c.what, json, lead, c.events, c.as_of, OracleJson(c.model, want, c.as_of),
               CardJson(*card)));
    CHECK(Compare(c.model, want, *card, lead.id, c.as_of) == "");
  }
  // The oracle's answers, by hand.
  CHECK(static_cast<double>(ScoreWholeHistory(cases[0].model, lead, cases[0].events, cases[0].as_of)
                                .scores[0]) == 0.5);
  CHECK(ScoreWholeHistory(cases[0].model, lead, cases[0].events, cases[0].as_of).stage ==
        std::optional<std::string>("b"));
  CHECK(ScoreWholeHistory(cases[1].model, lead, cases[1].events, as_of).scores[0] == 0);
  CHECK(ScoreWholeHistory(cases[2].model, lead, cases[2].events, as_of).scores[0] == 1);
  CHECK(ScoreWholeHistory(cases[3].model, lead, cases[3].events, as_of).scores[0] == 1);
  CHECK(ScoreWholeHistory(cases[4].model, lead, cases[4].events, as_of).scores[0] == 1);
  CHECK(ScoreWholeHistory(cases[5].model, lead, cases[5].events, as_of).stage ==
        std::optional<std::string>("b"));
}

// ---------------------------------------------------------------------------
// (h) every operator of spec 3.2
// ---------------------------------------------------------------------------

TEST_CASE("oracle: every operator agrees with the reference", "[oracle]") {
  g_stats = Stats();
  Tally t;
  GenOptions opt;
  opt.all_operators = true;
  HistoryCases("All operators, ScoreHistory", 808, Scaled(200), 12, opt, &t);
  RandomOrderStreamCases("All operators, stream random order", 809, Scaled(60), 10, opt, &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// The reference's model reader
// ---------------------------------------------------------------------------

std::string ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return "";
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

TEST_CASE("reference: the model reader reads back every generated model", "[oracle]") {
  int checked = 0;
  for (int variant = 0; variant < 4; ++variant) {
    GenOptions opt;
    opt.odd_days = variant == 1;
    opt.extreme = variant == 2;
    opt.all_operators = variant == 3;
    Rng rng(SeedOf(909 + variant, 0));
    for (int i = 0; i < 100; ++i) {
      const std::string json = ToJson(GenModel(rng, opt)).dump();
      std::string error;
      const std::optional<OModel> back = ModelFromJson(json, &error);
      INFO(json);
      REQUIRE(error == "");
      REQUIRE(back.has_value());
      CHECK(ToJson(*back).dump() == json);
      ++checked;
    }
  }
  CHECK(checked == 400);
}

TEST_CASE("reference: the model reader reads the bundled models and refuses clearly",
          "[oracle]") {
  for (const char* name : {"b2b-saas", "demo-ready", "product-led"}) {
    const std::string json =
        ReadWholeFile(std::string(LEADSCORE_SOURCE_DIR) + "/examples/models/" + name + ".json");
    REQUIRE(!json.empty());
    std::string error;
    const std::optional<OModel> m = ModelFromJson(json, &error);
    INFO(name);
    CHECK(error == "");
    REQUIRE(m.has_value());
    CHECK(!m->rules.empty());
    CHECK(m->lc.has_value());
  }
  struct Refusal {
    const char* json;
    const char* error;  // a substring
  };
  const std::string dims = R"("dimensions": [{"name": "d"}])";
  const Refusal refusals[] = {
      {"{", "not a model in JSON"},
      {R"({"dimensions": [], "rules": [], "colour": 1})", "/colour: unknown key"},
      {R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "x", "points": 1}]})",
       "/rules/0/dimension: unknown dimension 'x'"},
      {R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "d", "points": 1,
          "when": {"attr": "a", "like": "x"}}]})",
       "/rules/0/when/like: operator not supported by the reference"},
      {R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "d", "points": 1,
          "when": {"attr": "a", "matches": "(?i)x"}}]})",
       "/rules/0/when/matches: RE2-only syntax '(?'"},
      {R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "d", "points": 1,
          "when": {"attr": "a", "matches": "(x"}}]})",
       "/rules/0/when/matches: std::regex cannot compile the pattern"},
      {R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "d", "points": 1,
          "when": {"attr": "a", "between": [1]}}]})",
       "/rules/0/when/between: expected [lo, hi]"},
      {R"({"dimensions": [{"name": "d"}], "rules": [],
          "lifecycle": {"stages": ["a"], "thresholds": [{"stage": "b", "when": {"all": []}}]}})",
       "/lifecycle/thresholds/0/stage: stage 'b' is not in /lifecycle/stages"},
  };
  for (const Refusal& r : refusals) {
    std::string error;
    INFO(r.json);
    CHECK(!ModelFromJson(r.json, &error).has_value());
    CHECK_THAT(error, Catch::Contains(r.error));
  }
}

// ---------------------------------------------------------------------------
// The reference's host loop (the benchmarks' naive baseline)
// ---------------------------------------------------------------------------

// Empty when the two reference results are the same (exactly: both sum the
// same terms in the same order); else what differs.
std::string SameResult(const OResult& a, const OResult& b) {
  std::ostringstream o;
  if (a.valid != b.valid) o << "valid\n";
  if (a.scores != b.scores) o << "scores\n";
  if (a.total != b.total) o << "total " << Num(a.total) << " vs " << Num(b.total) << "\n";
  if (a.grades != b.grades) o << "grades\n";
  if (a.stage != b.stage) o << "stage " << Opt(a.stage) << " vs " << Opt(b.stage) << "\n";
  if (a.stage_entered_at != b.stage_entered_at) o << "stage_entered_at\n";
  if (a.labels != b.labels) o << "labels\n";
  if (a.funnel != b.funnel) o << "funnel\n";
  if (a.kept_events != b.kept_events) o << "kept_events\n";
  if (a.dropped_copies != b.dropped_copies) o << "dropped_copies\n";
  bool same = a.explain.size() == b.explain.size();
  for (size_t i = 0; same && i < a.explain.size(); ++i) {
    same = a.explain[i].rule == b.explain[i].rule && a.explain[i].points == b.explain[i].points &&
           a.explain[i].events == b.explain[i].events;
  }
  if (!same) o << "explain\n";
  return o.str();
}

TEST_CASE("reference: the host loop agrees with the whole-history reference", "[oracle]") {
  int cases = 0, out_of_order = 0;
  for (int mi : ModelNumbers(Scaled(150))) {
    Rng rng(SeedOf(1010, mi));
    GenOptions opt;
    opt.all_operators = mi % 2 == 1;
    const OModel m = GenModel(rng, opt);
    HostLoop loop(m);
    std::vector<OLead> leads;
    std::vector<std::vector<OEvent>> events;
    std::vector<int64_t> as_ofs;
    const int nleads = rng.Int(1, 5);
    for (int li = 0; li < nleads; ++li) {
      std::vector<OEvent> ev = GenEvents(rng, 40, opt);
      const int64_t as_of = PickAsOf(rng, ev, opt);
      // The host loop scores at or after every event it was given.
      ev.erase(std::remove_if(ev.begin(), ev.end(), [&](const OEvent& e) { return e.at > as_of; }),
               ev.end());
      if (rng.Chance(0.5)) ev = SortedUpTo(ev, as_of);  // in order, copies included
      leads.push_back(GenLead(rng, m, as_of, "L-" + std::to_string(li)));
      events.push_back(ev);
      as_ofs.push_back(as_of);
      loop.AddLead(leads.back());
    }
    // Interleave the leads' events, each lead's in its own order.
    std::vector<size_t> next(nleads, 0);
    while (true) {
      std::vector<int> open;
      for (int i = 0; i < nleads; ++i) {
        if (next[i] < events[i].size()) open.push_back(i);
      }
      if (open.empty()) break;
      const int i = rng.Pick(open);
      REQUIRE(loop.Apply(leads[i].id, events[i][next[i]++]));
    }
    CHECK_FALSE(loop.Apply("nobody", OEvent{}));
    for (int li = 0; li < nleads; ++li) {
      const OResult want = ScoreWholeHistory(m, leads[li], events[li], as_ofs[li]);
      const OResult got = loop.Score(leads[li].id, as_ofs[li]);
      const std::vector<OEvent> sorted = SortedUpTo(events[li], as_ofs[li]);
      for (size_t k = 0; k < sorted.size(); ++k) {
        if (sorted[k].at != events[li][k].at || sorted[k].id != events[li][k].id) {
          ++out_of_order;
          break;
        }
      }
      INFO("model number " << mi << ", lead " << li << "\nmodel: " << ToJson(m).dump()
                           << "\nlead: " << LeadJson(leads[li]) << "\nevents:\n"
                           << EventsJsonl(events[li], leads[li].id));
      CHECK(SameResult(want, got) == "");
      ++cases;
    }
    // Replaying from scratch after ResetEvents gives the same again.
    loop.ResetEvents();
    for (size_t k = 0; k < events[0].size(); ++k) loop.Apply(leads[0].id, events[0][k]);
    CHECK(SameResult(ScoreWholeHistory(m, leads[0], events[0], as_ofs[0]),
                     loop.Score(leads[0].id, as_ofs[0])) == "");
  }
  CHECK(cases > 0);
  CHECK(out_of_order > 0);
  // A streaming loop cannot score before an event it applied.
  HostLoop loop(OModel{});
  OLead lead;
  lead.id = "L";
  loop.AddLead(lead);
  REQUIRE(loop.Apply("L", OEvent{std::string("E-1"), "x", 10, {}}));
  CHECK_THROWS_WITH(loop.Score("L", 9), Catch::Contains("as_of is before an applied event"));
  CHECK_THROWS_WITH(loop.Score("M", 9), Catch::Contains("unknown lead M"));
}

// The bundled leads and events (examples/data) in the reference's structs.
struct BundledData {
  std::vector<OLead> leads;
  std::map<std::string, std::vector<OEvent>> events;  // by lead id, in file order
  int64_t as_of = 0;
};

int64_t ParseNs(const std::string& ts) {
  auto t = leadscore::ParseTimestamp(ts);
  REQUIRE(t.ok());
  return absl::ToUnixNanos(*t);
}

BundledData ReadBundledData() {
  BundledData d;
  const std::string dir = std::string(LEADSCORE_SOURCE_DIR) + "/examples/data/";
  std::string as_of = ReadWholeFile(dir + "as_of.txt");
  while (!as_of.empty() && (as_of.back() == '\n' || as_of.back() == '\r')) as_of.pop_back();
  d.as_of = ParseNs(as_of);
  std::istringstream leads(ReadWholeFile(dir + "leads.jsonl"));
  for (std::string line; std::getline(leads, line);) {
    const ojson j = ojson::parse(line);
    OLead l;
    l.id = j.at("id").get<std::string>();
    if (j.contains("consent")) {
      const ojson& c = j.at("consent");
      if (c.is_boolean()) {
        l.consent_form = c.get<bool>() ? OLead::kTrue : OLead::kFalse;
      } else {
        l.consent_form = OLead::kObject;
        l.granted = c.at("granted").get<bool>();
        if (c.contains("at") && !c.at("at").is_null()) l.granted_at = ParseNs(c.at("at"));
      }
    }
    if (j.contains("stage") && !j.at("stage").is_null()) l.stage = j.at("stage").get<std::string>();
    if (j.contains("attributes")) {
      for (auto it = j.at("attributes").begin(); it != j.at("attributes").end(); ++it) {
        l.attrs[it.key()] = ValueFromJson(it.value());
      }
    }
    d.leads.push_back(l);
  }
  std::istringstream events(ReadWholeFile(dir + "events.jsonl"));
  for (std::string line; std::getline(events, line);) {
    const ojson j = ojson::parse(line);
    OEvent e;
    if (j.contains("id") && !j.at("id").is_null()) e.id = j.at("id").get<std::string>();
    e.type = j.at("type").get<std::string>();
    e.at = ParseNs(j.at("at").get<std::string>());
    if (j.contains("properties")) {
      for (auto it = j.at("properties").begin(); it != j.at("properties").end(); ++it) {
        e.props[it.key()] = ValueFromJson(it.value());
      }
    }
    d.events[j.at("lead_id").get<std::string>()].push_back(e);
  }
  return d;
}

TEST_CASE("reference: the host loop scores the bundled data like the library, every bundled model",
          "[oracle]") {
  const BundledData data = ReadBundledData();
  REQUIRE(data.leads.size() == 2000);
  for (const char* name : {"b2b-saas", "demo-ready", "product-led"}) {
    const std::string json =
        ReadWholeFile(std::string(LEADSCORE_SOURCE_DIR) + "/examples/models/" + name + ".json");
    std::string error;
    const std::optional<OModel> m = ModelFromJson(json, &error);
    REQUIRE(m.has_value());
    auto lib = leadscore::Model::FromJson(json);
    REQUIRE(lib.ok());
    Scorer scorer(*lib);
    HostLoop loop(*m);
    for (const OLead& l : data.leads) loop.AddLead(l);
    size_t applied = 0;
    for (const auto& [lead_id, events] : data.events) {
      // In event order, up to as_of (the host loop scores at or after its
      // events; late arrivals, which replay the lead, are the random cases').
      for (const OEvent& e : SortedUpTo(events, data.as_of)) applied += loop.Apply(lead_id, e);
    }
    CHECK(applied > 30000);
    int mismatches = 0;
    std::map<std::string, int> stages;
    for (const OLead& l : data.leads) {
      const OResult want = loop.Score(l.id, data.as_of);
      ++stages[want.stage.value_or("-")];
      const auto it = data.events.find(l.id);
      const std::vector<OEvent> none;
      const std::vector<OEvent>& events = it == data.events.end() ? none : it->second;
      auto card = scorer.ScoreHistory(ToLib(l), ToLib(events, l.id),
                                      absl::FromUnixNanos(data.as_of), {/*explain=*/true});
      REQUIRE(card.ok());
      const std::string diff = Compare(*m, want, *card, l.id, data.as_of);
      if (!diff.empty() && ++mismatches <= kMaxReportedMismatches) {
        INFO(name << ", lead " << l.id << "\nreference: " << OracleJson(*m, want, data.as_of)
                  << "\nlibrary:   " << CardJson(*card));
        FAIL_CHECK(diff);
      }
    }
    CHECK(mismatches == 0);
    // The data reach several stages, disqualification included where the
    // model has it.
    INFO(name);
    CHECK(stages.size() >= 3);
  }
}


// ---------------------------------------------------------------------------
// (v1.1) hysteresis and recycling: exit_when, recycle rules with inactivity
// moments, stage and days_in_stage leaves (GenOptions::v11)
// ---------------------------------------------------------------------------

GenOptions V11() {
  GenOptions o;
  o.v11 = true;
  return o;
}

TEST_CASE("oracle v1.1: ScoreHistory agrees with the oracle on hysteresis and recycling",
          "[oracle]") {
  g_stats = Stats();
  Tally t;
  HistoryCases("ScoreHistory v1.1", 1101, Scaled(300), 12, V11(), &t);
  Finish(t);
}

TEST_CASE("oracle v1.1: Start+Apply in near time order agrees with the oracle", "[oracle]") {
  g_stats = Stats();
  Tally t;
  NearOrderStreamCases("Stream near order v1.1", 1303, Scaled(200), 10, V11(), &t);
  Finish(t);
}

TEST_CASE("oracle v1.1: Start+Apply in random order agrees with the oracle", "[oracle]") {
  g_stats = Stats();
  Tally t;
  RandomOrderStreamCases("Stream random order v1.1", 1404, Scaled(200), 10, V11(), &t);
  Finish(t);
}

std::string TransitionsText(const std::vector<leadscore::Transition>& ts) {
  std::string out;
  for (const auto& x : ts) {
    out += x.from + " -> " + x.to + " at " + leadscore::FormatTimestamp(x.at) + " cause " +
           leadscore::TransitionCauseName(x.cause) + " threshold " + std::to_string(x.threshold) +
           " recycle " + std::to_string(x.recycle) + "\n";
  }
  return out;
}

// Batch scoring with transitions: scorecards against the oracle, and each
// lead's transitions equal to a Scorer's (its kept events Applied in event
// order, then Advance to as_of).
TEST_CASE("oracle v1.1: BatchScorer agrees with the oracle and with Apply+Advance transitions",
          "[oracle]") {
  g_stats = Stats();
  Tally t;
  const GenOptions opt = V11();
  size_t recycles = 0;
  for (int mi : ModelNumbers(Scaled(300))) {
    Rng rng(SeedOf(1202, mi));
    auto lm = LoadModel(rng, opt, Where("BatchScorer v1.1", mi, -1));
    if (!lm) { ++t.mismatches; continue; }
    const LeadsCase lc = GenLeadsCase(rng, lm->model, opt, 6);
    const int nleads = static_cast<int>(lc.leads.size());
    const std::vector<std::vector<OEvent>>& events = lc.events;
    const int64_t as_of = lc.as_of;
    const std::vector<OLead>& leads = lc.leads;
    auto batch = BatchScorer::Create(lm->lib, absl::FromUnixNanos(as_of));
    REQUIRE(batch.ok());
    for (const auto& l : leads) REQUIRE(batch->AddLead(ToLib(l)).ok());
    for (int i = 0; i < nleads; ++i) {
      for (const auto& e : events[i]) REQUIRE(batch->AddEvent(ToLib(e, leads[i].id)).ok());
    }
    std::vector<Scorecard> cards;
    std::vector<std::vector<leadscore::Transition>> batch_tr;
    BatchOptions bo;
    bo.explain = true;
    batch->ScoreWithTransitions(bo, [&](const Scorecard& c,
                                        absl::Span<const leadscore::Transition> tr) {
      cards.push_back(c);
      batch_tr.emplace_back(tr.begin(), tr.end());
    });
    REQUIRE(cards.size() == static_cast<size_t>(nleads));
    Scorer scorer(lm->lib);
    for (int i = 0; i < nleads && !t.done(); ++i) {
      const OResult want = ScoreWholeHistory(lm->model, leads[i], events[i], as_of);
      g_stats.Add(lm->model, want);
      ++t.cases;
      const std::string where = Where("BatchScorer v1.1", mi, i);
      std::string diff = Compare(lm->model, want, cards[i], leads[i].id, as_of);
      // The same lead live.
      const leadscore::Lead lib_lead = ToLib(leads[i]);
      auto state = scorer.Start(lib_lead);
      REQUIRE(state.ok());
      std::vector<leadscore::Transition> live;
      for (const OEvent& e : SortedUpTo(events[i], as_of)) {
        auto r = scorer.Apply(lib_lead, ToLib(e, leads[i].id), *state);
        REQUIRE(r.ok());
        live.insert(live.end(), r->transitions.begin(), r->transitions.end());
      }
      auto adv = scorer.Advance(lib_lead, *state, absl::FromUnixNanos(as_of));
      REQUIRE(adv.ok());
      live.insert(live.end(), adv->begin(), adv->end());
      for (const auto& x : batch_tr[i]) recycles += x.recycle >= 0;
      if (TransitionsText(live) != TransitionsText(batch_tr[i])) {
        diff += "transitions differ\nbatch:\n" + TransitionsText(batch_tr[i]) +
                "Apply+Advance:\n" + TransitionsText(live);
      }
      if (!batch_tr[i].empty() && cards[i].stage && batch_tr[i].back().to != *cards[i].stage) {
        diff += "the last transition's 'to' is not the scorecard's stage\n";
      }
      if (!diff.empty()) {
        Report(&t, Repro(where, lm->json, leads[i], events[i], as_of,
                         OracleJson(lm->model, want, as_of), CardJson(cards[i])),
               diff);
      }
    }
    if (t.done()) break;
  }
  // The generator must reach recycles, or this checks little.
  CHECK(recycles > 0);
  Finish(t);
}

}  // namespace

// ---------------------------------------------------------------------------
// (i) v1.1 trends: Scorer::ScoreSeries at random ascending times, with
// velocity, against the reference scoring at each time separately
// ---------------------------------------------------------------------------

// `got` is the library's difference of two numbers whose reference values are
// `a` and `b`: compared with b - a relative to the operands (a difference may
// cancel most of their digits).
bool NearDifference(long double a, long double b, double got) {
  if (!std::isfinite(got)) return false;
  const long double mag = std::max({std::fabs(a), std::fabs(b), 1.0L});
  return std::fabs((b - a) - static_cast<long double>(got)) <= 1e-9L * mag;
}

void SeriesCases(const char* name, uint64_t salt, int models, int leads_per_model,
                 const GenOptions& opt, Tally* t) {
  for (int mi : ModelNumbers(models)) {
    Rng rng(SeedOf(salt, mi));
    auto lm = LoadModel(rng, opt, Where(name, mi, -1));
    if (!lm) { ++t->mismatches; continue; }
    Scorer scorer(lm->lib);
    for (int li = 0; li < leads_per_model && !t->done(); ++li) {
      const std::vector<OEvent> ev = GenEvents(rng, 40, opt);
      std::set<int64_t> distinct;
      const int n = rng.Int(1, 6);
      while (static_cast<int>(distinct.size()) < n) distinct.insert(PickAsOf(rng, ev, opt));
      const std::vector<int64_t> times(distinct.begin(), distinct.end());
      const int days = rng.Int(1, 30);
      const OLead lead = GenLead(rng, lm->model, times.back(), "L-" + std::to_string(li));
      std::vector<absl::Time> as_ofs;
      for (int64_t x : times) as_ofs.push_back(absl::FromUnixNanos(x));
      leadscore::SeriesOptions so;
      so.explain = true;
      so.velocity_days = days;
      auto cards = scorer.ScoreSeries(ToLib(lead), ToLib(ev, lead.id), as_ofs, so);
      ++t->cases;
      const std::string where = Where(name, mi, li) + ", Scorer::ScoreSeries, velocity_days " +
                                std::to_string(days);
      if (!cards.ok() || cards->size() != times.size()) {
        Report(t, Repro(where, lm->json, lead, ev, times.back(), "-", "-"),
               "ScoreSeries failed: " +
                   (cards.ok() ? std::string("wrong count") : cards.status().ToString()));
        continue;
      }
      for (size_t k = 0; k < times.size(); ++k) {
        const OResult want = ScoreWholeHistory(lm->model, lead, ev, times[k]);
        const OResult before =
            ScoreWholeHistory(lm->model, lead, ev, times[k] - days * kNsPerDay);
        g_stats.Add(lm->model, want);
        const leadscore::Scorecard& got = (*cards)[k];
        std::string diff = Compare(lm->model, want, got, lead.id, times[k]);
        if (!got.velocity || got.velocity->days != days ||
            got.velocity->dimensions.size() != lm->model.dims.size()) {
          diff += "velocity missing or of the wrong shape\n";
        } else {
          if (!NearDifference(before.total, want.total, got.velocity->total)) {
            diff += "velocity total: want " + Num(want.total - before.total) + ", got " +
                    Num(got.velocity->total) + "\n";
          }
          for (size_t d = 0; d < lm->model.dims.size(); ++d) {
            if (!NearDifference(before.scores[d], want.scores[d], got.velocity->dimensions[d])) {
              diff += "velocity " + lm->model.dims[d].name + ": want " +
                      Num(want.scores[d] - before.scores[d]) + ", got " +
                      Num(got.velocity->dimensions[d]) + "\n";
            }
          }
        }
        if (!diff.empty()) {
          Report(t, Repro(where + ", time " + std::to_string(k), lm->json, lead, ev, times[k],
                          OracleJson(lm->model, want, times[k]), CardJson(got)),
                 diff);
        }
      }
    }
  }
}

TEST_CASE("oracle v1.1: ScoreSeries with velocity agrees with the oracle at every time",
          "[oracle][series]") {
  g_stats = Stats();
  Tally t;
  SeriesCases("ScoreSeries", 2101, Scaled(150), 6, GenOptions(), &t);
  SeriesCases("ScoreSeries v1.1", 2102, Scaled(150), 6, V11(), &t);
  Finish(t);
}

// ---------------------------------------------------------------------------
// (j) v1.1 model diff: DiffModels of a random model and a variant of it
// (some rules' points changed) against the reference scoring each lead under
// both
// ---------------------------------------------------------------------------

TEST_CASE("oracle v1.1: DiffModels agrees with the oracle lead by lead and in its stage matrix",
          "[oracle][diff]") {
  g_stats = Stats();
  Tally t;
  const char* name = "DiffModels";
  long stage_moves = 0;
  for (int mi : ModelNumbers(Scaled(200))) {
    Rng rng(SeedOf(2201, mi));
    const GenOptions opt = rng.Chance(0.5) ? V11() : GenOptions();
    auto a = LoadModel(rng, opt, Where(name, mi, -1));
    if (!a) { ++t.mismatches; continue; }
    OModel bm = a->model;
    const std::vector<double> factors = {0, 0.5, 1.5, 2, -1};
    for (auto& r : bm.rules) {
      if (rng.Chance(0.5)) r.points *= rng.Pick(factors);
    }
    const std::string b_json = ToJson(bm).dump();
    auto b = leadscore::Model::FromJson(b_json);
    if (!b.ok()) {
      ++t.mismatches;
      FAIL_CHECK("the variant did not load: " << b.status().ToString() << "\n" << b_json);
      continue;
    }
    const LeadsCase lc = GenLeadsCase(rng, a->model, opt, 8);
    const int n = static_cast<int>(lc.leads.size());
    const std::vector<std::vector<OEvent>>& events = lc.events;
    const int64_t as_of = lc.as_of;
    const std::vector<OLead>& leads = lc.leads;
    std::vector<leadscore::Lead> lib_leads;
    std::vector<leadscore::Event> lib_events;
    for (int i = 0; i < n; ++i) {
      lib_leads.push_back(ToLib(leads[i]));
      for (const auto& e : ToLib(events[i], leads[i].id)) lib_events.push_back(e);
    }
    // (In lead order: a lead's own order is kept, since copies of an id at
    // one instant are told apart by their position.)
    leadscore::ModelDiffOptions options;
    options.explain = true;
    auto d = leadscore::DiffModels(a->lib, *b, lib_leads, lib_events,
                                   absl::FromUnixNanos(as_of), options);
    ++t.cases;
    const std::string where = Where(name, mi, -1) + "\nvariant: " + b_json;
    if (!d.ok() || d->leads.size() != leads.size()) {
      Report(&t, where, "DiffModels failed: " + (d.ok() ? std::string("wrong lead count")
                                                        : d.status().ToString()));
      continue;
    }
    std::map<std::pair<std::string, std::string>, size_t> matrix;
    size_t stage_changed = 0;
    for (int i = 0; i < n; ++i) {
      const OResult old_want = ScoreWholeHistory(a->model, leads[i], events[i], as_of);
      const OResult new_want = ScoreWholeHistory(bm, leads[i], events[i], as_of);
      g_stats.Add(a->model, old_want);
      const leadscore::LeadDiff& ld = d->leads[i];
      std::string diff;
      if (!ld.old_card || !ld.new_card) {
        diff = "a model refused the lead\n";
      } else {
        diff = Compare(a->model, old_want, *ld.old_card, leads[i].id, as_of);
        const std::string new_diff = Compare(bm, new_want, *ld.new_card, leads[i].id, as_of);
        if (!new_diff.empty()) diff += "(new model) " + new_diff;
      }
      if (!diff.empty()) {
        Report(&t, Repro(where + ", lead " + std::to_string(i), a->json, leads[i], events[i],
                         as_of, OracleJson(a->model, old_want, as_of) + "\nnew oracle: " +
                                    OracleJson(bm, new_want, as_of),
                         (ld.old_card ? CardJson(*ld.old_card) : "-") + "\nnew library: " +
                             (ld.new_card ? CardJson(*ld.new_card) : "-")),
               diff);
        continue;
      }
      if (old_want.stage && new_want.stage) {
        ++matrix[{*old_want.stage, *new_want.stage}];
        if (*old_want.stage != *new_want.stage) ++stage_changed;
      }
    }
    if (t.done()) break;
    if (!a->model.lc) continue;
    stage_moves += static_cast<long>(stage_changed);
    std::string diff;
    if (d->stage_changed != stage_changed) {
      diff += "stage_changed: want " + std::to_string(stage_changed) + ", got " +
              std::to_string(d->stage_changed) + "\n";
    }
    size_t cells = 0;
    for (const auto& [pair, count] : matrix) {
      cells += count;
      if (d->stages.count(pair.first, pair.second) != count) {
        diff += "stage matrix " + pair.first + " -> " + pair.second + ": want " +
                std::to_string(count) + ", got " +
                std::to_string(d->stages.count(pair.first, pair.second)) + "\n";
      }
    }
    if (cells != leads.size()) diff += "the oracle left a lead without a stage\n";
    if (!diff.empty()) Report(&t, where, diff);
  }
  CHECK(stage_moves > 0);  // the variants do move stages
  Finish(t);
}
