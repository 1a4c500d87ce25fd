// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The HTML reports' shared page style, escaping and chart helpers
// (report/html_page.h).

#include "report/html_page.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "report/backtest_format.h"
#include "util/number_format.h"
#include "util/utf8_util.h"

namespace leadscore {
namespace internal {

// Text and attribute values: & < > " ' escaped; control characters other
// than tab and newline, and invalid UTF-8, become U+FFFD.
std::string HtmlEscape(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      i += AppendUtf8OrReplacement(s, i, &out);
      continue;
    }
    switch (c) {
      case '&': out.append("&amp;"); break;
      case '<': out.append("&lt;"); break;
      case '>': out.append("&gt;"); break;
      case '"': out.append("&quot;"); break;
      case '\'': out.append("&#39;"); break;
      case '\t':
      case '\n': out.push_back(static_cast<char>(c)); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\xEF\xBF\xBD");
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  return out;
}

// A chart coordinate: one decimal.
std::string F1(double v) { return FixedNumber(v, 1); }

// A "nice" upper bound and tick step for [0, max].
void NiceScale(double max, double* top, double* step) {
  if (!(max > 0) || !std::isfinite(max)) max = 1;
  const double raw = max / 5;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  *step = nice * mag;
  *top = std::ceil(max / *step - 1e-9) * *step;
  if (*top <= 0) *top = *step;
}

std::string SvgOpen(absl::string_view label) {
  return absl::StrCat("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", ChartFrame::kW,
                      " ", ChartFrame::kH, "\" width=\"", ChartFrame::kW, "\" height=\"", ChartFrame::kH,
                      "\" role=\"img\" aria-label=\"", HtmlEscape(label), "\"><title>", HtmlEscape(label),
                      "</title>\n");
}

// Horizontal grid lines and y labels for [0, top] every `step`; `pct` labels
// as percentages.
std::string YAxis(const ChartFrame& f, double top, double step, bool pct, absl::string_view title) {
  std::string s;
  for (double v = 0; v <= top + step / 2; v += step) {
    const double y = f.Y(v / top);
    absl::StrAppend(&s, "<line class=\"grid\" x1=\"", F1(ChartFrame::kL), "\" y1=\"", F1(y),
                    "\" x2=\"", F1(ChartFrame::kW - ChartFrame::kR), "\" y2=\"", F1(y), "\"/>",
                    "<text class=\"tick\" x=\"", F1(ChartFrame::kL - 6), "\" y=\"", F1(y + 4),
                    "\" text-anchor=\"end\">", pct ? Percent(v, 0) : SignificantNumber(v),
                    "</text>\n");
  }
  absl::StrAppend(&s, "<text class=\"axis\" transform=\"translate(14,",
                  F1((ChartFrame::kT + ChartFrame::kH - ChartFrame::kB) / 2), ") rotate(-90)\" ",
                  "text-anchor=\"middle\">", HtmlEscape(title), "</text>\n");
  return s;
}

std::string XTitle(absl::string_view title) {
  return absl::StrCat("<text class=\"axis\" x=\"", F1((ChartFrame::kL + ChartFrame::kW - ChartFrame::kR) / 2),
                      "\" y=\"", F1(ChartFrame::kH - 12), "\" text-anchor=\"middle\">", HtmlEscape(title),
                      "</text>\n");
}

const char kReportStyle[] = R"(<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 margin:2em auto;max-width:1180px;padding:0 1em;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}
.sub{color:#555;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}
.card{border:1px solid #ddd;border-radius:8px;padding:10px 16px;min-width:140px}
.card b{display:block;font-size:1.5em}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;border:1px solid #eee;border-radius:8px;padding:8px}
figcaption{font-weight:600;margin:4px 8px}
svg{max-width:100%;height:auto;font-size:12px}
.grid{stroke:#e4e4e4}.diag{stroke:#999;stroke-dasharray:4 4}
.base{stroke:#c0392b;stroke-dasharray:6 4;stroke-width:1.5}
.roc{fill:none;stroke:#2166ac;stroke-width:2.5}
.bar{fill:#2166ac}.conv{fill:#e08214}.other{fill:#8c8cbf}
.tick{fill:#444}.axis{fill:#222;font-size:13px}.label{font-size:16px;font-weight:600;fill:#2166ac}
.empty{fill:#888;font-size:14px}
table{border-collapse:collapse;margin:.5em 0}
th,td{padding:4px 10px;border-bottom:1px solid #e6e6e6;text-align:right}
th{background:#f5f5f7}td.l,th.l{text-align:left}
code{background:#f5f5f7;padding:1px 4px;border-radius:4px}
.note{color:#8a4b00}
</style>
)";


}  // namespace internal
}  // namespace leadscore
