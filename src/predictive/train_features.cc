// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "predictive/train_features.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "util/number_format.h"

namespace leadscore {
namespace internal {
namespace {

const Value* Find(const Lead& lead, const std::string& attribute) {
  auto it = lead.attributes.find(attribute);
  if (it == lead.attributes.end() || it->second.is_null()) return nullptr;
  return &it->second;
}

}  // namespace

std::vector<uint32_t> EventKnots(uint32_t max_event_count) {
  std::vector<uint32_t> knots;
  for (uint32_t k = 1; k < max_event_count; k *= 2) knots.push_back(k);
  knots.push_back(max_event_count);
  return knots;
}

std::vector<double> EventKnotCoefficients(uint32_t max_event_count) {
  const std::vector<uint32_t> knots = EventKnots(max_event_count);
  std::vector<double> slopes;
  uint32_t previous = 0;
  for (uint32_t k : knots) {
    slopes.push_back((std::log1p(static_cast<double>(k)) -
                      std::log1p(static_cast<double>(previous))) /
                     static_cast<double>(k - previous));
    previous = k;
  }
  std::vector<double> coefficients(knots.size());
  for (size_t j = 0; j < knots.size(); ++j) {
    coefficients[j] = slopes[j] - (j + 1 < slopes.size() ? slopes[j + 1] : 0.0);
  }
  return coefficients;
}

FeatureSet FeatureSet::Derive(const TrainingSet& data, const std::vector<size_t>& rows,
                              const TrainOptions& options) {
  FeatureSet fs;
  fs.max_event_count_ = std::max<uint32_t>(options.max_event_count, 1);
  fs.phi_.resize(fs.max_event_count_ + 1);
  for (uint32_t n = 0; n <= fs.max_event_count_; ++n) {
    fs.phi_[n] = EventCountFeature(n, fs.max_event_count_);
  }
  const auto& all = data.rows();
  const size_t min_count = std::max<size_t>(options.min_category_count, 1);

  // Attribute names, sorted (deterministic), or as given.
  std::vector<std::string> names;
  if (!options.attributes.empty()) {
    names = options.attributes;
  } else {
    std::set<std::string> seen;
    for (size_t r : rows) {
      for (const auto& [name, value] : all[r].lead.attributes) seen.insert(name);
    }
    names.assign(seen.begin(), seen.end());
  }
  const std::set<std::string> ignored(options.ignore_attributes.begin(),
                                      options.ignore_attributes.end());

  auto add_column = [&](FeatureColumn c) -> uint32_t {
    fs.columns_.push_back(std::move(c));
    return static_cast<uint32_t>(fs.columns_.size() - 1);
  };

  std::vector<const Value*> values_of(rows.size());  // this attribute, per training row
  for (const std::string& name : names) {
    if (ignored.count(name)) continue;
    for (size_t i = 0; i < rows.size(); ++i) values_of[i] = Find(all[rows[i]].lead, name);
    size_t numbers = 0, strings = 0, bools = 0, missing = 0;
    for (const Value* v : values_of) {
      if (v == nullptr) {
        ++missing;
      } else if (v->is_number()) {
        ++numbers;
      } else if (v->is_bool()) {
        ++bools;
      } else if (v->is_string() || v->is_array()) {
        ++strings;
      }
    }
    if (numbers + strings + bools == 0) continue;
    Group g;
    g.attribute = name;
    if (numbers > strings && numbers >= bools) {
      g.type = Group::Type::kNumber;
    } else if (bools > strings && bools > numbers) {
      g.type = Group::Type::kBool;
    } else {
      g.type = Group::Type::kString;
    }

    if (g.type == Group::Type::kString) {
      struct Level {
        size_t count = 0;
        std::map<std::string, size_t> spellings;
      };
      std::map<std::string, Level> levels;  // ordered: deterministic
      absl::flat_hash_set<std::string> in_row;
      for (const Value* v : values_of) {
        if (v == nullptr) continue;
        if (v->is_string()) {
          Level& l = levels[absl::AsciiStrToLower(v->as_string())];
          ++l.count;
          ++l.spellings[v->as_string()];
        } else if (v->is_array()) {
          in_row.clear();
          for (const Value& e : v->as_array()) {
            if (!e.is_string()) continue;
            std::string key = absl::AsciiStrToLower(e.as_string());
            Level& l = levels[key];
            ++l.spellings[e.as_string()];
            if (in_row.insert(std::move(key)).second) ++l.count;
          }
        }
      }
      std::vector<std::pair<std::string, const Level*>> frequent;
      for (const auto& [key, level] : levels) {
        if (level.count >= min_count) frequent.emplace_back(key, &level);
      }
      std::stable_sort(frequent.begin(), frequent.end(), [](const auto& a, const auto& b) {
        return a.second->count > b.second->count;
      });
      if (frequent.size() > options.max_categories) frequent.resize(options.max_categories);
      std::vector<std::string> spellings;
      for (const auto& [key, level] : frequent) {
        // The most common spelling (first in byte order on a tie).
        std::string best;
        size_t best_count = 0;
        for (const auto& [s, c] : level->spellings) {
          if (c > best_count) best = s, best_count = c;
        }
        FeatureColumn c;
        c.kind = FeatureColumn::Kind::kLevel;
        c.attribute = name;
        c.level = best;
        c.name = absl::StrCat(name, " = ", best);
        g.levels[key] = add_column(std::move(c));
        spellings.push_back(best);
      }
      if (!frequent.empty()) {
        size_t others = 0;
        for (const Value* v : values_of) {
          if (v != nullptr && v->is_string() &&
              !g.levels.contains(absl::AsciiStrToLower(v->as_string()))) {
            ++others;
          }
        }
        if (others >= min_count) {
          FeatureColumn c;
          c.kind = FeatureColumn::Kind::kOther;
          c.attribute = name;
          c.others_of = spellings;
          c.name = absl::StrCat(name, ": other");
          g.other = add_column(std::move(c));
        }
      }
    } else if (g.type == Group::Type::kNumber) {
      std::vector<double> values;
      for (const Value* v : values_of) {
        if (v != nullptr && v->is_number()) values.push_back(v->as_number());
      }
      std::sort(values.begin(), values.end());
      const int bins = std::max(options.numeric_bins, 1);
      for (int j = 1; j < bins; ++j) {
        const double e = values[values.size() * static_cast<size_t>(j) / static_cast<size_t>(bins)];
        if (e > values.front() && (g.edges.empty() || e > g.edges.back())) g.edges.push_back(e);
      }
      for (size_t j = 0; j <= g.edges.size(); ++j) {
        FeatureColumn c;
        c.kind = FeatureColumn::Kind::kRange;
        c.attribute = name;
        if (j > 0) c.lo = g.edges[j - 1];
        if (j < g.edges.size()) c.hi = g.edges[j];
        if (c.lo && c.hi) {
          c.name = absl::StrCat(name, " in [", SignificantNumber(*c.lo), ", ",
                                SignificantNumber(*c.hi), ")");
        } else if (c.lo) {
          c.name = absl::StrCat(name, " >= ", SignificantNumber(*c.lo));
        } else if (c.hi) {
          c.name = absl::StrCat(name, " < ", SignificantNumber(*c.hi));
        } else {
          c.name = absl::StrCat(name, ": any number");
        }
        g.bins.push_back(add_column(std::move(c)));
      }
    } else {
      size_t t = 0, f = 0;
      for (const Value* v : values_of) {
        if (v != nullptr && v->is_bool()) (v->as_bool() ? t : f)++;
      }
      for (bool b : {true, false}) {
        if ((b ? t : f) < min_count) continue;
        FeatureColumn c;
        c.kind = FeatureColumn::Kind::kBool;
        c.attribute = name;
        c.bool_value = b;
        c.name = absl::StrCat(name, b ? " = true" : " = false");
        (b ? g.bool_true : g.bool_false) = add_column(std::move(c));
      }
    }
    if (missing >= min_count) {
      FeatureColumn c;
      c.kind = FeatureColumn::Kind::kMissing;
      c.attribute = name;
      c.name = absl::StrCat(name, ": missing");
      g.missing = add_column(std::move(c));
    }
    fs.groups_.push_back(std::move(g));
  }

  fs.event_columns_.assign(data.event_types().size(), kNone);
  if (options.use_events) {
    std::vector<size_t> leads_with(data.event_types().size(), 0);
    for (size_t r : rows) {
      for (const auto& [type, count] : all[r].event_counts) leads_with[type] += count > 0;
    }
    // By type name, so the column order does not depend on input order.
    std::vector<uint32_t> types;
    for (uint32_t t = 0; t < leads_with.size(); ++t) {
      if (leads_with[t] >= min_count) types.push_back(t);
    }
    std::sort(types.begin(), types.end(), [&](uint32_t a, uint32_t b) {
      return data.event_types()[a] < data.event_types()[b];
    });
    for (uint32_t t : types) {
      FeatureColumn c;
      c.kind = FeatureColumn::Kind::kEvents;
      c.attribute = data.event_types()[t];
      c.name = absl::StrCat("events: ", c.attribute);
      fs.event_columns_[t] = add_column(std::move(c));
    }
  }

  // Unique names (an attribute could be called "x = y").
  absl::flat_hash_set<std::string> taken;
  for (FeatureColumn& c : fs.columns_) {
    std::string name = c.name;
    for (int k = 2; !taken.insert(name).second; ++k) name = absl::StrCat(c.name, " #", k);
    c.name = std::move(name);
  }

  return fs;
}

void FeatureSet::CountSupport(const SparseMatrix& x, const std::vector<size_t>& rows) {
  for (FeatureColumn& c : columns_) c.support = 0;
  for (size_t r : rows) {
    for (const auto& e : x.row(r)) ++columns_[e.first].support;
  }
}

void FeatureSet::Encode(const TrainingSet::Row& row,
                        std::vector<std::pair<uint32_t, double>>* out) const {
  out->clear();
  for (const Group& g : groups_) {
    const Value* v = Find(row.lead, g.attribute);
    if (v == nullptr) {
      if (g.missing != kNone) out->emplace_back(g.missing, 1.0);
      continue;
    }
    switch (g.type) {
      case Group::Type::kString:
        if (v->is_string()) {
          auto it = g.levels.find(absl::AsciiStrToLower(v->as_string()));
          if (it != g.levels.end()) {
            out->emplace_back(it->second, 1.0);
          } else if (g.other != kNone) {
            out->emplace_back(g.other, 1.0);
          }
        } else if (v->is_array()) {
          const size_t first = out->size();
          for (const Value& e : v->as_array()) {
            if (!e.is_string()) continue;
            auto it = g.levels.find(absl::AsciiStrToLower(e.as_string()));
            if (it == g.levels.end()) continue;
            bool dup = false;
            for (size_t k = first; k < out->size(); ++k) dup |= (*out)[k].first == it->second;
            if (!dup) out->emplace_back(it->second, 1.0);
          }
        }
        break;
      case Group::Type::kNumber:
        if (v->is_number()) {
          const double x = v->as_number();
          const size_t bin = static_cast<size_t>(
              std::upper_bound(g.edges.begin(), g.edges.end(), x) - g.edges.begin());
          if (g.bins[bin] != kNone) out->emplace_back(g.bins[bin], 1.0);
        }
        break;
      case Group::Type::kBool:
        if (v->is_bool()) {
          const uint32_t c = v->as_bool() ? g.bool_true : g.bool_false;
          if (c != kNone) out->emplace_back(c, 1.0);
        } else if (v->is_array()) {
          bool has_true = false, has_false = false;
          for (const Value& e : v->as_array()) {
            if (e.is_bool()) (e.as_bool() ? has_true : has_false) = true;
          }
          if (has_true && g.bool_true != kNone) out->emplace_back(g.bool_true, 1.0);
          if (has_false && g.bool_false != kNone) out->emplace_back(g.bool_false, 1.0);
        }
        break;
    }
  }
  for (const auto& [type, count] : row.event_counts) {
    if (type >= event_columns_.size() || event_columns_[type] == kNone || count == 0) continue;
    out->emplace_back(event_columns_[type], phi_[std::min(count, max_event_count_)]);
  }
  std::sort(out->begin(), out->end());
}

}  // namespace internal

double EventCountFeature(uint32_t n, uint32_t max_event_count) {
  if (max_event_count < 1) max_event_count = 1;
  const std::vector<uint32_t> knots = internal::EventKnots(max_event_count);
  const std::vector<double> coefficients = internal::EventKnotCoefficients(max_event_count);
  double phi = 0;
  for (size_t j = 0; j < knots.size(); ++j) {
    phi += coefficients[j] * static_cast<double>(std::min(n, knots[j]));
  }
  return phi;
}

}  // namespace leadscore
