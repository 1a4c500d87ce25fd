// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model::FromJson on arbitrary bytes: it must return a status, never crash or
// hang. A model that loads is also used: one lead built from the model's own
// condition operands (so rules fire) and events of every type it names are
// scored streaming and from history, which must agree.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "model/compiled_model.h"
#include "model/model_access.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"

namespace {

using leadscore::internal::Condition;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "model_fuzz: %s\n", what);
    std::abort();
  }
}

// Gives `attrs` a value for each attr/prop leaf (the leaf's first operand),
// so that many conditions of the model can hold.
void Collect(const Condition& c, leadscore::Attributes* attrs) {
  for (const Condition& child : c.children) Collect(child, attrs);
  if (c.kind != Condition::Kind::kLeaf || c.leaf.name.empty()) return;
  const auto& leaf = c.leaf;
  leadscore::Value v;
  if (!leaf.args.empty()) {
    const auto& o = leaf.args[0];
    if (o.kind == leadscore::Value::Kind::kNumber) v = leadscore::Value::Number(o.number);
    else if (o.kind == leadscore::Value::Kind::kBool) v = leadscore::Value::Bool(o.number != 0);
    else v = leadscore::Value::String(o.display.empty() ? "x" : o.display);
  } else {
    v = leadscore::Value::Number(leaf.lo);
  }
  attrs->emplace(leaf.name, std::move(v));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  auto model = leadscore::Model::FromJson(text);
  if (!model.ok()) {
    Check(model.status().code() == absl::StatusCode::kInvalidArgument,
          "a bad model must be InvalidArgument");
    Check(!model.status().message().empty(), "a bad model needs a message");
    return 0;
  }
  const leadscore::internal::CompiledModel& m = leadscore::internal::CompiledOf(**model);

  leadscore::Lead lead;
  lead.id = "L-1";
  lead.consent.granted = true;
  leadscore::Attributes props;
  for (const auto& r : m.rules) {
    if (r.when) Collect(*r.when, r.on.empty() ? &lead.attributes : &props);
  }
  if (m.lifecycle) {
    for (const auto& t : m.lifecycle->thresholds) Collect(t.when, &lead.attributes);
    if (m.lifecycle->disqualify_when) Collect(*m.lifecycle->disqualify_when, &lead.attributes);
  }

  const absl::Time base = absl::FromUnixSeconds(1790000000);  // 2026-09
  std::vector<leadscore::Event> events;
  int n = 0;
  for (const auto& entry : m.event_types) {
    if (n >= 24) break;
    for (int k = 0; k < 3; ++k, ++n) {
      leadscore::Event e;
      e.id = "E-" + std::to_string(n);
      e.lead_id = lead.id;
      e.type = entry.first;
      e.at = base + absl::Hours(5 * n);
      e.properties = props;
      events.push_back(std::move(e));
    }
  }
  const absl::Time as_of = base + absl::Hours(24 * 400);

  const leadscore::Scorer scorer(*model);
  // Once as given, once at the last lifecycle stage (host-asserted floor).
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      if ((*model)->stages().empty()) break;
      lead.stage = (*model)->stages().back();
    }
    auto state = scorer.Start(lead);
    Check(state.ok(), "Start failed on a valid lead");
    for (const leadscore::Event& e : events) {
      Check(scorer.Apply(lead, e, *state).ok(), "Apply failed on an in-order event");
    }
    auto streamed = scorer.Score(lead, *state, as_of, {/*explain=*/true});
    auto history = scorer.ScoreHistory(lead, events, as_of, {/*explain=*/true});
    Check(streamed.ok() && history.ok(), "Score or ScoreHistory failed");
    std::string a, b;
    leadscore::AppendScorecardJson(*streamed, true, &a);
    leadscore::AppendScorecardJson(*history, true, &b);
    if (a != b) {
      std::fprintf(stderr, "streamed: %s\nhistory:  %s\n", a.c_str(), b.c_str());
      Check(false, "streamed and history scorecards differ");
    }
  }
  return 0;
}
