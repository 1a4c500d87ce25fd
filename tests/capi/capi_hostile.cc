// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Hostile and wrong calls through the C ABI (linked with libleadscore.so):
// each returns the documented status, with a message, and never crashes.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "leadscore/leadscore_c.h"

namespace {

const char kModel[] =
    R"({"name":"m","version":"1","dimensions":[{"name":"d","min":0,"max":100}],)"
    R"("rules":[{"id":"r","dimension":"d","points":5,"on":"page_view"}],)"
    R"("lifecycle":{"stages":["subscriber","mql"],"thresholds":[{"stage":"mql","when":{"score":"d","gte":5}}]}})";
const char kOtherModel[] =
    R"({"name":"other","version":"1","dimensions":[{"name":"d","min":0,"max":10}],)"
    R"("rules":[{"id":"r","dimension":"d","points":1,"on":"click"}]})";
const char kLead[] = R"({"id":"L-1","consent":true})";

// Owns what a test creates.
struct Fixture {
  leadscore_model* model = nullptr;
  leadscore_scorer* scorer = nullptr;
  leadscore_lead* lead = nullptr;
  leadscore_state* state = nullptr;
  Fixture() {
    REQUIRE(leadscore_model_from_json(kModel, sizeof kModel - 1, &model, nullptr) == LEADSCORE_OK);
    REQUIRE(leadscore_scorer_new(model, nullptr, &scorer, nullptr) == LEADSCORE_OK);
    REQUIRE(leadscore_lead_from_json(kLead, sizeof kLead - 1, &lead, nullptr) == LEADSCORE_OK);
    REQUIRE(leadscore_state_start(scorer, lead, &state, nullptr) == LEADSCORE_OK);
  }
  ~Fixture() {
    leadscore_state_free(state);
    leadscore_lead_free(lead);
    leadscore_scorer_free(scorer);
    leadscore_model_free(model);
  }
};

// The status of a call, and its error message (freed).
std::string MessageOf(leadscore_error* e) {
  std::string m = e == nullptr ? "" : leadscore_error_message(e);
  leadscore_error_free(e);
  return m;
}

}  // namespace

TEST_CASE("capi NULL handles and out-parameters are INVALID_ARGUMENT") {
  Fixture f;
  leadscore_error* e = nullptr;
  leadscore_scorer* scorer = nullptr;
  CHECK(leadscore_scorer_new(nullptr, nullptr, &scorer, &e) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e) == "model is NULL");
  CHECK(leadscore_model_from_json(kModel, sizeof kModel - 1, nullptr, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("out-parameter model is NULL") != std::string::npos);
  leadscore_state* s = nullptr;
  CHECK(leadscore_state_start(f.scorer, nullptr, &s, nullptr) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_state_apply_json(nullptr, f.lead, "{}", 2, nullptr, nullptr, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  const char* json = nullptr;
  size_t len = 0;
  CHECK(leadscore_state_score_json(f.state, f.lead, 0, 0, nullptr, &len, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_state_score_json(nullptr, f.lead, 0, 0, &json, &len, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_state_transition(nullptr, 0, nullptr, nullptr, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_state_transition_cause(nullptr, 0, nullptr, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  // A state with no apply yet has no transition 0.
  const char* cause = "unset";
  CHECK(leadscore_state_transition_cause(f.state, 0, &cause, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(std::string(cause) == "unset");
  CHECK(leadscore_batch_score_jsonl(nullptr, "", 0, "", 0, 0, &json, &len, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_error_code(nullptr) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(std::string(leadscore_error_message(nullptr)).empty());
  CHECK(leadscore_error_detail_count(nullptr) == 0);
  // NULL is a no-op for every free.
  CHECK(leadscore_model_free(nullptr) == LEADSCORE_OK);
  CHECK(leadscore_state_free(nullptr) == LEADSCORE_OK);
  CHECK(leadscore_error_free(nullptr) == LEADSCORE_OK);
}

TEST_CASE("capi a handle of the wrong kind is INVALID_ARGUMENT and is not freed") {
  Fixture f;
  leadscore_error* e = nullptr;
  auto* lead_as_state = reinterpret_cast<leadscore_state*>(f.lead);
  CHECK(leadscore_state_apply_json(lead_as_state, f.lead, "{}", 2, nullptr, nullptr, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("state is not a leadscore_state handle") != std::string::npos);
  auto* model_as_scorer = reinterpret_cast<const leadscore_scorer*>(f.model);
  leadscore_state* s = nullptr;
  CHECK(leadscore_state_start(model_as_scorer, f.lead, &s, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_state_free(lead_as_state) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_model_free(reinterpret_cast<leadscore_model*>(f.scorer)) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_error_code(reinterpret_cast<leadscore_error*>(f.state)) ==
        LEADSCORE_INVALID_ARGUMENT);
  // Still usable after the refused frees.
  size_t n = 0;
  const char ev[] = R"({"lead_id":"L-1","type":"page_view","at":"2026-01-01T00:00:00Z"})";
  CHECK(leadscore_state_apply_json(f.state, f.lead, ev, sizeof ev - 1, nullptr, &n, nullptr) ==
        LEADSCORE_OK);
  CHECK(n == 1);
}

TEST_CASE("capi invalid UTF-8 is INVALID_ARGUMENT") {
  Fixture f;
  leadscore_error* e = nullptr;
  const std::string bad_lead = "{\"id\":\"L-\xff\",\"consent\":true}";
  leadscore_lead* lead = nullptr;
  CHECK(leadscore_lead_from_json(bad_lead.data(), bad_lead.size(), &lead, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(!MessageOf(e).empty());
  const std::string bad_model = "{\"name\":\"m\xc3\x28\"}";
  leadscore_model* model = nullptr;
  CHECK(leadscore_model_from_json(bad_model.data(), bad_model.size(), &model, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(leadscore_error_detail_count(e) >= 1);
  leadscore_error_free(e);
  CHECK(leadscore_state_apply_fields(f.state, f.lead, "E-\xff", "page_view", 0, 0, nullptr,
                                     nullptr, nullptr, nullptr, nullptr, nullptr, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e) == "event_id is not valid UTF-8 (byte 2)");
  const char* keys[] = {"url"};
  const leadscore_value_kind kinds[] = {LEADSCORE_VALUE_STRING};
  const char* strings[] = {"\xed\xa0\x80"};  // a surrogate
  CHECK(leadscore_state_apply_fields(f.state, f.lead, nullptr, "page_view", 0, 1, keys, kinds,
                                     nullptr, strings, nullptr, nullptr, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("property 0: a string value is not valid UTF-8") == 0);
  CHECK(leadscore_model_from_file("/tmp/\xff.json", &model, &e) == LEADSCORE_INVALID_ARGUMENT);
  leadscore_error_free(e);
}

TEST_CASE("capi huge inputs are refused without being read") {
  Fixture f;
  leadscore_error* e = nullptr;
  leadscore_model* model = nullptr;
  CHECK(leadscore_model_from_json("{}", LEADSCORE_MAX_DOCUMENT_BYTES + 1, &model, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("more than the") != std::string::npos);
  CHECK(leadscore_model_from_json(nullptr, 10, &model, nullptr) == LEADSCORE_INVALID_ARGUMENT);
  leadscore_batch* batch = nullptr;
  REQUIRE(leadscore_batch_new(f.scorer, nullptr, &batch, nullptr) == LEADSCORE_OK);
  const char* out = nullptr;
  size_t len = 0;
  CHECK(leadscore_batch_score_jsonl(batch, "", SIZE_MAX, nullptr, 0, 0, &out, &len, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  leadscore_batch_free(batch);
  // A string longer than the bound (and so never NUL-checked past it).
  std::string huge(LEADSCORE_MAX_STRING_BYTES + 10, 'a');
  CHECK(leadscore_state_apply_fields(f.state, f.lead, huge.c_str(), "page_view", 0, 0, nullptr,
                                     nullptr, nullptr, nullptr, nullptr, nullptr, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("event_id is longer than") == 0);
  CHECK(leadscore_state_apply_fields(f.state, f.lead, nullptr, "page_view", 0,
                                     LEADSCORE_MAX_PROPERTIES + 1, nullptr, nullptr, nullptr,
                                     nullptr, nullptr, nullptr, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  // 1 MB strings within the bounds are fine.
  const std::string big_id(1 << 20, 'x');
  leadscore_apply_outcome o;
  CHECK(leadscore_state_apply_fields(f.state, f.lead, big_id.c_str(), "page_view", 0, 0, nullptr,
                                     nullptr, nullptr, nullptr, &o, nullptr, nullptr) ==
        LEADSCORE_OK);
}

TEST_CASE("capi a state of another model is FAILED_PRECONDITION") {
  Fixture f;
  const void* bytes = nullptr;
  size_t len = 0;
  REQUIRE(leadscore_state_to_bytes(f.state, &bytes, &len, nullptr) == LEADSCORE_OK);
  const std::string saved(static_cast<const char*>(bytes), len);
  leadscore_model* other = nullptr;
  REQUIRE(leadscore_model_from_json(kOtherModel, sizeof kOtherModel - 1, &other, nullptr) ==
          LEADSCORE_OK);
  leadscore_scorer* scorer = nullptr;
  REQUIRE(leadscore_scorer_new(other, nullptr, &scorer, nullptr) == LEADSCORE_OK);
  leadscore_state* s = nullptr;
  leadscore_error* e = nullptr;
  CHECK(leadscore_state_from_bytes(scorer, saved.data(), saved.size(), &s, &e) ==
        LEADSCORE_FAILED_PRECONDITION);
  CHECK(leadscore_error_code(e) == LEADSCORE_FAILED_PRECONDITION);
  leadscore_error_free(e);
  // Another reorder window is refused too; corrupted bytes are DATA_LOSS.
  leadscore_scorer_options o;
  leadscore_scorer_options_init(&o);
  o.reorder_window = 3;
  leadscore_scorer* windowed = nullptr;
  REQUIRE(leadscore_scorer_new(f.model, &o, &windowed, nullptr) == LEADSCORE_OK);
  CHECK(leadscore_state_from_bytes(windowed, saved.data(), saved.size(), &s, nullptr) ==
        LEADSCORE_FAILED_PRECONDITION);
  std::string corrupt = saved;
  corrupt[corrupt.size() / 2] ^= 0x40;
  CHECK(leadscore_state_from_bytes(f.scorer, corrupt.data(), corrupt.size(), &s, nullptr) ==
        LEADSCORE_DATA_LOSS);
  CHECK(leadscore_state_from_bytes(f.scorer, saved.data(), saved.size(), &s, nullptr) ==
        LEADSCORE_OK);
  leadscore_state_free(s);
  leadscore_scorer_free(windowed);
  leadscore_scorer_free(scorer);
  leadscore_model_free(other);
}

TEST_CASE("capi bad option struct sizes are INVALID_ARGUMENT") {
  Fixture f;
  leadscore_scorer_options o;
  leadscore_scorer_options_init(&o);
  leadscore_scorer* scorer = nullptr;
  leadscore_error* e = nullptr;
  o.struct_size = 4;
  CHECK(leadscore_scorer_new(f.model, &o, &scorer, &e) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("leadscore_scorer_options.struct_size is 4") == 0);
  o.struct_size = 1 << 20;
  CHECK(leadscore_scorer_new(f.model, &o, &scorer, nullptr) == LEADSCORE_INVALID_ARGUMENT);
  o.struct_size = sizeof o;
  o.reorder_window = LEADSCORE_MAX_REORDER_WINDOW + 1;
  CHECK(leadscore_scorer_new(f.model, &o, &scorer, nullptr) == LEADSCORE_INVALID_ARGUMENT);
  // A newer caller's struct: unknown trailing fields must be zero.
  struct Newer {
    leadscore_batch_options v1;
    int future;
  } newer;
  std::memset(&newer, 0, sizeof newer);
  leadscore_batch_options_init(&newer.v1);
  newer.v1.struct_size = sizeof newer;
  leadscore_batch* batch = nullptr;
  CHECK(leadscore_batch_new(f.scorer, &newer.v1, &batch, nullptr) == LEADSCORE_OK);
  leadscore_batch_free(batch);
  newer.future = 1;
  CHECK(leadscore_batch_new(f.scorer, &newer.v1, &batch, &e) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("does not know") != std::string::npos);
  leadscore_batch_options b;
  leadscore_batch_options_init(&b);
  b.threads = 0;
  CHECK(leadscore_batch_new(f.scorer, &b, &batch, nullptr) == LEADSCORE_INVALID_ARGUMENT);
}

TEST_CASE("capi model diagnostics are retrievable by index") {
  const char bad[] =
      R"({"name":"m","version":"1","dimensions":[{"name":"d","min":5,"max":1}],)"
      R"("rules":[{"id":"r","dimension":"nope","points":1,"on":"x"}]})";
  leadscore_model* model = nullptr;
  leadscore_error* e = nullptr;
  REQUIRE(leadscore_model_from_json(bad, sizeof bad - 1, &model, &e) ==
          LEADSCORE_INVALID_ARGUMENT);
  REQUIRE(leadscore_error_detail_count(e) >= 2);
  std::vector<std::string> pointers;
  for (size_t i = 0; i < leadscore_error_detail_count(e); ++i) {
    const char *source, *pointer, *message;
    uint64_t line = 9;
    REQUIRE(leadscore_error_detail(e, i, &source, &line, &pointer, &message) == LEADSCORE_OK);
    CHECK(std::string(source) == "model");
    CHECK(line == 0);
    CHECK(std::strlen(message) > 0);
    pointers.emplace_back(pointer);
  }
  CHECK(std::find(pointers.begin(), pointers.end(), "/rules/0/dimension") != pointers.end());
  CHECK(leadscore_error_detail(e, 99, nullptr, nullptr, nullptr, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  leadscore_error_free(e);
  CHECK(leadscore_model_from_file("/nonexistent/model.json", &model, &e) == LEADSCORE_NOT_FOUND);
  REQUIRE(leadscore_error_detail_count(e) == 1);  // the file itself: no pointer
  const char *source, *pointer, *message;
  REQUIRE(leadscore_error_detail(e, 0, &source, nullptr, &pointer, &message) == LEADSCORE_OK);
  CHECK(std::string(pointer).empty());
  CHECK(std::string(message).find("/nonexistent/model.json") != std::string::npos);
  leadscore_error_free(e);
}

TEST_CASE("capi batch bad lines fail with a line number or are skipped and listed") {
  Fixture f;
  const std::string leads = "{\"id\":\"L-1\",\"consent\":true}\n\n{\"id\":\n{\"id\":\"L-1\"}\n";
  const std::string events =
      "{\"lead_id\":\"L-1\",\"type\":\"page_view\",\"at\":\"2026-01-01T00:00:00Z\"}\n";
  int64_t as_of = 0;
  REQUIRE(leadscore_time_parse("2026-02-01T00:00:00Z", 20, &as_of, nullptr) == LEADSCORE_OK);
  leadscore_batch* batch = nullptr;
  REQUIRE(leadscore_batch_new(f.scorer, nullptr, &batch, nullptr) == LEADSCORE_OK);
  const char* out = nullptr;
  size_t len = 0;
  leadscore_error* e = nullptr;
  CHECK(leadscore_batch_score_jsonl(batch, leads.data(), leads.size(), events.data(),
                                    events.size(), as_of, &out, &len, &e) ==
        LEADSCORE_INVALID_ARGUMENT);
  REQUIRE(leadscore_error_detail_count(e) == 1);
  const char* source = nullptr;
  uint64_t line = 0;
  leadscore_error_detail(e, 0, &source, &line, nullptr, nullptr);
  CHECK(std::string(source) == "leads");
  CHECK(line == 3);
  CHECK(std::string(leadscore_error_message(e)).find("leads:3: ") == 0);
  leadscore_error_free(e);
  leadscore_batch_free(batch);

  leadscore_batch_options o;
  leadscore_batch_options_init(&o);
  o.skip_bad_lines = 1;
  REQUIRE(leadscore_batch_new(f.scorer, &o, &batch, nullptr) == LEADSCORE_OK);
  REQUIRE(leadscore_batch_score_jsonl(batch, leads.data(), leads.size(), events.data(),
                                      events.size(), as_of, &out, &len, nullptr) == LEADSCORE_OK);
  CHECK(std::string(out, len).find("{\"lead_id\": \"L-1\"") == 0);
  CHECK(std::count(out, out + len, '\n') == 1);
  size_t n = 0;
  CHECK(leadscore_batch_rejected_count(batch, &n) == LEADSCORE_OK);
  REQUIRE(n == 2);
  const char* message = nullptr;
  CHECK(leadscore_batch_rejected(batch, 1, &source, &line, &message) == LEADSCORE_OK);
  CHECK(line == 4);
  CHECK(std::string(message).find("L-1") != std::string::npos);  // id given twice
  CHECK(leadscore_batch_rejected(batch, 2, &source, &line, &message) ==
        LEADSCORE_INVALID_ARGUMENT);
  // An as-of outside the engine's range.
  CHECK(leadscore_batch_score_jsonl(batch, nullptr, 0, nullptr, 0, INT64_MIN, &out, &len,
                                    nullptr) == LEADSCORE_OUT_OF_RANGE);
  leadscore_batch_free(batch);
}

TEST_CASE("capi a late event is an outcome and leaves the state unchanged") {
  leadscore_model* model = nullptr;
  REQUIRE(leadscore_model_from_json(kModel, sizeof kModel - 1, &model, nullptr) == LEADSCORE_OK);
  leadscore_scorer_options o;
  leadscore_scorer_options_init(&o);
  o.reorder_window = 1;
  leadscore_scorer* scorer = nullptr;
  REQUIRE(leadscore_scorer_new(model, &o, &scorer, nullptr) == LEADSCORE_OK);
  leadscore_lead* lead = nullptr;
  REQUIRE(leadscore_lead_from_json(kLead, sizeof kLead - 1, &lead, nullptr) == LEADSCORE_OK);
  leadscore_state* s = nullptr;
  REQUIRE(leadscore_state_start(scorer, lead, &s, nullptr) == LEADSCORE_OK);
  const int64_t day = 86400LL * 1000000000LL;
  const int64_t t0 = 1767225600LL * 1000000000LL;  // 2026-01-01
  leadscore_apply_outcome out;
  for (int i = 1; i <= 4; ++i) {
    const std::string id = "E-" + std::to_string(i);
    REQUIRE(leadscore_state_apply_fields(s, lead, id.c_str(), "page_view", t0 + i * day, 0,
                                         nullptr, nullptr, nullptr, nullptr, &out, nullptr,
                                         nullptr) == LEADSCORE_OK);
  }
  size_t n = 9;
  CHECK(leadscore_state_apply_fields(s, lead, "E-0", "page_view", t0, 0, nullptr, nullptr,
                                     nullptr, nullptr, &out, &n, nullptr) == LEADSCORE_OK);
  CHECK(out == LEADSCORE_APPLY_LATE);
  CHECK(n == 0);
  // A time outside the engine's range is an error, not a late event.
  leadscore_error* e = nullptr;
  CHECK(leadscore_state_apply_fields(s, lead, "E-x", "page_view", INT64_MIN, 0, nullptr, nullptr,
                                     nullptr, nullptr, &out, &n, &e) == LEADSCORE_OUT_OF_RANGE);
  leadscore_error_free(e);
  const leadscore_value_kind kinds[] = {static_cast<leadscore_value_kind>(42)};
  const char* keys[] = {"k"};
  CHECK(leadscore_state_apply_fields(s, lead, "E-y", "page_view", t0 + 9 * day, 1, keys, kinds,
                                     nullptr, nullptr, &out, &n, nullptr) ==
        LEADSCORE_INVALID_ARGUMENT);
  leadscore_state_free(s);
  leadscore_lead_free(lead);
  leadscore_scorer_free(scorer);
  leadscore_model_free(model);
}

TEST_CASE("capi: transition cause and event id, none for an event without an id",
          "[capi][transitions]") {
  Fixture f;
  const char kNoId[] = R"({"lead_id":"L-1","type":"page_view","at":"2026-10-01T00:00:00Z"})";
  size_t count = 0;
  REQUIRE(leadscore_state_apply_json(f.state, f.lead, kNoId, sizeof kNoId - 1, nullptr, &count,
                                     nullptr) == LEADSCORE_OK);
  REQUIRE(count == 1);
  const char* cause = nullptr;
  const char* event_id = "unset";
  CHECK(leadscore_state_transition_cause(f.state, 0, &cause, &event_id) == LEADSCORE_OK);
  CHECK(std::string(cause) == "event");
  CHECK(event_id == nullptr);
  CHECK(leadscore_state_transition_cause(f.state, 1, &cause, &event_id) ==
        LEADSCORE_INVALID_ARGUMENT);
}

TEST_CASE("capi: source positions, advance and lead updates", "[capi][live]") {
  Fixture f;
  const char kEvent[] =
      R"({"id":"E-1","lead_id":"L-1","type":"page_view","at":"2026-10-01T00:00:00Z"})";
  leadscore_apply_outcome outcome = LEADSCORE_APPLY_LATE;
  size_t count = 9;
  REQUIRE(leadscore_state_apply_json_at(f.state, f.lead, kEvent, sizeof kEvent - 1, "p0", 7,
                                        &outcome, &count, nullptr) == LEADSCORE_OK);
  CHECK(outcome == LEADSCORE_APPLY_APPLIED);
  CHECK(count == 1);  // subscriber -> mql
  const void* bytes = nullptr;
  size_t len = 0;
  REQUIRE(leadscore_state_to_bytes(f.state, &bytes, &len, nullptr) == LEADSCORE_OK);
  const std::string before(static_cast<const char*>(bytes), len);
  // Re-delivered under the same position, even with another id: already applied.
  const char kOther[] =
      R"({"id":"E-2","lead_id":"L-1","type":"page_view","at":"2026-10-02T00:00:00Z"})";
  REQUIRE(leadscore_state_apply_json_at(f.state, f.lead, kOther, sizeof kOther - 1, "p0", 7,
                                        &outcome, &count, nullptr) == LEADSCORE_OK);
  CHECK(outcome == LEADSCORE_APPLY_ALREADY_APPLIED);
  CHECK(count == 0);
  REQUIRE(leadscore_state_to_bytes(f.state, &bytes, &len, nullptr) == LEADSCORE_OK);
  CHECK(std::string(static_cast<const char*>(bytes), len) == before);
  leadscore_error* e = nullptr;
  CHECK(leadscore_state_apply_json_at(f.state, f.lead, kOther, sizeof kOther - 1, nullptr, 8,
                                      &outcome, &count, &e) == LEADSCORE_INVALID_ARGUMENT);
  CHECK(MessageOf(e).find("source") != std::string::npos);

  // Advance: nothing decays in this model, so no transition; before the
  // newest event is refused.
  const int64_t t1 = 1791072000LL * 1000000000LL;  // 2026-10-04
  REQUIRE(leadscore_state_advance(f.state, f.lead, t1, &count, nullptr) == LEADSCORE_OK);
  CHECK(count == 0);
  CHECK(leadscore_state_advance(f.state, f.lead, 0, &count, nullptr) ==
        LEADSCORE_FAILED_PRECONDITION);

  // A lead record without consent: the reported stage becomes invalid (cause lead).
  const char kNoConsent[] = R"({"id":"L-1","consent":false})";
  leadscore_lead* changed = nullptr;
  REQUIRE(leadscore_lead_from_json(kNoConsent, sizeof kNoConsent - 1, &changed, nullptr) ==
          LEADSCORE_OK);
  REQUIRE(leadscore_state_update_lead(f.state, changed, t1, &count, nullptr) == LEADSCORE_OK);
  REQUIRE(count == 1);
  const char* from = nullptr;
  const char* to = nullptr;
  int64_t at = 0;
  const char* cause = nullptr;
  REQUIRE(leadscore_state_transition(f.state, 0, &from, &to, &at) == LEADSCORE_OK);
  REQUIRE(leadscore_state_transition_cause(f.state, 0, &cause, nullptr) == LEADSCORE_OK);
  CHECK(std::string(from) == "mql");
  CHECK(std::string(to) == "invalid");
  CHECK(at == t1);
  CHECK(std::string(cause) == "lead");
  leadscore_lead_free(changed);
}
