// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// DeserializeLeadState on arbitrary bytes: the result must be an error or a
// state that scores finitely, takes one more event, and writes back the
// same bytes. Random bytes would almost never pass the CRC-32C, so unless
// the input already starts with the "LSST" header, it is taken as the
// payload and given a valid header and checksum: the fuzzer then explores
// the reader's validation, not the checksum.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "scoring/lead_state_data.h"
#include "util/crc32c.h"
#include "leadscore/leadscore.h"
#include "leadscore/state_io.h"
#include "state_fuzz_model.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "state_fuzz: %s\n", what);
    std::abort();
  }
}

using leadscore_fuzz::kStateFuzzModel;
using leadscore_fuzz::kWindow;

struct Fixture {
  std::shared_ptr<const leadscore::Model> model;
  std::unique_ptr<leadscore::Scorer> scorer;
  leadscore::Lead lead;
};

const Fixture& Get() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    auto m = leadscore::Model::FromJson(kStateFuzzModel);
    Check(m.ok(), "the fixed model does not load");
    x->model = *m;
    x->scorer = std::make_unique<leadscore::Scorer>(x->model, leadscore::ScorerOptions{kWindow});
    x->lead.id = "L-1";
    x->lead.consent.granted = true;
    x->lead.attributes.emplace("size", leadscore::Value::Number(50));
    return x;
  }();
  return *f;
}

// Header + payload as SerializeLeadState writes them (little-endian).
std::string Wrap(absl::string_view payload) {
  std::string out = "LSST";
  auto put = [&out](uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
  };
  put(leadscore::kLeadStateFormatVersion, 4);
  put(payload.size(), 8);
  put(leadscore::internal::Crc32c(payload), 4);
  out.append(payload.data(), payload.size());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = Get();
  const absl::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string bytes = in.substr(0, 4) == "LSST" ? std::string(in) : Wrap(in);
  auto state = leadscore::DeserializeLeadState(*f.scorer, bytes);
  if (!state.ok()) {
    Check(!state.status().message().empty(), "an error needs a message");
    return 0;
  }
  // What was read writes back the same bytes (format 2 bytes, read too, are
  // written as format 3, which must then read back to the same bytes).
  // (Encoded afresh: the bytes the reader keeps of checkpoints would make
  // the comparison trivial.)
  leadscore::internal::ForgetCheckpointBytes(&*state);
  const std::string written = leadscore::SerializeLeadState(*f.scorer, *state);
  if (static_cast<uint8_t>(bytes[4]) == leadscore::kLeadStateFormatVersion) {
    Check(written == bytes, "a state read does not write back the same bytes");
  } else {
    auto again = leadscore::DeserializeLeadState(*f.scorer, written);
    Check(again.ok(), "a format 2 state written as format 3 does not read back");
    Check(leadscore::SerializeLeadState(*f.scorer, *again) == written,
          "a format 2 state written as format 3 does not write back the same bytes");
  }

  const absl::Time base = absl::FromUnixSeconds(1790000000);
  const absl::Time last = state->has_events() ? state->last_event_time() : base;
  const absl::Time as_of = std::max(last, base) + absl::Hours(1);
  // The bytes carry a fingerprint of the lead's attributes; take the
  // fixture's lead in (it may refuse, as for a changed attribute that event
  // rules read) so that Score below reads the state rather than refusing it.
  (void)f.scorer->UpdateLead(f.lead, *state, as_of);
  auto card = f.scorer->Score(f.lead, *state, as_of);
  if (card.ok()) {  // an error (e.g. times outside the engine range) is fine
    Check(std::isfinite(card->total), "total is not finite");
    for (const auto& d : card->dimensions) Check(std::isfinite(d.score), "score not finite");
  }
  leadscore::Event e;
  e.id = "E-next";
  e.lead_id = f.lead.id;
  e.type = "view";
  e.at = as_of;
  auto applied = f.scorer->Apply(f.lead, e, *state);
  if (applied.ok()) {
    auto after = f.scorer->Score(f.lead, *state, as_of + absl::Hours(1));
    if (after.ok()) Check(std::isfinite(after->total), "total not finite after Apply");
  }
  leadscore::EraseLeadState(&*state);
  return 0;
}
