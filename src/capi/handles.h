// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The C ABI's opaque handles (leadscore_c.h) and how an entry point checks
// them. Not API.
//
// Every handle struct derives from Handle, whose `kind` tag is the first thing
// in its memory, so a pointer of any handle type can be read as a Handle and
// its tag compared before the pointer is trusted: a handle of the wrong kind
// (or NULL) is INVALID_ARGUMENT instead of undefined behaviour.

#ifndef LEADSCORE_SRC_CAPI_HANDLES_H_
#define LEADSCORE_SRC_CAPI_HANDLES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "leadscore/lead.h"
#include "leadscore/lead_state.h"
#include "leadscore/leadscore_c.h"
#include "leadscore/model.h"
#include "leadscore/scorer.h"
#include "leadscore/event.h"

namespace leadscore {
namespace capi {

enum class Kind : uint32_t {
  kModel = 0x4C534D31,   // "LSM1"
  kScorer = 0x4C535331,  // "LSS1"
  kLead = 0x4C534C31,    // "LSL1"
  kState = 0x4C535431,   // "LST1"
  kBatch = 0x4C534231,   // "LSB1"
  kError = 0x4C534531,   // "LSE1"
  kFreed = 0x46524545,   // "FREE": set just before delete
};

struct Handle {
  explicit Handle(Kind k) : kind(k) {}
  Kind kind;
};

// One detail of an error: a model problem or a bad line.
struct Detail {
  std::string source;   // "model", "leads", "events"
  uint64_t line = 0;    // 0: not a line
  std::string pointer;  // JSON pointer, "" when none
  std::string message;
};

// A bad line a batch skipped.
struct Rejected {
  const char* source;  // static: "leads" or "events"
  uint64_t line;
  std::string message;
};

}  // namespace capi
}  // namespace leadscore

struct leadscore_model : leadscore::capi::Handle {
  leadscore_model() : Handle(leadscore::capi::Kind::kModel) {}
  std::shared_ptr<const leadscore::Model> model;
};

struct leadscore_scorer : leadscore::capi::Handle {
  explicit leadscore_scorer(leadscore::Scorer s)
      : Handle(leadscore::capi::Kind::kScorer), scorer(std::move(s)) {}
  leadscore::Scorer scorer;
};

struct leadscore_lead : leadscore::capi::Handle {
  leadscore_lead() : Handle(leadscore::capi::Kind::kLead) {}
  leadscore::Lead lead;
};

struct leadscore_state : leadscore::capi::Handle {
  explicit leadscore_state(const leadscore::Scorer& s)
      : Handle(leadscore::capi::Kind::kState), scorer(s) {}
  leadscore::Scorer scorer;  // a copy: keeps the model alive
  leadscore::LeadState state;
  leadscore::ApplyResult last;  // transitions of the last successful apply
  leadscore::Event event;       // reused by apply (keeps string capacity)
  std::string bytes;            // leadscore_state_to_bytes
  std::string json;             // leadscore_state_score_json
};

struct leadscore_batch : leadscore::capi::Handle {
  leadscore_batch(const leadscore::Scorer& s, bool explain, int threads, bool skip)
      : Handle(leadscore::capi::Kind::kBatch),
        scorer(s),
        explain(explain),
        threads(threads),
        skip_bad_lines(skip) {}
  leadscore::Scorer scorer;
  bool explain;
  int threads;
  bool skip_bad_lines;
  std::string out;
  std::vector<leadscore::capi::Rejected> rejected;
};

struct leadscore_error : leadscore::capi::Handle {
  leadscore_error() : Handle(leadscore::capi::Kind::kError) {}
  leadscore_status code = LEADSCORE_UNKNOWN;
  std::string message;
  std::vector<leadscore::capi::Detail> details;
};

namespace leadscore {
namespace capi {

// True when `p` is a live handle of kind `k` (false for NULL).
inline bool Is(const void* p, Kind k) {
  return p != nullptr && static_cast<const Handle*>(p)->kind == k;
}

// `p` as T when it is a live handle of kind `k`, else null. T's first base is
// Handle, at offset 0, so reading the tag through any handle type is sound.
template <typename T>
T* As(T* p, Kind k) {
  return Is(p, k) ? p : nullptr;
}

// Frees a handle of kind `k`: NULL is a no-op, another kind is refused
// (INVALID_ARGUMENT, nothing freed). The tag is spoiled first, so a second
// free of the same pointer is usually caught too (it is still undefined).
template <typename T>
leadscore_status FreeHandle(T* p, Kind k) {
  if (p == nullptr) return LEADSCORE_OK;
  if (!Is(p, k)) return LEADSCORE_INVALID_ARGUMENT;
  p->kind = Kind::kFreed;
  delete p;
  return LEADSCORE_OK;
}

}  // namespace capi
}  // namespace leadscore

#endif  // LEADSCORE_SRC_CAPI_HANDLES_H_
