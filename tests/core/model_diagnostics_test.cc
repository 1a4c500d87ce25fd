// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model::FromJson / FromFile with diagnostics: every problem as a record
// (JSON pointer, message) in document order, the status message unchanged.

#include <algorithm>
#include <string>
#include <vector>

#include "support/cli_util.h"
#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::ModelDiagnostic;

std::vector<std::string> Pointers(const std::vector<ModelDiagnostic>& d) {
  std::vector<std::string> out;
  for (const ModelDiagnostic& x : d) out.push_back(x.pointer);
  return out;
}

// The status message's line for a diagnostic.
std::string Line(const ModelDiagnostic& d) {
  return (d.pointer.empty() ? "(root)" : d.pointer) + ": " + d.message;
}

// Loads `json` both ways; checks the status messages agree and that the
// diagnostics are the message's lines (in some order). Returns them.
std::vector<ModelDiagnostic> Diagnose(const std::string& json) {
  std::vector<ModelDiagnostic> d = {{"/stale", "left from an earlier call"}};
  auto with = Model::FromJson(json, &d);
  auto without = Model::FromJson(json);
  INFO("model: " << json);
  REQUIRE_FALSE(with.ok());
  REQUIRE_FALSE(without.ok());
  CHECK(with.status() == without.status());
  CHECK(with.status().code() == absl::StatusCode::kInvalidArgument);
  std::vector<std::string> lines = Lines(std::string(with.status().message()));
  std::vector<std::string> from_records;
  for (const ModelDiagnostic& x : d) from_records.push_back(Line(x));
  std::sort(lines.begin(), lines.end());
  std::sort(from_records.begin(), from_records.end());
  CHECK(lines == from_records);
  return d;
}

TEST_CASE("model diagnostics: every problem as a record, in document order",
          "[model-diagnostics]") {
  // The loader finds these in another order: root keys alphabetically,
  // lifecycle stages before rules, an object's keys alphabetically.
  const std::string json = R"({"name": "m", "zeta": 1,
    "dimensions": [{"name": "fit", "wieght": 1, "description": 7}],
    "rules": [{"id": "r", "dimension": "nope", "points": "ten"}],
    "lifecycle": {"stages": ["a", "a"]}})";
  const std::vector<ModelDiagnostic> d = Diagnose(json);
  CHECK(Pointers(d) == std::vector<std::string>{
                           "/zeta", "/dimensions/0/wieght", "/dimensions/0/description",
                           "/rules/0/dimension", "/rules/0/points", "/lifecycle/stages/1"});
  REQUIRE(d.size() == 6);
  CHECK(d[1].message == "unknown key (did you mean 'weight'?)");
  CHECK(d[2].message == "expected a string, got a number");
  CHECK(d[3].message == "unknown dimension 'nope'");
  CHECK(d[4].message == "expected a number, got a string");
  CHECK(d[5].message == "duplicate stage 'a'");
  // The status message keeps the order it always had (the loader's).
  const std::vector<std::string> lines =
      Lines(std::string(Model::FromJson(json).status().message()));
  REQUIRE(lines.size() == 6);
  CHECK(lines[5] == "/rules/0/points: expected a number, got a string");
}

TEST_CASE("model diagnostics: a problem at an object sorts before its keys",
          "[model-diagnostics]") {
  const std::vector<ModelDiagnostic> d =
      Diagnose(R"({"dimensions": [{"name": "fit"}], "rules": [{"pointz": 1, "id": "a",
                   "dimension": "fit"}]})");
  CHECK(Pointers(d) == std::vector<std::string>{"/rules/0", "/rules/0/pointz"});
  CHECK(d[0].message == "missing required key 'points'");
}

TEST_CASE("model diagnostics: the whole document has the empty pointer",
          "[model-diagnostics]") {
  std::vector<ModelDiagnostic> d = Diagnose(R"({"rules": []})");
  REQUIRE(d.size() == 1);
  CHECK(d[0].pointer.empty());
  CHECK(d[0].message == "missing required key 'dimensions'");
  CHECK(Model::FromJson(R"({"rules": []})").status().message() ==
        "(root): missing required key 'dimensions'");
  d = Diagnose("[1, 2]");
  REQUIRE(d.size() == 1);
  CHECK(d[0].pointer.empty());
  CHECK(d[0].message == "expected an object, got an array");
}

TEST_CASE("model diagnostics: keys with '/' and '~' are escaped (RFC 6901)",
          "[model-diagnostics]") {
  const std::vector<ModelDiagnostic> d =
      Diagnose(R"({"dimensions": [{"name": "fit", "a/b": 1, "c~d": 2}]})");
  CHECK(Pointers(d) == std::vector<std::string>{"/dimensions/0/a~1b", "/dimensions/0/c~0d"});
}

TEST_CASE("model diagnostics: a key given twice keeps its later value",
          "[model-diagnostics]") {
  const std::vector<ModelDiagnostic> d =
      Diagnose(R"({"name": "a", "dimensions": [{"name": "fit"}], "name": 5})");
  REQUIRE(d.size() == 1);
  CHECK(d[0].pointer == "/name");
  CHECK(d[0].message == "expected a string, got a number");
}

TEST_CASE("model diagnostics: JSON that does not parse is one record",
          "[model-diagnostics]") {
  std::vector<ModelDiagnostic> d = Diagnose(R"({"dimensions": [{"name": )");
  REQUIRE(d.size() == 1);
  CHECK(d[0].pointer == "/dimensions/0/name");
  CHECK(d[0].message.rfind("model is not valid JSON (parse error at line 1", 0) == 0);

  d = Diagnose(R"({"dimensions": [{"name": "fit", "weight": 1e400}]})");
  REQUIRE(d.size() == 1);
  CHECK(d[0].pointer == "/dimensions/0/weight");
  CHECK(d[0].message.rfind("expected a finite number (number overflow parsing '1e400'", 0) ==
        0);

  d = Diagnose(std::string(300, '['));
  REQUIRE(d.size() == 1);
  std::string deepest;  // the array that opens level 257
  for (int i = 0; i < 256; ++i) deepest += "/0";
  CHECK(d[0].pointer == deepest);
  CHECK(d[0].message ==
        "arrays and objects nest deeper than 256 levels (conditions may nest at most 64)");
}

TEST_CASE("model diagnostics: a model that loads leaves them empty", "[model-diagnostics]") {
  std::vector<ModelDiagnostic> d = {{"/x", "stale"}};
  auto m = Model::FromJson(R"({"dimensions": [{"name": "fit"}]})", &d);
  REQUIRE(m.ok());
  CHECK(d.empty());
  // Null is allowed: only the status then.
  CHECK_FALSE(Model::FromJson("{}", nullptr).ok());
}

TEST_CASE("model diagnostics: FromFile", "[model-diagnostics]") {
  CliDir dir("model_diagnostics");
  SECTION("a file that cannot be read is one record with the empty pointer") {
    const std::string path = dir.Path("missing.json");
    std::vector<ModelDiagnostic> d;
    auto m = Model::FromFile(path, &d);
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().code() == absl::StatusCode::kNotFound);
    CHECK(m.status().message() == "cannot open model file '" + path + "'");
    REQUIRE(d.size() == 1);
    CHECK(d[0].pointer.empty());
    CHECK(d[0].message == "cannot open model file '" + path + "'");
    CHECK(Model::FromFile(path).status() == m.status());
  }
  SECTION("a bad model file gives the records of its text") {
    const std::string path =
        dir.Write("bad.json", R"({"dimensions": [{"name": "fit", "weight": "1"}]})");
    std::vector<ModelDiagnostic> d;
    auto m = Model::FromFile(path, &d);
    REQUIRE_FALSE(m.ok());
    CHECK(m.status() == Model::FromFile(path).status());
    REQUIRE(d.size() == 1);
    CHECK(d[0].pointer == "/dimensions/0/weight");
    CHECK(d[0].message == "expected a number, got a string");
  }
  SECTION("a good model file loads and leaves them empty") {
    const std::string path = dir.Write("good.json", R"({"dimensions": [{"name": "fit"}]})");
    std::vector<ModelDiagnostic> d = {{"", "stale"}};
    REQUIRE(Model::FromFile(path, &d).ok());
    CHECK(d.empty());
  }
}

}  // namespace
}  // namespace leadscore_test
