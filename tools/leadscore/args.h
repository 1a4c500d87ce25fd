// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Flags of the form `--name VALUE`, `--name=VALUE` and `--switch`.

#ifndef LEADSCORE_TOOLS_ARGS_H_
#define LEADSCORE_TOOLS_ARGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace leadscore {
namespace cli {

class Args {
 public:
  // Parses argv[first..]. `valued` flags take a value; `switches` take none.
  // Unknown flags, missing values, repeated flags and positional arguments
  // are errors.
  static absl::StatusOr<Args> Parse(int argc, char** argv, int first,
                                    const std::set<std::string>& valued,
                                    const std::set<std::string>& switches);

  std::optional<std::string> Get(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_ARGS_H_
