// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the unit tests (header-only; every function is inline).
// Generic on purpose: any tests/*_test.cc may include it.

#ifndef LEADSCORE_TESTS_TEST_UTIL_H_
#define LEADSCORE_TESTS_TEST_UTIL_H_

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"

namespace leadscore_test {

using leadscore::Attributes;
using leadscore::Event;
using leadscore::ExplainEntry;
using leadscore::Lead;
using leadscore::Model;
using leadscore::Scorecard;
using leadscore::Value;

// ---- values ----------------------------------------------------------------

inline Value S(const std::string& s) { return Value::String(s); }
inline Value N(double d) { return Value::Number(d); }
inline Value B(bool b) { return Value::Bool(b); }
inline Value Null() { return Value::Null(); }
inline Value Strs(const std::vector<std::string>& v) { return Value::StringArray(v); }

// ---- time ------------------------------------------------------------------

// Parses an RFC 3339 timestamp; fails the test if it does not parse.
inline absl::Time T(const std::string& text) {
  absl::StatusOr<absl::Time> t = leadscore::ParseTimestamp(text);
  INFO("timestamp: " << text << " status: " << t.status().ToString());
  REQUIRE(t.ok());
  return *t;
}

// The tests' epoch: 2026-10-01T00:00:00Z.
inline absl::Time Base() { return T("2026-10-01T00:00:00Z"); }

// Base() plus `days` days (fractions allowed; a day is 86,400 s).
inline absl::Time Day(double days) {
  return Base() + absl::Seconds(days * 86400.0);
}

inline std::string Fmt(absl::Time t) { return leadscore::FormatTimestamp(t); }

// ---- models ----------------------------------------------------------------

// Loads a model; fails the test (showing the errors) if it does not load.
inline std::shared_ptr<const Model> MustLoad(const std::string& json) {
  absl::StatusOr<std::shared_ptr<const Model>> m = Model::FromJson(json);
  INFO("model: " << json);
  INFO("status: " << m.status().ToString());
  REQUIRE(m.ok());
  return *m;
}

// Loads a model that must fail; returns the error message (one problem a line).
inline std::string LoadErrors(const std::string& json) {
  absl::StatusOr<std::shared_ptr<const Model>> m = Model::FromJson(json);
  INFO("model: " << json);
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(m.status().message());
}

// Splits a message into its lines.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// True when some line of `text` starts with `prefix`.
inline bool HasLineStartingWith(const std::string& text, const std::string& prefix) {
  for (const std::string& l : Lines(text)) {
    if (l.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

// ---- files -------------------------------------------------------------------

// The bytes of the file at `path` ("" if it cannot be read).
inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- leads and events --------------------------------------------------------

inline Lead MakeLead(const std::string& id = "L-1", Attributes attributes = {},
                     bool consent = true,
                     std::optional<std::string> stage = std::nullopt) {
  Lead lead;
  lead.id = id;
  lead.consent.granted = consent;
  lead.stage = std::move(stage);
  lead.attributes = std::move(attributes);
  return lead;
}

inline Event Ev(const Lead& lead, const std::string& type, absl::Time at,
                std::optional<std::string> id = std::nullopt,
                Attributes properties = {}) {
  Event e;
  e.id = std::move(id);
  e.lead_id = lead.id;
  e.type = type;
  e.at = at;
  e.properties = std::move(properties);
  return e;
}

inline Event Ev(const Lead& lead, const std::string& type, const std::string& at,
                std::optional<std::string> id = std::nullopt,
                Attributes properties = {}) {
  return Ev(lead, type, T(at), std::move(id), std::move(properties));
}

// ---- scoring -----------------------------------------------------------------

// Scores `lead` from its whole history with Scorer::ScoreHistory.
inline Scorecard ScoreOf(const std::shared_ptr<const Model>& model, const Lead& lead,
                         const std::vector<Event>& events, absl::Time as_of,
                         bool explain = true) {
  leadscore::Scorer scorer(model);
  leadscore::ScoreOptions options;
  options.explain = explain;
  absl::StatusOr<Scorecard> card = scorer.ScoreHistory(lead, events, as_of, options);
  INFO("status: " << card.status().ToString());
  REQUIRE(card.ok());
  return *std::move(card);
}

// The explain entry of `rule`, or null when the rule is not listed.
inline const ExplainEntry* FindExplain(const Scorecard& card, const std::string& rule) {
  for (const ExplainEntry& e : card.explain) {
    if (e.rule == rule) return &e;
  }
  return nullptr;
}

// The rules listed in `explain`, in order.
inline std::vector<std::string> ExplainRules(const Scorecard& card) {
  std::vector<std::string> out;
  for (const ExplainEntry& e : card.explain) out.push_back(e.rule);
  return out;
}

// The clamped score of dimension `name` (fails the test if there is none).
inline double ScoreIn(const Scorecard& card, const std::string& name) {
  for (const auto& d : card.dimensions) {
    if (d.dimension == name) return d.score;
  }
  FAIL("no dimension " << name << " in the scorecard");
  return 0;
}

// The grade of dimension `name`.
inline std::optional<std::string> GradeIn(const Scorecard& card, const std::string& name) {
  for (const auto& d : card.dimensions) {
    if (d.dimension == name) return d.grade;
  }
  FAIL("no dimension " << name << " in the scorecard");
  return std::nullopt;
}

// The scorecard as JSON (spec section 6), for whole-card comparisons.
inline std::string CardJson(const Scorecard& card, bool explain = true) {
  std::string out;
  leadscore::AppendScorecardJson(card, explain, &out);
  return out;
}

}  // namespace leadscore_test

#endif  // LEADSCORE_TESTS_TEST_UTIL_H_
