// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Event: something a lead did (spec 1, section 2).

#ifndef LEADSCORE_EVENT_H_
#define LEADSCORE_EVENT_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "leadscore/lead.h"

namespace leadscore {

struct Event {
  // Delivery is at-least-once: an id seen twice for the same lead counts once.
  // No id (or JSON null) sorts before every id.
  std::optional<std::string> id;
  std::string lead_id;
  std::string type;  // compared exactly (case matters)
  absl::Time at;
  Attributes properties;
};

}  // namespace leadscore

#endif  // LEADSCORE_EVENT_H_
