/* Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
 *
 * A C99 host built against the INSTALLED package (find_package, target
 * leadscore::c): scores a lead through the C ABI of libleadscore.so and
 * checks the scorecard bytes. Driven by run.cmake (ctest "cmake_consumer"). */
#include <stdio.h>
#include <string.h>

#include "leadscore/leadscore_c.h"

static const char kModel[] =
    "{\"name\":\"consumer\",\"version\":\"1\",\"dimensions\":[{\"name\":\"engagement\"}],"
    "\"rules\":[{\"id\":\"demo\",\"dimension\":\"engagement\",\"points\":30,"
    "\"on\":\"demo_request\"}]}";
static const char kLead[] = "{\"id\":\"L-1\",\"consent\":true}";
static const char kEvent[] =
    "{\"id\":\"E-1\",\"lead_id\":\"L-1\",\"type\":\"demo_request\","
    "\"at\":\"2026-10-06T11:00:00Z\"}";
static const char kExpected[] =
    "{\"lead_id\": \"L-1\", \"as_of\": \"2026-10-07T00:00:00Z\", \"valid\": true, "
    "\"scores\": {\"engagement\": 30}, \"total\": 30, \"grades\": {\"engagement\": null}, "
    "\"stage\": null, \"stage_entered_at\": null, \"labels\": [], \"funnel\": null}";

static int Check(leadscore_status s, leadscore_error* e, const char* what) {
  if (s == LEADSCORE_OK) return 0;
  fprintf(stderr, "c_consumer: %s: %s: %s\n", what, leadscore_status_name(s),
          e ? leadscore_error_message(e) : "");
  leadscore_error_free(e);
  return 1;
}

int main(void) {
  leadscore_model* model = NULL;
  leadscore_scorer* scorer = NULL;
  leadscore_lead* lead = NULL;
  leadscore_state* state = NULL;
  leadscore_error* e = NULL;
  leadscore_apply_outcome outcome;
  size_t transitions = 0;
  int64_t as_of = 0;
  const char* json = NULL;
  size_t len = 0;
  int bad = 0;
  bad |= Check(leadscore_model_from_json(kModel, strlen(kModel), &model, &e), e, "model");
  if (!bad) bad |= Check(leadscore_scorer_new(model, NULL, &scorer, &e), e, "scorer");
  if (!bad) bad |= Check(leadscore_lead_from_json(kLead, strlen(kLead), &lead, &e), e, "lead");
  if (!bad) bad |= Check(leadscore_state_start(scorer, lead, &state, &e), e, "start");
  if (!bad) {
    bad |= Check(leadscore_state_apply_json(state, lead, kEvent, strlen(kEvent), &outcome,
                                            &transitions, &e),
                 e, "apply");
  }
  if (!bad) bad |= Check(leadscore_time_parse("2026-10-07T00:00:00Z", 20, &as_of, &e), e, "time");
  if (!bad) {
    bad |= Check(leadscore_state_score_json(state, lead, as_of, 0, &json, &len, &e), e, "score");
  }
  if (!bad) {
    printf("%s\n", json);
    if (outcome != LEADSCORE_APPLY_APPLIED || len != strlen(kExpected) ||
        memcmp(json, kExpected, len) != 0) {
      fprintf(stderr, "c_consumer: unexpected result\n");
      bad = 1;
    }
  }
  leadscore_state_free(state);
  leadscore_lead_free(lead);
  leadscore_scorer_free(scorer);
  leadscore_model_free(model);
  return bad;
}
