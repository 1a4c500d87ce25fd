/* Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
 *
 * Compiled as C99 and linked with libleadscore.so only: a host scores a lead
 * through the C ABI (model from a string, lead, events as JSON and as fields,
 * transitions, scorecard bytes, state round trip). Exits 1 on any mismatch. */

#include <stdio.h>
#include <string.h>

#include "leadscore/leadscore_c.h"

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

#define CHECK_OK(call)                                                \
  do {                                                                \
    leadscore_error* e_ = NULL;                                       \
    leadscore_status s_ = (call);                                     \
    (void)e_;                                                         \
    if (s_ != LEADSCORE_OK) {                                         \
      fprintf(stderr, "%s:%d: %s -> %s\n", __FILE__, __LINE__, #call, \
              leadscore_status_name(s_));                             \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static const char kModel[] =
    "{\"name\":\"smoke\",\"version\":\"1\",\"dimensions\":[{\"name\":\"readiness\",\"min\":0,"
    "\"max\":100}],\"rules\":[{\"id\":\"vp\",\"dimension\":\"readiness\",\"points\":10,"
    "\"when\":{\"attr\":\"job_title\",\"contains\":\"vp\"}},{\"id\":\"demo\",\"dimension\":"
    "\"readiness\",\"points\":60,\"on\":\"demo_request\"},{\"id\":\"pricing\",\"dimension\":"
    "\"readiness\",\"points\":5,\"on\":\"page_view\",\"when\":{\"prop\":\"url\",\"contains\":"
    "\"/pricing\"}}],\"lifecycle\":{\"stages\":[\"subscriber\",\"lead\",\"mql\",\"sql\"],"
    "\"thresholds\":[{\"stage\":\"mql\",\"when\":{\"score\":\"readiness\",\"gte\":10}},"
    "{\"stage\":\"sql\",\"when\":{\"score\":\"readiness\",\"gte\":70}}]}}";

static const char kLead[] =
    "{\"id\":\"L-1\",\"consent\":true,\"attributes\":{\"job_title\":\"VP Sales\"}}";

/* What `leadscore score --explain` writes for this lead (without newline). */
static const char kExpected[] =
    "{\"lead_id\": \"L-1\", \"as_of\": \"2026-10-07T00:00:00Z\", \"valid\": true, \"scores\": "
    "{\"readiness\": 75}, \"total\": 75, \"grades\": {\"readiness\": null}, \"stage\": \"sql\", "
    "\"stage_entered_at\": \"2026-10-06T11:00:00Z\", \"labels\": [], \"funnel\": null, "
    "\"explain\": [{\"rule\": \"vp\", \"dimension\": \"readiness\", \"points\": 10}, {\"rule\": "
    "\"demo\", \"dimension\": \"readiness\", \"points\": 60, \"events\": 1}, {\"rule\": "
    "\"pricing\", \"dimension\": \"readiness\", \"points\": 5, \"events\": 1}]}";

int main(void) {
  leadscore_model* model = NULL;
  leadscore_scorer* scorer = NULL;
  leadscore_lead* lead = NULL;
  leadscore_state* state = NULL;
  leadscore_state* restored = NULL;
  leadscore_error* error = NULL;
  leadscore_scorer_options options;
  leadscore_apply_outcome outcome = LEADSCORE_APPLY_LATE;
  size_t transitions = 99;
  const char* from = NULL;
  const char* to = NULL;
  const char* cause = NULL;
  const char* event_id = NULL;
  int64_t at = 0, t_pricing = 0, t_demo = 0, as_of = 0;
  const void* bytes = NULL;
  size_t bytes_len = 0;
  char saved[4096];
  const char* json = NULL;
  size_t json_len = 0;
  static const char* const keys[] = {"url"};
  static const leadscore_value_kind kinds[] = {LEADSCORE_VALUE_STRING};
  static const char* const strings[] = {"https://example.com/pricing"};
  static const char kDemo[] =
      "{\"id\":\"E-2\",\"lead_id\":\"L-1\",\"type\":\"demo_request\","
      "\"at\":\"2026-10-06T11:00:00Z\"}";

  CHECK(strcmp(leadscore_version(), "0.1.0") == 0 || leadscore_version()[0] == '0');
  CHECK_OK(leadscore_model_from_json(kModel, strlen(kModel), &model, &error));
  CHECK(error == NULL);
  leadscore_scorer_options_init(&options);
  options.reorder_window = 4;
  CHECK_OK(leadscore_scorer_new(model, &options, &scorer, NULL));
  CHECK_OK(leadscore_model_free(model)); /* the scorer keeps it alive */
  CHECK_OK(leadscore_lead_from_json(kLead, strlen(kLead), &lead, NULL));
  CHECK_OK(leadscore_state_start(scorer, lead, &state, NULL));

  CHECK_OK(leadscore_time_parse("2026-10-06T10:00:00Z", 20, &t_pricing, NULL));
  CHECK_OK(leadscore_time_parse("2026-10-06T11:00:00Z", 20, &t_demo, NULL));
  CHECK_OK(leadscore_time_parse("2026-10-07T00:00:00Z", 20, &as_of, NULL));

  /* Event 1 as fields: 10 (vp) + 5 = 15, subscriber -> mql. */
  CHECK_OK(leadscore_state_apply_fields(state, lead, "E-1", "page_view", t_pricing, 1, keys,
                                        kinds, NULL, strings, &outcome, &transitions, NULL));
  CHECK(outcome == LEADSCORE_APPLY_APPLIED);
  CHECK(transitions == 1);
  CHECK_OK(leadscore_state_transition(state, 0, &from, &to, &at));
  CHECK(from != NULL && strcmp(from, "subscriber") == 0);
  CHECK(to != NULL && strcmp(to, "mql") == 0);
  CHECK(at == t_pricing);
  CHECK_OK(leadscore_state_transition_cause(state, 0, &cause, &event_id));
  CHECK(cause != NULL && strcmp(cause, "event") == 0);
  CHECK(event_id != NULL && strcmp(event_id, "E-1") == 0);
  CHECK(leadscore_state_transition_cause(state, 1, &cause, &event_id) ==
        LEADSCORE_INVALID_ARGUMENT);

  /* Persist between "requests": the state as bytes, read back. */
  CHECK_OK(leadscore_state_to_bytes(state, &bytes, &bytes_len, NULL));
  CHECK(bytes_len > 0 && bytes_len < sizeof saved);
  if (bytes_len < sizeof saved) memcpy(saved, bytes, bytes_len);
  CHECK_OK(leadscore_state_free(state));
  state = NULL;
  CHECK_OK(leadscore_state_from_bytes(scorer, saved, bytes_len, &restored, NULL));

  /* Event 2 as JSON: 75, mql -> sql; then the same event again. */
  CHECK_OK(leadscore_state_apply_json(restored, lead, kDemo, strlen(kDemo), &outcome,
                                      &transitions, NULL));
  CHECK(outcome == LEADSCORE_APPLY_APPLIED);
  CHECK(transitions == 1);
  CHECK_OK(leadscore_state_transition(restored, 0, &from, &to, &at));
  CHECK(strcmp(from, "mql") == 0 && strcmp(to, "sql") == 0 && at == t_demo);
  CHECK_OK(leadscore_state_transition_cause(restored, 0, NULL, &event_id));
  CHECK(event_id != NULL && strcmp(event_id, "E-2") == 0);
  CHECK_OK(leadscore_state_apply_json(restored, lead, kDemo, strlen(kDemo), &outcome,
                                      &transitions, NULL));
  CHECK(outcome == LEADSCORE_APPLY_DUPLICATE);
  CHECK(transitions == 0);

  CHECK_OK(leadscore_state_score_json(restored, lead, as_of, 1, &json, &json_len, NULL));
  CHECK(json != NULL && json_len == strlen(kExpected));
  CHECK(json != NULL && strcmp(json, kExpected) == 0);
  if (json != NULL && strcmp(json, kExpected) != 0) fprintf(stderr, "got: %s\n", json);

  /* An error carries its code and message. */
  CHECK(leadscore_state_score_json(restored, lead, t_pricing, 0, &json, &json_len, &error) ==
        LEADSCORE_FAILED_PRECONDITION);
  CHECK(error != NULL && leadscore_error_code(error) == LEADSCORE_FAILED_PRECONDITION);
  CHECK(error != NULL && strstr(leadscore_error_message(error), "before the newest") != NULL);
  CHECK_OK(leadscore_error_free(error));

  CHECK_OK(leadscore_state_free(restored));
  CHECK_OK(leadscore_lead_free(lead));
  CHECK_OK(leadscore_scorer_free(scorer));
  if (failures == 0) printf("capi_c_smoke: ok\n");
  return failures == 0 ? 0 : 1;
}
