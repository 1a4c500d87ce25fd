// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// C ABI: models, scorers and leads.

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "capi/errors.h"
#include "capi/handles.h"
#include "util/secure_zero.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/leadscore_c.h"
#include "leadscore/model.h"
#include "leadscore/scorer.h"

using leadscore::capi::CheckDocument;
using leadscore::capi::CheckHandle;
using leadscore::capi::CheckOptionsSize;
using leadscore::capi::CheckOut;
using leadscore::capi::CheckString;
using leadscore::capi::Fail;
using leadscore::capi::FreeHandle;
using leadscore::capi::Guard;
using leadscore::capi::Is;
using leadscore::capi::Kind;
using leadscore::capi::ModelDetails;
using leadscore::capi::Ok;

namespace {

// A loaded model into a new handle, or the failure with its diagnostics.
leadscore_status ModelResult(absl::StatusOr<std::shared_ptr<const leadscore::Model>> loaded,
                             const std::vector<leadscore::ModelDiagnostic>& diagnostics,
                             leadscore_model** model, leadscore_error** error) {
  if (!loaded.ok()) return Fail(loaded.status(), error, ModelDetails(diagnostics));
  auto handle = std::make_unique<leadscore_model>();
  handle->model = *std::move(loaded);
  *model = handle.release();
  return Ok(error);
}

}  // namespace

extern "C" {

leadscore_status leadscore_model_from_json(const char* json, size_t len,
                                           leadscore_model** model, leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    absl::string_view text;
    if (absl::Status s = CheckOut(model, "model"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckDocument(json, len, LEADSCORE_MAX_DOCUMENT_BYTES, "json", &text);
        !s.ok()) {
      return Fail(s, error);
    }
    std::vector<leadscore::ModelDiagnostic> diagnostics;
    auto loaded = leadscore::Model::FromJson(text, &diagnostics);
    return ModelResult(std::move(loaded), diagnostics, model, error);
  });
}

leadscore_status leadscore_model_from_file(const char* path, leadscore_model** model,
                                           leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    absl::string_view p;
    if (absl::Status s = CheckOut(model, "model"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckString(path, "path", &p); !s.ok()) return Fail(s, error);
    std::vector<leadscore::ModelDiagnostic> diagnostics;
    auto loaded = leadscore::Model::FromFile(std::string(p), &diagnostics);
    return ModelResult(std::move(loaded), diagnostics, model, error);
  });
}

leadscore_status leadscore_model_free(leadscore_model* model) {
  return FreeHandle(model, Kind::kModel);
}

leadscore_status leadscore_scorer_new(const leadscore_model* model,
                                      const leadscore_scorer_options* options,
                                      leadscore_scorer** scorer, leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckHandle(model, Kind::kModel, "model"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckOut(scorer, "scorer"); !s.ok()) return Fail(s, error);
    leadscore::ScorerOptions o;
    if (options != nullptr) {
      constexpr size_t kV1 = offsetof(leadscore_scorer_options, reorder_window) +
                             sizeof(options->reorder_window);
      if (absl::Status s = CheckOptionsSize(options, kV1, sizeof(leadscore_scorer_options),
                                            "leadscore_scorer_options");
          !s.ok()) {
        return Fail(s, error);
      }
      if (options->reorder_window > LEADSCORE_MAX_REORDER_WINDOW) {
        return Fail(absl::InvalidArgumentError(absl::StrCat(
                        "reorder_window ", options->reorder_window, " is over the bound of ",
                        LEADSCORE_MAX_REORDER_WINDOW)),
                    error);
      }
      o.reorder_window = options->reorder_window;
    }
    *scorer = new leadscore_scorer(leadscore::Scorer(model->model, o));
    return Ok(error);
  });
}

leadscore_status leadscore_scorer_free(leadscore_scorer* scorer) {
  return FreeHandle(scorer, Kind::kScorer);
}

leadscore_status leadscore_lead_from_json(const char* json, size_t len, leadscore_lead** lead,
                                          leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    absl::string_view text;
    if (absl::Status s = CheckOut(lead, "lead"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckDocument(json, len, LEADSCORE_MAX_DOCUMENT_BYTES, "json", &text);
        !s.ok()) {
      return Fail(s, error);
    }
    auto handle = std::make_unique<leadscore_lead>();
    if (absl::Status s = leadscore::ParseLeadJson(text, &handle->lead); !s.ok()) {
      return Fail(s, error);
    }
    *lead = handle.release();
    return Ok(error);
  });
}

leadscore_status leadscore_lead_free(leadscore_lead* lead) {
  if (Is(lead, Kind::kLead)) {  // personal data: wiped, not just released
    leadscore::internal::SecureWipe(&lead->lead.id);
    for (auto& kv : lead->lead.attributes) kv.second.Wipe();
  }
  return FreeHandle(lead, Kind::kLead);
}

}  // extern "C"
