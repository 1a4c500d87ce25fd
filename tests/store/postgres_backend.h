// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
#ifndef LEADSCORE_TESTS_STORE_POSTGRES_BACKEND_H_
#define LEADSCORE_TESTS_STORE_POSTGRES_BACKEND_H_

#include <string>

namespace leadscore::testing {

// The test server's URL (LEADSCORE_PG_URL or the fixture's state file);
// fails the test when there is none.
std::string PostgresTestUrl();

// Runs `sql` on `url` with libpq; fails the test on error.
void PostgresExec(const std::string& url, const std::string& sql);

}  // namespace leadscore::testing

#endif  // LEADSCORE_TESTS_STORE_POSTGRES_BACKEND_H_
