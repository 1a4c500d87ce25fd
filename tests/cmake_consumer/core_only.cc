// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A host that links only leadscore::core (no add-on): builds leads and events
// in code, scores one, and checks the result. Proves the core's installed
// link line stands alone.
#include <cstdio>

#include "leadscore/leadscore.h"

int main() {
  auto model = leadscore::Model::FromJson(R"({
    "name": "core-only", "version": "1",
    "dimensions": [{"name": "fit"}],
    "rules": [{"id": "vp", "dimension": "fit", "points": 15,
               "when": {"attr": "job_title", "contains": "vp"}}]})");
  if (!model.ok()) {
    std::fprintf(stderr, "core_only: %s\n", model.status().ToString().c_str());
    return 1;
  }
  leadscore::Scorer scorer(*model);
  leadscore::Lead lead;
  lead.id = "L-1";
  lead.consent.granted = true;
  lead.attributes["job_title"] = leadscore::Value::String("VP Sales");
  auto state = scorer.Start(lead);
  if (!state.ok()) return 1;
  auto card = scorer.Score(lead, *state, absl::FromUnixSeconds(1790000000));
  if (!card.ok() || card->total != 15) {
    std::fprintf(stderr, "core_only: expected a total of 15\n");
    return 1;
  }
  std::printf("core_only: total %g\n", card->total);
  return 0;
}
