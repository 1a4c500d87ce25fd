// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// How a CRM embeds leadscore: load the model once, keep one small LeadState
// per lead next to the CRM's own record, apply events as they arrive, and
// react to lifecycle transitions (here: print a hand-over to sales).
//
// Run from the repository root: build/example_crm_embedding

#include <cstdio>
#include <string>
#include <vector>

#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"

namespace {

leadscore::Event MakeEvent(const std::string& id, const std::string& lead,
                           const std::string& type, const std::string& at,
                           leadscore::Attributes props = {}) {
  leadscore::Event e;
  e.id = id;
  e.lead_id = lead;
  e.type = type;
  e.at = *leadscore::ParseTimestamp(at);
  e.properties = std::move(props);
  return e;
}

}  // namespace

int main() {
  using leadscore::Value;
  // 1. Load and compile the model once; share it between threads freely.
  auto model = leadscore::Model::FromFile("examples/models/b2b-saas.json");
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", std::string(model.status().message()).c_str());
    return 1;
  }
  const leadscore::Scorer scorer(*model);

  // 2. A lead, as the CRM stores it (consent given with the ebook download).
  leadscore::Lead lead;
  lead.id = "L-42";
  lead.consent.granted = true;
  lead.attributes = {{"email", Value::String("ana@acme.io")},
                     {"job_title", Value::String("VP Marketing")},
                     {"company_size", Value::Number(250)},
                     {"industry", Value::String("saas")},
                     {"country", Value::String("ES")}};
  absl::StatusOr<leadscore::LeadState> state = scorer.Start(lead);
  if (!state.ok()) return 1;

  // 3. Events arrive one at a time (one late, one delivered twice).
  const std::vector<leadscore::Event> stream = {
      MakeEvent("E-1", "L-42", "content_download", "2026-10-01T09:00:00Z",
                {{"asset", Value::String("pricing-guide")}}),
      MakeEvent("E-2", "L-42", "page_view", "2026-10-02T10:00:00Z",
                {{"url", Value::String("https://acme.io/pricing")}}),
      MakeEvent("E-4", "L-42", "webinar_attended", "2026-10-05T16:00:00Z"),
      MakeEvent("E-3", "L-42", "email_click", "2026-10-03T08:00:00Z"),  // late
      MakeEvent("E-4", "L-42", "webinar_attended", "2026-10-05T16:00:00Z"),  // again
      MakeEvent("E-5", "L-42", "demo_request", "2026-10-06T11:00:00Z"),
  };
  int duplicates = 0;
  for (const leadscore::Event& e : stream) {
    absl::StatusOr<leadscore::ApplyResult> r = scorer.Apply(lead, e, *state);
    if (!r.ok()) {
      std::fprintf(stderr, "event %s: %s\n", e.id->c_str(),
                   std::string(r.status().message()).c_str());
      return 1;
    }
    if (r->outcome == leadscore::ApplyResult::Outcome::kDuplicate) ++duplicates;
    // 4. React to stage changes: this is where a nurture or sales workflow starts.
    for (const leadscore::Transition& t : r->transitions) {
      std::printf("%s: %s -> %s at %s%s\n", lead.id.c_str(), t.from.c_str(),
                  t.to.c_str(), leadscore::FormatTimestamp(t.at).c_str(),
                  t.to == "sql" ? "  => hand over to sales" : "");
    }
  }

  // 5. Read the scorecard whenever the CRM needs it.
  absl::StatusOr<leadscore::Scorecard> card = scorer.Score(
      lead, *state, *leadscore::ParseTimestamp("2026-10-07T00:00:00Z"), {true});
  if (!card.ok()) return 1;
  std::string json;
  leadscore::AppendScorecardJson(*card, true, &json);
  std::printf("%s\n", json.c_str());
  std::printf("events kept: %llu, duplicates ignored: %d\n",
              static_cast<unsigned long long>(state->event_count()), duplicates);
  // The example doubles as a smoke test: the duplicate is ignored and the demo
  // request makes the lead sales-qualified.
  return state->event_count() == 5 && duplicates == 1 && card->stage == "sql" ? 0 : 1;
}
