// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LeadState bytes: "LSST", format version (u32), payload length (u64),
// CRC-32C of the payload (u32), payload. Integers are little-endian whatever
// the host. The reader checks every length against the bytes left and every
// offset, ring header, rule index and type id against the model before
// anything reads through it, so hostile bytes with a valid checksum are
// refused too.

#include "leadscore/state_io.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "model/compiled_model.h"
#include "util/crc32c.h"
#include "engine/engine_state.h"
#include "engine/event_order.h"
#include "util/secure_zero.h"
#include "leadscore/time.h"
#include "model/model_access.h"
#include "scoring/lead_state_data.h"
#include "engine/state_times.h"
#include "engine/reported_stage.h"

namespace leadscore {
namespace internal {
namespace {

constexpr char kMagic[4] = {'L', 'S', 'S', 'T'};
constexpr size_t kHeaderSize = 4 + 4 + 8 + 4;

class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Str(absl::string_view s) {
    U64(s.size());
    out_.append(s.data(), s.size());
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}
  bool U8(uint8_t* v) {
    if (in_.size() < 1) return false;
    *v = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool U32(uint32_t* v) {
    if (in_.size() < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v |= uint32_t{static_cast<uint8_t>(in_[i])} << (8 * i);
    in_.remove_prefix(4);
    return true;
  }
  bool U64(uint64_t* v) {
    if (in_.size() < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v |= uint64_t{static_cast<uint8_t>(in_[i])} << (8 * i);
    in_.remove_prefix(8);
    return true;
  }
  bool I64(int64_t* v) {
    uint64_t u;
    if (!U64(&u)) return false;
    *v = static_cast<int64_t>(u);
    return true;
  }
  // A count of elements of `size` bytes each that must fit in what is left.
  bool Count(size_t size, uint64_t* n) { return U64(n) && *n <= in_.size() / size; }
  bool Str(std::string* s) {
    uint64_t n;
    if (!Count(1, &n)) return false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  absl::string_view in_;
};

}  // namespace

struct StateIo {
  // Every time a state holds must be an engine time, so that differences of
  // two of them cannot overflow.
  static bool IsEngineTime(int64_t t) {
    static const int64_t lo = absl::ToUnixNanos(MinEngineTime());
    static const int64_t hi = absl::ToUnixNanos(MaxEngineTime());
    return t >= lo && t <= hi;
  }

  static void WriteCore(const CoreState& c, Writer* w) {
    w->I64(c.stage);
    w->I64(c.stage_since);
    w->I64(c.last_at);
    w->U64(c.events);
    w->U64(c.words.size());
    for (int64_t x : c.words) w->I64(x);
    w->U64(c.queues.size());
    for (const TimeQueue& q : c.queues) {
      w->U64(q.size());
      for (size_t i = 0; i < q.size(); ++i) w->I64(q[i]);
    }
  }

  // A ring or queue: a possible header, times in the engine range, in
  // order, none after the newest event.
  static bool ValidSlot(const CoreState& c, const TimesSlot& s) {
    if (!s.inline_ring) {
      const TimeQueue& q = c.queues[s.queue];
      if (s.capacity != 0 && q.size() > s.capacity) return false;
    } else {
      const uint64_t header = static_cast<uint64_t>(c.words[s.offset]);
      const uint32_t head = static_cast<uint32_t>(header);
      const uint32_t size = static_cast<uint32_t>(header >> 32);
      if (!(size <= s.capacity && (head == 0 || head < s.capacity) &&
            (size == s.capacity || head == 0))) {
        return false;
      }
    }
    const TimesView v(c, s);
    for (size_t i = 0; i < v.size(); ++i) {
      if (!IsEngineTime(v[i]) || v[i] > c.last_at || (i > 0 && v[i] < v[i - 1])) return false;
    }
    return true;
  }

  static bool ReadCore(const CompiledModel& m, Reader* r, CoreState* c) {
    int64_t stage;
    uint64_t n;
    if (!r->I64(&stage) || !r->I64(&c->stage_since) || !r->I64(&c->last_at) ||
        !r->U64(&c->events)) {
      return false;
    }
    const int64_t stages = m.lifecycle ? static_cast<int64_t>(m.lifecycle->stages.size()) : 0;
    if (stage < -1 || stage >= stages) return false;
    // No events: the initial sentinel; otherwise an engine time.
    if (c->events == 0 ? c->last_at != std::numeric_limits<int64_t>::min()
                       : !IsEngineTime(c->last_at)) {
      return false;
    }
    if (!IsEngineTime(c->stage_since)) return false;
    c->stage = static_cast<int>(stage);
    if (!r->Count(8, &n) || n != m.layout.words) return false;
    c->words.resize(n);
    for (int64_t& x : c->words) r->I64(&x);
    if (!r->U64(&n) || n != m.layout.queues) return false;
    c->queues.assign(n, TimeQueue());
    for (TimeQueue& q : c->queues) {
      uint64_t k;
      if (!r->Count(8, &k)) return false;
      for (uint64_t i = 0; i < k; ++i) {
        int64_t t = 0;
        r->I64(&t);
        q.Push(t);
      }
    }
    // Sums and accumulators must be finite, non-negative where they count.
    // Times of running sums are engine times too (0, 1970, before any event).
    for (uint32_t i = m.layout.dim_attr; i < m.layout.dim_sum + 2 * m.dimensions.size();
         i += 1) {
      const bool is_time = i >= m.layout.dim_sum && (i - m.layout.dim_sum) % 2 == 1;
      if (is_time ? !IsEngineTime(c->words[i]) : !std::isfinite(LoadDouble(&c->words[i]))) {
        return false;
      }
    }
    for (const RuleSlots& s : m.layout.rules) {
      if (s.acc != RuleSlots::kNoSlot) {
        const double a = LoadDouble(&c->words[s.acc]);
        if (!std::isfinite(a) || a < 0 || !IsEngineTime(c->words[s.acc + 1])) return false;
      }
      if ((s.has_window && !ValidSlot(*c, s.window)) ||
          (s.has_pattern && !ValidSlot(*c, s.pattern)) ||
          (s.has_live && !ValidSlot(*c, s.live))) {
        return false;
      }
    }
    for (const EventTracker& t : m.trackers) {
      if (!ValidSlot(*c, t.times)) return false;
    }
    RecomputeNextExpiry(m, c);
    return true;
  }

  static void Write(const Scorer& scorer, const LeadState& state, Writer* w) {
    static const LeadStateData kEmpty;  // what a default-built state holds
    const LeadStateData* data = LeadStateAccess::Data(state);
    const LeadStateData& s = data != nullptr ? *data : kEmpty;
    const CompiledModel& m = CompiledOf(scorer.model());
    const size_t window = scorer.options().reorder_window;
    w->Str(m.name);
    w->Str(m.version);
    w->U64(s.model_fingerprint != 0 ? s.model_fingerprint : m.fingerprints.model);
    w->U64(window);
    w->U64(s.attribute_fingerprint);
    w->U64(s.event_attribute_fingerprint);
    w->I64(s.reported);
    w->U64(s.sources.size());
    for (const SourcePosition& p : s.sources) {
      w->Str(p.source);
      w->U64(p.offset);
    }
    const bool has_next = window > 0 && s.log.size() >= window;
    w->U8(s.checkpoint_is_start ? 1 : 0);
    w->U8(has_next ? 1 : 0);
    w->U64(s.next_seq);
    WriteCore(s.current, w);
    // Before its first event a state has no checkpoint of its own: it would
    // be the current state.
    WriteCore(s.checkpoint.words.size() == m.layout.words ? s.checkpoint : s.current, w);
    if (has_next) WriteCore(s.next_checkpoint, w);
    w->U64(s.log.size());
    for (const PreparedEvent& e : s.log) {
      w->I64(e.at);
      w->U64(e.seq);
      w->U8(e.has_id ? 1 : 0);
      w->Str(e.id);
      w->I64(e.type);
      w->I64(e.reported);
      w->U64(e.rules.size());
      for (uint32_t rule : e.rules) w->U32(rule);
    }
  }

  static absl::Status Read(const Scorer& scorer, Reader* r, LeadState* state) {
    LeadStateData* s = LeadStateAccess::Reset(state);
    const CompiledModel& m = CompiledOf(scorer.model());
    const auto corrupt = [] {
      return absl::DataLossError("lead state bytes are inconsistent (corrupted or not "
                                 "written by SerializeLeadState)");
    };
    std::string name, version;
    uint64_t fingerprint;
    uint64_t window;
    int64_t reported;
    uint64_t sources;
    if (!r->Str(&name) || !r->Str(&version) || !r->U64(&fingerprint) || !r->U64(&window) ||
        !r->U64(&s->attribute_fingerprint) || !r->U64(&s->event_attribute_fingerprint) ||
        !r->I64(&reported) || !r->Count(16, &sources)) {
      return corrupt();
    }
    if (name != m.name || version != m.version || fingerprint != m.fingerprints.model) {
      return absl::FailedPreconditionError(absl::StrCat(
          "lead state was written under model '", name, "' version '", version,
          "' (fingerprint ", absl::Hex(fingerprint, absl::kZeroPad16),
          "), not this scorer's model '", m.name, "' version '", m.version,
          "' (fingerprint ", absl::Hex(m.fingerprints.model, absl::kZeroPad16),
          "): carry it over (Scorer::CarryOver) where exact, or rebuild the lead from its "
          "history"));
    }
    const int64_t stages = m.lifecycle ? static_cast<int64_t>(m.lifecycle->stages.size()) : 0;
    if (m.lifecycle ? (reported < kReportedDisqualified || reported == kNoReportedStage ||
                       reported >= stages)
                    : reported != kNoReportedStage) {
      return corrupt();
    }
    s->reported = static_cast<int>(reported);
    s->sources.resize(sources);
    for (SourcePosition& p : s->sources) {
      if (!r->Str(&p.source) || !r->U64(&p.offset)) return corrupt();
    }
    if (window != scorer.options().reorder_window) {
      return absl::FailedPreconditionError(absl::StrCat(
          "lead state was written with reorder_window ", window, ", this scorer uses ",
          scorer.options().reorder_window));
    }
    uint8_t start, has_next;
    if (!r->U8(&start) || !r->U8(&has_next) || start > 1 || has_next > 1 ||
        !r->U64(&s->next_seq)) {
      return corrupt();
    }
    s->checkpoint_is_start = start == 1;
    s->model_fingerprint = m.fingerprints.model;
    if (!ReadCore(m, r, &s->current) || !ReadCore(m, r, &s->checkpoint)) return corrupt();
    if (has_next && !ReadCore(m, r, &s->next_checkpoint)) return corrupt();
    uint64_t n;
    // An entry is at least 8 + 8 + 1 + 8 + 8 + 8 + 8 bytes.
    if (!r->Count(49, &n) || (window == 0 ? n != 0 : n >= 2 * window)) return corrupt();
    if ((has_next == 1) != (window > 0 && n >= window)) return corrupt();
    s->log.resize(n);
    for (PreparedEvent& e : s->log) {
      uint8_t has_id;
      int64_t type, reported_at_event;
      uint64_t rules;
      if (!r->I64(&e.at) || !r->U64(&e.seq) || !r->U8(&has_id) || has_id > 1 ||
          !r->Str(&e.id) || !r->I64(&type) || !r->I64(&reported_at_event) ||
          !r->Count(4, &rules)) {
        return corrupt();
      }
      if (type < -1 || type >= static_cast<int64_t>(m.event_types.size()) ||
          !StateIo::IsEngineTime(e.at)) {
        return corrupt();
      }
      if (m.lifecycle ? (reported_at_event < kReportedDisqualified ||
                         reported_at_event == kNoReportedStage ||
                         reported_at_event >= stages)
                      : reported_at_event != kNoReportedStage) {
        return corrupt();
      }
      e.reported = static_cast<int16_t>(reported_at_event);
      e.has_id = has_id == 1;
      e.id_hash = e.has_id ? absl::HashOf(e.id) : 0;
      e.type = static_cast<int>(type);
      e.rules.resize(rules);
      for (uint32_t& rule : e.rules) {
        r->U32(&rule);
        if (rule >= m.rules.size() || m.rules[rule].kind == Rule::Kind::kAttribute) {
          return corrupt();
        }
      }
    }
    for (size_t i = 0; i < s->log.size(); ++i) {
      if (s->log[i].at > s->current.last_at ||
          (i > 0 && EventBefore(s->log[i], s->log[i - 1]))) {
        return corrupt();
      }
    }
    s->log_keys.clear();
    for (const PreparedEvent& e : s->log) s->log_keys.push_back(LogKey(e));
    if (!r->done()) return corrupt();
    return absl::OkStatus();
  }

  static void Zero(CoreState* c) {
    SecureWipe(&c->words);
    for (TimeQueue& q : c->queues) q.Wipe();
    std::vector<TimeQueue>().swap(c->queues);
    *c = CoreState();
  }
  static void Erase(LeadState* state) {
    std::unique_ptr<LeadStateData> data = LeadStateAccess::Release(state);
    if (data == nullptr) return;
    LeadStateData* s = data.get();
    Zero(&s->current);
    Zero(&s->checkpoint);
    Zero(&s->next_checkpoint);
    for (PreparedEvent& e : s->log) {
      SecureWipe(&e.id);
      SecureZero(&e.at, sizeof e.at);  // the time and the id's hash are the lead's too
      SecureZero(&e.id_hash, sizeof e.id_hash);
      e.rules.clear();
    }
    std::vector<PreparedEvent>().swap(s->log);
    SecureWipe(&s->log_keys);
  }
};

}  // namespace internal

std::string SerializeLeadState(const Scorer& scorer, const LeadState& state) {
  internal::Writer payload;
  internal::StateIo::Write(scorer, state, &payload);
  internal::Writer out;
  out.out().append(internal::kMagic, 4);
  out.U32(kLeadStateFormatVersion);
  out.U64(payload.out().size());
  out.U32(internal::Crc32c(payload.out()));
  out.out() += payload.out();
  return std::move(out.out());
}

absl::StatusOr<LeadState> DeserializeLeadState(const Scorer& scorer,
                                               absl::string_view bytes) {
  if (bytes.size() < internal::kHeaderSize ||
      std::memcmp(bytes.data(), internal::kMagic, 4) != 0) {
    return absl::DataLossError(absl::StrCat(
        "not a lead state: ", bytes.size(), " bytes without the 'LSST' header"));
  }
  internal::Reader header(bytes.substr(4, internal::kHeaderSize - 4));
  uint32_t version, crc;
  uint64_t length;
  header.U32(&version);
  header.U64(&length);
  header.U32(&crc);
  if (version == 1) {
    // Version 1 recorded no model or attribute fingerprints, so whether its
    // scores are stale cannot be known.
    return absl::FailedPreconditionError(
        "lead state format version 1 (written before model and attribute fingerprints) "
        "cannot be checked for staleness: rebuild the lead from its history "
        "(Scorer::Rebuild)");
  }
  if (version > kLeadStateFormatVersion || version == 0) {
    return absl::UnimplementedError(absl::StrCat(
        "lead state format version ", version, " is not known to this release (it reads "
        "versions 1 to ", kLeadStateFormatVersion, ")"));
  }
  const absl::string_view payload = bytes.substr(internal::kHeaderSize);
  if (payload.size() != length) {
    return absl::DataLossError(absl::StrCat("lead state truncated or padded: header says ",
                                            length, " payload bytes, found ",
                                            payload.size()));
  }
  if (internal::Crc32c(payload) != crc) {
    return absl::DataLossError("lead state checksum mismatch: the bytes were corrupted");
  }
  internal::Reader r(payload);
  LeadState state;
  if (absl::Status s = internal::StateIo::Read(scorer, &r, &state); !s.ok()) return s;
  return state;
}

void EraseLeadState(LeadState* state) { internal::StateIo::Erase(state); }

}  // namespace leadscore
