// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/version.h"

namespace leadscore {

const char* Version() { return LEADSCORE_VERSION_STRING; }

}  // namespace leadscore
