// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Compiled by tests/layering/check.cmake in the core layer's context: a core
// source that reaches for an add-on header must not build.
#include "leadscore/predictive/train.h"
