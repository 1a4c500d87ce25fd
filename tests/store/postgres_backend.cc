// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The contract suite's PostgreSQL backend: a new schema per store (the URL's
// options=-csearch_path), on the server named by LEADSCORE_PG_URL, or else by
// the `url=` line of the state file LEADSCORE_PG_STATE that the ctest fixture
// store_pg_cluster_start writes (scripts/pg_cluster.sh).

#include "store/postgres_backend.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "store/store_backend.h"

namespace leadscore::testing {

std::string PostgresTestUrl() {
  if (const char* url = std::getenv("LEADSCORE_PG_URL"); url != nullptr && *url != '\0') {
    return url;
  }
  const char* state = std::getenv("LEADSCORE_PG_STATE");
  if (state != nullptr) {
    std::ifstream in(state);
    std::string line;
    while (std::getline(in, line)) {
      if (absl::StartsWith(line, "url=")) return line.substr(4);
    }
  }
  FAIL("no PostgreSQL server for the store tests: set LEADSCORE_PG_URL, or run them through "
       "ctest (its fixture store_pg_cluster_start runs scripts/pg_cluster.sh start; if that "
       "failed, run scripts/install-deps.sh for postgresql-15). LEADSCORE_PG_STATE="
       << (state ? state : "(unset)"));
  return "";
}

void PostgresExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  INFO(PQerrorMessage(conn));
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(conn, sql.c_str());
  const ExecStatusType st = PQresultStatus(r);
  INFO(PQresultErrorMessage(r));
  PQclear(r);
  PQfinish(conn);
  REQUIRE((st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK));
}

namespace {

class PostgresBackend final : public StoreTestBackend {
 public:
  std::string name() const override { return "postgresql"; }
  std::string FreshUrl() override {
    const std::string base = PostgresTestUrl();
    const std::string schema = absl::StrCat("leadscore_test_", getpid(), "_", ++count_);
    PostgresExec(base, absl::StrCat("DROP SCHEMA IF EXISTS ", schema, " CASCADE; CREATE SCHEMA ",
                                    schema));
    return absl::StrCat(base, absl::StrContains(base, "?") ? "&" : "?",
                        "options=-csearch_path%3D", schema);
  }
  void ExecSql(const std::string& url, const std::string& sql) override {
    PostgresExec(url, sql);
  }

 private:
  int count_ = 0;
};

}  // namespace

StoreTestBackend& TestBackend() {
  static PostgresBackend backend;
  return backend;
}

}  // namespace leadscore::testing
