// Runs tasks on worker threads and hands their results back in task order: the calling thread
// makes the tasks and settles the results, the workers do everything between
// (docs/design.md, "The file pipeline"). One thread, or none to spare: all on the calling
// thread, with the same tasks, so the outcome never depends on the thread count.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace papersieve::detail {

// next() -> std::optional<Task> (nullopt: no more), work(Task&&) -> Result, settle(Result&&).
// At most 2 * threads + 2 tasks are in flight, which bounds memory; a worker that finishes
// before the task ahead of it finds more waiting, so the order of results stalls no one. The
// first exception of any of them is rethrown, after every thread has stopped.
template <class Task, class Result, class Next, class Work, class Settle>
void run_ordered(std::size_t threads, Next&& next, Work&& work, Settle&& settle) {
  struct Slot {
    std::optional<Task> task;
    std::optional<Result> result;
    std::exception_ptr error;
    bool done = false;
  };
  struct Shared {
    std::mutex mutex;
    std::condition_variable work_ready, slot_done;
    std::deque<Slot*> queue;
    bool closing = false;
  } shared;
  std::deque<std::unique_ptr<Slot>> window;  // in task order; outlives the workers
  std::vector<std::thread> workers;
  // Stops and joins the workers however this function is left.
  struct Joiner {
    Shared& shared;
    std::vector<std::thread>& workers;
    ~Joiner() {
      {
        const std::lock_guard<std::mutex> lock(shared.mutex);
        shared.closing = true;
      }
      shared.work_ready.notify_all();
      for (auto& worker : workers) worker.join();
    }
  } joiner{shared, workers};
  auto worker_loop = [&] {
    while (true) {
      Slot* slot = nullptr;
      {
        std::unique_lock<std::mutex> lock(shared.mutex);
        shared.work_ready.wait(lock, [&] { return shared.closing || !shared.queue.empty(); });
        if (shared.closing) return;
        slot = shared.queue.front();
        shared.queue.pop_front();
      }
      try {
        slot->result.emplace(work(std::move(*slot->task)));
      } catch (...) {
        slot->error = std::current_exception();
      }
      slot->task.reset();
      {
        const std::lock_guard<std::mutex> lock(shared.mutex);
        slot->done = true;
      }
      shared.slot_done.notify_all();
    }
  };
  if (threads > 1) {
    try {
      for (std::size_t i = 0; i < threads; ++i) workers.emplace_back(worker_loop);
    } catch (const std::system_error&) {  // no threads to spare: the ones started do the work
    }
  }
  if (workers.empty()) {
    while (std::optional<Task> task = next()) settle(work(std::move(*task)));
    return;
  }
  bool more = true;
  while (true) {
    while (more && window.size() < 2 * workers.size() + 2) {
      std::optional<Task> task = next();
      if (!task) {
        more = false;
        break;
      }
      window.push_back(std::make_unique<Slot>());
      window.back()->task = std::move(task);
      {
        const std::lock_guard<std::mutex> lock(shared.mutex);
        shared.queue.push_back(window.back().get());
      }
      shared.work_ready.notify_one();
    }
    if (window.empty()) return;
    {
      std::unique_lock<std::mutex> lock(shared.mutex);
      shared.slot_done.wait(lock, [&] { return window.front()->done; });
    }
    std::unique_ptr<Slot> front = std::move(window.front());
    window.pop_front();
    if (front->error) std::rethrow_exception(front->error);
    settle(std::move(*front->result));
  }
}

}  // namespace papersieve::detail
