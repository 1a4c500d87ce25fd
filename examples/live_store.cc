// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Live scoring that survives restarts: a LiveScorer over an SQLite store.
// Events carry their position in the source (here a made-up queue
// partition), each batch is one transaction (states, positions, outbox),
// and a "restarted" process that receives the same batch again changes
// nothing. What a CRM's event consumer does (docs/live-scoring.md).
//
// Run from the repository root: build/example_live_store

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "leadscore/io/jsonl.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/live/live_scorer.h"
#include "leadscore/store/state_store.h"

namespace {

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return 1;
}

// One consumer run: open the store, take the batch, print what committed.
int Consume(const std::shared_ptr<const leadscore::Model>& model, const std::string& url,
            const std::vector<std::string>& lines, size_t expect_applied) {
  leadscore::StoreOptions store_options;
  store_options.keep_history = true;  // so late events and model changes rebuild exactly
  auto store = leadscore::OpenStateStore(url, store_options);
  if (!store.ok()) return Fail(store.status());
  auto live = leadscore::LiveScorer::Open(model, store->get(), {});
  if (!live.ok()) return Fail(live.status());
  // The CRM's lead record (an unchanged record is a no-op on the next run).
  const std::string lead_json =
      R"({"id": "L-1", "consent": {"granted": true}, "attributes": {"job_title": "VP Sales", "company_size": 300, "industry": "saas", "country": "DE"}})";
  auto lead = leadscore::ParseLeadJson(lead_json);
  if (!lead.ok()) return Fail(lead.status());
  auto upserted = (*live)->UpsertLeads({{*lead, lead_json}}, absl::Now());
  if (!upserted.ok()) return Fail(upserted.status());
  std::vector<leadscore::LiveEvent> batch;
  uint64_t offset = 41;  // the partition's offsets
  for (const std::string& line : lines) {
    auto event = leadscore::ParseEventJson(line);
    if (!event.ok()) return Fail(event.status());
    batch.push_back({*event, {"events-partition-3", ++offset}, line});
  }
  auto done = (*live)->ApplyBatch(batch);  // one transaction
  if (!done.ok()) return Fail(done.status());
  std::printf("applied %zu, already applied %zu\n", done->stats.applied,
              done->stats.already_applied);
  for (const leadscore::Transition& t : done->transitions) {
    std::string json;
    leadscore::AppendTransitionJson(t, &json);
    std::printf("  hand over: %s\n", json.c_str());
  }
  return done->stats.applied == expect_applied ? 0 : 1;
}

}  // namespace

int main() {
  auto model = leadscore::Model::FromFile("examples/models/b2b-saas.json");
  if (!model.ok()) return Fail(model.status());
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "leadscore-example-live-store";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "scores.db").string();
  const std::vector<std::string> lines = {
      R"({"id": "e1", "lead_id": "L-1", "type": "page_view", "at": "2026-10-01T10:00:00Z", "properties": {"url": "/pricing"}})",
      R"({"id": "e2", "lead_id": "L-1", "type": "webinar_attended", "at": "2026-10-02T15:00:00Z", "properties": {"minutes": 40}})",
      R"({"id": "e3", "lead_id": "L-1", "type": "demo_request", "at": "2026-10-03T09:00:00Z"})",
  };
  std::printf("first run:\n");
  if (int code = Consume(*model, url, lines, 3); code != 0) return code;
  // The queue re-delivers the batch after a restart: nothing happens twice.
  std::printf("after a restart, the same batch again:\n");
  if (int code = Consume(*model, url, lines, 0); code != 0) return code;
  std::filesystem::remove_all(dir);
  return 0;
}
