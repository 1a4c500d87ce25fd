// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Scores at a series of times (Scorer::ScoreSeries, BatchScorer::ScoreSeries)
// and score velocity (docs/model-format.md, "Trends"): over the bundled
// sample under every bundled model, each scorecard of a series is byte for
// byte (as JSON) the one scoring at that time separately gives, and each
// velocity is exactly the difference of two separate scorings. Then the
// edge cases (duplicates, a time equal to an event's, the window before the
// first event, disqualified leads) and the errors.

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/types/span.h"
#include "catch2/catch.hpp"
#include "leadscore/batch.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/scorer.h"
#include "support/test_util.h"

namespace {

using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::Event;
using leadscore::Lead;
using leadscore::Model;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::SeriesOptions;
using namespace leadscore_test;

std::string Source(const std::string& rel) {
  return std::string(LEADSCORE_SOURCE_DIR) + "/" + rel;
}

struct Population {
  std::vector<Lead> leads;
  std::vector<Event> events;                           // file order
  std::map<std::string, std::vector<Event>> by_lead;  // file order per lead
  absl::Time as_of;
};

const Population& Bundled() {
  static const Population* population = [] {
    auto* p = new Population;
    std::istringstream li(ReadFile(Source("examples/data/leads.jsonl")));
    for (std::string line; std::getline(li, line);) {
      auto lead = leadscore::ParseLeadJson(line);
      REQUIRE(lead.ok());
      p->leads.push_back(*std::move(lead));
    }
    std::istringstream ei(ReadFile(Source("examples/data/events.jsonl")));
    for (std::string line; std::getline(ei, line);) {
      auto e = leadscore::ParseEventJson(line);
      REQUIRE(e.ok());
      p->by_lead[e->lead_id].push_back(*e);
      p->events.push_back(*std::move(e));
    }
    p->as_of = T(std::string(
        absl::StripAsciiWhitespace(ReadFile(Source("examples/data/as_of.txt")))));
    return p;
  }();
  return *population;
}

std::vector<std::string> BundledModels() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(Source("examples/models"))) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() >= 4);
  return paths;
}

// Times of the property tests: before most events, exactly at an event's
// time (an event at as_of counts), between, and the sample's as_of.
std::vector<absl::Time> SeriesTimes() {
  const Population& p = Bundled();
  std::vector<absl::Time> times = {T("2026-06-01T00:00:00Z"), p.events[p.events.size() / 2].at,
                                   T("2026-10-20T06:30:00.5Z"), p.as_of};
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  REQUIRE(times.size() == 4);
  return times;
}

const std::vector<Event>& EventsOf(const Lead& lead) {
  static const std::vector<Event> none;
  const auto it = Bundled().by_lead.find(lead.id);
  return it == Bundled().by_lead.end() ? none : it->second;
}

std::vector<Scorecard> BatchCards(const std::shared_ptr<const Model>& model, absl::Time as_of) {
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, as_of);
  REQUIRE(batch.ok());
  for (const Lead& lead : Bundled().leads) REQUIRE(batch->AddLead(lead).ok());
  for (const Event& e : Bundled().events) REQUIRE(batch->AddEvent(e).ok());
  std::vector<Scorecard> cards;
  BatchOptions options;
  options.explain = true;
  batch->Score(options, [&](const Scorecard& card) { cards.push_back(card); });
  return cards;
}

}  // namespace

TEST_CASE("series: Scorer::ScoreSeries equals ScoreHistory at each time, bundled data",
          "[series]") {
  const std::vector<absl::Time> times = SeriesTimes();
  for (const std::string& path : BundledModels()) {
    INFO(path);
    const Scorer scorer(MustLoad(ReadFile(path)));
    SeriesOptions options;
    options.explain = true;
    size_t compared = 0;
    for (const Lead& lead : Bundled().leads) {
      INFO(lead.id);
      const std::vector<Event>& events = EventsOf(lead);
      absl::StatusOr<std::vector<Scorecard>> series =
          scorer.ScoreSeries(lead, events, times, options);
      REQUIRE(series.ok());
      REQUIRE(series->size() == times.size());
      for (size_t i = 0; i < times.size(); ++i) {
        CHECK_FALSE((*series)[i].velocity.has_value());
        const Scorecard alone = ScoreOf(scorer.shared_model(), lead, events, times[i]);
        if (CardJson((*series)[i]) != CardJson(alone)) {
          FAIL(CardJson((*series)[i]) << "\n!=\n" << CardJson(alone));
        }
        ++compared;
      }
    }
    CHECK(compared == Bundled().leads.size() * times.size());
  }
}

TEST_CASE("series: BatchScorer::ScoreSeries equals a batch as of each time, bundled data",
          "[series]") {
  const std::vector<absl::Time> times = SeriesTimes();
  for (const std::string& path : BundledModels()) {
    INFO(path);
    const auto model = MustLoad(ReadFile(path));
    std::vector<std::vector<Scorecard>> alone;
    for (absl::Time t : times) alone.push_back(BatchCards(model, t));
    absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, times.back());
    REQUIRE(batch.ok());
    for (const Lead& lead : Bundled().leads) REQUIRE(batch->AddLead(lead).ok());
    for (const Event& e : Bundled().events) REQUIRE(batch->AddEvent(e).ok());
    SeriesOptions options;
    options.explain = true;
    std::vector<Scorecard> got;
    auto stats = batch->ScoreSeries(options, times,
                                    [&](const Scorecard& card) { got.push_back(card); });
    REQUIRE(stats.ok());
    CHECK(stats->leads_scored == Bundled().leads.size());
    REQUIRE(got.size() == Bundled().leads.size() * times.size());
    // Leads in order, each lead's times in order.
    for (size_t lead = 0; lead < Bundled().leads.size(); ++lead) {
      for (size_t i = 0; i < times.size(); ++i) {
        const Scorecard& card = got[lead * times.size() + i];
        if (CardJson(card) != CardJson(alone[i][lead])) {
          FAIL(CardJson(card) << "\n!=\n" << CardJson(alone[i][lead]));
        }
      }
    }
  }
}

TEST_CASE("series: velocity is the difference of two separate scorings, bundled data",
          "[series]") {
  const std::vector<absl::Time> times = SeriesTimes();
  for (const std::string& path : BundledModels()) {
    INFO(path);
    const Scorer scorer(MustLoad(ReadFile(path)));
    for (int days : {1, 7, 30}) {
      INFO("days " << days);
      SeriesOptions options;
      options.velocity_days = days;
      size_t moving = 0;
      for (const Lead& lead : Bundled().leads) {
        INFO(lead.id);
        const std::vector<Event>& events = EventsOf(lead);
        auto series = scorer.ScoreSeries(lead, events, times, options);
        REQUIRE(series.ok());
        for (size_t i = 0; i < times.size(); ++i) {
          const Scorecard& card = (*series)[i];
          const Scorecard now = ScoreOf(scorer.shared_model(), lead, events, times[i], false);
          const Scorecard before = ScoreOf(scorer.shared_model(), lead, events,
                                           times[i] - absl::Hours(24) * days, false);
          // The card itself is the one without velocity, plus the velocity.
          Scorecard plain = card;
          plain.velocity.reset();
          REQUIRE(CardJson(plain, false) == CardJson(now, false));
          REQUIRE(card.velocity.has_value());
          CHECK(card.velocity->days == days);
          CHECK(card.velocity->total == now.total - before.total);
          REQUIRE(card.velocity->dimensions.size() == now.dimensions.size());
          for (size_t d = 0; d < now.dimensions.size(); ++d) {
            CHECK(card.velocity->dimensions[d] ==
                  now.dimensions[d].score - before.dimensions[d].score);
          }
          if (card.velocity->total != 0) ++moving;
        }
      }
      CHECK(moving > 100);  // the property is not vacuous
    }
  }
}

TEST_CASE("series: duplicates, ties at a time and events out of order", "[series]") {
  const auto model = MustLoad(ReadFile(Source("examples/models/b2b-saas.json")));
  const Scorer scorer(model);
  const Lead& lead = Bundled().leads[0];
  std::vector<Event> events = EventsOf(lead);
  REQUIRE(events.size() >= 3);
  // A later copy of an id (dropped), a copy of an id before the original
  // (kept instead of it), events in reverse order.
  Event late = events[0];
  late.at = events.back().at + absl::Hours(1);
  Event early = events[1];
  early.at = events[0].at - absl::Hours(1);
  events.push_back(late);
  events.push_back(early);
  std::reverse(events.begin(), events.end());
  std::vector<absl::Time> times = {early.at - absl::Seconds(1), early.at, events.back().at,
                                   late.at, late.at + absl::Hours(24 * 40)};
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  SeriesOptions options;
  options.explain = true;
  options.velocity_days = 3;
  auto series = scorer.ScoreSeries(lead, events, times, options);
  REQUIRE(series.ok());
  for (size_t i = 0; i < times.size(); ++i) {
    const Scorecard now = ScoreOf(model, lead, events, times[i]);
    const Scorecard before = ScoreOf(model, lead, events, times[i] - absl::Hours(72));
    Scorecard plain = (*series)[i];
    plain.velocity.reset();
    CHECK(CardJson(plain) == CardJson(now));
    CHECK((*series)[i].velocity->total == now.total - before.total);
  }
}

TEST_CASE("series: the velocity JSON and a window before the first event", "[series]") {
  const auto model = MustLoad(R"({"dimensions": [{"name": "engagement"}],
      "rules": [{"id": "visit", "dimension": "engagement", "points": 5, "on": "page_view"}]})");
  const Scorer scorer(model);
  const Lead lead = MakeLead("L-1");
  const std::vector<Event> events = {Ev(lead, "page_view", "2026-10-01T00:00:00Z"),
                                     Ev(lead, "page_view", "2026-10-05T00:00:00Z"),
                                     Ev(lead, "page_view", "2026-10-09T00:00:00Z")};
  SeriesOptions options;
  options.velocity_days = 7;
  auto series = scorer.ScoreSeries(
      lead, events, {T("2026-10-02T00:00:00Z"), T("2026-10-09T00:00:00Z")}, options);
  REQUIRE(series.ok());
  // As of 10-02 the window reaches back before the first event: the score
  // then is that of no events (0), so the velocity is the score itself.
  CHECK(CardJson((*series)[0], false) ==
        R"({"lead_id": "L-1", "as_of": "2026-10-02T00:00:00Z", "valid": true, )"
        R"("scores": {"engagement": 5}, "total": 5, "grades": {"engagement": null}, )"
        R"("stage": null, "stage_entered_at": null, "labels": [], "funnel": null, )"
        R"("velocity": {"days": 7, "total": 5, "scores": {"engagement": 5}}})");
  // As of 10-09 (the event at 10-09 counts; the one at 10-02 - 7 days = the
  // window's start is before any): 15 now, 5 as of 10-02.
  CHECK((*series)[1].velocity->total == 10);
}

TEST_CASE("series: Scorer::ScoreSeries errors", "[series]") {
  const auto model = MustLoad(ReadFile(Source("examples/models/b2b-saas.json")));
  const Scorer scorer(model);
  const Lead lead = MakeLead("L-1");
  const std::vector<Event> none;
  auto expect = [&](absl::Span<const absl::Time> times, const SeriesOptions& options,
                    absl::StatusCode code, const std::string& part,
                    const std::vector<Event>& events = {}) {
    auto r = scorer.ScoreSeries(lead, events, times, options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == code);
    CHECK_THAT(std::string(r.status().message()), Catch::Contains(part));
  };
  SeriesOptions plain;
  expect({}, plain, absl::StatusCode::kInvalidArgument, "at least one time");
  const std::vector<absl::Time> down = {T("2026-10-02T00:00:00Z"), T("2026-10-01T00:00:00Z")};
  expect(down, plain, absl::StatusCode::kInvalidArgument, "ascending and distinct");
  const std::vector<absl::Time> twice = {T("2026-10-01T00:00:00Z"), T("2026-10-01T00:00:00Z")};
  expect(twice, plain, absl::StatusCode::kInvalidArgument,
         "2026-10-01T00:00:00Z follows 2026-10-01T00:00:00Z");
  const std::vector<absl::Time> old = {T("1899-12-31T00:00:00Z")};
  expect(old, plain, absl::StatusCode::kOutOfRange, "1900");
  SeriesOptions negative;
  negative.velocity_days = -1;
  const std::vector<absl::Time> one = {T("2026-10-01T00:00:00Z")};
  expect(one, negative, absl::StatusCode::kInvalidArgument, "velocity_days must be 0");
  SeriesOptions week;
  week.velocity_days = 7;
  const std::vector<absl::Time> early = {T("1900-01-03T00:00:00Z")};
  expect(early, week, absl::StatusCode::kOutOfRange,
         "the velocity window of 7 days reaches back from 1900-01-03T00:00:00Z");
  const Lead other = MakeLead("L-2");
  expect(one, plain, absl::StatusCode::kInvalidArgument, "is for lead 'L-2', not 'L-1'",
         {Ev(other, "page_view", "2026-09-01T00:00:00Z")});
}

TEST_CASE("series: BatchScorer::ScoreSeries refuses a time after the batch's as_of",
          "[series]") {
  const auto model = MustLoad(ReadFile(Source("examples/models/b2b-saas.json")));
  auto batch = BatchScorer::Create(model, T("2026-10-01T00:00:00Z"));
  REQUIRE(batch.ok());
  REQUIRE(batch->AddLead(MakeLead("L-1")).ok());
  size_t calls = 0;
  const std::vector<absl::Time> times = {T("2026-09-01T00:00:00Z"), T("2026-10-02T00:00:00Z")};
  auto r = batch->ScoreSeries(SeriesOptions(), times, [&](const Scorecard&) { ++calls; });
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(r.status().message()),
             Catch::Contains("after the batch's as_of 2026-10-01T00:00:00Z"));
  CHECK(calls == 0);
  const std::vector<absl::Time> none;
  CHECK(batch->ScoreSeries(SeriesOptions(), none, [&](const Scorecard&) { ++calls; })
            .status()
            .code() == absl::StatusCode::kInvalidArgument);
  CHECK(calls == 0);
}
