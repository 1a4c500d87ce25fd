/* Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
 *
 * capi_score_files MODEL LEADS EVENTS AS_OF [--explain]: reads the files and
 * scores them with one leadscore_batch_score_jsonl call, writing the output
 * to stdout: tests/capi/batch_matches_cli.sh compares it with `leadscore
 * score`. C99, linked with libleadscore.so only. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leadscore/leadscore_c.h"

static char* ReadAll(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  size_t cap = 0, n = 0, got;
  if (f == NULL) return NULL;
  do {
    if (n == cap) {
      cap = cap == 0 ? 1 << 20 : 2 * cap;
      buf = realloc(buf, cap);
      if (buf == NULL) break;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return buf;
}

static int Fail(const char* what, leadscore_error* error) {
  size_t i;
  fprintf(stderr, "capi_score_files: %s: %s: %s\n", what,
          leadscore_status_name(leadscore_error_code(error)), leadscore_error_message(error));
  for (i = 0; i < leadscore_error_detail_count(error); ++i) {
    const char *source, *pointer, *message;
    uint64_t line;
    leadscore_error_detail(error, i, &source, &line, &pointer, &message);
    fprintf(stderr, "  %s:%llu %s %s\n", source, (unsigned long long)line, pointer, message);
  }
  leadscore_error_free(error);
  return 1;
}

int main(int argc, char** argv) {
  leadscore_model* model = NULL;
  leadscore_scorer* scorer = NULL;
  leadscore_batch* batch = NULL;
  leadscore_error* error = NULL;
  leadscore_batch_options options;
  size_t leads_len = 0, events_len = 0, out_len = 0;
  char *leads, *events;
  const char* out = NULL;
  int64_t as_of = 0;
  if (argc < 5) {
    fprintf(stderr, "usage: capi_score_files MODEL LEADS EVENTS AS_OF [--explain]\n");
    return 2;
  }
  leads = ReadAll(argv[2], &leads_len);
  events = ReadAll(argv[3], &events_len);
  if (leads == NULL || events == NULL) {
    fprintf(stderr, "capi_score_files: cannot read the inputs\n");
    return 2;
  }
  if (leadscore_model_from_file(argv[1], &model, &error) != LEADSCORE_OK) {
    return Fail("model", error);
  }
  if (leadscore_time_parse(argv[4], strlen(argv[4]), &as_of, &error) != LEADSCORE_OK) {
    return Fail("as-of", error);
  }
  leadscore_scorer_new(model, NULL, &scorer, NULL);
  leadscore_batch_options_init(&options);
  options.explain = argc > 5 && strcmp(argv[5], "--explain") == 0;
  options.threads = 2;
  if (leadscore_batch_new(scorer, &options, &batch, &error) != LEADSCORE_OK) {
    return Fail("batch", error);
  }
  if (leadscore_batch_score_jsonl(batch, leads, leads_len, events, events_len, as_of, &out,
                                  &out_len, &error) != LEADSCORE_OK) {
    return Fail("score", error);
  }
  fwrite(out, 1, out_len, stdout);
  leadscore_batch_free(batch);
  leadscore_scorer_free(scorer);
  leadscore_model_free(model);
  free(leads);
  free(events);
  return 0;
}
