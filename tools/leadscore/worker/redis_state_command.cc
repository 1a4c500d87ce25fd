// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore redis-state: what the Redis Streams worker keeps, read back
// (RedisStateReader): every lead's scorecard, the transitions, the dead
// letters, each partition's progress.

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/scorer.h"
#include "leadscore/state_io.h"
#include "leadscore/worker/redis_state.h"
#include "messages.h"
#include "worker/worker_util.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: leadscore redis-state --redis URL [--partitions N] [--prefix P]\n"
    "           (--scorecards --model M --as-of T [--explain] [--window N]\n"
    "            | --transitions | --rejected | --progress [--group G])\n";

constexpr char kDescription[] =
    "Reads what `leadscore worker` keeps in Redis. --scorecards: every lead's scorecard as of "
    "T, in lead id order (as `leadscore state --scorecards`; the bytes of `leadscore score` when "
    "its leads file is in id order); --transitions: the output streams' transitions (JSON Lines), partition by "
    "partition; --rejected: the dead letters with their reasons; --progress: one JSON line a "
    "partition (length, lag, pending, owner). See docs/scale-out.md.";

}  // namespace

int RunRedisState(int argc, char** argv) {
  CommandLine cl("redis-state", kSynopsis, kDescription);
  RedisArgs r;
  std::optional<std::string> model_path;
  std::optional<absl::Time> as_of;
  std::string group = "leadscore";
  bool scorecards = false, transitions = false, rejected = false, progress = false,
       explain = false;
  size_t window = 16;
  AddRedisOptions(&cl, &r);
  cl.Switch("scorecards", "every lead's scorecard (needs --model and --as-of)", &scorecards);
  cl.Switch("transitions", "the transitions of every output stream", &transitions);
  cl.Switch("rejected", "the dead letters", &rejected);
  cl.Switch("progress", "each partition's length, lag, pending entries and owner", &progress);
  cl.Text("model", "M", "the model of the states", &model_path);
  cl.Time("as-of", "the scoring time", &as_of);
  cl.Switch("explain", "add each rule's points to the scorecards", &explain);
  cl.Whole<size_t>("window", 0, 4096, "the workers' reorder window (default 16)", &window);
  cl.Option("group", "G", "the consumer group (default leadscore)",
            [&group](const std::string& t) -> absl::Status {
              if (t.empty()) return absl::InvalidArgumentError("--group must not be empty");
              group = t;
              return absl::OkStatus();
            });
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  if (scorecards + transitions + rejected + progress != 1) {
    return cl.UsageError("give one of --scorecards, --transitions, --rejected, --progress");
  }
  if (scorecards && (!model_path || !as_of)) {
    return cl.UsageError("--scorecards needs --model and --as-of");
  }
  absl::StatusOr<std::unique_ptr<RedisStateReader>> reader =
      RedisStateReader::Open(*r.redis, r.prefix, r.partitions, group);
  if (!reader.ok()) return RedisFailed("redis-state", *r.redis, reader.status());
  std::string out;
  const auto spill = [&]() -> absl::Status {
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
      return absl::InternalError("error writing the output");
    }
    out.clear();
    return absl::OkStatus();
  };
  const auto line = [&](const std::string& text) -> absl::Status {
    out += text;
    out += '\n';
    return out.size() > (1 << 20) ? spill() : absl::OkStatus();
  };
  absl::Status s;
  if (scorecards) {
    const std::shared_ptr<const Model> model = LoadModel(*model_path);
    if (model == nullptr) return kExitBadInput;
    const Scorer scorer(model, ScorerOptions{window});
    ScoreOptions options;
    options.explain = explain;
    s = (*reader)->ForEachLead([&](const std::string& id, const std::string& record,
                                   const std::optional<std::string>& bytes) -> absl::Status {
      const auto fail = [&](const absl::Status& e) {
        return absl::Status(e.code(), absl::StrCat("lead '", id, "': ", e.message()));
      };
      absl::StatusOr<Lead> lead = ParseLeadJson(record);
      if (!lead.ok()) return fail(lead.status());
      absl::StatusOr<LeadState> state =
          bytes ? DeserializeLeadState(scorer, *bytes) : scorer.Start(*lead);
      if (!state.ok()) return fail(state.status());
      absl::StatusOr<Scorecard> card = scorer.Score(*lead, *state, *as_of, options);
      if (!card.ok()) return fail(card.status());
      AppendScorecardJson(*card, explain, &out);
      return line("");
    });
  } else if (transitions) {
    s = (*reader)->ForEachTransition(line);
  } else if (rejected) {
    s = (*reader)->ForEachRejected(line);
  } else {
    absl::StatusOr<std::vector<PartitionProgress>> pp = (*reader)->Progress();
    s = pp.status();
    if (pp.ok()) {
      for (const PartitionProgress& p : *pp) {
        std::string owner = "null";
        if (!p.owner.empty()) owner = absl::StrCat("\"", p.owner, "\"");
        (void)line(absl::StrCat("{\"partition\": ", p.partition, ", \"length\": ", p.length,
                                ", \"entries_added\": ", p.entries_added, ", \"lag\": ",
                                p.lag ? absl::StrCat(*p.lag) : "null",
                                ", \"pending\": ", p.pending, ", \"owner\": ", owner,
                                ", \"transitions\": ", p.transitions,
                                ", \"rejected\": ", p.rejected, "}"));
      }
    }
  }
  if (s.ok()) s = spill();
  if (!s.ok()) return RedisFailed("redis-state", *r.redis, s);
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "leadscore redis-state: error writing the output\n");
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
