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
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/outcomes.h"
#include "leadscore/time.h"
#include "leadscore/predictive/train.h"
#include "messages.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: leadscore train --leads L [--events E] [--outcomes O] --as-of T [--out F]\n"
    "                       [--holdout 0.3 | --folds K] [--refit] [--seed N] [--l2 X]\n"
    "                       [--pdo 20] [--base-score 600] [--base-odds 1]\n"
    "                       [--min-count 10] [--max-categories 30] [--bins 5]\n"
    "                       [--max-events 64] [--attributes A,B | --ignore-attributes A,B]\n"
    "                       [--missing-outcome negative|exclude] [--keep-decided]\n"
    "                       [--mql-share 0.2 [--sql-share 0.05]] [--name N] [--version V]\n"
    "                       [--features-out F] [--on-error fail|skip] [--rejects R]\n"
    "                       [--leads-format csv|jsonl] [--id-column C] [--outcome-column C] ...\n";

constexpr char kDescription[] =
    "Learns a scorecard model (L2-regularised logistic regression) from leads, their events "
    "up to the snapshot time and their outcomes, and writes it as a spec-v1 model.";

struct TrainArgs {
  std::optional<std::string> leads, events, outcomes, out, attributes, ignore_attributes, name,
      version, features_out;
  std::optional<absl::Time> as_of;
  bool refit = false, keep_decided = false;
  std::string missing_outcome;
  BadLinePolicyArgs policy;
  LeadsFormatArgs leads_format;
};

std::vector<std::string> List(const std::optional<std::string>& value) {
  std::vector<std::string> out;
  if (value) {
    for (absl::string_view s : absl::StrSplit(*value, ',', absl::SkipEmpty())) out.emplace_back(s);
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
  CommandLine cl("train", kSynopsis, kDescription);
  TrainArgs a;
  TrainOptions options;
  int bins = options.numeric_bins;
  uint32_t max_events = options.max_event_count;
  size_t min_count = options.min_category_count, max_categories = options.max_categories;
  double mql_share = 0.2;
  cl.Text("leads", "L", "leads, JSON Lines or CSV ('-': standard input)", &a.leads);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &a.events);
  cl.Text("outcomes", "O", "outcomes, JSON Lines ('-': standard input)", &a.outcomes);
  cl.Time("as-of", "the snapshot time, RFC 3339: later events are ignored", &a.as_of);
  cl.Text("out", "F", "write the model to F ('-' or absent: stdout)", &a.out);
  cl.Number("holdout", 0, 0.95, "the stratified held-out share (default 0.3)",
            &options.holdout);
  cl.Whole<int>("folds", 2, 100, "K-fold cross-validation instead of a held-out share",
                &options.folds);
  cl.Switch("refit", "after measuring, fit the model on every lead", &a.refit);
  cl.Whole<uint64_t>("seed", 0, UINT64_MAX, "the split's seed (default 1)", &options.seed);
  cl.Number("l2", 0, 1e12, "the L2 penalty on the weights (default 1)", &options.l2);
  cl.Number("pdo", 1e-9, 1e12, "points to double the odds (default 20)", &options.scaling.pdo);
  cl.Number("base-score", -1e12, 1e12, "the score at the base odds (default 600)",
            &options.scaling.base_score);
  cl.Number("base-odds", 1e-12, 1e12, "the base odds (default 1)", &options.scaling.base_odds);
  cl.Whole<size_t>("min-count", 1, 1000000000, "training leads a feature needs (default 10)",
                   &min_count);
  cl.Whole<size_t>("max-categories", 1, 100000, "values per text attribute (default 30)",
                   &max_categories);
  cl.Whole<int>("bins", 1, 1000, "quantile bins per numeric attribute (default 5)", &bins);
  cl.Whole<uint32_t>("max-events", 1, 1000000, "counts above N add nothing (default 64)",
                     &max_events);
  cl.Text("attributes", "A,B", "use only these attributes", &a.attributes);
  cl.Text("ignore-attributes", "A,B", "use all attributes but these", &a.ignore_attributes);
  AddMissingOutcomeOption(&cl, &a.missing_outcome);
  cl.Switch("keep-decided", "keep leads whose outcome is dated at or before --as-of",
            &a.keep_decided);
  cl.Number("mql-share", 1e-9, 0.999999, "add a lifecycle: mql for the top X of the leads",
            &mql_share);
  cl.Number("sql-share", 1e-9, 0.999999, "with --mql-share: sql for the top Y",
            &options.sql_share);
  cl.Text("name", "N", "the model's name (default learned-scorecard)", &a.name);
  cl.Text("version", "V", "the model's version (default 1)", &a.version);
  cl.Text("features-out", "F", "write the design matrix as CSV to F", &a.features_out);
  AddBadLinePolicyOptions(&cl, &a.policy);
  AddLeadsFormatOptions(&cl, &a.leads_format);
  cl.Require({"leads", "as-of"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(a.leads_format, *a.leads);
  if (!leads_format.ok()) return cl.UsageError(leads_format.status().message());
  if (absl::Status s = RequireOutcomes(a.outcomes.has_value(), *leads_format); !s.ok()) {
    return cl.UsageError(s.message());
  }
  if (absl::Status s = AtMostOneStandardInput(
          {{"leads", &a.leads}, {"events", &a.events}, {"outcomes", &a.outcomes}});
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  if (cl.Has("holdout") && cl.Has("folds")) {
    return cl.UsageError("give --holdout or --folds, not both");
  }
  if (a.attributes && a.ignore_attributes) {
    return cl.UsageError("give --attributes or --ignore-attributes, not both");
  }
  options.numeric_bins = bins;
  options.max_event_count = max_events;
  options.min_category_count = min_count;
  options.max_categories = max_categories;
  if (cl.Has("mql-share")) {
    options.mql_share = mql_share;
    if (!cl.Has("sql-share")) options.sql_share = std::min(0.05, mql_share / 4);
    if (!(options.sql_share < mql_share)) {
      return cl.UsageError("--sql-share must be below --mql-share");
    }
  } else if (cl.Has("sql-share")) {
    return cl.UsageError("--sql-share needs --mql-share");
  }
  options.refit_all = a.refit;
  options.outcome_policy.keep_decided_before_as_of = a.keep_decided;
  options.attributes = List(a.attributes);
  options.ignore_attributes = List(a.ignore_attributes);
  if (a.missing_outcome == "exclude") {
    options.outcome_policy.missing_outcome = OutcomePolicy::MissingOutcome::kExclude;
  }
  if (a.name) options.model_name = *a.name;
  if (a.version) options.model_version = *a.version;
  options.keep_design = a.features_out.has_value();

  RejectSink rejects(a.policy.rejects);
  if (absl::Status s = rejects.Open(
          InputPaths({{"leads", &a.leads}, {"events", &a.events}, {"outcomes", &a.outcomes}}));
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  InputOptions in;
  in.leads_path = *a.leads;
  in.leads_format = *leads_format;
  in.skip_bad_lines = a.policy.skip();
  in.rejects = &rejects;
  in.progress = isatty(STDERR_FILENO);
  InputStats stats;
  TrainingSet data(*a.as_of);
  absl::Status read = ReadLeadsFile(in, &stats,
                                    [&](Lead&& lead, std::optional<bool> outcome) {
                                      return data.AddLead(std::move(lead), outcome);
                                    });
  if (read.ok() && a.events) {
    Event event;
    read = ReadLines(*a.events, "events", in, &stats, &stats.event_lines,
                     [&](absl::string_view line) -> absl::Status {
                       absl::Status parsed = ParseEventJson(line, &event);
                       if (!parsed.ok()) return parsed;
                       data.AddEvent(event);
                       return absl::OkStatus();
                     });
  }
  uint64_t outcome_lines = 0;
  if (read.ok() && a.outcomes) {
    read = ReadOutcomesFile(*a.outcomes, in, &stats, &outcome_lines,
                            [&](Outcome&& o) { return data.AddOutcome(o); });
  }
  if (!read.ok()) return ReadFailed("train", read, stats);

  absl::StatusOr<TrainResult> result = Train(data, options);
  if (!result.ok()) {
    PrintCommandError("train", result.status().message());
    return absl::IsInvalidArgument(result.status()) || absl::IsFailedPrecondition(result.status())
               ? kExitBadInput
               : kExitInternal;
  }

  // Outputs.
  if (const std::optional<std::string>& f = a.features_out) {
    std::FILE* out = std::fopen(f->c_str(), "w");
    if (out == nullptr) {
      return cl.UsageError(absl::StrCat("cannot write features file '", *f, "'"));
    }
    const bool ok = WriteDesign(*result->design, out);
    if (std::fclose(out) != 0 || !ok) {
      PrintCommandError("train", absl::StrCat("error writing '", *f, "'"));
      return kExitInternal;
    }
  }
  if (!IsStandardOutput(a.out)) {
    if (!WriteFile(*a.out, result->model_json)) {
      PrintCommandError("train", absl::StrCat("cannot write model file '", *a.out, "'"));
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
