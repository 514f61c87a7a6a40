#include "pipeline/held_hits.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "papersieve/error.hpp"

namespace papersieve::detail {
namespace {

constexpr std::size_t kWriteBytes = 1 << 20;  // what the output is handed at a time

[[noreturn]] void temporary_file_failed(const char* what) {
  throw IoError(std::string("temporary file for the held hits: ") + what + ": " +
                std::strerror(errno));
}

}  // namespace

HeldHits::HeldHits(SortOrder order, std::optional<std::size_t> top, std::size_t memory_budget)
    : order_(order), top_(top), budget_(memory_budget) {}

HeldHits::~HeldHits() {
  if (file_ != nullptr) std::fclose(file_);
}

void HeldHits::add(const RankKey& key, std::string_view line) {
  if (top_ && *top_ == 0) return;
  if (file_ == nullptr && memory_.size() + line.size() > budget_) spill();
  Entry entry{key, file_ != nullptr ? file_size_ : memory_.size(),
              static_cast<std::uint32_t>(line.size())};
  if (file_ != nullptr) {
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size())
      temporary_file_failed("writing");
    file_size_ += line.size();
  } else {
    memory_.append(line);
  }
  entries_.push_back(entry);
  // With a top, the entries that can no longer make the cut are dropped as they pile up.
  if (top_ && entries_.size() >= 2 * *top_ + 1024) keep_best(*top_);
}

void HeldHits::keep_best(std::size_t count) {
  const auto before = [this](const Entry& a, const Entry& b) {
    return ranks_before(order_, a.key, b.key);
  };
  if (entries_.size() > count) {
    std::nth_element(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(count),
                     entries_.end(), before);
    entries_.resize(count);
  }
  if (file_ != nullptr) return;  // the file keeps the lines of the dropped ones
  std::string kept;
  kept.reserve(memory_.size() / 2);
  for (Entry& entry : entries_) {
    const std::uint64_t at = kept.size();
    kept.append(memory_, entry.offset, entry.size);
    entry.offset = at;
  }
  memory_.swap(kept);
}

void HeldHits::spill() {
  file_ = std::tmpfile();
  if (file_ == nullptr) temporary_file_failed("creating");
  if (std::fwrite(memory_.data(), 1, memory_.size(), file_) != memory_.size())
    temporary_file_failed("writing");
  file_size_ = memory_.size();
  std::string().swap(memory_);
}

std::size_t HeldHits::write_ranked(const OutputWriter& write) {
  if (top_) keep_best(*top_);
  std::sort(entries_.begin(), entries_.end(),
            [this](const Entry& a, const Entry& b) { return ranks_before(order_, a.key, b.key); });
  if (file_ != nullptr && std::fflush(file_) != 0) temporary_file_failed("writing");
  std::string out;
  out.reserve(kWriteBytes + 4096);
  for (const Entry& entry : entries_) {
    if (file_ == nullptr) {
      out.append(memory_, entry.offset, entry.size);
    } else {
      const std::size_t at = out.size();
      out.resize(at + entry.size);
      std::size_t done = 0;
      while (done < entry.size) {
        const ssize_t got = ::pread(fileno(file_), &out[at + done], entry.size - done,
                                    static_cast<off_t>(entry.offset + done));
        if (got <= 0) temporary_file_failed("reading");
        done += static_cast<std::size_t>(got);
      }
    }
    if (out.size() >= kWriteBytes) {
      write(out);
      out.clear();
    }
  }
  if (!out.empty()) write(out);
  return entries_.size();
}

}  // namespace papersieve::detail
