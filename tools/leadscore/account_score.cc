// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "account_score.h"

#include <cstdio>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/account_scorer.h"
#include "leadscore/io/account_json.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/time.h"
#include "messages.h"
#include "summary.h"

namespace leadscore {
namespace cli {

namespace {

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// stdout for '-' or none; else the file, opened for writing (null if it
// cannot be).
std::FILE* OpenOutput(const std::optional<std::string>& path, FilePtr* holder) {
  if (IsStandardOutput(path)) return stdout;
  holder->reset(std::fopen(path->c_str(), "w"));
  return holder->get();
}

}  // namespace

int RunAccountScore(AccountScoreRun run) {
  absl::StatusOr<AccountScorer> scorer = AccountScorer::Create(Scorer(run.model));
  if (!scorer.ok()) {  // checked by the caller
    PrintCommandError("score", scorer.status().message());
    return kExitInternal;
  }
  InputStats stats;
  run.inputs.strict_account_id = true;
  // Leads, checked as a batch checks them (host stage, duplicate ids).
  std::vector<Lead> leads;
  absl::flat_hash_set<std::string> lead_ids;
  absl::Status read = ReadLeadsFile(
      run.inputs, &stats, [&](Lead&& lead, std::optional<bool>) -> absl::Status {
        if (absl::Status s = scorer->scorer().CheckLead(lead); !s.ok()) return s;
        if (!lead_ids.insert(lead.id).second) {
          return absl::AlreadyExistsError(absl::StrCat("duplicate lead id '", lead.id, "'"));
        }
        leads.push_back(std::move(lead));
        return absl::OkStatus();
      });
  if (!read.ok()) return ReadFailed("score", read, stats);
  // Events whole (accounts read every member's events at every moment).
  std::vector<Event> events;
  if (run.inputs.events_path) {
    read = ReadLines(*run.inputs.events_path, "events", run.inputs, &stats, &stats.event_lines,
                     [&](absl::string_view line) -> absl::Status {
                       Event event;
                       if (absl::Status s = ParseEventJson(line, &event); !s.ok()) return s;
                       if (absl::StatusOr<int64_t> at = ToEngineNanos(event.at); !at.ok()) {
                         return at.status();
                       }
                       events.push_back(std::move(event));
                       return absl::OkStatus();
                     });
    if (!read.ok()) return ReadFailed("score", read, stats);
  }
  std::vector<Account> accounts;
  if (run.accounts_path) {
    absl::flat_hash_set<std::string> account_ids;
    uint64_t account_lines = 0;
    read = ReadLines(*run.accounts_path, "accounts", run.inputs, &stats, &account_lines,
                     [&](absl::string_view line) -> absl::Status {
                       absl::StatusOr<Account> account = ParseAccountJson(line);
                       if (!account.ok()) return account.status();
                       if (absl::Status s = scorer->CheckAccount(*account); !s.ok()) return s;
                       if (!account_ids.insert(account->id).second) {
                         return absl::AlreadyExistsError(
                             absl::StrCat("duplicate account id '", account->id, "'"));
                       }
                       accounts.push_back(*std::move(account));
                       return absl::OkStatus();
                     });
    if (!read.ok()) return ReadFailed("score", read, stats);
  }

  // Output is opened only once the input is known to be good.
  FilePtr out_file(nullptr, &std::fclose), account_file(nullptr, &std::fclose);
  std::FILE* out = OpenOutput(run.out, &out_file);
  if (out == nullptr) {
    PrintCommandError("score", absl::StrCat("cannot write output file '", *run.out, "'"));
    return kExitBadInput;
  }
  std::FILE* account_out = nullptr;
  if (run.account_out) {
    account_out = OpenOutput(run.account_out, &account_file);
    if (account_out == nullptr) {
      PrintCommandError("score",
                        absl::StrCat("cannot write account output file '", *run.account_out, "'"));
      return kExitBadInput;
    }
  }
  Summary summary(*run.model);
  std::string line;
  AccountScoreOptions options;
  options.explain = run.explain;
  absl::StatusOr<AccountBatchStats> scored = scorer->ScoreAll(
      accounts, leads, events, run.as_of, options,
      [&](const Scorecard& card) {
        line.clear();
        AppendScorecardJson(card, run.explain, &line);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), out);
        summary.Add(card);
      },
      [&](const AccountScorecard& card) {
        if (account_out == nullptr) return;
        line.clear();
        AppendAccountScorecardJson(card, run.explain, &line);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), account_out);
      });
  if (!scored.ok()) {  // every input was checked while read: not expected
    PrintCommandError("score", scored.status().message());
    return kExitBadInput;
  }
  if (std::fflush(out) != 0 || std::ferror(out)) {
    PrintCommandError("score", "error writing scorecards");
    return kExitInternal;
  }
  if (account_out != nullptr && (std::fflush(account_out) != 0 || std::ferror(account_out))) {
    PrintCommandError("score", "error writing account scorecards");
    return kExitInternal;
  }
  Summary::Run summary_run;
  summary_run.lead_lines = stats.lead_lines;
  summary_run.event_lines = stats.event_lines;
  summary_run.rejected = stats.rejected;
  summary_run.bytes = stats.bytes;
  summary_run.after_as_of = scored->events_after_as_of;
  summary_run.duplicates = scored->duplicates_dropped;
  summary_run.scored_events = scored->scored_events;
  summary_run.unknown_events = scored->unknown_lead_events;
  summary_run.unknown_ids = scored->unknown_lead_ids;
  summary_run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - run.start).count();
  summary.Print(summary_run, stderr);
  std::fprintf(stderr, "accounts: %zu scored\n", scored->accounts_scored);
  // Like events naming unknown leads (spec v1 section 8): the count and the
  // sorted ids. Only when an accounts file was given: without one, every
  // account is known only from its leads, by design.
  if (run.accounts_path && !scored->unknown_account_ids.empty()) {
    std::fprintf(stderr, "warning: leads name %zu account ids not in the accounts file: %s\n",
                 scored->unknown_account_ids.size(),
                 IdSample(scored->unknown_account_ids, 100).c_str());
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
