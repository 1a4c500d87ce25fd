// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/value.h"

#include "util/secure_zero.h"

namespace leadscore {

// Out of line so that the public header needs no private one.
void Value::Wipe() {
  internal::SecureWipe(&string_);
  for (Value& e : array_) e.Wipe();
  std::vector<Value>().swap(array_);
  number_ = 0;
  kind_ = Kind::kNull;
}

}  // namespace leadscore
