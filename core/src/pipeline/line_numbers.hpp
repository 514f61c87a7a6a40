// Numbers the lines of the stretches the workers read: each worker counts its own stretch's
// line ends and learns where it starts from the stretches before it, in input order
// (docs/design.md, "The file pipeline"). A worker waits only for the count of the stretch
// before its own, which that stretch's worker makes first, before any other work.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "papersieve/error.hpp"
#include "pipeline/chunk_filter.hpp"

namespace papersieve::detail {

class LineNumbers {
 public:
  // Sets chunk.first_line and chunk.overlong_line once every stretch before it is numbered.
  // Throws when one of them failed (fail()) and will never be.
  void number(LineChunk& chunk) {
    std::uint64_t lines = 0;
    const char* const end = chunk.buffer.data() + chunk.size;
    for (const char* at = chunk.buffer.data();
         (at = static_cast<const char*>(std::memchr(at, '\n', end - at))) != nullptr; ++at)
      ++lines;
    std::unique_lock<std::mutex> lock(mutex_);
    turn_.wait(lock, [&] { return failed_ || next_ == chunk.sequence; });
    if (failed_) throw Error(Status::internal, "a stretch before this one was not read");
    chunk.first_line = line_;
    line_ += lines;
    if (chunk.overlong_length > 0) chunk.overlong_line = line_++;
    ++next_;
    lock.unlock();
    turn_.notify_all();
  }

  // A stretch that could not be read: the stretches after it stop waiting for it.
  void fail() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      failed_ = true;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ = 0;  // the sequence of the stretch numbered next
  std::uint64_t line_ = 1;  // its first line
  bool failed_ = false;
};

}  // namespace papersieve::detail
