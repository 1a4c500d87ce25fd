// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What the HTML reports (backtest, model diff) share: the page's style sheet,
// escaping, and the frame, axes and scale of their inline SVG charts. Not
// API. Pages built with these are self-contained: no script, no external
// style sheet, font or image.

#ifndef LEADSCORE_SRC_REPORT_HTML_PAGE_H_
#define LEADSCORE_SRC_REPORT_HTML_PAGE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace leadscore {
namespace internal {

// Text and attribute values: & < > " ' escaped; control characters other
// than tab and newline, and invalid UTF-8, become U+FFFD.
std::string HtmlEscape(absl::string_view s);

// A chart coordinate: one decimal.
std::string F1(double v);

// A "nice" upper bound and tick step for [0, max].
void NiceScale(double max, double* top, double* step);

// Plot area geometry shared by the charts.
struct ChartFrame {
  static constexpr double kW = 560, kH = 360, kL = 64, kR = 16, kT = 20, kB = 56;
  double X(double v) const { return kL + v * (kW - kL - kR); }  // v in [0, 1]
  double Y(double v) const { return kH - kB - v * (kH - kT - kB); }
};

// `<svg ...><title>label</title>` sized to ChartFrame.
std::string SvgOpen(absl::string_view label);

// Horizontal grid lines and y labels for [0, top] every `step`; `pct` labels
// as percentages; the axis title rotated on the left.
std::string YAxis(const ChartFrame& f, double top, double step, bool pct,
                  absl::string_view title);

// The x axis title, centred under the plot.
std::string XTitle(absl::string_view title);

// The `<style>` element (and a newline) of every report page.
extern const char kReportStyle[];

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_REPORT_HTML_PAGE_H_
