// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// One command line parser for every subcommand (docs/cli.md "Commands").
// CLI11 splits the arguments, finds unknown options, missing values and
// positional arguments, and writes `--help`; each option is declared with its
// type, and its value is converted and checked once, after the split, by the
// function declared with it. Conventions (the same for every command):
//
//   - `--name VALUE` or `--name=VALUE`; switches (`--explain`) take no value;
//   - every option at most once (`--name given twice` otherwise);
//   - no positional arguments;
//   - `--help` (or `-h`) anywhere prints the command's help on stdout (exit 0);
//   - any problem prints `leadscore COMMAND: reason` and the synopsis on stderr
//     (exit 2, kExitBadInput).
//
// CLI11 stays inside command_line.cc: no other file of the CLI includes it.

#ifndef LEADSCORE_TOOLS_COMMAND_LINE_H_
#define LEADSCORE_TOOLS_COMMAND_LINE_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace leadscore {
namespace cli {

class CommandLine {
 public:
  // `command` is the subcommand's name (`score`); `synopsis` the usage lines
  // printed with an error and at the top of `--help`; `description` one
  // paragraph for `--help`.
  CommandLine(std::string command, std::string synopsis, std::string description);
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // Converts and checks an option's text; stores the value or returns
  // InvalidArgument with a message naming the option (shown as is).
  using Setter = std::function<absl::Status(const std::string& text)>;

  // `--name VALUE`, converted by `set` when given. `value_name` is the
  // placeholder in `--help` (FILE, T, N).
  void Option(const char* name, const char* value_name, const char* help, Setter set);
  // `--name VALUE` kept as text.
  void Text(const char* name, const char* value_name, const char* help,
            std::optional<std::string>* out);
  // `--name` without a value.
  void Switch(const char* name, const char* help, bool* out);
  // `--name` taking one of `choices` (`--name takes 'a' or 'b'` otherwise).
  void Choice(const char* name, std::vector<std::string> choices, const char* help,
              std::string* out);
  // `--name T`, an RFC 3339 timestamp (ParseTimestamp); `--name: why` otherwise.
  void Time(const char* name, const char* help, std::optional<absl::Time>* out);
  // `--name N`, a whole number in [lo, hi] (`--name takes a whole number from
  // lo to hi` otherwise).
  template <typename Int>
  void Whole(const char* name, Int lo, Int hi, const char* help, Int* out);
  // `--name X`, a finite number in [lo, hi] (`--name takes a number from lo to
  // hi` otherwise).
  void Number(const char* name, double lo, double hi, const char* help, double* out);
  // `--name X`, any finite number (`--name takes a number` otherwise).
  void Number(const char* name, const char* help, std::optional<double>* out);

  // Marks options as required (`--name is required`).
  void Require(std::initializer_list<const char*> names);

  // Parses argv[2..] (argv[1] is the command). Returns the exit code when the
  // command must stop: 0 after printing `--help`, 2 after a bad argument (the
  // reason on stderr); none when the values are all stored.
  [[nodiscard]] std::optional<int> Parse(int argc, char** argv);

  // Whether `--name` was given.
  bool Has(const char* name) const;

  // Prints `leadscore COMMAND: why` (escaped, see printable.h) and the
  // synopsis on stderr; returns kExitBadInput.
  int UsageError(absl::string_view why) const;

  // The text of `--help`.
  std::string Help() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

template <typename Int>
void CommandLine::Whole(const char* name, Int lo, Int hi, const char* help, Int* out) {
  Option(name, "N", help, [=](const std::string& text) -> absl::Status {
    Int n;
    if (!absl::SimpleAtoi(text, &n) || n < lo || n > hi) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " takes a whole number from ", lo, " to ", hi));
    }
    *out = n;
    return absl::OkStatus();
  });
}

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_COMMAND_LINE_H_
