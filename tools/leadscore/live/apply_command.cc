// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore apply: the live loop (LiveScorer) over a file or standard input.
// Each line's position is (source, line number), so a run killed at any
// point and started again on the same input goes on exactly where the store
// stands: committed lines are skipped unread.

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/line_reader.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/live/live_scorer.h"
#include "leadscore/store/state_store.h"
#include "live/live_util.h"
#include "messages.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: leadscore apply --model M --store URL --events E [--leads L] [--source NAME]\n"
    "                       [--batch N] [--window N] [--transitions F] [--keep-history]\n"
    "                       [--history-days N] [--history-count N] [--sync] [--at T]\n";

constexpr char kDescription[] =
    "Applies events (JSON Lines, '-': standard input) to the lead states in a store, one "
    "transaction per batch, and writes each committed batch's stage transitions (JSON Lines) "
    "to stdout or F. --leads first adds or updates lead records. Killed and started again "
    "on the same input, it goes on where the store stands (positions are line numbers of "
    "--source, by default the events path). See docs/live-scoring.md.";

struct ApplyArgs {
  std::optional<std::string> model, store, events, leads, source, transitions;
  std::optional<absl::Time> at;
  size_t batch = 1000;
  size_t window = 16;
  StoreArgs store_args;
};

}  // namespace

int RunApply(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  CommandLine cl("apply", kSynopsis, kDescription);
  ApplyArgs a;
  cl.Text("model", "M", "the model file (JSON)", &a.model);
  cl.Text("store", "URL", "sqlite:PATH, a .db path, or postgresql://...", &a.store);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &a.events);
  cl.Text("leads", "L", "lead records to add or update first (JSON Lines)", &a.leads);
  cl.Text("source", "NAME", "the name positions are kept under (default: the events path)",
          &a.source);
  cl.Text("transitions", "F", "append committed transitions to F (default: stdout)",
          &a.transitions);
  cl.Whole<size_t>("batch", 1, 1000000, "events per transaction (default 1000)", &a.batch);
  cl.Whole<size_t>("window", 0, 4096, "the reorder window (default 16; fixed per store)",
                   &a.window);
  cl.Time("at", "when lead updates are seen (default: now)", &a.at);
  AddStoreOptions(&cl, &a.store_args);
  cl.Require({"model", "store", "events"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  if (a.leads && *a.leads == "-" && *a.events == "-") {
    return cl.UsageError("--leads and --events cannot both be standard input");
  }
  const std::shared_ptr<const Model> model = LoadModel(*a.model);
  if (model == nullptr) return kExitBadInput;
  absl::StatusOr<std::unique_ptr<StateStore>> store =
      OpenStateStore(*a.store, StoreOptionsFrom(a.store_args));
  if (!store.ok()) return StoreFailed(*a.store, store.status());
  LiveOptions options;
  options.scorer.reorder_window = a.window;
  absl::StatusOr<std::unique_ptr<LiveScorer>> live = LiveScorer::Open(model, store->get(), options);
  if (!live.ok()) return StoreFailed(*a.store, live.status());

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out_file(nullptr, &std::fclose);
  if (a.transitions && *a.transitions != "-") {
    out_file.reset(std::fopen(a.transitions->c_str(), "a"));
    if (!out_file) {
      return cl.UsageError(absl::StrCat("cannot write transitions file '", *a.transitions, "'"));
    }
    out = out_file.get();
  }
  std::string text;
  size_t transitions_written = 0;
  const auto emit = [&](const LiveBatchResult& r) -> bool {
    for (const std::string& p : r.problems) std::fprintf(stderr, "leadscore apply: %s\n", Printable(p).c_str());
    text.clear();
    for (const Transition& t : r.transitions) {
      AppendTransitionJson(t, &text);
      text += '\n';
    }
    transitions_written += r.transitions.size();
    return std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0;
  };

  LiveBatchStats total;
  const auto add = [&](const LiveBatchStats& s) {
    total.applied += s.applied;
    total.already_applied += s.already_applied;
    total.too_late += s.too_late;
    total.refused += s.refused;
    total.unknown_lead += s.unknown_lead;
    total.leads_added += s.leads_added;
    total.leads_updated += s.leads_updated;
    total.leads_unchanged += s.leads_unchanged;
    total.leads_rebuilt += s.leads_rebuilt;
  };

  if (a.leads) {
    absl::StatusOr<LineReader> reader = LineReader::Open(*a.leads);
    if (!reader.ok()) return cl.UsageError(reader.status().message());
    std::vector<LiveLead> leads;
    absl::string_view line;
    const absl::Time at = a.at.value_or(absl::Now());
    const auto flush = [&]() -> int {
      absl::StatusOr<LiveBatchResult> r = (*live)->UpsertLeads(leads, at);
      leads.clear();
      if (!r.ok()) return StoreFailed(*a.store, r.status());
      add(r->stats);
      if (!emit(*r)) return WriteFailed("transitions");
      return kExitOk;
    };
    while (reader->Next(&line)) {
      if (line.empty()) continue;
      absl::StatusOr<Lead> lead = ParseLeadJson(line);
      if (!lead.ok()) {
        std::fprintf(stderr, "%s:%llu: %s\n", a.leads->c_str(),
                     static_cast<unsigned long long>(reader->line_number()),
                     Printable(lead.status().message()).c_str());
        return kExitBadInput;
      }
      leads.push_back({*std::move(lead), std::string(line)});
      if (leads.size() >= a.batch) {
        if (int code = flush(); code != kExitOk) return code;
      }
    }
    if (!reader->ok()) return cl.UsageError(absl::StrCat("error reading '", *a.leads, "'"));
    if (int code = flush(); code != kExitOk) return code;
  }

  const std::string source = a.source.value_or(*a.events == "-" ? "stdin" : *a.events);
  absl::StatusOr<std::optional<uint64_t>> done = (*live)->Position(source);
  if (!done.ok()) return StoreFailed(*a.store, done.status());
  const uint64_t skip_through = done->value_or(0);
  absl::StatusOr<LineReader> reader = LineReader::Open(*a.events);
  if (!reader.ok()) return cl.UsageError(reader.status().message());
  std::vector<LiveEvent> batch;
  batch.reserve(a.batch);
  size_t skipped = 0, batches = 0;
  // Pipelined (LiveScorer::Submit): batch k commits on a second thread while
  // batch k+1 is read, parsed and applied; transitions are written when
  // their batch has committed, in order.
  std::vector<LiveBatchResult> committed;
  const auto publish = [&](const absl::Status& status) -> int {
    for (const LiveBatchResult& r : committed) {
      ++batches;
      add(r.stats);
      if (!emit(r)) return WriteFailed("transitions");
    }
    committed.clear();
    if (!status.ok()) return StoreFailed(*a.store, status);
    return kExitOk;
  };
  const auto submit = [&]() -> int {
    if (batch.empty()) return kExitOk;
    const absl::Status s = (*live)->Submit(batch, &committed);
    batch.clear();
    return publish(s);
  };
  // Submits what is read and waits for the last commit.
  const auto flush = [&]() -> int {
    if (int code = submit(); code != kExitOk) {
      (*live)->Flush(&committed).IgnoreError();  // stopping anyway: nothing more commits
      return code;
    }
    return publish((*live)->Flush(&committed));
  };
  absl::string_view line;
  while (reader->Next(&line)) {
    const uint64_t n = reader->line_number();
    if (n <= skip_through) {  // committed by an earlier run
      ++skipped;
      continue;
    }
    if (line.empty()) continue;
    LiveEvent e;
    if (absl::Status s = ParseEventJson(line, &e.event); !s.ok()) {
      // The batches before it are committed; the position stays before it.
      if (int code = flush(); code != kExitOk) return code;
      std::fprintf(stderr, "%s:%llu: %s\n", a.events->c_str(), static_cast<unsigned long long>(n),
                   Printable(s.message()).c_str());
      return kExitBadInput;
    }
    e.position = {source, n};
    // The line is only needed as history; a store without it would ignore it.
    if (a.store_args.keep_history) e.json = std::string(line);
    batch.push_back(std::move(e));
    if (batch.size() >= a.batch) {
      if (int code = submit(); code != kExitOk) {
        (*live)->Flush(&committed).IgnoreError();
        return code;
      }
    }
  }
  if (!reader->ok()) {
    // The batches read before are committed and reported first.
    if (int code = flush(); code != kExitOk) return code;
    return cl.UsageError(absl::StrCat("error reading '", *a.events, "'"));
  }
  if (int code = flush(); code != kExitOk) return code;

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const size_t events = total.applied + total.already_applied + total.too_late + total.refused +
                        total.unknown_lead;
  std::fprintf(stderr,
               "applied: %zu events in %zu transactions (%zu already applied, %zu too late, "
               "%zu refused, %zu of unknown leads; %zu lines committed before skipped)\n"
               "leads: %zu added, %zu updated (%zu rebuilt), %zu unchanged\n"
               "transitions: %zu\n"
               "time: %.3f s (%.0f events/s)\n",
               total.applied, batches, total.already_applied, total.too_late, total.refused,
               total.unknown_lead, skipped, total.leads_added, total.leads_updated,
               total.leads_rebuilt, total.leads_unchanged, transitions_written, seconds,
               seconds > 0 ? static_cast<double>(events) / seconds : 0.0);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
