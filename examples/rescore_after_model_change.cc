// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Re-scores a population after a model change and prints who moved: here,
// marketing raises the bar for an MQL (the total needed goes from 40 to 50)
// and wants to see which leads would drop out of the MQL queue before
// shipping the change. leadscore::DiffModels does the comparison (the same
// call as `leadscore diff`; docs/model-changes.md).
//
// Run from the repository root: build/example_rescore_after_model_change

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "leadscore/io/jsonl.h"
#include "leadscore/leadscore.h"
#include "nlohmann/json.hpp"

int main() {
  std::ifstream in("examples/models/b2b-saas.json");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str());
  auto before = leadscore::Model::FromJson(text.str());
  // The change: every `score total gte` leaf of an mql threshold goes to 50.
  for (auto& t : doc["lifecycle"]["thresholds"]) {
    if (t["stage"] == "mql" && t["when"].contains("score") && t["when"]["score"] == "total") {
      t["when"]["gte"] = 50;
    }
  }
  doc["version"] = "2";
  auto after = leadscore::Model::FromJson(doc.dump());
  if (!before.ok() || !after.ok()) {
    std::fprintf(stderr, "model failed to load\n");
    return 1;
  }
  std::ifstream as_of_file("examples/data/as_of.txt");
  std::string as_of_text;
  std::getline(as_of_file, as_of_text);
  const absl::Time as_of = *leadscore::ParseTimestamp(as_of_text);

  std::vector<leadscore::Lead> leads;
  std::vector<leadscore::Event> events;
  std::ifstream leads_file("examples/data/leads.jsonl"), events_file("examples/data/events.jsonl");
  std::string line;
  while (std::getline(leads_file, line)) {
    if (auto lead = leadscore::ParseLeadJson(line); lead.ok()) leads.push_back(*std::move(lead));
  }
  while (std::getline(events_file, line)) {
    if (auto event = leadscore::ParseEventJson(line); event.ok()) {
      events.push_back(*std::move(event));
    }
  }
  auto diff = leadscore::DiffModels(*before, *after, leads, events, as_of);
  if (!diff.ok()) {
    std::fprintf(stderr, "%s\n", std::string(diff.status().message()).c_str());
    return 1;
  }

  std::printf("%zu leads re-scored with version %s instead of %s\n", diff->compared,
              diff->new_version.c_str(), diff->old_version.c_str());
  const leadscore::StageMatrix& m = diff->stages;
  for (size_t i = 0; i < m.stages.size(); ++i) {
    for (size_t j = 0; j < m.stages.size(); ++j) {
      if (i == j || m.counts[i][j] == 0) continue;
      std::printf("  %5zu  %s -> %s\n", m.counts[i][j], m.stages[i].c_str(),
                  m.stages[j].c_str());
    }
  }
  int shown = 0;
  for (const leadscore::LeadDiff& d : diff->leads) {
    if (!d.comparison.stage_changed) continue;
    if (shown++ == 5) break;
    std::printf("  e.g. %s: %s -> %s\n", d.lead_id.c_str(),
                d.comparison.old_stage.value_or("").c_str(),
                d.comparison.new_stage.value_or("").c_str());
  }
  // Raising a bar can only move leads down, and only out of mql; no rule's
  // points change, and no lead is refused.
  for (const leadscore::LeadDiff& d : diff->leads) {
    if (d.comparison.stage_changed && d.comparison.old_stage != "mql") return 1;
  }
  if (!diff->rules.empty() || diff->score_changed != 0 || diff->compared != leads.size()) {
    return 1;
  }
  return diff->stage_changed == 0 ? 1 : 0;
}
