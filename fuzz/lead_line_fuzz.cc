// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ParseLeadJson on arbitrary bytes, both paths: the simdjson fast path may
// decline any line (the nlohmann path then decides), but a line it accepts
// must be accepted by the nlohmann path with an equal Lead. Parsing into a
// reused Lead must give what parsing into a fresh one gives.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "io/jsonl_fast.h"
#include "leadscore/io/jsonl.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "lead_line_fuzz: %s\n", what);
    std::abort();
  }
}

bool Same(const leadscore::Lead& a, const leadscore::Lead& b) {
  return a.id == b.id && a.created_at == b.created_at &&
         a.consent.granted == b.consent.granted && a.consent.at == b.consent.at &&
         a.stage == b.stage && a.attributes == b.attributes;
}

leadscore::Lead Used() {
  leadscore::Lead l;
  l.id = "old";
  l.created_at = absl::UnixEpoch();
  l.consent = {true, absl::UnixEpoch()};
  l.stage = "mql";
  l.attributes.emplace("job_title", leadscore::Value::String("VP"));
  return l;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  leadscore::Lead fast = Used(), slow = Used();
  const bool fast_ok = leadscore::internal::FastParseLead(text, &fast);
  const absl::Status slow_status = leadscore::internal::SlowParseLead(text, &slow);
  if (!slow_status.ok()) {
    Check(slow_status.code() == absl::StatusCode::kInvalidArgument &&
              !slow_status.message().empty(),
          "a bad line must be InvalidArgument with a message");
  }
  if (fast_ok) {
    Check(slow_status.ok(), "fast path accepted a line the nlohmann path rejects");
    Check(Same(fast, slow), "fast and nlohmann paths parsed different leads");
  }
  // The public entry points, fresh and reused.
  auto fresh = leadscore::ParseLeadJson(text);
  leadscore::Lead reused = Used();
  const absl::Status reused_status = leadscore::ParseLeadJson(text, &reused);
  Check(fresh.ok() == slow_status.ok() && reused_status.ok() == slow_status.ok(),
        "ParseLeadJson disagrees with the nlohmann path on accepting");
  if (fresh.ok()) {
    Check(Same(*fresh, slow) && Same(reused, slow), "ParseLeadJson gave another lead");
  }
  return 0;
}
