// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference implementation's condition evaluator (spec v1 3.2 and 8
// "Types", "Case"): a tree walk over the Cond structs, operators compared as
// strings, string operands folded afresh at every comparison.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_EVALUATE_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_EVALUATE_H_

#include <cstdint>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/reference/model.h"
#include "support/reference/values.h"

namespace reference {

// One number against a numeric operator; `x` is long double so that scores
// (summed in long double) are compared without rounding first.
inline bool NumberOp(const std::string& op, long double x, const OVal& arg) {
  auto num = [](const OVal& v) { return static_cast<long double>(v.n); };
  if (op == "eq") return arg.k == OVal::kNum && x == num(arg);
  if (op == "ne") return arg.k == OVal::kNum && x != num(arg);
  if (op == "gt") return arg.k == OVal::kNum && x > num(arg);
  if (op == "gte") return arg.k == OVal::kNum && x >= num(arg);
  if (op == "lt") return arg.k == OVal::kNum && x < num(arg);
  if (op == "lte") return arg.k == OVal::kNum && x <= num(arg);
  if (op == "between") {
    return arg.arr.size() == 2 && arg.arr[0].k == OVal::kNum && arg.arr[1].k == OVal::kNum &&
           num(arg.arr[0]) <= x && x <= num(arg.arr[1]);
  }
  if (op == "in" || op == "not_in") {
    bool typed = false, found = false;
    for (const auto& e : arg.arr) {
      if (e.k != OVal::kNum) continue;
      typed = true;
      found = found || x == num(e);
    }
    return op == "in" ? found : typed && !found;
  }
  return false;
}

// One scalar (not an array) against one operator. `re`: the compiled pattern
// of a `matches` leaf.
inline bool ScalarOp(const std::string& op, const OVal& v, const OVal& arg,
                     const std::regex* re = nullptr) {
  if (v.k == OVal::kNum) return NumberOp(op, v.n, arg);
  if (op == "eq" || op == "ne") {
    if (v.k != arg.k) return false;
    bool same = false;
    switch (v.k) {
      case OVal::kBool: same = v.b == arg.b; break;
      case OVal::kStr: same = Fold(v.s) == Fold(arg.s); break;
      default: return false;
    }
    return op == "eq" ? same : !same;
  }
  if (op == "in") {
    for (const auto& e : arg.arr) {
      if (ScalarOp("eq", v, e)) return true;
    }
    return false;
  }
  if (op == "not_in") {
    bool typed = false;
    for (const auto& e : arg.arr) {
      if (e.k != v.k) continue;
      typed = true;
      if (ScalarOp("eq", v, e)) return false;
    }
    return typed;
  }
  if (v.k != OVal::kStr) return false;
  const std::string s = Fold(v.s);
  if (op == "contains") return arg.k == OVal::kStr && s.find(Fold(arg.s)) != std::string::npos;
  if (op == "contains_any") {
    for (const auto& e : arg.arr) {
      if (e.k == OVal::kStr && s.find(Fold(e.s)) != std::string::npos) return true;
    }
    return false;
  }
  if (op == "starts_with") {
    const std::string a = Fold(arg.s);
    return arg.k == OVal::kStr && s.compare(0, a.size(), a) == 0;
  }
  if (op == "ends_with") {
    const std::string a = Fold(arg.s);
    return arg.k == OVal::kStr && s.size() >= a.size() &&
           s.compare(s.size() - a.size(), a.size(), a) == 0;
  }
  if (op == "matches") {
    if (re == nullptr) throw std::logic_error("matches without a compiled pattern");
    return std::regex_search(v.s, *re);
  }
  return false;
}

// A leaf on a value that may be missing (nullptr) or null.
inline bool LeafOnValue(const std::string& op, const OVal* v, const OVal& arg,
                        const std::regex* re = nullptr) {
  const bool missing = v == nullptr || v->k == OVal::kNull;
  if (op == "exists") return arg.b ? !missing : missing;
  if (missing) return false;
  if (v->k == OVal::kArr) {
    if (op != "eq" && op != "in" && op != "contains" && op != "contains_any") return false;
    for (const auto& e : v->arr) {
      if (ScalarOp(op, e, arg, re)) return true;
    }
    return false;
  }
  return ScalarOp(op, *v, arg, re);
}

inline bool LeafOnValue(const Cond& c, const OVal* v) {
  return LeafOnValue(c.op, v, c.arg, c.op == "matches" ? &Regex(c) : nullptr);
}

struct KEvent {  // a kept event
  std::optional<std::string> id;
  std::string type;
  int64_t at = 0;
  Attrs props;
};

struct EvalCtx {
  const Attrs* attrs = nullptr;
  const Attrs* props = nullptr;
  // Lifecycle conditions only:
  const std::vector<std::string>* dim_names = nullptr;
  const std::vector<long double>* scores = nullptr;  // clamped
  long double total = 0;
  const std::vector<std::optional<std::string>>* grades = nullptr;
  const std::vector<KEvent>* events = nullptr;  // in event order
  size_t n_events = 0;  // the events processed so far: (*events)[0, n_events)
  int64_t now = 0;
  // v1.1 stage leaves: the stage names, the tracked stage they read and when
  // it was entered.
  const std::vector<std::string>* stages = nullptr;
  int stage = 0;
  int64_t stage_since = 0;
};

inline const OVal* Lookup(const Attrs* a, const std::string& name) {
  if (a == nullptr) return nullptr;
  auto it = a->find(name);
  return it == a->end() ? nullptr : &it->second;
}

inline bool Eval(const Cond& c, const EvalCtx& x) {
  switch (c.k) {
    case Cond::kAll:
      for (const auto& k : c.kids) {
        if (!Eval(k, x)) return false;
      }
      return true;
    case Cond::kAny:
      for (const auto& k : c.kids) {
        if (Eval(k, x)) return true;
      }
      return false;
    case Cond::kNot: return !Eval(c.kids.at(0), x);
    case Cond::kAttr: return LeafOnValue(c, Lookup(x.attrs, c.name));
    case Cond::kProp: return LeafOnValue(c, Lookup(x.props, c.name));
    case Cond::kScore: {
      if (c.name == "total") return NumberOp(c.op, x.total, c.arg);
      for (size_t i = 0; i < x.dim_names->size(); ++i) {
        if ((*x.dim_names)[i] == c.name) return NumberOp(c.op, (*x.scores)[i], c.arg);
      }
      throw std::logic_error("score leaf on unknown dimension " + c.name);
    }
    case Cond::kGrade: {
      for (size_t i = 0; i < x.dim_names->size(); ++i) {
        if ((*x.dim_names)[i] != c.name) continue;
        const auto& g = (*x.grades)[i];
        if (!g) return LeafOnValue(c, nullptr);  // no grade: missing
        const OVal v = VStr(*g);
        return LeafOnValue(c, &v);
      }
      throw std::logic_error("grade leaf on unknown dimension " + c.name);
    }
    case Cond::kStage: {
      if (x.stages == nullptr) return false;
      const std::string& st = (*x.stages)[x.stage];
      if (c.op == "eq") return st == c.arg.s;
      if (c.op == "ne") return st != c.arg.s;
      bool found = false;
      for (const auto& e : c.arg.arr) found = found || e.s == st;
      if (c.op == "in") return found;
      if (c.op == "not_in") return !c.arg.arr.empty() && !found;
      throw std::logic_error("stage leaf with operator " + c.op);
    }
    case Cond::kDaysInStage: {
      const double days = static_cast<double>(x.now - x.stage_since) / 86400e9;
      return NumberOp(c.op, days, c.arg);
    }
    case Cond::kEvent: {
      // The events are in time order and none is after `now`: walk back from
      // the newest until one is out of the window.
      int n = 0;
      for (size_t i = x.n_events; i-- > 0;) {
        const KEvent& e = (*x.events)[i];
        if (!InWindow(e.at, x.now, c.days)) break;
        if (e.type == c.name) ++n;
      }
      return n >= c.at_least;
    }
  }
  return false;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_EVALUATE_H_
