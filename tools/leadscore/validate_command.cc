// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include <cstdio>
#include <memory>
#include <string>

#include "args.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/model.h"

namespace leadscore {
namespace cli {

int RunValidate(int argc, char** argv) {
  absl::StatusOr<Args> args = Args::Parse(argc, argv, 2, {"model"}, {});
  if (!args.ok() || !args->Has("model")) {
    std::fprintf(stderr, "leadscore validate: %s\nusage: leadscore validate --model M\n",
                 args.ok() ? "--model is required" : std::string(args.status().message()).c_str());
    return kExitBadInput;
  }
  const std::string path = *args->Get("model");
  const std::shared_ptr<const Model> model = LoadModel(path);
  if (model == nullptr) return kExitBadInput;
  const Model& m = *model;
  std::printf("%s: ok: model '%s' version '%s': %zu dimension%s, %zu rule%s, %zu stage%s\n",
              path.c_str(), m.name().c_str(), m.version().c_str(), m.dimension_count(),
              m.dimension_count() == 1 ? "" : "s", m.rule_count(),
              m.rule_count() == 1 ? "" : "s", m.stages().size(),
              m.stages().size() == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
