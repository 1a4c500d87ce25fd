// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The contract suite's SQLite backend: a new file in a per-process temporary
// folder for each store.

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "store/store_backend.h"

namespace leadscore::testing {
namespace {

class SqliteBackend final : public StoreTestBackend {
 public:
  std::string name() const override { return "sqlite"; }
  std::string FreshUrl() override {
    if (dir_.empty()) {
      std::string tmpl = absl::StrCat(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp",
                                      "/leadscore-store-test.XXXXXX");
      REQUIRE(mkdtemp(tmpl.data()) != nullptr);
      dir_ = tmpl;
    }
    return absl::StrCat("sqlite:", dir_, "/store", ++count_, ".db");
  }
  void ExecSql(const std::string& url, const std::string& sql) override {
    const std::string path = url.substr(7);  // "sqlite:"
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
  }
  ~SqliteBackend() override {
    if (!dir_.empty()) std::system(absl::StrCat("rm -rf '", dir_, "'").c_str());
  }

 private:
  std::string dir_;
  int count_ = 0;
};

}  // namespace

StoreTestBackend& TestBackend() {
  static SqliteBackend backend;
  return backend;
}

}  // namespace leadscore::testing
