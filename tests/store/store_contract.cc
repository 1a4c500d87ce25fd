// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The StateStore contract: every test here runs against each backend (the
// executable links one store_backend.h implementation; ctest prefixes the
// names with "store sqlite: " or "store postgres: ").

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "leadscore/store/state_store.h"
#include "store/store_backend.h"

namespace leadscore {
namespace {

using testing::TestBackend;

std::unique_ptr<StateStore> Open(const std::string& url, const StoreOptions& options = {}) {
  auto store = OpenStateStore(url, options);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  REQUIRE((*store)->backend() == TestBackend().name());
  return std::move(*store);
}

void Ok(const absl::Status& s) {
  INFO(s.ToString());
  REQUIRE(s.ok());
}

std::optional<std::string> State(StateStore& store, const std::string& id) {
  std::vector<std::optional<std::string>> out;
  Ok(store.GetStates({id}, &out));
  REQUIRE(out.size() == 1);
  return out[0];
}

std::optional<uint64_t> Position(StateStore& store, const std::string& source) {
  auto p = store.GetPosition(source);
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  return *p;
}

std::vector<OutboxEntry> Outbox(StateStore& store, uint64_t after = 0, size_t limit = 1000) {
  auto out = store.ReadOutbox(after, limit);
  INFO(out.status().ToString());
  REQUIRE(out.ok());
  return *out;
}

std::vector<std::string> HistoryPayloads(StateStore& store, const std::string& id) {
  std::vector<HistoryEntry> h;
  Ok(store.GetHistory(id, &h));
  std::vector<std::string> out;
  for (const HistoryEntry& e : h) {
    REQUIRE(e.lead_id == id);
    out.push_back(e.payload);
  }
  return out;
}

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

TEST_CASE("store contract: a new store is empty and reports its schema version", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  CHECK(Position(*store, "events.jsonl") == std::nullopt);
  CHECK(State(*store, "lead-1") == std::nullopt);
  CHECK(Outbox(*store).empty());
  CHECK(HistoryPayloads(*store, "lead-1").empty());
  auto version = store->GetMeta("leadscore.schema_version");
  REQUIRE(version.ok());
  CHECK(*version == std::optional<std::string>(absl::StrCat(kStoreSchemaVersion)));
  auto missing = store->GetMeta("model");
  REQUIRE(missing.ok());
  CHECK(*missing == std::nullopt);
}

TEST_CASE("store contract: states upsert and read back byte for byte", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  std::string binary("\0\xff\x01\x00\xfe", 5);
  binary += std::string(1000, '\xff');
  StoreBatch b;
  b.states = {{"a", binary}, {"b", "first"}, {"empty", ""}};
  Ok(store->Commit(b));
  CHECK(State(*store, "a") == binary);
  CHECK(State(*store, "b") == std::optional<std::string>("first"));
  CHECK(State(*store, "empty") == std::optional<std::string>(""));  // empty, not missing
  CHECK(State(*store, "c") == std::nullopt);

  // Upsert; the last of one id in a batch wins.
  StoreBatch b2;
  b2.states = {{"b", "second"}, {"b", "third"}};
  Ok(store->Commit(b2));
  CHECK(State(*store, "b") == std::optional<std::string>("third"));

  // One call, many ids, in the caller's order, duplicates and misses kept.
  std::vector<std::optional<std::string>> got;
  Ok(store->GetStates({"c", "b", "a", "b"}, &got));
  REQUIRE(got.size() == 4);
  CHECK(got[0] == std::nullopt);
  CHECK(got[1] == std::optional<std::string>("third"));
  CHECK(got[2] == binary);
  CHECK(got[3] == std::optional<std::string>("third"));
  Ok(store->GetStates({}, &got));
  CHECK(got.empty());
}

TEST_CASE("store contract: lead records upsert and read back", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  StoreBatch b;
  b.leads = {{"l1", R"({"id":"l1","email":"a@b.c"})"}, {"l\xc3\xa9", R"({"id":"l\u00e9"})"}};
  Ok(store->Commit(b));
  b.leads = {{"l1", R"({"id":"l1","email":"new@b.c"})"}};
  Ok(store->Commit(b));
  std::vector<std::optional<std::string>> got;
  Ok(store->GetLeads({"l1", "l\xc3\xa9", "zz"}, &got));
  REQUIRE(got.size() == 3);
  CHECK(got[0] == std::optional<std::string>(R"({"id":"l1","email":"new@b.c"})"));
  CHECK(got[1] == std::optional<std::string>(R"({"id":"l\u00e9"})"));
  CHECK(got[2] == std::nullopt);
}

TEST_CASE("store contract: positions are stored and never go back", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  StoreBatch b;
  b.positions = {{"events.jsonl", 100}, {"queue/0", 7}};
  b.states = {{"a", "s1"}};
  Ok(store->Commit(b));
  CHECK(Position(*store, "events.jsonl") == std::optional<uint64_t>(100));
  CHECK(Position(*store, "queue/0") == std::optional<uint64_t>(7));

  // The same offset again is fine (a batch that consumed nothing).
  StoreBatch same;
  same.positions = {{"events.jsonl", 100}};
  Ok(store->Commit(same));

  // Going back: the whole batch is refused, nothing of it is written.
  StoreBatch back;
  back.positions = {{"queue/0", 9}, {"events.jsonl", 50}};
  back.states = {{"a", "s2"}, {"new", "x"}};
  back.leads = {{"new", "{}"}};
  back.outbox = {{0, "a", "transition"}};
  back.history = {{"a", kT0, "event"}};
  back.erased_leads = {"a"};
  const absl::Status s = store->Commit(back);
  CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(s.message()),
             Catch::Contains("'events.jsonl'") && Catch::Contains("from 100 to 50") &&
                 Catch::Contains("nothing of the batch was written"));
  CHECK(Position(*store, "events.jsonl") == std::optional<uint64_t>(100));
  CHECK(Position(*store, "queue/0") == std::optional<uint64_t>(7));
  CHECK(State(*store, "a") == std::optional<std::string>("s1"));
  CHECK(State(*store, "new") == std::nullopt);
  CHECK(Outbox(*store).empty());

  // The largest offset the store holds.
  StoreBatch big;
  big.positions = {{"events.jsonl", uint64_t{1} << 62}};
  Ok(store->Commit(big));
  CHECK(Position(*store, "events.jsonl") == std::optional<uint64_t>(uint64_t{1} << 62));
}

TEST_CASE("store contract: invalid batches are refused before anything is written", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  auto refused = [&](StoreBatch b, const std::string& needle) {
    b.states.push_back({"witness", "w"});
    const absl::Status s = store->Commit(b);
    INFO(s.ToString());
    CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(s.message()), Catch::Contains(needle));
    CHECK(State(*store, "witness") == std::nullopt);
  };
  StoreBatch b;
  b.states = {{std::string("a\0b", 3), "x"}};
  refused(b, "NUL");
  b = {};
  b.states = {{"", "x"}};
  refused(b, "must not be empty");
  b = {};
  b.positions = {{"s", uint64_t{1} << 63}};
  refused(b, "above 2^63-1");
  b = {};
  b.positions = {{"s", 5}, {"s", 4}};
  refused(b, "appears twice");
  b = {};
  b.outbox = {{0, "a", std::string("x\0", 2)}};
  refused(b, "NUL");
  b = {};
  b.leads = {{"a", std::string("{\0}", 3)}};
  refused(b, "NUL");
  // One source twice, increasing: the last offset is kept.
  StoreBatch twice;
  twice.positions = {{"s", 4}, {"s", 5}};
  Ok(store->Commit(twice));
  CHECK(Position(*store, "s") == std::optional<uint64_t>(5));
}

TEST_CASE("store contract: outbox sequence numbers increase and page", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  StoreBatch b;
  b.outbox = {{0, "a", "t1"}, {0, "b", "t2"}};
  Ok(store->Commit(b));
  Ok(store->Commit(StoreBatch{}));  // an empty batch is fine
  b.outbox = {{0, "a", "t3"}, {0, "c", "t4"}, {0, "a", "t5"}};
  Ok(store->Commit(b));

  const auto all = Outbox(*store);
  REQUIRE(all.size() == 5);
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].seq == i + 1);
    CHECK(all[i].payload == absl::StrCat("t", i + 1));
  }
  CHECK(all[1].lead_id == "b");
  const auto page1 = Outbox(*store, 0, 2);
  REQUIRE(page1.size() == 2);
  CHECK(page1[1].seq == 2);
  const auto page2 = Outbox(*store, page1.back().seq, 2);
  REQUIRE(page2.size() == 2);
  CHECK(page2[0].seq == 3);
  CHECK(page2[1].seq == 4);
  CHECK(Outbox(*store, 5, 10).empty());
  CHECK(Outbox(*store, ~uint64_t{0}, 10).empty());

  // Trimmed (even all of them): numbers are never reused.
  Ok(store->TrimOutbox(3));
  auto rest = Outbox(*store);
  REQUIRE(rest.size() == 2);
  CHECK(rest[0].seq == 4);
  Ok(store->TrimOutbox(5));
  CHECK(Outbox(*store).empty());
  b.outbox = {{0, "d", "t6"}};
  Ok(store->Commit(b));
  rest = Outbox(*store);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].seq == 6);
}

TEST_CASE("store contract: erasing a lead removes its record, state, history and outbox",
          "[store]") {
  StoreOptions options;
  options.keep_history = true;
  auto store = Open(TestBackend().FreshUrl(), options);
  StoreBatch b;
  for (const std::string id : {"x", "y"}) {
    b.leads.push_back({id, "{}"});
    b.states.push_back({id, "state-" + id});
    b.history.push_back({id, kT0, "ev-" + id});
    b.outbox.push_back({0, id, "tr-" + id});
  }
  Ok(store->Commit(b));

  StoreBatch erase;
  erase.erased_leads = {"x", "never-seen"};
  erase.outbox = {{0, "x", "erased"}};  // appended after the erasure: kept
  erase.positions = {{"src", 3}};
  Ok(store->Commit(erase));

  CHECK(State(*store, "x") == std::nullopt);
  CHECK(State(*store, "y") == std::optional<std::string>("state-y"));
  std::vector<std::optional<std::string>> leads;
  Ok(store->GetLeads({"x", "y"}, &leads));
  CHECK(leads[0] == std::nullopt);
  CHECK(leads[1] == std::optional<std::string>("{}"));
  CHECK(HistoryPayloads(*store, "x").empty());
  CHECK(HistoryPayloads(*store, "y") == std::vector<std::string>{"ev-y"});
  const auto out = Outbox(*store);
  REQUIRE(out.size() == 2);
  CHECK(out[0].lead_id == "y");
  CHECK(out[1].lead_id == "x");
  CHECK(out[1].payload == "erased");
  CHECK(out[1].seq == 3);
  CHECK(Position(*store, "src") == std::optional<uint64_t>(3));
}

TEST_CASE("store contract: history keeps commit order and its times", "[store]") {
  StoreOptions options;
  options.keep_history = true;
  auto store = Open(TestBackend().FreshUrl(), options);
  StoreBatch b;
  // A late event (earlier time) committed after: the order is the commit order.
  b.history = {{"a", kT0 + absl::Nanoseconds(123456789), "e1"}, {"b", kT0, "b1"},
               {"a", kT0 - absl::Hours(1), "e2"}};
  Ok(store->Commit(b));
  b.history = {{"a", kT0 + absl::Hours(2), "e3"}};
  Ok(store->Commit(b));
  std::vector<HistoryEntry> h;
  Ok(store->GetHistory("a", &h));
  REQUIRE(h.size() == 3);
  CHECK(h[0].payload == "e1");
  CHECK(h[0].at == kT0 + absl::Nanoseconds(123456789));
  CHECK(h[1].payload == "e2");
  CHECK(h[1].at == kT0 - absl::Hours(1));
  CHECK(h[2].payload == "e3");
  CHECK(HistoryPayloads(*store, "b") == std::vector<std::string>{"b1"});
}

TEST_CASE("store contract: history is not written unless keep_history", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  StoreBatch b;
  b.history = {{"a", kT0, "e1"}};
  b.states = {{"a", "s"}};
  Ok(store->Commit(b));
  CHECK(HistoryPayloads(*store, "a").empty());
  CHECK(State(*store, "a") == std::optional<std::string>("s"));
}

TEST_CASE("store contract: history retention by count keeps each lead's newest entries",
          "[store]") {
  StoreOptions options;
  options.keep_history = true;
  options.history_count = 3;
  const std::string url = TestBackend().FreshUrl();
  auto store = Open(url, options);
  StoreBatch b;
  b.history = {{"a", kT0, "a1"}, {"a", kT0, "a2"}, {"b", kT0, "b1"}};
  Ok(store->Commit(b));
  b.history = {{"a", kT0, "a3"}, {"a", kT0, "a4"}, {"b", kT0, "b2"}};
  Ok(store->Commit(b));
  CHECK(HistoryPayloads(*store, "a") == std::vector<std::string>{"a2", "a3", "a4"});
  CHECK(HistoryPayloads(*store, "b") == std::vector<std::string>{"b1", "b2"});
  // More than the bound in one batch.
  b.history.clear();
  for (int i = 5; i <= 9; ++i) b.history.push_back({"a", kT0, absl::StrCat("a", i)});
  Ok(store->Commit(b));
  CHECK(HistoryPayloads(*store, "a") == std::vector<std::string>{"a7", "a8", "a9"});
  // The bound is applied again after a reopen (numbering continues).
  store.reset();
  store = Open(url, options);
  b.history = {{"a", kT0, "a10"}};
  Ok(store->Commit(b));
  CHECK(HistoryPayloads(*store, "a") == std::vector<std::string>{"a8", "a9", "a10"});
}

TEST_CASE("store contract: history retention by days drops entries older than the newest minus N days",
          "[store]") {
  StoreOptions options;
  options.keep_history = true;
  options.history_days = 2;
  auto store = Open(TestBackend().FreshUrl(), options);
  StoreBatch b;
  b.history = {{"a", kT0, "day0"}, {"b", kT0 + absl::Hours(24), "day1"}};
  Ok(store->Commit(b));
  CHECK(HistoryPayloads(*store, "a") == std::vector<std::string>{"day0"});
  b.history = {{"b", kT0 + absl::Hours(72), "day3"}};
  Ok(store->Commit(b));
  // Cutoff: day3 - 2 days = day1; day1 itself is kept, day0 (another lead) is not.
  CHECK(HistoryPayloads(*store, "a").empty());
  CHECK(HistoryPayloads(*store, "b") == std::vector<std::string>{"day1", "day3"});
}

TEST_CASE("store contract: ForEachLead visits every lead in byte order, in pages", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  std::vector<std::string> ids;
  for (int i = 0; i < 600; ++i) ids.push_back(absl::StrCat("lead-", (i * 7919) % 600));
  ids.insert(ids.end(), {"B", "a", "Z", "\xc3\xa9t\xc3\xa9", "zz", "a b", "A"});
  StoreBatch b;
  for (size_t i = 0; i < ids.size(); ++i) {
    b.leads.push_back({ids[i], absl::StrCat("{\"n\":", i, "}")});
    if (i % 2 == 0) b.states.push_back({ids[i], absl::StrCat("s", i)});
  }
  b.states.push_back({"state-without-record", "s"});
  Ok(store->Commit(b));

  std::vector<std::string> seen;
  size_t with_state = 0;
  Ok(store->ForEachLead([&](const LeadRecord& lead, const std::optional<std::string>& state) {
    seen.push_back(lead.lead_id);
    const size_t i = std::find(ids.begin(), ids.end(), lead.lead_id) - ids.begin();
    REQUIRE(i < ids.size());
    CHECK(lead.payload == absl::StrCat("{\"n\":", i, "}"));
    if (i % 2 == 0) {
      CHECK(state == std::optional<std::string>(absl::StrCat("s", i)));
      ++with_state;
    } else {
      CHECK(state == std::nullopt);
    }
    // The store is usable from inside the callback (no open cursor).
    CHECK(State(*store, lead.lead_id) == state);
    return absl::OkStatus();
  }));
  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());  // std::string compares bytes (as unsigned)
  CHECK(seen == sorted);
  CHECK(sorted.front() == "A");
  CHECK(sorted.back() == "\xc3\xa9t\xc3\xa9");
  CHECK(with_state == (ids.size() + 1) / 2);

  // The callback's first error stops the walk and is returned.
  int calls = 0;
  const absl::Status s = store->ForEachLead([&](const LeadRecord&, const std::optional<std::string>&) {
    return ++calls == 300 ? absl::CancelledError("enough") : absl::OkStatus();
  });
  CHECK(s == absl::CancelledError("enough"));
  CHECK(calls == 300);
}

TEST_CASE("store contract: meta is free-form except the store's own keys", "[store]") {
  auto store = Open(TestBackend().FreshUrl());
  Ok(store->SetMeta("model_fingerprint", "abc123"));
  Ok(store->SetMeta("model_fingerprint", "def456"));
  Ok(store->SetMeta("empty", ""));
  auto v = store->GetMeta("model_fingerprint");
  REQUIRE(v.ok());
  CHECK(*v == std::optional<std::string>("def456"));
  v = store->GetMeta("empty");
  REQUIRE(v.ok());
  CHECK(*v == std::optional<std::string>(""));
  const absl::Status reserved = store->SetMeta("leadscore.schema_version", "2");
  CHECK(reserved.code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(reserved.message()), Catch::Contains("reserved"));
  CHECK(store->SetMeta("", "x").code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("store contract: everything survives closing and reopening", "[store]") {
  const std::string url = TestBackend().FreshUrl();
  StoreOptions options;
  options.keep_history = true;
  {
    auto store = Open(url, options);
    StoreBatch b;
    b.leads = {{"a", "{\"id\":\"a\"}"}};
    b.states = {{"a", std::string("\x00\x01", 2)}};
    b.positions = {{"src", 42}};
    b.outbox = {{0, "a", "t"}};
    b.history = {{"a", kT0, "e"}};
    Ok(store->Commit(b));
    Ok(store->SetMeta("model", "m1"));
  }
  auto store = Open(url, options);  // opening again is idempotent
  CHECK(State(*store, "a") == std::optional<std::string>(std::string("\x00\x01", 2)));
  CHECK(Position(*store, "src") == std::optional<uint64_t>(42));
  CHECK(HistoryPayloads(*store, "a") == std::vector<std::string>{"e"});
  auto meta = store->GetMeta("model");
  REQUIRE(meta.ok());
  CHECK(*meta == std::optional<std::string>("m1"));
  StoreBatch b;
  b.outbox = {{0, "a", "t2"}};
  Ok(store->Commit(b));
  const auto out = Outbox(*store);
  REQUIRE(out.size() == 2);
  CHECK(out[1].seq == 2);
}

TEST_CASE("store contract: a store with a newer schema version is refused", "[store]") {
  const std::string url = TestBackend().FreshUrl();
  Open(url);
  TestBackend().ExecSql(
      url, "UPDATE leadscore_meta SET value = '99' WHERE key = 'leadscore.schema_version'");
  auto store = OpenStateStore(url);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(store.status().message()),
             Catch::Contains("schema version 99") && Catch::Contains("reads up to version 1"));
}

TEST_CASE("store contract: a large batch commits and reads back in one call", "[store]") {
  StoreOptions options;
  options.keep_history = true;
  options.history_count = 2;
  auto store = Open(TestBackend().FreshUrl(), options);
  StoreBatch b;
  std::vector<std::string> ids;
  for (int i = 0; i < 10000; ++i) {
    ids.push_back(absl::StrCat("lead-", i));
    b.states.push_back({ids.back(), std::string(400, static_cast<char>(i & 0xff))});
    b.history.push_back({ids.back(), kT0 + absl::Seconds(i), "{}"});
  }
  b.positions = {{"src", 10000}};
  Ok(store->Commit(b));
  std::vector<std::optional<std::string>> got;
  Ok(store->GetStates(ids, &got));
  REQUIRE(got.size() == ids.size());
  for (size_t i = 0; i < ids.size(); i += 997) {
    CHECK(got[i] == std::optional<std::string>(std::string(400, static_cast<char>(i & 0xff))));
  }
  CHECK(std::all_of(got.begin(), got.end(), [](const auto& g) { return g.has_value(); }));
}

}  // namespace
}  // namespace leadscore
