// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore validate: check a model.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/model.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kSynopsis[] = "usage: leadscore validate --model M\n";

constexpr char kDescription[] =
    "Loads a model: a good one prints a one-line summary on stdout (exit 0), a bad one every "
    "problem as M: /json/pointer: message on stderr (exit 2).";

}  // namespace

int RunValidate(int argc, char** argv) {
  CommandLine cl("validate", kSynopsis, kDescription);
  std::optional<std::string> path;
  cl.Text("model", "M", "the model file (JSON)", &path);
  cl.Require({"model"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  const std::shared_ptr<const Model> model = LoadModel(*path);
  if (model == nullptr) return kExitBadInput;
  const Model& m = *model;
  std::printf("%s: ok: model '%s' version '%s': %zu dimension%s, %zu rule%s, %zu stage%s",
              path->c_str(), m.name().c_str(), m.version().c_str(), m.dimension_count(),
              m.dimension_count() == 1 ? "" : "s", m.rule_count(),
              m.rule_count() == 1 ? "" : "s", m.stages().size(),
              m.stages().size() == 1 ? "" : "s");
  if (m.has_accounts()) {  // v1.1; a v1 model's line is unchanged
    std::printf("; accounts: %zu dimension%s, %zu stage%s", m.account_dimension_count(),
                m.account_dimension_count() == 1 ? "" : "s", m.account_stages().size(),
                m.account_stages().size() == 1 ? "" : "s");
  }
  std::printf("\n");
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
