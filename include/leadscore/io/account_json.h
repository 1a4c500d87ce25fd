// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Accounts as JSON (v1.1, docs/model-format.md "Accounts"): reading a line
// of accounts.jsonl, writing an account scorecard.

#ifndef LEADSCORE_IO_ACCOUNT_JSON_H_
#define LEADSCORE_IO_ACCOUNT_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/account.h"
#include "leadscore/account_scorecard.h"

namespace leadscore {

// Parses one account object: `id` (required, a non-empty string),
// `attributes` (as a lead's), `stage` (a string; null: none). Other keys are
// ignored, as on lead lines. InvalidArgument says what is wrong, never
// quoting the line (docs/reliability.md, Privacy).
absl::StatusOr<Account> ParseAccountJson(absl::string_view text);

// Appends the account scorecard as one JSON object (no newline):
// {"account_id", "as_of", "leads", "counting_leads", "scores", "total",
// "grades", "stage", "stage_entered_at", "labels"} and, with `explain`,
// "explain".
void AppendAccountScorecardJson(const AccountScorecard& card, bool explain, std::string* out);

}  // namespace leadscore

#endif  // LEADSCORE_IO_ACCOUNT_JSON_H_
