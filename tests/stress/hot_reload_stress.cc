// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Hot-reload stress test (issue 5, "Concurrency"; docs/reliability.md). Meant
// to run under ThreadSanitizer (scripts/tsan.sh), also registered as a short
// ctest in ordinary builds.
//
// Scenario: several worker threads score leads with the model they get from a
// shared ModelHandle (streaming: Scorer::Start/Apply/Score with late and
// duplicate events inside the reorder window; and whole BatchScorer runs),
// while a reloader thread keeps installing new model versions (and a model
// that fails to load, which must change nothing). Checks:
//   - every scorecard names the model the worker got (model_name/version);
//   - every scorecard is byte-identical to the reference computed
//     single-threaded, before the threads start, for that model version;
//   - a failed load leaves the installed model in place;
//   - ThreadSanitizer reports no race (the process exits non-zero if it does).
//
// Usage: hot_reload_stress [--seconds S] [--threads N] [--inject-race]
//   (defaults: 3 seconds, 4 worker threads; plus one reloader thread)
//   --inject-race only runs a deliberate data race, so that scripts/tsan.sh
//   can check ThreadSanitizer is really active (it must report it).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/model_handle.h"

namespace {

using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::Event;
using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Model;
using leadscore::ModelHandle;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::Value;

constexpr int kVersions = 4;
constexpr int kLeads = 48;
constexpr int kEventsPerLead = 30;

// Version k of the model: same name, different points, caps, thresholds and
// one extra rule per version, so that every version gives different cards.
std::string ModelJson(int k) {
  std::string extra_rules;
  for (int i = 0; i < k; ++i) {
    absl::StrAppend(&extra_rules, R"(, {"id": "extra-)", i,
                    R"(", "dimension": "engagement", "points": )", i + 1,
                    R"(, "on": "email_click", "max_per_lead": )", 2 + i, "}");
  }
  return absl::StrCat(R"({
    "name": "stress", "version": "v)", k, R"(",
    "dimensions": [
      {"name": "fit", "min": -50, "max": 100,
       "grades": [{"grade": "A", "min": 30}, {"grade": "B", "min": 10}, {"grade": "C"}]},
      {"name": "engagement", "min": 0, "max": 500, "weight": 0.)", 5 + k, R"(,
       "decay": {"half_life_days": )", 10 + 5 * k, R"(}}
    ],
    "rules": [
      {"id": "exec", "dimension": "fit", "points": )", 20 + k, R"(,
       "when": {"attr": "job_title", "matches": "\\b(vp|chief|head)\\b"}},
      {"id": "size", "dimension": "fit", "points": )", 10 - k, R"(,
       "when": {"attr": "company_size", "between": [50, 1000]}},
      {"id": "view", "dimension": "engagement", "points": )", 2 + k, R"(, "on": "page_view",
       "max_per_window": {"count": )", 2 + k, R"(, "days": 1}, "within_days": 30},
      {"id": "pricing", "dimension": "engagement", "points": 7, "on": "page_view",
       "when": {"prop": "url", "matches": "/pricing\\b"}, "max_per_lead": )", 3 + k, R"(},
      {"id": "burst", "dimension": "engagement", "points": 15, "on": "page_view",
       "pattern": {"at_least": )", 3 + k, R"(, "within_days": 3}},
      {"id": "unsub", "dimension": "engagement", "points": -30, "on": "unsubscribe"})",
                      extra_rules, R"(
    ],
    "lifecycle": {
      "stages": ["subscriber", "lead", "mql", "sql"],
      "thresholds": [
        {"stage": "lead", "when": {"attr": "email", "exists": true}},
        {"stage": "mql", "when": {"score": "engagement", "gte": )", 20 + 5 * k, R"(}},
        {"stage": "sql", "when": {"all": [{"grade": "fit", "in": ["A"]},
                                            {"event": "demo_request", "within_days": 30}]}}
      ],
      "labels": [{"label": "hot", "when": {"score": "total", "gte": )", 30 + k, R"(}}],
      "funnel": {"tofu": ["subscriber", "lead"], "mofu": ["mql"], "bofu": ["sql"]}
    }
  })");
}

struct Data {
  std::vector<Lead> leads;
  // Per lead: events in arrival order (mostly in order, some late within the
  // reorder window, some duplicated ids).
  std::vector<std::vector<Event>> events;
  absl::Time as_of;
};

Data MakeData() {
  Data d;
  std::mt19937 rng(20261101);
  const absl::Time base = absl::FromUnixSeconds(1790812800);  // 2026-10-01
  d.as_of = base + absl::Hours(24 * 45);
  const char* titles[] = {"VP Sales", "Chief of Staff", "Engineer", "Head of Growth",
                          "Intern"};
  const char* urls[] = {"/blog/a", "/pricing", "/pricing/enterprise", "/docs", "/"};
  for (int i = 0; i < kLeads; ++i) {
    Lead lead;
    lead.id = absl::StrCat("L-", i);
    lead.consent.granted = i % 7 != 0;
    if (i % 3 != 0) lead.attributes["email"] = Value::String(absl::StrCat("p", i, "@x.io"));
    lead.attributes["job_title"] = Value::String(titles[rng() % 5]);
    lead.attributes["company_size"] = Value::Number(static_cast<double>(rng() % 2000));
    std::vector<Event> evs;
    absl::Time t = base;
    for (int k = 0; k < kEventsPerLead; ++k) {
      t += absl::Minutes(static_cast<int64_t>(rng() % (60 * 30)));
      Event e;
      e.id = absl::StrCat("E-", i, "-", k);
      e.lead_id = lead.id;
      const unsigned r = rng() % 20;
      e.type = r < 12 ? "page_view" : r < 16 ? "email_click" : r < 19 ? "demo_request"
                                                                       : "unsubscribe";
      e.at = t;
      e.properties["url"] = Value::String(urls[rng() % 5]);
      evs.push_back(e);
      if (rng() % 5 == 0) evs.push_back(e);  // at-least-once delivery
    }
    // A few late arrivals: swap neighbours (well inside the reorder window).
    for (size_t k = 1; k + 1 < evs.size(); k += 4 + rng() % 4) {
      std::swap(evs[k], evs[k + 1]);
    }
    d.leads.push_back(std::move(lead));
    d.events.push_back(std::move(evs));
  }
  return d;
}

// The streaming path: Start, Apply every event in arrival order, Score.
bool StreamCard(const Scorer& scorer, const Lead& lead, const std::vector<Event>& events,
                absl::Time as_of, Scorecard* card, std::string* error) {
  absl::StatusOr<LeadState> state = scorer.Start(lead);
  if (!state.ok()) {
    *error = std::string(state.status().message());
    return false;
  }
  for (const Event& e : events) {
    auto applied = scorer.Apply(lead, e, *state);
    if (!applied.ok()) {
      *error = std::string(applied.status().message());
      return false;
    }
  }
  leadscore::ScoreOptions options;
  options.explain = true;
  absl::StatusOr<Scorecard> c = scorer.Score(lead, *state, as_of, options);
  if (!c.ok()) {
    *error = std::string(c.status().message());
    return false;
  }
  *card = *std::move(c);
  return true;
}

std::string Json(const Scorecard& card) {
  std::string out;
  leadscore::AppendScorecardJson(card, /*explain=*/true, &out);
  return out;
}

// All leads through a BatchScorer: one JSON line per lead, in leads order.
bool BatchCards(const Scorer& scorer, const Data& d, int threads,
                std::vector<std::string>* cards, std::vector<std::string>* versions,
                std::string* error) {
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(scorer.shared_model(), d.as_of);
  if (!batch.ok()) {
    *error = std::string(batch.status().message());
    return false;
  }
  for (const Lead& l : d.leads) {
    if (absl::Status s = batch->AddLead(l); !s.ok()) {
      *error = std::string(s.message());
      return false;
    }
  }
  for (const auto& evs : d.events) {
    for (const Event& e : evs) {
      if (absl::Status s = batch->AddEvent(e); !s.ok()) {
        *error = std::string(s.message());
        return false;
      }
    }
  }
  BatchOptions options;
  options.explain = true;
  options.threads = threads;
  cards->clear();
  batch->Score(options, [&](const Scorecard& c) {
    cards->push_back(Json(c));
    versions->push_back(c.model_version);
  });
  return true;
}

int VersionIndex(const Model& m) {
  // "v0" .. "v3"
  if (m.version().size() != 2 || m.version()[0] != 'v') return -1;
  const int k = m.version()[1] - '0';
  return k >= 0 && k < kVersions ? k : -1;
}

// Two threads increment a plain int: a data race TSan must report.
int InjectRace() {
  static int counter = 0;
  auto bump = [] {
    for (int i = 0; i < 100000; ++i) {
      counter = counter + 1;
      std::atomic_signal_fence(std::memory_order_seq_cst);  // keep the loop
    }
  };
  std::thread a(bump), b(bump);
  a.join();
  b.join();
  std::printf("hot_reload_stress: injected race ran (counter %d)\n", counter);
  return 0;
}

struct Failures {
  std::mutex mu;
  std::vector<std::string> messages;
  void Add(std::string m) {
    std::lock_guard<std::mutex> lock(mu);
    if (messages.size() < 20) messages.push_back(std::move(m));
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu);
    return messages.size();
  }
};

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  int workers = 4;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      workers = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--inject-race") == 0) {
      return InjectRace();
    } else {
      std::fprintf(stderr,
                   "usage: hot_reload_stress [--seconds S] [--threads N] [--inject-race]\n");
      return 2;
    }
  }

  // ---- references, single-threaded ------------------------------------------
  const Data data = MakeData();
  std::vector<std::string> model_json;
  std::vector<std::vector<std::string>> stream_ref(kVersions), batch_ref(kVersions);
  for (int k = 0; k < kVersions; ++k) {
    model_json.push_back(ModelJson(k));
    auto m = Model::FromJson(model_json.back());
    if (!m.ok()) {
      std::fprintf(stderr, "model v%d does not load:\n%s\n", k,
                   std::string(m.status().message()).c_str());
      return 1;
    }
    const Scorer scorer(*m);
    for (int i = 0; i < kLeads; ++i) {
      Scorecard card;
      std::string error;
      if (!StreamCard(scorer, data.leads[i], data.events[i], data.as_of, &card, &error)) {
        std::fprintf(stderr, "reference v%d lead %d: %s\n", k, i, error.c_str());
        return 1;
      }
      stream_ref[k].push_back(Json(card));
    }
    std::vector<std::string> versions;
    std::string error;
    if (!BatchCards(scorer, data, 1, &batch_ref[k], &versions, &error)) {
      std::fprintf(stderr, "batch reference v%d: %s\n", k, error.c_str());
      return 1;
    }
    // Streaming with late and duplicate events inside the window is exact:
    // it must equal the batch (sorted, de-duplicated) result.
    for (int i = 0; i < kLeads; ++i) {
      if (stream_ref[k][i] != batch_ref[k][i]) {
        std::fprintf(stderr, "v%d lead %d: streaming and batch differ\n  %s\n  %s\n", k, i,
                     stream_ref[k][i].c_str(), batch_ref[k][i].c_str());
        return 1;
      }
    }
  }
  for (int k = 1; k < kVersions; ++k) {
    if (stream_ref[k] == stream_ref[0]) {
      std::fprintf(stderr, "model versions must give different cards\n");
      return 1;
    }
  }

  // ---- stress ---------------------------------------------------------------
  ModelHandle handle(*Model::FromJson(model_json[0]));
  const Scorer shared_scorer(handle.Get());  // one Scorer used by every worker
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> swaps{0}, failed_loads{0}, stream_cards{0}, batch_runs{0};
  std::vector<std::atomic<uint64_t>> seen(kVersions);
  for (auto& s : seen) s = 0;
  Failures failures;

  std::thread reloader([&] {
    std::mt19937 rng(7);
    uint64_t n = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      ++n;
      if (n % 16 == 0) {
        // A model that does not load: the installed one must stay.
        const std::shared_ptr<const Model> before = handle.Get();
        auto bad = handle.LoadJson(R"({"dimensions": [{"name": "fit"}], "rules": [)");
        if (bad.ok() || handle.Get() != before) {
          failures.Add("a model that fails to load replaced the installed one");
        }
        failed_loads.fetch_add(1, std::memory_order_relaxed);
      } else {
        // Parsed and compiled here, concurrently with scoring.
        auto m = handle.LoadJson(model_json[rng() % kVersions]);
        if (!m.ok()) failures.Add("a good model failed to load");
        swaps.fetch_add(1, std::memory_order_relaxed);
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });

  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(1000 + w);
      uint64_t iteration = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        ++iteration;
        // One snapshot for the whole task.
        const std::shared_ptr<const Model> model =
            iteration % 5 == 0 ? shared_scorer.shared_model() : handle.Get();
        const int k = VersionIndex(*model);
        if (k < 0) {
          failures.Add(absl::StrCat("unexpected model version '", model->version(), "'"));
          continue;
        }
        seen[k].fetch_add(1, std::memory_order_relaxed);
        if (iteration % 23 == 0) {
          // A whole batch, itself multi-threaded, under this snapshot.
          const Scorer scorer(model);
          std::vector<std::string> cards, versions;
          std::string error;
          if (!BatchCards(scorer, data, 2, &cards, &versions, &error)) {
            failures.Add(absl::StrCat("batch under v", k, ": ", error));
            continue;
          }
          for (size_t i = 0; i < cards.size(); ++i) {
            if (versions[i] != model->version()) {
              failures.Add(absl::StrCat("batch card names version ", versions[i],
                                        ", the worker had ", model->version()));
            }
            if (cards[i] != batch_ref[k][i]) {
              failures.Add(absl::StrCat("batch v", k, " lead ", i, " differs:\n  ",
                                        cards[i], "\n  ", batch_ref[k][i]));
            }
          }
          batch_runs.fetch_add(1, std::memory_order_relaxed);
          continue;
        }
        const int i = static_cast<int>(rng() % kLeads);
        Scorecard card;
        std::string error;
        const bool ok = iteration % 5 == 0
                            ? StreamCard(shared_scorer, data.leads[i], data.events[i],
                                         data.as_of, &card, &error)
                            : StreamCard(Scorer(model), data.leads[i], data.events[i],
                                         data.as_of, &card, &error);
        if (!ok) {
          failures.Add(absl::StrCat("stream v", k, " lead ", i, ": ", error));
          continue;
        }
        if (card.model_name != model->name() || card.model_version != model->version()) {
          failures.Add(absl::StrCat("card names ", card.model_name, "/", card.model_version,
                                    ", the worker had ", model->name(), "/",
                                    model->version()));
        }
        const std::string json = Json(card);
        if (json != stream_ref[k][i]) {
          failures.Add(absl::StrCat("stream v", k, " lead ", i, " differs:\n  ", json,
                                    "\n  ", stream_ref[k][i]));
        }
        stream_cards.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }

  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline && failures.size() == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop = true;
  for (auto& t : threads) t.join();
  reloader.join();

  std::printf("hot_reload_stress: %d workers, %.1f s: %llu streamed cards, %llu batch runs, "
              "%llu swaps, %llu failed loads; cards per version:",
              workers, seconds, static_cast<unsigned long long>(stream_cards.load()),
              static_cast<unsigned long long>(batch_runs.load()),
              static_cast<unsigned long long>(swaps.load()),
              static_cast<unsigned long long>(failed_loads.load()));
  for (int k = 0; k < kVersions; ++k) {
    std::printf(" v%d %llu", k, static_cast<unsigned long long>(seen[k].load()));
  }
  std::printf("\n");
  if (failures.size() != 0) {
    for (const std::string& m : failures.messages) std::fprintf(stderr, "FAIL: %s\n", m.c_str());
    return 1;
  }
  if (stream_cards.load() == 0 || swaps.load() == 0) {
    std::fprintf(stderr, "FAIL: the run was too short to score and swap\n");
    return 1;
  }
  std::printf("hot_reload_stress: ok\n");
  return 0;
}
