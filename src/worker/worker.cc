// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/worker/worker.h"

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/state_io.h"
#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/redis_url.h"
#include "worker/redis_client.h"
#include "worker/scripts.h"
#include "worker/stream_entry.h"

namespace leadscore {

using internal::RedisArgs;
using internal::RedisClient;
using internal::RedisReply;
using internal::StreamEntry;

namespace {

struct Lease {
  uint32_t partition = 0;
  std::string token;
  absl::Time renewed;
};

// One lead during a batch: what Redis holds and what the batch changed.
struct LeadWork {
  std::optional<std::string> record;       // stored (or updated) JSON line
  std::optional<Lead> lead;                // `record` parsed
  std::optional<std::string> state_bytes;  // stored
  std::optional<LeadState> state;          // read or started
  bool record_dirty = false, state_dirty = false;
};

// One entry of a batch, parsed.
struct Item {
  const StreamEntry* entry = nullptr;
  std::string kind;  // "lead", "event" or what the entry said
  const std::string* line = nullptr;
  uint64_t offset = 0;
  std::optional<Lead> lead;
  std::optional<Event> event;
  std::string reject;  // set: refused before looking at the lead
};

bool IsLeaseLost(const RedisReply& r) {
  return r.is_error() && absl::StartsWith(r.str, "LEASELOST");
}

std::string DefaultWorkerId() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return absl::StrCat(host[0] != '\0' ? host : "worker", "-", getpid());
}

}  // namespace

struct Worker::Impl {
  Scorer scorer;
  WorkerOptions o;
  std::function<void(absl::string_view)> log;
  std::unique_ptr<RedisClient> redis;
  std::vector<PartitionKeys> keys;
  std::vector<Lease> owned;
  WorkerStats stats;
  bool groups_ready = false;
  absl::Time next_heartbeat = absl::InfinitePast();
  // Retry state.
  absl::Duration backoff = absl::ZeroDuration();
  std::optional<absl::Time> failing_since;
  // Metrics.
  absl::Time metrics_at = absl::Now();
  uint64_t metrics_entries = 0;
  size_t next_owned = 0;
  // Per partition: the leads this worker committed under its current lease.
  struct PartitionCache {
    std::string token;
    absl::flat_hash_map<std::string, LeadWork> leads;
  };
  std::vector<PartitionCache> caches;
  size_t cached_leads = 0;

  Impl(Scorer s, WorkerOptions opts) : scorer(std::move(s)), o(std::move(opts)) {}

  void Log(const std::string& line) {
    if (log) log(absl::StrCat("worker ", o.worker_id, ": ", line));
  }

  int64_t TtlMs() const { return absl::ToInt64Milliseconds(o.lease_ttl); }

  absl::Status EnsureGroups() {
    if (groups_ready) return absl::OkStatus();
    for (const PartitionKeys& k : keys) {
      absl::StatusOr<RedisReply> r =
          redis->Command({"XGROUP", "CREATE", k.events(), o.group, "0", "MKSTREAM"}, k.events());
      if (!r.ok()) return r.status();
      if (r->is_error() && !absl::StartsWith(r->str, "BUSYGROUP")) {
        return internal::RedisError(absl::StrCat("creating group ", o.group, " on ", k.events()),
                                    *r);
      }
    }
    groups_ready = true;
    return absl::OkStatus();
  }

  bool Owns(uint32_t p) const {
    for (const Lease& l : owned) {
      if (l.partition == p) return true;
    }
    return false;
  }

  void ForgetCache(uint32_t p) {
    cached_leads -= caches[p].leads.size();
    caches[p].leads.clear();
    caches[p].token.clear();
  }

  void Drop(uint32_t p, const std::string& why) {
    for (size_t i = 0; i < owned.size(); ++i) {
      if (owned[i].partition == p) {
        owned.erase(owned.begin() + static_cast<std::ptrdiff_t>(i));
        ForgetCache(p);
        Log(absl::StrCat("lost partition ", p, ": ", why));
        return;
      }
    }
  }

  // Registers, renews the leases, and takes or gives up partitions to reach
  // ceil(P / live workers).
  absl::Status Heartbeat() {
    const std::string workers = WorkersKey(o.prefix);
    absl::StatusOr<RedisReply> live = redis->Eval(
        internal::HeartbeatScript(), {workers}, {o.worker_id, absl::StrCat(TtlMs()), "0"});
    if (!live.ok()) return live.status();
    if (live->is_error()) return internal::RedisError("heartbeat", *live);
    const uint64_t n = std::max<long long>(1, live->integer);
    for (size_t i = 0; i < owned.size();) {
      Lease& l = owned[i];
      absl::StatusOr<RedisReply> r = redis->Eval(internal::RenewScript(), {keys[l.partition].lease()},
                                                 {l.token, absl::StrCat(TtlMs())});
      if (!r.ok()) return r.status();
      if (r->is_error()) return internal::RedisError("renewing a lease", *r);
      if (r->integer == 1) {
        l.renewed = absl::Now();
        ++i;
      } else {
        Drop(l.partition, "its lease expired (another worker may own it now)");
      }
    }
    const size_t target = static_cast<size_t>((o.partitions + n - 1) / n);
    while (owned.size() > target) {
      const Lease l = owned.back();
      absl::StatusOr<RedisReply> r =
          redis->Eval(internal::ReleaseScript(), {keys[l.partition].lease()}, {l.token});
      if (!r.ok()) return r.status();
      owned.pop_back();
      ForgetCache(l.partition);
      Log(absl::StrCat("released partition ", l.partition, " (", n, " live workers, aiming at ",
                       target, ")"));
    }
    if (owned.size() < target) {
      const uint32_t start = static_cast<uint32_t>(LeadIdHash(o.worker_id) % o.partitions);
      for (uint32_t k = 0; k < o.partitions && owned.size() < target; ++k) {
        const uint32_t p = (start + k) % o.partitions;
        if (Owns(p)) continue;
        absl::StatusOr<RedisReply> r = redis->Eval(
            internal::AcquireScript(), {keys[p].lease(), keys[p].fence()},
            {o.worker_id, absl::StrCat(TtlMs())});
        if (!r.ok()) return r.status();
        if (r->is_error()) return internal::RedisError("taking a lease", *r);
        if (r->type != RedisReply::Type::kString) continue;  // taken
        owned.push_back(Lease{p, r->str, absl::Now()});
        ++stats.leases_taken;
        Log(absl::StrCat("took partition ", p, " (token ", r->str, ")"));
      }
      std::sort(owned.begin(), owned.end(),
                [](const Lease& a, const Lease& b) { return a.partition < b.partition; });
    }
    next_heartbeat = absl::Now() + o.lease_ttl / 3;
    return absl::OkStatus();
  }

  // Reads, applies and commits one batch of partition `p`; `*count` entries.
  absl::Status ProcessBatch(const Lease& lease, size_t* count) {
    *count = 0;
    const PartitionKeys& k = keys[lease.partition];
    absl::StatusOr<RedisReply> fetched =
        redis->Eval(internal::FetchScript(), {k.lease(), k.events()},
                    {lease.token, o.group, o.worker_id, absl::StrCat(o.batch)});
    if (!fetched.ok()) return fetched.status();
    if (IsLeaseLost(*fetched)) {
      Drop(lease.partition, "the lease moved on");
      return absl::OkStatus();
    }
    if (fetched->is_error()) {
      if (absl::StrContains(fetched->str, "NOGROUP")) groups_ready = false;
      return internal::RedisError(absl::StrCat("reading ", k.events()), *fetched);
    }
    if (fetched->elements.size() < 2) return absl::InternalError("unexpected fetch reply");
    const bool claimed = fetched->elements[0].integer == 1;
    const std::vector<StreamEntry> entries = internal::ParseEntries(fetched->elements[1]);
    if (entries.empty()) return absl::OkStatus();

    // Parse, and gather the leads.
    std::vector<Item> items(entries.size());
    absl::flat_hash_map<std::string, LeadWork> work;
    std::vector<std::string> order;  // lead ids, first seen first
    for (size_t i = 0; i < entries.size(); ++i) {
      Item& it = items[i];
      it.entry = &entries[i];
      const std::string* kind = entries[i].Field("kind");
      it.line = entries[i].Field("line");
      it.kind = kind ? *kind : "";
      absl::StatusOr<uint64_t> offset = StreamEntryOffset(entries[i].id);
      if (!offset.ok()) {
        it.reject = std::string(offset.status().message());
        continue;
      }
      it.offset = *offset;
      if (it.line == nullptr || (it.kind != "lead" && it.kind != "event")) {
        it.reject = "an entry needs the fields kind (lead or event) and line";
        continue;
      }
      std::string lead_id;
      if (it.kind == "lead") {
        absl::StatusOr<Lead> lead = ParseLeadJson(*it.line);
        if (!lead.ok()) {
          it.reject = absl::StrCat("bad lead record: ", lead.status().message());
          continue;
        }
        lead_id = lead->id;
        it.lead = *std::move(lead);
      } else {
        absl::StatusOr<Event> event = ParseEventJson(*it.line);
        if (!event.ok()) {
          it.reject = absl::StrCat("bad event: ", event.status().message());
          continue;
        }
        lead_id = event->lead_id;
        it.event = *std::move(event);
      }
      if (PartitionOfLead(lead_id, o.partitions) != lease.partition) {
        it.reject = absl::StrCat("lead '", lead_id, "' belongs to partition ",
                                 PartitionOfLead(lead_id, o.partitions), " of ", o.partitions,
                                 ", not ", lease.partition,
                                 " (a producer with another partition count?)");
        continue;
      }
      if (work.try_emplace(lead_id).second) order.push_back(lead_id);
    }
    // The leads' records and states: from the cache of this lease (what this
    // worker committed last), else from Redis. Cached leads move into `work`
    // and come back only after the commit succeeds, so a failed or unknown
    // commit leaves them to be read again.
    PartitionCache& cache = caches[lease.partition];
    if (cache.token != lease.token) {
      cache.leads.clear();
      cache.token = lease.token;
    }
    std::vector<std::string> missing;
    for (const std::string& id : order) {
      auto cached = cache.leads.find(id);
      if (cached != cache.leads.end()) {
        work[id] = std::move(cached->second);
        cache.leads.erase(cached);
        --cached_leads;
      } else {
        missing.push_back(id);
      }
    }
    if (!missing.empty()) {
      RedisArgs mget = {"MGET"};
      for (const std::string& id : missing) {
        mget.push_back(k.Lead(id));
        mget.push_back(k.State(id));
      }
      absl::StatusOr<RedisReply> got = redis->Command(mget, k.events());
      if (!got.ok()) return got.status();
      if (got->is_error() || got->elements.size() != mget.size() - 1) {
        return internal::RedisError("reading lead states", *got);
      }
      for (size_t i = 0; i < missing.size(); ++i) {
        LeadWork& w = work[missing[i]];
        const RedisReply& rec = got->elements[2 * i];
        const RedisReply& st = got->elements[2 * i + 1];
        if (rec.type == RedisReply::Type::kString) w.record = rec.str;
        if (st.type == RedisReply::Type::kString) w.state_bytes = st.str;
      }
    }

    // Apply, in entry order.
    std::vector<std::string> transitions, rejected;  // JSON lines; 4 fields each
    uint64_t applied = 0, already = 0, leads = 0;
    const auto reject = [&](const Item& it, const std::string& reason) {
      rejected.push_back(it.entry->id);
      rejected.push_back(it.kind);
      rejected.push_back(it.line ? *it.line : "");
      rejected.push_back(reason);
    };
    const auto emit = [&](const std::vector<Transition>& ts) {
      for (const Transition& t : ts) {
        std::string line;
        AppendTransitionJson(t, &line);
        transitions.push_back(std::move(line));
      }
    };
    for (Item& it : items) {
      if (!it.reject.empty()) {
        reject(it, it.reject);
        continue;
      }
      const std::string& lead_id = it.lead ? it.lead->id : it.event->lead_id;
      LeadWork& w = work[lead_id];
      // The stored state, read once. Another model's state stops the worker:
      // every event would be refused.
      if (!w.state && w.state_bytes) {
        absl::StatusOr<LeadState> st = DeserializeLeadState(scorer, *w.state_bytes);
        if (absl::IsFailedPrecondition(st.status())) {
          return absl::FailedPreconditionError(absl::StrCat(
              "the stored state of lead '", lead_id, "' (", k.State(lead_id),
              ") does not fit this worker's model: ", st.status().message(),
              "; run the worker with the model the states were written under"));
        }
        if (!st.ok()) {
          reject(it, absl::StrCat("the stored state is unreadable: ", st.status().message()));
          continue;
        }
        w.state = *std::move(st);
      }
      const absl::Time at = absl::FromUnixMillis(static_cast<int64_t>(it.offset >> 22));
      if (it.lead) {
        if (w.record && *w.record == *it.line) continue;  // unchanged
        if (absl::Status c = scorer.CheckLead(*it.lead); !c.ok()) {
          reject(it, absl::StrCat("refused lead record: ", c.message()));
          continue;
        }
        if (w.state) {
          absl::StatusOr<std::vector<Transition>> moved = scorer.UpdateLead(*it.lead, *w.state, at);
          if (!moved.ok()) {
            reject(it, absl::StrCat("lead update refused (the worker keeps no event history to "
                                    "rebuild the lead from): ",
                                    moved.status().message()));
            continue;
          }
          emit(*moved);
          w.state_dirty = true;
        }
        w.record = *it.line;
        w.lead = *std::move(it.lead);
        w.record_dirty = true;
        ++leads;
        continue;
      }
      if (!w.record) {
        reject(it, absl::StrCat("no record of lead '", lead_id,
                                "': publish the lead before its events"));
        continue;
      }
      if (!w.lead) {
        absl::StatusOr<Lead> lead = ParseLeadJson(*w.record);
        if (!lead.ok()) {
          reject(it, absl::StrCat("the stored lead record is unreadable: ",
                                  lead.status().message()));
          continue;
        }
        w.lead = *std::move(lead);
      }
      if (!w.state) {
        absl::StatusOr<LeadState> st = scorer.Start(*w.lead);
        if (!st.ok()) {
          reject(it, absl::StrCat("refused lead: ", st.status().message()));
          continue;
        }
        w.state = *std::move(st);
      }
      absl::StatusOr<ApplyResult> r =
          scorer.Apply(*w.lead, *it.event, SourcePosition{k.events(), it.offset}, *w.state);
      if (!r.ok()) {
        reject(it, absl::StrCat(absl::IsOutOfRange(r.status()) ? "too late: " : "refused: ",
                                r.status().message()));
        continue;
      }
      switch (r->outcome) {
        case ApplyResult::Outcome::kApplied:
        case ApplyResult::Outcome::kReordered:
          ++applied;
          w.state_dirty = true;
          break;
        case ApplyResult::Outcome::kDuplicate:
        case ApplyResult::Outcome::kAlreadyApplied:
          ++already;
          break;
      }
      emit(r->transitions);
    }

    // Commit: one script, fenced by the lease.
    std::vector<std::string> script_keys = {k.lease(), k.events(), k.transitions(), k.rejected()};
    std::vector<std::string> args = {lease.token, o.group, o.trim ? "1" : "0"};
    std::vector<std::string> values;
    for (const std::string& id : order) {
      const LeadWork& w = work[id];
      if (w.record_dirty) {
        script_keys.push_back(k.Lead(id));
        values.push_back(*w.record);
      }
      if (w.state_dirty) {
        script_keys.push_back(k.State(id));
        values.push_back(SerializeLeadState(scorer, *w.state));
      }
    }
    args.push_back(absl::StrCat(values.size()));
    for (std::string& v : values) args.push_back(std::move(v));
    args.push_back(absl::StrCat(entries.size()));
    for (const StreamEntry& e : entries) args.push_back(e.id);
    const size_t ntransitions = transitions.size();
    args.push_back(absl::StrCat(ntransitions));
    for (std::string& t : transitions) args.push_back(std::move(t));
    args.push_back(absl::StrCat(rejected.size() / 4));
    for (std::string& r : rejected) args.push_back(std::move(r));
    absl::StatusOr<RedisReply> done = redis->Eval(internal::CommitScript(), script_keys, args);
    if (!done.ok()) return done.status();  // pending: the next fetch claims them again
    if (IsLeaseLost(*done)) {
      Drop(lease.partition, absl::StrCat("the lease moved on before ", entries.size(),
                                         " entries were committed (the new owner applies them)"));
      return absl::OkStatus();
    }
    if (done->is_error()) return internal::RedisError("committing a batch", *done);
    // Committed: what `work` holds is what Redis holds.
    if (o.cache_leads > 0) {
      if (cached_leads + work.size() > o.cache_leads) {
        for (PartitionCache& c : caches) c.leads.clear();
        cached_leads = 0;
      }
      for (auto& [id, w] : work) {
        if (!w.record) continue;  // nothing known of the lead yet
        w.record_dirty = w.state_dirty = false;
        if (w.state) w.state_bytes.reset();
        cache.leads[id] = std::move(w);
        ++cached_leads;
      }
    }
    *count = entries.size();
    stats.entries += entries.size();
    stats.applied += applied;
    stats.already_applied += already;
    stats.leads += leads;
    stats.rejected += rejected.size() / 4;
    stats.transitions += ntransitions;
    stats.batches += 1;
    if (claimed) {
      stats.reclaimed += entries.size();
      Log(absl::StrCat("partition ", lease.partition, ": re-applied ", entries.size(),
                       " pending entries of an earlier delivery"));
    }
    return absl::OkStatus();
  }

  void Metrics(bool force) {
    if (o.metrics_every <= absl::ZeroDuration()) return;
    const absl::Time now = absl::Now();
    if (!force && now - metrics_at < o.metrics_every) return;
    const double secs = std::max(1e-3, absl::ToDoubleSeconds(now - metrics_at));
    const uint64_t n = stats.entries - metrics_entries;
    std::vector<std::string> parts;
    uint64_t lag_total = 0, pending_total = 0;
    for (const Lease& l : owned) {
      absl::StatusOr<RedisReply> r =
          redis->Command({"XINFO", "GROUPS", keys[l.partition].events()}, keys[l.partition].events());
      if (!r.ok() || r->is_error()) continue;
      for (const RedisReply& g : r->elements) {
        std::string name, lag = "?";
        long long pending = 0;
        for (size_t i = 0; i + 1 < g.elements.size(); i += 2) {
          const std::string& f = g.elements[i].str;
          const RedisReply& v = g.elements[i + 1];
          if (f == "name") name = v.str;
          if (f == "pending") pending = v.integer;
          if (f == "lag" && v.type == RedisReply::Type::kInteger) {
            lag = absl::StrCat(v.integer);
            lag_total += static_cast<uint64_t>(v.integer);
          }
        }
        if (name != o.group) continue;
        pending_total += static_cast<uint64_t>(pending);
        parts.push_back(absl::StrCat("p", l.partition, "=", lag, "/", pending));
      }
    }
    Log(absl::StrCat(static_cast<uint64_t>(n / secs), " events/s; ", owned.size(), " of ",
                     o.partitions, " partitions; lag ", lag_total, ", pending ", pending_total,
                     " (lag/pending: ", absl::StrJoin(parts, " "), "); totals: ", stats.entries,
                     " entries, ", stats.applied, " applied, ", stats.already_applied,
                     " already applied, ", stats.rejected, " rejected, ", stats.transitions,
                     " transitions"));
    metrics_at = now;
    metrics_entries = stats.entries;
  }

  // Sleeps `d` in short steps; false if `stop` came meanwhile.
  static bool Sleep(absl::Duration d, const std::atomic<bool>& stop) {
    const absl::Time end = absl::Now() + d;
    while (!stop.load()) {
      const absl::Duration left = end - absl::Now();
      if (left <= absl::ZeroDuration()) return true;
      absl::SleepFor(std::min(left, absl::Milliseconds(50)));
    }
    return false;
  }

  // After a failed step: fatal errors end the run; the rest are retried
  // after a growing pause, until give_up_after.
  absl::Status Backoff(const absl::Status& s, const std::atomic<bool>& stop) {
    if (!absl::IsUnavailable(s)) return s;
    const absl::Time now = absl::Now();
    if (!failing_since) failing_since = now;
    if (o.give_up_after > absl::ZeroDuration() && now - *failing_since >= o.give_up_after) {
      return absl::UnavailableError(absl::StrCat(
          s.message(), " (giving up after ", absl::FormatDuration(now - *failing_since), ")"));
    }
    backoff = backoff == absl::ZeroDuration() ? absl::Milliseconds(100)
                                              : std::min(backoff * 2, o.max_backoff);
    Log(absl::StrCat(s.message(), "; retrying in ", absl::FormatDuration(backoff)));
    Sleep(backoff, stop);
    return absl::OkStatus();
  }

  void Recovered() {
    if (failing_since) {
      Log(absl::StrCat("Redis is back after ", absl::FormatDuration(absl::Now() - *failing_since)));
    }
    failing_since.reset();
    backoff = absl::ZeroDuration();
  }

  void Leave() {
    for (const Lease& l : owned) {
      absl::StatusOr<RedisReply> r =
          redis->Eval(internal::ReleaseScript(), {keys[l.partition].lease()}, {l.token});
      if (!r.ok()) {
        Log(absl::StrCat("could not release partition ", l.partition, ": ", r.status().message(),
                         " (it frees itself when the lease expires)"));
      }
    }
    owned.clear();
    absl::StatusOr<RedisReply> r = redis->Eval(internal::HeartbeatScript(), {WorkersKey(o.prefix)},
                                               {o.worker_id, absl::StrCat(TtlMs()), "1"});
    (void)r;
  }

  absl::Status Run(const std::atomic<bool>& stop) {
    Log(absl::StrCat("starting: ", MaskRedisUrl(o.redis_url), ", ", o.partitions,
                     " partitions, batch ", o.batch, ", lease ", absl::FormatDuration(o.lease_ttl)));
    absl::Duration idle = absl::Milliseconds(5);
    while (!stop.load()) {
      absl::Status s = EnsureGroups();
      if (s.ok() && absl::Now() >= next_heartbeat) s = Heartbeat();
      bool progress = false;
      if (s.ok()) {
        // Each owned partition in turn, one batch each, while no heartbeat
        // is due (a lease must be renewed in time).
        const size_t n = owned.size();
        for (size_t i = 0; i < n && s.ok() && !stop.load() && absl::Now() < next_heartbeat &&
                           !owned.empty();
             ++i) {
          const Lease lease = owned[next_owned++ % owned.size()];
          size_t count = 0;
          s = ProcessBatch(lease, &count);
          progress = progress || count > 0;
        }
      }
      if (!s.ok()) {
        if (absl::Status fatal = Backoff(s, stop); !fatal.ok()) {
          Log(absl::StrCat("stopping: ", fatal.message()));
          Leave();  // best effort: the next owner need not wait for the leases to expire
          return fatal;
        }
        continue;
      }
      Recovered();
      Metrics(false);
      if (progress) {
        idle = absl::Milliseconds(5);
      } else {
        Sleep(idle, stop);
        idle = std::min(idle * 2, absl::Milliseconds(100));
      }
    }
    Metrics(true);
    Leave();
    Log(absl::StrCat("stopped: ", stats.entries, " entries in ", stats.batches, " batches"));
    return absl::OkStatus();
  }
};

Worker::Worker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Worker::~Worker() = default;

absl::StatusOr<std::unique_ptr<Worker>> Worker::Create(
    Scorer scorer, WorkerOptions options, std::function<void(absl::string_view)> log) {
  absl::StatusOr<RedisUrl> url = ParseRedisUrl(options.redis_url);
  if (!url.ok()) return url.status();
  if (options.partitions == 0 || options.partitions > kMaxPartitions) {
    return absl::InvalidArgumentError(
        absl::StrCat("the partition count must be 1..", kMaxPartitions));
  }
  if (options.prefix.empty() || options.group.empty()) {
    return absl::InvalidArgumentError("the key prefix and the group must not be empty");
  }
  if (options.batch == 0) return absl::InvalidArgumentError("the batch must be at least 1");
  if (options.lease_ttl < absl::Milliseconds(100)) {
    return absl::InvalidArgumentError("the lease must last at least 100 ms");
  }
  if (options.worker_id.empty()) options.worker_id = DefaultWorkerId();
  auto impl = std::make_unique<Impl>(std::move(scorer), std::move(options));
  impl->log = std::move(log);
  internal::RedisClientOptions ro;
  // A command must not outlast the lease by much: a worker stuck that long
  // is fenced off anyway.
  ro.command_timeout = std::max(absl::Seconds(1), impl->o.lease_ttl);
  impl->redis = std::make_unique<RedisClient>(*std::move(url), ro);
  for (uint32_t p = 0; p < impl->o.partitions; ++p) impl->keys.emplace_back(impl->o.prefix, p);
  impl->caches.resize(impl->o.partitions);
  return std::unique_ptr<Worker>(new Worker(std::move(impl)));
}

absl::Status Worker::Run(const std::atomic<bool>& stop) { return impl_->Run(stop); }

const WorkerStats& Worker::stats() const { return impl_->stats; }

}  // namespace leadscore
