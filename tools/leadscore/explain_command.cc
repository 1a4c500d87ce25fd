// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore explain: a readable account of one lead.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/explanation.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/model.h"
#include "leadscore/time.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kUsage[] =
    "usage: leadscore explain --model M --leads L [--events E] --as-of T --lead ID\n"
    "                         [--leads-format csv|jsonl] [--id-column C] ...  (CSV leads:\n"
    "                         see docs/cli.md)\n";

int Usage(absl::string_view why) { return UsageError("explain", why, kUsage); }

}  // namespace

int RunExplain(int argc, char** argv) {
  if (PrintedHelp(argc, argv, kUsage)) return kExitOk;
  absl::StatusOr<Args> args = Args::Parse(
      argc, argv, 2, Merge({"model", "leads", "events", "as-of", "lead"}, LeadsFormatFlags()),
      LeadsFormatSwitches());
  if (!args.ok()) return Usage(args.status().message());
  if (absl::Status s = RequireFlags(*args, {"model", "leads", "as-of", "lead"}); !s.ok()) {
    return Usage(s.message());
  }
  absl::StatusOr<absl::Time> as_of = AsOfFromArgs(*args);
  if (!as_of.ok()) return Usage(as_of.status().message());
  const std::shared_ptr<const Model> model = LoadModel(*args->Get("model"));
  if (model == nullptr) return kExitBadInput;
  absl::StatusOr<LeadsFormat> leads_format =
      LeadsFormatFromArgs(*args, *args->Get("leads"));
  if (!leads_format.ok()) return Usage(leads_format.status().message());
  const std::string wanted = *args->Get("lead");
  InputOptions in;
  in.leads_path = *args->Get("leads");
  in.leads_format = *leads_format;
  InputStats stats;
  const Scorer scorer(model);
  // Every lead line gets the checks `score` makes, so both commands agree.
  std::optional<Lead> lead;
  absl::flat_hash_set<std::string> ids;
  absl::Status s = ReadLeadsFile(in, &stats,
                                 [&](Lead&& l, std::optional<bool>) -> absl::Status {
                                   if (!ids.insert(l.id).second) {
                                     return absl::AlreadyExistsError(
                                         absl::StrCat("duplicate lead id '", l.id, "'"));
                                   }
                                   if (absl::Status c = scorer.CheckLead(l); !c.ok()) return c;
                                   if (l.id == wanted) lead = std::move(l);
                                   return absl::OkStatus();
                                 });
  std::vector<Event> events;
  if (s.ok() && args->Has("events")) {
    s = ReadLines(*args->Get("events"), "events", in, &stats, &stats.event_lines,
                  [&](absl::string_view line) -> absl::Status {
                    absl::StatusOr<Event> e = ParseEventJson(line);
                    if (!e.ok()) return e.status();
                    if (e->lead_id == wanted) events.push_back(*std::move(e));
                    return absl::OkStatus();
                  });
  }
  if (!s.ok()) return ReadFailed("explain", s);
  if (!lead) {
    std::fprintf(stderr, "leadscore explain: no lead with id '%s' in %s\n", wanted.c_str(),
                 args->Get("leads")->c_str());
    return kExitBadInput;
  }
  absl::StatusOr<Explanation> ex = ExplainLead(scorer, *lead, events, *as_of);
  if (!ex.ok()) {
    std::fprintf(stderr, "leadscore explain: %s\n", std::string(ex.status().message()).c_str());
    return kExitBadInput;
  }
  const std::string text = FormatExplanation(*ex);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
