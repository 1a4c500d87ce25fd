// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/account_json.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "io/json_line_util.h"
#include "io/scorecard_json_parts.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"
#include "util/json_writer.h"

namespace leadscore {

using internal::AppendJsonNumber;
using internal::AppendJsonString;

namespace {

using internal::AppendOptionalString;
using internal::AppendScoresToStage;
using internal::AppendStrings;

void AppendExplainEntry(const AccountExplainEntry& e, std::string* out) {
  switch (e.kind) {
    case AccountExplainEntry::Kind::kAggregate:
      out->append("{\"dimension\": ");
      AppendJsonString(e.dimension, out);
      out->append(", \"from\": ");
      AppendJsonString(e.from, out);
      out->append(", \"aggregate\": ");
      AppendJsonString(e.aggregate, out);
      out->append(", \"points\": ");
      AppendJsonNumber(e.points, out);
      out->append(", \"leads\": [");
      for (size_t i = 0; i < e.leads.size(); ++i) {
        if (i) out->append(", ");
        out->append("{\"lead_id\": ");
        AppendJsonString(e.leads[i].lead_id, out);
        out->append(", \"value\": ");
        AppendJsonNumber(e.leads[i].value, out);
        out->push_back('}');
      }
      out->append("]}");
      return;
    case AccountExplainEntry::Kind::kCoverage:
      out->append("{\"dimension\": ");
      AppendJsonString(e.dimension, out);
      out->append(", \"coverage\": ");
      AppendJsonString(e.coverage, out);
      out->append(", \"points\": ");
      AppendJsonNumber(e.points, out);
      out->append(", \"values\": ");
      AppendStrings(e.values, out);
      out->append(", \"leads\": ");
      AppendStrings(e.value_leads, out);
      out->push_back('}');
      return;
    case AccountExplainEntry::Kind::kRule:
      out->append("{\"rule\": ");
      AppendJsonString(e.rule, out);
      out->append(", \"dimension\": ");
      AppendJsonString(e.dimension, out);
      out->append(", \"points\": ");
      AppendJsonNumber(e.points, out);
      out->push_back('}');
      return;
  }
}

}  // namespace

absl::StatusOr<Account> ParseAccountJson(absl::string_view text) {
  absl::StatusOr<nlohmann::json> parsed = internal::ParseJsonObjectLine(text);
  if (!parsed.ok()) return parsed.status();
  const nlohmann::json& j = *parsed;
  Account account;
  absl::StatusOr<std::string> id = internal::RequiredString(j, "id");
  if (!id.ok()) return id.status();
  if (id->empty()) return internal::BadLine("'id': must not be empty");
  account.id = *std::move(id);
  if (auto it = j.find("stage"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) {
      return internal::BadLine(
          absl::StrCat("'stage': expected a string, got ", internal::JsonTypeName(*it)));
    }
    account.stage = it->get<std::string>();
  }
  if (absl::Status s = internal::ReadAttributeMap(j, "attributes", &account.attributes); !s.ok()) {
    return s;
  }
  return account;
}

void AppendAccountScorecardJson(const AccountScorecard& card, bool explain, std::string* out) {
  out->append("{\"account_id\": ");
  AppendJsonString(card.account_id, out);
  out->append(", \"as_of\": \"");
  out->append(FormatTimestamp(card.as_of));
  out->append("\", \"leads\": ");
  out->append(std::to_string(card.leads));
  out->append(", \"counting_leads\": ");
  out->append(std::to_string(card.counting_leads));
  out->append(", ");
  AppendScoresToStage(card.dimensions, card.total, card.stage, card.stage_entered_at, out);
  out->append(", \"labels\": ");
  AppendStrings(card.labels, out);
  if (explain) {
    out->append(", \"explain\": [");
    for (size_t i = 0; i < card.explain.size(); ++i) {
      if (i) out->append(", ");
      AppendExplainEntry(card.explain[i], out);
    }
    out->push_back(']');
  }
  out->push_back('}');
}

}  // namespace leadscore
