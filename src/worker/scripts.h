// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The Lua scripts of the worker (docs/scale-out.md, "Exactly once"). Each
// touches keys of one partition only (one hash tag, one cluster slot), all
// passed in KEYS, and starts with a shebang so that Redis refuses it before
// it runs when memory is short (a script that fails half-way would leave its
// first writes in place). Every script that writes a partition's data first
// checks the lease holds the caller's token (fencing): a worker that paused
// past its lease cannot write.

#ifndef LEADSCORE_SRC_WORKER_SCRIPTS_H_
#define LEADSCORE_SRC_WORKER_SCRIPTS_H_

#include "worker/redis_client.h"

namespace leadscore::internal {

// KEYS: lease, fence. ARGV: worker id, ttl ms. Takes a free lease: returns
// the token "<worker id>:<n>" (n from INCR fence), or false when taken.
const RedisScript& AcquireScript();

// KEYS: lease. ARGV: token, ttl ms. 1 if renewed, 0 if no longer ours.
const RedisScript& RenewScript();

// KEYS: lease. ARGV: token. 1 if released, 0 if no longer ours.
const RedisScript& ReleaseScript();

// KEYS: workers. ARGV: worker id, ttl ms, "1" to leave. Registers the worker
// at the server's time, forgets workers silent for ttl, returns how many are
// live.
const RedisScript& HeartbeatScript();

// KEYS: lease, events. ARGV: token, group, consumer, count. Error LEASELOST
// unless the lease is ours. Returns {claimed, entries}: first every pending
// entry of the group, whoever holds it (XAUTOCLAIM from 0-0, id order), and
// only when none is pending, new ones (XREADGROUP >). So entries reach the
// owner in stream order, and a former owner's entries before any newer one.
const RedisScript& FetchScript();

// KEYS: lease, events, transitions, rejected, then the state and lead keys
// written. ARGV: token, group, trim ("1": XTRIM MINID the last acked id when
// nothing is pending), nsets, the nsets values, nacks, the ids, ntransitions,
// the JSON lines, nrejected, then (entry, kind, line, reason) for each.
// Error LEASELOST unless the lease is ours; otherwise writes everything and
// returns the number of ids acknowledged.
const RedisScript& CommitScript();

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_WORKER_SCRIPTS_H_
