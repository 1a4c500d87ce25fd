// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The control for core_includes_predictive.cc: the same command, on a core
// source that includes only core headers (public and private), must build.
#include "engine/engine.h"
#include "leadscore/leadscore.h"
