/* leadscore's C ABI as PHP's FFI::cdef reads it: the declarations of
 * include/leadscore/leadscore_c.h without comments, macros and the header-only
 * *_init helpers (FFI's C parser takes no preprocessor directives). Generated
 * from that header; tests/run.php checks that every prototype here is the
 * header's, so a change there that is not copied here fails the test. */
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
const char* leadscore_version(void);
const char* leadscore_status_name(leadscore_status status);
leadscore_status leadscore_error_code(const leadscore_error* error);
const char* leadscore_error_message(const leadscore_error* error);
size_t leadscore_error_detail_count(const leadscore_error* error);
leadscore_status leadscore_error_detail(const leadscore_error* error,
                                                        size_t index, const char** source,
                                                        uint64_t* line, const char** pointer,
                                                        const char** message);
leadscore_status leadscore_error_free(leadscore_error* error);
leadscore_status leadscore_time_parse(const char* text, size_t len,
                                                      int64_t* unix_ns,
                                                      leadscore_error** error);
leadscore_status leadscore_model_from_json(const char* json, size_t len,
                                                           leadscore_model** model,
                                                           leadscore_error** error);
leadscore_status leadscore_model_from_file(const char* path,
                                                           leadscore_model** model,
                                                           leadscore_error** error);
leadscore_status leadscore_model_free(leadscore_model* model);
typedef struct leadscore_scorer_options {
  size_t struct_size; 
  uint32_t reorder_window;
} leadscore_scorer_options;
leadscore_status leadscore_scorer_new(const leadscore_model* model,
                                                      const leadscore_scorer_options* options,
                                                      leadscore_scorer** scorer,
                                                      leadscore_error** error);
leadscore_status leadscore_scorer_free(leadscore_scorer* scorer);
leadscore_status leadscore_lead_from_json(const char* json, size_t len,
                                                          leadscore_lead** lead,
                                                          leadscore_error** error);
leadscore_status leadscore_lead_free(leadscore_lead* lead);
typedef enum leadscore_apply_outcome {
  LEADSCORE_APPLY_APPLIED = 0,   
  LEADSCORE_APPLY_REORDERED = 1, 
  LEADSCORE_APPLY_DUPLICATE = 2, 
  LEADSCORE_APPLY_LATE = 3,
  LEADSCORE_APPLY_ALREADY_APPLIED = 4
} leadscore_apply_outcome;
typedef enum leadscore_value_kind {
  LEADSCORE_VALUE_NULL = 0,   
  LEADSCORE_VALUE_BOOL = 1,   
  LEADSCORE_VALUE_NUMBER = 2, 
  LEADSCORE_VALUE_STRING = 3, 
  LEADSCORE_VALUE_OTHER = 4   
} leadscore_value_kind;
leadscore_status leadscore_state_start(const leadscore_scorer* scorer,
                                                       const leadscore_lead* lead,
                                                       leadscore_state** state,
                                                       leadscore_error** error);
leadscore_status leadscore_state_from_bytes(const leadscore_scorer* scorer,
                                                            const void* bytes, size_t len,
                                                            leadscore_state** state,
                                                            leadscore_error** error);
leadscore_status leadscore_state_to_bytes(leadscore_state* state,
                                                          const void** bytes, size_t* len,
                                                          leadscore_error** error);
leadscore_status leadscore_state_apply_json(
    leadscore_state* state, const leadscore_lead* lead, const char* event_json, size_t len,
    leadscore_apply_outcome* outcome, size_t* transition_count, leadscore_error** error);
leadscore_status leadscore_state_apply_fields(
    leadscore_state* state, const leadscore_lead* lead, const char* event_id, const char* type,
    int64_t at_unix_ns, size_t property_count, const char* const* keys,
    const leadscore_value_kind* kinds, const double* numbers, const char* const* strings,
    leadscore_apply_outcome* outcome, size_t* transition_count, leadscore_error** error);
leadscore_status leadscore_state_apply_json_at(
    leadscore_state* state, const leadscore_lead* lead, const char* event_json, size_t len,
    const char* source, uint64_t offset, leadscore_apply_outcome* outcome,
    size_t* transition_count, leadscore_error** error);
leadscore_status leadscore_state_advance(leadscore_state* state, const leadscore_lead* lead,
                                         int64_t t_unix_ns, size_t* transition_count,
                                         leadscore_error** error);
leadscore_status leadscore_state_update_lead(leadscore_state* state, const leadscore_lead* lead,
                                             int64_t at_unix_ns, size_t* transition_count,
                                             leadscore_error** error);
leadscore_status leadscore_state_transition(const leadscore_state* state,
                                                            size_t index, const char** from,
                                                            const char** to,
                                                            int64_t* at_unix_ns);
leadscore_status leadscore_state_transition_cause(const leadscore_state* state,
                                                                  size_t index,
                                                                  const char** cause,
                                                                  const char** event_id);
leadscore_status leadscore_state_score_json(leadscore_state* state,
                                                            const leadscore_lead* lead,
                                                            int64_t as_of_unix_ns, int explain,
                                                            const char** json, size_t* len,
                                                            leadscore_error** error);
leadscore_status leadscore_state_free(leadscore_state* state);
typedef struct leadscore_batch_options {
  size_t struct_size; 
  int explain;        
  int threads;        
  int skip_bad_lines; 
} leadscore_batch_options;
leadscore_status leadscore_batch_new(const leadscore_scorer* scorer,
                                                     const leadscore_batch_options* options,
                                                     leadscore_batch** batch,
                                                     leadscore_error** error);
leadscore_status leadscore_batch_score_jsonl(
    leadscore_batch* batch, const char* leads, size_t leads_len, const char* events,
    size_t events_len, int64_t as_of_unix_ns, const char** out, size_t* out_len,
    leadscore_error** error);
leadscore_status leadscore_batch_rejected_count(const leadscore_batch* batch,
                                                                size_t* count);
leadscore_status leadscore_batch_rejected(const leadscore_batch* batch,
                                                          size_t index, const char** source,
                                                          uint64_t* line, const char** message);
leadscore_status leadscore_batch_free(leadscore_batch* batch);
