// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A durable store for live scoring (docs/live-scoring.md, "Stores"): lead
// records, lead states, source positions, an outbox of transitions and an
// optional, bounded event history, written together in one transaction per
// batch. SQLite (embedded, the default) and PostgreSQL implement the same
// interface and pass the same test suite (tests/store/).
//
// The store is byte-level and knows nothing of scoring: a state is an opaque
// byte string (written by SerializeLeadState), lead records, events and
// transitions are opaque text (JSON lines). Typical use by a live loop, per
// batch of events: GetStates for the leads not cached, apply the events in
// memory, then Commit the new states, the source position reached and the
// transitions; on restart GetPosition tells where to resume.
//
// A StateStore object is not thread-safe: use one per thread. One process at
// a time should commit to a store (several may read).
#ifndef LEADSCORE_STORE_STATE_STORE_H_
#define LEADSCORE_STORE_STATE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/source_position.h"

namespace leadscore {

// The serialized state of one lead (opaque bytes; may hold NULs).
struct StoredState {
  std::string lead_id;
  std::string bytes;
};

// How far a source of events has been consumed is a SourcePosition
// (leadscore/source_position.h: a stream, partition or file name and an
// offset); the store keeps the highest committed offset per source. Offsets
// are at most INT64_MAX (stored as a signed 64-bit integer) and never go
// backwards.

// One entry of the outbox: something downstream must learn about (e.g. a
// stage transition as a JSON line).
struct OutboxEntry {
  // Assigned by Commit (ignored there): strictly increasing in commit order,
  // starting at 1, never reused, also after TrimOutbox or an erasure.
  uint64_t seq = 0;
  std::string lead_id;
  std::string payload;
};

// One entry of a lead's event history (e.g. the event's JSON line), kept so
// the states can be rebuilt after a model change.
struct HistoryEntry {
  std::string lead_id;
  absl::Time at;  // the event's time; used by retention in days
  std::string payload;
};

// A lead's record (its JSON line).
struct LeadRecord {
  std::string lead_id;
  std::string payload;
};

// What Commit writes, in ONE transaction: all of it or nothing.
//
// Order within the transaction: (1) positions are checked and written,
// (2) erased_leads are deleted, (3) leads and states are upserted,
// (4) outbox and history entries are appended, (5) history retention runs.
// So an erasure removes what was stored BEFORE this batch: leave the erased
// lead's own states, records and history out of the batch (an outbox entry
// announcing the erasure is kept, since it is appended after).
//
// Text fields (ids, sources, payloads) must not contain NUL bytes;
// lead ids and sources must not be empty. State bytes may be anything.
struct StoreBatch {
  std::vector<LeadRecord> leads;          // upsert by lead id
  std::vector<StoredState> states;        // upsert by lead id
  std::vector<std::string> erased_leads;  // delete record, state, history and outbox entries
  std::vector<SourcePosition> positions;  // upsert; never lower than the stored offset
  std::vector<OutboxEntry> outbox;        // appended in this order
  std::vector<HistoryEntry> history;      // appended in this order (when keep_history)
};

struct StoreOptions {
  // Whether Commit writes StoreBatch::history. When false the history
  // entries of a batch are ignored (so a caller may always fill them).
  bool keep_history = false;
  // History retention, applied in each Commit's transaction; 0: unbounded.
  // Days are measured in event time: entries whose `at` is more than
  // history_days before the newest `at` of the batch being committed are
  // deleted, for every lead. Count keeps each lead's history_count most
  // recently committed entries.
  int64_t history_days = 0;
  int64_t history_count = 0;
  // SQLite only. false (default): synchronous=NORMAL in WAL mode: a commit
  // survives a crash of the process, but the last commits before a power
  // loss or OS crash may be lost (the store stays consistent: states and
  // positions always match, so events after the position are replayed).
  // true: synchronous=FULL: every commit is on disk when Commit returns.
  // PostgreSQL follows the server's synchronous_commit setting.
  bool sync_every_commit = false;
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  // Writes the whole batch in one transaction (see StoreBatch for the order).
  // Errors (nothing is written on any error):
  //   InvalidArgument     an empty or NUL-containing id, source or payload;
  //                       an offset above INT64_MAX; one source twice with
  //                       decreasing offsets
  //   FailedPrecondition  a position lower than the stored one (the message
  //                       names the source and both offsets)
  //   Unavailable         the database is locked by another writer past the
  //                       busy timeout, or the server connection was lost
  //   ResourceExhausted   the disk is full
  //   DataLoss            the database file is corrupt
  //   Internal            any other database error (with its message)
  virtual absl::Status Commit(const StoreBatch& batch) = 0;

  // The stored offset of `source`, or nullopt if none was ever committed.
  // Errors: Unavailable, DataLoss, Internal (as for Commit).
  virtual absl::StatusOr<std::optional<uint64_t>> GetPosition(absl::string_view source) = 0;

  // For each id, its state bytes, or nullopt if the store has none.
  // `bytes` is resized to lead_ids.size() and filled in the same order.
  // Duplicated ids are allowed. Errors: as GetPosition.
  virtual absl::Status GetStates(absl::Span<const std::string> lead_ids,
                                 std::vector<std::optional<std::string>>* bytes) = 0;

  // For each id, its lead record's payload, or nullopt. As GetStates.
  virtual absl::Status GetLeads(absl::Span<const std::string> lead_ids,
                                std::vector<std::optional<std::string>>* payloads) = 0;

  // Calls fn for every lead record in increasing byte order of lead id, with
  // its state if it has one (states without a lead record are not visited).
  // Streams in pages, holding no transaction or cursor while fn runs, so fn
  // may call the store (even Commit; leads committed meanwhile after the
  // current id are visited). Stops at, and returns, fn's first error.
  // Errors: fn's; as GetPosition.
  virtual absl::Status ForEachLead(
      const std::function<absl::Status(const LeadRecord& lead,
                                       const std::optional<std::string>& state)>& fn) = 0;

  // Replaces *out with the lead's history, oldest commit first (the order the
  // live loop applied them). Empty if none. Errors: as GetPosition.
  virtual absl::Status GetHistory(absl::string_view lead_id, std::vector<HistoryEntry>* out) = 0;

  // Up to `limit` outbox entries with seq > after_seq, in seq order.
  // Errors: as GetPosition.
  virtual absl::StatusOr<std::vector<OutboxEntry>> ReadOutbox(uint64_t after_seq,
                                                              size_t limit) = 0;

  // Deletes the outbox entries with seq <= through_seq (delivered ones).
  // Errors: as GetPosition.
  virtual absl::Status TrimOutbox(uint64_t through_seq) = 0;

  // Free-form metadata, e.g. the fingerprint of the model the states were
  // written under. Keys starting with "leadscore." are the store's own
  // (readable, not writable). GetMeta returns nullopt for a missing key.
  // Errors: InvalidArgument (SetMeta: an empty, reserved or NUL-containing
  // key, a NUL-containing value); as GetPosition.
  virtual absl::StatusOr<std::optional<std::string>> GetMeta(absl::string_view key) = 0;
  virtual absl::Status SetMeta(absl::string_view key, absl::string_view value) = 0;

  // "sqlite" or "postgresql".
  virtual absl::string_view backend() const = 0;
};

// Opens (creating if needed: the file, the tables, the schema version) the
// store at `url`:
//   "sqlite:PATH", "sqlite://PATH", or a PATH ending in .db, .sqlite or
//   .sqlite3  -> SQLite (WAL mode); "sqlite::memory:" for a private,
//   in-memory store;
//   "postgresql://..." or "postgres://..." -> PostgreSQL (a libpq URI; its
//   query parameters such as connect_timeout, sslmode or
//   options=-csearch_path%3Dmyschema are passed to libpq; connect_timeout
//   defaults to 10 seconds).
// Errors (messages never contain a password: the URL is shown masked):
//   InvalidArgument     an unknown URL form; bad StoreOptions
//   NotFound            SQLite: the file's directory does not exist
//   PermissionDenied    SQLite: the file or directory is not writable
//   FailedPrecondition  the store's schema is newer than this build reads;
//                       SQLite: the file is not a SQLite database;
//                       PostgreSQL: this build has no PostgreSQL support
//   Unavailable         PostgreSQL: cannot connect (server down, refused,
//                       timeout, authentication failed); SQLite: locked
//   Internal            any other database error
absl::StatusOr<std::unique_ptr<StateStore>> OpenStateStore(absl::string_view url,
                                                          const StoreOptions& options = {});

// The store schema version this build writes and reads (older ones are
// upgraded on open; newer ones refused).
inline constexpr int kStoreSchemaVersion = 1;

// `url` with any password replaced by "***" (user:password@ in a URI and
// password=... parameters), for messages and logs.
std::string MaskStoreUrl(absl::string_view url);

// Whether this build can open postgresql:// URLs.
bool StoreHasPostgresSupport();

}  // namespace leadscore

#endif  // LEADSCORE_STORE_STATE_STORE_H_
