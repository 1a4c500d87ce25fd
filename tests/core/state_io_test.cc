// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Lead state persistence (state_io.h) and erasure: round trips at every point
// of real-looking streams, truncated and corrupted bytes, bytes of another
// model, and BatchScorer::EraseLead.

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "leadscore/io/jsonl.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "catch2/catch.hpp"
#include "scoring/lead_state_data.h"
#include "util/crc32c.h"
#include "support/test_util.h"
#include "../../fuzz/state_fuzz_model.h"

namespace {

using leadscore::ApplyResult;
using leadscore::BatchScorer;
using leadscore::Event;
using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Model;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::ScorerOptions;
using namespace leadscore_test;

std::string Source(const std::string& rel) {
  return std::string(LEADSCORE_SOURCE_DIR) + "/" + rel;
}

struct Sample {
  std::shared_ptr<const Model> model;
  std::vector<Lead> leads;
  std::map<std::string, std::vector<Event>> events;  // by lead, sorted by time
  absl::Time as_of;
};

// The bundled B2B model and the first `n` leads of the bundled sample that
// have at least 10 events.
const Sample& GetSample(size_t n = 60) {
  static const Sample* sample = [n] {
    auto* s = new Sample;
    s->model = MustLoad(ReadFile(Source("examples/models/b2b-saas.json")));
    std::map<std::string, Lead> leads;
    std::istringstream li(ReadFile(Source("examples/data/leads.jsonl")));
    for (std::string line; std::getline(li, line);) {
      auto lead = leadscore::ParseLeadJson(line);
      REQUIRE(lead.ok());
      leads[lead->id] = *lead;
    }
    s->as_of = T(std::string(absl::StripAsciiWhitespace(
        ReadFile(Source("examples/data/as_of.txt")))));
    std::istringstream ei(ReadFile(Source("examples/data/events.jsonl")));
    for (std::string line; std::getline(ei, line);) {
      auto e = leadscore::ParseEventJson(line);
      REQUIRE(e.ok());
      if (leads.count(e->lead_id) && e->at <= s->as_of) s->events[e->lead_id].push_back(*e);
    }
    for (auto& [id, evs] : s->events) {
      std::stable_sort(evs.begin(), evs.end(),
                       [](const Event& a, const Event& b) { return a.at < b.at; });
      if (evs.size() >= 10 && s->leads.size() < n) s->leads.push_back(leads[id]);
    }
    return s;
  }();
  return *sample;
}

// The arrival order a host might see: near order (neighbours swapped) with
// some events delivered twice.
std::vector<Event> Arrivals(const std::vector<Event>& sorted, std::mt19937_64* rng) {
  std::vector<Event> out = sorted;
  for (size_t i = 1; i < out.size(); ++i) {
    if ((*rng)() % 4 == 0) std::swap(out[i - 1], out[i]);
  }
  for (size_t i = 0; i < sorted.size(); ++i) {
    if ((*rng)() % 8 == 0) {
      const size_t at = std::min(out.size(), i + 1 + (*rng)() % 5);
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), sorted[i]);
    }
  }
  return out;
}

std::string ScoreJson(const Scorer& scorer, const Lead& lead, const LeadState& state,
                      absl::Time as_of) {
  leadscore::ScoreOptions o;
  o.explain = true;
  auto card = scorer.Score(lead, state, as_of, o);
  REQUIRE(card.ok());
  return CardJson(*card);
}

TEST_CASE("state round trip at every point of a stream gives the uninterrupted result",
          "[state_io]") {
  const Sample& s = GetSample();
  REQUIRE(s.leads.size() >= 30);
  for (size_t window : {size_t{0}, size_t{3}, size_t{16}}) {
    Scorer scorer(s.model, ScorerOptions{window});
    std::mt19937_64 rng(7 + window);
    size_t round_trips = 0;
    for (const Lead& lead : s.leads) {
      const std::vector<Event> arrivals =
          window == 0 ? s.events.at(lead.id) : Arrivals(s.events.at(lead.id), &rng);
      LeadState reference = *scorer.Start(lead);
      LeadState restored = *scorer.Start(lead);
      for (const Event& e : arrivals) {
        auto a = scorer.Apply(lead, e, reference);
        // Save and restore before every event, then apply it to the copy.
        const std::string bytes = leadscore::SerializeLeadState(scorer, restored);
        auto back = leadscore::DeserializeLeadState(scorer, bytes);
        INFO("lead " << lead.id << " window " << window << ": " << back.status().ToString());
        REQUIRE(back.ok());
        REQUIRE(leadscore::SerializeLeadState(scorer, *back) == bytes);
        restored = *std::move(back);
        ++round_trips;
        auto b = scorer.Apply(lead, e, restored);
        REQUIRE(a.ok() == b.ok());
        if (a.ok()) {
          REQUIRE(a->outcome == b->outcome);
          REQUIRE(a->transitions.size() == b->transitions.size());
        }
      }
      REQUIRE(ScoreJson(scorer, lead, restored, s.as_of) ==
              ScoreJson(scorer, lead, reference, s.as_of));
    }
    CHECK(round_trips > 500);
  }
}

LeadState StateWithEvents(const Scorer& scorer, const Lead& lead, size_t n) {
  LeadState state = *scorer.Start(lead);
  const auto& evs = GetSample().events.at(lead.id);
  for (size_t i = 0; i < std::min(n, evs.size()); ++i) REQUIRE(scorer.Apply(lead, evs[i], state).ok());
  return state;
}

// A state keeps the bytes of its checkpoints from the last read or write and
// reuses them (lead_state_data.h, Checkpoints): after any change (window
// moves, merged late events, re-delivered copies, attribute updates, a
// deserialisation) they must equal a fresh encoding, or a stored state would
// silently hold a stale checkpoint.
TEST_CASE("kept checkpoint bytes always equal a fresh encoding", "[state_io]") {
  const Sample& s = GetSample();
  std::mt19937_64 rng(41);
  size_t with_checkpoint = 0;
  for (size_t window : {size_t{2}, size_t{4}, size_t{16}}) {
    Scorer scorer(s.model, ScorerOptions{window});
    for (size_t k = 0; k < 12; ++k) {
      Lead lead = s.leads[k];
      INFO("window " << window << " lead " << lead.id);
      auto started = scorer.Start(lead);
      REQUIRE(started.ok());
      LeadState state = std::move(*started);
      const std::vector<Event> arrivals = Arrivals(s.events.at(lead.id), &rng);
      for (size_t i = 0; i < arrivals.size(); ++i) {
        (void)scorer.Apply(lead, arrivals[i], state);  // late ones may be refused
        if (i % 5 == 4) {  // an attribute that only fit rules read changes
          lead.attributes["country"] = leadscore::Value::String(i % 10 == 4 ? "DE" : "XX");
          (void)scorer.UpdateLead(lead, state, arrivals[i].at);
        }
        if (rng() % 2 == 0) {  // keeps (or reuses) the bytes
          const std::string kept = leadscore::SerializeLeadState(scorer, state);
          LeadState fresh = state;
          leadscore::internal::ForgetCheckpointBytes(&fresh);
          REQUIRE(leadscore::SerializeLeadState(scorer, fresh) == kept);
        }
        if (rng() % 4 == 0) {  // goes through bytes, keeping what was read
          auto back = leadscore::DeserializeLeadState(
              scorer, leadscore::SerializeLeadState(scorer, state));
          REQUIRE(back.ok());
          state = std::move(*back);
        }
      }
      const std::string kept = leadscore::SerializeLeadState(scorer, state);
      leadscore::internal::ForgetCheckpointBytes(&state);
      REQUIRE(leadscore::SerializeLeadState(scorer, state) == kept);
      if (state.event_count() > 2 * window) ++with_checkpoint;
    }
  }
  CHECK(with_checkpoint > 20);
}

TEST_CASE("every truncation of a state is refused", "[state_io]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{4});
  const Lead& lead = s.leads[0];
  const std::string bytes =
      leadscore::SerializeLeadState(scorer, StateWithEvents(scorer, lead, 9));
  REQUIRE(bytes.size() > 100);
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto back = leadscore::DeserializeLeadState(scorer, bytes.substr(0, n));
    REQUIRE_FALSE(back.ok());
    REQUIRE(back.status().code() == absl::StatusCode::kDataLoss);
  }
  auto padded = leadscore::DeserializeLeadState(scorer, bytes + "x");
  REQUIRE(padded.status().code() == absl::StatusCode::kDataLoss);
  CHECK_THAT(std::string(padded.status().message()), Catch::Contains("payload bytes"));
}

TEST_CASE("every single-byte corruption of a state is refused", "[state_io]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{4});
  const std::string bytes =
      leadscore::SerializeLeadState(scorer, StateWithEvents(scorer, s.leads[1], 7));
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ flip);
      auto back = leadscore::DeserializeLeadState(scorer, bad);
      INFO("byte " << i << " flip " << int(flip));
      REQUIRE_FALSE(back.ok());
    }
  }
}

// Rewrites the payload and fixes the checksum: what a forger (or a bug) could
// produce. Structural checks must still refuse it.
std::string Reseal(std::string bytes) {
  const uint32_t crc = leadscore::internal::Crc32c(absl::string_view(bytes).substr(20));
  for (int i = 0; i < 4; ++i) bytes[16 + i] = static_cast<char>(crc >> (8 * i));
  return bytes;
}

TEST_CASE("bytes with a valid checksum but impossible contents are refused", "[state_io]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{4});
  const std::string bytes =
      leadscore::SerializeLeadState(scorer, StateWithEvents(scorer, s.leads[2], 6));
  REQUIRE(leadscore::DeserializeLeadState(scorer, Reseal(bytes)).ok());
  size_t refused = 0;
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string bad = bytes;
    const size_t i = 20 + rng() % (bad.size() - 20);
    bad[i] = static_cast<char>(rng());
    auto back = leadscore::DeserializeLeadState(scorer, Reseal(bad));
    if (!back.ok()) {
      ++refused;
      REQUIRE(back.status().code() != absl::StatusCode::kOk);
      continue;
    }
    // Accepted bytes are the writer's own spelling of what was read.
    REQUIRE(leadscore::SerializeLeadState(scorer, *back) == Reseal(bad));
    // Accepted bytes must still score finitely (a changed time or counter is
    // a different but possible state).
    Lead lead = s.leads[2];
    auto card = scorer.Score(lead, *back, absl::InfiniteFuture() - absl::Hours(1));
    if (card.ok()) REQUIRE(std::isfinite(card->total));
  }
  CHECK(refused > 100);
}

TEST_CASE("a state is refused under another model, window or format version", "[state_io]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{4});
  const std::string bytes =
      leadscore::SerializeLeadState(scorer, StateWithEvents(scorer, s.leads[3], 5));
  Scorer other_window(s.model, ScorerOptions{8});
  auto w = leadscore::DeserializeLeadState(other_window, bytes);
  REQUIRE(w.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(w.status().message()), Catch::Contains("reorder_window 4"));

  Scorer demo(MustLoad(ReadFile(Source("examples/models/demo-ready.json"))), ScorerOptions{4});
  auto m = leadscore::DeserializeLeadState(demo, bytes);
  REQUIRE(m.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(m.status().message()), Catch::Contains("rebuild the lead"));

  std::string newer = bytes;
  newer[4] = static_cast<char>(leadscore::kLeadStateFormatVersion + 1);
  auto v = leadscore::DeserializeLeadState(scorer, newer);
  REQUIRE(v.status().code() == absl::StatusCode::kUnimplemented);
  CHECK_THAT(std::string(v.status().message()),
             Catch::Contains(absl::StrCat("version ", leadscore::kLeadStateFormatVersion + 1)));

  // Version 1 had no fingerprints: its staleness cannot be checked.
  std::string v1 = bytes;
  v1[4] = 1;
  auto old = leadscore::DeserializeLeadState(scorer, v1);
  REQUIRE(old.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(old.status().message()), Catch::Contains("Scorer::Rebuild"));

  auto junk = leadscore::DeserializeLeadState(scorer, "{\"not\": \"a state\"}");
  REQUIRE(junk.status().code() == absl::StatusCode::kDataLoss);
}

// Format 2 (the first compact format) wrote every word of every rule; format 3
// writes only the blocks a lead touched, and each core's words from its own
// newest event. Bytes of format 2 (tests/core/data/state-format2/, written by
// the format-2 writer under the state_fuzz model) are still read: the state
// scores as the format 2 bytes say, and writes the format 3 bytes of the
// fuzz seeds of the same name (fuzz/corpus/state_fuzz/, rewritten from them).
TEST_CASE("format 2 states are read and written back as format 3", "[state_io]") {
  auto model = MustLoad(leadscore_fuzz::kStateFuzzModel);
  Scorer scorer(model, ScorerOptions{leadscore_fuzz::kWindow});
  Lead lead;
  lead.id = "L-1";
  lead.consent.granted = true;
  for (const char* name : {"events-0", "events-9", "events-14"}) {
    INFO(name);
    const std::string v2 =
        ReadFile(Source(absl::StrCat("tests/core/data/state-format2/", name, ".bin")));
    const std::string v3 = ReadFile(Source(absl::StrCat("fuzz/corpus/state_fuzz/", name, ".bin")));
    REQUIRE(v2.size() > 20);
    REQUIRE(v2[4] == 2);
    REQUIRE(v3[4] == 3);
    auto info = leadscore::ReadLeadStateInfo(v2);
    REQUIRE(info.ok());
    CHECK(info->format_version == 2);
    auto from2 = leadscore::DeserializeLeadState(scorer, v2);
    REQUIRE(from2.ok());
    auto from3 = leadscore::DeserializeLeadState(scorer, v3);
    REQUIRE(from3.ok());
    CHECK(leadscore::SerializeLeadState(scorer, *from2) == v3);
    CHECK(from2->event_count() == from3->event_count());
    // The seeds were made for another lead: take this one in where the
    // fingerprints allow (as state_fuzz does), the same way in both.
    const absl::Time as_of = from2->last_event_time() + absl::Hours(1);
    CHECK(scorer.UpdateLead(lead, *from2, as_of).status().code() ==
          scorer.UpdateLead(lead, *from3, as_of).status().code());
    auto a = scorer.Score(lead, *from2, as_of);
    auto b = scorer.Score(lead, *from3, as_of);
    REQUIRE(a.status().code() == b.status().code());
    if (a.ok()) CHECK(CardJson(*a, true) == CardJson(*b, true));
  }
}

TEST_CASE("EraseLeadState leaves an empty state", "[state_io][erase]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{4});
  LeadState state = StateWithEvents(scorer, s.leads[4], 9);
  REQUIRE(state.event_count() > 0);
  leadscore::EraseLeadState(&state);
  CHECK(state.event_count() == 0);
  CHECK_FALSE(state.has_events());
  // An erased state is no longer a state of this model.
  CHECK_FALSE(leadscore::DeserializeLeadState(
                  scorer, leadscore::SerializeLeadState(scorer, state)).ok());
}

TEST_CASE("BatchScorer::EraseLead forgets the lead and its events", "[state_io][erase]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model);
  auto batch = BatchScorer::Create(scorer.shared_model(), s.as_of);
  REQUIRE(batch.ok());
  for (size_t i = 0; i < 5; ++i) REQUIRE(batch->AddLead(s.leads[i]).ok());
  size_t erased_events = 0;
  for (size_t i = 0; i < 5; ++i) {
    for (const Event& e : s.events.at(s.leads[i].id)) {
      REQUIRE(batch->AddEvent(e).ok());
      if (i == 2 && e.at <= s.as_of) ++erased_events;
    }
  }
  const size_t events_before = batch->event_count();
  REQUIRE(batch->EraseLead(s.leads[2].id).ok());
  CHECK(batch->lead_count() == 4);
  CHECK(batch->event_count() == events_before - erased_events);
  auto again = batch->EraseLead(s.leads[2].id);
  REQUIRE(again.code() == absl::StatusCode::kNotFound);
  CHECK(std::string(again.message()).find(s.leads[2].id) == std::string::npos);

  std::vector<std::string> ids;
  std::vector<std::string> cards;
  batch->Score({}, [&](const Scorecard& c) {
    ids.push_back(c.lead_id);
    cards.push_back(CardJson(c, false));
  });
  REQUIRE(ids == std::vector<std::string>{s.leads[0].id, s.leads[1].id, s.leads[3].id,
                                          s.leads[4].id});
  // The others score exactly as without the erased lead.
  for (size_t k = 0; k < ids.size(); ++k) {
    const Lead& lead = k < 2 ? s.leads[k] : s.leads[k + 1];
    CHECK(cards[k] == CardJson(ScoreOf(s.model, lead, s.events.at(lead.id), s.as_of, false),
                               false));
  }
  // Later events naming the id are events of an unknown lead.
  REQUIRE(batch->AddEvent(s.events.at(s.leads[2].id)[0]).ok());
  CHECK(batch->unknown_lead_events() == 1);
}

}  // namespace

namespace {

TEST_CASE("Apply and Score refuse a state of another model or a default-built one",
          "[state_io]") {
  const Sample& s = GetSample();
  Scorer b2b(s.model, ScorerOptions{4});
  Scorer demo(MustLoad(ReadFile(Source("examples/models/demo-ready.json"))), ScorerOptions{4});
  const Lead& lead = s.leads[5];
  LeadState state = StateWithEvents(b2b, lead, 5);
  const Event& e = s.events.at(lead.id)[6];
  auto applied = demo.Apply(lead, e, state);
  REQUIRE(applied.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(applied.status().message()), Catch::Contains("Rebuild it"));
  REQUIRE(demo.Score(lead, state, s.as_of).status().code() ==
          absl::StatusCode::kFailedPrecondition);
  LeadState blank;
  REQUIRE(b2b.Apply(lead, e, blank).status().code() == absl::StatusCode::kFailedPrecondition);
  // The state itself is untouched and still good for its own model.
  REQUIRE(b2b.Apply(lead, e, state).ok());
}

}  // namespace

namespace {

TEST_CASE("ReadLeadStateInfo reads the model, window, events and marks without a scorer",
          "[state_io]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{16});
  const Lead& lead = s.leads[6];
  LeadState state = *scorer.Start(lead);
  const auto& evs = s.events.at(lead.id);
  for (size_t i = 0; i < evs.size(); ++i) {
    REQUIRE(scorer.Apply(lead, evs[i], leadscore::SourcePosition{"kafka-3", 100 + i}, state)
                .ok());
  }
  const std::string bytes = leadscore::SerializeLeadState(scorer, state);
  auto info = leadscore::ReadLeadStateInfo(bytes);
  REQUIRE(info.ok());
  CHECK(info->format_version == leadscore::kLeadStateFormatVersion);
  CHECK(info->model_name == s.model->name());
  CHECK(info->model_version == s.model->version());
  CHECK(info->model_fingerprint == s.model->fingerprint());
  CHECK(info->reorder_window == 16);
  CHECK(info->event_count == evs.size());
  REQUIRE(info->last_event_time.has_value());
  CHECK(*info->last_event_time == evs.back().at);
  REQUIRE(info->sources.size() == 1);
  CHECK(info->sources[0].source == "kafka-3");
  CHECK(info->sources[0].offset == 100 + evs.size() - 1);

  // A state without events has no newest event time.
  auto fresh = leadscore::ReadLeadStateInfo(
      leadscore::SerializeLeadState(scorer, *scorer.Start(lead)));
  REQUIRE(fresh.ok());
  CHECK(fresh->event_count == 0);
  CHECK_FALSE(fresh->last_event_time.has_value());
  CHECK(fresh->sources.empty());

  // The same checks as DeserializeLeadState, with the same codes.
  for (size_t n : {size_t{0}, size_t{10}, size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    auto cut = leadscore::ReadLeadStateInfo(bytes.substr(0, n));
    REQUIRE(cut.status().code() == absl::StatusCode::kDataLoss);
  }
  std::string flipped = bytes;
  flipped[30] = static_cast<char>(flipped[30] ^ 0x10);
  auto bad = leadscore::ReadLeadStateInfo(flipped);
  REQUIRE(bad.status().code() == absl::StatusCode::kDataLoss);
  CHECK_THAT(std::string(bad.status().message()), Catch::Contains("checksum"));
  std::string newer = bytes;
  newer[4] = static_cast<char>(leadscore::kLeadStateFormatVersion + 1);
  REQUIRE(leadscore::ReadLeadStateInfo(newer).status().code() ==
          absl::StatusCode::kUnimplemented);
  std::string v1 = bytes;
  v1[4] = 1;
  auto old = leadscore::ReadLeadStateInfo(v1);
  REQUIRE(old.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(old.status().message()), Catch::Contains("version 1"));
  // A front that does not parse (a resealed payload of junk) is DataLoss.
  std::string junk = bytes.substr(0, 20) + std::string(8, '\xFF');
  for (int i = 0; i < 8; ++i) junk[8 + i] = i == 0 ? 8 : 0;
  auto j = leadscore::ReadLeadStateInfo(Reseal(junk));
  REQUIRE(j.status().code() == absl::StatusCode::kDataLoss);
  CHECK_THAT(std::string(j.status().message()), Catch::Contains("inconsistent"));
}

TEST_CASE("the start checkpoint is not written and is derived exactly", "[state_io]") {
  const Sample& s = GetSample();
  Scorer scorer(s.model, ScorerOptions{16});
  const Lead& lead = s.leads[7];
  const auto& evs = s.events.at(lead.id);
  REQUIRE(evs.size() >= 4);
  // A few events in order, then a late one that sorts before all of them:
  // the merge replays from the derived start state.
  LeadState state = *scorer.Start(lead);
  for (size_t i = 1; i < 4; ++i) REQUIRE(scorer.Apply(lead, evs[i], state).ok());
  const std::string before = leadscore::SerializeLeadState(scorer, state);
  LeadState restored = *leadscore::DeserializeLeadState(scorer, before);
  auto a = scorer.Apply(lead, evs[0], state);
  auto b = scorer.Apply(lead, evs[0], restored);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->outcome == ApplyResult::Outcome::kReordered);
  CHECK(b->outcome == ApplyResult::Outcome::kReordered);
  LeadState direct = *scorer.Start(lead);
  for (size_t i = 0; i < 4; ++i) REQUIRE(scorer.Apply(lead, evs[i], direct).ok());
  CHECK(ScoreJson(scorer, lead, state, s.as_of) == ScoreJson(scorer, lead, direct, s.as_of));
  CHECK(ScoreJson(scorer, lead, restored, s.as_of) ==
        ScoreJson(scorer, lead, direct, s.as_of));
}

TEST_CASE("CRC-32C: the instruction and the table agree, and match known values",
          "[state_io][crc32c]") {
  using leadscore::internal::Crc32c;
  using leadscore::internal::Crc32cPortable;
  CHECK(Crc32c("123456789") == 0xE3069283u);
  CHECK(Crc32cPortable("123456789") == 0xE3069283u);
  CHECK(Crc32c("") == 0u);
  CHECK(Crc32c(std::string(32, '\0')) == 0x8A9136AAu);  // RFC 3720 B.4
  CHECK(Crc32c(std::string(32, '\xFF')) == 0x62A8AB43u);
  std::mt19937_64 rng(5);
  for (size_t len = 0; len < 300; ++len) {
    std::string data(len, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    const uint32_t seed = static_cast<uint32_t>(rng());
    INFO("length " << len);
    REQUIRE(Crc32c(data, seed) == Crc32cPortable(data, seed));
    // Continuing over a split gives the whole's checksum.
    const size_t cut = len == 0 ? 0 : rng() % len;
    REQUIRE(Crc32c(absl::string_view(data).substr(cut), Crc32c(data.substr(0, cut))) ==
            Crc32c(data));
  }
  // Unaligned starts.
  std::string big(4096 + 7, 'x');
  for (char& c : big) c = static_cast<char>(rng());
  for (size_t off = 0; off < 8; ++off) {
    REQUIRE(Crc32c(absl::string_view(big).substr(off)) ==
            Crc32cPortable(absl::string_view(big).substr(off)));
  }
}

}  // namespace

namespace {

// What the fuzz target checks, on states with every part (a checkpoint past
// the start, a next checkpoint, a full log, queues): rewritten bytes with a
// valid checksum are refused, or read and written back unchanged.
TEST_CASE("rewritten state bytes are refused or write back unchanged", "[state_io]") {
  const Sample& s = GetSample();
  std::mt19937_64 rng(23);
  size_t accepted = 0, refused = 0;
  for (size_t window : {size_t{0}, size_t{2}, size_t{16}}) {
    Scorer scorer(s.model, ScorerOptions{window});
    for (size_t k = 0; k < 6; ++k) {
      const Lead& lead = s.leads[10 + k];
      const std::string bytes = leadscore::SerializeLeadState(
          scorer, StateWithEvents(scorer, lead, 3 + 7 * k));
      REQUIRE(leadscore::SerializeLeadState(
                  scorer, *leadscore::DeserializeLeadState(scorer, bytes)) == bytes);
      for (int trial = 0; trial < 400; ++trial) {
        std::string bad = bytes;
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits; ++e) {
          const size_t i = 20 + rng() % (bad.size() - 20);
          bad[i] = static_cast<char>(trial % 2 == 0 ? rng() : bad[i] ^ (1 << (rng() % 8)));
        }
        bad = Reseal(bad);
        auto back = leadscore::DeserializeLeadState(scorer, bad);
        if (!back.ok()) {
          ++refused;
          REQUIRE_FALSE(back.status().message().empty());
          continue;
        }
        ++accepted;
        INFO("window " << window << " lead " << k << " trial " << trial);
        // Both with the checkpoints' bytes kept from the read and encoded
        // afresh (the reader must refuse any spelling the writer would not
        // make, so both give the bytes read).
        REQUIRE(leadscore::SerializeLeadState(scorer, *back) == bad);
        leadscore::internal::ForgetCheckpointBytes(&*back);
        REQUIRE(leadscore::SerializeLeadState(scorer, *back) == bad);
      }
    }
  }
  CHECK(refused > 1000);
  CHECK(accepted > 50);
}

}  // namespace
