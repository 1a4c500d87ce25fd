// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LeadState bytes: "LSST", format version (u32), payload length (u64),
// CRC-32C of the payload (u32), payload. Integers are little-endian whatever
// the host. The reader checks every length against the bytes left and every
// offset, ring header, rule index and type id against the model before
// anything reads through it, so hostile bytes with a valid checksum are
// refused too.

#include "leadscore/state_io.h"

#include <algorithm>
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

// (GCC and Clang have 128-bit integers on 64-bit targets; __extension__
// keeps -Wpedantic quiet about them.)
__extension__ typedef unsigned __int128 U128;

constexpr char kMagic[4] = {'L', 'S', 'S', 'T'};
constexpr size_t kHeaderSize = 4 + 4 + 8 + 4;

// ---- primitive encodings ---------------------------------------------------
//
// Varints are LEB128 (7 bits a byte, low first), minimal: a reader refuses
// a longer spelling, so every accepted byte string is the one the writer
// makes of what was read (bytes read write back unchanged).
//
// A time is written as a signed difference from a base time (the lead's
// newest event, or the previous time of a sequence) in the coarsest of
// ns, us, ms and s that is exact: code = q << 3 | scale << 1 | sign, where
// the difference is q * 1000^scale (sign: 1 for below the base). Engine
// times are within 290 years of each other, so q < 2^64 and the code needs
// at most 67 bits (a 128-bit varint of at most 10 bytes).
//
// A state word is one of: zero, a positive integer (varint), a time
// (difference from the base), or anything else (the varint of its bytes
// reversed: a double's sign, exponent and top mantissa bits are its high
// bytes, so round numbers are short). A 2-bit kind per word says which; the
// writer takes the shortest (ties: integer, time, bytes) and the reader
// refuses any other choice.

// Writes through a cursor into a string it grows ahead (no append per
// byte); Finish trims it to what was written.
class Writer {
 public:
  // Writes into `out` from position `pos` on (its size is room, not what
  // was written: see pos()).
  Writer(std::string* out, size_t pos) : out_(out), pos_(pos) {}
  // Room for `n` more bytes at the cursor.
  char* Room(size_t n) {
    if (out_->size() < pos_ + n) out_->resize(std::max(2 * out_->size(), pos_ + n + 64));
    return &(*out_)[pos_];
  }
  void U8(uint8_t v) {
    *Room(1) = static_cast<char>(v);
    pos_ += 1;
  }
  void U64(uint64_t v) {
    char* p = Room(8);
    for (int i = 0; i < 8; ++i) p[i] = static_cast<char>(v >> (8 * i));
    pos_ += 8;
  }
  void Var(uint64_t v) {
    char* p = Room(10);
    size_t n = 0;
    while (v >= 0x80) {
      p[n++] = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    p[n++] = static_cast<char>(v);
    pos_ += n;
  }
  void Bytes(const char* data, size_t n) {
    if (n == 0) return;
    std::memcpy(Room(n), data, n);
    pos_ += n;
  }
  void Str(absl::string_view s) {
    Var(s.size());
    Bytes(s.data(), s.size());
  }
  // `n` zero bytes; returns their position (for a later Or).
  size_t Zeros(size_t n) {
    std::memset(Room(n), 0, n);
    pos_ += n;
    return pos_ - n;
  }
  void Or(size_t at, uint8_t bits) {
    (*out_)[at] = static_cast<char>(static_cast<uint8_t>((*out_)[at]) | bits);
  }
  // After writing `n` bytes through Room's pointer.
  void Advance(size_t n) { pos_ += n; }
  size_t pos() const { return pos_; }
  // What was written from position `at` on.
  absl::string_view Since(size_t at) const {
    return absl::string_view(*out_).substr(at, pos_ - at);
  }

 private:
  std::string* out_;
  size_t pos_;
};

class Reader {
 public:
  explicit Reader(absl::string_view in)
      : p_(reinterpret_cast<const uint8_t*>(in.data())), end_(p_ + in.size()) {}
  size_t left() const { return static_cast<size_t>(end_ - p_); }
  bool done() const { return p_ == end_; }
  const uint8_t* pos() const { return p_; }
  bool U8(uint8_t* v) {
    if (p_ == end_) return false;
    *v = *p_++;
    return true;
  }
  bool U64(uint64_t* v) {
    if (left() < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v |= uint64_t{p_[i]} << (8 * i);
    p_ += 8;
    return true;
  }
  // A minimal varint of at most 64 bits.
  bool Var(uint64_t* v) {
    if (p_ != end_ && *p_ < 0x80) {  // the common one-byte case
      *v = *p_++;
      return true;
    }
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const uint8_t b = *p_++;
      if (shift == 63 && b > 1) return false;  // past 64 bits
      x |= uint64_t{b & 0x7Fu} << shift;
      if (b < 0x80) {
        if (b == 0 && shift > 0) return false;  // a longer spelling
        *v = x;
        return true;
      }
    }
    return false;
  }
  // A minimal varint of at most 67 bits (a time code): 64-bit arithmetic up
  // to the ninth byte.
  bool Var128(U128* v) {
    uint64_t x = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      if (p_ == end_) return false;
      const uint8_t b = *p_++;
      x |= uint64_t{b & 0x7Fu} << shift;
      if (b < 0x80) {
        if (b == 0 && shift > 0) return false;  // a longer spelling
        *v = x;
        return true;
      }
    }
    // The tenth byte holds bits 63 to 66 and ends the varint.
    if (p_ == end_) return false;
    const uint8_t b = *p_++;
    if (b == 0 || b > 0x0F) return false;
    *v = (static_cast<U128>(b) << 63) | x;
    return true;
  }
  // A count of elements of at least `size` bytes each that must fit in what
  // is left.
  bool Count(size_t size, uint64_t* n) { return Var(n) && *n <= left() / size; }
  bool Str(std::string* s) {
    uint64_t n;
    if (!Count(1, &n)) return false;
    s->assign(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  bool Skip(size_t n, const uint8_t** at) {
    if (left() < n) return false;
    *at = p_;
    p_ += n;
    return true;
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

constexpr uint64_t kPow1000[4] = {1, 1000, 1000000, 1000000000};

// 1 + floor(bits / 7) by the index of the highest bit.
inline constexpr uint8_t kVarLenOfTopBit[64] = {
    1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4,
    4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 7,
    7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 10};
inline size_t VarLen(uint64_t v) { return kVarLenOfTopBit[63 - __builtin_clzll(v | 1)]; }
inline size_t VarLen128(U128 v) {
  const uint64_t hi = static_cast<uint64_t>(v >> 64);
  if (hi == 0) return VarLen(static_cast<uint64_t>(v));
  return static_cast<size_t>((127 - __builtin_clzll(hi)) / 7 + 1);
}

// The code of time `t` relative to `base` (wrapping arithmetic: any pair of
// int64 has one).
inline U128 TimeCode(int64_t t, int64_t base) {
  const uint64_t d = static_cast<uint64_t>(base) - static_cast<uint64_t>(t);
  const bool below = static_cast<int64_t>(d) > 0;  // t < base
  uint64_t u = below ? d : 0 - d;
  int scale;
  // (Constant divisors compile to multiplications. Whole seconds, the
  // common case, take two; words that are no time fail the first test.)
  if (u == 0) {
    scale = 3;  // zero: the coarsest scale
  } else if (u % 1000 != 0) {
    scale = 0;
  } else if (u % 1000000000 == 0) {
    u /= 1000000000;
    scale = 3;
  } else if (u % 1000000 == 0) {
    u /= 1000000;
    scale = 2;
  } else {
    u /= 1000;
    scale = 1;
  }
  return (static_cast<U128>(u) << 3) | static_cast<unsigned>(scale << 1) |
         (below ? 1u : 0u);
}

// The time a code stands for; false for a code TimeCode never makes.
inline bool TimeOfCode(U128 code, int64_t base, int64_t* t) {
  const bool below = (code & 1) != 0;
  const int scale = static_cast<int>((code >> 1) & 3);
  const uint64_t q64 = static_cast<uint64_t>(code >> 3);  // codes have <= 67 bits
  if (q64 == 0 ? (scale != 3 || below) : (scale < 3 && q64 % 1000 == 0)) return false;
  uint64_t d;
  if (__builtin_mul_overflow(q64, kPow1000[scale], &d)) return false;
  // TimeCode's magnitudes: below the base 1 .. 2^63 - 1, otherwise 0 .. 2^63
  // (wrapping differences: each pair of int64 has exactly one code).
  const uint64_t top = uint64_t{1} << 63;
  if (below ? d >= top : d > top) return false;
  *t = static_cast<int64_t>(below ? static_cast<uint64_t>(base) - d
                                  : static_cast<uint64_t>(base) + d);
  return true;
}

enum WordKind : uint8_t { kZero = 0, kInt = 1, kTime = 2, kBytes = 3 };

inline uint64_t Reversed(int64_t w) { return __builtin_bswap64(static_cast<uint64_t>(w)); }

// The writer's kind for nonzero word `w` whose time code is `time_len`
// bytes long.
inline WordKind KindOfGivenTimeLen(int64_t w, size_t time_len) {
  const size_t bytes_len = VarLen(Reversed(w));
  if (w > 0) {
    const size_t int_len = VarLen(static_cast<uint64_t>(w));
    if (int_len <= time_len && int_len <= bytes_len) return kInt;
  }
  return time_len <= bytes_len ? kTime : kBytes;
}

// The writer's kind for word `w`.
inline WordKind KindOf(int64_t w, int64_t base) {
  if (w == 0) return kZero;
  const size_t bytes_len = VarLen(Reversed(w));
  const size_t time_len = VarLen128(TimeCode(w, base));
  if (w > 0) {
    const size_t int_len = VarLen(static_cast<uint64_t>(w));
    if (int_len <= time_len && int_len <= bytes_len) return kInt;
  }
  return time_len <= bytes_len ? kTime : kBytes;
}

// Raw varints at `p` (room for 10 bytes); return the bytes written.
inline size_t PutVar(char* p, uint64_t v) {
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<char>(v);
  return n;
}
inline size_t PutVar128(char* p, U128 v) {
  const uint64_t hi = static_cast<uint64_t>(v >> 64);
  uint64_t lo = static_cast<uint64_t>(v);
  if (hi == 0) return PutVar(p, lo);
  // Past 64 bits (a time code has at most 67): nine bytes of the low 63
  // bits, then one of the rest, without 128-bit shifts.
  for (int i = 0; i < 9; ++i) {
    p[i] = static_cast<char>((lo & 0x7F) | 0x80);
    lo >>= 7;
  }
  p[9] = static_cast<char>(lo | (hi << 1));
  return 10;
}

// A run of words (with their kinds): kinds first, 2 bits each, 4 a byte,
// then the nonzero values. (Room for the most bytes is taken once, so the
// loop writes through a plain pointer.)
void WriteWords(const int64_t* words, size_t n, int64_t base, Writer* w) {
  const size_t nk = (n + 3) / 4;
  char* const start = w->Room(nk + 10 * n);
  uint8_t* const kinds = reinterpret_cast<uint8_t*>(start);
  std::memset(kinds, 0, nk);
  char* p = start + nk;
  for (size_t i = 0; i < n; ++i) {
    const int64_t x = words[i];
    if (x == 0) continue;  // kind 0, no value
    if (x > 0 && x < 0x80) {  // one byte as an integer: nothing is shorter
      kinds[i / 4] |= static_cast<uint8_t>(kInt << (2 * (i % 4)));
      *p++ = static_cast<char>(x);
      continue;
    }
    const U128 code = TimeCode(x, base);
    const WordKind k = KindOfGivenTimeLen(x, VarLen128(code));
    kinds[i / 4] |= static_cast<uint8_t>(k << (2 * (i % 4)));
    switch (k) {
      case kZero: break;
      case kInt: p += PutVar(p, static_cast<uint64_t>(x)); break;
      case kTime: p += PutVar128(p, code); break;
      case kBytes: p += PutVar(p, Reversed(x)); break;
    }
  }
  w->Advance(static_cast<size_t>(p - start));
}

// `words` must be zero: only nonzero words are written to.
bool ReadWords(Reader* r, size_t n, int64_t base, int64_t* words) {
  const uint8_t* kinds;
  if (!r->Skip((n + 3) / 4, &kinds)) return false;
  // Unused bits of the last kinds byte are zero.
  if (n % 4 != 0 && (kinds[n / 4] >> (2 * (n % 4))) != 0) return false;
  for (size_t i = 0; i < n; ++i) {
    if (i % 4 == 0 && kinds[i / 4] == 0) {  // four zero words
      i += 3;
      continue;
    }
    const auto k = static_cast<WordKind>((kinds[i / 4] >> (2 * (i % 4))) & 3);
    int64_t v = 0;
    switch (k) {
      case kZero: continue;
      case kInt: {
        uint64_t u;
        if (!r->Var(&u)) return false;
        v = static_cast<int64_t>(u);
        break;
      }
      case kTime: {
        U128 code;
        if (!r->Var128(&code) || !TimeOfCode(code, base, &v)) return false;
        // (A canonical code is TimeCode(v, base): its length is known.)
        if (v == 0 || KindOfGivenTimeLen(v, VarLen128(code)) != kTime) return false;
        words[i] = v;
        continue;
      }
      case kBytes: {
        uint64_t u;
        if (!r->Var(&u)) return false;
        v = static_cast<int64_t>(__builtin_bswap64(u));
        break;
      }
    }
    if (KindOf(v, base) != k) return false;  // not the writer's spelling
    words[i] = v;
  }
  return true;
}

bool ReadTime(Reader* r, int64_t base, int64_t* t) {
  U128 code;
  return r->Var128(&code) && TimeOfCode(code, base, t);
}

inline uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t u) {
  return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
}

// Flags of a state.
constexpr uint64_t kCheckpointIsStart = 1, kHasNext = 2;

// The front of the payload, readable without a model (ReadLeadStateInfo).
struct Front {
  std::string name, version;
  uint64_t fingerprint = 0, window = 0, events = 0;
  int64_t last_at = std::numeric_limits<int64_t>::min();
  std::vector<SourcePosition> sources;
};

// Checks the header; returns the payload (and its format version).
absl::StatusOr<absl::string_view> CheckedPayload(absl::string_view bytes,
                                                 uint32_t* format = nullptr) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    return absl::DataLossError(absl::StrCat(
        "not a lead state: ", bytes.size(), " bytes without the 'LSST' header"));
  }
  uint32_t version = 0, crc = 0;
  uint64_t length = 0;
  for (int i = 0; i < 4; ++i) version |= uint32_t{static_cast<uint8_t>(bytes[4 + i])} << (8 * i);
  for (int i = 0; i < 8; ++i) length |= uint64_t{static_cast<uint8_t>(bytes[8 + i])} << (8 * i);
  for (int i = 0; i < 4; ++i) crc |= uint32_t{static_cast<uint8_t>(bytes[16 + i])} << (8 * i);
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
  const absl::string_view payload = bytes.substr(kHeaderSize);
  if (payload.size() != length) {
    return absl::DataLossError(absl::StrCat("lead state truncated or padded: header says ",
                                            length, " payload bytes, found ",
                                            payload.size()));
  }
  if (Crc32c(payload) != crc) {
    return absl::DataLossError("lead state checksum mismatch: the bytes were corrupted");
  }
  if (format != nullptr) *format = version;
  return payload;
}

absl::Status Corrupt() {
  return absl::DataLossError("lead state bytes are inconsistent (corrupted or not "
                             "written by SerializeLeadState)");
}

}  // namespace

struct StateIo {
  // Every time a state holds must be an engine time, so that differences of
  // two of them cannot overflow.
  static bool IsEngineTime(int64_t t) {
    static const int64_t lo = absl::ToUnixNanos(MinEngineTime());
    static const int64_t hi = absl::ToUnixNanos(MaxEngineTime());
    return t >= lo && t <= hi;
  }

  static bool ReadFront(Reader* r, Front* f) {
    if (!r->Str(&f->name) || !r->Str(&f->version) || !r->U64(&f->fingerprint) ||
        !r->Var(&f->window) || !r->Var(&f->events)) {
      return false;
    }
    if (f->events > 0) {
      uint64_t t;
      if (!r->U64(&t) || !IsEngineTime(static_cast<int64_t>(t))) return false;
      f->last_at = static_cast<int64_t>(t);
    }
    uint64_t n;
    if (!r->Count(2, &n)) return false;
    f->sources.resize(n);
    for (SourcePosition& p : f->sources) {
      if (!r->Str(&p.source) || !r->Var(&p.offset)) return false;
    }
    return true;
  }

  // The base of a state's times: its newest event's time (0 before any).
  static int64_t BaseOf(const CoreState& current) {
    return current.events > 0 ? current.last_at : 0;
  }

  // The base of a core's own words and queues: its newest event's time
  // (0 before any). (Format 2 used the state's base for every core.)
  static int64_t OwnBase(const CoreState& c) { return c.events > 0 ? c.last_at : 0; }

  // Whether block `b` of `c` holds a nonzero word (a block the lead never
  // touched, or whose words are all zero, is not written).
  static bool BlockWritten(const CoreState& c, const BlockRef& b) {
    const uint32_t at = BlockAt(c, b);
    if (at == 0) return false;
    const int64_t* p = c.words.data() + at;
    for (uint32_t i = 0; i < b.size; ++i) {
      if (p[i] != 0) return true;
    }
    return false;
  }

  // Format 3: kinds and values of [stage_since, last_at] (from `base`, the
  // state's newest event), then the body, which depends on the core alone:
  // stage + 1, events, and from the core's own base the fixed words but the
  // block table, a bitmap of the blocks written (block order), each written
  // block's words, and each queue's size and times (each from the one
  // before it). `body`, if given, holds the body's bytes when known (they
  // are copied) or gets them.
  static void WriteCore(const CompiledModel& m, const CoreState& c, int64_t base, Writer* w,
                        std::string* body = nullptr) {
    int64_t cells[2] = {c.stage_since, c.last_at};
    WriteWords(cells, 2, base, w);
    if (body != nullptr && !body->empty()) {
      w->Bytes(body->data(), body->size());
      return;
    }
    const size_t body_at = w->pos();
    WriteBody(m, c, w);
    if (body != nullptr) *body = std::string(w->Since(body_at));
  }

  // The stage varint: stage + 1 (0 to S for S stages, as every state before
  // v1.1 wrote it), or, for a state a recycle rule holds (CoreState::recycled,
  // always at a stage), S + 1 + stage (S + 1 to 2S). So the bit costs no
  // format change, and a state that never recycled keeps its bytes.
  static uint64_t StageCode(const CompiledModel& m, const CoreState& c) {
    const uint64_t stages = m.lifecycle ? m.lifecycle->stages.size() : 0;
    return c.recycled && c.stage >= 0 ? stages + 1 + static_cast<uint64_t>(c.stage)
                                      : static_cast<uint64_t>(c.stage + 1);
  }

  static void WriteBody(const CompiledModel& m, const CoreState& c, Writer* w) {
    w->Var(StageCode(m, c));
    w->Var(c.events);
    const int64_t own = OwnBase(c);
    const StateLayout& l = m.layout;
    // An empty state (default-built, moved-from, erased) has no words: its
    // bytes are refused by the reader.
    if (c.words.size() < l.fixed_words) return;
    WriteWords(c.words.data(), l.table, own, w);
    const size_t bitmap_at = w->Zeros((l.blocks + 7) / 8);
    for (const BlockRef& b : l.block_refs) {
      if (!BlockWritten(c, b)) continue;
      w->Or(bitmap_at + b.index / 8, static_cast<uint8_t>(1u << (b.index % 8)));
      WriteWords(c.words.data() + BlockAt(c, b), b.size, own, w);
    }
    for (const TimeQueue& q : c.queues) {
      const size_t n = q.size();
      char* const start = w->Room(10 + 10 * n);
      char* p = start + PutVar(start, n);
      int64_t prev = own;
      for (size_t i = 0; i < n; ++i) {
        p += PutVar128(p, TimeCode(q[i], prev));
        prev = q[i];
      }
      w->Advance(static_cast<size_t>(p - start));
    }
  }

  // A ring or queue: a possible header, times in the engine range, in
  // order, none after the newest event.
  static bool ValidSlot(const CoreState& c, const TimesSlot& s) {
    if (!s.inline_ring) {
      const TimeQueue& q = c.queues[s.queue];
      if (s.capacity != 0 && q.size() > s.capacity) return false;
    } else {
      const uint64_t header = static_cast<uint64_t>(BlockWords(c, s.block)[s.offset]);
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

  // Format 2's words: the fixed words but the table, then every block, all
  // written; blocks with a nonzero word are kept.
  static bool ReadDenseWords(const CompiledModel& m, Reader* r, int64_t base, CoreState* c) {
    const StateLayout& l = m.layout;
    if (r->left() < (l.dense_words + 3) / 4) return false;
    std::vector<int64_t> dense(l.dense_words, 0);
    if (!ReadWords(r, l.dense_words, base, dense.data())) return false;
    std::copy(dense.begin(), dense.begin() + l.table, c->words.begin());
    for (const BlockRef& b : l.block_refs) {
      const int64_t* p = dense.data() + b.dense_at;
      if (std::all_of(p, p + b.size, [](int64_t x) { return x == 0; })) continue;
      std::copy(p, p + b.size, MutableBlockWords(c, b));
    }
    return true;
  }

  // Reads a core written by WriteCore (format 3) or its format-2 spelling:
  // every word of the dense layout, from the state's base.
  // Format 3 cores put the times first and the body after them (format 2:
  // stage and events first); `body`, if given, gets a format 3 core's body.
  static bool ReadCore(const CompiledModel& m, Reader* r, int64_t base, uint32_t version,
                       CoreState* c, std::string* body = nullptr) {
    uint64_t stage;
    int64_t cells[2] = {0, 0};
    if (version == 2 && (!r->Var(&stage) || !r->Var(&c->events))) return false;
    if (!ReadWords(r, 2, base, cells)) return false;
    const uint8_t* body_at = r->pos();
    if (version != 2 && (!r->Var(&stage) || !r->Var(&c->events))) return false;
    const uint64_t stages = m.lifecycle ? m.lifecycle->stages.size() : 0;
    // (See StageCode; a recycled state under a model without recycle rules
    // is foreign.)
    c->recycled = stage > stages;
    if (c->recycled) {
      if (stage > 2 * stages || m.lifecycle->recycle.empty()) return false;
      stage -= stages;
    }
    c->stage = static_cast<int>(stage) - 1;
    c->stage_since = cells[0];
    c->last_at = cells[1];
    // No events: the initial sentinel; otherwise an engine time.
    if (c->events == 0 ? c->last_at != std::numeric_limits<int64_t>::min()
                       : !IsEngineTime(c->last_at)) {
      return false;
    }
    if (!IsEngineTime(c->stage_since)) return false;
    const StateLayout& l = m.layout;
    const int64_t own = version == 2 ? base : OwnBase(*c);
    c->words.assign(l.fixed_words, 0);
    if (version == 2) {
      if (!ReadDenseWords(m, r, own, c)) return false;
    } else {
      if (r->left() < (l.table + 3) / 4) return false;
      if (!ReadWords(r, l.table, own, c->words.data())) return false;
      const uint8_t* bitmap;
      if (!r->Skip((l.blocks + 7) / 8, &bitmap)) return false;
      // Unused bits of the last bitmap byte are zero.
      if (l.blocks % 8 != 0 && (bitmap[l.blocks / 8] >> (l.blocks % 8)) != 0) return false;
      for (const BlockRef& b : l.block_refs) {
        if (((bitmap[b.index / 8] >> (b.index % 8)) & 1) == 0) continue;
        if (r->left() < (b.size + 3) / 4) return false;
        int64_t* words = MutableBlockWords(c, b);
        if (!ReadWords(r, b.size, own, words)) return false;
        // A block of zeros is never written (one spelling per state).
        if (!BlockWritten(*c, b)) return false;
      }
    }
    c->queues.resize(l.queues);
    for (TimeQueue& q : c->queues) {
      q.Clear();
      uint64_t k;
      if (!r->Count(1, &k)) return false;
      int64_t prev = own;
      for (uint64_t i = 0; i < k; ++i) {
        int64_t t;
        if (!ReadTime(r, prev, &t)) return false;
        q.Push(t);
        prev = t;
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
        const int64_t* acc = BlockWords(*c, s.block) + s.acc;
        const double a = LoadDouble(acc);
        if (!std::isfinite(a) || a < 0 || !IsEngineTime(acc[1])) return false;
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
    if (body != nullptr && version != 2) {
      body->assign(reinterpret_cast<const char*>(body_at),
                   static_cast<size_t>(r->pos() - body_at));
    }
    return true;
  }

  static void Write(const Scorer& scorer, const LeadState& state, Writer* w) {
    static const LeadStateData kEmpty;  // what a default-built state holds
    const LeadStateData* data = LeadStateAccess::Data(state);
    const LeadStateData& s = data != nullptr ? *data : kEmpty;
    const CompiledModel& m = CompiledOf(scorer.model());
    const size_t window = scorer.options().reorder_window;
    // The front (ReadLeadStateInfo).
    w->Str(m.name);
    w->Str(m.version);
    w->U64(s.model_fingerprint != 0 ? s.model_fingerprint : m.fingerprints.model);
    w->Var(window);
    w->Var(s.current.events);
    if (s.current.events > 0) w->U64(static_cast<uint64_t>(s.current.last_at));
    w->Var(s.sources.size());
    for (const SourcePosition& p : s.sources) {
      w->Str(p.source);
      w->Var(p.offset);
    }
    // The rest.
    w->U64(s.attribute_fingerprint);
    w->U64(s.event_attribute_fingerprint);
    const bool has_next = window > 0 && s.log.size() >= window;
    w->U8(static_cast<uint8_t>((s.checkpoint_is_start ? kCheckpointIsStart : 0) |
                               (has_next ? kHasNext : 0)));
    w->Var(ZigZag(s.reported));
    w->Var(s.next_seq);
    const int64_t base = BaseOf(s.current);
    WriteCore(m, s.current, base, w);
    // The start checkpoint is not written: the reader derives it.
    // (A state past its start, or with a next checkpoint, has them.)
    if (!s.checkpoint_is_start) {
      WriteCore(m, s.checkpoints->checkpoint, base, w, &s.checkpoints->checkpoint_bytes);
    }
    if (has_next) WriteCore(m, s.checkpoints->next, base, w, &s.checkpoints->next_bytes);
    w->Var(s.log.size());
    int64_t prev_at = base;
    uint64_t prev_seq = s.next_seq;
    for (const PreparedEvent& e : s.log) {
      // Room for the longest spelling, taken once per entry.
      char* const start = w->Room(6 * 10 + e.id.size() + 5 * e.rules.size());
      char* p = start;
      p += PutVar128(p, TimeCode(e.at, prev_at));
      prev_at = e.at;
      // Arrival positions: the first back from next_seq, then each from the
      // one before it (consecutive in order: 0).
      p += PutVar(p, &e == s.log.data()
                         ? prev_seq - 1 - e.seq
                         : ZigZag(static_cast<int64_t>(e.seq - prev_seq - 1)));
      prev_seq = e.seq;
      p += PutVar(p, e.has_id ? e.id.size() + 1 : 0);
      if (e.has_id) {
        std::memcpy(p, e.id.data(), e.id.size());
        p += e.id.size();
      }
      p += PutVar(p, static_cast<uint64_t>(e.type + 1));
      p += PutVar(p, ZigZag(e.reported));
      p += PutVar(p, e.rules.size());
      for (uint32_t rule : e.rules) p += PutVar(p, rule);
      w->Advance(static_cast<size_t>(p - start));
    }
  }

  // A reported stage code: one of the lifecycle's, or none without one.
  static bool ValidReported(const CompiledModel& m, int64_t reported) {
    const int64_t stages = m.lifecycle ? static_cast<int64_t>(m.lifecycle->stages.size()) : 0;
    return m.lifecycle ? (reported >= kReportedDisqualified && reported != kNoReportedStage &&
                          reported < stages)
                       : reported == kNoReportedStage;
  }

  static absl::Status Read(const Scorer& scorer, Reader* r, uint32_t version,
                           LeadState* state) {
    LeadStateData* s = LeadStateAccess::Reset(state);
    const CompiledModel& m = CompiledOf(scorer.model());
    Front f;
    if (!ReadFront(r, &f)) return Corrupt();
    if (f.name != m.name || f.version != m.version || f.fingerprint != m.fingerprints.model) {
      return absl::FailedPreconditionError(absl::StrCat(
          "lead state was written under model '", f.name, "' version '", f.version,
          "' (fingerprint ", absl::Hex(f.fingerprint, absl::kZeroPad16),
          "), not this scorer's model '", m.name, "' version '", m.version,
          "' (fingerprint ", absl::Hex(m.fingerprints.model, absl::kZeroPad16),
          "): carry it over (Scorer::CarryOver) where exact, or rebuild the lead from its "
          "history"));
    }
    const size_t window = scorer.options().reorder_window;
    if (f.window != window) {
      return absl::FailedPreconditionError(absl::StrCat(
          "lead state was written with reorder_window ", f.window, ", this scorer uses ",
          window));
    }
    s->sources = std::move(f.sources);
    uint8_t flags;
    uint64_t reported;
    if (!r->U64(&s->attribute_fingerprint) || !r->U64(&s->event_attribute_fingerprint) ||
        !r->U8(&flags) || flags > 3 || !r->Var(&reported) || !r->Var(&s->next_seq) ||
        !ValidReported(m, UnZigZag(reported))) {
      return Corrupt();
    }
    s->reported = static_cast<int>(UnZigZag(reported));
    s->checkpoint_is_start = (flags & kCheckpointIsStart) != 0;
    const bool has_next = (flags & kHasNext) != 0;
    s->model_fingerprint = m.fingerprints.model;
    const int64_t base = f.events > 0 ? f.last_at : 0;
    if (!ReadCore(m, r, base, version, &s->current) || s->current.events != f.events ||
        (f.events > 0 && s->current.last_at != f.last_at)) {
      return Corrupt();
    }
    if (!s->checkpoint_is_start &&
        !ReadCore(m, r, base, version, &s->checkpoints.Get().checkpoint,
                  &s->checkpoints.Get().checkpoint_bytes)) {
      return Corrupt();
    }
    if (has_next && !ReadCore(m, r, base, version, &s->checkpoints.Get().next,
                              &s->checkpoints.Get().next_bytes)) {
      return Corrupt();
    }
    uint64_t n;
    // An entry is at least 6 bytes.
    if (!r->Count(6, &n) || (window == 0 ? n != 0 : n >= 2 * window)) return Corrupt();
    if (has_next != (window > 0 && n >= window)) return Corrupt();
    s->log.resize(n);
    int64_t prev_at = base;
    uint64_t prev_seq = s->next_seq;
    for (size_t i = 0; i < n; ++i) {
      PreparedEvent& e = s->log[i];
      uint64_t seq_code, id_code, type, reported_at_event, rules;
      if (!ReadTime(r, prev_at, &e.at) || !r->Var(&seq_code)) return Corrupt();
      prev_at = e.at;
      if (i == 0) {
        if (seq_code >= prev_seq) return Corrupt();  // every position is < next_seq
        e.seq = prev_seq - 1 - seq_code;
      } else {
        e.seq = prev_seq + 1 + static_cast<uint64_t>(UnZigZag(seq_code));
      }
      prev_seq = e.seq;
      if (!r->Var(&id_code) || (id_code > 0 && id_code - 1 > r->left())) return Corrupt();
      e.has_id = id_code > 0;
      if (e.has_id) {
        const uint8_t* p;
        r->Skip(id_code - 1, &p);
        e.id.assign(reinterpret_cast<const char*>(p), id_code - 1);
      }
      if (!r->Var(&type) || !r->Var(&reported_at_event) || !r->Count(1, &rules)) {
        return Corrupt();
      }
      if (type > m.event_types.size() || !IsEngineTime(e.at) ||
          !ValidReported(m, UnZigZag(reported_at_event))) {
        return Corrupt();
      }
      e.reported = static_cast<int16_t>(UnZigZag(reported_at_event));
      e.id_hash = e.has_id ? absl::HashOf(e.id) : 0;
      e.type = static_cast<int>(type) - 1;
      e.rules.resize(rules);
      for (uint32_t& rule : e.rules) {
        uint64_t x;
        if (!r->Var(&x) || x >= m.rules.size() ||
            m.rules[x].kind == Rule::Kind::kAttribute) {
          return Corrupt();
        }
        rule = static_cast<uint32_t>(x);
      }
    }
    for (size_t i = 0; i < s->log.size(); ++i) {
      if (s->log[i].at > s->current.last_at ||
          (i > 0 && EventBefore(s->log[i], s->log[i - 1]))) {
        return Corrupt();
      }
    }
    s->log_keys.clear();
    for (const PreparedEvent& e : s->log) s->log_keys.push_back(LogKey(e));
    if (!r->done()) return Corrupt();
    return absl::OkStatus();
  }

  static absl::StatusOr<LeadStateInfo> Info(absl::string_view bytes) {
    uint32_t version = 0;
    absl::StatusOr<absl::string_view> payload = CheckedPayload(bytes, &version);
    if (!payload.ok()) return payload.status();
    Reader r(*payload);
    Front f;
    if (!ReadFront(&r, &f)) return Corrupt();
    LeadStateInfo info;
    info.format_version = version;
    info.model_name = std::move(f.name);
    info.model_version = std::move(f.version);
    info.model_fingerprint = f.fingerprint;
    info.reorder_window = f.window;
    info.event_count = f.events;
    if (f.events > 0) info.last_event_time = FromEngineNanos(f.last_at);
    info.sources = std::move(f.sources);
    return info;
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
    if (Checkpoints* c = s->checkpoints.get()) {
      Zero(&c->checkpoint);
      Zero(&c->next);
      SecureWipe(&c->checkpoint_bytes);
      SecureWipe(&c->next_bytes);
    }
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
  // Written into a per-thread buffer that only grows (so no zero-filling
  // growth per call), then copied out once at its final size.
  thread_local std::string buffer;
  if (buffer.size() < 4096) buffer.resize(4096);
  std::memcpy(&buffer[0], internal::kMagic, 4);
  internal::Writer w(&buffer, internal::kHeaderSize);  // version, length, checksum below
  internal::StateIo::Write(scorer, state, &w);
  const size_t size = w.pos();
  char* b = &buffer[0];
  const uint64_t length = size - internal::kHeaderSize;
  const uint32_t crc =
      internal::Crc32c(absl::string_view(b + internal::kHeaderSize, length));
  for (int i = 0; i < 4; ++i) b[4 + i] = static_cast<char>(kLeadStateFormatVersion >> (8 * i));
  for (int i = 0; i < 8; ++i) b[8 + i] = static_cast<char>(length >> (8 * i));
  for (int i = 0; i < 4; ++i) b[16 + i] = static_cast<char>(crc >> (8 * i));
  std::string out(b, size);
  // The buffer keeps no copy of a lead's data (erasure, docs/reliability.md),
  // and a state far larger than usual leaves no huge buffer behind.
  internal::SecureZero(b, size);
  if (buffer.size() > (size_t{1} << 20)) std::string().swap(buffer);
  return out;
}

absl::StatusOr<LeadState> DeserializeLeadState(const Scorer& scorer,
                                               absl::string_view bytes) {
  uint32_t version = 0;
  absl::StatusOr<absl::string_view> payload = internal::CheckedPayload(bytes, &version);
  if (!payload.ok()) return payload.status();
  internal::Reader r(*payload);
  LeadState state;
  if (absl::Status s = internal::StateIo::Read(scorer, &r, version, &state); !s.ok()) {
    return s;
  }
  return state;
}

absl::StatusOr<LeadStateInfo> ReadLeadStateInfo(absl::string_view bytes) {
  return internal::StateIo::Info(bytes);
}

void EraseLeadState(LeadState* state) { internal::StateIo::Erase(state); }

namespace internal {
void ForgetCheckpointBytes(LeadState* state) {
  if (LeadStateData* d = LeadStateAccess::Data(*state)) {
    if (Checkpoints* c = d->checkpoints.get()) c->ForgetBytes();
  }
}
}  // namespace internal

}  // namespace leadscore
