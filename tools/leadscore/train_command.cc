// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore train: learn a scorecard model from leads, events and outcomes
// (docs/predictive.md, docs/cli.md).

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "leadscore/predictive/points_scaling.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "args.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/outcomes.h"
#include "leadscore/time.h"
#include "leadscore/predictive/train.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kUsage[] =
    "usage: leadscore train --leads L [--events E] [--outcomes O] --as-of T [--out F]\n"
    "                       [--holdout 0.3 | --folds K] [--refit] [--seed N] [--l2 X]\n"
    "                       [--pdo 20] [--base-score 600] [--base-odds 1]\n"
    "                       [--min-count 10] [--max-categories 30] [--bins 5]\n"
    "                       [--max-events 64] [--attributes A,B | --ignore-attributes A,B]\n"
    "                       [--missing-outcome negative|exclude] [--keep-decided]\n"
    "                       [--mql-share 0.2 [--sql-share 0.05]] [--name N] [--version V]\n"
    "                       [--features-out F] [--on-error fail|skip] [--rejects R]\n"
    "                       [--leads-format csv|jsonl] [--id-column C] [--outcome-column C] ...\n";

int Usage(absl::string_view why) { return UsageError("train", why, kUsage); }

absl::Status Number(const Args& args, const char* flag, double lo, double hi, double* out) {
  if (auto v = args.Get(flag)) {
    double d;
    if (!absl::SimpleAtod(*v, &d) || !std::isfinite(d) || d < lo || d > hi) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag, " takes a number from ", lo, " to ", hi));
    }
    *out = d;
  }
  return absl::OkStatus();
}

template <typename Int>
absl::Status Whole(const Args& args, const char* flag, Int lo, Int hi, Int* out) {
  if (auto v = args.Get(flag)) {
    Int n;
    if (!absl::SimpleAtoi(*v, &n) || n < lo || n > hi) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag, " takes a whole number from ", lo, " to ", hi));
    }
    *out = n;
  }
  return absl::OkStatus();
}

std::vector<std::string> List(const Args& args, const char* flag) {
  std::vector<std::string> out;
  if (auto v = args.Get(flag)) {
    for (absl::string_view s : absl::StrSplit(*v, ',', absl::SkipEmpty())) out.emplace_back(s);
  }
  return out;
}

std::string CsvQuote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// lead_id,converted,held_out,<feature columns> with every value written out.
bool WriteDesign(const DesignMatrix& d, std::FILE* out) {
  std::string line = "lead_id,converted,held_out";
  for (const std::string& c : d.columns) absl::StrAppend(&line, ",", CsvQuote(c));
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), out);
  std::vector<double> dense(d.columns.size());
  for (size_t r = 0; r < d.x.rows(); ++r) {
    std::fill(dense.begin(), dense.end(), 0.0);
    for (const auto& [c, v] : d.x.row(r)) dense[c] = v;
    line = absl::StrCat(CsvQuote(d.lead_ids[r]), ",", int{d.labels[r]}, ",", int{d.held_out[r]});
    for (double v : dense) {
      if (v == 0) {
        line += ",0";
      } else if (v == 1) {
        line += ",1";
      } else {
        absl::StrAppendFormat(&line, ",%.17g", v);
      }
    }
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), out);
  }
  return std::fflush(out) == 0 && !std::ferror(out);
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return (std::fclose(f) == 0) && ok;
}

}  // namespace

int RunTrain(int argc, char** argv) {
  if (PrintedHelp(argc, argv, kUsage)) return kExitOk;
  absl::StatusOr<Args> args = Args::Parse(
      argc, argv, 2,
      Merge({"leads", "events", "outcomes", "as-of", "out", "holdout", "folds", "seed", "l2",
             "pdo", "base-score", "base-odds", "min-count", "max-categories", "bins",
             "max-events", "attributes", "ignore-attributes", "missing-outcome", "mql-share",
             "sql-share", "name", "version", "features-out", "on-error", "rejects"},
            LeadsFormatFlags()),
      Merge({"refit", "keep-decided"}, LeadsFormatSwitches()));
  if (!args.ok()) return Usage(args.status().message());
  if (absl::Status s = RequireFlags(*args, {"leads", "as-of"}); !s.ok()) {
    return Usage(s.message());
  }
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(*args, *args->Get("leads"));
  if (!leads_format.ok()) return Usage(leads_format.status().message());
  if (absl::Status s = RequireOutcomes(*args, *leads_format); !s.ok()) return Usage(s.message());
  absl::StatusOr<bool> skip_bad_lines = SkipBadLinesFromArgs(*args);
  if (!skip_bad_lines.ok()) return Usage(skip_bad_lines.status().message());
  absl::StatusOr<absl::Time> as_of = AsOfFromArgs(*args);
  if (!as_of.ok()) return Usage(as_of.status().message());

  TrainOptions options;
  if (args->Has("holdout") && args->Has("folds")) {
    return Usage("give --holdout or --folds, not both");
  }
  if (args->Has("attributes") && args->Has("ignore-attributes")) {
    return Usage("give --attributes or --ignore-attributes, not both");
  }
  int bins = options.numeric_bins;
  uint32_t max_events = options.max_event_count;
  size_t min_count = options.min_category_count, max_categories = options.max_categories;
  double mql_share = 0.2;
  for (absl::Status s : {
           Number(*args, "holdout", 0, 0.95, &options.holdout),
           Whole<int>(*args, "folds", 2, 100, &options.folds),
           Whole<uint64_t>(*args, "seed", 0, UINT64_MAX, &options.seed),
           Number(*args, "l2", 0, 1e12, &options.l2),
           Number(*args, "pdo", 1e-9, 1e12, &options.scaling.pdo),
           Number(*args, "base-score", -1e12, 1e12, &options.scaling.base_score),
           Number(*args, "base-odds", 1e-12, 1e12, &options.scaling.base_odds),
           Whole<size_t>(*args, "min-count", 1, 1000000000, &min_count),
           Whole<size_t>(*args, "max-categories", 1, 100000, &max_categories),
           Whole<int>(*args, "bins", 1, 1000, &bins),
           Whole<uint32_t>(*args, "max-events", 1, 1000000, &max_events),
           Number(*args, "mql-share", 1e-9, 0.999999, &mql_share),
           Number(*args, "sql-share", 1e-9, 0.999999, &options.sql_share),
       }) {
    if (!s.ok()) return Usage(s.message());
  }
  options.numeric_bins = bins;
  options.max_event_count = max_events;
  options.min_category_count = min_count;
  options.max_categories = max_categories;
  if (args->Has("mql-share")) {
    options.mql_share = mql_share;
    if (!args->Has("sql-share")) options.sql_share = std::min(0.05, mql_share / 4);
    if (!(options.sql_share < mql_share)) return Usage("--sql-share must be below --mql-share");
  } else if (args->Has("sql-share")) {
    return Usage("--sql-share needs --mql-share");
  }
  options.refit_all = args->Has("refit");
  options.outcome_policy.keep_decided_before_as_of = args->Has("keep-decided");
  options.attributes = List(*args, "attributes");
  options.ignore_attributes = List(*args, "ignore-attributes");
  absl::StatusOr<bool> exclude_missing = ExcludeMissingOutcomesFromArgs(*args);
  if (!exclude_missing.ok()) return Usage(exclude_missing.status().message());
  if (*exclude_missing) {
    options.outcome_policy.missing_outcome = OutcomePolicy::MissingOutcome::kExclude;
  }
  if (auto n = args->Get("name")) options.model_name = *n;
  if (auto v = args->Get("version")) options.model_version = *v;
  options.keep_design = args->Has("features-out");

  RejectSink rejects(args->Get("rejects"));
  if (absl::Status s = rejects.Open(InputPaths(*args, {"leads", "events", "outcomes"}));
      !s.ok()) {
    return Usage(s.message());
  }
  InputOptions in;
  in.leads_path = *args->Get("leads");
  in.leads_format = *leads_format;
  in.skip_bad_lines = *skip_bad_lines;
  in.rejects = &rejects;
  in.progress = isatty(STDERR_FILENO);
  InputStats stats;
  TrainingSet data(*as_of);
  absl::Status read = ReadLeadsFile(in, &stats,
                                    [&](Lead&& lead, std::optional<bool> outcome) {
                                      return data.AddLead(std::move(lead), outcome);
                                    });
  if (read.ok() && args->Has("events")) {
    Event event;
    read = ReadLines(*args->Get("events"), "events", in, &stats, &stats.event_lines,
                     [&](absl::string_view line) -> absl::Status {
                       absl::Status parsed = ParseEventJson(line, &event);
                       if (!parsed.ok()) return parsed;
                       data.AddEvent(event);
                       return absl::OkStatus();
                     });
  }
  uint64_t outcome_lines = 0;
  if (read.ok() && args->Has("outcomes")) {
    read = ReadOutcomesFile(*args->Get("outcomes"), in, &stats, &outcome_lines,
                            [&](Outcome&& o) { return data.AddOutcome(o); });
  }
  if (!read.ok()) return ReadFailed("train", read);

  absl::StatusOr<TrainResult> result = Train(data, options);
  if (!result.ok()) {
    std::fprintf(stderr, "leadscore train: %s\n", std::string(result.status().message()).c_str());
    return absl::IsInvalidArgument(result.status()) || absl::IsFailedPrecondition(result.status())
               ? kExitBadInput
               : kExitInternal;
  }

  // Outputs.
  if (auto f = args->Get("features-out")) {
    std::FILE* out = std::fopen(f->c_str(), "w");
    if (out == nullptr) return Usage(absl::StrCat("cannot write features file '", *f, "'"));
    const bool ok = WriteDesign(*result->design, out);
    if (std::fclose(out) != 0 || !ok) {
      std::fprintf(stderr, "leadscore train: error writing '%s'\n", f->c_str());
      return kExitInternal;
    }
  }
  if (auto o = args->Get("out"); o && *o != "-") {
    if (!WriteFile(*o, result->model_json)) {
      std::fprintf(stderr, "leadscore train: cannot write model file '%s'\n", o->c_str());
      return kExitBadInput;
    }
  } else {
    std::fwrite(result->model_json.data(), 1, result->model_json.size(), stdout);
    if (std::fflush(stdout) != 0) return kExitInternal;
  }

  // Summary.
  const TrainResult& r = *result;
  std::string text = absl::StrFormat(
      "leadscore train: %u leads read, %u used (%u converted, %.2f%%); %u features, "
      "%d Newton iterations, %.3f s training\n",
      static_cast<unsigned>(stats.lead_lines), static_cast<unsigned>(r.leads_used),
      static_cast<unsigned>(r.converted), 100.0 * r.converted / std::max<size_t>(r.leads_used, 1),
      static_cast<unsigned>(r.feature_count), r.iterations, r.seconds);
  if (r.without_consent_excluded || r.without_outcome_excluded || r.decided_before_as_of) {
    absl::StrAppendFormat(&text,
                          "left out: %u without consent, %u without outcome, %u decided before "
                          "as-of\n",
                          static_cast<unsigned>(r.without_consent_excluded),
                          static_cast<unsigned>(r.without_outcome_excluded),
                          static_cast<unsigned>(r.decided_before_as_of));
  }
  // A figure to 4 decimals, or "undefined" (an AUC on leads of one class).
  auto f4 = [](std::optional<double> v) {
    return v ? absl::StrFormat("%.4f", *v) : std::string("undefined");
  };
  if (r.held_out) {
    absl::StrAppendFormat(&text, "held-out (%g%%, seed %u): AUC %s, log loss %s on %u leads\n",
                          100 * options.holdout, static_cast<unsigned>(options.seed),
                          f4(r.held_out->auc), f4(r.held_out->log_loss),
                          static_cast<unsigned>(r.held_out->leads));
  }
  if (r.cross_validated) {
    absl::StrAppendFormat(&text, "%d-fold cross-validation (seed %u): AUC %s, log loss %s\n",
                          options.folds, static_cast<unsigned>(options.seed),
                          f4(r.cross_validated->auc), f4(r.cross_validated->log_loss));
  }
  absl::StrAppendFormat(&text, "fitted on %u leads: AUC %s, log loss %s\n",
                        static_cast<unsigned>(r.train.leads), f4(r.train.auc),
                        f4(r.train.log_loss));
  absl::StrAppendFormat(&text, "scaling: %s (total = %.4g + %.4g x log-odds)\n",
                        FormatPointsScaling(options.scaling), r.offset, r.factor);
  if (r.mql_threshold) {
    absl::StrAppendFormat(&text, "suggested thresholds: mql >= %.4g, sql >= %.4g\n",
                          *r.mql_threshold, *r.sql_threshold);
  }
  std::vector<const LearnedRule*> top;
  for (size_t i = 1; i < r.rules.size(); ++i) top.push_back(&r.rules[i]);
  std::stable_sort(top.begin(), top.end(), [](const LearnedRule* a, const LearnedRule* b) {
    return std::abs(a->points) > std::abs(b->points);
  });
  if (!top.empty()) text += "largest points:\n";
  for (size_t i = 0; i < top.size() && i < 8; ++i) {
    absl::StrAppendFormat(&text, "  %+9.2f  %s\n", top[i]->points, top[i]->rule_id);
  }
  if (data.unknown_lead_events() > 0) {
    absl::StrAppendFormat(&text, "warning: %u events name unknown leads\n",
                          static_cast<unsigned>(data.unknown_lead_events()));
  }
  if (data.unknown_outcomes() > 0) {
    absl::StrAppendFormat(&text, "warning: %u outcomes name unknown leads\n",
                          static_cast<unsigned>(data.unknown_outcomes()));
  }
  std::fputs(text.c_str(), stderr);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
