// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The control for worker_includes_store.cc: a worker source that includes its
// own headers (public and private) and those of core and io must build.
#include "leadscore/io/transition_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/worker.h"
#include "worker/scripts.h"
