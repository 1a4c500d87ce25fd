// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// PostgreSQL-only behaviour of the store: connection errors.

#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "leadscore/store/state_store.h"
#include "store/postgres_backend.h"

namespace leadscore {
namespace {

int ClosedPort() {
  // Port 1 (tcpmux) is privileged and never served here.
  return 1;
}

TEST_CASE("postgres store: a closed port is Unavailable, quickly, with the password masked",
          "[store]") {
  const auto start = std::chrono::steady_clock::now();
  auto s = OpenStateStore(
      absl::StrCat("postgresql://leadscore:hunter2@127.0.0.1:", ClosedPort(), "/postgres"));
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kUnavailable);
  const std::string msg(s.status().message());
  CHECK_THAT(msg, Catch::Contains("cannot connect to postgresql://leadscore:***@127.0.0.1:1/postgres") &&
                      Catch::Contains("is the server running"));
  CHECK_THAT(msg, !Catch::Contains("hunter2"));
  CHECK(seconds < 10);
}

TEST_CASE("postgres store: an unroutable host times out after connect_timeout", "[store]") {
  // 10.255.255.1 is not answered on this network: the connection attempt
  // hangs until connect_timeout.
  const auto start = std::chrono::steady_clock::now();
  auto s = OpenStateStore("postgresql://u@10.255.255.1:5432/db?connect_timeout=2");
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kUnavailable);
  CHECK(seconds < 8);
}

TEST_CASE("postgres store: a malformed URI is InvalidArgument", "[store]") {
  auto s = OpenStateStore("postgresql://u@127.0.0.1:notaport/db");
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("postgres store: a missing database is Unavailable and says so", "[store]") {
  std::string base = testing::PostgresTestUrl();
  const size_t slash = base.rfind('/');
  REQUIRE(slash != std::string::npos);
  auto s = OpenStateStore(base.substr(0, slash) + "/no_such_database_here");
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kUnavailable);
  CHECK_THAT(std::string(s.status().message()), Catch::Contains("no_such_database_here"));
}

}  // namespace
}  // namespace leadscore
