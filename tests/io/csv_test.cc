// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// CsvReader (RFC 4180) and CsvLeadReader (CSV -> Lead).

#include "leadscore/io/csv.h"

#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace leadscore {
namespace {

using Records = std::vector<std::vector<std::string>>;

Records ReadAll(const std::string& text, char delimiter = ',') {
  std::istringstream in(text);
  CsvReader reader(&in, delimiter);
  Records out;
  std::vector<std::string> fields;
  while (true) {
    absl::StatusOr<bool> got = reader.Next(&fields);
    REQUIRE(got.ok());
    if (!*got) break;
    out.push_back(fields);
  }
  return out;
}

std::string FirstError(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(&in);
  std::vector<std::string> fields;
  while (true) {
    absl::StatusOr<bool> got = reader.Next(&fields);
    if (!got.ok()) {
      CHECK(got.status().code() == absl::StatusCode::kInvalidArgument);
      return std::string(got.status().message());
    }
    if (!*got) return "";
  }
}

TEST_CASE("CsvReader reads RFC 4180 records", "[csv]") {
  SECTION("plain, CRLF, no final line end") {
    CHECK(ReadAll("a,b,c\r\n1,2,3\r\n4,5,6") ==
          Records{{"a", "b", "c"}, {"1", "2", "3"}, {"4", "5", "6"}});
  }
  SECTION("quotes, escaped quotes, commas and line breaks inside quotes") {
    CHECK(ReadAll("id,note\n1,\"say \"\"hi\"\", then go\"\n2,\"two\nlines\r\nhere\"\n") ==
          Records{{"id", "note"}, {"1", "say \"hi\", then go"}, {"2", "two\nlines\r\nhere"}});
  }
  SECTION("empty fields and a trailing delimiter") {
    CHECK(ReadAll("a,,c,\n,\"\",x,\n") == Records{{"a", "", "c", ""}, {"", "", "x", ""}});
  }
  SECTION("byte-order mark and blank lines") {
    CHECK(ReadAll("\xEF\xBB\xBFid\n\n1\r\n\r\n2\n\n") == Records{{"id"}, {"1"}, {"2"}});
  }
  SECTION("lone CR ends a record") { CHECK(ReadAll("a\rb\r") == Records{{"a"}, {"b"}}); }
  SECTION("semicolon delimiter") {
    CHECK(ReadAll("\"age\";\"job\"\n58;\"management\"\n", ';') ==
          Records{{"age", "job"}, {"58", "management"}});
  }
  SECTION("records longer than the read buffer") {
    std::string big(200000, 'x');
    CHECK(ReadAll("a,b\n\"" + big + "\"," + big + "\n") == Records{{"a", "b"}, {big, big}});
  }
}

TEST_CASE("CsvReader line numbers count physical lines", "[csv]") {
  std::istringstream in("h1,h2\n\"multi\nline\",x\n\nlast,y\n");
  CsvReader reader(&in);
  std::vector<std::string> f;
  REQUIRE(*reader.Next(&f));
  CHECK(reader.line_number() == 1);
  REQUIRE(*reader.Next(&f));
  CHECK(reader.line_number() == 2);
  CHECK(reader.raw_record() == "\"multi\nline\",x");
  REQUIRE(*reader.Next(&f));
  CHECK(reader.line_number() == 5);
  CHECK(f == std::vector<std::string>{"last", "y"});
  REQUIRE_FALSE(*reader.Next(&f));
}

TEST_CASE("CsvReader reports malformed records with their line", "[csv]") {
  CHECK(FirstError("a,b\n1,x\"y\n") ==
        "line 2: '\"' inside unquoted field 2 (quote the field and write the quote as \"\")");
  CHECK(FirstError("a,b\n\n\"ab\"c,d\n") ==
        "line 3: text after the closing quote of field 1 (a quote inside a quoted field is "
        "written \"\")");
  CHECK(FirstError("a,b\n1,\"open\n2,3\n") ==
        "line 2: quoted field 2 is not closed before the end of the input");
}

TEST_CASE("CsvReader goes on after a bad record", "[csv]") {
  std::istringstream in("a\nb\"c\nd\n");
  CsvReader reader(&in);
  std::vector<std::string> f;
  REQUIRE(*reader.Next(&f));
  auto bad = reader.Next(&f);
  REQUIRE_FALSE(bad.ok());
  CHECK(reader.raw_record() == "b\"c");
  auto good = reader.Next(&f);
  REQUIRE(good.ok());
  REQUIRE(*good);
  CHECK(f == std::vector<std::string>{"d"});
  CHECK(reader.line_number() == 3);
}

TEST_CASE("CsvCellValue detects numbers and empties", "[csv]") {
  CHECK(CsvCellValue("42", false) == Value::Number(42));
  CHECK(CsvCellValue(" -1.5e3 ", false) == Value::Number(-1500));
  CHECK(CsvCellValue(".5", false) == Value::Number(0.5));
  CHECK(CsvCellValue("+7", false) == Value::Number(7));
  CHECK(CsvCellValue("", false).is_null());
  CHECK(CsvCellValue("   ", false).is_null());
  CHECK(CsvCellValue("1e999", false) == Value::String("1e999"));  // not finite
  CHECK(CsvCellValue("nan", false) == Value::String("nan"));
  CHECK(CsvCellValue("inf", false) == Value::String("inf"));
  CHECK(CsvCellValue("0x1A", false) == Value::String("0x1A"));
  CHECK(CsvCellValue("12 apples", false) == Value::String("12 apples"));
  CHECK(CsvCellValue("1e", false) == Value::String("1e"));
  CHECK(CsvCellValue(".", false) == Value::String("."));
  CHECK(CsvCellValue("08001", true) == Value::String("08001"));
  CHECK(CsvCellValue(" Madrid ", false) == Value::String(" Madrid "));
}

TEST_CASE("CsvLeadReader maps columns to a lead", "[csv]") {
  std::istringstream in(
      "Lead Id,Industry,Employees,Zip,Opt In,Converted,Notes\r\n"
      "L-1,saas,120,08001,yes,1,\"likes \"\"pricing\"\"\"\r\n"
      "L-2,,, ,no,,\r\n");
  CsvLeadOptions options;
  options.id_column = "Lead Id";
  options.consent_column = "Opt In";
  options.outcome_column = "Converted";
  options.text_columns = {"Zip"};
  options.ignore_columns = {"Notes"};
  auto reader = CsvLeadReader::Create(&in, options);
  REQUIRE(reader.ok());
  CsvLeadRow row;
  REQUIRE(*reader->Next(&row));
  CHECK(row.line == 2);
  CHECK(row.lead.id == "L-1");
  CHECK(row.lead.consent.granted);
  REQUIRE(row.outcome.has_value());
  CHECK(*row.outcome);
  CHECK(row.lead.attributes.size() == 3);
  CHECK(row.lead.attributes.at("Industry") == Value::String("saas"));
  CHECK(row.lead.attributes.at("Employees") == Value::Number(120));
  CHECK(row.lead.attributes.at("Zip") == Value::String("08001"));
  CHECK(row.lead.attributes.count("Notes") == 0);
  CHECK(row.lead.attributes.count("Converted") == 0);

  REQUIRE(*reader->Next(&row));
  CHECK(row.lead.id == "L-2");
  CHECK_FALSE(row.lead.consent.granted);
  CHECK_FALSE(row.outcome.has_value());
  CHECK(row.lead.attributes.empty());
  REQUIRE_FALSE(*reader->Next(&row));
}

TEST_CASE("CsvLeadReader with explicit attribute columns and assumed consent", "[csv]") {
  std::istringstream in("id,a,b,c\n7,x,2,z\n");
  CsvLeadOptions options;
  options.attribute_columns = {"b", "a"};
  options.assume_consent = true;
  auto reader = CsvLeadReader::Create(&in, options);
  REQUIRE(reader.ok());
  CsvLeadRow row;
  REQUIRE(*reader->Next(&row));
  CHECK(row.lead.id == "7");
  CHECK(row.lead.consent.granted);
  CHECK(row.lead.attributes.size() == 2);
  CHECK(row.lead.attributes.at("b") == Value::Number(2));
}

TEST_CASE("CsvLeadReader numbers rows when there is no id column", "[csv]") {
  std::istringstream in("a;b\n\"x\";1\n\n\"y\";2\n");
  CsvLeadOptions options;
  options.id_column = "";
  options.delimiter = ';';
  auto reader = CsvLeadReader::Create(&in, options);
  REQUIRE(reader.ok());
  CsvLeadRow row;
  REQUIRE(*reader->Next(&row));
  CHECK(row.lead.id == "1");
  CHECK(row.lead.attributes.size() == 2);
  REQUIRE(*reader->Next(&row));
  CHECK(row.lead.id == "2");
  CHECK(row.line == 4);
  CHECK(row.lead.attributes.at("b") == Value::Number(2));
}

TEST_CASE("CsvLeadReader header and row errors", "[csv]") {
  auto create_error = [](const std::string& text, const CsvLeadOptions& options) {
    std::istringstream in(text);
    auto r = CsvLeadReader::Create(&in, options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
    return std::string(r.status().message());
  };
  CsvLeadOptions options;
  CHECK(create_error("", options) == "line 1: empty input: expected a header row");
  CHECK(create_error("name,email\n", options) == "line 1: id column 'id' is not in the header");
  CHECK(create_error("id,a,a\n", options) == "line 1: duplicate column name 'a'");
  CsvLeadOptions outcome = options;
  outcome.outcome_column = "won";
  CHECK(create_error("\n\nid,x\n", outcome) == "line 3: outcome column 'won' is not in the header");

  std::istringstream in("id,won\n1,yes\n2\n,no\n3,maybe\n4,no\n");
  auto reader = CsvLeadReader::Create(&in, outcome);
  REQUIRE(reader.ok());
  CsvLeadRow row;
  REQUIRE(*reader->Next(&row));
  auto count = reader->Next(&row);
  REQUIRE_FALSE(count.ok());
  CHECK(count.status().message() == "line 3: 1 fields, but the header has 2");
  auto empty = reader->Next(&row);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message() == "line 4: empty id in column 'id'");
  auto flag = reader->Next(&row);
  REQUIRE_FALSE(flag.ok());
  CHECK(flag.status().message() ==
        "line 5: column 'won': expected a flag (1/0, true/false, yes/no), got 'maybe'");
  CHECK(reader->raw_record() == "3,maybe");
  REQUIRE(*reader->Next(&row));
  CHECK(row.lead.id == "4");
  CHECK(row.outcome == std::optional<bool>(false));
}

}  // namespace
}  // namespace leadscore

namespace leadscore {
namespace {

TEST_CASE("CsvLeadReader describes problems as data: line, what, likely delimiter", "[csv]") {
  CsvLeadOptions options;
  auto create_problem = [](const std::string& text, const CsvLeadOptions& o) {
    std::istringstream in(text);
    CsvProblem problem;
    auto r = CsvLeadReader::Create(&in, o, &problem);
    REQUIRE_FALSE(r.ok());
    // The status carries the same, for callers that only print it.
    CHECK(r.status().message() ==
          (problem.line == 0 ? problem.what
                             : "line " + std::to_string(problem.line) + ": " + problem.what));
    return problem;
  };
  CsvProblem p = create_problem("\n\nname,email\n", options);
  CHECK(p.line == 3);
  CHECK(p.what == "id column 'id' is not in the header");
  CHECK_FALSE(p.likely_delimiter.has_value());
  p = create_problem("id;email\n1;x\n", options);
  CHECK(p.line == 1);
  CHECK(p.likely_delimiter == std::optional<char>(';'));
  // Quoted names: malformed at ',', but fine at tab.
  p = create_problem("\"id\"\t\"email\"\n", options);
  CHECK(p.what.find("text after the closing quote of field 1") == 0);
  CHECK(p.likely_delimiter == std::optional<char>('\t'));
  p = create_problem("a|id\n", options);
  CHECK(p.likely_delimiter == std::optional<char>('|'));
  CsvLeadOptions semicolon = options;
  semicolon.delimiter = ';';
  p = create_problem("id,email\n", semicolon);
  CHECK(p.likely_delimiter == std::optional<char>(','));
  // Quoted: the ';' is inside a field, so ';' would not find 'id' either.
  p = create_problem("\"x;id\",y\n", options);
  CHECK_FALSE(p.likely_delimiter.has_value());
  p = create_problem("id,\"a\"b\n", options);  // a malformed header record
  CHECK(p.line == 1);
  CHECK(p.what.find("text after the closing quote of field 2") == 0);
  CsvLeadOptions bad = options;
  bad.delimiter = '"';
  p = create_problem("id\n", bad);
  CHECK(p.line == 0);

  std::istringstream in("id,won\n1,yes\n\n2\n");
  CsvLeadOptions outcome = options;
  outcome.outcome_column = "won";
  auto reader = CsvLeadReader::Create(&in, outcome);
  REQUIRE(reader.ok());
  CsvLeadRow row;
  CsvProblem problem;
  REQUIRE(*reader->Next(&row, &problem));
  REQUIRE_FALSE(reader->Next(&row, &problem).ok());
  CHECK(problem.line == 4);
  CHECK(problem.what == "1 fields, but the header has 2");
}

}  // namespace
}  // namespace leadscore
