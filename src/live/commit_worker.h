// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// CommitWorker: StateStore::Commit on a thread of its own, one batch at a
// time, so a live loop can apply batch k+1 in memory while batch k is being
// written (LiveScorer::Submit; docs/live-scoring.md, "Pipelining").
//
// The store is not thread-safe, but it need not be: the worker uses it only
// between Start and the Wait that follows, and the caller must not use it in
// that interval. Wait's return is the hand-over back (the mutex orders every
// write of the worker's thread before it).

#ifndef LEADSCORE_LIVE_COMMIT_WORKER_H_
#define LEADSCORE_LIVE_COMMIT_WORKER_H_

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "leadscore/store/state_store.h"

namespace leadscore::internal {

class CommitWorker {
 public:
  // A worker committing to `store` (not owned; must outlive the worker).
  // The thread starts with the first Start.
  explicit CommitWorker(StateStore* store);
  // Waits for the batch in flight (its status is dropped), ends the thread.
  ~CommitWorker();
  CommitWorker(const CommitWorker&) = delete;
  CommitWorker& operator=(const CommitWorker&) = delete;

  // Starts committing `*batch` (swapped out: *batch receives the buffers of
  // an earlier committed batch, emptied by the worker's thread after its
  // commit, for reuse). Requires !busy().
  void Start(StoreBatch* batch);

  // Blocks until the batch in flight, if any, is committed or failed, and
  // returns its Commit status (OK when nothing was in flight). Afterwards
  // the caller may use the store again.
  absl::Status Wait();

  // Whether a batch was started and not yet waited for.
  bool busy() const { return busy_; }

 private:
  void Run();

  StateStore* store_;
  bool busy_ = false;  // caller's thread only
  std::mutex mu_;
  std::condition_variable cv_;
  StoreBatch batch_;        // guarded by mu_ while queued_ or committing
  bool queued_ = false;     // batch_ is to be committed
  bool done_ = false;       // the last batch started is committed (or failed)
  bool stop_ = false;
  absl::Status status_;     // of the last commit
  std::thread thread_;
};

}  // namespace leadscore::internal

#endif  // LEADSCORE_LIVE_COMMIT_WORKER_H_
