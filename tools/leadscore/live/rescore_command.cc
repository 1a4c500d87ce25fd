// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore rescore: moves a store's states to a new model (Rescore) and
// says who moved.

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/live/live_scorer.h"
#include "leadscore/store/state_store.h"
#include "live/live_util.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: leadscore rescore --store URL --model NEW [--old-model OLD] [--window N]\n"
    "                         [--transitions F]\n";

constexpr char kDescription[] =
    "Moves every state of the store to model NEW: carried over without replay where that is "
    "exact (only names, versions, descriptions, labels, funnel or grades no threshold reads "
    "changed; needs --old-model), otherwise rebuilt from the store's event history (kept with "
    "`apply --keep-history`). Prints who moved (old stage -> new stage) to stderr and the "
    "transitions (cause model) to stdout or F.";

}  // namespace

int RunRescore(int argc, char** argv) {
  CommandLine cl("rescore", kSynopsis, kDescription);
  std::optional<std::string> store_url, model_path, old_path, transitions;
  size_t window = 16;
  cl.Text("store", "URL", "sqlite:PATH, a .db path, or postgresql://...", &store_url);
  cl.Text("model", "NEW", "the new model file (JSON)", &model_path);
  cl.Text("old-model", "OLD", "the model the store's states belong to", &old_path);
  cl.Whole<size_t>("window", 0, 4096, "the store's reorder window (default 16)", &window);
  cl.Text("transitions", "F", "write the transitions to F (default: stdout)", &transitions);
  cl.Require({"store", "model"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  const std::shared_ptr<const Model> model = LoadModel(*model_path);
  if (model == nullptr) return kExitBadInput;
  std::shared_ptr<const Model> old_model;
  if (old_path) {
    old_model = LoadModel(*old_path);
    if (old_model == nullptr) return kExitBadInput;
  }
  absl::StatusOr<std::unique_ptr<StateStore>> store = OpenStateStore(*store_url);
  if (!store.ok()) return StoreFailed(*store_url, store.status());
  LiveOptions options;
  options.scorer.reorder_window = window;
  absl::StatusOr<RescoreSummary> summary = Rescore(store->get(), old_model, model, options);
  if (!summary.ok()) return StoreFailed(*store_url, summary.status());
  std::string text;
  for (const Transition& t : summary->transitions) {
    AppendTransitionJson(t, &text);
    text += '\n';
  }
  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  if (transitions && *transitions != "-") {
    file.reset(std::fopen(transitions->c_str(), "w"));
    if (!file) return cl.UsageError(absl::StrCat("cannot write '", *transitions, "'"));
    out = file.get();
  }
  if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
    return WriteFailed("transitions");
  }
  std::fprintf(stderr,
               "rescored %zu leads under '%s' version '%s': %zu carried over, %zu rebuilt from "
               "history, %zu without events\n",
               summary->leads, model->name().c_str(), model->version().c_str(),
               summary->carried_over, summary->rebuilt, summary->started);
  size_t moved = 0;
  for (const auto& [stages, n] : summary->moves) {
    if (stages.first != stages.second) moved += n;
  }
  std::fprintf(stderr, "stage moves (last stage seen, old -> new): %zu leads moved\n", moved);
  for (const auto& [stages, n] : summary->moves) {
    std::fprintf(stderr, "  %-14s -> %-14s %zu\n", stages.first.c_str(), stages.second.c_str(),
                 n);
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
