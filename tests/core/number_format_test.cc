// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// util/number_format.h: the library's three number formats.

#include "util/number_format.h"

#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

namespace leadscore {
namespace internal {
namespace {

TEST_CASE("ShortestNumber reads back and writes JSON", "[number_format]") {
  CHECK(ShortestNumber(0.1) == "0.1");
  CHECK(ShortestNumber(600) == "600");
  CHECK(ShortestNumber(34.3) == "34.3");
  CHECK(ShortestNumber(1e300) == "1e+300");
  CHECK(ShortestNumber(-0.0) == "0");
  CHECK(ShortestNumber(std::numeric_limits<double>::infinity()) == "null");
  CHECK(ShortestNumber(std::nan("")) == "null");
  const double third = 1.0 / 3;
  CHECK(std::stod(ShortestNumber(third)) == third);
  std::string out = "x=";
  AppendJsonNumber(2.5, &out);
  CHECK(out == "x=2.5");
}

TEST_CASE("SignificantNumber is printf g", "[number_format]") {
  CHECK(SignificantNumber(1050000) == "1.05e+06");
  CHECK(SignificantNumber(36.09854321) == "36.0985");
  CHECK(SignificantNumber(28.853900817779268, 4) == "28.85");
  CHECK(SignificantNumber(0.1, 17) == "0.10000000000000001");
  CHECK(SignificantNumber(-0.0) == "0");
  CHECK(SignificantNumber(-2.5) == "-2.5");
}

TEST_CASE("FixedNumber is printf f", "[number_format]") {
  CHECK(FixedNumber(0.71428, 4) == "0.7143");
  CHECK(FixedNumber(23.25, 1) == "23.2");
  CHECK(FixedNumber(3, 0) == "3");
  CHECK(FixedNumber(-0.01, 1) == "-0.0");
}

}  // namespace
}  // namespace internal
}  // namespace leadscore
