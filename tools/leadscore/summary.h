// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Summary: counts of a scoring run for the report on stderr.

#ifndef LEADSCORE_TOOLS_SUMMARY_H_
#define LEADSCORE_TOOLS_SUMMARY_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "leadscore/model.h"
#include "leadscore/scorecard.h"

namespace leadscore {
namespace cli {

class Summary {
 public:
  explicit Summary(const Model& model);

  // Counts one scorecard.
  void Add(const Scorecard& card);

  struct Run {
    uint64_t lead_lines = 0, event_lines = 0, rejected = 0, bytes = 0;
    uint64_t scored_events = 0, after_as_of = 0, duplicates = 0, unknown_events = 0;
    std::vector<std::string> unknown_ids;
    double seconds = 0;
  };
  // Prints the report: totals and throughput, stages, funnel, the grade
  // matrix of the first two graded dimensions, the count of unknown lead ids
  // with the first five (IdSample).
  void Print(const Run& run, std::FILE* out) const;

 private:
  const Model& model_;
  uint64_t leads_ = 0;
  std::map<std::string, uint64_t> stages_;
  uint64_t funnel_[4] = {0, 0, 0, 0};  // tofu, mofu, bofu, none
  std::vector<size_t> graded_;          // first two dimensions with grades
  std::map<std::pair<std::string, std::string>, uint64_t> matrix_;
};

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_SUMMARY_H_
