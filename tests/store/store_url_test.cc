// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Store URLs: which backend, bad forms, password masking.

#include <string>

#include <catch2/catch.hpp>

#include "leadscore/store/state_store.h"
#include "store/store_url.h"

namespace leadscore {
namespace {

using internal::ParseStoreUrl;
using internal::StoreKind;

TEST_CASE("store url: sqlite forms name a file", "[store]") {
  for (const auto& [url, path] : std::vector<std::pair<std::string, std::string>>{
           {"sqlite:/var/lib/x.db", "/var/lib/x.db"},
           {"sqlite:relative/state", "relative/state"},
           {"sqlite:///tmp/abs.db", "/tmp/abs.db"},
           {"sqlite::memory:", ":memory:"},
           {"states.db", "states.db"},
           {"/srv/live.SQLITE", "/srv/live.SQLITE"},
           {"a.sqlite3", "a.sqlite3"}}) {
    auto parsed = ParseStoreUrl(url);
    INFO(url);
    REQUIRE(parsed.ok());
    CHECK(parsed->kind == StoreKind::kSqlite);
    CHECK(parsed->target == path);
  }
}

TEST_CASE("store url: postgresql forms are passed to libpq as given", "[store]") {
  for (const std::string url : {"postgresql://u@h:5432/db", "postgres://h/db?sslmode=require"}) {
    auto parsed = ParseStoreUrl(url);
    REQUIRE(parsed.ok());
    CHECK(parsed->kind == StoreKind::kPostgres);
    CHECK(parsed->target == url);
  }
}

TEST_CASE("store url: unknown forms are refused with the accepted ones, password masked",
          "[store]") {
  for (const std::string url : {"", "states", "mysql://root:hunter2@db/x", "sqlite:", "x.db.bak"}) {
    auto s = OpenStateStore(url);
    INFO(url);
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(s.status().message()),
               Catch::Contains("sqlite:PATH") && Catch::Contains("postgresql://"));
    CHECK_THAT(std::string(s.status().message()), !Catch::Contains("hunter2"));
  }
}

TEST_CASE("store url: negative retention is refused", "[store]") {
  StoreOptions o;
  o.history_count = -1;
  auto s = OpenStateStore("sqlite::memory:", o);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(s.status().message()), Catch::Contains("history_count=-1"));
}

TEST_CASE("store url: passwords are masked", "[store]") {
  CHECK(MaskStoreUrl("postgresql://user:s3cret@host:5432/db") == "postgresql://user:***@host:5432/db");
  CHECK(MaskStoreUrl("postgresql://user:p@ss@host/db") == "postgresql://user:***@host/db");
  CHECK(MaskStoreUrl("postgresql://user@host/db") == "postgresql://user@host/db");
  CHECK(MaskStoreUrl("postgresql://host/db?user=u&password=s3cret&sslmode=require") ==
        "postgresql://host/db?user=u&password=***&sslmode=require");
  CHECK(MaskStoreUrl("host=h password=s3cret dbname=d") == "host=h password=*** dbname=d");
  CHECK(MaskStoreUrl("postgresql://host/db?xpassword=keep") == "postgresql://host/db?xpassword=keep");
  CHECK(MaskStoreUrl("sqlite:/tmp/a.db") == "sqlite:/tmp/a.db");
}

TEST_CASE("store url: postgres support matches the build", "[store]") {
  auto s = OpenStateStore("postgresql://leadscore@127.0.0.1:1/none?connect_timeout=2");
  REQUIRE_FALSE(s.ok());
  if (StoreHasPostgresSupport()) {
    CHECK(s.status().code() == absl::StatusCode::kUnavailable);
  } else {
    CHECK(s.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK_THAT(std::string(s.status().message()), Catch::Contains("no PostgreSQL support"));
  }
}

}  // namespace
}  // namespace leadscore
