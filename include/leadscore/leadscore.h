// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Umbrella header: everything a host needs to score leads.

#ifndef LEADSCORE_LEADSCORE_H_
#define LEADSCORE_LEADSCORE_H_

#include "leadscore/batch.h"      // IWYU pragma: export
#include "leadscore/event.h"      // IWYU pragma: export
#include "leadscore/explanation.h" // IWYU pragma: export
#include "leadscore/jsonl.h"      // IWYU pragma: export
#include "leadscore/lead.h"       // IWYU pragma: export
#include "leadscore/lead_state.h" // IWYU pragma: export
#include "leadscore/model.h"      // IWYU pragma: export
#include "leadscore/scorecard.h"  // IWYU pragma: export
#include "leadscore/scorer.h"     // IWYU pragma: export
#include "leadscore/time.h"       // IWYU pragma: export
#include "leadscore/value.h"      // IWYU pragma: export

#endif  // LEADSCORE_LEADSCORE_H_
