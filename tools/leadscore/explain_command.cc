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
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/explanation.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/model.h"
#include "leadscore/time.h"
#include "messages.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kSynopsis[] =
    "usage: leadscore explain --model M --leads L [--events E] --as-of T --lead ID\n"
    "                         [--leads-format csv|jsonl] [--id-column C] ...  (CSV leads:\n"
    "                         see docs/cli.md)\n";

constexpr char kDescription[] =
    "Tells, in words, why one lead has its scores and stage at the scoring time.";

struct ExplainArgs {
  std::optional<std::string> model, leads, events, lead;
  std::optional<absl::Time> as_of;
  LeadsFormatArgs leads_format;
};

}  // namespace

int RunExplain(int argc, char** argv) {
  CommandLine cl("explain", kSynopsis, kDescription);
  ExplainArgs a;
  cl.Text("model", "M", "the model file (JSON)", &a.model);
  cl.Text("leads", "L", "leads, JSON Lines or CSV ('-': standard input)", &a.leads);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &a.events);
  cl.Time("as-of", "the scoring time, RFC 3339 (2026-11-01T00:00:00Z)", &a.as_of);
  cl.Text("lead", "ID", "the id of the lead to explain", &a.lead);
  AddLeadsFormatOptions(&cl, &a.leads_format);
  cl.Require({"model", "leads", "as-of", "lead"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  if (absl::Status s = AtMostOneStandardInput({{"leads", &a.leads}, {"events", &a.events}});
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  const std::shared_ptr<const Model> model = LoadModel(*a.model);
  if (model == nullptr) return kExitBadInput;
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(a.leads_format, *a.leads);
  if (!leads_format.ok()) return cl.UsageError(leads_format.status().message());
  const std::string wanted = *a.lead;
  InputOptions in;
  in.leads_path = *a.leads;
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
  if (s.ok() && a.events) {
    s = ReadLines(*a.events, "events", in, &stats, &stats.event_lines,
                  [&](absl::string_view line) -> absl::Status {
                    absl::StatusOr<Event> e = ParseEventJson(line);
                    if (!e.ok()) return e.status();
                    if (e->lead_id == wanted) events.push_back(*std::move(e));
                    return absl::OkStatus();
                  });
  }
  if (!s.ok()) return ReadFailed("explain", s, stats);
  if (!lead) {
    PrintCommandError("explain", absl::StrCat("no lead with id '", wanted, "' in ", *a.leads));
    return kExitBadInput;
  }
  absl::StatusOr<Explanation> ex = ExplainLead(scorer, *lead, events, *a.as_of);
  if (!ex.ok()) {
    PrintCommandError("explain", ex.status().message());
    return kExitBadInput;
  }
  const std::string text = FormatExplanation(*ex);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
