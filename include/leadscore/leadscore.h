// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Umbrella header: everything a host needs to score leads.

#ifndef LEADSCORE_LEADSCORE_H_
#define LEADSCORE_LEADSCORE_H_

#include "leadscore/backtest.h"            // IWYU pragma: export
#include "leadscore/backtest_population.h" // IWYU pragma: export
#include "leadscore/backtest_report.h"     // IWYU pragma: export
#include "leadscore/batch.h"               // IWYU pragma: export
#include "leadscore/csv.h"                 // IWYU pragma: export
#include "leadscore/event.h"               // IWYU pragma: export
#include "leadscore/explanation.h"         // IWYU pragma: export
#include "leadscore/jsonl.h"               // IWYU pragma: export
#include "leadscore/lead.h"                // IWYU pragma: export
#include "leadscore/lead_state.h"          // IWYU pragma: export
#include "leadscore/logistic.h"            // IWYU pragma: export
#include "leadscore/model.h"               // IWYU pragma: export
#include "leadscore/model_handle.h"        // IWYU pragma: export
#include "leadscore/outcomes.h"            // IWYU pragma: export
#include "leadscore/points_scaling.h"      // IWYU pragma: export
#include "leadscore/scorecard.h"           // IWYU pragma: export
#include "leadscore/scorer.h"              // IWYU pragma: export
#include "leadscore/state_io.h"            // IWYU pragma: export
#include "leadscore/time.h"                // IWYU pragma: export
#include "leadscore/train.h"               // IWYU pragma: export
#include "leadscore/value.h"               // IWYU pragma: export

#endif  // LEADSCORE_LEADSCORE_H_
