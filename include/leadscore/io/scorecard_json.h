// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Scorecards as JSON (spec 1, section 6): the output format of batch scoring.

#ifndef LEADSCORE_IO_SCORECARD_JSON_H_
#define LEADSCORE_IO_SCORECARD_JSON_H_

#include <string>

#include "leadscore/scorecard.h"

namespace leadscore {

// Appends `card` as one JSON object in the key order of spec section 6, without
// a newline. `explain` adds the "explain" array. A card carrying a velocity
// (series calls, when asked) gets "velocity" after "funnel":
// {"days": D, "total": x, "scores": {dimension: x, ...}}. Timestamps are UTC
// with `Z`.
void AppendScorecardJson(const Scorecard& card, bool explain, std::string* out);

}  // namespace leadscore

#endif  // LEADSCORE_IO_SCORECARD_JSON_H_
