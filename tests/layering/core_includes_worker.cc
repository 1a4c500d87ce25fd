// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Compiled by tests/layering/check.cmake in the core layer's context: the
// core must not reach the optional Redis worker layer (docs/scale-out.md).
#include "leadscore/worker/worker.h"
