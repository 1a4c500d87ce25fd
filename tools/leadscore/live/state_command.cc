// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore state: look into a store. One lead (--lead ID: --show, --export,
// --erase), every lead's scorecard (--scorecards, to compare with batch
// scoring), or the outbox (--outbox [--after N]).

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/scorer.h"
#include "leadscore/state_io.h"
#include "leadscore/store/state_store.h"
#include "leadscore/time.h"
#include "live/live_util.h"
#include "messages.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace cli {
namespace {

// `text` as a JSON string.
void AppendJsonText(const std::string& text, std::string* out) {
  *out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr char kSynopsis[] =
    "usage: leadscore state --store URL --lead ID [--show | --export | --erase]\n"
    "                       [--model M [--as-of T] [--window N]]\n"
    "       leadscore state --store URL --scorecards --model M --as-of T [--explain]\n"
    "       leadscore state --store URL --outbox [--after N] [--limit N]\n";

constexpr char kDescription[] =
    "Shows what a store holds. --show: one lead's record, state (model, events, positions) "
    "and, with --model, its scorecard; --export: the same with its event history as one JSON "
    "object (what a data-access request gets); --erase: deletes the lead's record, state, "
    "history and outbox entries; --scorecards: every lead's scorecard, in lead id order; "
    "--outbox: the outbox entries after N.";

struct StateArgs {
  std::optional<std::string> store, lead, model;
  std::optional<absl::Time> as_of;
  bool show = false, export_ = false, erase = false, scorecards = false, outbox = false,
       explain = false;
  uint64_t after = 0;
  size_t limit = 1000000;
  size_t window = 16;
};

std::string InfoJson(const LeadStateInfo& info) {
  std::string out = "{\"model\": ";
  AppendJsonText(info.model_name, &out);
  out += ", \"model_version\": ";
  AppendJsonText(info.model_version, &out);
  absl::StrAppend(&out, ", \"model_fingerprint\": \"",
                  absl::Hex(info.model_fingerprint, absl::kZeroPad16),
                  "\", \"format_version\": ", info.format_version,
                  ", \"reorder_window\": ", info.reorder_window,
                  ", \"events\": ", info.event_count, ", \"last_event_at\": ");
  if (info.last_event_time) {
    AppendJsonText(FormatTimestamp(*info.last_event_time), &out);
  } else {
    out += "null";
  }
  out += ", \"positions\": [";
  for (size_t i = 0; i < info.sources.size(); ++i) {
    if (i > 0) out += ", ";
    out += "{\"source\": ";
    AppendJsonText(info.sources[i].source, &out);
    absl::StrAppend(&out, ", \"offset\": ", info.sources[i].offset, "}");
  }
  out += "]}";
  return out;
}

}  // namespace

int RunState(int argc, char** argv) {
  CommandLine cl("state", kSynopsis, kDescription);
  StateArgs a;
  cl.Text("store", "URL", "sqlite:PATH, a .db path, or postgresql://...", &a.store);
  cl.Text("lead", "ID", "the lead to show, export or erase", &a.lead);
  cl.Switch("show", "show the lead (the default with --lead)", &a.show);
  cl.Switch("export", "the lead's record, state and history as one JSON object", &a.export_);
  cl.Switch("erase", "delete everything the store holds of the lead", &a.erase);
  cl.Switch("scorecards", "every lead's scorecard (needs --model and --as-of)", &a.scorecards);
  cl.Switch("outbox", "list outbox entries (transitions)", &a.outbox);
  cl.Whole<uint64_t>("after", 0, UINT64_MAX, "outbox entries after this sequence number",
                     &a.after);
  cl.Whole<size_t>("limit", 1, 100000000, "at most N outbox entries", &a.limit);
  cl.Text("model", "M", "the model of the store's states (to read scorecards)", &a.model);
  cl.Time("as-of", "the scoring time (default with --show: the lead's newest event)", &a.as_of);
  cl.Switch("explain", "add each rule's points to the scorecards", &a.explain);
  cl.Whole<size_t>("window", 0, 4096, "the store's reorder window (default 16)", &a.window);
  cl.Require({"store"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  const int modes = (a.lead ? 1 : 0) + (a.scorecards ? 1 : 0) + (a.outbox ? 1 : 0);
  if (modes != 1) return cl.UsageError("give one of --lead ID, --scorecards or --outbox");
  if ((a.show ? 1 : 0) + (a.export_ ? 1 : 0) + (a.erase ? 1 : 0) > 1) {
    return cl.UsageError("give at most one of --show, --export and --erase");
  }
  if (a.scorecards && (!a.model || !a.as_of)) {
    return cl.UsageError("--scorecards needs --model and --as-of");
  }
  std::shared_ptr<const Model> model;
  if (a.model) {
    model = LoadModel(*a.model);
    if (model == nullptr) return kExitBadInput;
  }
  absl::StatusOr<std::unique_ptr<StateStore>> opened = OpenStateStore(*a.store);
  if (!opened.ok()) return StoreFailed(*a.store, opened.status());
  StateStore& store = **opened;
  std::optional<Scorer> scorer;
  if (model) scorer.emplace(model, ScorerOptions{a.window});

  // The scorecard of a lead record and its state bytes (none: no event yet).
  const auto card_of = [&](const std::string& record, const std::optional<std::string>& bytes,
                           std::optional<absl::Time> as_of,
                           std::string* out) -> absl::Status {
    absl::StatusOr<Lead> lead = ParseLeadJson(record);
    if (!lead.ok()) return lead.status();
    absl::StatusOr<LeadState> state =
        bytes ? DeserializeLeadState(*scorer, *bytes) : scorer->Start(*lead);
    if (!state.ok()) return state.status();
    const absl::Time t = as_of.value_or(state->has_events() ? state->last_event_time()
                                                            : absl::Now());
    ScoreOptions options;
    options.explain = a.explain;
    absl::StatusOr<Scorecard> card = scorer->Score(*lead, *state, t, options);
    if (!card.ok()) return card.status();
    AppendScorecardJson(*card, a.explain, out);
    return absl::OkStatus();
  };

  std::string out;
  if (a.outbox) {
    absl::StatusOr<std::vector<OutboxEntry>> entries = store.ReadOutbox(a.after, a.limit);
    if (!entries.ok()) return StoreFailed(*a.store, entries.status());
    for (const OutboxEntry& e : *entries) {
      absl::StrAppend(&out, "{\"seq\": ", e.seq, ", \"transition\": ", e.payload, "}\n");
    }
  } else if (a.scorecards) {
    absl::Status s = store.ForEachLead(
        [&](const LeadRecord& record, const std::optional<std::string>& bytes) -> absl::Status {
          if (absl::Status c = card_of(record.payload, bytes, a.as_of, &out); !c.ok()) {
            return absl::Status(c.code(), absl::StrCat("lead '", record.lead_id, "': ", c.message()));
          }
          out += '\n';
          if (out.size() > (1 << 20)) {
            if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
              return absl::InternalError("error writing scorecards");
            }
            out.clear();
          }
          return absl::OkStatus();
        });
    if (!s.ok()) return StoreFailed(*a.store, s);
  } else {
    const std::vector<std::string> ids = {*a.lead};
    std::vector<std::optional<std::string>> records, states;
    if (absl::Status s = store.GetLeads(ids, &records); !s.ok()) return StoreFailed(*a.store, s);
    if (absl::Status s = store.GetStates(ids, &states); !s.ok()) return StoreFailed(*a.store, s);
    if (!records[0] && !states[0]) {
      std::fprintf(stderr, "leadscore state: the store has no lead '%s'\n",
                   Printable(*a.lead).c_str());
      return kExitBadInput;
    }
    if (a.erase) {
      StoreBatch batch;
      batch.erased_leads.push_back(*a.lead);
      if (absl::Status s = store.Commit(batch); !s.ok()) return StoreFailed(*a.store, s);
      std::fprintf(stderr, "erased lead '%s': record, state, history and outbox entries\n",
                   Printable(*a.lead).c_str());
      return kExitOk;
    }
    out = "{\"lead_id\": ";
    AppendJsonText(*a.lead, &out);
    out += ", \"lead\": ";
    out += records[0] ? *records[0] : "null";
    out += ", \"state\": ";
    if (states[0]) {
      absl::StatusOr<LeadStateInfo> info = ReadLeadStateInfo(*states[0]);
      if (!info.ok()) return StoreFailed(*a.store, info.status());
      out += InfoJson(*info);
    } else {
      out += "null";
    }
    if (scorer && records[0]) {
      out += ", \"scorecard\": ";
      if (absl::Status s = card_of(*records[0], states[0], a.as_of, &out); !s.ok()) {
        return StoreFailed(*a.store, s);
      }
    }
    if (a.export_) {
      std::vector<HistoryEntry> history;
      if (absl::Status s = store.GetHistory(*a.lead, &history); !s.ok()) {
        return StoreFailed(*a.store, s);
      }
      out += ", \"history\": [";
      for (size_t i = 0; i < history.size(); ++i) {
        if (i > 0) out += ", ";
        out += history[i].payload;
      }
      out += "], \"state_bytes_base64\": ";
      if (states[0]) {
        AppendJsonText(absl::Base64Escape(*states[0]), &out);
      } else {
        out += "null";
      }
    }
    out += "}\n";
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    return WriteFailed("output");
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
