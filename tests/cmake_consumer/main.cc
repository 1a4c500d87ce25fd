// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A downstream program built against the INSTALLED package (find_package):
// scores one lead through the public API and checks the scorecard, so the
// installed headers, libraries and link line are proven, not just found.
// Driven by run.cmake (ctest "cmake_consumer").
#include <cstdio>
#include <cstring>
#include <string>

#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"

namespace {

constexpr char kModel[] = R"({
  "name": "consumer", "version": "1",
  "dimensions": [{"name": "engagement"}],
  "rules": [{"id": "demo", "dimension": "engagement", "on": "demo_request", "points": 30}],
  "lifecycle": {"stages": ["lead", "mql"],
                "thresholds": [{"stage": "mql", "when": {"score": "total", "gte": 25}}]}
})";

int Fail(const std::string& what) {
  std::fprintf(stderr, "consumer: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main() {
  if (std::strcmp(leadscore::Version(), LEADSCORE_VERSION_STRING) != 0) {
    return Fail("headers and library disagree on the version");
  }
  auto model = leadscore::Model::FromJson(kModel);
  if (!model.ok()) return Fail(model.status().ToString());
  leadscore::Scorer scorer(*model);
  auto lead = leadscore::ParseLeadJson(R"({"id": "L-1", "consent": true})");
  if (!lead.ok()) return Fail(lead.status().ToString());
  auto state = scorer.Start(*lead);
  if (!state.ok()) return Fail(state.status().ToString());
  auto event = leadscore::ParseEventJson(
      R"({"id": "E-1", "lead_id": "L-1", "type": "demo_request", "at": "2026-10-06T11:00:00Z"})");
  if (!event.ok()) return Fail(event.status().ToString());
  auto applied = scorer.Apply(*lead, *event, *state);
  if (!applied.ok()) return Fail(applied.status().ToString());
  if (applied->transitions.size() != 1 || applied->transitions[0].to != "mql") {
    return Fail("expected one transition to mql");
  }
  auto as_of = leadscore::ParseTimestamp("2026-10-07T00:00:00Z");
  if (!as_of.ok()) return Fail(as_of.status().ToString());
  auto card = scorer.Score(*lead, *state, *as_of);
  if (!card.ok()) return Fail(card.status().ToString());
  std::string json;
  leadscore::AppendScorecardJson(*card, /*explain=*/false, &json);
  std::printf("%s\n", json.c_str());
  const std::string expected =
      R"({"lead_id": "L-1", "as_of": "2026-10-07T00:00:00Z", "valid": true, )"
      R"("scores": {"engagement": 30}, "total": 30, "grades": {"engagement": null}, )"
      R"("stage": "mql", "stage_entered_at": "2026-10-06T11:00:00Z", "labels": [], )"
      R"("funnel": null})";
  if (json != expected) return Fail("unexpected scorecard: " + json);
  return 0;
}
