// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The shape of the core API: LeadState owns private contents (deep copy,
// cheap move, an empty state refused); BatchScorer is move-only, may move
// while its shards exist, and joins its workers when the sink or a worker
// throws; the reported stage's kind (Scorecard::stage_kind).

#include <atomic>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/match.h"
#include "engine/reported_stage.h"
#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::BatchStats;
using leadscore::LeadState;
using leadscore::Scorer;
using leadscore::StageKind;

static_assert(!std::is_copy_constructible<BatchScorer>::value, "BatchScorer is move-only");
static_assert(!std::is_copy_assignable<BatchScorer>::value, "BatchScorer is move-only");
static_assert(std::is_nothrow_move_constructible<BatchScorer>::value, "cheap move");
static_assert(std::is_nothrow_move_constructible<LeadState>::value, "cheap move");
static_assert(std::is_copy_constructible<LeadState>::value, "deep copy");
static_assert(sizeof(LeadState) == sizeof(void*), "one pointer to private contents");
static_assert(sizeof(BatchScorer) == sizeof(void*), "one pointer to private contents");

std::shared_ptr<const Model> StageModel() {
  return MustLoad(R"({"name": "stages", "version": "1",
    "dimensions": [{"name": "eng"}],
    "rules": [{"id": "view", "dimension": "eng", "points": 10, "on": "page_view"}],
    "lifecycle": {"stages": ["sub", "mql", "won"],
      "thresholds": [{"stage": "mql", "when": {"score": "eng", "gte": 20}}],
      "disqualify_when": {"attr": "email", "ends_with": "@rival.com"},
      "funnel": {"tofu": ["sub"], "mofu": ["mql"], "bofu": ["won"]}}})");
}

void ExpectRefused(const absl::Status& s) {
  REQUIRE(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(absl::StrContains(s.message(), "this lead state is empty (default-built, moved-from or "
                                       "erased)"));
}

TEST_CASE("An empty LeadState is refused, copies are deep, moves leave it empty",
          "[api][lead_state]") {
  auto model = StageModel();
  Scorer scorer(model);
  const Lead lead = MakeLead();
  LeadState empty;
  CHECK(empty.event_count() == 0);
  CHECK_FALSE(empty.has_events());
  ExpectRefused(scorer.Apply(lead, Ev(lead, "page_view", Day(1)), empty).status());
  ExpectRefused(scorer.Score(lead, empty, Day(1)).status());

  auto started = scorer.Start(lead);
  REQUIRE(started.ok());
  REQUIRE(scorer.Apply(lead, Ev(lead, "page_view", Day(1), std::string("E1")), *started).ok());
  LeadState copy = *started;  // deep: applying to the copy leaves the original
  REQUIRE(scorer.Apply(lead, Ev(lead, "page_view", Day(2), std::string("E2")), copy).ok());
  CHECK(started->event_count() == 1);
  CHECK(copy.event_count() == 2);
  CHECK(copy.last_event_time() == Day(2));
  CHECK(started->last_event_time() == Day(1));
  CHECK(ScoreIn(*scorer.Score(lead, *started, Day(3)), "eng") == 10);
  CHECK(ScoreIn(*scorer.Score(lead, copy, Day(3)), "eng") == 20);
  // The duplicate log was copied too: E1 again is a duplicate in both.
  auto dup = scorer.Apply(lead, Ev(lead, "page_view", Day(2.5), std::string("E1")), copy);
  REQUIRE(dup.ok());
  CHECK(dup->outcome == leadscore::ApplyResult::Outcome::kDuplicate);

  copy = empty;  // copy-assigning an empty state empties
  ExpectRefused(scorer.Score(lead, copy, Day(3)).status());
  copy = *started;
  CHECK(copy.event_count() == 1);

  LeadState moved = std::move(copy);
  CHECK(moved.event_count() == 1);
  ExpectRefused(scorer.Score(lead, copy, Day(3)).status());  // NOLINT: moved-from is empty
  leadscore::EraseLeadState(&moved);
  CHECK(moved.event_count() == 0);
  ExpectRefused(scorer.Score(lead, moved, Day(3)).status());
  // An empty state serialises as before (a default-built state's bytes), and
  // those bytes are refused as not of this layout.
  const std::string bytes = leadscore::SerializeLeadState(scorer, empty);
  CHECK_FALSE(bytes.empty());
}

TEST_CASE("The reported stage carries its kind", "[api][stage]") {
  auto model = StageModel();
  Scorer scorer(model);
  Attributes rival;
  rival["email"] = S("a@rival.com");
  const Lead computed = MakeLead("C");
  const Lead invalid = MakeLead("I", {}, /*consent=*/false);
  const Lead disqualified = MakeLead("D", rival);
  const Lead host = MakeLead("H", rival, true, std::string("won"));  // overrides disqualified
  const Lead host_below = MakeLead("B", {}, true, std::string("sub"));
  struct Case {
    const Lead* lead;
    StageKind kind;
    const char* stage;
    bool since;
  };
  const std::vector<Case> cases = {
      {&computed, StageKind::kComputed, "mql", true},
      {&invalid, StageKind::kInvalid, "invalid", false},
      {&disqualified, StageKind::kDisqualified, "disqualified", false},
      {&host, StageKind::kHostAsserted, "won", false},
      {&host_below, StageKind::kComputed, "mql", true}};
  for (const Case& c : cases) {
    INFO(c.lead->id);
    std::vector<Event> events = {Ev(*c.lead, "page_view", Day(1)),
                                 Ev(*c.lead, "page_view", Day(2))};
    const Scorecard card = ScoreOf(model, *c.lead, events, Day(3));
    CHECK(card.stage_kind == c.kind);
    CHECK(card.stage == std::optional<std::string>(c.stage));
    CHECK(card.stage_entered_at.has_value() == c.since);
    auto ex = leadscore::ExplainLead(scorer, *c.lead, events, Day(3));
    REQUIRE(ex.ok());
    const std::string text = leadscore::FormatExplanation(*ex);
    CHECK(absl::StrContains(text, "(asserted by the host)") ==
          (c.kind == StageKind::kHostAsserted));
  }
  // No lifecycle: no stage, kNone.
  auto plain = MustLoad(R"({"name": "p", "version": "1", "dimensions": [{"name": "eng"}],
    "rules": [{"id": "v", "dimension": "eng", "points": 1, "on": "page_view"}]})");
  const Scorecard card = ScoreOf(plain, computed, {}, Day(3));
  CHECK(card.stage_kind == StageKind::kNone);
  CHECK_FALSE(card.stage.has_value());
}

TEST_CASE("ReportStage: consent first, then disqualification, then the host stage",
          "[api][stage]") {
  using leadscore::internal::FindStageIndex;
  using leadscore::internal::ReportStage;
  leadscore::internal::Lifecycle lc;
  lc.stages = {"sub", "mql", "won"};
  lc.require_consent = true;
  const leadscore::internal::EvalEnv env{};
  Lead lead = MakeLead("X", {}, true, std::string("mql"));
  CHECK(FindStageIndex(lc, "won") == 2);
  CHECK(FindStageIndex(lc, "Won") == -1);  // exact
  auto r = ReportStage(lc, lead, /*consent_granted=*/false, env, 0);
  CHECK(r.kind == StageKind::kInvalid);
  CHECK(r.index == -1);
  CHECK(leadscore::internal::ReportedStageName(lc, r) == "invalid");
  r = ReportStage(lc, lead, true, env, 0);
  CHECK(r.kind == StageKind::kHostAsserted);
  CHECK(r.index == 1);
  r = ReportStage(lc, lead, true, env, 1);  // host equal to computed: host-asserted
  CHECK(r.kind == StageKind::kHostAsserted);
  r = ReportStage(lc, lead, true, env, 2);
  CHECK(r.kind == StageKind::kComputed);
  CHECK(leadscore::internal::ReportedStageName(lc, r) == "won");
  lc.require_consent = false;
  CHECK(ReportStage(lc, lead, false, env, 2).kind == StageKind::kComputed);
}

// Two leads and their events, ready to score.
BatchScorer FilledBatch(const std::shared_ptr<const Model>& model, int leads) {
  auto batch = BatchScorer::Create(model, Day(10));
  REQUIRE(batch.ok());
  for (int i = 0; i < leads; ++i) {
    const Lead lead = MakeLead("L-" + std::to_string(i));
    REQUIRE(batch->AddLead(lead).ok());
    REQUIRE(batch->AddEvent(Ev(lead, "page_view", Day(1), std::string("E"))).ok());
    REQUIRE(batch->AddEvent(Ev(lead, "page_view", Day(2), std::string("E"))).ok());
  }
  return *std::move(batch);
}

TEST_CASE("BatchScorer::Create refuses a null model", "[api][batch]") {
  auto batch = BatchScorer::Create(nullptr, Day(0));
  REQUIRE(batch.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(batch.status().message(), "needs a model"));
}

TEST_CASE("A BatchScorer may move while its event shards exist", "[api][batch]") {
  auto model = StageModel();
  BatchScorer batch = FilledBatch(model, 2);
  BatchScorer::EventShard shard = batch.NewEventShard();
  const Lead l0 = MakeLead("L-0");
  REQUIRE(shard.AddEvent(Ev(l0, "page_view", Day(3), std::string("F"))).ok());
  BatchScorer moved = std::move(batch);  // the shard refers to the storage, not the object
  REQUIRE(shard.AddEvent(Ev(l0, "page_view", Day(4), std::string("G"))).ok());
  REQUIRE(moved.MergeEventShard(std::move(shard)).ok());
  CHECK(moved.event_count() == 6);
  std::vector<double> totals;
  const BatchStats stats =
      moved.Score(BatchOptions{}, [&](const Scorecard& c) { totals.push_back(c.total); });
  CHECK(totals == std::vector<double>{30, 10});
  CHECK(stats.leads_scored == 2);
  CHECK(stats.duplicates_dropped == 2);
  // A shard of another batch is refused.
  BatchScorer other = FilledBatch(model, 1);
  BatchScorer::EventShard foreign = other.NewEventShard();
  const absl::Status s = moved.MergeEventShard(std::move(foreign));
  REQUIRE(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(s.message(), "another batch"));
}

// Before the fix a throwing sink with threads > 1 destroyed joinable
// std::threads, which terminates the process.
TEST_CASE("A throwing sink stops and joins the workers and reaches the caller",
          "[api][batch][exceptions]") {
  auto model = StageModel();
  BatchScorer batch = FilledBatch(model, 3000);  // many blocks: workers are busy
  for (int threads : {1, 2, 4}) {
    for (int throw_at : {0, 1, 1500, 2999}) {
      INFO("threads " << threads << ", throw at " << throw_at);
      BatchOptions options;
      options.threads = threads;
      int seen = 0;
      try {
        batch.Score(options, [&](const Scorecard&) {
          if (seen++ == throw_at) throw std::runtime_error("sink failed");
        });
        FAIL("no exception");
      } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "sink failed");
      }
      CHECK(seen == throw_at + 1);
    }
  }
  // The batch can be scored again, whole.
  BatchOptions options;
  options.threads = 4;
  std::vector<std::string> ids;
  const BatchStats stats = batch.Score(options, [&](const Scorecard& c) { ids.push_back(c.lead_id); });
  REQUIRE(ids.size() == 3000);
  CHECK(ids.front() == "L-0");
  CHECK(ids.back() == "L-2999");
  CHECK(stats.leads_scored == 3000);
  CHECK(stats.duplicates_dropped == 3000);
}

}  // namespace
}  // namespace leadscore_test
