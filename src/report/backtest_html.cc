// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BacktestReportHtml: a self-contained HTML page with inline SVG charts. No
// script, no external resource: it opens offline. Every input string passes
// through Esc(). The page's style and chart helpers: report/html_page.h.

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "report/backtest_format.h"
#include "report/html_page.h"
#include "leadscore/report/backtest_report.h"
#include "leadscore/time.h"

namespace leadscore {
namespace {

using internal::Fixed;
using internal::Percent;
using internal::SignificantNumber;
using Frame = internal::ChartFrame;
using internal::F1;
using internal::NiceScale;
using internal::SvgOpen;
using internal::XTitle;
using internal::YAxis;
constexpr const char* kStyle = internal::kReportStyle;

std::string Esc(absl::string_view s) { return internal::HtmlEscape(s); }

std::string RocSvg(const BacktestReport& r) {
  const Frame f;
  std::string s = SvgOpen("ROC curve");
  s += YAxis(f, 1, 0.2, true, "converted leads flagged (true-positive rate)");
  for (int i = 0; i <= 5; ++i) {
    const double x = f.X(i / 5.0);
    absl::StrAppend(&s, "<line class=\"grid\" x1=\"", F1(x), "\" y1=\"", F1(f.Y(0)),
                    "\" x2=\"", F1(x), "\" y2=\"", F1(f.Y(1)), "\"/><text class=\"tick\" x=\"",
                    F1(x), "\" y=\"", F1(f.Y(0) + 16), "\" text-anchor=\"middle\">",
                    Percent(i / 5.0, 0), "</text>\n");
  }
  s += XTitle("other leads flagged (false-positive rate)");
  absl::StrAppend(&s, "<line class=\"diag\" x1=\"", F1(f.X(0)), "\" y1=\"", F1(f.Y(0)),
                  "\" x2=\"", F1(f.X(1)), "\" y2=\"", F1(f.Y(1)), "\"/>\n");
  if (r.roc.empty()) {
    absl::StrAppend(&s, "<text class=\"empty\" x=\"", F1(f.X(0.5)), "\" y=\"", F1(f.Y(0.5)),
                    "\" text-anchor=\"middle\">undefined: needs converted and other leads</text>");
  } else {
    s += "<polyline class=\"roc\" points=\"";
    for (const RocPoint& p : r.roc) absl::StrAppend(&s, F1(f.X(p.fpr)), ",", F1(f.Y(p.tpr)), " ");
    s += "\"/>\n";
    absl::StrAppend(&s, "<text class=\"label\" x=\"", F1(f.X(0.55)), "\" y=\"", F1(f.Y(0.12)),
                    "\">AUC ", Fixed(r.auc, 4), "</text>\n");
  }
  s += "</svg>\n";
  return s;
}

std::string LiftSvg(const BacktestReport& r) {
  const Frame f;
  double max_lift = 1;
  for (const DecileRow& d : r.deciles) {
    if (d.lift) max_lift = std::max(max_lift, *d.lift);
  }
  double top, step;
  NiceScale(max_lift * 1.1, &top, &step);
  std::string s = SvgOpen("Lift by score decile");
  s += YAxis(f, top, step, false, "lift (decile conversion rate / overall)");
  s += XTitle("score decile (1 = highest scores)");
  const double slot = (Frame::kW - Frame::kL - Frame::kR) / 10;
  for (const DecileRow& d : r.deciles) {
    const double x = Frame::kL + slot * (d.decile - 1);
    const double cx = x + slot / 2;
    absl::StrAppend(&s, "<text class=\"tick\" x=\"", F1(cx), "\" y=\"", F1(f.Y(0) + 16),
                    "\" text-anchor=\"middle\">", d.decile, "</text>");
    if (!d.lift) {
      absl::StrAppend(&s, "<text class=\"tick\" x=\"", F1(cx), "\" y=\"", F1(f.Y(0) - 4),
                      "\" text-anchor=\"middle\">", d.leads == 0 ? "empty" : "-", "</text>\n");
      continue;
    }
    const double y = f.Y(*d.lift / top);
    absl::StrAppend(&s, "<rect class=\"bar\" x=\"", F1(x + slot * 0.15), "\" y=\"", F1(y),
                    "\" width=\"", F1(slot * 0.7), "\" height=\"", F1(f.Y(0) - y),
                    "\"><title>decile ", d.decile, ": ", d.leads, " leads, ", d.converted,
                    " converted (", Percent(d.conversion_rate), "), lift ", Fixed(d.lift, 2),
                    "</title></rect><text class=\"tick\" x=\"", F1(cx), "\" y=\"", F1(y - 4),
                    "\" text-anchor=\"middle\">", Fixed(d.lift, 2), "</text>\n");
  }
  const double y1 = f.Y(1 / top);
  absl::StrAppend(&s, "<line class=\"base\" x1=\"", F1(Frame::kL), "\" y1=\"", F1(y1), "\" x2=\"",
                  F1(Frame::kW - Frame::kR), "\" y2=\"", F1(y1), "\"/>\n");
  s += "</svg>\n";
  return s;
}

std::string HistogramSvg(const BacktestReport& r) {
  const Frame f;
  const ScoreHistogram& h = r.histogram;
  const size_t bins = h.converted.size();
  const size_t pos = r.converted, neg = r.leads - r.converted;
  const auto share = [](size_t n, size_t total) {
    return total == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(total);
  };
  double max_share = 0;
  for (size_t i = 0; i < bins; ++i) {
    max_share = std::max({max_share, share(h.converted[i], pos), share(h.not_converted[i], neg)});
  }
  double top, step;
  NiceScale(max_share, &top, &step);
  std::string s = SvgOpen("Total score histogram, converted and other leads");
  s += YAxis(f, top, step, true, "share of the group's leads");
  s += XTitle("total score");
  const double slot = (Frame::kW - Frame::kL - Frame::kR) / static_cast<double>(bins);
  for (size_t i = 0; i < bins; ++i) {
    const double x = Frame::kL + slot * static_cast<double>(i);
    const double lo = h.lo + h.width * static_cast<double>(i);
    const std::string range =
        absl::StrCat(SignificantNumber(lo), " to ", SignificantNumber(lo + h.width));
    const double yc = f.Y(share(h.converted[i], pos) / top);
    const double yn = f.Y(share(h.not_converted[i], neg) / top);
    absl::StrAppend(&s, "<rect class=\"other\" x=\"", F1(x + slot * 0.1), "\" y=\"", F1(yn),
                    "\" width=\"", F1(slot * 0.4), "\" height=\"", F1(f.Y(0) - yn),
                    "\"><title>", range, ": ", h.not_converted[i], " other leads</title></rect>",
                    "<rect class=\"conv\" x=\"", F1(x + slot * 0.5), "\" y=\"", F1(yc),
                    "\" width=\"", F1(slot * 0.4), "\" height=\"", F1(f.Y(0) - yc),
                    "\"><title>", range, ": ", h.converted[i], " converted leads</title></rect>\n");
  }
  for (int k = 0; k <= 4; ++k) {
    const double v = h.lo + h.width * static_cast<double>(bins) * k / 4.0;
    absl::StrAppend(&s, "<text class=\"tick\" x=\"", F1(f.X(k / 4.0)), "\" y=\"",
                    F1(f.Y(0) + 16), "\" text-anchor=\"middle\">", SignificantNumber(v, 4),
                    "</text>");
  }
  absl::StrAppend(&s, "\n<rect class=\"conv\" x=\"", F1(Frame::kW - 190), "\" y=\"", F1(Frame::kT),
                  "\" width=\"12\" height=\"12\"/><text class=\"tick\" x=\"",
                  F1(Frame::kW - 172), "\" y=\"", F1(Frame::kT + 10), "\">converted (", pos,
                  ")</text><rect class=\"other\" x=\"", F1(Frame::kW - 190), "\" y=\"",
                  F1(Frame::kT + 18), "\" width=\"12\" height=\"12\"/><text class=\"tick\" x=\"",
                  F1(Frame::kW - 172), "\" y=\"", F1(Frame::kT + 28), "\">not converted (", neg,
                  ")</text>\n");
  s += "</svg>\n";
  return s;
}

}  // namespace

std::string BacktestReportHtml(const BacktestReport& r, const BacktestContext& c) {
  std::string h;
  const std::string model = Esc(c.model_name);
  absl::StrAppend(&h,
                  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>Backtest of ",
                  model, "</title>\n", kStyle, "</head>\n<body>\n");
  absl::StrAppend(&h, "<h1>Backtest of model <q>", model, "</q> version <q>",
                  Esc(c.model_version), "</q></h1>\n<p class=\"sub\">Scores as of ",
                  Esc(FormatTimestamp(c.as_of)), ".</p>\n");

  // Key figures.
  h += "<div class=\"cards\">\n";
  const auto card = [&](absl::string_view label, const std::string& value) {
    absl::StrAppend(&h, "<div class=\"card\">", Esc(label), "<b>", Esc(value), "</b></div>\n");
  };
  card("ROC AUC", Fixed(r.auc, 4));
  card("leads evaluated", absl::StrCat(r.leads));
  card("converted", absl::StrCat(r.converted, " (", Percent(r.conversion_rate), ")"));
  if (r.deciles[0].lift) card("lift, top decile", Fixed(r.deciles[0].lift, 2));
  if (r.log_loss) card("log loss", Fixed(r.log_loss, 4));
  h += "</div>\n<ul>\n";
  for (const std::string& line : internal::PopulationLines(r, c)) {
    absl::StrAppend(&h, "<li>", Esc(line), "</li>\n");
  }
  if (r.log_loss) {
    absl::StrAppend(&h, "<li>Probability from points: ", Esc(internal::DescribeScaling(c)),
                    "; Brier score ", Fixed(r.brier, 4), ".</li>\n");
  }
  if (!r.dimension_auc.empty()) {
    h += "<li>AUC by dimension: ";
    for (size_t i = 0; i < r.dimension_auc.size(); ++i) {
      absl::StrAppend(&h, i ? ", " : "", Esc(r.dimension_auc[i].dimension), " ",
                      Fixed(r.dimension_auc[i].auc, 4));
    }
    h += ".</li>\n";
  }
  h += "</ul>\n";
  for (const std::string& n : r.notes) absl::StrAppend(&h, "<p class=\"note\">", Esc(n), "</p>\n");

  h += "<div class=\"charts\">\n<figure><figcaption>ROC curve</figcaption>\n";
  h += RocSvg(r);
  h += "</figure>\n<figure><figcaption>Lift by score decile</figcaption>\n";
  h += LiftSvg(r);
  h += "</figure>\n<figure><figcaption>Total score: converted vs other leads</figcaption>\n";
  h += HistogramSvg(r);
  h += "</figure>\n</div>\n";

  if (!r.recommendations.empty()) {
    h += "<h2>Recommended thresholds on the total score</h2>\n<ul>\n";
    for (const Recommendation& rec : r.recommendations) {
      absl::StrAppend(&h, "<li><b>", Esc(internal::DescribeTarget(rec, r.leads)), "</b>: ",
                      Esc(internal::DescribeOutcome(rec)), ". ",
                      Esc(internal::DescribeMet(rec)), " As a lifecycle threshold: <code>",
                      Esc(internal::ThresholdJson(rec)), "</code></li>\n");
    }
    h += "</ul>\n";
  }

  const bool predicted = r.log_loss.has_value();
  h += "<h2>Deciles by total score</h2>\n<p>Decile 1 holds the highest scores. Leads with "
       "equal scores share a decile, so deciles can be uneven or empty.</p>\n<table>\n<tr>"
       "<th>decile</th><th>leads</th><th>converted</th><th>rate</th><th>lift</th>"
       "<th>cumulative capture</th>";
  if (predicted) h += "<th>predicted</th>";
  h += "<th>lowest score</th><th>highest score</th></tr>\n";
  for (const DecileRow& d : r.deciles) {
    absl::StrAppend(&h, "<tr><td>", d.decile, "</td><td>", d.leads, "</td><td>", d.converted,
                    "</td><td>", Percent(d.conversion_rate), "</td><td>", Fixed(d.lift, 2),
                    "</td><td>", Percent(d.cumulative_recall), "</td>");
    if (predicted) absl::StrAppend(&h, "<td>", Percent(d.mean_probability), "</td>");
    absl::StrAppend(&h, "<td>", d.min_score ? SignificantNumber(*d.min_score) : "-", "</td><td>",
                    d.max_score ? SignificantNumber(*d.max_score) : "-", "</td></tr>\n");
  }
  h += "</table>\n";

  if (!r.stages.empty()) {
    h += "<h2>Stages as thresholds</h2>\n<p>A lead passes a stage when its stage is that one "
         "or higher; <i>invalid</i> and <i>disqualified</i> leads pass none.</p>\n<table>\n"
         "<tr><th class=\"l\">stage</th><th>passing</th><th>converted</th><th>precision</th>"
         "<th>recall</th><th>lift</th></tr>\n";
    for (const StageRow& s : r.stages) {
      absl::StrAppend(&h, "<tr><td class=\"l\">", Esc(s.stage), "</td><td>", s.passing,
                      "</td><td>", s.converted_passing, "</td><td>", Percent(s.precision),
                      "</td><td>", Percent(s.recall), "</td><td>", Fixed(s.lift, 2),
                      "</td></tr>\n");
    }
    h += "</table>\n";
  }

  if (!r.top_leads.empty()) {
    h += "<h2>Highest-scored leads</h2>\n<table>\n<tr><th class=\"l\">lead</th><th>total</th>"
         "<th class=\"l\">stage</th><th class=\"l\">outcome</th></tr>\n";
    for (const BacktestLead& l : r.top_leads) {
      absl::StrAppend(&h, "<tr><td class=\"l\">", Esc(l.lead_id), "</td><td>",
                      SignificantNumber(l.score),
                      "</td><td class=\"l\">", Esc(l.stage.value_or("-")), "</td><td class=\"l\">",
                      l.converted ? "converted" : "not converted", "</td></tr>\n");
    }
    h += "</table>\n";
  }
  h += "<p class=\"sub\">Written by <code>leadscore backtest</code>. AUC is the probability "
       "that a converted lead scores above one that did not (ties count half).</p>\n"
       "</body>\n</html>\n";
  return h;
}

}  // namespace leadscore
