// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "live/commit_worker.h"

#include <system_error>
#include <utility>

namespace leadscore::internal {
namespace {

// Empties a batch but keeps its vectors' capacity (the strings in them are
// freed; the vectors' own buffers are what a batch of 1000 would reallocate).
void ClearKeepingCapacity(StoreBatch* b) {
  b->leads.clear();
  b->states.clear();
  b->erased_leads.clear();
  b->positions.clear();
  b->outbox.clear();
  b->history.clear();
}

}  // namespace

CommitWorker::CommitWorker(StateStore* store) : store_(store) {}

CommitWorker::~CommitWorker() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();  // Run finishes a batch in flight before it sees stop_
}

void CommitWorker::Start(StoreBatch* batch) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::swap(batch_, *batch);
    queued_ = true;
    done_ = false;
  }
  ClearKeepingCapacity(batch);
  busy_ = true;
  if (thread_.joinable()) {
    cv_.notify_all();
    return;
  }
  try {
    thread_ = std::thread(&CommitWorker::Run, this);
  } catch (const std::system_error&) {
    // No thread to be had (a process at its limit): commit here instead,
    // so the batch is committed just the same, only not overlapped.
    std::lock_guard<std::mutex> lock(mu_);
    queued_ = false;
    status_ = store_->Commit(batch_);
    ClearKeepingCapacity(&batch_);
    done_ = true;
  }
}

absl::Status CommitWorker::Wait() {
  if (!busy_) return absl::OkStatus();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return done_; });
  busy_ = false;
  return status_;
}

void CommitWorker::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return queued_ || stop_; });
    if (!queued_) return;  // stop_, nothing queued
    queued_ = false;
    // The caller does not touch batch_ or the store until done_: commit
    // without holding the lock.
    lock.unlock();
    absl::Status s = store_->Commit(batch_);
    // Freeing the batch's strings is work too: done here, off the caller's
    // thread (Start hands the emptied buffers back for reuse).
    ClearKeepingCapacity(&batch_);
    lock.lock();
    status_ = std::move(s);
    done_ = true;
    cv_.notify_all();
  }
}

}  // namespace leadscore::internal
