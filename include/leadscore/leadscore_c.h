/* Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
 *
 * leadscore's C ABI (C99): what libleadscore.so exports, for hosts written in
 * C and for the Python, PHP and Node bindings (docs/bindings.md).
 *
 * RULES (read these once; every function below follows them)
 *
 * Naming. leadscore_<object>_<verb>. Objects are opaque handles:
 *   leadscore_model   a compiled, immutable model (model_format v1)
 *   leadscore_scorer  a model plus scorer options (the reorder window)
 *   leadscore_lead    one lead (its id, consent, stage, attributes)
 *   leadscore_state   one lead's scoring state under one scorer
 *   leadscore_batch   a batch job: JSON Lines in, scorecard JSON Lines out
 *   leadscore_error   what went wrong in a failed call
 *
 * Status. Every function returns a leadscore_status (the codes and numbers of
 * absl::StatusCode); LEADSCORE_OK is 0. Functions that can fail for a reason
 * worth explaining take a last parameter `leadscore_error** error`: when it is
 * not NULL, a failed call stores a new error object there (code, message,
 * details) that the caller frees with leadscore_error_free, and a successful
 * call stores NULL. Passing NULL means "the status code is enough".
 * Why an error object and not a "last error" per thread or per handle: it is
 * owned by the caller, so it needs no thread-local storage and does not tie a
 * shared handle (model, scorer) to one thread; a binding turns it into an
 * exception and frees it.
 * Every message, detail string and returned text is valid UTF-8.
 *
 * Exceptions. No C++ exception crosses this ABI: out of memory is
 * LEADSCORE_RESOURCE_EXHAUSTED, any other failure inside the library
 * LEADSCORE_INTERNAL (with the exception's text).
 *
 * Hostile calls. A NULL handle, a handle of another kind (e.g. a lead passed
 * as a state), a NULL out-parameter, a string that is not valid UTF-8, an
 * input over the bounds below or an options struct with a bad struct_size is
 * LEADSCORE_INVALID_ARGUMENT, never a crash. (A pointer to freed or random
 * memory cannot be detected: that is undefined behaviour as everywhere in C.)
 *
 * Strings. Short strings (paths, ids, event types, property keys and string
 * values) are NUL-terminated UTF-8 of at most LEADSCORE_MAX_STRING_BYTES
 * bytes. Documents (JSON text, JSON Lines buffers, state bytes) are pointer +
 * length, need no NUL, and are bounded by LEADSCORE_MAX_DOCUMENT_BYTES
 * (LEADSCORE_MAX_BATCH_BYTES for a batch buffer). A NULL pointer with length 0
 * is an empty document.
 *
 * Ownership. The caller owns every handle it receives and frees it with the
 * matching leadscore_<object>_free (NULL is a no-op). Handles do not depend
 * on each other's lifetime: a scorer keeps its model alive, a state and a
 * batch keep their scorer alive, so they may be freed in any order.
 * Text and bytes a function returns through `const char**`/`const void**`
 * belong to the handle it was called on and stay valid until the next call
 * that takes that handle as non-const (e.g. leadscore_state_apply_json,
 * leadscore_state_score_json, leadscore_state_to_bytes), or until the handle
 * is freed. Calls taking a `const` handle never invalidate them. Returned
 * text is also NUL-terminated (the terminator is not counted in the length).
 * Strings returned by leadscore_error_* belong to the error object.
 *
 * Threads. leadscore_model and leadscore_scorer are immutable: share them
 * between any number of threads. leadscore_lead is read-only after creation:
 * it may be read (passed as const) from several threads at once. A
 * leadscore_state and a leadscore_batch must be used by one thread at a time
 * (distinct ones on distinct threads freely). An error object belongs to
 * whoever received it.
 *
 * Time. Times are int64 nanoseconds since the Unix epoch (UTC) and must lie
 * in the engine's range, 1900-01-01T00:00:00Z to 2189-12-31T23:59:59.999999999Z
 * (LEADSCORE_OUT_OF_RANGE otherwise). leadscore_time_parse reads RFC 3339.
 *
 * Stability. Only handles, enums, and options structs are part of the ABI.
 * An options struct starts with `size_t struct_size`, which the caller sets to
 * sizeof the struct as its header declares it (the *_init functions below do
 * that): fields a newer library adds take their defaults when an older caller
 * does not pass them; a newer caller's fields this library does not know must
 * be zero. Enums are int-sized; new values may be added. 0.x releases keep the
 * SONAME libleadscore.so.0; symbols are only ever added.
 */

#ifndef LEADSCORE_LEADSCORE_C_H_
#define LEADSCORE_LEADSCORE_C_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define LEADSCORE_C_API
#else
#define LEADSCORE_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on inputs (bytes). */
#define LEADSCORE_MAX_STRING_BYTES ((size_t)1 << 24)   /* 16 MiB: ids, keys, values, paths */
#define LEADSCORE_MAX_DOCUMENT_BYTES ((size_t)1 << 30) /* 1 GiB: one JSON document, state bytes */
#define LEADSCORE_MAX_BATCH_BYTES ((uint64_t)1 << 40)  /* 1 TiB: one JSON Lines buffer */
#define LEADSCORE_MAX_PROPERTIES ((size_t)1 << 20)     /* properties of one event */
#define LEADSCORE_MAX_REORDER_WINDOW 1048576u          /* scorer option */
#define LEADSCORE_MAX_BATCH_THREADS 256                /* batch option */

/* Status codes: the values of absl::StatusCode. */
typedef enum leadscore_status {
  LEADSCORE_OK = 0,
  LEADSCORE_CANCELLED = 1,
  LEADSCORE_UNKNOWN = 2,
  LEADSCORE_INVALID_ARGUMENT = 3,
  LEADSCORE_DEADLINE_EXCEEDED = 4,
  LEADSCORE_NOT_FOUND = 5,
  LEADSCORE_ALREADY_EXISTS = 6,
  LEADSCORE_PERMISSION_DENIED = 7,
  LEADSCORE_RESOURCE_EXHAUSTED = 8,
  LEADSCORE_FAILED_PRECONDITION = 9,
  LEADSCORE_ABORTED = 10,
  LEADSCORE_OUT_OF_RANGE = 11,
  LEADSCORE_UNIMPLEMENTED = 12,
  LEADSCORE_INTERNAL = 13,
  LEADSCORE_UNAVAILABLE = 14,
  LEADSCORE_DATA_LOSS = 15,
  LEADSCORE_UNAUTHENTICATED = 16
} leadscore_status;

typedef struct leadscore_model leadscore_model;
typedef struct leadscore_scorer leadscore_scorer;
typedef struct leadscore_lead leadscore_lead;
typedef struct leadscore_state leadscore_state;
typedef struct leadscore_batch leadscore_batch;
typedef struct leadscore_error leadscore_error;

/* ------------------------------------------------------------------------ */
/* Library                                                                  */
/* ------------------------------------------------------------------------ */

/* The library's version, "MAJOR.MINOR.PATCH". Never NULL; static storage. */
LEADSCORE_C_API const char* leadscore_version(void);

/* The name of a status code ("OK", "INVALID_ARGUMENT", ...; "UNKNOWN" for a
 * value that is not a code). Static storage. */
LEADSCORE_C_API const char* leadscore_status_name(leadscore_status status);

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/* The code of `error` (LEADSCORE_INVALID_ARGUMENT for a NULL or non-error
 * handle). */
LEADSCORE_C_API leadscore_status leadscore_error_code(const leadscore_error* error);

/* The message of `error`: one line per problem, what a person can act on.
 * "" for a NULL or non-error handle. Owned by `error`. */
LEADSCORE_C_API const char* leadscore_error_message(const leadscore_error* error);

/* How many details `error` carries (0 for a NULL or non-error handle). A
 * model that does not load has one detail per problem (source "model", a JSON
 * pointer); a batch that stops at a bad line has one (source "leads" or
 * "events", a line number). */
LEADSCORE_C_API size_t leadscore_error_detail_count(const leadscore_error* error);

/* Detail `index` of `error`. Each out-parameter may be NULL.
 *   source   "model", "leads", "events" (owned by `error`)
 *   line     1-based line in that JSON Lines buffer; 0 when not a line
 *   pointer  JSON pointer in the model ("" for the root or when not a model
 *            problem)
 *   message  what is wrong there
 * Errors: INVALID_ARGUMENT for a NULL or non-error handle or an index past
 * the count. */
LEADSCORE_C_API leadscore_status leadscore_error_detail(const leadscore_error* error,
                                                        size_t index, const char** source,
                                                        uint64_t* line, const char** pointer,
                                                        const char** message);

/* Frees `error` (NULL: no-op). INVALID_ARGUMENT for a handle of another kind
 * (which is not freed). */
LEADSCORE_C_API leadscore_status leadscore_error_free(leadscore_error* error);

/* ------------------------------------------------------------------------ */
/* Time                                                                     */
/* ------------------------------------------------------------------------ */

/* Parses an RFC 3339 timestamp (as the file formats and the CLI's --as-of:
 * "2026-11-01T09:30:00Z", "2026-11-01T09:30:00.25+02:00") of `len` bytes into
 * Unix nanoseconds. Errors: INVALID_ARGUMENT for text that is not a
 * timestamp; OUT_OF_RANGE outside the engine's range. */
LEADSCORE_C_API leadscore_status leadscore_time_parse(const char* text, size_t len,
                                                      int64_t* unix_ns,
                                                      leadscore_error** error);

/* ------------------------------------------------------------------------ */
/* Models                                                                   */
/* ------------------------------------------------------------------------ */

/* Parses, validates and compiles a model from `len` bytes of JSON text.
 * Errors: INVALID_ARGUMENT with one detail per problem, in document order
 * (its JSON pointer, "" for the whole document, and message; the error's
 * message lists them all, `POINTER: what is wrong` a line). */
LEADSCORE_C_API leadscore_status leadscore_model_from_json(const char* json, size_t len,
                                                           leadscore_model** model,
                                                           leadscore_error** error);

/* Reads the model file at `path` (NUL-terminated UTF-8) and compiles it as
 * leadscore_model_from_json. Errors: as there (details in document order),
 * plus NOT_FOUND for a file that cannot be opened and DATA_LOSS for one that
 * cannot be read, each with one detail whose pointer is empty. */
LEADSCORE_C_API leadscore_status leadscore_model_from_file(const char* path,
                                                           leadscore_model** model,
                                                           leadscore_error** error);

/* Frees a model handle (NULL: no-op; scorers made from it keep the model
 * alive). INVALID_ARGUMENT for a handle of another kind, which is not freed. */
LEADSCORE_C_API leadscore_status leadscore_model_free(leadscore_model* model);

/* ------------------------------------------------------------------------ */
/* Scorers                                                                  */
/* ------------------------------------------------------------------------ */

/* Version 1 of the scorer options. */
typedef struct leadscore_scorer_options {
  size_t struct_size; /* sizeof(leadscore_scorer_options) */
  /* How many of a lead's most recent events a state keeps to absorb late and
   * duplicate events exactly (docs/engine.md). Default 16; 0 keeps none
   * (events must then come in order); at most LEADSCORE_MAX_REORDER_WINDOW. */
  uint32_t reorder_window;
} leadscore_scorer_options;

/* Sets `options` to the defaults (and struct_size). Header-only. */
static inline void leadscore_scorer_options_init(leadscore_scorer_options* options) {
  options->struct_size = sizeof(leadscore_scorer_options);
  options->reorder_window = 16;
}

/* A scorer of `model` with `options` (NULL: the defaults). Errors:
 * INVALID_ARGUMENT for a bad handle, a bad struct_size or a window over the
 * bound. */
LEADSCORE_C_API leadscore_status leadscore_scorer_new(const leadscore_model* model,
                                                      const leadscore_scorer_options* options,
                                                      leadscore_scorer** scorer,
                                                      leadscore_error** error);

/* Frees a scorer handle (NULL: no-op; states and batches keep it alive).
 * INVALID_ARGUMENT for a handle of another kind, which is not freed. */
LEADSCORE_C_API leadscore_status leadscore_scorer_free(leadscore_scorer* scorer);

/* ------------------------------------------------------------------------ */
/* Leads                                                                    */
/* ------------------------------------------------------------------------ */

/* Parses one lead object (a line of a leads file, spec section 1) of `len`
 * bytes. Errors: INVALID_ARGUMENT saying what is wrong and where (never
 * quoting the input), including invalid UTF-8. */
LEADSCORE_C_API leadscore_status leadscore_lead_from_json(const char* json, size_t len,
                                                          leadscore_lead** lead,
                                                          leadscore_error** error);

/* Frees a lead handle (NULL: no-op). INVALID_ARGUMENT for a handle of another
 * kind, which is not freed. */
LEADSCORE_C_API leadscore_status leadscore_lead_free(leadscore_lead* lead);

/* ------------------------------------------------------------------------ */
/* States: streaming scoring of one lead                                    */
/* ------------------------------------------------------------------------ */

/* What leadscore_state_apply_* did with an event. */
typedef enum leadscore_apply_outcome {
  LEADSCORE_APPLY_APPLIED = 0,   /* in order: applied in O(1) */
  LEADSCORE_APPLY_REORDERED = 1, /* late (within the window) or replacing a later
                                    copy of its id: merged, history replayed */
  LEADSCORE_APPLY_DUPLICATE = 2, /* an event with this id already counts: ignored */
  LEADSCORE_APPLY_LATE = 3,      /* older than the state's reorder window: refused,
                                    the state is unchanged; rescore the lead from
                                    its full history (a batch) */
  LEADSCORE_APPLY_ALREADY_APPLIED = 4 /* its source position is at or below the
                                         state's mark for that source: ignored, the
                                         state is unchanged
                                         (leadscore_state_apply_json_at) */
} leadscore_apply_outcome;

/* Types of event property values given as fields. */
typedef enum leadscore_value_kind {
  LEADSCORE_VALUE_NULL = 0,   /* missing */
  LEADSCORE_VALUE_BOOL = 1,   /* numbers[i] != 0 */
  LEADSCORE_VALUE_NUMBER = 2, /* numbers[i], finite */
  LEADSCORE_VALUE_STRING = 3, /* strings[i], NUL-terminated UTF-8 */
  LEADSCORE_VALUE_OTHER = 4   /* an object or array: only answers `exists` */
} leadscore_value_kind;

/* Checks `lead` against the scorer's model and returns its initial state
 * (attribute rules are evaluated now; when a lead's attributes change, start
 * again and re-apply its history: the state records a fingerprint of them,
 * and scoring it with a changed lead is FAILED_PRECONDITION). Errors:
 * INVALID_ARGUMENT for a host stage the model does not define. */
LEADSCORE_C_API leadscore_status leadscore_state_start(const leadscore_scorer* scorer,
                                                       const leadscore_lead* lead,
                                                       leadscore_state** state,
                                                       leadscore_error** error);

/* Reads a state written by leadscore_state_to_bytes (`len` bytes) under
 * `scorer`. Errors: FAILED_PRECONDITION for a state of another model, model
 * fingerprint or reorder window (after a model change, rescore from history;
 * docs/live-scoring.md);
 * DATA_LOSS for truncated or corrupted bytes; UNIMPLEMENTED for a newer
 * format version. */
LEADSCORE_C_API leadscore_status leadscore_state_from_bytes(const leadscore_scorer* scorer,
                                                            const void* bytes, size_t len,
                                                            leadscore_state** state,
                                                            leadscore_error** error);

/* The state as bytes (versioned, checksummed; docs/reliability.md) to keep
 * between requests. `*bytes` (not NUL-terminated) is owned by `state` (see
 * Ownership). */
LEADSCORE_C_API leadscore_status leadscore_state_to_bytes(leadscore_state* state,
                                                          const void** bytes, size_t* len,
                                                          leadscore_error** error);

/* Applies one event, given as an event object (a line of an events file,
 * spec section 2; its lead_id must be the lead's id), to the state of `lead`.
 * `outcome` and `transition_count` (stage changes this event caused, read
 * them with leadscore_state_transition) may be NULL. A late event is not an
 * error: OK with LEADSCORE_APPLY_LATE (the only use of "out of range" here).
 * Errors: INVALID_ARGUMENT for a bad event (a time outside the engine's
 * range, 1900-2189, included) or one of another lead. On error the state is
 * unchanged and has no transitions. */
LEADSCORE_C_API leadscore_status leadscore_state_apply_json(
    leadscore_state* state, const leadscore_lead* lead, const char* event_json, size_t len,
    leadscore_apply_outcome* outcome, size_t* transition_count, leadscore_error** error);

/* The same without JSON (the hot path): an event of `lead` with id `event_id`
 * (NULL: no id), `type`, time `at_unix_ns` and `property_count` properties as
 * parallel arrays: keys[i] (NUL-terminated UTF-8), kinds[i], and numbers[i]
 * (for BOOL and NUMBER) or strings[i] (for STRING). `numbers` or `strings`
 * may be NULL when no property needs them. A key given twice: the first wins (as in JSON).
 * Errors: INVALID_ARGUMENT for a NULL or invalid string, an unknown kind, a
 * non-finite number, more than LEADSCORE_MAX_PROPERTIES properties;
 * OUT_OF_RANGE for an `at_unix_ns` outside the engine's range; as
 * leadscore_state_apply_json otherwise. */
LEADSCORE_C_API leadscore_status leadscore_state_apply_fields(
    leadscore_state* state, const leadscore_lead* lead, const char* event_id, const char* type,
    int64_t at_unix_ns, size_t property_count, const char* const* keys,
    const leadscore_value_kind* kinds, const double* numbers, const char* const* strings,
    leadscore_apply_outcome* outcome, size_t* transition_count, leadscore_error** error);

/* As leadscore_state_apply_json, for an event read at offset `offset` of
 * source `source` (a stream, partition or file name; NUL-terminated UTF-8):
 * the state remembers the highest offset it applied per source, and an event
 * at or below it is LEADSCORE_APPLY_ALREADY_APPLIED whatever its age, time or
 * id, so a queue's re-delivery is never counted twice (docs/live-scoring.md,
 * "The streaming contract"). Offsets of one source must grow with delivery
 * order. Errors: as leadscore_state_apply_json; INVALID_ARGUMENT for a NULL
 * or invalid `source`. */
LEADSCORE_C_API leadscore_status leadscore_state_apply_json_at(
    leadscore_state* state, const leadscore_lead* lead, const char* event_json, size_t len,
    const char* source, uint64_t offset, leadscore_apply_outcome* outcome,
    size_t* transition_count, leadscore_error** error);

/* Looks at the lead at `t_unix_ns` (not before its newest event) and finds
 * the change of its reported stage since the one last seen, if any: what
 * decay, an expiring window or consent taking effect did between events
 * (cause "time"). Read it with leadscore_state_transition (at most one;
 * `transition_count` may be NULL). The scores and what later events compute
 * do not change. Errors: FAILED_PRECONDITION for a time before the newest
 * event or a lead whose attributes changed (leadscore_state_update_lead);
 * OUT_OF_RANGE outside the engine's range. */
LEADSCORE_C_API leadscore_status leadscore_state_advance(leadscore_state* state,
                                                         const leadscore_lead* lead,
                                                         int64_t t_unix_ns,
                                                         size_t* transition_count,
                                                         leadscore_error** error);

/* Takes a changed lead record (attributes, consent, host stage) into the
 * state without replaying its events: attribute rules are evaluated again;
 * the change of the reported stage, if any, is seen at `at_unix_ns` (cause
 * "lead"; read it with leadscore_state_transition). Errors:
 * FAILED_PRECONDITION when an attribute that event or pattern rules read
 * changed (rebuild the state from the lead's history) or for a state of
 * another model; INVALID_ARGUMENT for a host stage the model does not
 * define; OUT_OF_RANGE outside the engine's range. */
LEADSCORE_C_API leadscore_status leadscore_state_update_lead(leadscore_state* state,
                                                             const leadscore_lead* lead,
                                                             int64_t at_unix_ns,
                                                             size_t* transition_count,
                                                             leadscore_error** error);

/* Stage change `index` of the last successful apply on `state` (0 to
 * transition_count - 1): from stage, to stage (owned by `state`) and when
 * (the event's time). Out-parameters may be NULL. Errors: INVALID_ARGUMENT
 * for an index past the count. */
LEADSCORE_C_API leadscore_status leadscore_state_transition(const leadscore_state* state,
                                                            size_t index, const char** from,
                                                            const char** to,
                                                            int64_t* at_unix_ns);

/* More of stage change `index` of the last successful apply on `state` (as
 * leadscore_state_transition; docs/live-scoring.md, "Transitions"): its
 * `cause` ("event" for an apply, "time" for leadscore_state_advance, "lead"
 * for leadscore_state_update_lead) and the
 * `event_id` of the event whose classification moment it was, NULL when
 * that event has no id (a late event's merge reports the moments of the
 * events after it too, each with its own id). Both NUL-terminated, owned by
 * `state` (see Ownership). Out-parameters may be NULL. Errors:
 * INVALID_ARGUMENT for an index past the count. */
LEADSCORE_C_API leadscore_status leadscore_state_transition_cause(const leadscore_state* state,
                                                                  size_t index,
                                                                  const char** cause,
                                                                  const char** event_id);

/* The scorecard of `lead` as of `as_of_unix_ns` (not before its newest
 * applied event) as JSON: exactly the line `leadscore score` writes for it
 * (spec section 6, with "explain" when `explain` is non-zero), without the
 * newline. `*json` is owned by `state` (see Ownership). Pass the lead the
 * state was started with (it is not checked: its consent, stage and
 * attributes are read). Errors: FAILED_PRECONDITION for an as-of before the
 * newest applied event; INVALID_ARGUMENT for a host stage the model does not
 * define; OUT_OF_RANGE outside the engine's range. */
LEADSCORE_C_API leadscore_status leadscore_state_score_json(leadscore_state* state,
                                                            const leadscore_lead* lead,
                                                            int64_t as_of_unix_ns, int explain,
                                                            const char** json, size_t* len,
                                                            leadscore_error** error);

/* Overwrites the state's memory and the bytes and text it returned with zeros
 * (right to be forgotten), then frees it (NULL: no-op). INVALID_ARGUMENT for
 * a handle of another kind, which is not freed. */
LEADSCORE_C_API leadscore_status leadscore_state_free(leadscore_state* state);

/* ------------------------------------------------------------------------ */
/* Batches: JSON Lines in, scorecard JSON Lines out                         */
/* ------------------------------------------------------------------------ */

/* Version 1 of the batch options. */
typedef struct leadscore_batch_options {
  size_t struct_size; /* sizeof(leadscore_batch_options) */
  int explain;        /* non-zero: scorecards with "explain" (--explain) */
  int threads;        /* threads that score, 1 to LEADSCORE_MAX_BATCH_THREADS
                         (the output is the same for any number) */
  int skip_bad_lines; /* non-zero: skip bad lines and report them
                         (leadscore_batch_rejected; --on-error skip); zero: the
                         first bad line fails the call (--on-error fail) */
} leadscore_batch_options;

/* Sets `options` to the defaults (no explain, 1 thread, fail on a bad line)
 * and struct_size. Header-only. */
static inline void leadscore_batch_options_init(leadscore_batch_options* options) {
  options->struct_size = sizeof(leadscore_batch_options);
  options->explain = 0;
  options->threads = 1;
  options->skip_bad_lines = 0;
}

/* A batch job scoring with `scorer` and `options` (NULL: the defaults).
 * Errors: INVALID_ARGUMENT for a bad handle, struct_size or thread count. */
LEADSCORE_C_API leadscore_status leadscore_batch_new(const leadscore_scorer* scorer,
                                                     const leadscore_batch_options* options,
                                                     leadscore_batch** batch,
                                                     leadscore_error** error);

/* Scores every lead of the JSON Lines buffer `leads` with the events of the
 * JSON Lines buffer `events` (NULL and 0: none) as of `as_of_unix_ns`, exactly
 * as `leadscore score` does with those files: the same lines are read (CRLF,
 * byte-order marks and blank lines as there), and `*out` is byte for byte its
 * output, one scorecard line (with its newline) per lead in leads order. `*out`
 * is owned by `batch` (see Ownership). Bad lines (a line that does not parse,
 * a lead id given twice, a stage the model does not define, an event time
 * outside the engine's range) fail the call with INVALID_ARGUMENT and one
 * detail naming the buffer ("leads" or "events") and line, or with
 * skip_bad_lines are skipped and listed by leadscore_batch_rejected.
 * Errors: OUT_OF_RANGE for an as-of outside the engine's range;
 * INVALID_ARGUMENT for a buffer over LEADSCORE_MAX_BATCH_BYTES. */
LEADSCORE_C_API leadscore_status leadscore_batch_score_jsonl(
    leadscore_batch* batch, const char* leads, size_t leads_len, const char* events,
    size_t events_len, int64_t as_of_unix_ns, const char** out, size_t* out_len,
    leadscore_error** error);

/* How many bad lines the last leadscore_batch_score_jsonl skipped. */
LEADSCORE_C_API leadscore_status leadscore_batch_rejected_count(const leadscore_batch* batch,
                                                                size_t* count);

/* Bad line `index` of the last call, in input order (leads first): its
 * buffer ("leads" or "events"), 1-based line number and what is wrong (owned
 * by `batch`). Out-parameters may be NULL. Errors: INVALID_ARGUMENT for an
 * index past the count. */
LEADSCORE_C_API leadscore_status leadscore_batch_rejected(const leadscore_batch* batch,
                                                          size_t index, const char** source,
                                                          uint64_t* line, const char** message);

/* Frees a batch handle and its output (NULL: no-op). INVALID_ARGUMENT for a
 * handle of another kind, which is not freed. */
LEADSCORE_C_API leadscore_status leadscore_batch_free(leadscore_batch* batch);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* LEADSCORE_LEADSCORE_C_H_ */
