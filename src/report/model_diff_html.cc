// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ModelDiffHtml: the model diff as a self-contained HTML page in the style of
// the backtest report (report/html_page.h): no script, no external resource.
// Every input string passes through HtmlEscape.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "leadscore/report/model_diff_report.h"
#include "leadscore/time.h"
#include "report/html_page.h"
#include "report/model_diff_format.h"
#include "util/number_format.h"

namespace leadscore {

namespace {

using internal::ChartFrame;
using internal::F1;
using internal::HtmlEscape;
using internal::SignedNumber;
using internal::SignificantNumber;
using internal::StageLabel;

constexpr char kDiffStyle[] = R"(<style>
td.same{background:#f5f5f7;color:#777}td.up{background:#e3f1e0}td.down{background:#fbe5d6}
td.zero{color:#bbb}.bar{fill:#2166ac}
</style>
)";

// The total's deltas of the leads whose total moved, in 20 bins.
std::string DeltaHistogramSvg(const ModelDiff& diff) {
  std::vector<double> deltas;
  for (const LeadDiff& d : diff.leads) {
    if (!d.scored_by_both()) continue;
    const double delta = d.comparison.total_delta();
    if (std::abs(delta) > diff.tolerance) deltas.push_back(delta);
  }
  const ChartFrame f;
  std::string s = internal::SvgOpen("Total score deltas of the leads whose total moved");
  if (deltas.empty()) {
    absl::StrAppend(&s, "<text class=\"empty\" x=\"", F1(f.X(0.5)), "\" y=\"", F1(f.Y(0.5)),
                    "\" text-anchor=\"middle\">no lead's total moved</text>\n</svg>\n");
    return s;
  }
  double lo = *std::min_element(deltas.begin(), deltas.end());
  double hi = *std::max_element(deltas.begin(), deltas.end());
  if (hi == lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  constexpr size_t kBins = 20;
  const double width = (hi - lo) / kBins;
  std::vector<size_t> counts(kBins, 0);
  for (double d : deltas) {
    size_t b = static_cast<size_t>((d - lo) / width);
    counts[std::min(b, kBins - 1)]++;
  }
  const size_t max_count = *std::max_element(counts.begin(), counts.end());
  double top, step;
  internal::NiceScale(static_cast<double>(max_count), &top, &step);
  s += internal::YAxis(f, top, step, false, "leads");
  s += internal::XTitle("total score delta (new - old)");
  const double slot = (ChartFrame::kW - ChartFrame::kL - ChartFrame::kR) / kBins;
  for (size_t i = 0; i < kBins; ++i) {
    const double x = ChartFrame::kL + slot * static_cast<double>(i);
    const double from = lo + width * static_cast<double>(i);
    const double y = f.Y(static_cast<double>(counts[i]) / top);
    absl::StrAppend(&s, "<rect class=\"bar\" x=\"", F1(x + slot * 0.1), "\" y=\"", F1(y),
                    "\" width=\"", F1(slot * 0.8), "\" height=\"", F1(f.Y(0) - y),
                    "\"><title>", SignificantNumber(from, 4), " to ",
                    SignificantNumber(from + width, 4), ": ", counts[i],
                    counts[i] == 1 ? " lead" : " leads", "</title></rect>\n");
  }
  for (int k = 0; k <= 4; ++k) {
    const double v = lo + (hi - lo) * k / 4.0;
    absl::StrAppend(&s, "<text class=\"tick\" x=\"", F1(f.X(k / 4.0)), "\" y=\"",
                    F1(f.Y(0) + 16), "\" text-anchor=\"middle\">", SignificantNumber(v, 4),
                    "</text>");
  }
  s += "\n</svg>\n";
  return s;
}

std::string MatrixTable(const StageMatrix& m) {
  if (m.stages.empty()) return "<p>No lead was scored by both models.</p>\n";
  std::string h = "<table>\n<tr><th class=\"l\">old \\ new</th>";
  for (const std::string& s : m.stages) {
    absl::StrAppend(&h, "<th>", HtmlEscape(StageLabel(s)), "</th>");
  }
  h += "</tr>\n";
  for (size_t i = 0; i < m.stages.size(); ++i) {
    absl::StrAppend(&h, "<tr><th class=\"l\">", HtmlEscape(StageLabel(m.stages[i])), "</th>");
    for (size_t j = 0; j < m.stages.size(); ++j) {
      const size_t n = m.counts[i][j];
      // Columns follow the old model's lifecycle order first, so right of
      // the diagonal is usually "up".
      const char* cls = i == j ? "same" : n == 0 ? "zero" : j > i ? "up" : "down";
      absl::StrAppend(&h, "<td class=\"", cls, "\">", n, "</td>");
    }
    h += "</tr>\n";
  }
  h += "</table>\n";
  return h;
}

std::string DeltaTable(const ModelDiff& diff) {
  std::string h =
      "<table>\n<tr><th class=\"l\">dimension</th><th>moved</th><th>up</th><th>down</th>"
      "<th>mean</th><th>mean |&Delta;|</th><th>median |&Delta;|</th><th>max |&Delta;|</th>"
      "<th>min</th><th>p10</th><th>p25</th><th>p50</th><th>p75</th><th>p90</th><th>max</th>"
      "</tr>\n";
  const auto row = [&](const DeltaSummary& d) {
    absl::StrAppend(&h, "<tr><td class=\"l\">", HtmlEscape(d.dimension), "</td><td>", d.moved,
                    "</td><td>", d.up, "</td><td>", d.down, "</td>");
    for (double v : {d.mean_delta, d.mean_abs_delta, d.median_abs_delta, d.max_abs_delta, d.min,
                     d.p10, d.p25, d.p50, d.p75, d.p90, d.max}) {
      absl::StrAppend(&h, "<td>", SignificantNumber(v, 4), "</td>");
    }
    h += "</tr>\n";
  };
  row(diff.total);
  for (const DeltaSummary& d : diff.dimensions) row(d);
  h += "</table>\n";
  return h;
}

}  // namespace

std::string ModelDiffHtml(const ModelDiff& diff, const ModelDiffReportOptions& options) {
  std::string h;
  const std::string old_model = internal::DescribeModel(diff.old_name, diff.old_version);
  const std::string new_model = internal::DescribeModel(diff.new_name, diff.new_version);
  absl::StrAppend(&h,
                  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>Model diff: ",
                  HtmlEscape(diff.old_name), " ", HtmlEscape(diff.old_version), " to ",
                  HtmlEscape(diff.new_name), " ", HtmlEscape(diff.new_version), "</title>\n",
                  internal::kReportStyle, kDiffStyle, "</head>\n<body>\n");
  absl::StrAppend(&h, "<h1>Model diff</h1>\n<p class=\"sub\">From ", HtmlEscape(old_model),
                  " to ", HtmlEscape(new_model), ", scores as of ",
                  HtmlEscape(FormatTimestamp(diff.as_of)), ".</p>\n");

  h += "<div class=\"cards\">\n";
  const auto card = [&](absl::string_view label, const std::string& value) {
    absl::StrAppend(&h, "<div class=\"card\">", HtmlEscape(label), "<b>", HtmlEscape(value),
                    "</b></div>\n");
  };
  card("leads compared", absl::StrCat(diff.compared));
  card("leads changed", absl::StrCat(diff.changed));
  card("change stage", absl::StrCat(diff.stage_changed));
  card("change score", absl::StrCat(diff.score_changed));
  card("mean total delta", SignificantNumber(diff.total.mean_delta, 4));
  h += "</div>\n<ul>\n";
  for (const std::string& line : internal::SummaryLines(diff)) {
    absl::StrAppend(&h, "<li>", HtmlEscape(line), "</li>\n");
  }
  h += "</ul>\n";

  absl::StrAppend(&h, "<h2>Stages</h2>\n<p>Rows: the old model's stage; columns: the new "
                      "model's. ", diff.stages.moved(),
                  " leads are off the diagonal (they change stage).</p>\n");
  h += MatrixTable(diff.stages);

  absl::StrAppend(&h, "<h2>Score deltas (new &minus; old)</h2>\n<p>Over the ", diff.compared,
                  " leads both models scored. Quantiles are nearest-rank over the signed "
                  "deltas.</p>\n");
  h += DeltaTable(diff);
  h += "<div class=\"charts\">\n<figure><figcaption>Total score deltas of the leads whose "
       "total moved</figcaption>\n";
  h += DeltaHistogramSvg(diff);
  h += "</figure>\n</div>\n";

  if (!diff.rules.empty() && options.top > 0) {
    const size_t shown = std::min(options.top, diff.rules.size());
    absl::StrAppend(&h, "<h2>Rules behind the changes</h2>\n<p>", shown, " of ",
                    diff.rules.size(),
                    " rules whose points differ for some lead, by leads affected.</p>\n<table>\n"
                    "<tr><th class=\"l\">rule</th><th class=\"l\">dimension</th><th>leads</th>"
                    "<th>changed</th><th>added</th><th>removed</th><th>sum of deltas</th></tr>\n");
    for (size_t i = 0; i < shown; ++i) {
      const RuleImpact& r = diff.rules[i];
      absl::StrAppend(&h, "<tr><td class=\"l\"><code>", HtmlEscape(r.rule),
                      "</code></td><td class=\"l\">", HtmlEscape(r.dimension), "</td><td>",
                      r.leads, "</td><td>", r.changed, "</td><td>", r.added, "</td><td>",
                      r.removed, "</td><td>", SignedNumber(r.total_delta), "</td></tr>\n");
    }
    h += "</table>\n";
  }

  const std::vector<const LeadDiff*> leads = internal::ReportedLeads(diff);
  if (!leads.empty() && options.top > 0) {
    const size_t shown = std::min(options.top, leads.size());
    absl::StrAppend(&h, "<h2>Leads</h2>\n<p>", shown, " of ", leads.size(),
                    " changed or refused leads: refused first, then stage changes, then by "
                    "|total delta|.</p>\n<table>\n<tr><th class=\"l\">lead</th>"
                    "<th class=\"l\">change</th><th class=\"l\">rules</th></tr>\n");
    for (size_t i = 0; i < shown; ++i) {
      const LeadDiff& d = *leads[i];
      absl::StrAppend(&h, "<tr><td class=\"l\">", HtmlEscape(d.lead_id), "</td><td class=\"l\">",
                      HtmlEscape(internal::DescribeLeadChange(d)), "</td><td class=\"l\">",
                      HtmlEscape(internal::DescribeRuleChanges(d.comparison.rules, 6)),
                      "</td></tr>\n");
    }
    h += "</table>\n";
  }
  h += "<p class=\"sub\">Written by <code>leadscore diff</code>. Both models score the same "
       "leads and events with the exact batch semantics of <code>leadscore score</code>.</p>\n"
       "</body>\n</html>\n";
  return h;
}

}  // namespace leadscore
