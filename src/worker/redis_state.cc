// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/worker/redis_state.h"

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/redis_url.h"
#include "util/json_writer.h"
#include "worker/redis_client.h"
#include "worker/stream_entry.h"

namespace leadscore {

using internal::RedisArgs;
using internal::RedisReply;

namespace {

// `text` with the glob characters of SCAN MATCH escaped.
std::string GlobEscape(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

absl::Status Check(absl::string_view what, const absl::StatusOr<RedisReply>& r) {
  if (!r.ok()) return r.status();
  if (r->is_error()) return internal::RedisError(what, *r);
  return absl::OkStatus();
}

}  // namespace

struct RedisStateReader::Impl {
  std::string prefix, group;
  uint32_t partitions = 0;
  std::unique_ptr<internal::RedisClient> redis;
  std::vector<PartitionKeys> keys;

  // Every entry of `stream`, in order, 1000 at a time.
  absl::Status Range(const std::string& stream,
                     const std::function<absl::Status(const internal::StreamEntry&)>& fn) {
    std::string from = "-";
    while (true) {
      absl::StatusOr<RedisReply> r =
          redis->Command({"XRANGE", stream, from, "+", "COUNT", "1000"}, stream);
      if (absl::Status s = Check(absl::StrCat("XRANGE ", stream), r); !s.ok()) return s;
      const std::vector<internal::StreamEntry> entries = internal::ParseEntries(*r);
      for (const internal::StreamEntry& e : entries) {
        if (absl::Status s = fn(e); !s.ok()) return s;
      }
      if (entries.size() < 1000) return absl::OkStatus();
      from = "(" + entries.back().id;
    }
  }
};

RedisStateReader::RedisStateReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RedisStateReader::~RedisStateReader() = default;

absl::StatusOr<std::unique_ptr<RedisStateReader>> RedisStateReader::Open(
    const std::string& redis_url, const std::string& prefix, uint32_t partitions,
    const std::string& group) {
  absl::StatusOr<RedisUrl> url = ParseRedisUrl(redis_url);
  if (!url.ok()) return url.status();
  if (partitions == 0 || partitions > kMaxPartitions) {
    return absl::InvalidArgumentError(
        absl::StrCat("the partition count must be 1..", kMaxPartitions));
  }
  auto impl = std::make_unique<Impl>();
  impl->prefix = prefix;
  impl->group = group;
  impl->partitions = partitions;
  impl->redis = std::make_unique<internal::RedisClient>(*std::move(url));
  for (uint32_t p = 0; p < partitions; ++p) impl->keys.emplace_back(prefix, p);
  return std::unique_ptr<RedisStateReader>(new RedisStateReader(std::move(impl)));
}

absl::Status RedisStateReader::ForEachLead(
    const std::function<absl::Status(const std::string&, const std::string&,
                                     const std::optional<std::string>&)>& fn) {
  Impl& m = *impl_;
  // Lead ids by partition: one SCAN of every master for the record keys of
  // all partitions (<prefix>{p<i>}:lead:<id>).
  std::map<std::string, uint32_t> ids;
  const std::string match = GlobEscape(m.prefix) + "{p*}:lead:*";
  absl::StatusOr<std::vector<std::pair<std::string, RedisReply>>> masters =
      m.redis->OnEachMaster({"PING"});
  if (!masters.ok()) return masters.status();
  for (const auto& [node, pong] : *masters) {
    std::string cursor = "0";
    do {
      absl::StatusOr<RedisReply> r =
          m.redis->OnNode(node, {"SCAN", cursor, "MATCH", match, "COUNT", "1000"});
      if (absl::Status s = Check("SCAN", r); !s.ok()) return s;
      if (r->elements.size() < 2) return absl::InternalError("unexpected SCAN reply");
      cursor = r->elements[0].str;
      for (const RedisReply& key : r->elements[1].elements) {
        // <prefix>{p<i>}:lead:<id>: the partition from the tag, checked
        // against the key names it implies (a lead id may hold anything).
        absl::string_view rest = key.str;
        if (!absl::ConsumePrefix(&rest, m.prefix) || !absl::ConsumePrefix(&rest, "{p")) continue;
        const size_t close = rest.find('}');
        uint32_t p = 0;
        if (close == absl::string_view::npos || !absl::SimpleAtoi(rest.substr(0, close), &p) ||
            p >= m.partitions) {
          continue;
        }
        const PartitionKeys& k = m.keys[p];
        if (!absl::StartsWith(key.str, k.lead_prefix())) continue;
        ids[key.str.substr(k.lead_prefix().size())] = p;
      }
    } while (cursor != "0");
  }
  // Records and states in id order, 4,096 leads at a time: one MGET per
  // partition among them (the keys of one MGET share a slot), then `fn` in
  // order. Memory stays bounded whatever the number of leads.
  struct Found {
    std::optional<std::string> record, state;
  };
  auto it = ids.begin();
  while (it != ids.end()) {
    std::vector<std::pair<const std::string*, uint32_t>> window;
    for (; it != ids.end() && window.size() < 4096; ++it) window.emplace_back(&it->first, it->second);
    std::map<uint32_t, std::vector<size_t>> by_partition;  // indexes into window
    for (size_t i = 0; i < window.size(); ++i) by_partition[window[i].second].push_back(i);
    std::vector<Found> found(window.size());
    for (const auto& [p, indexes] : by_partition) {
      RedisArgs mget = {"MGET"};
      for (size_t i : indexes) {
        mget.push_back(m.keys[p].Lead(*window[i].first));
        mget.push_back(m.keys[p].State(*window[i].first));
      }
      absl::StatusOr<RedisReply> r = m.redis->Command(mget, m.keys[p].events());
      if (absl::Status s = Check("MGET", r); !s.ok()) return s;
      if (r->elements.size() != mget.size() - 1) return absl::InternalError("unexpected MGET reply");
      for (size_t j = 0; j < indexes.size(); ++j) {
        const RedisReply& rec = r->elements[2 * j];
        const RedisReply& st = r->elements[2 * j + 1];
        if (rec.type == RedisReply::Type::kString) found[indexes[j]].record = rec.str;
        if (st.type == RedisReply::Type::kString) found[indexes[j]].state = st.str;
      }
    }
    for (size_t i = 0; i < window.size(); ++i) {
      if (!found[i].record) continue;  // erased meanwhile
      if (absl::Status s = fn(*window[i].first, *found[i].record, found[i].state); !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RedisStateReader::ForEachTransition(
    const std::function<absl::Status(const std::string&)>& fn) {
  for (const PartitionKeys& k : impl_->keys) {
    absl::Status s = impl_->Range(k.transitions(), [&](const internal::StreamEntry& e) {
      const std::string* t = e.Field("transition");
      return t ? fn(*t) : absl::OkStatus();
    });
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status RedisStateReader::ForEachRejected(
    const std::function<absl::Status(const std::string&)>& fn) {
  for (const PartitionKeys& k : impl_->keys) {
    absl::Status s = impl_->Range(k.rejected(), [&](const internal::StreamEntry& e) {
      std::string out = absl::StrCat("{\"partition\": ", k.partition());
      for (const char* f : {"entry", "kind", "line", "reason"}) {
        absl::StrAppend(&out, ", \"", f, "\": ");
        const std::string* v = e.Field(f);
        internal::AppendJsonString(v ? *v : "", &out);
      }
      out += "}";
      return fn(out);
    });
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PartitionProgress>> RedisStateReader::Progress() {
  std::vector<PartitionProgress> out;
  for (const PartitionKeys& k : impl_->keys) {
    PartitionProgress pp;
    pp.partition = k.partition();
    absl::StatusOr<std::vector<RedisReply>> r = impl_->redis->Pipeline(
        {{"XLEN", k.events()}, {"XINFO", "STREAM", k.events()}, {"XINFO", "GROUPS", k.events()},
         {"GET", k.lease()}, {"XLEN", k.transitions()}, {"XLEN", k.rejected()}},
        k.events());
    if (!r.ok()) return r.status();
    const std::vector<RedisReply>& v = *r;
    pp.length = static_cast<uint64_t>(v[0].integer);
    pp.lag = pp.length;  // no group yet: nothing delivered
    if (!v[1].is_error()) {
      for (size_t i = 0; i + 1 < v[1].elements.size(); i += 2) {
        if (v[1].elements[i].str == "entries-added") {
          pp.entries_added = static_cast<uint64_t>(v[1].elements[i + 1].integer);
        }
      }
    }
    if (!v[2].is_error()) {
      for (const RedisReply& g : v[2].elements) {
        std::string name;
        std::optional<uint64_t> lag;
        uint64_t pending = 0;
        for (size_t i = 0; i + 1 < g.elements.size(); i += 2) {
          const std::string& f = g.elements[i].str;
          const RedisReply& val = g.elements[i + 1];
          if (f == "name") name = val.str;
          if (f == "pending") pending = static_cast<uint64_t>(val.integer);
          if (f == "lag") {
            if (val.type == RedisReply::Type::kInteger) lag = static_cast<uint64_t>(val.integer);
          }
        }
        if (name == impl_->group) {
          pp.lag = lag;
          pp.pending = pending;
        }
      }
    }
    if (v[3].type == RedisReply::Type::kString) pp.owner = v[3].str;
    pp.transitions = static_cast<uint64_t>(v[4].integer);
    pp.rejected = static_cast<uint64_t>(v[5].integer);
    out.push_back(pp);
  }
  return out;
}

}  // namespace leadscore
