// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A NAIVE lead scorer: the loop a CRM developer writes by hand. It is the
// yardstick of `ratio_vs_naive` in bench/engine_bench.cc, so it must compute
// the same scores and stages as the library on the generated workload (checked
// at benchmark start), while doing the work the obvious way:
//
// - leads in std::unordered_map<std::string, LeadRecord> keyed by lead id;
// - the model held as interpreted structures with std::string fields, parsed
//   from the same JSON with nlohmann::json: rule kinds, event types, stage and
//   dimension names are compared as strings for every event; conditions are
//   walked as a tree of string-keyed nodes; string operators lower-case copies
//   of both sides;
// - lead attributes in std::unordered_map<std::string, std::string/double>;
// - every counted event time is kept (std::vector per rule) and every event's
//   (type, time) is kept in the lead's history; max_per_window and `event`
//   leaves scan those vectors backwards; scores are recomputed from the
//   counted times after every event, decaying each one with std::pow.
//
// One concession to sanity: attribute rules are evaluated once when the lead
// is added (as the library does), not on every event.
//
// Supported features: exactly what workload.h's MakeModelJson uses (eq, ne,
// in, gt, gte, lt, lte, between, contains, contains_any, starts_with,
// ends_with, exists; all/any/not; attr/prop/score/event leaves; max_per_lead,
// max_per_window, within_days, pattern; decay; thresholds, forward_only,
// require_consent). Anything else (matches, not_in, grade leaves,
// disqualify_when, host stages, array attributes in conditions) aborts at load
// so that a changed generator cannot silently make the comparison meaningless.
// Header-only.

#ifndef LEADSCORE_BENCH_NAIVE_BASELINE_H_
#define LEADSCORE_BENCH_NAIVE_BASELINE_H_

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "nlohmann/json.hpp"

namespace leadscore_bench {
namespace naive {

[[noreturn]] inline void Unsupported(const std::string& what) {
  std::fprintf(stderr, "naive baseline: unsupported model feature: %s\n", what.c_str());
  std::abort();
}

inline std::string Lower(const std::string& s) {
  std::string out = s;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
  return out;
}

constexpr double kNanosPerDay = 86400.0 * 1e9;

struct Cond {
  std::string kind;  // "all", "any", "not", "leaf"
  std::vector<Cond> children;
  std::string subject;  // "attr", "prop", "score", "event"
  std::string name;     // attribute, property, dimension ("total") or event type
  std::string op;       // "eq", "contains_any", ... ; "event" for event leaves
  std::vector<std::string> texts;
  std::vector<double> numbers;
  bool exists = true;
  double within_days = 0;
  int at_least = 1;
};

struct Rule {
  std::string id;
  std::string dimension;
  std::string kind;  // "attribute", "event", "pattern"
  double points = 0;
  std::vector<std::string> on;
  bool has_when = false;
  Cond when;
  int max_per_lead = 0;
  int window_count = 0;
  double window_days = 0;
  double within_days = 0;
  int pattern_at_least = 0;
  double pattern_days = 0;
};

struct Dimension {
  std::string name;
  bool has_min = false, has_max = false;
  double min = 0, max = 0, weight = 1;
  double half_life_days = 0;  // 0: no decay
};

struct Threshold {
  std::string stage;
  Cond when;
};

struct Model {
  std::vector<Dimension> dimensions;
  std::vector<Rule> rules;
  bool has_lifecycle = false;
  std::vector<std::string> stages;
  bool require_consent = true;
  bool forward_only = true;
  std::vector<Threshold> thresholds;
};

inline Cond ParseCond(const nlohmann::json& j) {
  Cond c;
  if (j.contains("all") || j.contains("any")) {
    c.kind = j.contains("all") ? "all" : "any";
    for (const auto& x : j.at(c.kind)) c.children.push_back(ParseCond(x));
    return c;
  }
  if (j.contains("not")) {
    c.kind = "not";
    c.children.push_back(ParseCond(j.at("not")));
    return c;
  }
  c.kind = "leaf";
  for (const char* s : {"attr", "prop", "score", "event"}) {
    if (j.contains(s)) {
      c.subject = s;
      c.name = j.at(s).get<std::string>();
    }
  }
  if (c.subject.empty()) Unsupported(j.dump());
  if (c.subject == "event") {
    c.op = "event";
    c.within_days = j.at("within_days").get<double>();
    c.at_least = j.value("at_least", 1);
    return c;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == c.subject) continue;
    c.op = it.key();
    const nlohmann::json& arg = it.value();
    if (c.op == "exists") {
      c.exists = arg.get<bool>();
    } else if (c.op == "eq" || c.op == "ne" || c.op == "contains" || c.op == "starts_with" ||
               c.op == "ends_with" || c.op == "gt" || c.op == "gte" || c.op == "lt" ||
               c.op == "lte") {
      if (arg.is_string()) {
        c.texts.push_back(Lower(arg.get<std::string>()));
      } else if (arg.is_number()) {
        c.numbers.push_back(arg.get<double>());
      } else {
        Unsupported(c.op + " with " + arg.dump());
      }
    } else if (c.op == "in" || c.op == "contains_any" || c.op == "between") {
      for (const auto& x : arg) {
        if (x.is_string()) {
          c.texts.push_back(Lower(x.get<std::string>()));
        } else if (x.is_number()) {
          c.numbers.push_back(x.get<double>());
        } else {
          Unsupported(c.op + " with " + arg.dump());
        }
      }
    } else {
      Unsupported("operator '" + c.op + "'");
    }
  }
  if (c.subject == "score" && !c.texts.empty()) Unsupported("score leaf with text");
  return c;
}

inline Model ParseModel(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text);
  Model m;
  for (const auto& d : j.at("dimensions")) {
    Dimension dim;
    dim.name = d.at("name").get<std::string>();
    if (d.contains("min")) dim.has_min = true, dim.min = d.at("min").get<double>();
    if (d.contains("max")) dim.has_max = true, dim.max = d.at("max").get<double>();
    dim.weight = d.value("weight", 1.0);
    if (d.contains("decay")) dim.half_life_days = d.at("decay").at("half_life_days").get<double>();
    m.dimensions.push_back(dim);
  }
  for (const auto& r : j.at("rules")) {
    Rule rule;
    rule.id = r.at("id").get<std::string>();
    rule.dimension = r.at("dimension").get<std::string>();
    rule.points = r.at("points").get<double>();
    rule.kind = "attribute";
    if (r.contains("on")) {
      rule.kind = r.contains("pattern") ? "pattern" : "event";
      if (r.at("on").is_string()) {
        rule.on.push_back(r.at("on").get<std::string>());
      } else {
        for (const auto& t : r.at("on")) rule.on.push_back(t.get<std::string>());
      }
    }
    if (r.contains("when")) {
      rule.has_when = true;
      rule.when = ParseCond(r.at("when"));
    }
    rule.max_per_lead = r.value("max_per_lead", 0);
    if (r.contains("max_per_window")) {
      rule.window_count = r.at("max_per_window").at("count").get<int>();
      rule.window_days = r.at("max_per_window").at("days").get<double>();
    }
    rule.within_days = r.value("within_days", 0.0);
    if (r.contains("pattern")) {
      rule.pattern_at_least = r.at("pattern").at("at_least").get<int>();
      rule.pattern_days = r.at("pattern").at("within_days").get<double>();
    }
    m.rules.push_back(std::move(rule));
  }
  if (j.contains("lifecycle")) {
    const auto& lc = j.at("lifecycle");
    m.has_lifecycle = true;
    for (const auto& s : lc.at("stages")) m.stages.push_back(s.get<std::string>());
    m.require_consent = lc.value("require_consent", true);
    m.forward_only = lc.value("forward_only", true);
    for (const auto& t : lc.at("thresholds")) {
      m.thresholds.push_back({t.at("stage").get<std::string>(), ParseCond(t.at("when"))});
    }
    if (lc.contains("disqualify_when")) Unsupported("disqualify_when");
    // labels and funnel do not change scores or stages: ignored.
  }
  return m;
}

struct RuleProgress {
  int passed = 0;                // max_per_lead
  std::vector<int64_t> counted;  // times of counted events (event rules)
  std::vector<int64_t> matches;  // times of matching events (pattern rules)
};

struct LeadRecord {
  std::string id;
  bool consent = false;
  std::unordered_map<std::string, std::string> text_attrs;  // as given
  std::unordered_map<std::string, double> number_attrs;
  std::unordered_map<std::string, double> attribute_points;  // dimension -> points
  std::vector<RuleProgress> rules;                           // model order
  std::vector<std::pair<std::string, int64_t>> history;     // (type, at)
  int stage = -1;
  int64_t stage_since = 0;
};

struct Card {
  std::unordered_map<std::string, double> scores;  // clamped
  double total = 0;
  std::string stage;
};

class Engine {
 public:
  explicit Engine(const std::string& model_json) : model_(ParseModel(model_json)) {}

  const Model& model() const { return model_; }
  size_t lead_count() const { return leads_.size(); }

  void AddLead(const leadscore::Lead& lead) {
    LeadRecord rec;
    rec.id = lead.id;
    rec.consent = lead.consent.granted && !lead.consent.at;
    if (lead.consent.at || lead.stage) Unsupported("consent.at / host stage on leads");
    for (const auto& [k, v] : lead.attributes) {
      if (v.is_string()) rec.text_attrs[k] = v.as_string();
      if (v.is_number()) rec.number_attrs[k] = v.as_number();
    }
    for (const Rule& r : model_.rules) {
      if (r.kind != "attribute") continue;
      if (!r.has_when || Eval(r.when, rec, nullptr, 0, nullptr)) {
        rec.attribute_points[r.dimension] += r.points;
      }
    }
    rec.rules.assign(model_.rules.size(), RuleProgress{});
    leads_[lead.id] = std::move(rec);
  }

  // Forgets every lead's events (frees their memory), keeps the leads.
  void ResetEvents() {
    for (auto& [id, rec] : leads_) {
      rec.rules.assign(model_.rules.size(), RuleProgress{});
      rec.history = {};
      rec.stage = -1;
      rec.stage_since = 0;
    }
  }

  // Applies one event (in time order). False: unknown lead.
  bool Apply(const leadscore::Event& e) {
    auto it = leads_.find(e.lead_id);
    if (it == leads_.end()) return false;
    LeadRecord& rec = it->second;
    const int64_t t = absl::ToUnixNanos(e.at);
    rec.history.emplace_back(e.type, t);
    for (size_t i = 0; i < model_.rules.size(); ++i) {
      const Rule& r = model_.rules[i];
      if (r.kind == "attribute") continue;
      bool on = false;
      for (const std::string& type : r.on) {
        if (type == e.type) on = true;
      }
      if (!on) continue;
      if (r.has_when && !Eval(r.when, rec, &e.properties, t, nullptr)) continue;
      RuleProgress& p = rec.rules[i];
      if (r.kind == "pattern") {
        p.matches.push_back(t);
        continue;
      }
      if (r.max_per_lead > 0) {
        if (p.passed >= r.max_per_lead) continue;
        ++p.passed;
      }
      if (r.window_count > 0) {
        int in_window = 0;
        for (size_t k = p.counted.size(); k-- > 0;) {
          if (static_cast<double>(t - p.counted[k]) < r.window_days * kNanosPerDay) {
            ++in_window;
          } else {
            break;
          }
        }
        if (in_window >= r.window_count) continue;
      }
      p.counted.push_back(t);
    }
    if (model_.has_lifecycle) {
      const int stage = ComputeStage(rec, t);
      Track(stage, t, &rec.stage, &rec.stage_since);
    }
    return true;
  }

  Card Score(const std::string& lead_id, int64_t as_of) const {
    const LeadRecord& rec = leads_.at(lead_id);
    Card card;
    card.total = Scores(rec, as_of, &card.scores);
    if (model_.has_lifecycle) {
      int stage = rec.stage;
      int64_t since = rec.stage_since;
      Track(ComputeStage(rec, as_of), as_of, &stage, &since);
      if (model_.require_consent && !rec.consent) {
        card.stage = "invalid";
      } else {
        card.stage = model_.stages[stage];
      }
    }
    return card;
  }

  // Rough heap bytes of one lead's record (for comparison with LeadState).
  size_t ApproxBytes(const std::string& lead_id) const {
    const LeadRecord& rec = leads_.at(lead_id);
    size_t b = sizeof(LeadRecord) + rec.id.capacity();
    b += (rec.text_attrs.size() + rec.number_attrs.size() + rec.attribute_points.size()) * 64;
    b += rec.rules.capacity() * sizeof(RuleProgress);
    for (const RuleProgress& p : rec.rules) {
      b += (p.counted.capacity() + p.matches.capacity()) * sizeof(int64_t);
    }
    b += rec.history.capacity() * sizeof(rec.history[0]);
    return b;
  }

 private:
  const Dimension& FindDimension(const std::string& name) const {
    for (const Dimension& d : model_.dimensions) {
      if (d.name == name) return d;
    }
    Unsupported("unknown dimension " + name);
  }

  // Clamped scores per dimension at `now`; returns the weighted total.
  double Scores(const LeadRecord& rec, int64_t now,
                std::unordered_map<std::string, double>* scores) const {
    std::unordered_map<std::string, double> raw;
    for (const auto& [dim, points] : rec.attribute_points) raw[dim] += points;
    for (size_t i = 0; i < model_.rules.size(); ++i) {
      const Rule& r = model_.rules[i];
      const RuleProgress& p = rec.rules[i];
      if (r.kind == "pattern") {
        int n = 0;
        for (size_t k = p.matches.size(); k-- > 0;) {
          if (static_cast<double>(now - p.matches[k]) < r.pattern_days * kNanosPerDay) {
            ++n;
          } else {
            break;
          }
        }
        if (n >= r.pattern_at_least) raw[r.dimension] += r.points;
      } else if (r.kind == "event") {
        const Dimension& d = FindDimension(r.dimension);
        double sum = 0;
        for (int64_t at : p.counted) {
          if (r.within_days > 0 &&
              static_cast<double>(now - at) >= r.within_days * kNanosPerDay) {
            continue;
          }
          double f = 1;
          if (d.half_life_days > 0) {
            f = std::pow(0.5, static_cast<double>(now - at) / (d.half_life_days * kNanosPerDay));
          }
          sum += f;
        }
        raw[r.dimension] += r.points * sum;
      }
    }
    double total = 0;
    for (const Dimension& d : model_.dimensions) {
      double v = raw[d.name];
      if (d.has_min && v < d.min) v = d.min;
      if (d.has_max && v > d.max) v = d.max;
      (*scores)[d.name] = v;
      total += d.weight * v;
    }
    return total;
  }

  int ComputeStage(const LeadRecord& rec, int64_t now) const {
    std::unordered_map<std::string, double> scores;
    scores["total"] = Scores(rec, now, &scores);
    for (size_t s = model_.stages.size(); s-- > 1;) {
      for (const Threshold& th : model_.thresholds) {
        if (th.stage == model_.stages[s] && Eval(th.when, rec, nullptr, now, &scores)) {
          return static_cast<int>(s);
        }
      }
    }
    return 0;
  }

  void Track(int stage, int64_t now, int* tracked, int64_t* since) const {
    const bool change = model_.forward_only ? stage > *tracked : stage != *tracked;
    if (change) {
      *tracked = stage;
      *since = now;
    }
  }

  static bool MatchText(const Cond& c, const std::string& value) {
    const std::string v = Lower(value);
    if (c.op == "exists") return c.exists;
    if (c.texts.empty()) return false;  // a number argument: wrong type
    if (c.op == "eq") return v == c.texts[0];
    if (c.op == "ne") return v != c.texts[0];
    if (c.op == "in") return std::find(c.texts.begin(), c.texts.end(), v) != c.texts.end();
    if (c.op == "contains") return v.find(c.texts[0]) != std::string::npos;
    if (c.op == "contains_any") {
      for (const std::string& x : c.texts) {
        if (v.find(x) != std::string::npos) return true;
      }
      return false;
    }
    if (c.op == "starts_with") return v.compare(0, c.texts[0].size(), c.texts[0]) == 0;
    if (c.op == "ends_with") {
      return v.size() >= c.texts[0].size() &&
             v.compare(v.size() - c.texts[0].size(), c.texts[0].size(), c.texts[0]) == 0;
    }
    return false;
  }

  static bool MatchNumber(const Cond& c, double x) {
    if (c.op == "exists") return c.exists;
    if (c.numbers.empty()) return false;  // a text argument: wrong type
    if (c.op == "eq") return x == c.numbers[0];
    if (c.op == "ne") return x != c.numbers[0];
    if (c.op == "in") {
      return std::find(c.numbers.begin(), c.numbers.end(), x) != c.numbers.end();
    }
    if (c.op == "gt") return x > c.numbers[0];
    if (c.op == "gte") return x >= c.numbers[0];
    if (c.op == "lt") return x < c.numbers[0];
    if (c.op == "lte") return x <= c.numbers[0];
    if (c.op == "between") return x >= c.numbers[0] && x <= c.numbers[1];
    return false;
  }

  bool Eval(const Cond& c, const LeadRecord& rec, const leadscore::Attributes* props,
            int64_t now, const std::unordered_map<std::string, double>* scores) const {
    if (c.kind == "all") {
      for (const Cond& x : c.children) {
        if (!Eval(x, rec, props, now, scores)) return false;
      }
      return true;
    }
    if (c.kind == "any") {
      for (const Cond& x : c.children) {
        if (Eval(x, rec, props, now, scores)) return true;
      }
      return false;
    }
    if (c.kind == "not") return !Eval(c.children[0], rec, props, now, scores);
    const bool missing_ok = c.op == "exists" && !c.exists;
    if (c.subject == "attr") {
      auto t = rec.text_attrs.find(c.name);
      if (t != rec.text_attrs.end()) return MatchText(c, t->second);
      auto n = rec.number_attrs.find(c.name);
      if (n != rec.number_attrs.end()) return MatchNumber(c, n->second);
      return missing_ok;
    }
    if (c.subject == "prop") {
      if (props == nullptr) return false;
      auto p = props->find(c.name);
      if (p == props->end() || p->second.is_null()) return missing_ok;
      if (p->second.is_string()) return MatchText(c, p->second.as_string());
      if (p->second.is_number()) return MatchNumber(c, p->second.as_number());
      return c.op == "exists" && c.exists;
    }
    if (c.subject == "score") {
      if (scores == nullptr) return false;
      auto s = scores->find(c.name);
      return s != scores->end() && MatchNumber(c, s->second);
    }
    if (c.subject == "event") {
      int n = 0;
      for (size_t k = rec.history.size(); k-- > 0;) {
        if (static_cast<double>(now - rec.history[k].second) >= c.within_days * kNanosPerDay) {
          break;
        }
        if (rec.history[k].first == c.name) ++n;
      }
      return n >= c.at_least;
    }
    return false;
  }

  Model model_;
  std::unordered_map<std::string, LeadRecord> leads_;
};

}  // namespace naive
}  // namespace leadscore_bench

#endif  // LEADSCORE_BENCH_NAIVE_BASELINE_H_
