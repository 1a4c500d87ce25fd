// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "store/postgres_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <bitset>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "store/batch_check.h"
#include "store/pg_binary.h"

namespace leadscore::internal {
namespace {

constexpr int kPageSize = 256;  // ForEachLead's page size

// Statements, prepared once per connection (named "leadscore_<index>").
enum Sql : int {
  kPutPositions,
  kGetPositions,
  kErase,
  kPutLeads,
  kPutStates,
  kPutOutbox,
  kPutHistory,
  kTrimHistoryCount,
  kTrimHistoryDays,
  kGetStates,
  kGetLeads,
  kGetPosition,
  kLeadPage,
  kGetHistory,
  kReadOutbox,
  kTrimOutbox,
  kGetMeta,
  kPutMeta,
  kSqlCount
};

constexpr const char* kSqlText[kSqlCount] = {
    // Upserts every position that does not go back; Commit compares the
    // returned count with the input and rolls back when short.
    "INSERT INTO leadscore_positions (source, \"offset\") "
    "SELECT * FROM unnest($1::text[], $2::int8[]) "
    "ON CONFLICT (source) DO UPDATE SET \"offset\" = EXCLUDED.\"offset\" "
    "WHERE leadscore_positions.\"offset\" <= EXCLUDED.\"offset\" RETURNING source",
    "SELECT source, \"offset\" FROM leadscore_positions WHERE source = ANY($1::text[])",
    // Data-modifying WITH clauses always run, referenced or not.
    "WITH ids AS (SELECT unnest($1::text[]) AS id), "
    "a AS (DELETE FROM leadscore_leads WHERE lead_id IN (SELECT id FROM ids)), "
    "b AS (DELETE FROM leadscore_states WHERE lead_id IN (SELECT id FROM ids)), "
    "c AS (DELETE FROM leadscore_history WHERE lead_id IN (SELECT id FROM ids)) "
    "DELETE FROM leadscore_outbox WHERE lead_id IN (SELECT id FROM ids)",
    "INSERT INTO leadscore_leads (lead_id, payload) SELECT * FROM unnest($1::text[], $2::text[]) "
    "ON CONFLICT (lead_id) DO UPDATE SET payload = EXCLUDED.payload",
    "INSERT INTO leadscore_states (lead_id, state) SELECT * FROM unnest($1::text[], $2::bytea[]) "
    "ON CONFLICT (lead_id) DO UPDATE SET state = EXCLUDED.state",
    // The counter row also serializes concurrent committers, so seqs become
    // visible in increasing order.
    "WITH c AS (UPDATE leadscore_meta SET value = (value::int8 + $3::int8)::text "
    "WHERE key = 'leadscore.outbox_seq' RETURNING value::int8 - $3::int8 AS base) "
    "INSERT INTO leadscore_outbox (seq, lead_id, payload) "
    "SELECT c.base + u.ord, u.lead_id, u.payload FROM c, "
    "unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(lead_id, payload, ord)",
    "INSERT INTO leadscore_history (lead_id, n, at_ns, payload) "
    "SELECT u.lead_id, COALESCE(m.max_n, 0) + row_number() OVER (PARTITION BY u.lead_id "
    "ORDER BY u.ord), u.at_ns, u.payload "
    "FROM unnest($1::text[], $2::int8[], $3::text[]) WITH ORDINALITY AS u(lead_id, at_ns, payload, ord) "
    "LEFT JOIN LATERAL (SELECT max(h.n) AS max_n FROM leadscore_history h "
    "WHERE h.lead_id = u.lead_id) m ON true",
    "DELETE FROM leadscore_history h USING (SELECT l AS lead_id, "
    "(SELECT max(n) FROM leadscore_history WHERE lead_id = l) AS mx "
    "FROM unnest($1::text[]) AS l) m "
    "WHERE h.lead_id = m.lead_id AND h.n <= m.mx - $2::int8",
    "DELETE FROM leadscore_history WHERE at_ns < $1::int8",
    "SELECT lead_id, state FROM leadscore_states WHERE lead_id = ANY($1::text[])",
    "SELECT lead_id, payload FROM leadscore_leads WHERE lead_id = ANY($1::text[])",
    "SELECT \"offset\" FROM leadscore_positions WHERE source = $1::text",
    "SELECT l.lead_id, l.payload, s.state FROM leadscore_leads l "
    "LEFT JOIN leadscore_states s ON s.lead_id = l.lead_id "
    "WHERE l.lead_id > $1::text ORDER BY l.lead_id LIMIT $2::int8",
    "SELECT at_ns, payload FROM leadscore_history WHERE lead_id = $1::text ORDER BY n",
    "SELECT seq, lead_id, payload FROM leadscore_outbox WHERE seq > $1::int8 ORDER BY seq "
    "LIMIT $2::int8",
    "DELETE FROM leadscore_outbox WHERE seq <= $1::int8",
    "SELECT value FROM leadscore_meta WHERE key = $1::text",
    "INSERT INTO leadscore_meta (key, value) VALUES ($1::text, $2::text) "
    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
};

// COLLATE "C": lead ids sort in byte order whatever the database's locale.
constexpr char kCreateMeta[] =
    "CREATE TABLE IF NOT EXISTS leadscore_meta ("
    "key text COLLATE \"C\" PRIMARY KEY, value text NOT NULL)";
constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS leadscore_leads (
  lead_id text COLLATE "C" PRIMARY KEY, payload text NOT NULL);
CREATE TABLE IF NOT EXISTS leadscore_states (
  lead_id text COLLATE "C" PRIMARY KEY, state bytea NOT NULL);
CREATE TABLE IF NOT EXISTS leadscore_positions (
  source text COLLATE "C" PRIMARY KEY, "offset" bigint NOT NULL);
CREATE TABLE IF NOT EXISTS leadscore_outbox (
  seq bigint PRIMARY KEY, lead_id text COLLATE "C" NOT NULL, payload text NOT NULL);
CREATE INDEX IF NOT EXISTS leadscore_outbox_lead ON leadscore_outbox (lead_id);
CREATE TABLE IF NOT EXISTS leadscore_history (
  lead_id text COLLATE "C" NOT NULL, n bigint NOT NULL, at_ns bigint NOT NULL,
  payload text NOT NULL, PRIMARY KEY (lead_id, n));
CREATE INDEX IF NOT EXISTS leadscore_history_at ON leadscore_history (at_ns);
INSERT INTO leadscore_meta (key, value) VALUES ('leadscore.outbox_seq', '0')
  ON CONFLICT (key) DO NOTHING;
)sql";

// Owns a PGresult.
class Result {
 public:
  Result() = default;
  explicit Result(PGresult* r) : r_(r) {}
  Result(Result&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  Result& operator=(Result&& o) noexcept {
    std::swap(r_, o.r_);
    return *this;
  }
  ~Result() { PQclear(r_); }
  PGresult* get() const { return r_; }
  int rows() const { return PQntuples(r_); }
  bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  absl::string_view bytes(int row, int col) const {
    return absl::string_view(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  int64_t int8(int row, int col) const { return PgReadInt8(bytes(row, col)); }

 private:
  PGresult* r_ = nullptr;
};

// One binary parameter.
struct Param {
  unsigned oid;
  std::string value;
};

Param Text(absl::string_view v) { return Param{kOidText, std::string(v)}; }
Param Int8(int64_t v) { return Param{kOidInt8, PgInt8(v)}; }
Param Array(unsigned array_oid, const PgArray& a) { return Param{array_oid, a.Finish()}; }

int64_t ClampToInt64(uint64_t v) {
  return v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
             ? std::numeric_limits<int64_t>::max()
             : static_cast<int64_t>(v);
}

// Collapses repeated ids of an upsert (PostgreSQL refuses to update one row
// twice in a statement): the last value of each id wins, as in SQLite.
template <typename T, typename Id>
std::vector<const T*> LastPerId(const std::vector<T>& items, Id id) {
  absl::flat_hash_map<absl::string_view, size_t> last;
  for (size_t i = 0; i < items.size(); ++i) last[id(items[i])] = i;
  std::vector<const T*> out;
  out.reserve(last.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (last[id(items[i])] == i) out.push_back(&items[i]);
  }
  return out;
}

class PostgresStore final : public StateStore {
 public:
  PostgresStore(PGconn* conn, std::string url, const StoreOptions& options)
      : conn_(conn), masked_url_(MaskStoreUrl(url)), options_(options) {}
  ~PostgresStore() override { PQfinish(conn_); }

  absl::string_view backend() const override { return "postgresql"; }

  absl::Status Init() {
    if (auto s = Simple("BEGIN", "beginning a transaction"); !s.ok()) return s;
    absl::Status s = CreateSchema();
    if (s.ok()) s = Simple("COMMIT", "committing the schema");
    if (!s.ok()) Rollback();
    return s;
  }

  absl::Status Commit(const StoreBatch& batch) override {
    std::vector<SourcePosition> positions;
    if (auto s = CheckBatch(batch, &positions); !s.ok()) return s;
    if (auto s = EnsureConnected(); !s.ok()) return s;
    if (auto s = Simple("BEGIN", "beginning a transaction"); !s.ok()) return s;
    absl::Status s = WriteBatch(batch, positions);
    if (s.ok()) s = Simple("COMMIT", "committing");
    if (!s.ok()) Rollback();
    return s;
  }

  absl::StatusOr<std::optional<uint64_t>> GetPosition(absl::string_view source) override {
    auto r = Run(kGetPosition, {Text(source)}, "reading a position");
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return std::optional<uint64_t>();
    return std::optional<uint64_t>(static_cast<uint64_t>(r->int8(0, 0)));
  }

  absl::Status GetStates(absl::Span<const std::string> lead_ids,
                         std::vector<std::optional<std::string>>* bytes) override {
    return GetById(kGetStates, "reading states", lead_ids, bytes);
  }

  absl::Status GetLeads(absl::Span<const std::string> lead_ids,
                        std::vector<std::optional<std::string>>* payloads) override {
    return GetById(kGetLeads, "reading lead records", lead_ids, payloads);
  }

  absl::Status ForEachLead(
      const std::function<absl::Status(const LeadRecord&, const std::optional<std::string>&)>& fn)
      override {
    std::string after;
    while (true) {
      auto r = Run(kLeadPage, {Text(after), Int8(kPageSize)}, "listing leads");
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->rows(); ++i) {
        LeadRecord lead{std::string(r->bytes(i, 0)), std::string(r->bytes(i, 1))};
        std::optional<std::string> state;
        if (!r->null(i, 2)) state = std::string(r->bytes(i, 2));
        if (auto s = fn(lead, state); !s.ok()) return s;
        after = std::move(lead.lead_id);
      }
      if (r->rows() < kPageSize) return absl::OkStatus();
    }
  }

  absl::Status GetHistory(absl::string_view lead_id, std::vector<HistoryEntry>* out) override {
    out->clear();
    auto r = Run(kGetHistory, {Text(lead_id)}, "reading a history");
    if (!r.ok()) return r.status();
    out->reserve(r->rows());
    for (int i = 0; i < r->rows(); ++i) {
      out->push_back(HistoryEntry{std::string(lead_id), absl::FromUnixNanos(r->int8(i, 0)),
                                  std::string(r->bytes(i, 1))});
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<OutboxEntry>> ReadOutbox(uint64_t after_seq, size_t limit) override {
    auto r = Run(kReadOutbox, {Int8(ClampToInt64(after_seq)), Int8(ClampToInt64(limit))},
                 "reading the outbox");
    if (!r.ok()) return r.status();
    std::vector<OutboxEntry> out;
    out.reserve(r->rows());
    for (int i = 0; i < r->rows(); ++i) {
      out.push_back(OutboxEntry{static_cast<uint64_t>(r->int8(i, 0)), std::string(r->bytes(i, 1)),
                                std::string(r->bytes(i, 2))});
    }
    return out;
  }

  absl::Status TrimOutbox(uint64_t through_seq) override {
    return Run(kTrimOutbox, {Int8(ClampToInt64(through_seq))}, "trimming the outbox").status();
  }

  absl::StatusOr<std::optional<std::string>> GetMeta(absl::string_view key) override {
    auto r = Run(kGetMeta, {Text(key)}, "reading meta");
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(std::string(r->bytes(0, 0)));
  }

  absl::Status SetMeta(absl::string_view key, absl::string_view value) override {
    if (auto s = CheckMetaKey(key); !s.ok()) return s;
    if (auto s = CheckText("a meta value", value, true); !s.ok()) return s;
    return Run(kPutMeta, {Text(key), Text(value)}, "writing meta").status();
  }

 private:
  absl::Status ConnectionError(absl::string_view what) const {
    return absl::UnavailableError(absl::StrCat(
        "PostgreSQL store ", masked_url_, ": ", what, ": ",
        absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn_)),
        " (is the server running and reachable?)"));
  }

  absl::Status FromResult(const PGresult* r, absl::string_view what) const {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const absl::string_view code = state != nullptr ? state : "";
    const std::string msg =
        absl::StrCat("PostgreSQL store ", masked_url_, ": ", what, ": ",
                     absl::StripTrailingAsciiWhitespace(PQresultErrorMessage(r)),
                     code.empty() ? "" : absl::StrCat(" (SQLSTATE ", code, ")"));
    if (absl::StartsWith(code, "08") || absl::StartsWith(code, "57P") ||
        code == "40001" || code == "40P01" || code == "55P03") {
      return absl::UnavailableError(msg);
    }
    if (absl::StartsWith(code, "53")) return absl::ResourceExhaustedError(msg);
    if (code == "42501") {
      return absl::PermissionDeniedError(absl::StrCat(
          msg, "; the store's user needs CREATE on the schema (first open) and "
               "SELECT/INSERT/UPDATE/DELETE on the leadscore_* tables"));
    }
    if (absl::StartsWith(code, "22")) return absl::InvalidArgumentError(msg);
    if (absl::StartsWith(code, "XX00")) return absl::DataLossError(msg);
    if (code.empty() && PQstatus(conn_) == CONNECTION_BAD) return ConnectionError(what);
    return absl::InternalError(msg);
  }

  absl::Status EnsureConnected() {
    if (PQstatus(conn_) == CONNECTION_OK) return absl::OkStatus();
    PQreset(conn_);
    prepared_.reset();
    if (PQstatus(conn_) != CONNECTION_OK) return ConnectionError("reconnecting");
    return absl::OkStatus();
  }

  absl::Status Simple(const char* sql, absl::string_view what) {
    Result r(PQexec(conn_, sql));
    const ExecStatusType st = PQresultStatus(r.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return absl::OkStatus();
    if (r.get() == nullptr) return ConnectionError(what);
    return FromResult(r.get(), what);
  }

  void Rollback() {
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
      Result r(PQexec(conn_, "ROLLBACK"));
    }
  }

  absl::StatusOr<Result> Run(Sql which, const std::vector<Param>& params, absl::string_view what) {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE || PQstatus(conn_) != CONNECTION_OK) {
      // Outside a transaction a lost connection can be re-established.
      if (auto s = EnsureConnected(); !s.ok()) return s;
    }
    const std::string name = absl::StrCat("leadscore_", static_cast<int>(which));
    if (!prepared_[which]) {
      std::vector<unsigned> types;
      for (const Param& p : params) types.push_back(p.oid);
      Result r(PQprepare(conn_, name.c_str(), kSqlText[which], static_cast<int>(types.size()),
                         reinterpret_cast<const Oid*>(types.data())));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        if (r.get() == nullptr) return ConnectionError(what);
        return FromResult(r.get(), what);
      }
      prepared_[which] = true;
    }
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const Param& p : params) {
      values.push_back(p.value.data());
      lengths.push_back(static_cast<int>(p.value.size()));
      formats.push_back(1);
    }
    Result r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                            lengths.data(), formats.data(), /*resultFormat=*/1));
    const ExecStatusType st = PQresultStatus(r.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
    if (r.get() == nullptr) return ConnectionError(what);
    return FromResult(r.get(), what);
  }

  absl::Status CreateSchema() {
    // Two processes opening a new store at once would race on CREATE TABLE
    // IF NOT EXISTS: serialize them.
    if (auto s = Simple("SELECT pg_advisory_xact_lock(7244727316522161)", "locking the schema");
        !s.ok()) {
      return s;
    }
    if (auto s = Simple(kCreateMeta, "creating the meta table"); !s.ok()) return s;
    auto version = GetMeta(kMetaSchemaVersion);
    if (!version.ok()) return version.status();
    if (version->has_value()) {
      int64_t v = 0;
      if (!absl::SimpleAtoi(**version, &v)) {
        return absl::DataLossError(absl::StrCat("PostgreSQL store ", masked_url_,
                                                ": schema version '", **version, "' is not a number"));
      }
      if (v > kStoreSchemaVersion) return NewerSchema(masked_url_, v);
    }
    if (auto s = Simple(kSchema, "creating the tables"); !s.ok()) return s;
    return Run(kPutMeta, {Text(kMetaSchemaVersion), Text(absl::StrCat(kStoreSchemaVersion))},
               "writing the schema version")
        .status();
  }

  absl::Status GetById(Sql which, absl::string_view what, absl::Span<const std::string> ids,
                       std::vector<std::optional<std::string>>* out) {
    out->assign(ids.size(), std::nullopt);
    if (ids.empty()) return absl::OkStatus();
    PgArray array(kOidText);
    for (const std::string& id : ids) array.Add(id);
    auto r = Run(which, {Array(kOidTextArray, array)}, what);
    if (!r.ok()) return r.status();
    absl::flat_hash_map<absl::string_view, int> row_of;
    for (int i = 0; i < r->rows(); ++i) row_of[r->bytes(i, 0)] = i;
    for (size_t i = 0; i < ids.size(); ++i) {
      auto it = row_of.find(ids[i]);
      if (it != row_of.end()) (*out)[i] = std::string(r->bytes(it->second, 1));
    }
    return absl::OkStatus();
  }

  absl::Status WriteBatch(const StoreBatch& batch, const std::vector<SourcePosition>& positions) {
    // (1) positions.
    if (!positions.empty()) {
      PgArray sources(kOidText), offsets(kOidInt8);
      for (const SourcePosition& p : positions) {
        sources.Add(p.source);
        offsets.AddInt8(static_cast<int64_t>(p.offset));
      }
      auto r = Run(kPutPositions, {Array(kOidTextArray, sources), Array(kOidInt8Array, offsets)},
                   "writing positions");
      if (!r.ok()) return r.status();
      if (r->rows() != static_cast<int>(positions.size())) return FindBackwards(positions);
    }
    // (2) erasures.
    if (!batch.erased_leads.empty()) {
      PgArray ids(kOidText);
      for (const std::string& id : batch.erased_leads) ids.Add(id);
      if (auto r = Run(kErase, {Array(kOidTextArray, ids)}, "erasing leads"); !r.ok()) {
        return r.status();
      }
    }
    // (3) upserts.
    if (!batch.leads.empty()) {
      PgArray ids(kOidText), payloads(kOidText);
      for (const LeadRecord* l : LastPerId(batch.leads, [](const LeadRecord& l) -> absl::string_view {
             return l.lead_id;
           })) {
        ids.Add(l->lead_id);
        payloads.Add(l->payload);
      }
      auto r = Run(kPutLeads, {Array(kOidTextArray, ids), Array(kOidTextArray, payloads)},
                   "writing lead records");
      if (!r.ok()) return r.status();
    }
    if (!batch.states.empty()) {
      PgArray ids(kOidText), bytes(kOidBytea);
      for (const StoredState* st : LastPerId(
               batch.states, [](const StoredState& s) -> absl::string_view { return s.lead_id; })) {
        ids.Add(st->lead_id);
        bytes.Add(st->bytes);
      }
      auto r = Run(kPutStates, {Array(kOidTextArray, ids), Array(kOidByteaArray, bytes)},
                   "writing states");
      if (!r.ok()) return r.status();
    }
    // (4) appends.
    if (!batch.outbox.empty()) {
      PgArray ids(kOidText), payloads(kOidText);
      for (const OutboxEntry& o : batch.outbox) {
        ids.Add(o.lead_id);
        payloads.Add(o.payload);
      }
      auto r = Run(kPutOutbox,
                   {Array(kOidTextArray, ids), Array(kOidTextArray, payloads),
                    Int8(static_cast<int64_t>(batch.outbox.size()))},
                   "appending to the outbox");
      if (!r.ok()) return r.status();
      if (PQcmdTuples(r->get())[0] == '0') {
        return absl::DataLossError(absl::StrCat("PostgreSQL store ", masked_url_,
                                                ": the outbox counter row is missing"));
      }
    }
    if (options_.keep_history && !batch.history.empty()) {
      if (auto s = AppendHistory(batch.history); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // A position went back: name it (the transaction is rolled back after).
  absl::Status FindBackwards(const std::vector<SourcePosition>& positions) {
    PgArray sources(kOidText);
    for (const SourcePosition& p : positions) sources.Add(p.source);
    auto r = Run(kGetPositions, {Array(kOidTextArray, sources)}, "reading positions");
    if (!r.ok()) return r.status();
    absl::flat_hash_map<std::string, uint64_t> stored;
    for (int i = 0; i < r->rows(); ++i) {
      stored[std::string(r->bytes(i, 0))] = static_cast<uint64_t>(r->int8(i, 1));
    }
    for (const SourcePosition& p : positions) {
      auto it = stored.find(p.source);
      if (it != stored.end() && it->second > p.offset) {
        return BackwardsPosition(p.source, it->second, p.offset);
      }
    }
    return BackwardsPosition(positions.front().source, 0, positions.front().offset);
  }

  absl::Status AppendHistory(const std::vector<HistoryEntry>& entries) {
    PgArray ids(kOidText), ats(kOidInt8), payloads(kOidText);
    absl::flat_hash_set<absl::string_view> leads;
    int64_t newest_ns = std::numeric_limits<int64_t>::min();
    for (const HistoryEntry& h : entries) {
      const int64_t at_ns = ToUnixNanosSaturated(h.at);
      newest_ns = std::max(newest_ns, at_ns);
      ids.Add(h.lead_id);
      ats.AddInt8(at_ns);
      payloads.Add(h.payload);
      leads.insert(h.lead_id);
    }
    auto r = Run(kPutHistory,
                 {Array(kOidTextArray, ids), Array(kOidInt8Array, ats), Array(kOidTextArray, payloads)},
                 "appending to histories");
    if (!r.ok()) return r.status();
    // (5) retention.
    if (options_.history_count > 0) {
      PgArray distinct(kOidText);
      for (absl::string_view id : leads) distinct.Add(id);
      auto t = Run(kTrimHistoryCount, {Array(kOidTextArray, distinct), Int8(options_.history_count)},
                   "applying history retention");
      if (!t.ok()) return t.status();
    }
    if (options_.history_days > 0) {
      const absl::Time cutoff =
          absl::FromUnixNanos(newest_ns) - absl::Hours(24) * options_.history_days;
      auto t = Run(kTrimHistoryDays, {Int8(ToUnixNanosSaturated(cutoff))},
                   "applying history retention");
      if (!t.ok()) return t.status();
    }
    return absl::OkStatus();
  }

  PGconn* conn_;
  std::string masked_url_;
  StoreOptions options_;
  std::bitset<kSqlCount> prepared_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<StateStore>> OpenPostgresStore(const std::string& url,
                                                              const StoreOptions& options) {
  // Later entries override earlier ones, so the URL's own connect_timeout
  // (or application_name) wins over these defaults.
  const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                        nullptr};
  const char* values[] = {"10", "leadscore", "UTF8", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) {
    return absl::ResourceExhaustedError("cannot connect to PostgreSQL: out of memory");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg(absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn)));
    PQfinish(conn);
    const bool bad_url = absl::StrContains(msg, "invalid URI") ||
                         absl::StrContains(msg, "invalid connection option") ||
                         absl::StrContains(msg, "invalid integer value") ||
                         absl::StrContains(msg, "invalid port");
    const std::string text =
        absl::StrCat("cannot connect to ", MaskStoreUrl(url), ": ", msg,
                     bad_url ? "" : "; is the server running and reachable, and the user allowed?");
    if (bad_url) return absl::InvalidArgumentError(text);
    return absl::UnavailableError(text);
  }
  // NOTICEs ("relation ... already exists, skipping") are not errors; libpq
  // would print them on stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto store = std::make_unique<PostgresStore>(conn, url, options);
  if (auto s = store->Init(); !s.ok()) return s;
  return std::unique_ptr<StateStore>(std::move(store));
}

}  // namespace leadscore::internal
