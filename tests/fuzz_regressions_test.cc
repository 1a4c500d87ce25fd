// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Inputs found by the fuzzers in fuzz/ (docs/fuzzing.md). Each bug has its own
// test; in addition every file in fuzz/regressions/ is replayed here through
// the API its target exercises (named by the file's prefix), so a plain test
// build catches a regression without clang or libFuzzer.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "jsonl_fast.h"
#include "test_util.h"

namespace leadscore_test {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> Regressions(const std::string& target) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(LEADSCORE_SOURCE_DIR) / "fuzz" / "regressions";
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(target + "-", 0) == 0) {
      out.push_back(entry.path());
    }
  }
  return out;
}

// What model_fuzz checks: an error is InvalidArgument with a message; a model
// that loads scores a lead.
void CheckModel(const std::string& text) {
  auto model = Model::FromJson(text);
  if (!model.ok()) {
    CHECK(model.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_FALSE(model.status().message().empty());
    return;
  }
  leadscore::Scorer scorer(*model);
  Lead lead;
  lead.id = "L-1";
  lead.consent.granted = true;
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  CHECK(scorer.Score(lead, *state, Base()).ok());
}

TEST_CASE("fuzz regression: a rule without dimensions is an error, not a crash",
          "[fuzz]") {
  // model_fuzz: the loader laid out the per-lead state of a model that had
  // errors, indexing rules by a dimension that does not exist (UBSan: null
  // reference in BuildStateLayout).
  const std::string errors = LoadErrors(R"({"rules":[{"on":{}}]})");
  CHECK_THAT(errors, Catch::Contains("missing required key 'dimensions'"));
  CHECK_THAT(LoadErrors(R"({"dimensions": [], "rules": [{"id": "r", "dimension": "x",
      "points": 1, "on": "t"}]})"),
             Catch::Contains("unknown dimension 'x'"));
}

TEST_CASE("fuzz regressions: saved model inputs load or fail cleanly", "[fuzz]") {
  for (const fs::path& path : Regressions("model_fuzz")) {
    INFO("input: " << path.string());
    CheckModel(ReadFile(path));
  }
}

TEST_CASE("fuzz regressions: saved lead lines parse the same on both paths", "[fuzz]") {
  for (const fs::path& path : Regressions("lead_line_fuzz")) {
    INFO("input: " << path.string());
    const std::string text = ReadFile(path);
    Lead fast, slow;
    const bool fast_ok = leadscore::internal::FastParseLead(text, &fast);
    const absl::Status slow_status = leadscore::internal::SlowParseLead(text, &slow);
    if (fast_ok) {
      REQUIRE(slow_status.ok());
      CHECK(fast.id == slow.id);
      CHECK(fast.attributes == slow.attributes);
      CHECK(fast.stage == slow.stage);
      CHECK(fast.consent.granted == slow.consent.granted);
      CHECK(fast.consent.at == slow.consent.at);
      CHECK(fast.created_at == slow.created_at);
    } else if (!slow_status.ok()) {
      CHECK(slow_status.code() == absl::StatusCode::kInvalidArgument);
    }
  }
}

TEST_CASE("fuzz regressions: saved event lines parse the same on both paths", "[fuzz]") {
  for (const fs::path& path : Regressions("event_line_fuzz")) {
    INFO("input: " << path.string());
    const std::string text = ReadFile(path);
    Event fast, slow;
    const bool fast_ok = leadscore::internal::FastParseEvent(text, &fast);
    const absl::Status slow_status = leadscore::internal::SlowParseEvent(text, &slow);
    if (fast_ok) {
      REQUIRE(slow_status.ok());
      CHECK(fast.id == slow.id);
      CHECK(fast.lead_id == slow.lead_id);
      CHECK(fast.type == slow.type);
      CHECK(fast.at == slow.at);
      CHECK(fast.properties == slow.properties);
    } else if (!slow_status.ok()) {
      CHECK(slow_status.code() == absl::StatusCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace leadscore_test
