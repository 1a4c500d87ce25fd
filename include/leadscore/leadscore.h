// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Umbrella header of the core: everything a host needs to score leads
// (models, leads and events, streaming and batch scoring, explanations, state
// persistence, model diffs and shadow scoring). The add-ons have headers of their own, in subfolders:
//   leadscore/io/          JSON Lines and CSV readers, scorecard JSON
//   leadscore/predictive/  logistic regression, training, points scaling
//   leadscore/backtest/    backtesting a model against outcomes
//   leadscore/report/      backtest and model diff reports as text, JSON and HTML
// and libraries of their own (docs/architecture.md).

#ifndef LEADSCORE_LEADSCORE_H_
#define LEADSCORE_LEADSCORE_H_

#include "leadscore/account.h"       // IWYU pragma: export
#include "leadscore/account_scorecard.h"  // IWYU pragma: export
#include "leadscore/account_scorer.h"  // IWYU pragma: export
#include "leadscore/batch.h"         // IWYU pragma: export
#include "leadscore/event.h"         // IWYU pragma: export
#include "leadscore/explanation.h"   // IWYU pragma: export
#include "leadscore/history.h"       // IWYU pragma: export
#include "leadscore/lead.h"          // IWYU pragma: export
#include "leadscore/lead_state.h"    // IWYU pragma: export
#include "leadscore/model.h"         // IWYU pragma: export
#include "leadscore/model_diff.h"    // IWYU pragma: export
#include "leadscore/model_handle.h"  // IWYU pragma: export
#include "leadscore/scorecard.h"     // IWYU pragma: export
#include "leadscore/scorer.h"        // IWYU pragma: export
#include "leadscore/shadow_scorer.h"  // IWYU pragma: export
#include "leadscore/state_io.h"      // IWYU pragma: export
#include "leadscore/time.h"          // IWYU pragma: export
#include "leadscore/value.h"         // IWYU pragma: export
#include "leadscore/version.h"       // IWYU pragma: export

#endif  // LEADSCORE_LEADSCORE_H_
