// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What the store contract suite (store_contract.cc) needs from a backend:
// each test executable links the contract with one backend's definition of
// TestBackend() (sqlite_backend.cc, postgres_backend.cc).
#ifndef LEADSCORE_TESTS_STORE_STORE_BACKEND_H_
#define LEADSCORE_TESTS_STORE_STORE_BACKEND_H_

#include <string>

namespace leadscore::testing {

class StoreTestBackend {
 public:
  virtual ~StoreTestBackend() = default;
  // "sqlite" or "postgresql" (StateStore::backend()).
  virtual std::string name() const = 0;
  // The URL of a new, empty store (a new file; a new PostgreSQL schema).
  virtual std::string FreshUrl() = 0;
  // Runs `sql` directly against the store at `url`, bypassing StateStore
  // (to damage it on purpose); fails the test on error.
  virtual void ExecSql(const std::string& url, const std::string& sql) = 0;
};

StoreTestBackend& TestBackend();

}  // namespace leadscore::testing

#endif  // LEADSCORE_TESTS_STORE_STORE_BACKEND_H_
