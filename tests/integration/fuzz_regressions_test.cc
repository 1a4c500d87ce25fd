// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Inputs found by the fuzzers in fuzz/ (docs/fuzzing.md). Each bug has its own
// test; in addition every file in fuzz/regressions/ is replayed here through
// the API its target exercises (named by the file's prefix), so a plain test
// build catches a regression without clang or libFuzzer.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "util/crc32c.h"
#include "io/jsonl_fast.h"
#include "leadscore/state_io.h"
#include "../../fuzz/state_fuzz_model.h"
#include "support/test_util.h"

namespace leadscore_test {
namespace {

namespace fs = std::filesystem;

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



// What state_fuzz checks, on its saved inputs: bytes without the "LSST"
// header are the payload, given a valid header and checksum; a state that is
// read must score finitely and write back the same bytes.
TEST_CASE("fuzz regressions: saved state inputs are refused or score finitely", "[fuzz]") {
  auto model = Model::FromJson(leadscore_fuzz::kStateFuzzModel);
  REQUIRE(model.ok());
  leadscore::Scorer scorer(*model, leadscore::ScorerOptions{leadscore_fuzz::kWindow});
  Lead lead;
  lead.id = "L-1";
  lead.consent.granted = true;
  const auto files = Regressions("state_fuzz");
  REQUIRE_FALSE(files.empty());
  for (const fs::path& path : files) {
    INFO(path.filename().string());
    std::string bytes = ReadFile(path);
    if (bytes.compare(0, 4, "LSST") != 0) {
      std::string out = "LSST";
      auto put = [&out](uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
      };
      put(leadscore::kLeadStateFormatVersion, 4);
      put(bytes.size(), 8);
      put(leadscore::internal::Crc32c(bytes), 4);
      bytes = out + bytes;
    }
    auto state = leadscore::DeserializeLeadState(scorer, bytes);
    if (!state.ok()) {
      CHECK(state.status().code() == absl::StatusCode::kDataLoss);
      continue;
    }
    CHECK(leadscore::SerializeLeadState(scorer, *state) == bytes);
    auto card = scorer.Score(lead, *state, leadscore::MaxEngineTime());
    if (card.ok()) CHECK(std::isfinite(card->total));
  }
}

// The first state_fuzz finding: times outside the engine range with a valid
// checksum made scoring overflow `now - t`.
TEST_CASE("fuzz regression: state times outside the engine range are refused", "[fuzz]") {
  auto model = Model::FromJson(leadscore_fuzz::kStateFuzzModel);
  REQUIRE(model.ok());
  leadscore::Scorer scorer(*model, leadscore::ScorerOptions{leadscore_fuzz::kWindow});
  std::string payload = ReadFile(fs::path(LEADSCORE_SOURCE_DIR) / "fuzz" / "regressions" /
                                 "state_fuzz-time-outside-engine-range.bin");
  REQUIRE_FALSE(payload.empty());
  std::string bytes = "LSST";
  auto put = [&bytes](uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes.push_back(static_cast<char>(v >> (8 * i)));
  };
  put(leadscore::kLeadStateFormatVersion, 4);
  put(payload.size(), 8);
  put(leadscore::internal::Crc32c(payload), 4);
  auto state = leadscore::DeserializeLeadState(scorer, bytes + payload);
  REQUIRE_FALSE(state.ok());
  CHECK(state.status().code() == absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace leadscore_test
