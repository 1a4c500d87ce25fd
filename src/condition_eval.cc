// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "condition_eval.h"

#include <string>

#include "regex_util.h"
#include "state_times.h"

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

// Lower-cases `s` into a per-thread buffer once, then searches with
// string_view::find (memchr and memcmp) instead of folding byte by byte.
absl::string_view LowerInto(absl::string_view s) {
  thread_local std::string buf;
  buf.resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) buf[i] = Lower(s[i]);
  return buf;
}

bool ContainsFolded(absl::string_view s, absl::string_view lowered) {
  if (lowered.empty()) return true;
  if (s.size() < lowered.size()) return false;
  return LowerInto(s).find(lowered) != absl::string_view::npos;
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
      return v.is_string() && ContainsFolded(v.as_string(), leaf.args[0].text);
    case Op::kContainsAny:
      if (!v.is_string()) return false;
      {
        const absl::string_view folded = LowerInto(v.as_string());
        for (const Operand& o : leaf.args) {
          if (folded.find(o.text) != absl::string_view::npos) return true;
        }
      }
      return false;
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

bool EvaluateLeaf(const Leaf& leaf, const EvalEnv& env) {
  switch (leaf.subject) {
    case Subject::kAttr:
      return MatchValue(leaf, Lookup(env.attrs, leaf.name));
    case Subject::kProp:
      return MatchValue(leaf, Lookup(env.props, leaf.name));
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
  }
  return false;
}

}  // namespace

bool MatchValue(const Leaf& leaf, const Value* v) {
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
