// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Compiled by tests/layering/check.cmake in the worker layer's context: the
// worker keeps its states in Redis and must not depend on the store layer.
#include "leadscore/store/state_store.h"
