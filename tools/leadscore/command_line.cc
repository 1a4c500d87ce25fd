// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "command_line.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "commands.h"
#include "leadscore/time.h"
#include "messages.h"

namespace leadscore {
namespace cli {

namespace {

// `text` cut into lines of at most `width` characters at spaces.
std::string Wrap(absl::string_view text, size_t width) {
  std::string out, line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      absl::StrAppend(&out, line, "\n");
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", word);
  }
  if (!line.empty()) absl::StrAppend(&out, line, "\n");
  return out;
}

// --help: the synopsis, the description, then CLI11's list of options.
class Formatter : public CLI::Formatter {
 public:
  Formatter(std::string synopsis, std::string description)
      : head_(absl::StrCat(synopsis, "\n", Wrap(description, 78))) {
    column_width(30);
  }
  std::string make_description(const CLI::App*) const override { return ""; }
  std::string make_usage(const CLI::App*, std::string) const override { return head_; }

 private:
  std::string head_;
};

}  // namespace

struct CommandLine::Impl {
  struct Binding {
    std::string name;  // without the dashes
    CLI::Option* option;
    Setter set;  // none for a switch
    bool* flag = nullptr;
  };
  std::string command;
  std::string synopsis;
  CLI::App app;
  std::vector<Binding> bindings;

  Impl(std::string command_in, std::string synopsis_in, std::string description)
      : command(std::move(command_in)),
        synopsis(std::move(synopsis_in)),
        app(description, "leadscore " + command) {
    app.formatter(std::make_shared<Formatter>(synopsis, description));
    // Unknown options and positional arguments are collected, then refused
    // with their own message (Parse).
    app.allow_extras();
    app.set_help_flag("-h,--help", "print this help and exit");
  }

  const Binding* Find(absl::string_view name) const {
    for (const Binding& b : bindings) {
      if (b.name == name) return &b;
    }
    return nullptr;
  }
};

CommandLine::CommandLine(std::string command, std::string synopsis, std::string description)
    : impl_(std::make_unique<Impl>(std::move(command), std::move(synopsis),
                                   std::move(description))) {}

CommandLine::~CommandLine() = default;

void CommandLine::Option(const char* name, const char* value_name, const char* help,
                         Setter set) {
  CLI::Option* option = impl_->app.add_option(absl::StrCat("--", name));
  option->description(help);
  // Every occurrence is kept: Parse refuses a second one with its own message.
  option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  option->type_name(value_name);
  impl_->bindings.push_back({name, option, std::move(set)});
}

void CommandLine::Text(const char* name, const char* value_name, const char* help,
                       std::optional<std::string>* out) {
  Option(name, value_name, help, [out](const std::string& text) {
    *out = text;
    return absl::OkStatus();
  });
}

void CommandLine::Switch(const char* name, const char* help, bool* out) {
  CLI::Option* option = impl_->app.add_flag(absl::StrCat("--", name));
  option->description(help);
  option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  option->disable_flag_override();  // --explain=yes is an error
  impl_->bindings.push_back({name, option, nullptr, out});
}

void CommandLine::Choice(const char* name, std::vector<std::string> choices, const char* help,
                         std::string* out) {
  std::vector<std::string> quoted;
  for (const std::string& c : choices) quoted.push_back(absl::StrCat("'", c, "'"));
  std::string list = quoted.back();
  if (quoted.size() > 1) {
    quoted.pop_back();
    list = absl::StrCat(absl::StrJoin(quoted, ", "), " or ", list);
  }
  const std::string error = absl::StrCat("--", name, " takes ", list);
  Option(name, absl::StrJoin(choices, "|").c_str(), help,
         [out, choices, error](const std::string& text) -> absl::Status {
           for (const std::string& c : choices) {
             if (text == c) {
               *out = text;
               return absl::OkStatus();
             }
           }
           return absl::InvalidArgumentError(error);
         });
}

void CommandLine::Time(const char* name, const char* help, std::optional<absl::Time>* out) {
  Option(name, "T", help, [name, out](const std::string& text) -> absl::Status {
    absl::StatusOr<absl::Time> t = ParseTimestamp(text);
    if (!t.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", t.status().message()));
    }
    *out = *t;
    return absl::OkStatus();
  });
}

void CommandLine::Number(const char* name, double lo, double hi, const char* help,
                         double* out) {
  Option(name, "X", help, [=](const std::string& text) -> absl::Status {
    double d;
    if (!absl::SimpleAtod(text, &d) || !std::isfinite(d) || d < lo || d > hi) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " takes a number from ", lo, " to ", hi));
    }
    *out = d;
    return absl::OkStatus();
  });
}

void CommandLine::Number(const char* name, const char* help, std::optional<double>* out) {
  Option(name, "X", help, [=](const std::string& text) -> absl::Status {
    double d;
    if (!absl::SimpleAtod(text, &d) || !std::isfinite(d)) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " takes a number"));
    }
    *out = d;
    return absl::OkStatus();
  });
}

void CommandLine::Require(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (const Impl::Binding* b = impl_->Find(name)) b->option->required();
  }
}

std::optional<int> CommandLine::Parse(int argc, char** argv) {
  CLI::App& app = impl_->app;
  // CLI11 takes argv[0] as the program's name: start at the command.
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::CallForHelp&) {
    std::fputs(Help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // --help wins over every other problem.
    if (app.get_help_ptr()->count() > 0) {
      std::fputs(Help().c_str(), stdout);
      return kExitOk;
    }
    return UsageError(e.what());
  }
  for (const std::string& extra : app.remaining()) {
    if (absl::StartsWith(extra, "-") && extra.size() > 1) {
      return UsageError(
          absl::StrCat("unknown option '", extra.substr(0, extra.find('=')), "'"));
    }
    return UsageError(absl::StrCat("unexpected argument '", extra, "'"));
  }
  for (const Impl::Binding& b : impl_->bindings) {
    if (b.option->count() > 1) return UsageError(absl::StrCat("--", b.name, " given twice"));
  }
  for (const Impl::Binding& b : impl_->bindings) {
    if (b.option->count() == 0) continue;
    if (b.flag != nullptr) {
      *b.flag = true;
      continue;
    }
    if (absl::Status s = b.set(b.option->results().front()); !s.ok()) {
      return UsageError(s.message());
    }
  }
  return std::nullopt;
}

bool CommandLine::Has(const char* name) const {
  const Impl::Binding* b = impl_->Find(name);
  return b != nullptr && b->option->count() > 0;
}

int CommandLine::UsageError(absl::string_view why) const {
  PrintCommandError(impl_->command, why);
  std::fprintf(stderr, "%s(leadscore %s --help lists every option)\n", impl_->synopsis.c_str(),
               impl_->command.c_str());
  return kExitBadInput;
}

std::string CommandLine::Help() const { return impl_->app.help(); }

}  // namespace cli
}  // namespace leadscore
