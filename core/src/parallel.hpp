// Running work over [0, n) on several threads (std::thread, no pool): parsing
// normalizes records and filtering matches papers with it. Callers write each
// item's result to its own slot and merge in input order, so the outcome is
// identical whatever the number of threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace papersieve::detail {

// The number of threads to use for `requested`: 0 means every core
// (std::thread::hardware_concurrency(), at least 1); never more than 256.
inline std::size_t resolve_threads(std::size_t requested) {
  if (requested == 0) requested = std::max(1u, std::thread::hardware_concurrency());
  return std::min<std::size_t>(requested, 256);
}

// Remembers the first exception thrown by any of several threads.
class FirstError {
 public:
  template <class F>
  void run(F&& f) noexcept {
    try {
      f();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
};

// Calls f(chunk, begin, end) for [0, n) cut into at most `threads` contiguous
// chunks of at least `min_chunk` items (chunk 0 on the calling thread, the
// others on new threads), waits for all, then rethrows the first exception.
template <class F>
void for_chunks(std::size_t n, std::size_t threads, std::size_t min_chunk, F&& f) {
  threads = resolve_threads(threads);
  const std::size_t chunks =
      std::max<std::size_t>(1, std::min(threads, n / std::max<std::size_t>(min_chunk, 1)));
  if (chunks == 1) {
    f(std::size_t{0}, std::size_t{0}, n);
    return;
  }
  auto bound = [&](std::size_t c) { return n / chunks * c + std::min(c, n % chunks); };
  FirstError error;
  std::vector<std::thread> workers;
  workers.reserve(chunks - 1);
  std::size_t spawned = 1;
  try {  // without threads to spare, the calling thread runs the rest of the chunks
    for (; spawned < chunks; ++spawned) {
      const std::size_t c = spawned;
      workers.emplace_back([&, c] { error.run([&] { f(c, bound(c), bound(c + 1)); }); });
    }
  } catch (const std::system_error&) {
  }
  error.run([&] { f(std::size_t{0}, bound(0), bound(1)); });
  for (std::size_t c = spawned; c < chunks; ++c) error.run([&] { f(c, bound(c), bound(c + 1)); });
  for (auto& worker : workers) worker.join();
  error.rethrow();
}

// Runs lead() on the calling thread while up to threads - 1 new threads call
// work(i) for every i in [0, n), claimed `block` at a time; once lead() returns
// the calling thread claims blocks too. Waits for all, then rethrows the first
// exception. Lets a thread that must stay serial (a reader) overlap with the
// parallel part and still share it.
template <class Lead, class Work>
void with_lead(std::size_t n, std::size_t threads, std::size_t block, Lead&& lead, Work&& work) {
  threads = resolve_threads(threads);
  block = std::max<std::size_t>(block, 1);
  const std::size_t helpers = std::min(threads - 1, n / block);  // none for a tiny n
  std::atomic<std::size_t> next{0};
  FirstError error;
  auto claim = [&] {
    for (;;) {
      const std::size_t begin = next.fetch_add(block, std::memory_order_relaxed);
      if (begin >= n) return;
      const std::size_t end = std::min(n, begin + block);
      for (std::size_t i = begin; i < end; ++i) work(i);
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(helpers);
  try {  // fewer helpers when the system has no threads to spare
    for (std::size_t t = 0; t < helpers; ++t) workers.emplace_back([&] { error.run(claim); });
  } catch (const std::system_error&) {
  }
  error.run(lead);
  error.run(claim);
  for (auto& worker : workers) worker.join();
  error.rethrow();
}

}  // namespace papersieve::detail
