// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// capi_fuzz: arbitrary bytes through the C ABI (leadscore_c.h), linked with
// libleadscore.so. The first byte picks the entry point, the rest is its
// input: a model, a lead, an event applied to a started state, state bytes, a
// batch (leads and events split at the first NUL), or event fields from
// FuzzedDataProvider, with handles of the wrong kind mixed in. Checks: every
// call returns a known status; a failure has an error object with a message
// and a non-OK code equal to the returned one; output lengths match their
// NUL-terminated text. Crashes, leaks and sanitizer reports are failures.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "leadscore/leadscore_c.h"

namespace {

const char kModel[] =
    R"({"name":"f","version":"1","dimensions":[{"name":"d","min":0,"max":100,)"
    R"("grades":[{"grade":"a","min":10},{"grade":"b"}]}],"rules":[)"
    R"({"id":"t","dimension":"d","points":5,"when":{"attr":"title","contains":"vp"}},)"
    R"({"id":"v","dimension":"d","points":3,"on":"page_view","when":{"prop":"url","contains":"/p"}},)"
    R"({"id":"n","dimension":"d","points":2,"on":"click","when":{"prop":"n","gte":2}}],)"
    R"("lifecycle":{"stages":["s","m","q"],"thresholds":[{"stage":"m","when":{"score":"d","gte":5}},)"
    R"({"stage":"q","when":{"score":"d","gte":10}}]}})";
const char kLead[] = R"({"id":"L","consent":true,"attributes":{"title":"vp"}})";

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "capi_fuzz: check failed: %s\n", what);
    std::abort();
  }
}

// Checks the status/error contract and frees the error. Takes the error's
// address: `Checked(call(&e), &e)` reads it only after the call.
void Checked(leadscore_status s, leadscore_error** pe) {
  leadscore_error* e = *pe;
  *pe = nullptr;
  Check(s >= LEADSCORE_OK && s <= LEADSCORE_UNAUTHENTICATED, "known status");
  if (s == LEADSCORE_OK) {
    Check(e == nullptr, "no error object on success");
    return;
  }
  Check(e != nullptr, "an error object on failure");
  Check(leadscore_error_code(e) == s, "error code = status");
  Check(std::strlen(leadscore_error_message(e)) > 0, "a message");
  for (size_t i = 0; i < leadscore_error_detail_count(e); ++i) {
    const char* m = nullptr;
    Check(leadscore_error_detail(e, i, nullptr, nullptr, nullptr, &m) == LEADSCORE_OK, "detail");
    Check(m != nullptr, "detail message");
  }
  leadscore_error_free(e);
}

struct Fixed {
  leadscore_model* model = nullptr;
  leadscore_scorer* scorer = nullptr;
  leadscore_lead* lead = nullptr;
  Fixed() {
    leadscore_model_from_json(kModel, sizeof kModel - 1, &model, nullptr);
    leadscore_scorer_options o;
    leadscore_scorer_options_init(&o);
    o.reorder_window = 3;
    leadscore_scorer_new(model, &o, &scorer, nullptr);
    leadscore_lead_from_json(kLead, sizeof kLead - 1, &lead, nullptr);
    Check(model && scorer && lead, "fixed model, scorer and lead");
  }
};

const Fixed& F() {
  static const Fixed* f = new Fixed();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Fixed& f = F();
  const uint8_t mode = data[0] % 7;
  const char* text = reinterpret_cast<const char*>(data + 1);
  const size_t len = size - 1;
  leadscore_error* e = nullptr;
  switch (mode) {
    case 0: {  // a model
      leadscore_model* m = nullptr;
      leadscore_status s = leadscore_model_from_json(text, len, &m, &e);
      Checked(s, &e);
      if (s == LEADSCORE_OK) {
        leadscore_scorer* sc = nullptr;
        Checked(leadscore_scorer_new(m, nullptr, &sc, &e), &e);
        leadscore_scorer_free(sc);
      }
      leadscore_model_free(m);
      break;
    }
    case 1: {  // a lead, started and scored
      leadscore_lead* l = nullptr;
      leadscore_status s = leadscore_lead_from_json(text, len, &l, &e);
      Checked(s, &e);
      if (s == LEADSCORE_OK) {
        leadscore_state* st = nullptr;
        s = leadscore_state_start(f.scorer, l, &st, &e);
        Checked(s, &e);
        if (s == LEADSCORE_OK) {
          const char* j = nullptr;
          size_t n = 0;
          s = leadscore_state_score_json(st, l, 0, 1, &j, &n, &e);
          Checked(s, &e);
          if (s == LEADSCORE_OK) Check(std::strlen(j) == n, "scorecard length");
        }
        leadscore_state_free(st);
      }
      leadscore_lead_free(l);
      break;
    }
    case 2: {  // event lines, one per '\n', applied in turn
      leadscore_state* st = nullptr;
      Checked(leadscore_state_start(f.scorer, f.lead, &st, &e), &e);
      size_t pos = 0;
      while (pos <= len) {
        const char* nl = static_cast<const char*>(std::memchr(text + pos, '\n', len - pos));
        const size_t end = nl ? static_cast<size_t>(nl - text) : len;
        size_t tn = 0;
        leadscore_apply_outcome o;
        leadscore_status s =
            leadscore_state_apply_json(st, f.lead, text + pos, end - pos, &o, &tn, &e);
        Checked(s, &e);
        for (size_t i = 0; i < tn; ++i) {
          const char *from, *to;
          Check(leadscore_state_transition(st, i, &from, &to, nullptr) == LEADSCORE_OK, "tr");
        }
        pos = end + 1;
      }
      const void* b = nullptr;
      size_t bn = 0;
      Checked(leadscore_state_to_bytes(st, &b, &bn, &e), &e);
      const std::string saved(static_cast<const char*>(b), bn);
      leadscore_state* back = nullptr;
      Checked(leadscore_state_from_bytes(f.scorer, saved.data(), saved.size(), &back, &e), &e);
      leadscore_state_free(back);
      leadscore_state_free(st);
      break;
    }
    case 3: {  // state bytes
      leadscore_state* st = nullptr;
      leadscore_status s = leadscore_state_from_bytes(f.scorer, text, len, &st, &e);
      Checked(s, &e);
      if (s == LEADSCORE_OK) {
        const char* j = nullptr;
        size_t n = 0;
        Checked(leadscore_state_score_json(st, f.lead, INT64_C(4102444800000000000), 0, &j, &n,
                                           &e),
                &e);
      }
      leadscore_state_free(st);
      break;
    }
    case 4: {  // a batch: leads NUL events
      const char* nul = static_cast<const char*>(std::memchr(text, '\0', len));
      const size_t ln = nul ? static_cast<size_t>(nul - text) : len;
      const char* ev = nul ? nul + 1 : nullptr;
      const size_t en = nul ? len - ln - 1 : 0;
      for (int skip = 0; skip < 2; ++skip) {
        leadscore_batch_options o;
        leadscore_batch_options_init(&o);
        o.explain = 1;
        o.skip_bad_lines = skip;
        leadscore_batch* b = nullptr;
        Checked(leadscore_batch_new(f.scorer, &o, &b, &e), &e);
        const char* out = nullptr;
        size_t on = 0;
        leadscore_status s = leadscore_batch_score_jsonl(b, text, ln, ev, en,
                                                         INT64_C(1800000000000000000), &out,
                                                         &on, &e);
        Checked(s, &e);
        if (s == LEADSCORE_OK) Check(std::strlen(out) == on, "batch output length");
        leadscore_batch_free(b);
      }
      break;
    }
    case 5: {  // event fields
      FuzzedDataProvider p(data + 1, len);
      leadscore_state* st = nullptr;
      Checked(leadscore_state_start(f.scorer, f.lead, &st, &e), &e);
      while (p.remaining_bytes() > 0) {
        const std::string id = p.ConsumeRandomLengthString(16);
        const std::string type = p.ConsumeBool() ? "page_view" : p.ConsumeRandomLengthString(12);
        const int64_t at = p.ConsumeIntegral<int64_t>();
        const size_t n = p.ConsumeIntegralInRange<size_t>(0, 4);
        std::vector<std::string> keys(n), strs(n);
        std::vector<const char*> kp(n), sp(n);
        std::vector<leadscore_value_kind> kinds(n);
        std::vector<double> nums(n);
        for (size_t i = 0; i < n; ++i) {
          keys[i] = p.ConsumeBool() ? "url" : p.ConsumeRandomLengthString(8);
          strs[i] = p.ConsumeRandomLengthString(16);
          kinds[i] = static_cast<leadscore_value_kind>(p.ConsumeIntegralInRange<int>(-1, 5));
          nums[i] = p.ConsumeFloatingPoint<double>();
          kp[i] = keys[i].c_str();
          sp[i] = strs[i].c_str();
        }
        leadscore_apply_outcome o;
        Checked(leadscore_state_apply_fields(st, f.lead, p.ConsumeBool() ? nullptr : id.c_str(),
                                             type.c_str(), at, n, kp.data(), kinds.data(),
                                             nums.data(), sp.data(), &o, nullptr, &e),
                &e);
      }
      leadscore_state_free(st);
      break;
    }
    default: {  // handles of the wrong kind, in every position
      leadscore_state* st = reinterpret_cast<leadscore_state*>(f.lead);
      Check(leadscore_state_apply_json(st, f.lead, text, len, nullptr, nullptr, nullptr) ==
                LEADSCORE_INVALID_ARGUMENT,
            "wrong kind: state");
      leadscore_state* s2 = nullptr;
      Check(leadscore_state_start(reinterpret_cast<const leadscore_scorer*>(f.model), f.lead, &s2,
                                  nullptr) == LEADSCORE_INVALID_ARGUMENT,
            "wrong kind: scorer");
      Check(leadscore_lead_free(reinterpret_cast<leadscore_lead*>(f.scorer)) ==
                LEADSCORE_INVALID_ARGUMENT,
            "wrong kind: free");
      int64_t ns = 0;
      Checked(leadscore_time_parse(text, len, &ns, &e), &e);
      break;
    }
  }
  return 0;
}
