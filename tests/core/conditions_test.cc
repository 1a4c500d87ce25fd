// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Condition operators (spec 3.2) with section 8's type, array and case rules,
// tested through the public path: a one-rule model whose score is 1 when the
// condition holds and 0 when it does not.

#include <string>
#include <vector>

#include "support/test_util.h"

namespace leadscore_test {
namespace {

// The lead of docs/model-format.md's operator table, plus a few extra values.
Attributes StdAttrs() {
  Attributes a;
  a["country"] = S("ES");
  a["company_size"] = N(250);
  a["newsletter"] = B(true);
  a["tags"] = Strs({"webinar", "ebook"});
  a["phone"] = Null();
  a["title"] = S("Head of Growth");
  a["email"] = S("ana@acme.io");
  a["name"] = S("\xC3\x89mile");  // "Émile": É is U+00C9
  a["empty"] = Value::Array({});
  a["nums"] = Value::Array({N(1), N(5)});
  a["size_text"] = S("250");
  return a;
}

// Score of an attribute rule worth 1 point whose `when` is `when`: 1 when the
// condition holds for `attrs`, 0 otherwise. Checks that explain agrees.
bool AttrHolds(const std::string& when, const Attributes& attrs = StdAttrs()) {
  auto model = MustLoad(
      R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "d",
          "points": 1, "when": )" + when + "}]}");
  const Scorecard card = ScoreOf(model, MakeLead("L", attrs), {}, Base());
  INFO("when: " << when);
  const double score = ScoreIn(card, "d");
  REQUIRE((score == 0 || score == 1));
  CHECK((FindExplain(card, "r") != nullptr) == (score == 1));
  return score == 1;
}

// Same for an event rule on type "e": one event with `props` at as_of.
bool PropHolds(const std::string& when, const Attributes& props,
               const Attributes& attrs = StdAttrs()) {
  auto model = MustLoad(
      R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r", "dimension": "d",
          "points": 1, "on": "e", "when": )" + when + "}]}");
  const Lead lead = MakeLead("L", attrs);
  const Scorecard card = ScoreOf(model, lead, {Ev(lead, "e", Base(), "E1", props)}, Base());
  INFO("when: " << when);
  const double score = ScoreIn(card, "d");
  REQUIRE((score == 0 || score == 1));
  return score == 1;
}

TEST_CASE("eq compares same-type values, strings ignoring ASCII case", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "country", "eq": "es"})"));      // "ES" folds to "es"
  CHECK(AttrHolds(R"({"attr": "country", "eq": "ES"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "eq": "esp"})"));
  CHECK(AttrHolds(R"({"attr": "company_size", "eq": 250})"));
  CHECK(AttrHolds(R"({"attr": "company_size", "eq": 250.0})"));  // numbers are one type
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "eq": "250"})"));  // wrong type
  CHECK_FALSE(AttrHolds(R"({"attr": "size_text", "eq": 250})"));       // wrong type
  CHECK(AttrHolds(R"({"attr": "newsletter", "eq": true})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "eq": false})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "eq": 1})"));  // a bool is not a number
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "eq": true})"));
}

TEST_CASE("ne needs the same type and a different value", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "country", "ne": "de"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "ne": "es"})"));  // equal ignoring case
  CHECK(AttrHolds(R"({"attr": "company_size", "ne": 50})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "ne": "250"})"));  // wrong type: false
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "ne": "x"})"));    // wrong type: false
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "ne": 0})"));        // bool vs number
  CHECK(AttrHolds(R"({"attr": "newsletter", "ne": false})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "ne": "trial"})"));  // false on arrays
  CHECK_FALSE(AttrHolds(R"({"attr": "phone", "ne": "x"})"));     // null is missing
  CHECK_FALSE(AttrHolds(R"({"attr": "nope", "ne": "x"})"));      // missing
}

TEST_CASE("in holds when an argument element of the value's type is equal", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "country", "in": ["de", "Es"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "in": ["de", "fr"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "in": [50, "250"]})"));  // only 50 is a number
  CHECK(AttrHolds(R"({"attr": "company_size", "in": [50, 250]})"));
  CHECK(AttrHolds(R"({"attr": "newsletter", "in": [true]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "in": [1]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "in": []})"));
}

TEST_CASE("not_in needs an argument element of the value's type", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "company_size", "not_in": [50, "250"]})"));  // 50 is a number, != 250
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "not_in": ["250"]})"));  // no number in it
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "not_in": [250]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "not_in": []})"));  // not_in [] is false
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "not_in": []})"));
  CHECK(AttrHolds(R"({"attr": "country", "not_in": ["de", "fr"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "not_in": ["de", "eS"]})"));  // equal ignoring case
  CHECK(AttrHolds(R"({"attr": "newsletter", "not_in": [false]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "not_in": [0]})"));  // no bool in it
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "not_in": ["trial"]})"));   // false on arrays
  CHECK_FALSE(AttrHolds(R"({"attr": "nope", "not_in": ["x"]})"));       // missing
  CHECK_FALSE(AttrHolds(R"({"attr": "phone", "not_in": ["x"]})"));      // null is missing
}

TEST_CASE("gt, gte, lt, lte compare numbers only", "[conditions]") {
  // company_size is 250.
  CHECK(AttrHolds(R"({"attr": "company_size", "gt": 249})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "gt": 250})"));
  CHECK(AttrHolds(R"({"attr": "company_size", "gte": 250})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "gte": 250.5})"));
  CHECK(AttrHolds(R"({"attr": "company_size", "lt": 251})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "lt": 250})"));
  CHECK(AttrHolds(R"({"attr": "company_size", "lte": 250})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "lte": 249.9})"));
  // Wrong types: a bool is not a number, nor is a numeric string.
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "gt": 0})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "gte": 0})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "size_text", "gt": 0})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "lt": 1000})"));
  // On an array of numbers (every element > 0): still false.
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "gt": 0})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "lte": 100})"));
}

TEST_CASE("between is inclusive and numbers only", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "company_size", "between": [250, 250]})"));  // both ends included
  CHECK(AttrHolds(R"({"attr": "company_size", "between": [50, 1000]})"));
  CHECK(AttrHolds(R"({"attr": "company_size", "between": [100, 250]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "between": [100, 249]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "between": [251, 300]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "between": [0, 1]})"));  // bool
  CHECK_FALSE(AttrHolds(R"({"attr": "size_text", "between": [0, 1000]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "between": [0, 10]})"));  // array
}

TEST_CASE("contains and contains_any: substrings, ASCII case folded", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "title", "contains": "OF GROW"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "title", "contains": "vp"})"));
  CHECK(AttrHolds(R"({"attr": "title", "contains": ""})"));  // every string contains ""
  CHECK(AttrHolds(R"({"attr": "title", "contains_any": ["chief", "HEAD OF"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "title", "contains_any": ["chief", "vp"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "title", "contains_any": []})"));
  // Wrong type: a number does not contain anything.
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "contains": "25"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "newsletter", "contains_any": ["true"]})"));
}

TEST_CASE("starts_with and ends_with, ASCII case folded", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "title", "starts_with": "HEAD"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "title", "starts_with": "growth"})"));
  CHECK(AttrHolds(R"({"attr": "email", "ends_with": "@ACME.IO"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "email", "ends_with": "@acme.com"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "starts_with": "2"})"));
}

TEST_CASE("case folding is ASCII only", "[conditions]") {
  // name is "Émile"; "é" (U+00E9) is not "É" (U+00C9) for any string operator.
  CHECK(AttrHolds(R"({"attr": "name", "eq": "ÉMILE"})"));   // only m-i-l-e fold
  CHECK_FALSE(AttrHolds(R"({"attr": "name", "eq": "émile"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "name", "starts_with": "é"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "name", "contains": "émi"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "name", "in": ["émile"]})"));
  CHECK(AttrHolds(R"({"attr": "name", "not_in": ["émile"]})"));
  CHECK(AttrHolds(R"({"attr": "name", "ne": "émile"})"));
  CHECK(AttrHolds(R"({"attr": "name", "ends_with": "MILE"})"));
}

TEST_CASE("matches: partial RE2 match with ASCII-only case folding", "[conditions]") {
  // docs/model-format.md: "@(ACME|Globex)\." matches ana@acme.io.
  CHECK(AttrHolds(R"({"attr": "email", "matches": "@(ACME|Globex)\\."})"));
  CHECK(AttrHolds(R"({"attr": "email", "matches": "acme"})"));    // partial match
  CHECK_FALSE(AttrHolds(R"({"attr": "email", "matches": "^acme"})"));  // anchored
  CHECK(AttrHolds(R"({"attr": "email", "matches": "^ANA@[a-z]+\\.IO$"})"));
  CHECK(AttrHolds(R"({"attr": "title", "matches": "^head\\s+OF"})"));
  // Non-ASCII letters do not fold, in the pattern or in the subject.
  CHECK(AttrHolds(R"({"attr": "name", "matches": "^É"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "name", "matches": "^é"})"));
  CHECK(AttrHolds(R"({"attr": "name", "matches": "^ÉMILE$"})"));
  // Not even with an explicit (?i), which in RE2 would fold Unicode.
  CHECK_FALSE(AttrHolds(R"({"attr": "name", "matches": "(?i)^é"})"));
  // The Kelvin sign (U+212A) is not 'k' (RE2's Unicode folding would say so).
  Attributes kelvin;
  kelvin["unit"] = S("\xE2\x84\xAA");
  CHECK_FALSE(AttrHolds(R"({"attr": "unit", "matches": "k"})", kelvin));
  CHECK_FALSE(AttrHolds(R"({"attr": "unit", "matches": "K"})", kelvin));
  // Wrong types and arrays: false.
  CHECK_FALSE(AttrHolds(R"({"attr": "company_size", "matches": "250"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "matches": "web"})"));
}

TEST_CASE("matches: Unicode classes keep their meaning", "[conditions]") {
  // \p{Lu} (upper-case letter): É stays upper-case, ASCII letters are folded
  // to lower case first (docs/model-format.md).
  CHECK(AttrHolds(R"({"attr": "name", "matches": "^\\p{Lu}"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "matches": "\\p{Lu}"})"));
}

// Regression: at commit 5dd7717 FoldPatternLiterals lower-cased a range's end
// points, so [A-z] became [a-z] and lost '[', '\', ']', '^', '_' and '`'.
// Under ASCII case folding [A-z] still contains '_', so "a_b" must match
// ^[A-z]+$. (Fixed by the uncommitted src/model/regex_util.cc FoldClass.)
TEST_CASE("matches: a class range spanning non-letters keeps them", "[conditions]") {
  Attributes a;
  a["v"] = S("a_b");
  CHECK(AttrHolds(R"({"attr": "v", "matches": "^[A-z]+$"})", a));
}

// Regression: at commit 5dd7717 the same folding turned the valid RE2 class
// [Z-a] into [z-a], which RE2 rejects, so a valid expression failed to load.
// Under ASCII case folding [Z-a] holds '_' (and Z, a and everything between).
TEST_CASE("matches: a valid class range still loads", "[conditions]") {
  auto m = Model::FromJson(R"({"dimensions": [{"name": "d"}], "rules": [{"id": "r",
      "dimension": "d", "points": 1, "when": {"attr": "v", "matches": "^[Z-a]$"}}]})");
  INFO(m.status().ToString());
  REQUIRE(m.ok());
  Attributes a;
  a["v"] = S("_");
  CHECK(ScoreIn(ScoreOf(*m, MakeLead("L", a), {}, Base()), "d") == 1);
}

// Regression: at commit 5dd7717 FoldPatternLiterals took "(?" inside a
// character class for a flag group and copied the following text unfolded, so
// the X in "[(?]X" stayed upper-case and never matched the lower-cased subject.
TEST_CASE("matches: letters after '(?' inside a class are folded", "[conditions]") {
  Attributes a;
  a["v"] = S("?x");
  // "?x" matches [(?]X ignoring ASCII case.
  CHECK(AttrHolds(R"({"attr": "v", "matches": "[(?]X"})", a));
}

TEST_CASE("matches: negated classes and class members that are brackets fold too", "[conditions]") {
  Attributes a;
  a["letters"] = S("ABC");
  a["digits"] = S("123");
  a["bracket"] = S("]a");
  // [^A-Z] excludes both cases of A-Z: "ABC" has no such character.
  CHECK_FALSE(AttrHolds(R"({"attr": "letters", "matches": "[^A-Z]"})", a));
  CHECK(AttrHolds(R"({"attr": "digits", "matches": "^[^A-Z]+$"})", a));
  // A leading ']' is a member; A also matches a.
  CHECK(AttrHolds(R"({"attr": "bracket", "matches": "^[]A]+$"})", a));
  // [[:upper:]] tests case on the lower-cased subject: no ASCII letter matches
  // (docs/model-format.md).
  CHECK_FALSE(AttrHolds(R"({"attr": "letters", "matches": "[[:upper:]]"})", a));
}

TEST_CASE("exists tests presence only - null is missing", "[conditions]") {
  CHECK(AttrHolds(R"({"attr": "country", "exists": true})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "country", "exists": false})"));
  CHECK(AttrHolds(R"({"attr": "newsletter", "exists": true})"));  // any type
  CHECK(AttrHolds(R"({"attr": "nope", "exists": false})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nope", "exists": true})"));
  CHECK(AttrHolds(R"({"attr": "phone", "exists": false})"));  // null counts as missing
  CHECK_FALSE(AttrHolds(R"({"attr": "phone", "exists": true})"));
  CHECK(AttrHolds(R"({"attr": "empty", "exists": true})"));   // [] is present
  CHECK_FALSE(AttrHolds(R"({"attr": "empty", "exists": false})"));
}

TEST_CASE("a missing or null value makes every leaf false but exists:false", "[conditions]") {
  const std::vector<std::string> ops = {
      R"("eq": "x")",          R"("ne": "x")",           R"("in": ["x"])",
      R"("not_in": ["x"])",    R"("gt": 0)",             R"("gte": 0)",
      R"("lt": 0)",            R"("lte": 0)",            R"("between": [-1, 1])",
      R"("contains": "")",     R"("contains_any": [""])", R"("starts_with": "")",
      R"("ends_with": "")",    R"("matches": "")",       R"("exists": true)",
      R"("ne": 0)",            R"("not_in": [0, "x", true])",
  };
  for (const char* attr : {"nope", "phone"}) {
    for (const std::string& op : ops) {
      CHECK_FALSE(AttrHolds(std::string(R"({"attr": ")") + attr + "\", " + op + "}"));
    }
    CHECK(AttrHolds(std::string(R"({"attr": ")") + attr + R"(", "exists": false})"));
  }
}

TEST_CASE("arrays: eq, in, contains, contains_any hold when an element does", "[conditions]") {
  // tags is ["webinar", "ebook"].
  CHECK(AttrHolds(R"({"attr": "tags", "eq": "EBOOK"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "eq": "trial"})"));
  CHECK(AttrHolds(R"({"attr": "tags", "in": ["trial", "Webinar"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "in": ["trial"]})"));
  CHECK(AttrHolds(R"({"attr": "tags", "contains": "web"})"));
  CHECK(AttrHolds(R"({"attr": "tags", "contains": "BOO"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "contains": "webinar ebook"})"));
  CHECK(AttrHolds(R"({"attr": "tags", "contains_any": ["xx", "inar"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "contains_any": ["xx", "yy"]})"));
  // nums is [1, 5].
  CHECK(AttrHolds(R"({"attr": "nums", "eq": 5})"));
  CHECK(AttrHolds(R"({"attr": "nums", "in": [7, 1]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "eq": "5"})"));
}

TEST_CASE("arrays: every other operator is false", "[conditions]") {
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "ne": "trial"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "not_in": ["trial"]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "starts_with": "web"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "ends_with": "book"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "tags", "matches": "."})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "ne": 7})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "not_in": [7]})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "gte": 1})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "nums", "between": [1, 5]})"));
  // An empty array: present, but no element satisfies anything.
  CHECK_FALSE(AttrHolds(R"({"attr": "empty", "eq": "x"})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "empty", "contains": ""})"));
  CHECK_FALSE(AttrHolds(R"({"attr": "empty", "ne": "x"})"));
}

TEST_CASE("combinators: all, any, not - empty all is true, empty any false", "[conditions]") {
  CHECK(AttrHolds(R"({"all": []})"));
  CHECK_FALSE(AttrHolds(R"({"any": []})"));
  CHECK_FALSE(AttrHolds(R"({"not": {"all": []}})"));
  CHECK(AttrHolds(R"({"not": {"any": []}})"));
  // all: every child; any: some child.
  CHECK(AttrHolds(R"({"all": [{"attr": "country", "eq": "es"},
                               {"attr": "company_size", "gte": 100}]})"));
  CHECK_FALSE(AttrHolds(R"({"all": [{"attr": "country", "eq": "es"},
                                     {"attr": "company_size", "gte": 1000}]})"));
  CHECK(AttrHolds(R"({"any": [{"attr": "country", "eq": "de"},
                               {"attr": "company_size", "gte": 100}]})"));
  CHECK_FALSE(AttrHolds(R"({"any": [{"attr": "country", "eq": "de"},
                                     {"attr": "nope", "exists": true}]})"));
  // not of a false leaf (missing attribute) is true.
  CHECK(AttrHolds(R"({"not": {"attr": "nope", "eq": "x"}})"));
  CHECK_FALSE(AttrHolds(R"({"not": {"attr": "country", "eq": "es"}})"));
  // Nested: es AND (size > 1000 OR tags contain "ebook") AND NOT free mail.
  CHECK(AttrHolds(R"({"all": [{"attr": "country", "eq": "ES"},
                               {"any": [{"attr": "company_size", "gt": 1000},
                                        {"attr": "tags", "contains": "ebook"}]},
                               {"not": {"attr": "email", "ends_with": "@gmail.com"}}]})"));
}

TEST_CASE("an attribute rule without when always holds", "[conditions]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "d"}],
      "rules": [{"id": "r", "dimension": "d", "points": 7}]})");
  // No condition: the rule's 7 points always count.
  CHECK(ScoreIn(ScoreOf(model, MakeLead("L"), {}, Base()), "d") == 7);
}

TEST_CASE("prop leaves read the event's properties", "[conditions]") {
  Attributes props;
  props["url"] = S("https://acme.io/Pricing?plan=team");
  props["duration_s"] = N(42);
  props["meta"] = Value::Other();  // a JSON object: only answers exists
  props["gone"] = Null();
  CHECK(PropHolds(R"({"prop": "url", "contains": "/pricing"})", props));
  CHECK_FALSE(PropHolds(R"({"prop": "url", "contains": "/blog"})", props));
  CHECK(PropHolds(R"({"prop": "duration_s", "gte": 42})", props));
  CHECK_FALSE(PropHolds(R"({"prop": "duration_s", "gt": 42})", props));
  CHECK(PropHolds(R"({"prop": "meta", "exists": true})", props));
  CHECK_FALSE(PropHolds(R"({"prop": "meta", "eq": "x"})", props));
  CHECK_FALSE(PropHolds(R"({"prop": "meta", "ne": "x"})", props));
  CHECK_FALSE(PropHolds(R"({"prop": "meta", "contains": ""})", props));
  CHECK(PropHolds(R"({"prop": "gone", "exists": false})", props));
  CHECK(PropHolds(R"({"prop": "nope", "exists": false})", props));
  CHECK_FALSE(PropHolds(R"({"prop": "nope", "ne": "x"})", props));
  // An event rule's when may also read the lead's attributes.
  CHECK(PropHolds(R"({"all": [{"prop": "url", "contains": "pricing"},
                               {"attr": "country", "eq": "es"}]})", props));
  CHECK_FALSE(PropHolds(R"({"all": [{"prop": "url", "contains": "pricing"},
                                     {"attr": "country", "eq": "de"}]})", props));
}

TEST_CASE("event types compare exactly", "[conditions]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "d"}],
      "rules": [{"id": "r", "dimension": "d", "points": 1, "on": ["page_view"]}]})");
  const Lead lead = MakeLead("L");
  // "Page_View" is not "page_view": only the exact type's event counts (1 point).
  const Scorecard card = ScoreOf(model, lead,
                                 {Ev(lead, "Page_View", Day(0), "E1"),
                                  Ev(lead, "page_view", Day(0), "E2")},
                                 Day(0));
  CHECK(ScoreIn(card, "d") == 1);
}

}  // namespace
}  // namespace leadscore_test
