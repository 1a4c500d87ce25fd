// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore backtest: how well a model's scores and stages predicted the
// outcomes (docs/cli.md, docs/predictive.md).

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/backtest/backtest.h"
#include "leadscore/backtest/backtest_population.h"
#include "leadscore/report/backtest_report.h"
#include "leadscore/batch.h"
#include "leadscore/model.h"
#include "leadscore/io/outcomes.h"
#include "leadscore/predictive/points_scaling.h"
#include "leadscore/time.h"
#include "messages.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kSynopsis[] =
    "usage: leadscore backtest --model M --leads L [--events E] --outcomes O --as-of T\n"
    "                          [--format text|json|html] [--out F] [--html F]\n"
    "                          [--target-volume N|P%] [--target-precision P]\n"
    "                          [--missing-outcome negative|exclude] [--include-invalid]\n"
    "                          [--keep-decided] [--pdo X --base-score Y [--base-odds Z]]\n"
    "                          [--on-error fail|skip] [--rejects R] [--threads N]\n"
    "                          [--leads-format csv|jsonl] [--id-column C] [--outcome-column C]\n"
    "                          ...  (CSV leads: see docs/cli.md)\n";

constexpr char kDescription[] =
    "Scores the leads as score does, joins the scorecards with the outcomes and reports how "
    "well the scores and stages predicted them (AUC, lift, stages, recommended thresholds).";

struct BacktestArgs {
  std::optional<std::string> model, leads, events, outcomes, out, html;
  std::optional<absl::Time> as_of;
  std::string format = "text";
  std::string missing_outcome;
  bool include_invalid = false, keep_decided = false;
  std::optional<double> pdo, base_score, base_odds;
  BadLinePolicyArgs policy;
  int threads = 1;
  LeadsFormatArgs leads_format;
};

// "300" (leads) or "10%" (a share of the leads).
absl::Status ParseVolume(const std::string& text, BacktestOptions* options) {
  const std::string t(absl::StripAsciiWhitespace(text));
  if (absl::EndsWith(t, "%")) {
    double pct;
    if (absl::SimpleAtod(t.substr(0, t.size() - 1), &pct) && pct > 0 && pct <= 100) {
      options->target_fraction = pct / 100;
      return absl::OkStatus();
    }
  } else {
    uint64_t n;
    if (absl::SimpleAtoi(t, &n) && n >= 1) {
      options->target_volume = static_cast<size_t>(n);
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(
      "--target-volume takes a whole number of leads (300) or a percentage of them (10%)");
}

// "0.3" or "30%".
absl::Status ParsePrecision(const std::string& text, BacktestOptions* options) {
  std::string t(absl::StripAsciiWhitespace(text));
  double scale = 1;
  if (absl::EndsWith(t, "%")) {
    t.pop_back();
    scale = 100;
  }
  double p;
  if (absl::SimpleAtod(t, &p) && std::isfinite(p) && p / scale > 0 && p / scale <= 1) {
    options->target_precision = p / scale;
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      "--target-precision takes a conversion rate in (0, 1] (0.3) or a percentage (30%)");
}

// --pdo/--base-score/--base-odds, else the model's description.
absl::Status ChooseScaling(const BacktestArgs& args, const Model& model,
                           BacktestContext* context) {
  const std::optional<double>& pdo = args.pdo;
  const std::optional<double>& base_score = args.base_score;
  const std::optional<double>& base_odds = args.base_odds;
  if (pdo || base_score || base_odds) {
    if (!pdo || !base_score) {
      return absl::InvalidArgumentError(
          "--pdo and --base-score go together (--base-odds is optional, default 1)");
    }
    if (*pdo <= 0) return absl::InvalidArgumentError("--pdo must be greater than 0");
    if (base_odds && *base_odds <= 0) {
      return absl::InvalidArgumentError("--base-odds must be greater than 0");
    }
    context->scaling = PointsScaling{*pdo, *base_score, base_odds.value_or(1.0)};
    context->scaling_source = "command line";
  } else if (auto s = ParsePointsScaling(model.description())) {
    context->scaling = *s;
    context->scaling_source = "model description";
  }
  return absl::OkStatus();
}


}  // namespace

int RunBacktest(int argc, char** argv) {
  CommandLine cl("backtest", kSynopsis, kDescription);
  BacktestArgs a;
  BacktestOptions options;
  cl.Text("model", "M", "the model file (JSON)", &a.model);
  cl.Text("leads", "L", "leads, JSON Lines or CSV ('-': standard input)", &a.leads);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &a.events);
  cl.Text("outcomes", "O", "outcomes, JSON Lines ('-': standard input)", &a.outcomes);
  cl.Time("as-of", "the scoring time, RFC 3339 (2026-11-01T00:00:00Z)", &a.as_of);
  cl.Choice("format", {"text", "json", "html"}, "the report's format (default text)",
            &a.format);
  cl.Text("out", "F", "write the report to F ('-' or absent: stdout)", &a.out);
  cl.Text("html", "F", "also write the HTML report to F", &a.html);
  cl.Option("target-volume", "N|P%", "recommend the threshold passing N leads (or P percent)",
            [&options](const std::string& text) { return ParseVolume(text, &options); });
  cl.Option("target-precision", "P",
            "recommend the lowest threshold converting at rate P (0.3 or 30%)",
            [&options](const std::string& text) { return ParsePrecision(text, &options); });
  AddMissingOutcomeOption(&cl, &a.missing_outcome);
  cl.Switch("include-invalid", "evaluate leads without consent too", &a.include_invalid);
  cl.Switch("keep-decided", "evaluate leads whose outcome is dated at or before --as-of too",
            &a.keep_decided);
  cl.Number("pdo", "points to double the odds, for log loss (with --base-score)", &a.pdo);
  cl.Number("base-score", "the score at the base odds, for log loss", &a.base_score);
  cl.Number("base-odds", "the base odds (default 1)", &a.base_odds);
  AddBadLinePolicyOptions(&cl, &a.policy);
  AddThreadsOption(&cl, &a.threads);
  AddLeadsFormatOptions(&cl, &a.leads_format);
  cl.Require({"model", "leads", "as-of"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(a.leads_format, *a.leads);
  if (!leads_format.ok()) return cl.UsageError(leads_format.status().message());
  if (absl::Status s = RequireOutcomes(a.outcomes.has_value(), *leads_format); !s.ok()) {
    return cl.UsageError(s.message());
  }
  const bool csv_outcomes = leads_format->csv && leads_format->csv_options.outcome_column;
  PopulationOptions population_options;
  if (a.missing_outcome == "exclude") {
    population_options.missing_outcome = PopulationOptions::MissingOutcome::kExclude;
  }
  population_options.include_invalid = a.include_invalid;
  population_options.keep_decided_before_as_of = a.keep_decided;
  if (absl::Status s = AtMostOneStandardInput(
          {{"leads", &a.leads}, {"events", &a.events}, {"outcomes", &a.outcomes}});
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  const absl::Time as_of = *a.as_of;

  const std::shared_ptr<const Model> model = LoadModel(*a.model);
  if (model == nullptr) return kExitBadInput;
  BacktestContext context;
  context.model_name = model->name();
  context.model_version = model->version();
  context.as_of = as_of;
  context.population_options = population_options;
  if (absl::Status s = ChooseScaling(a, *model, &context); !s.ok()) {
    return cl.UsageError(s.message());
  }
  options.scaling = context.scaling;
  options.stages = model->stages();
  for (size_t i = 0; i < model->dimension_count(); ++i) {
    options.dimensions.push_back(model->dimension_name(i));
  }

  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, as_of);
  if (!batch.ok()) return cl.UsageError(absl::StrCat("--as-of: ", batch.status().message()));

  RejectSink rejects(a.policy.rejects);
  if (absl::Status s = rejects.Open(InputPaths({{"model", &a.model},
                                                {"leads", &a.leads},
                                                {"events", &a.events},
                                                {"outcomes", &a.outcomes}}));
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  InputOptions in = LeadsAndEventsOptions(*a.leads, a.events, *leads_format, a.policy.skip(),
                                          a.threads, &rejects);
  std::vector<Outcome> column_outcomes;
  if (csv_outcomes) in.csv_outcomes = &column_outcomes;
  InputStats stats;
  absl::Status read = ReadInputs(in, &*batch, &stats);
  BacktestPopulation population(as_of, population_options);
  // Outcomes from a CSV outcome column first (they cannot repeat: lead ids are
  // unique), then from --outcomes, where a lead seen before is a bad line.
  for (Outcome& o : column_outcomes) population.AddOutcome(std::move(o)).IgnoreError();
  uint64_t outcome_lines = 0;
  if (read.ok() && a.outcomes) {
    read = ReadOutcomesFile(*a.outcomes, in, &stats, &outcome_lines,
                            [&](Outcome&& o) { return population.AddOutcome(std::move(o)); });
  }
  if (!read.ok()) return ReadFailed("backtest", read, stats);

  BatchOptions batch_options;
  batch_options.threads = a.threads;
  batch->Score(batch_options, [&](const Scorecard& card) { population.AddScorecard(card); });
  context.population = population.stats();
  context.unknown_outcome_ids = population.UnknownOutcomeIds();

  const PopulationStats& p = population.stats();
  if (p.evaluated == 0) {
    std::fprintf(stderr,
                 "leadscore backtest: no lead to evaluate: %zu leads scored, %zu without "
                 "consent, %zu with an outcome dated at or before --as-of, %zu without an "
                 "outcome (left out)\n",
                 p.scorecards, p.excluded_invalid, p.excluded_decided_before_as_of,
                 p.excluded_without_outcome);
    return kExitBadInput;
  }
  absl::StatusOr<BacktestReport> report = leadscore::RunBacktest(population.leads(), options);
  if (!report.ok()) {
    PrintCommandError("backtest", report.status().message());
    return absl::IsInvalidArgument(report.status()) ? kExitBadInput : kExitInternal;
  }

  std::string text;
  if (a.format == "json") {
    text = BacktestReportJson(*report, context);
  } else if (a.format == "html") {
    text = BacktestReportHtml(*report, context);
  } else {
    text = BacktestReportText(*report, context);
  }
  if (!IsStandardOutput(a.out)) {
    if (int code = WriteTextFile("backtest", *a.out, text, "output file"); code != kExitOk) return code;
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      PrintCommandError("backtest", "error writing the report");
      return kExitInternal;
    }
  }
  if (a.html) {
    const int code = WriteTextFile("backtest", *a.html, BacktestReportHtml(*report, context), "HTML report");
    if (code != kExitOk) return code;
  }

  // Summary on stderr.
  std::fprintf(stderr,
               "leadscore backtest: %zu leads scored, %llu event lines, %llu outcome lines, "
               "%llu rejected lines; %zu leads evaluated, %zu converted; AUC %s\n",
               p.scorecards, static_cast<unsigned long long>(stats.event_lines),
               static_cast<unsigned long long>(outcome_lines),
               static_cast<unsigned long long>(stats.rejected), p.evaluated, p.converted,
               report->auc ? absl::StrFormat("%.4f", *report->auc).c_str() : "undefined");
  if (batch->unknown_lead_events() > 0) {
    const std::vector<std::string> ids = batch->unknown_lead_ids();
    std::fprintf(stderr, "warning: %zu events name %zu unknown lead ids\n",
                 batch->unknown_lead_events(), ids.size());
  }
  if (!context.unknown_outcome_ids.empty()) {
    std::fprintf(stderr, "warning: %zu outcomes name no scored lead (listed in the report)\n",
                 context.unknown_outcome_ids.size());
  }
  for (const std::string& note : report->notes) {
    std::fprintf(stderr, "warning: %s\n", note.c_str());
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
