// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Deterministic benchmark workload, shared by bench/*_bench.cc (and usable from
// docs/examples): a model with R rules over two dimensions (fit, engagement), N
// leads with attributes, and a time-ordered stream of events over 180 days.
//
// Header-only (every function is `inline`): several bench/ programs include it.
//
// Same WorkloadSpec, same bytes: the generator uses leadscore-gen's PRNG
// (tools/leadscore_gen/rng.h: splitmix64 to seed xoshiro256**) and never std::
// distributions, whose output differs between standard libraries.
//
// Memory: a stream event is 16 bytes (lead index, shape index, time). Events
// are materialised from a pool of prebuilt "shapes" (type + properties) by
// EventMaterializer, so a 20 M-event stream costs 320 MB, not 20 M Event
// objects.

#ifndef LEADSCORE_BENCH_WORKLOAD_H_
#define LEADSCORE_BENCH_WORKLOAD_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/value.h"
#include "leadscore_gen/rng.h"

namespace leadscore_bench {

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

// The generator's xoshiro256** (tools/leadscore_gen/rng.h), plus the
// floating-point draws the workload uses.
class Rng : public leadscore_gen::Rng {
 public:
  using leadscore_gen::Rng::Rng;
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Below(N)];
  }
};

// ---------------------------------------------------------------------------
// Time: 180 days ending at 2026-11-01T00:00:00Z.
// ---------------------------------------------------------------------------

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kAsOfUnixSeconds = 1793491200;  // 2026-11-01T00:00:00Z
constexpr int64_t kSpanDays = 180;
constexpr int64_t kStartUnixSeconds = kAsOfUnixSeconds - kSpanDays * kSecondsPerDay;

inline absl::Time AsOfTime() { return absl::FromUnixSeconds(kAsOfUnixSeconds); }

// Writes `unix_seconds` as `YYYY-MM-DDTHH:MM:SSZ` (20 chars). Howard Hinnant's
// civil_from_days.
inline void AppendRfc3339(int64_t unix_seconds, std::string* out) {
  int64_t days = unix_seconds >= 0 ? unix_seconds / kSecondsPerDay
                                   : (unix_seconds - kSecondsPerDay + 1) / kSecondsPerDay;
  int64_t sod = unix_seconds - days * kSecondsPerDay;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(y),
                static_cast<int>(m), static_cast<int>(d), static_cast<int>(sod / 3600),
                static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
  out->append(buf);
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

inline const char* const kJobTitles[] = {
    "Chief Marketing Officer", "CEO", "VP Sales", "Vice President of Engineering",
    "Director of Marketing", "Head of Growth", "Co-Founder", "Marketing Manager",
    "Product Manager", "Team Lead, Demand Gen", "Principal Engineer", "Software Engineer",
    "Data Analyst", "Marketing Intern", "Student", "Sales Specialist", "Account Coordinator",
    "Consultant", "Solutions Architect", "Customer Success Associate", "Growth Marketer",
    "Operations Manager"};
inline const char* const kTitleKeywords[] = {
    "chief", "ceo", "vp", "vice president", "director", "head of", "founder", "manager",
    "team lead", "principal", "engineer", "analyst", "intern", "student", "specialist",
    "coordinator", "consultant", "architect"};
inline const char* const kIndustries[] = {
    "saas", "SaaS", "fintech", "ecommerce", "healthcare", "Manufacturing", "retail",
    "logistics", "media", "consulting", "education", "government", "nonprofit"};
inline const char* const kIndustryKeys[] = {
    "saas", "fintech", "ecommerce", "healthcare", "manufacturing", "retail", "logistics",
    "media", "consulting", "education", "government", "nonprofit"};
inline const char* const kCountries[] = {"US", "CA", "GB", "IE", "DE", "NL", "FR",
                                         "ES", "SE", "DK", "NO", "FI", "CH", "AU",
                                         "BR", "IN", "JP", "MX", "PL", "IT"};
inline const char* const kFirstNames[] = {"ana", "ben", "chen", "dana", "eli", "fatima",
                                          "gus", "hana", "ivan", "jo", "kai", "lea"};
inline const char* const kCompanies[] = {"acme", "blueforge", "irongrid", "lumenwave",
                                         "northpeak", "quantia", "rivet", "solaris"};
inline const char* const kTlds[] = {"io", "com", "co", "de", "fr", "es"};
inline const char* const kTags[] = {"webinar", "ebook", "partner", "referral", "google-ad"};

inline const char* const kPaths[] = {
    "/", "/pricing", "/pricing?plan=team", "/features", "/features/scoring", "/docs/api",
    "/docs/getting-started", "/case-studies/acme", "/integrations/salesforce", "/security",
    "/blog/lead-scoring-101", "/blog/intent-data-explained", "/blog/b2b-funnel-metrics",
    "/about", "/careers", "/contact"};
inline const char* const kSources[] = {"direct", "organic_search", "paid_search",
                                       "referral", "social", "email"};
inline const char* const kCampaigns[] = {"weekly-digest", "product-update", "webinar-invite",
                                         "nurture-1", "nurture-2", "trial-tips"};
inline const char* const kForms[] = {"newsletter", "newsletter", "contact", "demo",
                                     "ebook-gate", "webinar-registration"};
inline const char* const kAssets[] = {"ebook-lead-scoring", "Ebook-ABM", "whitepaper-intent",
                                      "checklist-mql", "report-2026"};
inline const char* const kFeatures[] = {"scoring", "segments", "api", "export", "dashboards"};
inline const char* const kNetworks[] = {"linkedin", "x", "facebook"};
inline const char* const kDemoChannels[] = {"pricing-page", "contact-form", "chat"};

// Event types and their share of the stream. `chat_message` is named by no
// rule (the engine's "unknown type" path).
struct TypeWeight {
  const char* type;
  double weight;
};
inline const TypeWeight kTypeMix[] = {
    {"page_view", 45},        {"email_open", 18},      {"email_click", 7},
    {"form_submit", 3},       {"content_download", 4}, {"webinar_attended", 2},
    {"demo_request", 1},      {"trial_feature_used", 8}, {"social_share", 3},
    {"unsubscribe", 0.5},     {"chat_message", 3}};
constexpr int kTypeCount = sizeof(kTypeMix) / sizeof(kTypeMix[0]);

// ---------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------

namespace detail {

inline std::string Quote(const std::string& s) { return "\"" + s + "\""; }

inline std::string StringList(Rng& rng, const char* const* pool, size_t n, size_t k) {
  // k distinct elements of pool[0..n), in pool order.
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; ++i) idx[i] = i;
  for (size_t i = 0; i < k; ++i) std::swap(idx[i], idx[i + rng.Below(n - i)]);
  std::sort(idx.begin(), idx.begin() + static_cast<long>(k));
  std::string out = "[";
  for (size_t i = 0; i < k; ++i) {
    if (i) out += ", ";
    out += Quote(pool[idx[i]]);
  }
  return out + "]";
}

template <size_t N>
std::string StringList(Rng& rng, const char* const (&pool)[N], size_t k) {
  return StringList(rng, pool, N, std::min(k, N));
}

inline std::string Num(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

// Points rounded to 1/4 so sums stay exact-ish and readable.
inline double Points(Rng& rng, int lo, int hi, double scale) {
  int p = 0;
  while (p == 0) p = static_cast<int>(rng.Range(lo, hi));
  const double q = std::round(p * scale * 4) / 4;
  return q != 0 ? q : (p > 0 ? 0.25 : -0.25);
}

inline std::string FitCondition(Rng& rng, int k) {
  switch (k % 8) {
    case 0:
      return "{\"attr\": \"job_title\", \"contains_any\": " +
             StringList(rng, kTitleKeywords, 1 + rng.Below(4)) + "}";
    case 1: {
      const int lo = static_cast<int>(rng.Range(1, 200));
      return "{\"attr\": \"company_size\", \"between\": [" + std::to_string(lo) + ", " +
             std::to_string(lo * static_cast<int>(rng.Range(3, 20))) + "]}";
    }
    case 2:
      return "{\"attr\": \"industry\", \"in\": " +
             StringList(rng, kIndustryKeys, 2 + rng.Below(3)) + "}";
    case 3:
      return "{\"attr\": \"country\", \"in\": " + StringList(rng, kCountries, 3 + rng.Below(6)) +
             "}";
    case 4:
      return "{\"all\": [{\"attr\": \"job_title\", \"contains_any\": " +
             StringList(rng, kTitleKeywords, 2 + rng.Below(3)) +
             "}, {\"attr\": \"company_size\", \"gte\": " + std::to_string(rng.Range(20, 500)) +
             "}]}";
    case 5:
      return "{\"attr\": \"company_size\", \"gte\": " + std::to_string(rng.Range(100, 5000)) +
             "}";
    case 6:
      return "{\"not\": {\"attr\": \"industry\", \"in\": " +
             StringList(rng, kIndustryKeys, 3 + rng.Below(4)) + "}}";
    default:
      return "{\"any\": [{\"attr\": \"country\", \"eq\": " + Quote(rng.Pick(kCountries)) +
             "}, {\"attr\": \"job_title\", \"contains\": " + Quote(rng.Pick(kTitleKeywords)) +
             "}]}";
  }
}

// One engagement rule's JSON body after `"dimension": "engagement", "points": P`.
// `pattern_ok`: this template may be a pattern rule.
inline std::string EngagementBody(int k, bool pattern_ok, int cycle) {
  const int c = cycle % 3;  // vary parameters across cycles
  switch (k % 18) {
    case 0:
      return "\"on\": \"page_view\", \"max_per_window\": {\"count\": " + std::to_string(5 + c) +
             ", \"days\": 1}";
    case 1:
      return "\"on\": \"page_view\", \"when\": {\"prop\": \"url\", \"contains\": \"/pricing\"}, "
             "\"max_per_window\": {\"count\": " +
             std::to_string(3 + c) + ", \"days\": 1}";
    case 2:
      if (pattern_ok) {
        return "\"on\": \"page_view\", \"when\": {\"prop\": \"url\", \"contains\": \"/pricing\"}, "
               "\"pattern\": {\"at_least\": 3, \"within_days\": 7}";
      }
      return "\"on\": \"page_view\", \"when\": {\"prop\": \"url\", \"starts_with\": "
             "\"https://www.example.com/blog\"}, \"max_per_lead\": " +
             std::to_string(10 + c);
    case 3:
      return "\"on\": \"page_view\", \"when\": {\"prop\": \"url\", \"contains_any\": "
             "[\"/features\", \"/case-studies\", \"/integrations\", \"/security\", \"/docs\"]}, "
             "\"max_per_window\": {\"count\": 3, \"days\": 1}";
    case 4:
      return "\"on\": \"email_open\", \"max_per_window\": {\"count\": 2, \"days\": 7}, "
             "\"within_days\": " +
             std::to_string(60 + 10 * c);
    case 5:
      return "\"on\": [\"email_click\"], \"max_per_window\": {\"count\": 2, \"days\": 1}, "
             "\"within_days\": 90";
    case 6:
      return "\"on\": \"form_submit\", \"when\": {\"prop\": \"form\", \"ne\": \"newsletter\"}, "
             "\"max_per_lead\": 5";
    case 7:
      return "\"on\": \"demo_request\", \"when\": {\"attr\": \"company_size\", \"gte\": " +
             std::to_string(5 + 5 * c) + "}, \"max_per_lead\": 2";
    case 8:
      return "\"on\": \"trial_feature_used\", \"max_per_window\": {\"count\": 5, \"days\": 1}";
    case 9:
      return "\"on\": \"unsubscribe\"";
    case 10:
      return "\"on\": \"content_download\", \"max_per_lead\": " + std::to_string(8 - c);
    case 11:
      return "\"on\": \"webinar_attended\", \"when\": {\"prop\": \"minutes\", \"gte\": " +
             std::to_string(10 + 5 * c) + "}";
    case 12:
      return "\"on\": \"page_view\", \"when\": {\"prop\": \"source\", \"eq\": \"direct\"}, "
             "\"max_per_window\": {\"count\": 1, \"days\": 1}";
    case 13:
      if (pattern_ok) {
        return "\"on\": \"trial_feature_used\", \"pattern\": {\"at_least\": 5, \"within_days\": "
               "14}";
      }
      return "\"on\": [\"trial_feature_used\", \"webinar_attended\"], \"max_per_lead\": " +
             std::to_string(20 + c);
    case 14:
      return "\"on\": \"social_share\", \"max_per_window\": {\"count\": 2, \"days\": 7}";
    case 15:
      return "\"on\": \"email_click\", \"when\": {\"prop\": \"campaign\", \"in\": "
             "[\"webinar-invite\", \"product-update\"]}, \"within_days\": 30";
    case 16:
      return "\"on\": \"page_view\", \"when\": {\"prop\": \"duration_s\", \"gte\": " +
             std::to_string(120 + 60 * c) + "}, \"within_days\": 45";
    default:
      return "\"on\": \"content_download\", \"when\": {\"prop\": \"asset\", \"starts_with\": "
             "\"ebook\"}, \"max_per_lead\": 3, \"within_days\": 120";
  }
}

}  // namespace detail

// A model with `rules` rules: 40 % fit (attribute rules on job_title,
// company_size, industry, country, some under all/any/not), 60 % engagement
// (event rules on 10 types with `when` on properties, max_per_lead,
// max_per_window, within_days; one pattern rule for <= 10 rules, two above),
// engagement decays with a 30-day half-life, both dimensions have grades, and a
// lifecycle with lead/mql/sql thresholds on scores and an `event` leaf, and a
// label. Points shrink as rules grow so scores stay inside the clamps.
inline std::string MakeModelJson(int rules, uint64_t seed = 42) {
  Rng rng(seed * 1000003 + static_cast<uint64_t>(rules));
  const int fit = std::max(1, static_cast<int>(std::lround(rules * 0.4)));
  const int eng = std::max(0, rules - fit);
  const double scale = 30.0 / std::max(rules, 30);
  const int max_patterns = rules <= 10 ? 1 : 2;
  std::string j;
  j.reserve(static_cast<size_t>(rules) * 200 + 2000);
  j += "{\n  \"name\": \"bench-" + std::to_string(rules) + "\", \"version\": \"1\",\n";
  j += "  \"description\": \"generated by bench/workload.h\",\n";
  j += "  \"dimensions\": [\n";
  j += "    {\"name\": \"fit\", \"min\": -50, \"max\": 100, \"weight\": 0.4,\n"
       "     \"grades\": [{\"grade\": \"A\", \"min\": 60}, {\"grade\": \"B\", \"min\": 35},\n"
       "                {\"grade\": \"C\", \"min\": 15}, {\"grade\": \"D\"}]},\n";
  j += "    {\"name\": \"engagement\", \"min\": 0, \"max\": 150, \"weight\": 0.6,\n"
       "     \"decay\": {\"half_life_days\": 30},\n"
       "     \"grades\": [{\"grade\": \"A\", \"min\": 80}, {\"grade\": \"B\", \"min\": 40},\n"
       "                {\"grade\": \"C\", \"min\": 15}, {\"grade\": \"D\"}]}\n  ],\n";
  j += "  \"rules\": [\n";
  bool first = true;
  for (int i = 0; i < fit; ++i) {
    if (!first) j += ",\n";
    first = false;
    j += "    {\"id\": \"fit-" + std::to_string(i) + "\", \"dimension\": \"fit\", \"points\": " +
         detail::Num(detail::Points(rng, -12, 25, scale)) +
         ", \"when\": " + detail::FitCondition(rng, i) + "}";
  }
  int patterns = 0;
  for (int i = 0; i < eng; ++i) {
    const int k = i % 18;
    const bool pattern_ok = (k == 2 || k == 13) && patterns < max_patterns;
    if (pattern_ok) ++patterns;
    double points;
    if (k == 9) {
      points = -30 * scale;
    } else if (k == 2 && pattern_ok) {
      points = 20 * scale;
    } else {
      points = detail::Points(rng, 1, 12, scale);
    }
    j += ",\n    {\"id\": \"eng-" + std::to_string(i) +
         "\", \"dimension\": \"engagement\", \"points\": " + detail::Num(points) + ", " +
         detail::EngagementBody(k, pattern_ok, i / 18) + "}";
  }
  j += "\n  ],\n";
  j += R"(  "lifecycle": {
    "stages": ["subscriber", "lead", "mql", "sql", "customer"],
    "require_consent": true,
    "forward_only": true,
    "thresholds": [
      {"stage": "lead", "when": {"score": "engagement", "gte": 5}},
      {"stage": "mql", "when": {"all": [{"score": "fit", "gte": 30},
                                         {"score": "engagement", "gte": 25}]}},
      {"stage": "mql", "when": {"score": "total", "gte": 45}},
      {"stage": "sql", "when": {"any": [{"all": [{"event": "demo_request", "within_days": 30},
                                                 {"score": "fit", "gte": 20}]},
                                        {"score": "total", "gte": 75}]}}
    ],
    "labels": [{"label": "pql", "when": {"event": "trial_feature_used", "at_least": 5,
                                            "within_days": 14}}],
    "funnel": {"tofu": ["subscriber", "lead"], "mofu": ["mql"], "bofu": ["sql"]}
  }
}
)";
  return j;
}

// ---------------------------------------------------------------------------
// Leads
// ---------------------------------------------------------------------------

inline std::string LeadId(size_t i) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "L-%07zu", i + 1);
  return buf;
}

// Lead `i` of a population generated from `seed` (independent of N, so the
// first 1,000 leads of a 1 M population are the 1,000 leads of a 1 k one).
inline leadscore::Lead MakeLead(size_t i, uint64_t seed) {
  uint64_t s = seed ^ (0xA5A5A5A5ull + i * 0x9E3779B97F4A7C15ull);
  Rng rng(leadscore_gen::SplitMix64(s));
  using leadscore::Value;
  leadscore::Lead lead;
  lead.id = LeadId(i);
  lead.created_at = absl::FromUnixSeconds(kStartUnixSeconds - rng.Range(0, 365) * kSecondsPerDay);
  lead.consent.granted = rng.Chance(0.95);
  auto& a = lead.attributes;
  a.reserve(8);
  a.emplace("email", Value::String(std::string(rng.Pick(kFirstNames)) + std::to_string(i) +
                                   "@" + rng.Pick(kCompanies) + "." + rng.Pick(kTlds)));
  if (rng.Chance(0.9)) a.emplace("job_title", Value::String(rng.Pick(kJobTitles)));
  if (rng.Chance(0.85)) {
    // Roughly log-uniform 1..99,999 employees (integer arithmetic only, so the
    // same on every libm).
    uint64_t base = 1;
    for (uint64_t d = rng.Below(5); d > 0; --d) base *= 10;
    a.emplace("company_size", Value::Number(static_cast<double>(base + rng.Below(base * 9))));
  }
  if (rng.Chance(0.9)) a.emplace("industry", Value::String(rng.Pick(kIndustries)));
  if (rng.Chance(0.92)) a.emplace("country", Value::String(rng.Pick(kCountries)));
  if (rng.Chance(0.3)) {
    a.emplace("tags", Value::StringArray({rng.Pick(kTags), rng.Pick(kTags)}));
  }
  return lead;
}

inline std::vector<leadscore::Lead> MakeLeads(size_t n, uint64_t seed) {
  std::vector<leadscore::Lead> leads;
  leads.reserve(n);
  for (size_t i = 0; i < n; ++i) leads.push_back(MakeLead(i, seed));
  return leads;
}

// ---------------------------------------------------------------------------
// Event shapes (type + properties) and the stream
// ---------------------------------------------------------------------------

struct Prop {
  std::string key;
  bool is_number = false;
  std::string text;
  double number = 0;
};

struct EventShape {
  std::string type;
  std::vector<Prop> props;
};

constexpr int kShapesPerType = 64;

inline Prop Str(const char* key, std::string v) { return Prop{key, false, std::move(v), 0}; }
inline Prop Num(const char* key, double v) { return Prop{key, true, std::string(), v}; }

inline std::string Url(Rng& rng) {
  std::string u = "https://www.example.com";
  u += rng.Pick(kPaths);
  if (rng.Chance(0.2)) u += u.find('?') == std::string::npos ? "?utm_source=google" : "&utm=1";
  return u;
}

// kShapesPerType shapes for each type of kTypeMix, type-major.
inline std::vector<EventShape> MakeShapes(uint64_t seed) {
  Rng rng(seed * 31 + 7);
  std::vector<EventShape> shapes;
  shapes.reserve(kTypeCount * kShapesPerType);
  for (int t = 0; t < kTypeCount; ++t) {
    const std::string type = kTypeMix[t].type;
    for (int k = 0; k < kShapesPerType; ++k) {
      EventShape s;
      s.type = type;
      if (type == "page_view") {
        s.props = {Str("url", Url(rng)), Str("source", rng.Pick(kSources)),
                   Num("duration_s", static_cast<double>(rng.Range(1, 600)))};
      } else if (type == "email_open") {
        s.props = {Str("campaign", rng.Pick(kCampaigns))};
      } else if (type == "email_click") {
        s.props = {Str("campaign", rng.Pick(kCampaigns)), Str("url", Url(rng))};
      } else if (type == "form_submit") {
        s.props = {Str("form", rng.Pick(kForms)), Str("url", Url(rng))};
      } else if (type == "content_download") {
        s.props = {Str("asset", rng.Pick(kAssets))};
      } else if (type == "webinar_attended") {
        s.props = {Str("webinar", "scoring-masterclass"),
                   Num("minutes", static_cast<double>(rng.Range(1, 90)))};
      } else if (type == "demo_request") {
        s.props = {Str("channel", rng.Pick(kDemoChannels))};
      } else if (type == "trial_feature_used") {
        s.props = {Str("feature", rng.Pick(kFeatures)),
                   Num("count", static_cast<double>(rng.Range(1, 20)))};
      } else if (type == "social_share") {
        s.props = {Str("network", rng.Pick(kNetworks))};
      } else if (type == "chat_message") {
        s.props = {Str("channel", "web"), Num("chars", static_cast<double>(rng.Range(5, 400)))};
      }
      shapes.push_back(std::move(s));
    }
  }
  return shapes;
}

inline leadscore::Event ShapeToEvent(const EventShape& s) {
  leadscore::Event e;
  e.type = s.type;
  e.properties.reserve(s.props.size());
  for (const Prop& p : s.props) {
    e.properties.emplace(p.key, p.is_number ? leadscore::Value::Number(p.number)
                                            : leadscore::Value::String(p.text));
  }
  return e;
}

// One event of the stream: 16 bytes.
struct StreamEvent {
  int64_t at_s;    // unix seconds
  uint32_t lead;   // index into the leads
  uint32_t shape;  // index into the shapes
};

namespace detail {

inline uint32_t PickShape(Rng& rng) {
  static const double total = [] {
    double t = 0;
    for (const TypeWeight& w : kTypeMix) t += w.weight;
    return t;
  }();
  double x = rng.Uniform() * total;
  int t = 0;
  while (t + 1 < kTypeCount && x >= kTypeMix[t].weight) x -= kTypeMix[t++].weight;
  return static_cast<uint32_t>(t * kShapesPerType + static_cast<int>(rng.Below(kShapesPerType)));
}

// Appends one session of `lead`: 1..12 events seconds to minutes apart,
// starting at a uniform time in the span. At most `limit` events.
inline void AppendSession(Rng& rng, uint32_t lead, size_t limit, std::vector<StreamEvent>* out) {
  int64_t t = kStartUnixSeconds + static_cast<int64_t>(rng.Below(
                                      static_cast<uint64_t>(kSpanDays * kSecondsPerDay - 7200)));
  size_t n = 1;
  while (n < 12 && rng.Chance(0.55)) ++n;
  n = std::min(n, limit);
  for (size_t k = 0; k < n; ++k) {
    out->push_back({t, lead, PickShape(rng)});
    t += rng.Range(5, 600);
  }
}

inline void SortStream(std::vector<StreamEvent>* s) {
  std::stable_sort(s->begin(), s->end(),
                   [](const StreamEvent& a, const StreamEvent& b) { return a.at_s < b.at_s; });
}

}  // namespace detail

// About `events` events over `leads` leads in sessions, in time order. Leads
// are skewed (some much more active than others: index ~ u^1.5, then shuffled
// so hot leads are spread over memory).
inline std::vector<StreamEvent> MakeStream(size_t leads, size_t events, uint64_t seed) {
  Rng rng(seed * 7919 + 13);
  std::vector<uint32_t> perm(leads);
  for (size_t i = 0; i < leads; ++i) perm[i] = static_cast<uint32_t>(i);
  for (size_t i = leads; i > 1; --i) std::swap(perm[i - 1], perm[rng.Below(i)]);
  std::vector<StreamEvent> out;
  out.reserve(events + 16);
  while (out.size() < events) {
    const double u = rng.Uniform();
    const size_t k = std::min(leads - 1, static_cast<size_t>(leads * u * std::sqrt(u)));
    detail::AppendSession(rng, perm[k], events - out.size(), &out);
  }
  detail::SortStream(&out);
  return out;
}

// Exactly `per_lead` events for each of `leads` leads (sessions over the
// span), in time order: for per-lead history growth.
inline std::vector<StreamEvent> MakeGrowthStream(size_t leads, size_t per_lead, uint64_t seed) {
  Rng rng(seed * 104729 + per_lead);
  std::vector<StreamEvent> out;
  out.reserve(leads * per_lead);
  for (size_t l = 0; l < leads; ++l) {
    size_t made = 0;
    while (made < per_lead) {
      const size_t before = out.size();
      detail::AppendSession(rng, static_cast<uint32_t>(l), per_lead - made, &out);
      made += out.size() - before;
    }
  }
  detail::SortStream(&out);
  return out;
}

// Event ids: "E-" and 10 digits, so byte order is numeric order and a stream
// numbered in time order is in the spec's (at, id) order.
inline void FormatEventId(uint64_t seq, char* out12) {
  out12[0] = 'E';
  out12[1] = '-';
  for (int i = 11; i >= 2; --i) {
    out12[i] = static_cast<char>('0' + seq % 10);
    seq /= 10;
  }
}

// Turns stream events into leadscore::Event objects without allocating: one
// prebuilt Event per shape whose id, lead id and time are overwritten. The
// returned reference is valid until the next Get with the same shape.
class EventMaterializer {
 public:
  EventMaterializer(const std::vector<EventShape>& shapes,
                    const std::vector<leadscore::Lead>& leads)
      : leads_(&leads) {
    events_.reserve(shapes.size());
    for (const EventShape& s : shapes) {
      events_.push_back(ShapeToEvent(s));
      events_.back().id.emplace(12, '0');
      events_.back().lead_id.reserve(32);
    }
  }
  const leadscore::Event& Get(const StreamEvent& se, uint64_t seq) {
    leadscore::Event& e = events_[se.shape];
    FormatEventId(seq, &(*e.id)[0]);
    e.lead_id.assign((*leads_)[se.lead].id);
    e.at = absl::FromUnixSeconds(se.at_s);
    return e;
  }

 private:
  const std::vector<leadscore::Lead>* leads_;
  std::vector<leadscore::Event> events_;
};

// ---------------------------------------------------------------------------
// JSON Lines (spec sections 1 and 2)
// ---------------------------------------------------------------------------

inline void AppendJsonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

inline void AppendJsonNumber(double d, std::string* out) {
  char buf[32];
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", d);
  }
  out->append(buf);
}

inline void AppendValueJson(const leadscore::Value& v, std::string* out) {
  switch (v.kind()) {
    case leadscore::Value::Kind::kBool: out->append(v.as_bool() ? "true" : "false"); break;
    case leadscore::Value::Kind::kNumber: AppendJsonNumber(v.as_number(), out); break;
    case leadscore::Value::Kind::kString: AppendJsonString(v.as_string(), out); break;
    case leadscore::Value::Kind::kArray: {
      out->push_back('[');
      bool first = true;
      for (const leadscore::Value& e : v.as_array()) {
        if (!first) out->append(", ");
        first = false;
        AppendValueJson(e, out);
      }
      out->push_back(']');
      break;
    }
    default: out->append("null"); break;
  }
}

// One line (with '\n'). Attribute order follows a fixed key list so output is
// deterministic whatever the hash map's order.
inline void AppendLeadJsonl(const leadscore::Lead& lead, std::string* out) {
  out->append("{\"id\": ");
  AppendJsonString(lead.id, out);
  if (lead.created_at) {
    out->append(", \"created_at\": \"");
    AppendRfc3339(absl::ToUnixSeconds(*lead.created_at), out);
    out->push_back('"');
  }
  out->append(lead.consent.granted ? ", \"consent\": true" : ", \"consent\": false");
  out->append(", \"attributes\": {");
  static const char* const kKeys[] = {"email", "job_title", "company_size", "industry",
                                      "country", "tags"};
  bool first = true;
  for (const char* k : kKeys) {
    auto it = lead.attributes.find(k);
    if (it == lead.attributes.end()) continue;
    if (!first) out->append(", ");
    first = false;
    AppendJsonString(k, out);
    out->append(": ");
    AppendValueJson(it->second, out);
  }
  out->append("}}\n");
}

inline void AppendEventJsonl(const StreamEvent& se, uint64_t seq,
                             const std::vector<EventShape>& shapes,
                             const std::vector<leadscore::Lead>& leads, std::string* out) {
  char id[13];
  FormatEventId(seq, id);
  id[12] = 0;
  out->append("{\"id\": \"");
  out->append(id);
  out->append("\", \"lead_id\": ");
  AppendJsonString(leads[se.lead].id, out);
  const EventShape& s = shapes[se.shape];
  out->append(", \"type\": ");
  AppendJsonString(s.type, out);
  out->append(", \"at\": \"");
  AppendRfc3339(se.at_s, out);
  out->append("\", \"properties\": {");
  bool first = true;
  for (const Prop& p : s.props) {
    if (!first) out->append(", ");
    first = false;
    AppendJsonString(p.key, out);
    out->append(": ");
    if (p.is_number) {
      AppendJsonNumber(p.number, out);
    } else {
      AppendJsonString(p.text, out);
    }
  }
  out->append("}}\n");
}

inline std::string LeadsJsonl(const std::vector<leadscore::Lead>& leads) {
  std::string out;
  out.reserve(leads.size() * 220);
  for (const leadscore::Lead& l : leads) AppendLeadJsonl(l, &out);
  return out;
}

inline std::string EventsJsonl(const std::vector<StreamEvent>& stream,
                               const std::vector<EventShape>& shapes,
                               const std::vector<leadscore::Lead>& leads) {
  std::string out;
  out.reserve(stream.size() * 190);
  for (size_t i = 0; i < stream.size(); ++i) AppendEventJsonl(stream[i], i, shapes, leads, &out);
  return out;
}

// ---------------------------------------------------------------------------
// Everything together
// ---------------------------------------------------------------------------

struct WorkloadSpec {
  int rules = 30;
  size_t leads = 1000;
  size_t events_per_lead = 20;  // average; the stream has leads * this events
  uint64_t seed = 1;
};

struct Workload {
  WorkloadSpec spec;
  std::string model_json;
  std::vector<leadscore::Lead> leads;
  std::vector<EventShape> shapes;
  std::vector<StreamEvent> stream;
};

inline Workload MakeWorkload(const WorkloadSpec& spec) {
  Workload w;
  w.spec = spec;
  w.model_json = MakeModelJson(spec.rules);
  w.leads = MakeLeads(spec.leads, spec.seed);
  w.shapes = MakeShapes(spec.seed);
  w.stream = MakeStream(spec.leads, spec.leads * spec.events_per_lead, spec.seed);
  return w;
}

}  // namespace leadscore_bench

#endif  // LEADSCORE_BENCH_WORKLOAD_H_
