// Large buffers handed back and reused: a stretch of input or a stretch's JSON lines is a few
// MiB, and a new one each time costs more in page faults (fresh pages zeroed by the kernel)
// than the copy into it (docs/design.md, "The file pipeline").
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace papersieve::detail {

class BufferPool {
 public:
  // A buffer given back, as it was given (size and bytes: the caller clears or overwrites
  // it), or an empty string when there is none.
  std::string take() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return {};
    std::string buffer = std::move(free_.back());
    free_.pop_back();
    return buffer;
  }

  void give(std::string&& buffer) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (free_.size() < kKept) free_.push_back(std::move(buffer));
  }

 private:
  static constexpr std::size_t kKept = 16;  // more than the stretches ever in flight
  std::mutex mutex_;
  std::vector<std::string> free_;
};

}  // namespace papersieve::detail
