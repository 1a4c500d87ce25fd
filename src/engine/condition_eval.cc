// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "engine/condition_eval.h"

#include <cstring>
#include <string>

#include "absl/base/attributes.h"
#include "model/regex_util.h"
#include "engine/state_times.h"

namespace leadscore {
namespace internal {
namespace {

inline char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `lowered` is already lower-case; `s` is folded on the fly (no allocation).
bool EqualsFolded(absl::string_view s, absl::string_view lowered) {
  if (s.size() != lowered.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lowered[i]) return false;
  }
  return true;
}

bool StartsWithFolded(absl::string_view s, absl::string_view lowered) {
  return s.size() >= lowered.size() && EqualsFolded(s.substr(0, lowered.size()), lowered);
}

bool EndsWithFolded(absl::string_view s, absl::string_view lowered) {
  return s.size() >= lowered.size() &&
         EqualsFolded(s.substr(s.size() - lowered.size()), lowered);
}

// Lower-cases ASCII; a plain loop over bytes, which the compiler vectorises.
void LowerTo(absl::string_view s, std::string* out) {
  out->resize(s.size());
  const char* __restrict in = s.data();
  char* __restrict o = out->data();
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = in[i];
    o[i] = static_cast<char>(c + ((c >= 'A' && c <= 'Z') ? 'a' - 'A' : 0));
  }
}

// Lower-cases `s` into a per-thread buffer (no allocation once it is large
// enough).
absl::string_view LowerInto(absl::string_view s) {
  thread_local std::string buf;
  LowerTo(s, &buf);
  return buf;
}

// Whether any string argument of a contains/contains_any leaf occurs in
// `folded` (lower-cased). glibc's memmem (a 2-byte hash skip table for short
// needles) beats string_view::find, which calls memchr and memcmp for every
// occurrence of the first byte (and '/' starts most URL needles).
bool ContainsNeedle(const Leaf& leaf, absl::string_view folded) {
  if (leaf.empty_needle) return true;
  for (const Operand& o : leaf.args) {
    if (o.kind == Value::Kind::kString &&
        memmem(folded.data(), folded.size(), o.text.data(), o.text.size()) != nullptr) {
      return true;
    }
  }
  return false;
}

// Equality of a scalar value and an operand of the same kind.
bool SameAndEqual(const Value& v, const Operand& o) {
  if (v.kind() != o.kind) return false;
  switch (o.kind) {
    case Value::Kind::kString: return EqualsFolded(v.as_string(), o.text);
    case Value::Kind::kNumber: return v.as_number() == o.number;
    case Value::Kind::kBool: return v.as_bool() == (o.number != 0);
    default: return false;
  }
}

bool MatchScalar(const Leaf& leaf, const Value& v) {
  switch (leaf.op) {
    case Op::kEq:
      return SameAndEqual(v, leaf.args[0]);
    case Op::kNe:
      return v.kind() == leaf.args[0].kind && !SameAndEqual(v, leaf.args[0]);
    case Op::kIn:
      for (const Operand& o : leaf.args) {
        if (SameAndEqual(v, o)) return true;
      }
      return false;
    case Op::kNotIn: {
      // Needs an argument element of the value's type (section 8).
      bool comparable = false;
      for (const Operand& o : leaf.args) {
        if (o.kind != v.kind()) continue;
        comparable = true;
        if (SameAndEqual(v, o)) return false;
      }
      return comparable;
    }
    case Op::kGt: return v.is_number() && v.as_number() > leaf.lo;
    case Op::kGte: return v.is_number() && v.as_number() >= leaf.lo;
    case Op::kLt: return v.is_number() && v.as_number() < leaf.lo;
    case Op::kLte: return v.is_number() && v.as_number() <= leaf.lo;
    case Op::kBetween:
      return v.is_number() && v.as_number() >= leaf.lo && v.as_number() <= leaf.hi;
    case Op::kContains:
    case Op::kContainsAny:
      return v.is_string() && ContainsNeedle(leaf, LowerInto(v.as_string()));
    case Op::kStartsWith:
      return v.is_string() && StartsWithFolded(v.as_string(), leaf.args[0].text);
    case Op::kEndsWith:
      return v.is_string() && EndsWithFolded(v.as_string(), leaf.args[0].text);
    case Op::kMatches:
      return v.is_string() && FoldedPartialMatch(*leaf.regex, v.as_string());
    case Op::kExists:
      return leaf.exists;
  }
  return false;
}

bool MatchNumber(const Leaf& leaf, double x) {
  switch (leaf.op) {
    case Op::kEq: return x == leaf.args[0].number;
    case Op::kNe: return x != leaf.args[0].number;
    case Op::kIn:
      for (const Operand& o : leaf.args) {
        if (x == o.number) return true;
      }
      return false;
    case Op::kNotIn:
      if (leaf.args.empty()) return false;
      for (const Operand& o : leaf.args) {
        if (x == o.number) return false;
      }
      return true;
    case Op::kGt: return x > leaf.lo;
    case Op::kGte: return x >= leaf.lo;
    case Op::kLt: return x < leaf.lo;
    case Op::kLte: return x <= leaf.lo;
    case Op::kBetween: return x >= leaf.lo && x <= leaf.hi;
    default: return false;
  }
}

const Value* Lookup(const Attributes* map, const std::string& name) {
  if (map == nullptr) return nullptr;
  auto it = map->find(name);
  return it == map->end() ? nullptr : &it->second;
}

// MatchValue, inlined into EvaluateLeaf (the hottest caller).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool MatchValueInline(const Leaf& leaf, const Value* v) {
  if (v == nullptr || v->is_null()) return leaf.op == Op::kExists && !leaf.exists;
  if (leaf.op == Op::kExists) return leaf.exists;
  if (v->is_array()) {
    switch (leaf.op) {
      case Op::kEq:
      case Op::kIn:
      case Op::kContains:
      case Op::kContainsAny:
        for (const Value& e : v->as_array()) {
          if (!e.is_null() && !e.is_array() && MatchScalar(leaf, e)) return true;
        }
        return false;
      default:
        return false;
    }
  }
  if (v->kind() == Value::Kind::kOther) return false;
  return MatchScalar(leaf, *v);
}

bool EvaluateLeaf(const Leaf& leaf, const EvalEnv& env) {
  switch (leaf.subject) {
    case Subject::kAttr:
      return MatchValueInline(leaf, Lookup(env.attrs, leaf.name));
    case Subject::kProp: {
      if (env.frame == nullptr) return MatchValueInline(leaf, Lookup(env.props, leaf.name));
      const Value* v = env.frame->value(leaf.slot);
      if (v != nullptr && v->is_string()) {
        // Several `contains` leaves often read one property (a URL): its
        // needles are all looked for in one pass, once per event.
        if ((leaf.op == Op::kContains || leaf.op == Op::kContainsAny) &&
            leaf.needles_indexed) {
          return leaf.empty_needle || (env.frame->Needles(leaf.slot) & leaf.needle_mask) != 0;
        }
      }
      return MatchValueInline(leaf, v);
    }
    case Subject::kScore:
      if (env.scores == nullptr) return false;
      return MatchNumber(leaf, leaf.index < 0 ? env.total : env.scores[leaf.index]);
    case Subject::kGrade: {
      if (env.grades == nullptr) return false;
      const int g = env.grades[leaf.index];
      if (g < 0) return leaf.op == Op::kExists && !leaf.exists;
      const Value v = Value::String(
          env.model->dimensions[leaf.index].grades[g].name);
      return MatchScalar(leaf, v);
    }
    case Subject::kEvent:
      if (env.core == nullptr) return false;
      return TimesView(*env.core, env.model->trackers[leaf.index].times).AtLeastWithin(
          static_cast<size_t>(leaf.at_least), env.now, leaf.window_ns);
    case Subject::kStage:
      return MatchNumber(leaf, env.stage);
    case Subject::kDaysInStage:
      return MatchNumber(leaf, static_cast<double>(env.now - env.stage_since) / 86400e9);
    case Subject::kAccountScore:
      if (env.account == nullptr || env.account->scores == nullptr) return false;
      return MatchNumber(leaf, leaf.index < 0 ? env.account->total
                                              : env.account->scores[leaf.index]);
    case Subject::kAccountStage:
      if (env.account == nullptr || env.account->stage < 0) return false;
      return MatchNumber(leaf, env.account->stage);
  }
  return false;
}

}  // namespace

void PropFrame::Resolve(const CompiledModel& m, int type, const Attributes& props) {
  model_ = &m;
  const size_t n = m.prop_names.size();
  if (values_.size() < n) {
    values_.resize(n);
    lowered_.resize(n);
    needles_.resize(n);
    has_lowered_.resize(n);
    has_needles_.resize(n);
  }
  for (uint32_t slot : m.prop_slots_by_type[type]) {
    auto it = props.find(m.prop_names[slot], m.prop_hashes[slot]);
    values_[slot] = it == props.end() ? nullptr : &it->second;
    has_lowered_[slot] = 0;
    has_needles_[slot] = 0;
  }
}

constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

uint64_t PropFrame::Needles(int slot) const {
  if (has_needles_[slot]) return needles_[slot];
  const SlotNeedles& sn = model_->prop_needles[slot];
  const absl::string_view s = Lowered(slot);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const size_t k = sn.needles.size();
  const uint64_t all = k == 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1;
  uint64_t found = 0;
  for (size_t i = 0; i < n && found != all; ++i) {
    if (sn.only_first >= 0) {
      // One first byte for every needle (say '/'): jump with memchr.
      const void* q = std::memchr(p + i, sn.only_first, n - i);
      if (q == nullptr) break;
      i = static_cast<size_t>(static_cast<const unsigned char*>(q) - p);
    }
    const size_t left = n - i;
    uint64_t cand = sn.by_first[p[i]] & ~found;
    if (cand == 0) continue;
    cand &= left >= 2 ? sn.by_second[p[i + 1]] : sn.one_byte;
    if (cand == 0) continue;
    uint64_t w = 0;  // the next 8 bytes, little-endian like the prefixes
    if (left >= 8) {
      std::memcpy(&w, p + i, 8);
      if constexpr (!kLittleEndian) w = __builtin_bswap64(w);
    }
    for (; cand != 0; cand &= cand - 1) {
      const int j = __builtin_ctzll(cand);
      const std::string& t = sn.needles[j];
      if (t.size() > left) continue;
      const bool hit = left >= 8 ? (w & sn.prefix_mask[j]) == sn.prefix[j] &&
                                       (t.size() <= 8 || std::memcmp(p + i + 8, t.data() + 8,
                                                                     t.size() - 8) == 0)
                                 : std::memcmp(p + i, t.data(), t.size()) == 0;
      if (hit) found |= uint64_t{1} << j;
    }
  }
  needles_[slot] = found;
  has_needles_[slot] = 1;
  return found;
}

absl::string_view PropFrame::Lowered(int slot) const {
  if (!has_lowered_[slot]) {
    LowerTo(values_[slot]->as_string(), &lowered_[slot]);
    has_lowered_[slot] = 1;
  }
  return lowered_[slot];
}

bool MatchValue(const Leaf& leaf, const Value* v) { return MatchValueInline(leaf, v); }

bool Evaluate(const Condition& c, const EvalEnv& env) {
  switch (c.kind) {
    case Condition::Kind::kAll:
      for (const Condition& child : c.children) {
        if (!Evaluate(child, env)) return false;
      }
      return true;
    case Condition::Kind::kAny:
      for (const Condition& child : c.children) {
        if (Evaluate(child, env)) return true;
      }
      return false;
    case Condition::Kind::kNot:
      return !Evaluate(c.children[0], env);
    case Condition::Kind::kLeaf:
      return EvaluateLeaf(c.leaf, env);
  }
  return false;
}

}  // namespace internal
}  // namespace leadscore
