// leadscore-gen: deterministic sample data for leadscore (spec: model-format-v1, sections 1-2).
//
//   leadscore-gen --leads N --events M --seed S --out-dir DIR [--as-of RFC3339]
//
// Writes DIR/leads.jsonl (N lines), DIR/events.jsonl (M lines) and DIR/as_of.txt.
// The same arguments always give byte-identical files: all randomness comes from our own
// xoshiro256** stream and all arithmetic that shapes the output is integer arithmetic.
// Keep it that way when editing: never draw two random numbers in one full expression
// (function arguments, operator+ chains): their order is unspecified in C++ and differs
// between compilers.
//
// What the data looks like (percentages are approximate):
//   leads   ids L-000001...; created_at over the 365 days before as_of (1% without);
//           consent true (82%), {"granted": true, "at": T} (10%), missing (4%), false (2.5%),
//           {"granted": false, "at": T} (1%); host stage customer/opportunity (1%);
//           attributes email (2% @competitor.com, 8% personal, 3% missing), job_title
//           (exec/manager/individual/student/intern, case varies), company, company_size
//           (skewed to small; 0.5% a string bucket such as "50-199"), industry, country,
//           annual_revenue (some null), tags, lead_source.
//   events  page_view (url, source, duration_s), email_open/email_click (campaign, url),
//           form_submit (form), content_download (asset), webinar_attended (webinar, minutes),
//           demo_request (channel), trial_started (plan), trial_feature_used (feature),
//           social_share/social_follow (network), unsubscribe (list), email_bounce (kind).
//           Activity per lead is heavy-tailed (tiers quiet/casual/engaged/hot/whale); engaged
//           leads drift to pricing/docs/case studies, demo requests and trials; some leads
//           have bursts of /pricing views. A lead's events may start up to 30 days before its
//           created_at (anonymous visits merged when it was identified). Timestamps within
//           ~180 days before as_of (0.25%
//           after it; 1% with milliseconds; 0.5% with a UTC offset). ids E-00000001... in
//           time order; 2% without id (one in ten of those "id": null); 1% of lines are
//           re-emitted copies of an earlier line (byte-identical; same id); 5% of lines are
//           displaced from time order; 0.2% name a lead id that is not in leads.jsonl.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "jsonout.h"
#include "rng.h"
#include "tables.h"
#include "timeutil.h"

namespace leadscore_gen {
namespace {

constexpr const char* kDefaultAsOf = "2026-11-01T00:00:00Z";

// Seed streams: every lead gets its own generators, so a lead's profile does not depend on
// --events and its events do not depend on other leads.
enum Stream : uint64_t { kLeadStream = 1, kEventStream = 2, kGlobalStream = 3, kUnknownStream = 4 };

// Probabilities in parts per million.
constexpr uint32_t kMsPpm = 10000;           // 1%: timestamp with milliseconds
constexpr uint32_t kAfterAsOf = 2500;        // 0.25%: event after as_of
constexpr uint32_t kOffsetPpm = 5000;        // 0.5%: timestamp with a UTC offset
constexpr uint32_t kNoIdPpm = 18000;         // 1.8%: no "id" key
constexpr uint32_t kNullIdPpm = 2000;        // 0.2%: "id": null
constexpr uint32_t kDisplacedPpm = 50000;    // 5%: line out of time order

// ---- events -----------------------------------------------------------------------------

enum EventType : uint8_t {
  kPageView, kEmailOpen, kEmailClick, kFormSubmit, kContentDownload, kWebinarAttended,
  kDemoRequest, kTrialStarted, kTrialFeatureUsed, kSocialShare, kSocialFollow, kUnsubscribe,
  kEmailBounce
};
const char* const kTypeNames[] = {
    "page_view",    "email_open",         "email_click",  "form_submit",  "content_download",
    "webinar_attended", "demo_request",   "trial_started", "trial_feature_used",
    "social_share", "social_follow",      "unsubscribe",  "email_bounce"};

enum IdMode : uint8_t { kWithId, kNoId, kNullId };

struct Event {
  int64_t t;       // ms since epoch, UTC
  uint32_t lead;   // lead number as printed (L-%06u); > number of leads: unknown lead
  uint32_t seq;    // generation order within the lead: tie-break for the global sort
  int32_t num;     // duration_s / minutes
  uint8_t type;
  uint8_t a, b, c;  // type-specific property choices (see AppendEventLine)
  uint8_t offset;   // 0: write in UTC with Z; k: kOffsets[k - 1]
  uint8_t id_mode;
};

// ---- leads ------------------------------------------------------------------------------

enum Tier : uint8_t { kQuiet, kCasual, kEngaged, kHot, kWhale, kTierCount };
// Activity weight range per tier (events are allotted in proportion to the weight).
const uint32_t kTierWeightLo[kTierCount] = {0, 3, 15, 60, 200};
const uint32_t kTierWeightHi[kTierCount] = {3, 14, 59, 199, 900};
// Tier mix (per mille) by persona.
const uint32_t kTierMixDefault[kTierCount] = {580, 260, 115, 37, 8};
const uint32_t kTierMixGoodFit[kTierCount] = {400, 290, 200, 85, 25};
const uint32_t kTierMixCompetitor[kTierCount] = {200, 400, 350, 50, 0};
const uint32_t kTierMixStudent[kTierCount] = {500, 400, 100, 0, 0};
// Per-lead behaviours, per mille by tier.
const uint32_t kBurstPm[kTierCount] = {0, 20, 150, 450, 600};
const uint32_t kDemoPm[kTierCount] = {0, 5, 90, 330, 400};
const uint32_t kTrialPm[kTierCount] = {0, 5, 60, 250, 550};
const uint32_t kUnsubPm[kTierCount] = {10, 40, 30, 15, 10};
const uint32_t kBouncePm[kTierCount] = {15, 15, 15, 10, 5};
const uint32_t kFollowPm[kTierCount] = {0, 20, 80, 100, 150};

struct LeadInfo {
  int64_t created;  // ms; as_of - 30 days stand-in when the line has no created_at
  uint8_t tier;
  bool competitor;
  bool student;
  uint32_t weight;
  uint64_t events;  // allotted number of events
};

char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
std::string Upper(std::string s) {
  for (auto& c : s) c = AsciiUpper(c);
  return s;
}
std::string Lower(std::string s) {
  for (auto& c : s) c = AsciiLower(c);
  return s;
}
std::string Capitalize(std::string s) {
  if (!s.empty()) s[0] = AsciiUpper(s[0]);
  return s;
}

int64_t TimeBetween(Rng& r, int64_t lo, int64_t hi) {  // ms, whole seconds after lo
  if (hi <= lo) return lo;
  return lo + r.Range(0, (hi - lo) / kSecondMs) * kSecondMs;
}

void AppendKey(std::string& out, const char* key) {
  out.push_back('"');
  out += key;
  out += "\": ";
}

// Generates one lead line into `out` and fills `info`.
void GenerateLead(uint32_t num, uint64_t seed, int64_t as_of, std::string& out, LeadInfo& info) {
  Rng r(DeriveSeed(seed, kLeadStream, num));

  const int64_t created = as_of - r.Range(3600, 365 * 86400) * kSecondMs;
  const bool has_created = !r.Chance(10000);

  // Job title.
  const size_t kind = r.Pick(kTitleKindWeights);
  std::string title;
  switch (kind) {
    case kExec: title = kExecTitles[r.Below(Count(kExecTitles))]; break;
    case kManager: title = kManagerTitles[r.Below(Count(kManagerTitles))]; break;
    case kIndividual: title = kIndividualTitles[r.Below(Count(kIndividualTitles))]; break;
    case kStudent: title = kStudentTitles[r.Below(Count(kStudentTitles))]; break;
    case kIntern: title = kInternTitles[r.Below(Count(kInternTitles))]; break;
    default: break;
  }
  {
    const uint32_t v = static_cast<uint32_t>(r.Below(100));
    if (v < 10) title = Lower(title);
    else if (v < 16) title = Upper(title);
  }

  // Company and email.
  std::string company, domain;
  if (r.Chance(150000)) {
    const NamedCompany& c = kNamedCompanies[r.Below(Count(kNamedCompanies))];
    company = c.name;
    domain = c.domain;
  } else {
    const char* p = kCompanyPrefixes[r.Below(Count(kCompanyPrefixes))];
    const char* s = kCompanySuffixes[r.Below(Count(kCompanySuffixes))];
    const char* tld = kCompanyTlds[r.Below(Count(kCompanyTlds))];
    const char* form = kCompanyForms[r.Below(Count(kCompanyForms))];
    company = Capitalize(p) + s + form;
    domain = std::string(p) + s + tld;
  }
  const bool has_company = !r.Chance(100000);

  const std::string first = kFirstNames[r.Below(Count(kFirstNames))];
  const std::string last = kLastNames[r.Below(Count(kLastNames))];
  const uint32_t email_kind = static_cast<uint32_t>(r.Below(1000));
  bool competitor = false;
  std::string email;
  if (email_kind < 20) {  // 2%: a competitor researching us
    competitor = true;
    email = first + "." + last + (r.Chance(250000) ? "@Competitor.com" : "@competitor.com");
  } else if (email_kind < 100) {  // 8%: personal address
    const int64_t digits = r.Range(1, 99);
    const char* personal = kPersonalDomains[r.Below(Count(kPersonalDomains))];
    email = first + "." + last + std::to_string(digits) + "@" + personal;
  } else if (email_kind < 130) {  // 3%: no email
  } else {
    switch (r.Below(4)) {
      case 0: email = first + "." + last; break;
      case 1: email = first.substr(0, 1) + last; break;
      case 2: email = first; break;
      default: email = first + "_" + last; break;
    }
    email += "@" + domain;
  }
  if (!email.empty() && r.Chance(30000)) {  // "Ana.Lopez@Acme.io"
    email = Capitalize(email);
    const size_t at = email.find('@');
    if (at + 1 < email.size()) email[at + 1] = AsciiUpper(email[at + 1]);
  }

  // Firmographics.
  const size_t sb = r.Pick(kSizeWeights);
  const SizeBucket& bucket = kSizeBuckets[sb];
  int64_t size = r.Range(bucket.lo, bucket.hi);
  size = std::max<int64_t>(bucket.lo, size / bucket.step * bucket.step);
  const uint32_t size_mode = static_cast<uint32_t>(r.Below(1000));  // 60: missing, 5: string
  const bool size_known = size_mode >= 65;

  const size_t ind = r.Pick(kIndustryWeights);
  const uint32_t ind_mode = static_cast<uint32_t>(r.Below(100));  // <5 missing

  const size_t ctry = r.Pick(kCountryWeights);
  const uint32_t ctry_mode = static_cast<uint32_t>(r.Below(100));  // <4 missing, <9 lower

  const uint32_t rev_mode = static_cast<uint32_t>(r.Below(100));
  const int64_t revenue = size * r.Range(40, 300) * 1000;

  // Tags.
  const uint32_t tag_mode = static_cast<uint32_t>(r.Below(100));  // <30 missing, <38 []
  size_t tag_idx[3];
  size_t ntags = 0;
  bool tag_mixed[3] = {false, false, false};
  if (tag_mode >= 38) {
    const size_t want = 1 + r.Below(3);
    while (ntags < want) {
      const size_t t = r.Below(Count(kTags));
      if (std::find(tag_idx, tag_idx + ntags, t) != tag_idx + ntags) continue;
      tag_mixed[ntags] = r.Chance(100000);
      tag_idx[ntags++] = t;
    }
  }
  const size_t src = r.Pick(kLeadSourceWeights);
  const bool has_src = !r.Chance(100000);

  // Consent.
  const uint32_t consent_kind = static_cast<uint32_t>(r.Below(1000));
  const int64_t consent_at =
      TimeBetween(r, created, std::min(as_of, created + 30 * kDayMs));
  // Host-asserted stage.
  const uint32_t stage_roll = static_cast<uint32_t>(r.Below(1000));

  // ---- write the line.
  out += "{\"id\": \"L-";
  AppendPadded(out, num, 6);
  out += "\"";
  if (has_created) {
    out += ", \"created_at\": \"";
    AppendRfc3339(out, created);
    out += "\"";
  }
  if (consent_kind < 820) {
    out += ", \"consent\": true";
  } else if (consent_kind < 920) {
    out += ", \"consent\": {\"granted\": true, \"at\": \"";
    AppendRfc3339(out, consent_at);
    out += "\"}";
  } else if (consent_kind < 960) {
    // missing: not granted
  } else if (consent_kind < 985) {
    out += ", \"consent\": false";
  } else if (consent_kind < 995) {
    out += ", \"consent\": {\"granted\": false, \"at\": \"";
    AppendRfc3339(out, consent_at);
    out += "\"}";
  } else {
    out += ", \"consent\": true";
  }
  if (stage_roll < 6) {
    out += ", \"stage\": \"customer\"";
  } else if (stage_roll < 10) {
    out += ", \"stage\": \"opportunity\"";
  }

  out += ", \"attributes\": {";
  bool first_attr = true;
  auto key = [&](const char* k) {
    if (!first_attr) out += ", ";
    first_attr = false;
    AppendKey(out, k);
  };
  if (!email.empty()) {
    key("email");
    AppendJsonString(out, email);
  }
  if (kind != kNoTitle) {
    key("job_title");
    AppendJsonString(out, title);
  }
  if (has_company) {
    key("company");
    AppendJsonString(out, company);
  }
  if (size_mode >= 65) {
    key("company_size");
    AppendInt(out, size);
  } else if (size_mode >= 60) {
    key("company_size");
    AppendJsonString(out, bucket.label);
  }
  if (ind_mode >= 5) {
    key("industry");
    if (ind_mode < 20) AppendJsonString(out, kIndustriesMixed[ind]);
    else if (ind_mode < 24) AppendJsonString(out, Upper(kIndustries[ind]));
    else AppendJsonString(out, kIndustries[ind]);
  }
  if (ctry_mode >= 4) {
    key("country");
    AppendJsonString(out, ctry_mode < 9 ? Lower(kCountries[ctry]) : kCountries[ctry]);
  }
  if (rev_mode < 38 && size_known) {
    key("annual_revenue");
    AppendInt(out, revenue);
  } else if (rev_mode < 40) {
    key("annual_revenue");
    out += "null";
  }
  if (tag_mode >= 30) {
    key("tags");
    out.push_back('[');
    for (size_t i = 0; i < ntags; ++i) {
      if (i) out += ", ";
      AppendJsonString(out, tag_mixed[i] ? kTagsMixed[tag_idx[i]] : kTags[tag_idx[i]]);
    }
    out.push_back(']');
  }
  if (has_src) {
    key("lead_source");
    AppendJsonString(out, kLeadSources[src]);
  }
  out += "}}\n";

  // ---- behaviour.
  const bool good_industry = ind != 5 && ind != 6 && ind != 10;  // not edu/gov/nonprofit
  const bool good_fit = (kind == kExec || kind == kManager) && size_known && size >= 50 &&
                        size < 5000 && good_industry && email_kind >= 100;
  const bool student = kind == kStudent || kind == kIntern;
  const uint32_t* mix = competitor ? kTierMixCompetitor
                        : student  ? kTierMixStudent
                        : good_fit ? kTierMixGoodFit
                                   : kTierMixDefault;
  info.created = created;
  info.tier = static_cast<uint8_t>(r.PickN(mix, kTierCount));
  info.competitor = competitor;
  info.student = student;
  info.weight = static_cast<uint32_t>(r.Range(kTierWeightLo[info.tier], kTierWeightHi[info.tier]));
  info.events = 0;
}

// ---- per-lead event generation ----------------------------------------------------------

class LeadEvents {
 public:
  LeadEvents(Rng& r, uint32_t lead, int64_t as_of, std::vector<Event>& out)
      : r_(r), lead_(lead), as_of_(as_of), out_(out) {
    for (size_t i = 0; i < Count(kUrls); ++i) {
      by_cat_[kUrls[i].cat][n_by_cat_[kUrls[i].cat]++] = static_cast<uint8_t>(i);
    }
  }

  void Emit(uint8_t type, int64_t t, uint8_t a = 0, uint8_t b = 0, uint8_t c = 0,
            int32_t num = 0) {
    t -= ((t % kSecondMs) + kSecondMs) % kSecondMs;  // whole seconds
    if (r_.Chance(kMsPpm)) t -= r_.Range(1, 999);
    if (r_.Chance(kAfterAsOf)) t = as_of_ + r_.Range(1, 172800) * kSecondMs;
    if (t > as_of_ && (t - as_of_) > 3 * kDayMs) t = as_of_;  // keep "a few" after as_of
    Event e;
    e.t = t;
    e.lead = lead_;
    e.seq = seq_++;
    e.num = num;
    e.type = type;
    e.a = a;
    e.b = b;
    e.c = c;
    e.offset = 0;
    e.id_mode = kWithId;
    out_.push_back(e);
  }

  uint8_t PickUrl(bool late) {
    const size_t cat = r_.PickN(late ? kUrlCatLate : kUrlCatEarly, kUrlCatCount);
    if (cat == kPricing) return PricingUrl();
    return by_cat_[cat][r_.Below(n_by_cat_[cat])];
  }
  uint8_t PricingUrl() { return by_cat_[kPricing][r_.Pick(kPricingUrlWeights)]; }

  int32_t Duration() {
    const uint32_t v = static_cast<uint32_t>(r_.Below(100));
    if (v < 55) return static_cast<int32_t>(r_.Range(2, 59));
    if (v < 88) return static_cast<int32_t>(r_.Range(60, 299));
    return static_cast<int32_t>(r_.Range(300, 1800));
  }

  void PageView(int64_t t, uint8_t url, uint8_t source, bool entry) {
    uint8_t utm = 0;
    if (entry && source == kPaid && r_.Chance(500000)) utm = 1;
    if (entry && source == kSocialSrc && r_.Chance(500000)) utm = 2;
    Emit(kPageView, t, url, source, utm, Duration());
  }

  int64_t Step(int64_t t) { return t + r_.Range(5, 480) * kSecondMs; }

  // Emits up to `budget` events of one visit/interaction starting at t; returns how many.
  uint64_t Session(int64_t t, uint64_t budget, bool late, int64_t unsub_at) {
    static const uint32_t kKindEarly[] = {55, 28, 6, 4, 2, 5};
    static const uint32_t kKindLate[] = {55, 15, 10, 8, 6, 6};
    static const uint32_t kSizeW[] = {30, 25, 18, 12, 8, 4, 3};
    static const uint64_t kSizes[] = {1, 2, 3, 4, 5, 6, 8};
    size_t kind = r_.Pick(late ? kKindLate : kKindEarly);
    if (kind == 1 && unsub_at >= 0 && t > unsub_at) kind = 0;  // no mail after unsubscribing
    uint64_t n = 0;
    const uint8_t source = static_cast<uint8_t>(r_.Pick(late ? kSourceLate : kSourceEarly));
    auto pages = [&](uint64_t k, uint8_t src, int64_t& tt, uint8_t first_url) {
      for (uint64_t i = 0; i < k && n < budget; ++i, ++n) {
        PageView(tt, i == 0 && first_url != 255 ? first_url : PickUrl(late), src, i == 0);
        tt = Step(tt);
      }
    };
    switch (kind) {
      case 0: {  // website visit
        const uint64_t k = kSizes[r_.Pick(kSizeW)];
        pages(k, source, t, r_.Chance(300000) ? 0 : 255);
        break;
      }
      case 1: {  // email: open, maybe click through to the site
        const uint8_t campaign = static_cast<uint8_t>(r_.Pick(kCampaignWeights));
        Emit(kEmailOpen, t, campaign);
        ++n;
        if (n < budget && r_.Chance(350000)) {
          t += r_.Range(10, 3600) * kSecondMs;
          const uint8_t url = PickUrl(late);
          Emit(kEmailClick, t, campaign, url);
          ++n;
          t = Step(t);
          pages(r_.Below(4), kEmailSrc, t, url);
        }
        break;
      }
      case 2: {  // content: a page or two then a download
        pages(r_.Range(0, 2), source, t, 255);
        if (n < budget) {
          Emit(kContentDownload, t, static_cast<uint8_t>(r_.Below(Count(kAssets))));
          ++n;
        }
        break;
      }
      case 3: {  // a form
        pages(r_.Range(0, 2), source, t, 255);
        if (n < budget) {
          Emit(kFormSubmit, t,
               static_cast<uint8_t>(r_.Pick(late ? kFormWeightsLate : kFormWeightsEarly)));
          ++n;
        }
        break;
      }
      case 4: {  // a webinar
        const uint8_t webinar = static_cast<uint8_t>(r_.Below(Count(kWebinars)));
        const int32_t minutes = static_cast<int32_t>(r_.Range(3, 60));
        Emit(kWebinarAttended, t, webinar, 0, 0, minutes);
        ++n;
        break;
      }
      default: {  // social
        const uint8_t network = static_cast<uint8_t>(r_.Pick(kNetworkWeights));
        const uint8_t url = by_cat_[kBlog][r_.Below(n_by_cat_[kBlog])];
        Emit(kSocialShare, t, network, url);
        ++n;
        break;
      }
    }
    return n;
  }

  void Generate(const LeadInfo& info, uint64_t n) {
    if (n == 0) return;
    const int tier = info.tier;
    const int64_t horizon = as_of_ - 180 * kDayMs;
    // Anonymous history merged on identification: up to 30 days before created_at.
    int64_t ws = std::max(info.created - 30 * kDayMs, horizon);
    if (as_of_ - ws < 2 * kDayMs) ws = as_of_ - 2 * kDayMs;
    const int64_t window = as_of_ - ws;

    // End of the lead's active period (recency) and its start.
    int64_t rec;
    const uint32_t rv = static_cast<uint32_t>(r_.Below(100));
    if (tier >= kHot) {
      rec = rv < 70 ? r_.Range(0, 5 * 86400) : r_.Range(5 * 86400, 30 * 86400);
    } else if (tier == kEngaged) {
      rec = rv < 45   ? r_.Range(0, 7 * 86400)
            : rv < 80 ? r_.Range(7 * 86400, 45 * 86400)
                      : r_.Range(0, window / kSecondMs);
    } else {
      rec = r_.Range(0, window / kSecondMs);
    }
    rec = std::min(rec * kSecondMs, window);
    const int64_t b = as_of_ - rec;
    static const int64_t kSpanLo[kTierCount] = {0, 1, 7, 14, 14};
    static const int64_t kSpanHi[kTierCount] = {30, 90, 120, 150, 150};
    const int64_t span = r_.Range(kSpanLo[tier] * 86400, kSpanHi[tier] * 86400) * kSecondMs;
    const int64_t a = std::max(ws, b - span);
    const int64_t len = b - a;
    auto at_frac = [&](int lo_pm, int hi_pm) {  // time at a per-mille position in [a, b]
      return a + len / 1000 * r_.Range(lo_pm, hi_pm);
    };

    uint64_t rem = n;
    // Special behaviours first, then ordinary sessions fill the remaining budget.
    if (rem >= 2 && r_.Below(1000) < kFollowPm[tier]) {
      const int64_t t = at_frac(0, 1000);
      Emit(kSocialFollow, t, static_cast<uint8_t>(r_.Pick(kNetworkWeights)));
      --rem;
    }
    if (rem >= 1 && r_.Below(1000) < kBouncePm[tier]) {
      const int64_t t = at_frac(0, 1000);
      Emit(kEmailBounce, t, static_cast<uint8_t>(r_.Below(2)));
      --rem;
      if (rem >= 2 && r_.Chance(400000)) {
        Emit(kEmailBounce, t + r_.Range(3600, 7 * 86400) * kSecondMs, 0);
        --rem;
      }
    }
    int64_t unsub_at = -1;
    if (rem >= 2 && r_.Below(1000) < kUnsubPm[tier]) {
      unsub_at = at_frac(300, 1000);
      Emit(kUnsubscribe, unsub_at, static_cast<uint8_t>(r_.Below(Count(kLists))));
      --rem;
    }
    const bool burst = info.competitor ? r_.Chance(500000) : r_.Below(1000) < kBurstPm[tier];
    if (rem >= 4 && burst) {  // 3-6 views of /pricing within a few days
      const uint64_t k = std::min<uint64_t>(rem - 1, static_cast<uint64_t>(r_.Range(3, 6)));
      const int64_t end = (tier >= kHot && r_.Chance(600000))
                              ? as_of_ - r_.Range(0, 6 * 86400) * kSecondMs
                              : at_frac(0, 1000);
      const int64_t spread = r_.Range(3600, 4 * 86400);
      for (uint64_t i = 0; i < k; ++i) {
        const int64_t t = end - r_.Range(0, spread) * kSecondMs;
        const uint8_t url = PricingUrl();
        const uint8_t source = static_cast<uint8_t>(r_.Chance(500000) ? kDirect : kOrganic);
        PageView(t, url, source, true);
      }
      rem -= k;
    }
    if (rem >= 3 && !info.student && r_.Below(1000) < kDemoPm[tier]) {
      const int64_t t = at_frac(600, 1000);
      Emit(kDemoRequest, t, static_cast<uint8_t>(1 + r_.Below(Count(kDemoChannels))));
      --rem;
      if (r_.Chance(150000)) {  // asked again a few days later
        Emit(kDemoRequest, std::min(as_of_, t + r_.Range(86400, 10 * 86400) * kSecondMs), 0);
        --rem;
      }
    }
    if (rem >= 5 && r_.Below(1000) < kTrialPm[tier]) {
      const int64_t t0 = at_frac(400, 1000);
      Emit(kTrialStarted, t0, static_cast<uint8_t>(r_.Pick(kPlanWeights)));
      --rem;
      uint64_t f = std::max<uint64_t>(3, (rem * static_cast<uint64_t>(r_.Range(40, 75))) / 100);
      f = std::min(f, rem);
      rem -= f;
      const int64_t t1 = std::min(as_of_, t0 + r_.Range(7, 30) * kDayMs);
      while (f > 0) {  // usage sessions of 1-5 features
        int64_t t = TimeBetween(r_, t0 + kHourMs, std::max(t0 + kHourMs, t1));
        const uint64_t k = std::min<uint64_t>(f, static_cast<uint64_t>(r_.Range(1, 5)));
        for (uint64_t i = 0; i < k; ++i) {
          Emit(kTrialFeatureUsed, t, static_cast<uint8_t>(r_.Pick(kTrialFeatureWeights)));
          t += r_.Range(30, 1200) * kSecondMs;
        }
        f -= k;
      }
    }
    const bool drifts = tier >= kEngaged;
    while (rem > 0) {
      // Engaged leads are busier late in their active period (max of two uniforms).
      int64_t p = r_.Range(0, 1000);
      if (drifts) p = std::max<int64_t>(p, r_.Range(0, 1000));
      const int64_t t = a + len / 1000 * p;
      const bool late = drifts ? p >= 500 : (tier == kCasual && p >= 800 && r_.Chance(300000));
      rem -= Session(t, rem, late, unsub_at);
    }
  }

 private:
  Rng& r_;
  uint32_t lead_;
  int64_t as_of_;
  std::vector<Event>& out_;
  uint32_t seq_ = 0;
  uint8_t by_cat_[kUrlCatCount][8];
  size_t n_by_cat_[kUrlCatCount] = {};
};

// ---- output -----------------------------------------------------------------------------

void AppendEventLine(std::string& out, const Event& e, uint64_t id, int id_width) {
  out.push_back('{');
  if (e.id_mode == kWithId) {
    out += "\"id\": \"E-";
    AppendPadded(out, id, id_width);
    out += "\", ";
  } else if (e.id_mode == kNullId) {
    out += "\"id\": null, ";
  }
  out += "\"lead_id\": \"L-";
  AppendPadded(out, e.lead, 6);
  out += "\", \"type\": \"";
  out += kTypeNames[e.type];
  out += "\", \"at\": \"";
  AppendRfc3339(out, e.t, e.offset ? kOffsets[e.offset - 1] : 0);
  out += "\"";
  switch (e.type) {
    case kPageView:
      out += ", \"properties\": {\"url\": \"";
      out += kSite;
      out += kUrls[e.a].path;
      if (e.c) out += kUtm[e.c];
      out += "\"";
      if (e.b != kNoSource) {
        out += ", \"source\": \"";
        out += kTrafficSources[e.b];
        out += "\"";
      }
      out += ", \"duration_s\": ";
      AppendInt(out, e.num);
      out += "}";
      break;
    case kEmailOpen:
      out += ", \"properties\": {\"campaign\": \"";
      out += kCampaigns[e.a];
      out += "\"}";
      break;
    case kEmailClick:
      out += ", \"properties\": {\"campaign\": \"";
      out += kCampaigns[e.a];
      out += "\", \"url\": \"";
      out += kSite;
      out += kUrls[e.b].path;
      out += "\"}";
      break;
    case kFormSubmit:
      out += ", \"properties\": {\"form\": \"";
      out += kForms[e.a];
      out += "\"}";
      break;
    case kContentDownload:
      out += ", \"properties\": {\"asset\": \"";
      out += kAssets[e.a];
      out += "\"}";
      break;
    case kWebinarAttended:
      out += ", \"properties\": {\"webinar\": \"";
      out += kWebinars[e.a];
      out += "\", \"minutes\": ";
      AppendInt(out, e.num);
      out += "}";
      break;
    case kDemoRequest:
      if (e.a) {
        out += ", \"properties\": {\"channel\": \"";
        out += kDemoChannels[e.a - 1];
        out += "\"}";
      }
      break;
    case kTrialStarted:
      out += ", \"properties\": {\"plan\": \"";
      out += kPlans[e.a];
      out += "\"}";
      break;
    case kTrialFeatureUsed:
      out += ", \"properties\": {\"feature\": \"";
      out += kTrialFeatures[e.a];
      out += "\"}";
      break;
    case kSocialShare:
      out += ", \"properties\": {\"network\": \"";
      out += kNetworks[e.a];
      out += "\", \"url\": \"";
      out += kSite;
      out += kUrls[e.b].path;
      out += "\"}";
      break;
    case kSocialFollow:
      out += ", \"properties\": {\"network\": \"";
      out += kNetworks[e.a];
      out += "\"}";
      break;
    case kUnsubscribe:
      out += ", \"properties\": {\"list\": \"";
      out += kLists[e.a];
      out += "\"}";
      break;
    case kEmailBounce:
      out += ", \"properties\": {\"kind\": \"";
      out += kBounceKinds[e.a];
      out += "\"}";
      break;
    default:
      break;
  }
  out += "}\n";
}

// ---- command line -----------------------------------------------------------------------

struct Options {
  uint64_t leads = 0;
  uint64_t events = 0;
  uint64_t seed = 0;
  std::string out_dir;
  int64_t as_of = 0;
  bool have_leads = false, have_events = false, have_seed = false;
};

const char kUsage[] =
    "usage: leadscore-gen --leads N --events M --seed S --out-dir DIR [--as-of RFC3339]\n"
    "  Writes DIR/leads.jsonl (N leads), DIR/events.jsonl (M event lines) and DIR/as_of.txt.\n"
    "  Same arguments, same bytes. Default --as-of: 2026-11-01T00:00:00Z.\n";

bool ParseU64(const char* s, uint64_t& v) {
  if (!*s) return false;
  uint64_t x = 0;
  for (const char* p = s; *p; ++p) {
    if (*p < '0' || *p > '9') return false;
    const uint64_t d = static_cast<uint64_t>(*p - '0');
    if (x > (UINT64_MAX - d) / 10) return false;
    x = x * 10 + d;
  }
  v = x;
  return true;
}

int Fail(const std::string& msg) {
  std::fprintf(stderr, "leadscore-gen: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

int Run(int argc, char** argv) {
  Options o;
  std::string as_of_text = kDefaultAsOf;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::string name = arg, value;
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return Fail("missing value for " + arg);
    }
    if (name == "--leads") {
      if (!ParseU64(value.c_str(), o.leads) || o.leads > 999999999)
        return Fail("--leads: expected an integer 0..999999999, got '" + value + "'");
      o.have_leads = true;
    } else if (name == "--events") {
      if (!ParseU64(value.c_str(), o.events) || o.events > 2000000000)
        return Fail("--events: expected an integer 0..2000000000, got '" + value + "'");
      o.have_events = true;
    } else if (name == "--seed") {
      if (!ParseU64(value.c_str(), o.seed))
        return Fail("--seed: expected a non-negative 64-bit integer, got '" + value + "'");
      o.have_seed = true;
    } else if (name == "--out-dir") {
      o.out_dir = value;
    } else if (name == "--as-of") {
      as_of_text = value;
    } else {
      return Fail("unknown option '" + name + "'");
    }
  }
  if (!o.have_leads || !o.have_events || !o.have_seed || o.out_dir.empty())
    return Fail("--leads, --events, --seed and --out-dir are required");
  if (!ParseRfc3339(as_of_text, o.as_of))
    return Fail("--as-of: not an RFC 3339 timestamp: '" + as_of_text + "'");
  // Keep every generated timestamp within years 0001-9999.
  if (o.as_of < DaysFromCivil(2, 1, 1) * kDayMs || o.as_of > DaysFromCivil(9999, 12, 1) * kDayMs)
    return Fail("--as-of: out of the supported range (years 0002-9999)");

  const auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) return Fail("cannot create " + o.out_dir + ": " + ec.message());
  const std::string dir = o.out_dir + "/";
  const uint32_t nleads = static_cast<uint32_t>(o.leads);

  // ---- leads.
  std::vector<LeadInfo> leads(nleads);
  {
    FileSink sink;
    if (!sink.Open(dir + "leads.jsonl")) return Fail("cannot write " + dir + "leads.jsonl");
    for (uint32_t i = 0; i < nleads; ++i) {
      GenerateLead(i + 1, o.seed, o.as_of, sink.buf(), leads[i]);
      sink.MaybeFlush();
    }
    if (!sink.Close()) return Fail("write error on " + dir + "leads.jsonl");
  }

  // ---- how many events of each kind.
  const uint64_t total = o.events;
  const uint64_t dups = (total + 50) / 100;                 // 1% re-emitted copies
  const uint64_t base = total - dups;                       // distinct event lines
  uint64_t unknown = nleads == 0 ? base : (base * 2 + 500) / 1000;  // 0.2% unknown lead
  const uint64_t known = base - unknown;

  // Allot `known` events to leads in proportion to their activity weight.
  if (known > 0) {
    uint64_t wsum = 0;
    for (const auto& l : leads) wsum += l.weight;
    if (wsum == 0) {
      for (auto& l : leads) l.weight = 1;
      wsum = nleads;
    }
    uint64_t given = 0;
    for (auto& l : leads) {
      // known * weight / wsum without overflow: known < 2^31, weight < 2^10.
      l.events = known * l.weight / wsum;
      given += l.events;
    }
    // The remainder (< number of leads) goes to leads drawn by weight.
    Rng r(DeriveSeed(o.seed, kGlobalStream, 0));
    std::vector<uint64_t> cum(nleads);
    uint64_t c = 0;
    for (uint32_t i = 0; i < nleads; ++i) cum[i] = (c += leads[i].weight);
    for (; given < known; ++given) {
      const uint64_t x = r.Below(wsum);
      const size_t i = static_cast<size_t>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
      ++leads[i].events;
    }
  }

  std::vector<Event> events;
  events.reserve(base);
  for (uint32_t i = 0; i < nleads; ++i) {
    if (leads[i].events == 0) continue;
    Rng r(DeriveSeed(o.seed, kEventStream, i + 1));
    LeadEvents gen(r, i + 1, o.as_of, events);
    gen.Generate(leads[i], leads[i].events);
  }
  // Events naming leads that are not in leads.jsonl (deleted or not yet synced): a few ids,
  // each with several events.
  {
    Rng r(DeriveSeed(o.seed, kUnknownStream, 0));
    const uint64_t pool = std::max<uint64_t>(1, std::min<uint64_t>(unknown / 4 + 1, 5000));
    for (uint64_t k = 0; k < unknown; ++k) {
      const uint32_t lead = static_cast<uint32_t>(nleads + 1 + r.Below(pool) * 7);
      LeadEvents gen(r, lead, o.as_of, events);
      const int64_t t = TimeBetween(r, o.as_of - 180 * kDayMs, o.as_of);
      static const uint32_t kTypeW[] = {70, 20, 10};
      switch (r.Pick(kTypeW)) {
        case 0: gen.PageView(t, gen.PickUrl(false), kOrganic, true); break;
        case 1: gen.Emit(kEmailOpen, t, static_cast<uint8_t>(r.Pick(kCampaignWeights))); break;
        default: gen.Emit(kEmailClick, t, 0, 1); break;
      }
      events.back().seq = static_cast<uint32_t>(k);  // unique per (lead, seq)
    }
  }

  // Time order; (lead, seq) makes the order total, so any sort gives the same result.
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
    if (x.t != y.t) return x.t < y.t;
    if (x.lead != y.lead) return x.lead < y.lead;
    return x.seq < y.seq;
  });

  // Ids in time order, missing ids, offsets; then the line order: displaced lines and
  // re-emitted copies. Sort keys are (position * 16 + kind, serial).
  Rng g(DeriveSeed(o.seed, kGlobalStream, 1));
  for (auto& e : events) {
    const uint32_t v = static_cast<uint32_t>(g.Below(1000000));
    e.id_mode = v < kNullIdPpm ? kNullId : v < kNullIdPpm + kNoIdPpm ? kNoId : kWithId;
    if (g.Chance(kOffsetPpm)) e.offset = static_cast<uint8_t>(1 + g.Below(Count(kOffsets)));
  }
  struct Line {
    uint64_t key;
    uint64_t serial;
    uint32_t ev;
  };
  std::vector<Line> lines;
  lines.reserve(total);
  const int64_t nb = static_cast<int64_t>(base);
  auto clamp_pos = [&](int64_t p) { return static_cast<uint64_t>(std::min(std::max<int64_t>(p, 0), nb - 1)); };
  for (int64_t j = 0; j < nb; ++j) {
    int64_t pos = j;
    if (g.Chance(kDisplacedPpm)) {
      const uint32_t v = static_cast<uint32_t>(g.Below(100));
      const int64_t sign = g.Below(2) ? 1 : -1;
      if (v < 70) pos = j + sign * g.Range(1, 50);
      else if (v < 90) pos = j + sign * g.Range(50, 2000);
      else pos = static_cast<int64_t>(g.Below(static_cast<uint64_t>(nb)));
    }
    lines.push_back({clamp_pos(pos) * 16 + (pos == j ? 0 : 1), static_cast<uint64_t>(j),
                     static_cast<uint32_t>(j)});
  }
  for (uint64_t d = 0; d < dups && nb > 0; ++d) {
    int64_t j = static_cast<int64_t>(g.Below(static_cast<uint64_t>(nb)));
    for (int tries = 0; tries < 20 && events[static_cast<size_t>(j)].id_mode != kWithId; ++tries)
      j = static_cast<int64_t>(g.Below(static_cast<uint64_t>(nb)));
    const uint32_t v = static_cast<uint32_t>(g.Below(100));
    int64_t pos;
    if (v < 50) pos = j + g.Range(1, 20);                 // redelivered soon after
    else if (v < 80) pos = j + g.Range(20, 5000);         // redelivered later
    else pos = j + static_cast<int64_t>(g.Below(static_cast<uint64_t>(nb - j)));  // much later
    lines.push_back({clamp_pos(pos) * 16 + 8, static_cast<uint64_t>(nb) + d,
                     static_cast<uint32_t>(j)});
  }
  std::sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) {
    return x.key != y.key ? x.key < y.key : x.serial < y.serial;
  });

  {
    int id_width = 8;
    for (uint64_t x = base; x >= 100000000; x /= 10) ++id_width;
    FileSink sink;
    if (!sink.Open(dir + "events.jsonl")) return Fail("cannot write " + dir + "events.jsonl");
    for (const Line& l : lines) {
      AppendEventLine(sink.buf(), events[l.ev], l.ev + 1, id_width);
      sink.MaybeFlush();
    }
    if (!sink.Close()) return Fail("write error on " + dir + "events.jsonl");
  }
  {
    FileSink sink;
    if (!sink.Open(dir + "as_of.txt")) return Fail("cannot write " + dir + "as_of.txt");
    AppendRfc3339(sink.buf(), o.as_of);
    sink.buf().push_back('\n');
    if (!sink.Close()) return Fail("write error on " + dir + "as_of.txt");
  }

  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr,
               "leadscore-gen: %llu leads, %llu event lines (%llu re-emitted copies, %llu for "
               "unknown leads) in %s (%.2f s)\n",
               static_cast<unsigned long long>(o.leads), static_cast<unsigned long long>(total),
               static_cast<unsigned long long>(dups), static_cast<unsigned long long>(unknown),
               o.out_dir.c_str(), secs);
  return 0;
}

}  // namespace
}  // namespace leadscore_gen

int main(int argc, char** argv) {
  try {
    return leadscore_gen::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "leadscore-gen: internal error: %s\n", e.what());
    return 1;
  }
}
