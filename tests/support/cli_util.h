// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Running the built `leadscore` binary (LEADSCORE_CLI) from the tests: a
// fresh directory per test for its inputs, and the command's exit code,
// stdout and stderr captured (header-only).

#ifndef LEADSCORE_TESTS_CLI_UTIL_H_
#define LEADSCORE_TESTS_CLI_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "support/test_util.h"

#ifndef LEADSCORE_CLI
#error "LEADSCORE_CLI (path of the built leadscore binary) must be defined"
#endif

namespace leadscore_test {

// `s` quoted for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

// A fresh directory LEADSCORE_BINARY_DIR/<area>/<test name>-<pid>-<n>,
// removed afterwards unless LEADSCORE_KEEP_CLI_TMP is set.
class CliDir {
 public:
  explicit CliDir(const std::string& area) {
    std::string name = Catch::getResultCapture().getCurrentTestName();
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    if (name.size() > 60) name.resize(60);
    dir_ = std::filesystem::path(LEADSCORE_BINARY_DIR) / area /
           (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~CliDir() {
    if (std::getenv("LEADSCORE_KEEP_CLI_TMP") == nullptr) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }
  CliDir(const CliDir&) = delete;
  CliDir& operator=(const CliDir&) = delete;

  // Writes `content` (bytes as given) to `name` in the directory; returns its path.
  std::string Write(const std::string& name, const std::string& content) {
    const std::string p = Path(name);
    std::ofstream f(p, std::ios::binary);
    f << content;
    f.close();
    REQUIRE(f.good());
    return p;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs the CLI with `args`; stdin from `stdin_file` (or /dev/null). The
  // command, exit code and output are logged with the test's next assertion.
  CliResult Run(const std::vector<std::string>& args, const std::string& stdin_file = "") {
    const std::string out = Path("stdout.txt"), err = Path("stderr.txt");
    std::string cmd = ShellQuote(LEADSCORE_CLI);
    for (const std::string& a : args) cmd += " " + ShellQuote(a);
    cmd += " >" + ShellQuote(out) + " 2>" + ShellQuote(err) + " <" +
           ShellQuote(stdin_file.empty() ? std::string("/dev/null") : stdin_file);
    const int status = std::system(cmd.c_str());
    CliResult r;
    r.code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    UNSCOPED_INFO("command: " << cmd << "\nexit: " << r.code << "\nstdout:\n"
                              << r.out.substr(0, 4000) << "\nstderr:\n"
                              << r.err.substr(0, 4000));
    return r;
  }

 private:
  std::filesystem::path dir_;
  static inline int counter_ = 0;
};

}  // namespace leadscore_test

#endif  // LEADSCORE_TESTS_CLI_UTIL_H_
