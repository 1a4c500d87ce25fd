// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "store/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "store/batch_check.h"

namespace leadscore::internal {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kPageSize = 256;  // ForEachLead's page size
// At most this many leads' last history numbers are remembered between
// commits (about 64 bytes each); past it the memory starts afresh.
constexpr size_t kMaxRememberedHistoryLeads = 1 << 20;

// Statements, one per operation, prepared on first use and reused.
enum Sql : int {
  kBegin,
  kCommit,
  kRollback,
  kGetPosition,
  kPutPosition,
  kEraseLead,
  kEraseState,
  kEraseHistory,
  kEraseOutbox,
  kPutLead,
  kPutState,
  kGetState,
  kGetLead,
  kGetMeta,
  kPutMeta,
  kPutOutbox,
  kMaxHistoryN,
  kPutHistory,
  kTrimHistoryCount,
  kTrimHistoryDays,
  kGetHistory,
  kReadOutbox,
  kTrimOutbox,
  kLeadPage,
  kDataVersion,
  kSqlCount
};

constexpr const char* kSqlText[kSqlCount] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "SELECT \"offset\" FROM leadscore_positions WHERE source = ?1",
    "INSERT INTO leadscore_positions (source, \"offset\") VALUES (?1, ?2) "
    "ON CONFLICT (source) DO UPDATE SET \"offset\" = excluded.\"offset\"",
    "DELETE FROM leadscore_leads WHERE lead_id = ?1",
    "DELETE FROM leadscore_states WHERE lead_id = ?1",
    "DELETE FROM leadscore_history WHERE lead_id = ?1",
    "DELETE FROM leadscore_outbox WHERE lead_id = ?1",
    "INSERT INTO leadscore_leads (lead_id, payload) VALUES (?1, ?2) "
    "ON CONFLICT (lead_id) DO UPDATE SET payload = excluded.payload",
    "INSERT INTO leadscore_states (lead_id, state) VALUES (?1, ?2) "
    "ON CONFLICT (lead_id) DO UPDATE SET state = excluded.state",
    "SELECT state FROM leadscore_states WHERE lead_id = ?1",
    "SELECT payload FROM leadscore_leads WHERE lead_id = ?1",
    "SELECT value FROM leadscore_meta WHERE key = ?1",
    "INSERT INTO leadscore_meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "INSERT INTO leadscore_outbox (seq, lead_id, payload) VALUES (?1, ?2, ?3)",
    "SELECT MAX(n) FROM leadscore_history WHERE lead_id = ?1",
    "INSERT INTO leadscore_history (lead_id, n, at_ns, payload) VALUES (?1, ?2, ?3, ?4)",
    "DELETE FROM leadscore_history WHERE lead_id = ?1 AND n <= ?2",
    "DELETE FROM leadscore_history WHERE at_ns < ?1",
    "SELECT at_ns, payload FROM leadscore_history WHERE lead_id = ?1 ORDER BY n",
    "SELECT seq, lead_id, payload FROM leadscore_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    "DELETE FROM leadscore_outbox WHERE seq <= ?1",
    "SELECT l.lead_id, l.payload, s.state FROM leadscore_leads l "
    "LEFT JOIN leadscore_states s ON s.lead_id = l.lead_id "
    "WHERE l.lead_id > ?1 ORDER BY l.lead_id LIMIT ?2",
    "PRAGMA data_version",
};

// The schema (docs/live-scoring.md, "Stores"); idempotent. Text compares
// bytewise (SQLite's BINARY collation), so lead ids sort in byte order.
// Tables with payloads are rowid tables: a WITHOUT ROWID table keeps whole
// rows in its interior pages, and 400-byte states there cost fan-out.
constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS leadscore_leads (
  lead_id TEXT PRIMARY KEY, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS leadscore_states (
  lead_id TEXT PRIMARY KEY, state BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS leadscore_positions (
  source TEXT PRIMARY KEY, "offset" INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leadscore_outbox (
  seq INTEGER PRIMARY KEY, lead_id TEXT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS leadscore_outbox_lead ON leadscore_outbox (lead_id);
CREATE TABLE IF NOT EXISTS leadscore_history (
  id INTEGER PRIMARY KEY, lead_id TEXT NOT NULL, n INTEGER NOT NULL, at_ns INTEGER NOT NULL,
  payload TEXT NOT NULL, UNIQUE (lead_id, n));
CREATE INDEX IF NOT EXISTS leadscore_history_at ON leadscore_history (at_ns);
INSERT INTO leadscore_meta (key, value) VALUES ('leadscore.outbox_seq', '0')
  ON CONFLICT (key) DO NOTHING;
)sql";

absl::Status FromSqlite(int rc, sqlite3* db, absl::string_view what, absl::string_view path) {
  const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string msg = absl::StrCat("SQLite store '", path, "': ", what, ": ", detail);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(
          absl::StrCat(msg, " (another process holds the database; only one should write)"));
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(msg);
    case SQLITE_CORRUPT:
      return absl::DataLossError(msg);
    case SQLITE_NOTADB:
      return absl::FailedPreconditionError(absl::StrCat(msg, " (is it a SQLite database?)"));
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return absl::PermissionDeniedError(msg);
    case SQLITE_CANTOPEN:
      return absl::UnavailableError(msg);
    default:
      return absl::InternalError(msg);
  }
}

// Resets a statement (and clears its bindings) when it leaves scope.
class StmtUse {
 public:
  explicit StmtUse(sqlite3_stmt* s) : s_(s) {}
  ~StmtUse() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  StmtUse(const StmtUse&) = delete;
  StmtUse& operator=(const StmtUse&) = delete;
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_;
};

void BindText(sqlite3_stmt* s, int i, absl::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}
void BindBlob(sqlite3_stmt* s, int i, absl::string_view v) {
  // A zero-length blob, not NULL, for empty state bytes.
  sqlite3_bind_blob(s, i, v.empty() ? "" : v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}
std::string ColumnBytes(sqlite3_stmt* s, int i) {
  const void* p = sqlite3_column_blob(s, i);
  const int n = sqlite3_column_bytes(s, i);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), n);
}

// Indexes of `items` in increasing byte order of id(item), stable (so the
// last of repeated ids still comes last). Writing and reading in key order
// walks each b-tree page once instead of at random: about twice as fast for
// a batch of 1000 spread over a large table.
// Items already in order (LiveScorer sorts its states) cost one pass.
template <typename T, typename Id>
std::vector<uint32_t> KeyOrder(const T& items, Id id) {
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  bool sorted = true;
  for (size_t i = 1; i < items.size() && sorted; ++i) sorted = !(id(items[i]) < id(items[i - 1]));
  if (sorted) return order;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return id(items[a]) < id(items[b]); });
  return order;
}

int64_t ClampToInt64(uint64_t v) {
  return v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
             ? std::numeric_limits<int64_t>::max()
             : static_cast<int64_t>(v);
}

class SqliteStore final : public StateStore {
 public:
  SqliteStore(sqlite3* db, std::string path, const StoreOptions& options)
      : db_(db), path_(std::move(path)), options_(options) {}

  ~SqliteStore() override {
    for (sqlite3_stmt* s : stmts_) sqlite3_finalize(s);
    sqlite3_close_v2(db_);
  }

  absl::string_view backend() const override { return "sqlite"; }

  absl::Status Init() {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    if (path_ != ":memory:") {
      // Reading the journal mode is the first read of the file: a file that is
      // not a database fails here (SQLITE_NOTADB).
      std::string mode;
      if (auto s = QueryText("PRAGMA journal_mode=WAL", &mode); !s.ok()) return s;
      if (mode != "wal") {
        return absl::FailedPreconditionError(absl::StrCat(
            "SQLite store '", path_, "': cannot switch to WAL mode (journal_mode is '", mode,
            "'); is the file on a network file system?"));
      }
    }
    const char* sync = options_.sync_every_commit ? "PRAGMA synchronous=FULL"
                                                  : "PRAGMA synchronous=NORMAL";
    if (auto s = Exec(sync, "setting synchronous"); !s.ok()) return s;
    // A 64 MiB page cache (the default is 2 MiB): states are updated at
    // random across all leads.
    if (auto s = Exec("PRAGMA cache_size=-65536", "setting the cache size"); !s.ok()) return s;
    // Reads of the database file through a memory map rather than read().
    if (auto s = Exec("PRAGMA mmap_size=1073741824", "setting mmap_size"); !s.ok()) return s;
    // Checkpoint the WAL into the database every 10,000 pages (40 MiB at
    // 4 KiB pages) rather than SQLite's default 1,000: a batch of 1,000
    // events rewrites up to a few MiB of state pages, so the default runs a
    // checkpoint (copy and fsync) almost every commit, and a page rewritten
    // by several commits is copied once per checkpoint, not once per commit.
    // It cut the CPU time of committing states by a quarter to a third
    // (docs/performance.md, "Live apply"). The -wal file grows to that size
    // (plus one batch) and is reused after each checkpoint.
    if (auto s = Exec("PRAGMA wal_autocheckpoint=10000", "setting wal_autocheckpoint");
        !s.ok()) {
      return s;
    }
    // The schema, under the write lock so two processes opening a new file
    // do not race. The meta table first: its version decides the rest.
    if (auto s = Exec("BEGIN IMMEDIATE", "locking the database to create the schema"); !s.ok()) {
      return s;
    }
    absl::Status s = CreateSchema();
    if (!s.ok()) {
      Exec("ROLLBACK", "rolling back").IgnoreError();
      return s;
    }
    return Exec("COMMIT", "committing the schema");
  }

  absl::Status Commit(const StoreBatch& batch) override {
    std::vector<SourcePosition> positions;
    if (auto s = CheckBatch(batch, &positions); !s.ok()) return s;
    if (auto s = Run(kBegin, "beginning a transaction"); !s.ok()) return s;
    absl::flat_hash_map<absl::string_view, int64_t> last_n;  // this batch's history numbers
    absl::Status s = ForgetIfChangedElsewhere();
    if (s.ok()) s = WriteBatch(batch, positions, &last_n);
    if (s.ok()) s = Run(kCommit, "committing");
    if (!s.ok()) {
      // After a failed COMMIT SQLite may already have rolled back.
      if (!sqlite3_get_autocommit(db_)) Run(kRollback, "rolling back").IgnoreError();
      return s;
    }
    // Committed: remember each lead's last history number.
    if (history_n_.size() + last_n.size() > kMaxRememberedHistoryLeads) history_n_.clear();
    for (const auto& [lead, n] : last_n) history_n_[lead] = n;
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<uint64_t>> GetPosition(absl::string_view source) override {
    auto stmt = Prepared(kGetPosition);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    BindText(*stmt, 1, source);
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_DONE) return std::optional<uint64_t>();
    if (rc != SQLITE_ROW) return Error(rc, "reading a position");
    return std::optional<uint64_t>(static_cast<uint64_t>(sqlite3_column_int64(*stmt, 0)));
  }

  absl::Status GetStates(absl::Span<const std::string> lead_ids,
                         std::vector<std::optional<std::string>>* bytes) override {
    return GetById(kGetState, "reading states", lead_ids, bytes);
  }

  absl::Status GetLeads(absl::Span<const std::string> lead_ids,
                        std::vector<std::optional<std::string>>* payloads) override {
    return GetById(kGetLead, "reading lead records", lead_ids, payloads);
  }

  absl::Status ForEachLead(
      const std::function<absl::Status(const LeadRecord&, const std::optional<std::string>&)>& fn)
      override {
    std::string after;  // ids are never empty, so "" is before every id
    std::vector<std::pair<LeadRecord, std::optional<std::string>>> page;
    while (true) {
      page.clear();
      {
        auto stmt = Prepared(kLeadPage);
        if (!stmt.ok()) return stmt.status();
        StmtUse use(*stmt);
        BindText(*stmt, 1, after);
        sqlite3_bind_int(*stmt, 2, kPageSize);
        int rc;
        while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
          std::optional<std::string> state;
          if (sqlite3_column_type(*stmt, 2) != SQLITE_NULL) state = ColumnBytes(*stmt, 2);
          page.emplace_back(LeadRecord{ColumnBytes(*stmt, 0), ColumnBytes(*stmt, 1)},
                            std::move(state));
        }
        if (rc != SQLITE_DONE) return Error(rc, "listing leads");
      }
      // No statement is active while fn runs: it may use the store.
      for (const auto& [lead, state] : page) {
        if (auto s = fn(lead, state); !s.ok()) return s;
      }
      if (page.size() < static_cast<size_t>(kPageSize)) return absl::OkStatus();
      after = page.back().first.lead_id;
    }
  }

  absl::Status GetHistory(absl::string_view lead_id, std::vector<HistoryEntry>* out) override {
    out->clear();
    auto stmt = Prepared(kGetHistory);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    BindText(*stmt, 1, lead_id);
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
      out->push_back(HistoryEntry{std::string(lead_id),
                                  absl::FromUnixNanos(sqlite3_column_int64(*stmt, 0)),
                                  ColumnBytes(*stmt, 1)});
    }
    if (rc != SQLITE_DONE) return Error(rc, "reading a history");
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<OutboxEntry>> ReadOutbox(uint64_t after_seq, size_t limit) override {
    std::vector<OutboxEntry> out;
    auto stmt = Prepared(kReadOutbox);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    sqlite3_bind_int64(*stmt, 1, ClampToInt64(after_seq));
    sqlite3_bind_int64(*stmt, 2, ClampToInt64(limit));
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
      out.push_back(OutboxEntry{static_cast<uint64_t>(sqlite3_column_int64(*stmt, 0)),
                                ColumnBytes(*stmt, 1), ColumnBytes(*stmt, 2)});
    }
    if (rc != SQLITE_DONE) return Error(rc, "reading the outbox");
    return out;
  }

  absl::Status TrimOutbox(uint64_t through_seq) override {
    auto stmt = Prepared(kTrimOutbox);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    sqlite3_bind_int64(*stmt, 1, ClampToInt64(through_seq));
    return StepDone(*stmt, "trimming the outbox");
  }

  absl::StatusOr<std::optional<std::string>> GetMeta(absl::string_view key) override {
    return ReadMeta(key);
  }

  absl::Status SetMeta(absl::string_view key, absl::string_view value) override {
    if (auto s = CheckMetaKey(key); !s.ok()) return s;
    if (auto s = CheckText("a meta value", value, true); !s.ok()) return s;
    return WriteMeta(key, value);
  }

 private:
  absl::Status Error(int rc, absl::string_view what) const {
    return FromSqlite(rc, db_, what, path_);
  }

  absl::Status Exec(const char* sql, absl::string_view what) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? absl::OkStatus() : Error(rc, what);
  }

  // The first column of the first row of `sql`, as text.
  absl::Status QueryText(const char* sql, std::string* out) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &s, nullptr);
    if (rc != SQLITE_OK) return Error(rc, "opening the database");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) out->assign(ColumnBytes(s, 0));
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? absl::OkStatus()
                                                 : Error(rc, "opening the database");
  }

  absl::Status CreateSchema() {
    if (auto s = Exec("CREATE TABLE IF NOT EXISTS leadscore_meta ("
                      "key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
                      "creating the meta table");
        !s.ok()) {
      return s;
    }
    auto version = ReadMeta(kMetaSchemaVersion);
    if (!version.ok()) return version.status();
    if (version->has_value()) {
      int64_t v = 0;
      if (!absl::SimpleAtoi(**version, &v)) {
        return absl::DataLossError(absl::StrCat("SQLite store '", path_, "': schema version '",
                                                **version, "' is not a number"));
      }
      if (v > kStoreSchemaVersion) return NewerSchema(absl::StrCat("'", path_, "'"), v);
    }
    if (auto s = Exec(kSchema, "creating the tables"); !s.ok()) return s;
    return WriteMeta(kMetaSchemaVersion, absl::StrCat(kStoreSchemaVersion));
  }

  absl::StatusOr<sqlite3_stmt*> Prepared(Sql which) {
    if (stmts_[which] == nullptr) {
      const int rc = sqlite3_prepare_v3(db_, kSqlText[which], -1, SQLITE_PREPARE_PERSISTENT,
                                        &stmts_[which], nullptr);
      if (rc != SQLITE_OK) return Error(rc, "preparing a statement");
    }
    return stmts_[which];
  }

  absl::Status StepDone(sqlite3_stmt* s, absl::string_view what) {
    const int rc = sqlite3_step(s);
    return rc == SQLITE_DONE ? absl::OkStatus() : Error(rc, what);
  }

  absl::Status Run(Sql which, absl::string_view what) {
    auto stmt = Prepared(which);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    return StepDone(*stmt, what);
  }

  absl::StatusOr<std::optional<std::string>> ReadMeta(absl::string_view key) {
    auto stmt = Prepared(kGetMeta);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    BindText(*stmt, 1, key);
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return Error(rc, "reading meta");
    return std::optional<std::string>(ColumnBytes(*stmt, 0));
  }

  absl::Status WriteMeta(absl::string_view key, absl::string_view value) {
    auto stmt = Prepared(kPutMeta);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    BindText(*stmt, 1, key);
    BindText(*stmt, 2, value);
    return StepDone(*stmt, "writing meta");
  }

  absl::Status GetById(Sql which, absl::string_view what, absl::Span<const std::string> ids,
                       std::vector<std::optional<std::string>>* out) {
    out->assign(ids.size(), std::nullopt);
    auto stmt = Prepared(which);
    if (!stmt.ok()) return stmt.status();
    // No round trips in SQLite: one indexed lookup per id is as fast as a
    // set query and keeps the order of `ids`.
    for (uint32_t i : KeyOrder(ids, [](const std::string& id) -> absl::string_view { return id; })) {
      StmtUse use(*stmt);
      BindText(*stmt, 1, ids[i]);
      const int rc = sqlite3_step(*stmt);
      if (rc == SQLITE_ROW) {
        (*out)[i] = ColumnBytes(*stmt, 0);
      } else if (rc != SQLITE_DONE) {
        return Error(rc, what);
      }
    }
    return absl::OkStatus();
  }

  // Runs a write statement whose only parameter is the text `a`.
  absl::Status Write1(Sql which, absl::string_view what, absl::string_view a) {
    auto stmt = Prepared(which);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    BindText(*stmt, 1, a);
    return StepDone(*stmt, what);
  }

  // history_n_ is only valid while this connection is the only writer:
  // PRAGMA data_version changes when another connection committed.
  absl::Status ForgetIfChangedElsewhere() {
    if (!options_.keep_history) return absl::OkStatus();
    auto stmt = Prepared(kDataVersion);
    if (!stmt.ok()) return stmt.status();
    StmtUse use(*stmt);
    const int rc = sqlite3_step(*stmt);
    if (rc != SQLITE_ROW) return Error(rc, "reading the data version");
    const int64_t version = sqlite3_column_int64(*stmt, 0);
    if (version != data_version_) history_n_.clear();
    data_version_ = version;
    return absl::OkStatus();
  }

  absl::Status WriteBatch(const StoreBatch& batch, const std::vector<SourcePosition>& positions,
                          absl::flat_hash_map<absl::string_view, int64_t>* last_n) {
    // (1) positions: refuse one going back before anything else is written.
    for (const SourcePosition& p : positions) {
      auto stored = GetPosition(p.source);
      if (!stored.ok()) return stored.status();
      if (stored->has_value() && **stored > p.offset) {
        return BackwardsPosition(p.source, **stored, p.offset);
      }
      auto stmt = Prepared(kPutPosition);
      if (!stmt.ok()) return stmt.status();
      StmtUse use(*stmt);
      BindText(*stmt, 1, p.source);
      sqlite3_bind_int64(*stmt, 2, static_cast<int64_t>(p.offset));
      if (auto s = StepDone(*stmt, "writing a position"); !s.ok()) return s;
    }
    // (2) erasures, of what was stored before this batch.
    for (const std::string& id : batch.erased_leads) {
      history_n_.erase(id);  // its numbering restarts (dropping is always safe)
      for (Sql which : {kEraseLead, kEraseState, kEraseHistory, kEraseOutbox}) {
        if (auto s = Write1(which, "erasing a lead", id); !s.ok()) return s;
      }
    }
    // (3) upserts.
    for (uint32_t i : KeyOrder(batch.leads, [](const LeadRecord& l) -> absl::string_view {
           return l.lead_id;
         })) {
      const LeadRecord& l = batch.leads[i];
      auto stmt = Prepared(kPutLead);
      if (!stmt.ok()) return stmt.status();
      StmtUse use(*stmt);
      BindText(*stmt, 1, l.lead_id);
      BindText(*stmt, 2, l.payload);
      if (auto s = StepDone(*stmt, "writing a lead record"); !s.ok()) return s;
    }
    for (uint32_t i : KeyOrder(batch.states, [](const StoredState& s) -> absl::string_view {
           return s.lead_id;
         })) {
      const StoredState& st = batch.states[i];
      auto stmt = Prepared(kPutState);
      if (!stmt.ok()) return stmt.status();
      StmtUse use(*stmt);
      BindText(*stmt, 1, st.lead_id);
      BindBlob(*stmt, 2, st.bytes);
      if (auto s = StepDone(*stmt, "writing a state"); !s.ok()) return s;
    }
    // (4) appends.
    if (!batch.outbox.empty()) {
      if (auto s = AppendOutbox(batch.outbox); !s.ok()) return s;
    }
    if (options_.keep_history && !batch.history.empty()) {
      if (auto s = AppendHistory(batch.history, last_n); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status AppendOutbox(const std::vector<OutboxEntry>& entries) {
    // The counter lives in meta, so seqs are never reused, even after the
    // newest entries were trimmed or erased.
    auto last = ReadMeta(kMetaOutboxSeq);
    if (!last.ok()) return last.status();
    int64_t seq = 0;
    if (!last->has_value() || !absl::SimpleAtoi(**last, &seq)) {
      return absl::DataLossError(
          absl::StrCat("SQLite store '", path_, "': the outbox counter is missing or damaged"));
    }
    auto stmt = Prepared(kPutOutbox);
    if (!stmt.ok()) return stmt.status();
    for (const OutboxEntry& o : entries) {
      StmtUse use(*stmt);
      sqlite3_bind_int64(*stmt, 1, ++seq);
      BindText(*stmt, 2, o.lead_id);
      BindText(*stmt, 3, o.payload);
      if (auto s = StepDone(*stmt, "appending to the outbox"); !s.ok()) return s;
    }
    return WriteMeta(kMetaOutboxSeq, absl::StrCat(seq));
  }

  absl::Status AppendHistory(const std::vector<HistoryEntry>& entries,
                             absl::flat_hash_map<absl::string_view, int64_t>* last_n_out) {
    // Each lead's entries are numbered 1, 2, ... in commit order; count
    // retention is then one range delete per lead. A lead's last number is
    // remembered from this connection's earlier commits (history_n_), else
    // read (MAX(n)): one query per lead and batch saved. Numbers only order
    // a lead's entries, so after retention by days removed all of them the
    // numbering may go on rather than restart: same order either way.
    absl::flat_hash_map<absl::string_view, int64_t>& last_n = *last_n_out;
    int64_t newest_ns = std::numeric_limits<int64_t>::min();
    auto put = Prepared(kPutHistory);
    if (!put.ok()) return put.status();
    // In lead order (stable: each lead's entries keep their order).
    for (uint32_t i : KeyOrder(entries, [](const HistoryEntry& h) -> absl::string_view {
           return h.lead_id;
         })) {
      const HistoryEntry& h = entries[i];
      auto it = last_n.find(h.lead_id);
      if (it == last_n.end()) {
        if (auto known = history_n_.find(h.lead_id); known != history_n_.end()) {
          it = last_n.emplace(h.lead_id, known->second).first;
        }
      }
      if (it == last_n.end()) {
        auto max_stmt = Prepared(kMaxHistoryN);
        if (!max_stmt.ok()) return max_stmt.status();
        StmtUse use(*max_stmt);
        BindText(*max_stmt, 1, h.lead_id);
        const int rc = sqlite3_step(*max_stmt);
        if (rc != SQLITE_ROW) return Error(rc, "reading a history");
        it = last_n.emplace(h.lead_id, sqlite3_column_int64(*max_stmt, 0)).first;  // NULL -> 0
      }
      const int64_t at_ns = ToUnixNanosSaturated(h.at);
      newest_ns = std::max(newest_ns, at_ns);
      StmtUse use(*put);
      BindText(*put, 1, h.lead_id);
      sqlite3_bind_int64(*put, 2, ++it->second);
      sqlite3_bind_int64(*put, 3, at_ns);
      BindText(*put, 4, h.payload);
      if (auto s = StepDone(*put, "appending to a history"); !s.ok()) return s;
    }
    // (5) retention.
    if (options_.history_count > 0) {
      auto trim = Prepared(kTrimHistoryCount);
      if (!trim.ok()) return trim.status();
      for (const auto& [lead, n] : last_n) {
        if (n <= options_.history_count) continue;
        StmtUse use(*trim);
        BindText(*trim, 1, lead);
        sqlite3_bind_int64(*trim, 2, n - options_.history_count);
        if (auto s = StepDone(*trim, "applying history retention"); !s.ok()) return s;
      }
    }
    if (options_.history_days > 0) {
      const absl::Time cutoff =
          absl::FromUnixNanos(newest_ns) - absl::Hours(24) * options_.history_days;
      auto trim = Prepared(kTrimHistoryDays);
      if (!trim.ok()) return trim.status();
      StmtUse use(*trim);
      sqlite3_bind_int64(*trim, 1, ToUnixNanosSaturated(cutoff));
      if (auto s = StepDone(*trim, "applying history retention"); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  sqlite3* db_;
  std::string path_;
  StoreOptions options_;
  sqlite3_stmt* stmts_[kSqlCount] = {};
  // Each lead's last committed history number, as far as remembered (see
  // AppendHistory), and the data_version it is valid for.
  absl::flat_hash_map<std::string, int64_t> history_n_;
  int64_t data_version_ = -1;
};

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

absl::StatusOr<std::unique_ptr<StateStore>> OpenSqliteStore(const std::string& path,
                                                            const StoreOptions& options) {
  if (path != ":memory:") {
    const std::string dir = DirectoryOf(path);
    if (access(dir.c_str(), F_OK) != 0) {
      return absl::NotFoundError(absl::StrCat("cannot open SQLite store '", path,
                                              "': the directory '", dir,
                                              "' does not exist (create it first)"));
    }
    const bool exists = access(path.c_str(), F_OK) == 0;
    // SQLite also writes -wal and -shm files beside the database.
    if (access(dir.c_str(), W_OK) != 0 || (exists && access(path.c_str(), R_OK | W_OK) != 0)) {
      return absl::PermissionDeniedError(absl::StrCat(
          "cannot open SQLite store '", path, "': ", exists ? "the file or " : "", "the directory '",
          dir, "' is not writable by this user (the store writes PATH, PATH-wal and PATH-shm)"));
    }
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    absl::Status s = FromSqlite(rc, db, "cannot open", path);
    sqlite3_close_v2(db);
    return s;
  }
  auto store = std::make_unique<SqliteStore>(db, path, options);
  if (auto s = store->Init(); !s.ok()) return s;
  return std::unique_ptr<StateStore>(std::move(store));
}

}  // namespace leadscore::internal
