// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Account: a company whose leads are scored together (v1.1,
// docs/model-format.md "Accounts").

#ifndef LEADSCORE_ACCOUNT_H_
#define LEADSCORE_ACCOUNT_H_

#include <optional>
#include <string>

#include "leadscore/lead.h"

namespace leadscore {

// One line of accounts.jsonl: `{"id", "attributes", "stage"}`. Leads name
// their account by Lead::account_id.
struct Account {
  std::string id;
  Attributes attributes;  // what account rules and labels read (`attr`)
  // Stage asserted by the host (say, the CRM has an open opportunity): a
  // floor for the account's stage, like a lead's. Must name one of the
  // model's account stages.
  std::optional<std::string> stage;
};

}  // namespace leadscore

#endif  // LEADSCORE_ACCOUNT_H_
