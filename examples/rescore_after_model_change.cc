// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Re-scores a population after a model change and prints who moved: here,
// marketing raises the bar for an MQL (the total needed goes from 40 to 50)
// and wants to see which leads would drop out of the MQL queue before
// shipping the change.
//
// Run from the repository root: build/example_rescore_after_model_change

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "leadscore/leadscore.h"
#include "leadscore/io/jsonl.h"
#include "nlohmann/json.hpp"

namespace {

// Scores every lead of the bundled sample with `model`; returns lead -> stage.
std::map<std::string, std::string> StagesOf(std::shared_ptr<const leadscore::Model> model,
                                            absl::Time as_of) {
  std::map<std::string, std::string> stages;
  auto batch = leadscore::BatchScorer::Create(model, as_of);
  std::ifstream leads("examples/data/leads.jsonl"), events("examples/data/events.jsonl");
  std::string line;
  while (std::getline(leads, line)) {
    if (auto lead = leadscore::ParseLeadJson(line); lead.ok()) {
      (void)batch->AddLead(*std::move(lead));
    }
  }
  while (std::getline(events, line)) {
    if (auto event = leadscore::ParseEventJson(line); event.ok()) {
      (void)batch->AddEvent(*event);
    }
  }
  batch->Score({}, [&](const leadscore::Scorecard& card) {
    stages[card.lead_id] = card.stage.value_or("");
  });
  return stages;
}

}  // namespace

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

  const auto old_stages = StagesOf(*before, as_of);
  const auto new_stages = StagesOf(*after, as_of);
  std::map<std::pair<std::string, std::string>, int> moves;
  std::vector<std::string> examples;
  for (const auto& [id, stage] : old_stages) {
    const std::string& now = new_stages.at(id);
    if (now == stage) continue;
    ++moves[{stage, now}];
    if (examples.size() < 5) examples.push_back(id + ": " + stage + " -> " + now);
  }
  std::printf("%zu leads re-scored with version %s instead of %s\n", old_stages.size(),
              (*after)->version().c_str(), (*before)->version().c_str());
  for (const auto& [move, n] : moves) {
    std::printf("  %5d  %s -> %s\n", n, move.first.c_str(), move.second.c_str());
  }
  for (const auto& e : examples) std::printf("  e.g. %s\n", e.c_str());
  // Raising a bar can only move leads down, and only out of mql.
  for (const auto& [move, n] : moves) {
    if (move.first != "mql") return 1;
  }
  return old_stages.empty() ? 1 : 0;
}
