// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Transition: a change of a lead's reported lifecycle stage, what a webhook
// to sales is sent from (docs/live-scoring.md, "Transitions").

#ifndef LEADSCORE_TRANSITION_H_
#define LEADSCORE_TRANSITION_H_

#include <optional>
#include <string>

#include "absl/time/time.h"

namespace leadscore {

// What made the reported stage change.
enum class TransitionCause {
  kEvent,  // an event's classification moment (Scorer::Apply, batch scoring)
  kTime,   // time passing: decay, an expiring window, consent taking effect
           // (Scorer::Advance, and batch scoring's as_of)
  kLead,   // the lead record changed: attributes, consent or host stage
           // (Scorer::UpdateLead)
  kModel,  // the model changed and the state was rebuilt under the new one
           // (`leadscore rescore`)
};

// "event", "time", "lead" or "model".
const char* TransitionCauseName(TransitionCause cause);

// A change of the *reported* stage (spec v1 section 5: consent, then
// disqualification, then the higher of the host-asserted and the computed
// stage), so what a webhook sees is what a scorecard at that moment says.
// One lead's transitions form a chain: each `from` is the previous `to`; the
// first `from` is the lifecycle's first stage.
struct Transition {
  std::string lead_id;
  std::string from;  // a stage name, "invalid" or "disqualified"
  std::string to;
  absl::Time at;     // the moment it was seen: the event's time, or the time
                     // advanced to
  TransitionCause cause = TransitionCause::kEvent;
  std::optional<std::string> event_id;  // kEvent: the event's id, if it has one
  std::string model_name;
  std::string model_version;
  int threshold = -1;  // index in the model's lifecycle thresholds that held
                       // for a computed `to` reached at this moment; else -1
  int recycle = -1;    // v1.1: index in the model's lifecycle recycle rules of
                       // the one that moved the computed stage to `to`; else -1
};

}  // namespace leadscore

#endif  // LEADSCORE_TRANSITION_H_
