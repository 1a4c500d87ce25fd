// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "summary.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "messages.h"

namespace leadscore {
namespace cli {

Summary::Summary(const Model& model) : model_(model) {
  for (size_t i = 0; i < model.dimension_count() && graded_.size() < 2; ++i) {
    if (model.dimension_graded(i)) graded_.push_back(i);
  }
}

void Summary::Add(const Scorecard& card) {
  ++leads_;
  if (card.stage) ++stages_[*card.stage];
  const std::string f = card.funnel.value_or("");
  funnel_[f == "tofu" ? 0 : f == "mofu" ? 1 : f == "bofu" ? 2 : 3]++;
  if (graded_.size() == 2) {
    matrix_[{card.dimensions[graded_[0]].grade.value_or("-"),
             card.dimensions[graded_[1]].grade.value_or("-")}]++;
  }
}

void Summary::Print(const Run& run, std::FILE* out) const {
  const double secs = run.seconds > 0 ? run.seconds : 1e-9;
  std::fprintf(out,
               "leadscore: %llu leads scored; %llu event lines: %llu scored, %llu "
               "after as-of, %llu duplicates, %llu for unknown leads; %llu rejected "
               "lines\n",
               static_cast<unsigned long long>(leads_),
               static_cast<unsigned long long>(run.event_lines),
               static_cast<unsigned long long>(run.scored_events),
               static_cast<unsigned long long>(run.after_as_of),
               static_cast<unsigned long long>(run.duplicates),
               static_cast<unsigned long long>(run.unknown_events),
               static_cast<unsigned long long>(run.rejected));
  std::fprintf(out, "time: %.3f s (%.0f events/s, %.1f MB/s of input)\n", run.seconds,
               run.event_lines / secs, run.bytes / 1e6 / secs);
  if (model_.has_lifecycle()) {
    std::vector<std::string> parts;
    for (const char* s : {"invalid", "disqualified"}) {
      auto it = stages_.find(s);
      if (it != stages_.end()) parts.push_back(absl::StrCat(s, " ", it->second));
    }
    for (const std::string& s : model_.stages()) {
      auto it = stages_.find(s);
      parts.push_back(absl::StrCat(s, " ", it == stages_.end() ? 0 : it->second));
    }
    std::fprintf(out, "stages: %s\n", absl::StrJoin(parts, ", ").c_str());
    std::fprintf(out, "funnel: tofu %llu, mofu %llu, bofu %llu, none %llu\n",
                 static_cast<unsigned long long>(funnel_[0]),
                 static_cast<unsigned long long>(funnel_[1]),
                 static_cast<unsigned long long>(funnel_[2]),
                 static_cast<unsigned long long>(funnel_[3]));
  }
  if (graded_.size() == 2 && !matrix_.empty()) {
    std::set<std::string> rows, cols;
    for (const auto& [k, n] : matrix_) {
      rows.insert(k.first);
      cols.insert(k.second);
    }
    std::fprintf(out, "grades (%s down, %s across):\n",
                 model_.dimension_name(graded_[0]).c_str(),
                 model_.dimension_name(graded_[1]).c_str());
    std::fprintf(out, "%8s", "");
    for (const auto& c : cols) std::fprintf(out, "%8s", c.c_str());
    std::fputc('\n', out);
    for (const auto& r : rows) {
      std::fprintf(out, "%8s", r.c_str());
      for (const auto& c : cols) {
        auto it = matrix_.find({r, c});
        std::fprintf(out, "%8llu",
                     static_cast<unsigned long long>(it == matrix_.end() ? 0 : it->second));
      }
      std::fputc('\n', out);
    }
  }
  if (run.unknown_events > 0) {
    // Spec v1 section 8: the count and the sorted distinct ids. Every id up
    // to 100 of them (so the spec's reading holds for any ordinary run); past
    // that a sample, so a real stream does not flood stderr.
    constexpr size_t kUnknownIdsShown = 100;
    std::fprintf(out, "warning: %llu events name %zu unknown lead ids: %s\n",
                 static_cast<unsigned long long>(run.unknown_events),
                 run.unknown_ids.size(), IdSample(run.unknown_ids, kUnknownIdsShown).c_str());
  }
}

}  // namespace cli
}  // namespace leadscore
