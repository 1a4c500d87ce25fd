// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What the CLI prints on stderr about its input (tools/leadscore/messages.h):
// escaped control characters, a bounded sample of unknown lead ids, bad lines
// as data, and the CSV header's delimiter hint.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "messages.h"
#include "support/cli_util.h"

namespace {

using leadscore::cli::BadLine;
using leadscore::cli::FormatBadLine;
using leadscore::cli::IdSample;
using leadscore::cli::Printable;
using leadscore_test::CliDir;
using leadscore_test::CliResult;

constexpr char kAsOf[] = "2026-11-01T00:00:00Z";

constexpr char kModel[] = R"({
  "name": "messages-test", "version": "1",
  "dimensions": [{"name": "fit"}],
  "rules": [{"id": "exec", "dimension": "fit", "points": 25,
             "when": {"attr": "job_title", "contains": "vp"}}]
})";

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// No byte a terminal acts on: C0 controls other than the newline, DEL, and
// the C1 controls (as UTF-8, C2 80 to C2 9F).
bool HasControl(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      return true;
    }
  }
  return false;
}

TEST_CASE("Printable escapes C0, DEL, C1, invalid UTF-8 and the backslash", "[cli]") {
  CHECK(Printable("plain L-000001 text") == "plain L-000001 text");
  CHECK(Printable("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");  // valid UTF-8 stays
  CHECK(Printable("\x1B[31mred\x1B[0m") == "\\x1B[31mred\\x1B[0m");
  CHECK(Printable(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(Printable("tab\there\nnl\rcr") == "tab\\x09here\\x0Anl\\x0Dcr");
  CHECK(Printable("del\x7F") == "del\\x7F");
  CHECK(Printable("csi\xC2\x9B" "2J") == "csi\\u009B2J");  // C1 CSI as UTF-8
  CHECK(Printable("nel\xC2\x85") == "nel\\u0085");
  CHECK(Printable("nbsp\xC2\xA0") == "nbsp\xC2\xA0");  // U+00A0 is not a control
  CHECK(Printable("raw\x9B" "2J") == "raw\\x9B2J");    // a lone C1 byte is invalid UTF-8
  CHECK(Printable("\xFF\xFE") == "\\xFF\\xFE");
  CHECK(Printable("\xC0\xAF") == "\\xC0\\xAF");          // overlong
  CHECK(Printable("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // surrogate
  CHECK(Printable("cut\xE2\x82") == "cut\\xE2\\x82");     // truncated sequence
  CHECK(Printable("back\\slash") == "back\\\\slash");
}

TEST_CASE("IdSample shows at most five ids and how many more", "[cli]") {
  CHECK(IdSample({}) == "");
  CHECK(IdSample({"a"}) == "a");
  CHECK(IdSample({"a", "b", "c", "d", "e"}) == "a, b, c, d, e");
  CHECK(IdSample({"a", "b", "c", "d", "e", "f", "g"}) == "a, b, c, d, e and 2 more");
  CHECK(IdSample({"a", "b", "c"}, 2) == "a, b and 1 more");
  CHECK(IdSample({"\x1B]0;x\x07"}) == "\\x1B]0;x\\x07");
}

TEST_CASE("FormatBadLine is FILE:LINE: message", "[cli]") {
  CHECK(FormatBadLine(BadLine{"leads.jsonl", 5, "invalid JSON"}) ==
        "leads.jsonl:5: invalid JSON");
  CHECK(FormatBadLine(BadLine{"leads.csv", 0, "cannot read"}) == "leads.csv: cannot read");
}

class MessagesCli : public CliDir {
 public:
  MessagesCli() : CliDir("cli_test_tmp") {}
};

TEST_CASE_METHOD(MessagesCli, "cli messages: the unknown-lead warning is bounded", "[cli]") {
  // Before: every distinct unknown id was listed, however many. Now every id
  // up to 100 (spec section 8: the count and the sorted distinct ids), then a
  // sample.
  std::string events;
  for (int i = 0; i < 140; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "U-%03d", 139 - i);  // the file is not sorted
    events += std::string(R"({"lead_id": ")") + id +
              R"(", "type": "page_view", "at": "2026-10-02T00:00:00Z"})" + "\n";
  }
  const CliResult r =
      Run({"score", "--model", Write("m.json", kModel), "--leads",
           Write("l.jsonl", R"({"id": "L-1", "consent": true})"
                            "\n"),
           "--events", Write("e.jsonl", events), "--as-of", kAsOf});
  REQUIRE(r.code == 0);
  CHECK(Contains(r.err, "warning: 140 events name 140 unknown lead ids: U-000, U-001, U-002, "));
  CHECK(Contains(r.err, ", U-098, U-099 and 40 more\n"));
  CHECK_FALSE(Contains(r.err, "U-100"));
}

TEST_CASE_METHOD(MessagesCli, "cli messages: input echoed to stderr is escaped", "[cli]") {
  const std::string model = Write("m.json", kModel);
  const std::string evil = "L-\x1B]0;pwned\x07\x1B[2J\xC2\x9B" "31m";
  const std::string evil_json = "L-\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m";
  const std::string escaped = "L-\\x1B]0;pwned\\x07\\x1B[2J\\u009B31m";
  SECTION("a duplicate lead id in a bad-line message") {
    const std::string lead = R"({"id": ")" + evil_json + R"(", "consent": true})" + "\n";
    const CliResult r = Run({"score", "--model", model, "--leads",
                             Write("l.jsonl", lead + lead), "--as-of", kAsOf});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, ":2: "));
    CHECK(Contains(r.err, escaped));
    CHECK_FALSE(HasControl(r.err));
  }
  SECTION("unknown lead ids in the warning") {
    const CliResult r = Run(
        {"score", "--model", model, "--leads",
         Write("l.jsonl", R"({"id": "L-1", "consent": true})"
                          "\n"),
         "--events",
         Write("e.jsonl", R"({"lead_id": ")" + evil_json +
                              R"(", "type": "x", "at": "2026-10-02T00:00:00Z"})" + "\n"),
         "--as-of", kAsOf});
    CHECK(r.code == 0);
    CHECK(Contains(r.err, "unknown lead ids: " + escaped));
    CHECK_FALSE(HasControl(r.err));
  }
  SECTION("explain's unknown --lead") {
    const CliResult r = Run({"explain", "--model", model, "--leads",
                             Write("l.jsonl", R"({"id": "L-1", "consent": true})"
                                              "\n"),
                             "--as-of", kAsOf, "--lead", evil});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "no lead with id '" + escaped + "'"));
    CHECK_FALSE(HasControl(r.err));
  }
  SECTION("a CSV column name in a header problem") {
    const CliResult r =
        Run({"score", "--model", model, "--leads", Write("l.csv", "id,a\n1,2\n"), "--as-of",
             kAsOf, "--consent-column", evil});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "consent column '" + escaped + "' is not in the header"));
    CHECK_FALSE(HasControl(r.err));
  }
  SECTION("a model's unknown key") {
    const CliResult r = Run(
        {"validate", "--model",
         Write("bad.json", R"({"name": "x", "version": "1", "dimensions": [{"name": "fit"}],
                "rules": [{"id": "r", "dimension": "fit", "points": 1, ")" +
                               evil_json + R"(": 1}]})")});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "\\x1B"));
    CHECK_FALSE(HasControl(r.err));
  }
  SECTION("an unknown command and an unexpected argument") {
    CliResult r = Run({evil});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "unknown command '" + escaped + "'"));
    CHECK_FALSE(HasControl(r.err));
    r = Run({"validate", "--model", model, evil});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "unexpected argument '" + escaped + "'"));
    CHECK_FALSE(HasControl(r.err));
  }
  SECTION("the rejects file keeps the exact text, as JSON") {
    const std::string lead = R"({"id": ")" + evil_json + R"(", "consent": true})" + "\n";
    const std::string rejects = Path("rejects.jsonl");
    const CliResult r =
        Run({"score", "--model", model, "--leads", Write("l.jsonl", lead + lead), "--as-of",
             kAsOf, "--on-error", "skip", "--rejects", rejects});
    CHECK(r.code == 0);
    const std::string text = leadscore_test::ReadFile(rejects);
    CHECK(Contains(text, "\\u001b]0;pwned"));  // JSON's escapes
    CHECK(Contains(text, "\\u009b31m"));        // C1 too (JSON allows it raw)
    CHECK_FALSE(HasControl(text));
    // The same value as before: the exact line, once parsed.
    const nlohmann::json record = nlohmann::json::parse(text.substr(0, text.find('\n')));
    CHECK(record["input"] == lead.substr(0, lead.size() - 1));
    CHECK(record["error"] == "duplicate lead id '" + evil + "'");
  }
}

TEST_CASE_METHOD(MessagesCli, "cli messages: a CSV header with another delimiter gets a hint",
                 "[cli]") {
  const std::string model = Write("m.json", kModel);
  struct Case {
    std::string csv;
    std::vector<std::string> extra;
    std::string hint;
  };
  const std::vector<Case> cases = {
      {"id;job_title\n1;VP\n", {},
       ":1: id column 'id' is not in the header (the header line looks ';'-separated, not "
       "','-separated: add --csv-delimiter ';')"},
      {"id\tjob_title\n1\tVP\n", {},
       ":1: id column 'id' is not in the header (the header line looks tab-separated, not "
       "','-separated: add --csv-delimiter tab)"},
      {"lead|job_title\n1|VP\n", {"--id-column", "lead"},
       ":1: id column 'lead' is not in the header (the header line looks '|'-separated, not "
       "','-separated: add --csv-delimiter '|')"},
      {"id,job_title\n1,VP\n", {"--csv-delimiter", ";"},
       ":1: id column 'id' is not in the header (the header line looks ','-separated, not "
       "';'-separated: add --csv-delimiter ',')"},
      // Quoted tab-separated names: malformed CSV at ',', a hint all the same.
      {"\"id\"\t\"job_title\"\n\"1\"\t\"VP\"\n", {},
       ":1: text after the closing quote of field 1 (a quote inside a quoted field is written "
       "\"\") (the header line looks tab-separated, not ','-separated: add --csv-delimiter "
       "tab)"},
      // The header on line 3: its line is reported as data, not parsed from a message.
      {"\n\nemail;won\nx;1\n", {"--outcome-column", "won", "--id-column", "@row"},
       ":3: outcome column 'won' is not in the header (the header line looks ';'-separated"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"score", "--model", model, "--leads",
                                     Write("l.csv", c.csv), "--as-of", kAsOf};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const CliResult r = Run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, Path("l.csv") + c.hint));
  }
  // No hint when no other delimiter would find the column.
  const CliResult plain =
      Run({"score", "--model", model, "--leads", Write("l.csv", "name;email\nx;y\n"), "--as-of",
           kAsOf});
  CHECK(plain.code == 2);
  CHECK(Contains(plain.err, Path("l.csv") + ":1: id column 'id' is not in the header\n"));
}

}  // namespace
