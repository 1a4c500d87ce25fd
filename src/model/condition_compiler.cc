// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/condition_compiler.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "leadscore/lead.h"
#include "model/json_pointer_document.h"
#include "model/regex_util.h"
#include "util/ascii.h"

namespace leadscore {
namespace internal {
namespace {

struct OpName {
  const char* name;
  Op op;
};
constexpr OpName kOps[] = {
    {"eq", Op::kEq},
    {"ne", Op::kNe},
    {"in", Op::kIn},
    {"not_in", Op::kNotIn},
    {"gt", Op::kGt},
    {"gte", Op::kGte},
    {"lt", Op::kLt},
    {"lte", Op::kLte},
    {"between", Op::kBetween},
    {"contains", Op::kContains},
    {"contains_any", Op::kContainsAny},
    {"starts_with", Op::kStartsWith},
    {"ends_with", Op::kEndsWith},
    {"matches", Op::kMatches},
    {"exists", Op::kExists},
};
constexpr const char* kSubjects[] = {"attr",          "prop",         "score",
                                     "grade",         "event",        "stage",
                                     "days_in_stage", "account_score", "account_stage"};

}  // namespace

std::optional<Condition> ConditionCompiler::Compile(const json& j,
                                                    const std::string& ptr,
                                                    ConditionContext ctx,
                                                    int depth) {
  if (depth > kMaxConditionDepth) {
    reader_.Error(ptr, absl::StrCat("conditions nest deeper than ",
                                    kMaxConditionDepth, " levels"));
    return std::nullopt;
  }
  if (!j.is_object()) {
    reader_.Error(ptr, absl::StrCat("expected a condition object, got ",
                                    FieldReader::TypeName(j)));
    return std::nullopt;
  }
  for (const char* comb : {"all", "any", "not"}) {
    const json* x = FieldReader::Find(j, comb);
    if (x == nullptr) continue;
    reader_.CheckObject(j, ptr, {comb});
    Condition c;
    const std::string p = ChildPointer(ptr, comb);
    if (comb[0] == 'n') {
      c.kind = Condition::Kind::kNot;
      if (auto child = Compile(*x, p, ctx, depth + 1)) {
        c.children.push_back(std::move(*child));
      } else {
        return std::nullopt;
      }
      return c;
    }
    c.kind = comb[1] == 'l' ? Condition::Kind::kAll : Condition::Kind::kAny;
    if (!reader_.Array(*x, p)) return std::nullopt;
    bool ok = true;
    for (size_t i = 0; i < x->size(); ++i) {
      auto child = Compile((*x)[i], ChildPointer(p, i), ctx, depth + 1);
      if (child) {
        c.children.push_back(std::move(*child));
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return c;
  }
  return CompileLeaf(j, ptr, ctx);
}

std::optional<Condition> ConditionCompiler::CompileLeaf(const json& j,
                                                        const std::string& ptr,
                                                        ConditionContext ctx) {
  const char* subject = nullptr;
  for (const char* s : kSubjects) {
    if (FieldReader::Find(j, s) == nullptr) continue;
    if (subject != nullptr) {
      reader_.Error(ChildPointer(ptr, s),
                    absl::StrCat("a condition names one subject; '", subject,
                                 "' is already given"));
      return std::nullopt;
    }
    subject = s;
  }
  if (subject == nullptr) {
    reader_.Error(
        ptr,
        "expected a condition: one of all, any, not, attr, prop, score, "
        "grade, event, stage or days_in_stage");
    return std::nullopt;
  }
  const std::string sp = ChildPointer(ptr, subject);
  Condition c;
  c.kind = Condition::Kind::kLeaf;
  Leaf& leaf = c.leaf;
  const std::string s = subject;
  if (s == "prop" && ctx != ConditionContext::kEventRule) {
    reader_.Error(
        sp, "'prop' conditions are only allowed in an event rule's 'when'");
    return std::nullopt;
  }
  const bool lifecycle = ctx == ConditionContext::kLifecycle || ctx == ConditionContext::kLabel;
  const bool account = ctx == ConditionContext::kAccountWhere || ctx == ConditionContext::kAccount;
  if ((s == "score" || s == "grade") && !lifecycle && !account) {
    reader_.Error(
        sp,
        absl::StrCat("'", s, "' conditions are only allowed in the lifecycle"));
    return std::nullopt;
  }
  if (s == "event" && !lifecycle) {
    reader_.Error(sp, account ? "'event' conditions are not allowed in the accounts section"
                              : "'event' conditions are only allowed in the lifecycle");
    return std::nullopt;
  }
  if (s == "event") return CompileEventLeaf(j, ptr, std::move(c));
  // v1.1 stage leaves: the subject's value is {OP: ARG}. They read the
  // lead's tracked stage, so only lead lifecycle conditions have them.
  if (s == "stage" || s == "days_in_stage") {
    if (!lifecycle) {
      reader_.Error(sp, account ? absl::StrCat("'", s, "' conditions are not allowed in the "
                                                       "accounts section")
                                : absl::StrCat("'", s, "' conditions are only allowed in the "
                                                       "lifecycle"));
      return std::nullopt;
    }
    if (!reader_.CheckObject(j, ptr, {subject})) return std::nullopt;
    if (!CompileStageLeaf(*FieldReader::Find(j, subject), sp, s == "stage", &leaf)) return std::nullopt;
    leaf.subject = s == "stage" ? Subject::kStage : Subject::kDaysInStage;
    return c;
  }
  if (s == "account_score" || s == "account_stage") {
    if (ctx != ConditionContext::kLabel) {
      reader_.Error(sp, absl::StrCat("'", s,
                                     "' conditions are only allowed in lifecycle labels (a "
                                     "lead's stage and scores depend on its own events only)"));
      return std::nullopt;
    }
    if (!account_names_) {
      reader_.Error(sp, absl::StrCat("'", s, "' needs an 'accounts' section in the model"));
      return std::nullopt;
    }
  }

  if (s == "account_stage") {
    // {"account_stage": {OP: ARG}}: an account has one stage, so the leaf
    // names no subject; the operator object stands in its place.
    reader_.CheckObject(j, ptr, {subject});
    const json& inner = *FieldReader::Find(j, subject);
    if (!inner.is_object() || inner.size() != 1) {
      reader_.Error(sp, "expected one operator object, e.g. {\"in\": [\"mqa\", \"opportunity\"]}");
      return std::nullopt;
    }
    for (const OpName& o : kOps) {
      if (FieldReader::Find(inner, o.name) == nullptr) continue;
      leaf.subject = Subject::kAccountStage;
      leaf.op = o.op;
      return CompileAccountStageLeaf(*FieldReader::Find(inner, o.name),
                                     ChildPointer(sp, o.name), o.name, std::move(c));
    }
    reader_.Error(ChildPointer(sp, inner.begin().key()),
                  "unknown operator (eq, ne, in or not_in)");
    return std::nullopt;
  }

  // The operator.
  const OpName* op = nullptr;
  std::vector<const char*> allowed = {subject};
  for (const OpName& o : kOps) allowed.push_back(o.name);
  reader_.CheckKeys(j, ptr, allowed);
  for (const OpName& o : kOps) {
    if (FieldReader::Find(j, o.name) == nullptr) continue;
    if (op != nullptr) {
      reader_.Error(ChildPointer(ptr, o.name),
                    absl::StrCat("a condition takes exactly one "
                                 "operator; '",
                                 op->name, "' is already given"));
      return std::nullopt;
    }
    op = &o;
  }
  if (op == nullptr) {
    reader_.Error(
        ptr, absl::StrCat("missing an operator for '", s,
                          "' (eq, ne, in, not_in, gt, gte, lt, lte, between, "
                          "contains, contains_any, starts_with, ends_with, "
                          "matches or exists)"));
    return std::nullopt;
  }
  leaf.op = op->op;
  const json& arg = *FieldReader::Find(j, op->name);
  const std::string ap = ChildPointer(ptr, op->name);

  std::string name;
  if (!reader_.String(*FieldReader::Find(j, subject), sp, &name))
    return std::nullopt;
  if (s == "attr" || s == "prop") {
    leaf.subject = s == "attr" ? Subject::kAttr : Subject::kProp;
    if (name.empty()) {
      reader_.Error(sp, "must not be empty");
      return std::nullopt;
    }
    leaf.name = name;
    if (leaf.subject == Subject::kAttr) {
      m_.attribute_names.insert(name);
    } else {
      auto [it, fresh] =
          prop_index_.emplace(name, static_cast<int>(m_.prop_names.size()));
      if (fresh) {
        m_.prop_names.push_back(name);
        m_.prop_hashes.push_back(Attributes().hash_function()(name));
      }
      leaf.slot = it->second;
    }
  } else if (s == "score" || s == "account_score") {
    const bool of_account = s == "account_score";
    leaf.subject = of_account ? Subject::kAccountScore : Subject::kScore;
    if (name != "total") {
      const auto& index = of_account ? *account_names_->dimensions : dim_index_;
      auto it = index.find(name);
      if (it == index.end()) {
        reader_.Error(sp, absl::StrCat(of_account ? "unknown account dimension '"
                                                  : "unknown dimension '",
                                       name, "'"));
        return std::nullopt;
      }
      leaf.index = it->second;
    }
    switch (leaf.op) {
      case Op::kEq:
      case Op::kNe:
      case Op::kIn:
      case Op::kNotIn:
      case Op::kGt:
      case Op::kGte:
      case Op::kLt:
      case Op::kLte:
      case Op::kBetween:
        break;
      default:
        reader_.Error(
            ap, absl::StrCat("'", op->name, "' does not apply to a score"));
        return std::nullopt;
    }
  } else {  // grade
    leaf.subject = Subject::kGrade;
    auto it = dim_index_.find(name);
    if (it == dim_index_.end()) {
      reader_.Error(sp, absl::StrCat("unknown dimension '", name, "'"));
      return std::nullopt;
    }
    if (m_.dimensions[it->second].grades.empty()) {
      reader_.Error(sp, absl::StrCat("dimension '", name, "' has no grades"));
      return std::nullopt;
    }
    leaf.index = it->second;
    switch (leaf.op) {
      case Op::kEq:
      case Op::kNe:
      case Op::kIn:
      case Op::kNotIn:
      case Op::kExists:
        break;
      default:
        reader_.Error(
            ap, absl::StrCat("'", op->name, "' does not apply to a grade"));
        return std::nullopt;
    }
  }
  const bool numbers_only =
      leaf.subject == Subject::kScore || leaf.subject == Subject::kAccountScore;
  const bool strings_only = leaf.subject == Subject::kGrade;
  if (!CompileArgument(arg, ap, numbers_only, strings_only, &leaf)) {
    return std::nullopt;
  }
  return c;
}

bool ConditionCompiler::CompileStageLeaf(const json& j, const std::string& ptr, bool stage,
                                         Leaf* leaf) {
  const char* const usage = stage ? "an operator object such as {\"in\": [\"mql\", \"sql\"]} "
                                    "(eq, ne, in or not_in)"
                                  : "an operator object such as {\"gte\": 30} (eq, ne, gt, "
                                    "gte, lt, lte, between, in or not_in)";
  if (!j.is_object() || j.size() != 1) {
    reader_.Error(ptr, absl::StrCat("expected ", usage, ", got ",
                                    j.is_object() ? absl::StrCat("an object with ", j.size(),
                                                                 " keys")
                                                  : FieldReader::TypeName(j)));
    return false;
  }
  const std::string key = j.begin().key();
  const std::string ap = ChildPointer(ptr, key);
  const OpName* op = nullptr;
  for (const OpName& o : kOps) {
    if (key == o.name) op = &o;
  }
  bool allowed = false;
  if (op != nullptr) {
    switch (op->op) {
      case Op::kEq: case Op::kNe: case Op::kIn: case Op::kNotIn:
        allowed = true;
        break;
      case Op::kGt: case Op::kGte: case Op::kLt: case Op::kLte: case Op::kBetween:
        allowed = !stage;
        break;
      default:
        break;
    }
  }
  if (!allowed) {
    reader_.Error(ap, absl::StrCat("'", key, "' does not apply to ",
                                   stage ? "a stage" : "days_in_stage", "; expected ", usage));
    return false;
  }
  leaf->op = op->op;
  const json& arg = j.begin().value();
  if (!stage) return CompileArgument(arg, ap, /*numbers_only=*/true, false, leaf);
  if (stage_index_ == nullptr) {  // (only lifecycle conditions get here)
    reader_.Error(ap, "a stage condition needs /lifecycle/stages");
    return false;
  }
  // Stage names, compared exactly, kept as stage indices.
  auto name = [&](const json& x, const std::string& p) {
    std::string n;
    if (!reader_.String(x, p, &n)) return false;
    auto it = stage_index_->find(n);
    if (it == stage_index_->end()) {
      reader_.Error(p, absl::StrCat("unknown stage '", n, "' (not in /lifecycle/stages)"));
      return false;
    }
    Operand o;
    o.kind = Value::Kind::kNumber;
    o.number = it->second;
    o.display = n;
    leaf->args.push_back(std::move(o));
    return true;
  };
  if (leaf->op == Op::kEq || leaf->op == Op::kNe) return name(arg, ap);
  if (!reader_.Array(arg, ap)) return false;
  bool ok = true;
  for (size_t i = 0; i < arg.size(); ++i) ok &= name(arg[i], ChildPointer(ap, i));
  return ok;
}

bool ConditionCompiler::Scalar(const json& j, const std::string& ptr,
                               bool numbers_only, bool strings_only,
                               Operand* out) {
  if (j.is_number() && !strings_only) {
    out->kind = Value::Kind::kNumber;
    return reader_.Number(j, ptr, &out->number);
  }
  if (j.is_string() && !numbers_only) {
    out->kind = Value::Kind::kString;
    out->display = j.get<std::string>();
    out->text = AsciiLower(out->display);
    return true;
  }
  if (j.is_boolean() && !numbers_only && !strings_only) {
    out->kind = Value::Kind::kBool;
    out->number = j.get<bool>() ? 1 : 0;
    return true;
  }
  reader_.Error(ptr,
                absl::StrCat("expected ",
                             numbers_only   ? "a number"
                             : strings_only ? "a string"
                                            : "a string, number or boolean",
                             ", got ", FieldReader::TypeName(j)));
  return false;
}

bool ConditionCompiler::CompileArgument(const json& arg, const std::string& ptr,
                                        bool numbers_only, bool strings_only,
                                        Leaf* leaf) {
  switch (leaf->op) {
    case Op::kEq:
    case Op::kNe: {
      Operand o;
      if (!Scalar(arg, ptr, numbers_only, strings_only, &o)) return false;
      leaf->args.push_back(std::move(o));
      return true;
    }
    case Op::kIn:
    case Op::kNotIn: {
      if (!reader_.Array(arg, ptr)) return false;
      bool ok = true;
      for (size_t i = 0; i < arg.size(); ++i) {
        Operand o;
        if (Scalar(arg[i], ChildPointer(ptr, i), numbers_only, strings_only,
                   &o)) {
          leaf->args.push_back(std::move(o));
        } else {
          ok = false;
        }
      }
      return ok;
    }
    case Op::kGt:
    case Op::kGte:
    case Op::kLt:
    case Op::kLte:
      return reader_.Number(arg, ptr, &leaf->lo);
    case Op::kBetween: {
      if (!arg.is_array() || arg.size() != 2 || !arg[0].is_number() ||
          !arg[1].is_number()) {
        reader_.Error(ptr, "expected [lo, hi] with lo <= hi");
        return false;
      }
      if (!reader_.Number(arg[0], ChildPointer(ptr, 0), &leaf->lo) ||
          !reader_.Number(arg[1], ChildPointer(ptr, 1), &leaf->hi)) {
        return false;
      }
      if (leaf->lo > leaf->hi) {
        reader_.Error(ptr, "expected [lo, hi] with lo <= hi");
        return false;
      }
      return true;
    }
    case Op::kContains:
    case Op::kStartsWith:
    case Op::kEndsWith:
    case Op::kMatches: {
      Operand o;
      if (!arg.is_string()) {
        reader_.Error(ptr, absl::StrCat("expected a string, got ",
                                        FieldReader::TypeName(arg)));
        return false;
      }
      o.kind = Value::Kind::kString;
      if (leaf->op == Op::kMatches) {
        auto re = CompileFoldedRegex(arg.get<std::string>());
        if (!re.ok()) {
          reader_.Error(ptr, re.status().message());
          return false;
        }
        leaf->regex = *std::move(re);
      } else {
        o.display = arg.get<std::string>();
        o.text = AsciiLower(o.display);
      }
      leaf->args.push_back(std::move(o));
      return true;
    }
    case Op::kContainsAny: {
      if (!reader_.Array(arg, ptr)) return false;
      bool ok = true;
      for (size_t i = 0; i < arg.size(); ++i) {
        Operand o;
        if (Scalar(arg[i], ChildPointer(ptr, i), false, true, &o)) {
          leaf->args.push_back(std::move(o));
        } else {
          ok = false;
        }
      }
      return ok;
    }
    case Op::kExists:
      return reader_.Bool(arg, ptr, &leaf->exists);
  }
  return false;
}

std::optional<Condition> ConditionCompiler::CompileAccountStageLeaf(const json& arg,
                                                                   const std::string& ptr,
                                                                   const char* op,
                                                                   Condition c) {
  Leaf& leaf = c.leaf;
  if (leaf.op != Op::kEq && leaf.op != Op::kNe && leaf.op != Op::kIn && leaf.op != Op::kNotIn) {
    reader_.Error(ptr, absl::StrCat("'", op, "' does not apply to a stage (eq, ne, in, not_in)"));
    return std::nullopt;
  }
  // Stages compare exactly (unlike strings): each operand is a stage index.
  auto stage = [&](const json& j, const std::string& p) -> bool {
    std::string name;
    if (!reader_.String(j, p, &name)) return false;
    auto it = account_names_->stages->find(name);
    if (it == account_names_->stages->end()) {
      reader_.Error(p, absl::StrCat("unknown account stage '", name,
                                    "' (not in /accounts/lifecycle/stages)"));
      return false;
    }
    Operand o;
    o.kind = Value::Kind::kNumber;
    o.number = it->second;
    o.display = name;
    leaf.args.push_back(std::move(o));
    return true;
  };
  if (leaf.op == Op::kEq || leaf.op == Op::kNe) {
    if (!stage(arg, ptr)) return std::nullopt;
    return c;
  }
  if (!reader_.Array(arg, ptr)) return std::nullopt;
  bool ok = true;
  for (size_t i = 0; i < arg.size(); ++i) ok &= stage(arg[i], ChildPointer(ptr, i));
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> ConditionCompiler::CompileEventLeaf(
    const json& j, const std::string& ptr, Condition c) {
  reader_.CheckObject(j, ptr, {"event", "within_days", "at_least"});
  Leaf& leaf = c.leaf;
  leaf.subject = Subject::kEvent;
  std::string type;
  bool ok = reader_.String(*FieldReader::Find(j, "event"),
                           ChildPointer(ptr, "event"), &type);
  const json* w = FieldReader::Find(j, "within_days");
  if (w == nullptr) {
    reader_.Error(ptr, "missing required key 'within_days'");
    ok = false;
  } else {
    ok &= reader_.PositiveDays(*w, ChildPointer(ptr, "within_days"),
                               &leaf.window_ns);
  }
  int64_t at_least = 1;
  if (const json* a = FieldReader::Find(j, "at_least")) {
    ok &= reader_.PositiveInt(*a, ChildPointer(ptr, "at_least"), &at_least);
  }
  if (!ok) return std::nullopt;
  leaf.at_least = static_cast<int>(at_least);
  const int type_id = InternEventType(&m_, type);
  // One tracker per type, remembering as many times as its largest leaf needs.
  int tracker = -1;
  for (size_t t = 0; t < m_.trackers.size(); ++t) {
    if (m_.trackers[t].type == type_id) tracker = static_cast<int>(t);
  }
  if (tracker < 0) {
    tracker = static_cast<int>(m_.trackers.size());
    EventTracker tracker_info;
    tracker_info.type = type_id;
    m_.trackers.push_back(tracker_info);
  }
  m_.trackers[tracker].capacity =
      std::max(m_.trackers[tracker].capacity, leaf.at_least);
  leaf.index = tracker;
  return c;
}

}  // namespace internal
}  // namespace leadscore
