// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// `contains` and `contains_any` take two paths: on event properties the
// needles of every leaf reading one property are found in a single pass per
// event (PropFrame::Needles, up to 64 needles per property), on lead
// attributes each leaf searches alone. Both are checked here against a plain
// lower-case-and-find reference, on random models whose leaves share needles,
// prefixes and first bytes, with empty needles and more than 64 needles on
// one property.

#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/test_util.h"

namespace leadscore_test {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Strings over a small alphabet so that needles often occur, share first
// bytes ('/') and prefixes, and differ only in case.
std::string RandomText(std::mt19937_64& rng, size_t max_len) {
  static const char kAlphabet[] = "/aAbB.-";
  const size_t n = rng() % (max_len + 1);
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(kAlphabet[rng() % (sizeof kAlphabet - 1)]);
  return s;
}

std::string JsonString(const std::string& s) { return "\"" + s + "\""; }

struct Leaf {
  bool any;                          // contains_any (else contains)
  std::vector<std::string> needles;  // as written
};

std::string WhenJson(const char* subject, const std::string& name, const Leaf& leaf) {
  std::string j = std::string("{\"") + subject + "\": " + JsonString(name) + ", ";
  if (!leaf.any) return j + "\"contains\": " + JsonString(leaf.needles[0]) + "}";
  j += "\"contains_any\": [";
  for (size_t i = 0; i < leaf.needles.size(); ++i) {
    j += (i ? ", " : "") + JsonString(leaf.needles[i]);
  }
  return j + "]}";
}

bool Holds(const Leaf& leaf, const std::string& value) {
  const std::string v = Lower(value);
  for (const std::string& n : leaf.needles) {
    if (v.find(Lower(n)) != std::string::npos) return true;
  }
  return false;
}

// Rules r0..rK-1 on property (or attribute) "p", and rules q0.. on "q" so
// that two slots are in play. Returns the ids of the rules that hold.
std::set<std::string> Expected(const std::vector<Leaf>& p_leaves, const std::vector<Leaf>& q_leaves,
                               const std::string& p, const std::string& q) {
  std::set<std::string> out;
  for (size_t i = 0; i < p_leaves.size(); ++i) {
    if (Holds(p_leaves[i], p)) out.insert("r" + std::to_string(i));
  }
  for (size_t i = 0; i < q_leaves.size(); ++i) {
    if (Holds(q_leaves[i], q)) out.insert("q" + std::to_string(i));
  }
  return out;
}

std::string ModelJson(const std::vector<Leaf>& p_leaves, const std::vector<Leaf>& q_leaves,
                      bool on_event) {
  const char* subject = on_event ? "prop" : "attr";
  const std::string on = on_event ? "\"on\": \"e\", " : "";
  std::string rules;
  auto add = [&](const std::string& id, const std::string& name, const Leaf& leaf) {
    if (!rules.empty()) rules += ", ";
    rules += "{\"id\": \"" + id + "\", \"dimension\": \"d\", \"points\": 1, " + on +
             "\"when\": " + WhenJson(subject, name, leaf) + "}";
  };
  for (size_t i = 0; i < p_leaves.size(); ++i) add("r" + std::to_string(i), "p", p_leaves[i]);
  for (size_t i = 0; i < q_leaves.size(); ++i) add("q" + std::to_string(i), "q", q_leaves[i]);
  return "{\"dimensions\": [{\"name\": \"d\"}], \"rules\": [" + rules + "]}";
}

std::set<std::string> Held(const Scorecard& card) {
  std::set<std::string> out;
  for (const auto& e : card.explain) out.insert(e.rule);
  return out;
}

std::vector<Leaf> RandomLeaves(std::mt19937_64& rng, size_t count, size_t max_needles) {
  std::vector<Leaf> leaves(count);
  for (Leaf& leaf : leaves) {
    leaf.any = rng() % 2 == 0;
    const size_t n = leaf.any ? 1 + rng() % max_needles : 1;
    for (size_t k = 0; k < n; ++k) {
      // Mostly 1..12 bytes; now and then empty (every string contains it).
      leaf.needles.push_back(rng() % 40 == 0 ? std::string() : RandomText(rng, 12));
      if (leaf.needles.back().empty() && rng() % 2 == 0) leaf.needles.back() = "/a";
    }
  }
  return leaves;
}

void CheckBothPaths(std::mt19937_64& rng, size_t p_rules, size_t max_needles, int values) {
  const std::vector<Leaf> p_leaves = RandomLeaves(rng, p_rules, max_needles);
  const std::vector<Leaf> q_leaves = RandomLeaves(rng, 3, 3);
  auto event_model = MustLoad(ModelJson(p_leaves, q_leaves, /*on_event=*/true));
  auto attr_model = MustLoad(ModelJson(p_leaves, q_leaves, /*on_event=*/false));
  for (int v = 0; v < values; ++v) {
    const std::string p = RandomText(rng, 40), q = RandomText(rng, 6);
    const std::set<std::string> expected = Expected(p_leaves, q_leaves, p, q);
    INFO("p = '" << p << "', q = '" << q << "'");

    Attributes props;
    props["p"] = S(p);
    props["q"] = S(q);
    const Lead lead = MakeLead("L");
    const Scorecard by_event =
        ScoreOf(event_model, lead, {Ev(lead, "e", Base(), "E1", props)}, Base());
    CHECK(Held(by_event) == expected);

    const Scorecard by_attr = ScoreOf(attr_model, MakeLead("L", props), {}, Base());
    CHECK(Held(by_attr) == expected);
  }
}

TEST_CASE("contains and contains_any on properties match the reference, few needles",
          "[conditions][needles]") {
  std::mt19937_64 rng(20261123);
  for (int model = 0; model < 40; ++model) CheckBothPaths(rng, 6, 4, 25);
}

TEST_CASE("contains and contains_any past 64 needles on one property match the reference",
          "[conditions][needles]") {
  std::mt19937_64 rng(64);
  // 40 rules of up to 6 needles: well over 64 distinct needles on "p", so
  // the later leaves search on their own.
  for (int model = 0; model < 8; ++model) CheckBothPaths(rng, 40, 6, 25);
}

TEST_CASE("contains finds needles at the very end, in short values and across case",
          "[conditions][needles]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "d"}], "rules": [
      {"id": "pricing", "dimension": "d", "points": 1, "on": "e",
       "when": {"prop": "url", "contains": "/Pricing"}},
      {"id": "docs", "dimension": "d", "points": 1, "on": "e",
       "when": {"prop": "url", "contains_any": ["/docs", "/api/v2/long-needle-x"]}},
      {"id": "p", "dimension": "d", "points": 1, "on": "e",
       "when": {"prop": "url", "contains": "p"}}]})");
  const Lead lead = MakeLead("L");
  auto held = [&](const std::string& url) {
    Attributes props;
    props["url"] = S(url);
    return Held(ScoreOf(model, lead, {Ev(lead, "e", Base(), "E1", props)}, Base()));
  };
  using Set = std::set<std::string>;
  CHECK(held("/PRICING") == Set{"pricing", "p"});           // shorter than 8 bytes after '/'
  CHECK(held("https://x.io/pricin") == Set{"p"});           // cut one byte short
  CHECK(held("//x.io/a/DOCS") == Set{"docs"});             // at the very end
  CHECK(held("/API/v2/long-needle-x") == Set{"docs", "p"});  // longer than 8 bytes
  CHECK(held("/api/v2/long-needle") == Set{"p"});
  CHECK(held("") == Set{});
}

}  // namespace
}  // namespace leadscore_test
