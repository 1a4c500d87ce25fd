// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ParseEventJson on arbitrary bytes, both paths: the simdjson fast path may
// decline any line (the nlohmann path then decides), but a line it accepts
// must be accepted by the nlohmann path with an equal Event. Parsing into a
// reused Event must give what parsing into a fresh one gives.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "io/jsonl_fast.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/time.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "event_line_fuzz: %s\n", what);
    std::abort();
  }
}

bool Same(const leadscore::Event& a, const leadscore::Event& b) {
  return a.id == b.id && a.lead_id == b.lead_id && a.type == b.type && a.at == b.at &&
         a.properties == b.properties;
}

leadscore::Event Used() {
  leadscore::Event e;
  e.id = "old";
  e.lead_id = "L-old";
  e.type = "page_view";
  e.at = absl::UnixEpoch();
  e.properties.emplace("url", leadscore::Value::String("/pricing"));
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  leadscore::Event fast = Used(), slow = Used();
  const bool fast_ok = leadscore::internal::FastParseEvent(text, &fast);
  const absl::Status slow_status = leadscore::internal::SlowParseEvent(text, &slow);
  if (!slow_status.ok()) {
    Check(slow_status.code() == absl::StatusCode::kInvalidArgument &&
              !slow_status.message().empty(),
          "a bad line must be InvalidArgument with a message");
  } else {
    // An accepted event can be used by the engine as is.
    Check(leadscore::ToEngineNanos(slow.at).ok(), "accepted 'at' outside the engine range");
  }
  if (fast_ok) {
    Check(slow_status.ok(), "fast path accepted a line the nlohmann path rejects");
    Check(Same(fast, slow), "fast and nlohmann paths parsed different events");
  }
  auto fresh = leadscore::ParseEventJson(text);
  leadscore::Event reused = Used();
  const absl::Status reused_status = leadscore::ParseEventJson(text, &reused);
  Check(fresh.ok() == slow_status.ok() && reused_status.ok() == slow_status.ok(),
        "ParseEventJson disagrees with the nlohmann path on accepting");
  if (fresh.ok()) {
    Check(Same(*fresh, slow) && Same(reused, slow), "ParseEventJson gave another event");
  }
  return 0;
}
