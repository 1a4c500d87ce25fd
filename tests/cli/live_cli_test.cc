// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore apply, state and rescore on the bundled sample, against batch
// scoring of the same events.

#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "support/cli_util.h"
#include "support/test_util.h"

namespace {

using leadscore_test::CliDir;
using leadscore_test::ReadFile;

std::string Source(const std::string& rel) {
  return std::string(LEADSCORE_SOURCE_DIR) + "/" + rel;
}

size_t CountLines(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

const char* kAfterAll = "2027-01-01T00:00:00Z";  // after every bundled event

TEST_CASE("apply on the bundled sample gives batch scoring's scorecards, a rerun adds nothing",
          "[cli][live]") {
  CliDir dir("live_cli_tmp");
  const std::string model = Source("examples/models/b2b-saas.json");
  const std::string leads = Source("examples/data/leads.jsonl");
  const std::string events = Source("examples/data/events.jsonl");
  const std::string store = "sqlite:" + dir.Path("s.db");
  const auto applied = dir.Run({"apply", "--model", model, "--store", store, "--leads", leads,
                                "--events", events, "--keep-history", "--batch", "700"});
  REQUIRE(applied.code == 0);
  // The bundled events arrive out of order (183 beyond the default window):
  // merged exactly from the stored history, none lost.
  CHECK_THAT(applied.err, Catch::Contains("0 too late, 0 refused, 79 of unknown leads"));
  CHECK_THAT(applied.err, Catch::Contains("leads: 2000 added"));
  CHECK_THAT(applied.err, Catch::Contains("is not in the store (add it with --leads)"));
  const size_t transitions = CountLines(applied.out);
  CHECK(transitions > 1000);

  const auto live = dir.Run({"state", "--store", store, "--scorecards", "--model", model,
                             "--as-of", kAfterAll, "--explain"});
  REQUIRE(live.code == 0);
  const auto batch = dir.Run({"score", "--model", model, "--leads", leads, "--events", events,
                              "--as-of", kAfterAll, "--explain"});
  REQUIRE(batch.code == 0);
  CHECK(CountLines(live.out) == 2000);
  CHECK(live.out == batch.out);

  // Started again on the same input: every line was committed; nothing new.
  const auto rerun = dir.Run({"apply", "--model", model, "--store", store, "--leads", leads,
                              "--events", events, "--keep-history"});
  REQUIRE(rerun.code == 0);
  CHECK(rerun.out.empty());
  CHECK_THAT(rerun.err, Catch::Contains("40000 lines committed before skipped"));
  CHECK_THAT(rerun.err, Catch::Contains("2000 unchanged"));
  const auto outbox = dir.Run({"state", "--store", store, "--outbox"});
  REQUIRE(outbox.code == 0);
  CHECK(CountLines(outbox.out) == transitions);
  CHECK_THAT(outbox.out, Catch::StartsWith("{\"seq\": 1, \"transition\": {\"lead_id\": "));
}

TEST_CASE("state shows, exports and erases one lead", "[cli][live]") {
  CliDir dir("live_cli_tmp");
  const std::string model = Source("examples/models/b2b-saas.json");
  const std::string store = "sqlite:" + dir.Path("s.db");
  const std::string leads = dir.Write(
      "leads.jsonl",
      "{\"id\": \"L-1\", \"consent\": {\"granted\": true}, \"attributes\": {\"job_title\": "
      "\"VP Sales\", \"company_size\": 300}}\n");
  const std::string events = dir.Write(
      "events.jsonl",
      "{\"id\": \"e1\", \"lead_id\": \"L-1\", \"type\": \"demo_request\", \"at\": "
      "\"2026-10-01T10:00:00Z\"}\n"
      "{\"id\": \"e2\", \"lead_id\": \"L-1\", \"type\": \"page_view\", \"at\": "
      "\"2026-10-02T10:00:00Z\", \"properties\": {\"url\": \"/pricing\"}}\n");
  REQUIRE(dir.Run({"apply", "--model", model, "--store", store, "--leads", leads, "--events",
                   events, "--keep-history", "--source", "crm"})
              .code == 0);
  const auto shown = dir.Run({"state", "--store", store, "--lead", "L-1", "--model", model});
  REQUIRE(shown.code == 0);
  CHECK_THAT(shown.out, Catch::Contains("\"model\": \"b2b-saas\", \"model_version\": \"1\""));
  CHECK_THAT(shown.out, Catch::Contains("\"events\": 2"));
  CHECK_THAT(shown.out, Catch::Contains("\"positions\": [{\"source\": \"crm\", \"offset\": 2}]"));
  CHECK_THAT(shown.out, Catch::Contains("\"scorecard\": {\"lead_id\": \"L-1\""));
  const auto exported = dir.Run({"state", "--store", store, "--lead", "L-1", "--export"});
  REQUIRE(exported.code == 0);
  CHECK_THAT(exported.out, Catch::Contains("\"history\": [{\"id\": \"e1\""));
  CHECK_THAT(exported.out, Catch::Contains("\"state_bytes_base64\": \"TFNTV"));  // "LSST"
  const auto erased = dir.Run({"state", "--store", store, "--lead", "L-1", "--erase"});
  REQUIRE(erased.code == 0);
  const auto gone = dir.Run({"state", "--store", store, "--lead", "L-1"});
  CHECK(gone.code == 2);
  CHECK_THAT(gone.err, Catch::Contains("the store has no lead 'L-1'"));
  CHECK(dir.Run({"state", "--store", store, "--outbox"}).out.empty());
  // Argument errors.
  CHECK(dir.Run({"state", "--store", store}).code == 2);
  CHECK(dir.Run({"state", "--store", store, "--scorecards"}).code == 2);
}

TEST_CASE("a store refuses another model, rescore moves it and says who moved", "[cli][live]") {
  CliDir dir("live_cli_tmp");
  const std::string model = Source("examples/models/b2b-saas.json");
  std::string edited = ReadFile(model);
  const std::string from = "{\"score\": \"total\", \"gte\": 40}";
  REQUIRE(edited.find(from) != std::string::npos);
  edited.replace(edited.find(from), from.size(), "{\"score\": \"total\", \"gte\": 30}");
  const std::string model2 = dir.Write("b2b-edited.json", edited);  // same name and version
  const std::string store = "sqlite:" + dir.Path("s.db");
  REQUIRE(dir.Run({"apply", "--model", model, "--store", store, "--leads",
                   Source("examples/data/leads.jsonl"), "--events",
                   Source("examples/data/events.jsonl"), "--keep-history"})
              .code == 0);
  const auto refused = dir.Run({"apply", "--model", model2, "--store", store, "--events",
                                Source("examples/data/events.jsonl")});
  CHECK(refused.code == 2);
  CHECK_THAT(refused.err, Catch::Contains("run `leadscore rescore"));
  const auto rescored = dir.Run({"rescore", "--store", store, "--model", model2, "--old-model",
                                 model, "--transitions", dir.Path("t.jsonl")});
  REQUIRE(rescored.code == 0);
  CHECK_THAT(rescored.err, Catch::Contains("0 carried over"));
  CHECK_THAT(rescored.err, Catch::Contains("rebuilt from history"));
  CHECK_THAT(rescored.err, Catch::Contains("lead           -> mql"));
  CHECK(CountLines(ReadFile(dir.Path("t.jsonl"))) > 0);
  CHECK_THAT(ReadFile(dir.Path("t.jsonl")), Catch::Contains("\"cause\": \"model\""));
  // Now the store is the edited model's, and equals batch scoring under it.
  const auto live = dir.Run({"state", "--store", store, "--scorecards", "--model", model2,
                             "--as-of", kAfterAll});
  const auto batch = dir.Run({"score", "--model", model2, "--leads",
                              Source("examples/data/leads.jsonl"), "--events",
                              Source("examples/data/events.jsonl"), "--as-of", kAfterAll});
  REQUIRE(live.code == 0);
  CHECK(live.out == batch.out);
}

}  // namespace
