#include "pipeline/sorted_run.hpp"

#include <algorithm>
#include <cstring>

#include "papersieve/error.hpp"

namespace papersieve::detail {
namespace {

// Runs are not compressed: JSON lines of distinct papers shrink about 3.3 times under zstd's
// fastest levels, at ~220 MB/s here, which costs more CPU than writing the bytes to the page
// cache and reading them back (docs/performance.md).
constexpr std::size_t kWriteBytes = std::size_t{256} << 10;  // appended to the file at once
constexpr std::size_t kReadBytes = std::size_t{64} << 10;    // read from the file at once

template <class T>
void put_value(std::string& to, const T& value) {
  to.append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

RunWriter::RunWriter(SortOrder order, SpillFile& file) : order_(order), file_(file) {
  out_.reserve(kWriteBytes);
  run_.offset = file_.size();
}

void RunWriter::add(const RankKey& key, std::string_view line) {
  record_.clear();
  put_value(record_, key.score);
  put_value(record_, key.input);
  if (order_ == SortOrder::published) {
    put_value(record_, key.date_size);
    record_.append(key.date.data(), key.date_size);
  }
  if (order_ == SortOrder::upvotes) {
    put_value(record_, static_cast<std::uint8_t>(key.has_upvotes));
    if (key.has_upvotes) put_value(record_, key.upvotes);
  }
  put_value(record_, static_cast<std::uint32_t>(line.size()));
  put(record_);
  put(line);
  ++run_.hits;
}

Run RunWriter::finish() {
  file_.append(out_);
  run_.bytes += out_.size();
  out_.clear();
  const Run run = run_;
  run_ = Run{file_.size(), 0, 0};
  return run;
}

void RunWriter::put(std::string_view bytes) {
  if (out_.size() + bytes.size() > kWriteBytes && !out_.empty()) {
    file_.append(out_);
    run_.bytes += out_.size();
    out_.clear();
  }
  if (bytes.size() >= kWriteBytes) {  // a line as large as the buffer goes straight out
    file_.append(bytes);
    run_.bytes += bytes.size();
    return;
  }
  out_.append(bytes);
}

RunReader::RunReader(SortOrder order, const SpillFile& file, const Run& run)
    : order_(order),
      file_(file),
      next_read_(run.offset),
      end_(run.offset + run.bytes),
      hits_left_(run.hits),
      buffer_(kReadBytes, '\0') {}

void RunReader::corrupt(const char* what) const {
  throw IoError(std::string("temporary file for the held hits: ") + what);
}

bool RunReader::next() {
  if (!fill(1)) {
    if (hits_left_ > 0) corrupt("a run is cut short");
    return false;
  }
  if (hits_left_ == 0) corrupt("a run holds more hits than were written");
  --hits_left_;
  std::size_t at = 0;  // past begin_, which fill may move
  const auto take = [this, &at](void* into, std::size_t size) {
    if (!fill(at + size)) corrupt("a run ends within a hit");
    std::memcpy(into, buffer_.data() + begin_ + at, size);
    at += size;
  };
  key_ = RankKey{};
  take(&key_.score, sizeof key_.score);
  take(&key_.input, sizeof key_.input);
  if (order_ == SortOrder::published) {
    take(&key_.date_size, sizeof key_.date_size);
    if (key_.date_size > key_.date.size()) corrupt("a run holds a date too long");
    take(key_.date.data(), key_.date_size);
  }
  if (order_ == SortOrder::upvotes) {
    std::uint8_t has = 0;
    take(&has, sizeof has);
    key_.has_upvotes = has != 0;
    if (key_.has_upvotes) take(&key_.upvotes, sizeof key_.upvotes);
  }
  std::uint32_t size = 0;
  take(&size, sizeof size);
  if (!fill(at + size)) corrupt("a run ends within a hit");
  line_ = std::string_view(buffer_.data() + begin_ + at, size);
  begin_ += at + size;
  return true;
}

bool RunReader::fill(std::size_t bytes) {
  if (filled_ - begin_ >= bytes) return true;
  if (buffer_.size() - begin_ < bytes) {  // make room: drop what was taken, grow for a long line
    std::memmove(buffer_.data(), buffer_.data() + begin_, filled_ - begin_);
    filled_ -= begin_;
    begin_ = 0;
    if (buffer_.size() < bytes) buffer_.resize(std::max(bytes, 2 * buffer_.size()));
  }
  const std::uint64_t left = end_ - next_read_;
  const std::size_t missing = bytes - (filled_ - begin_);
  if (left < missing) return false;
  // As much as the buffer holds (room for what is missing, at least, was made above).
  const auto size =
      static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer_.size() - filled_));
  file_.read(next_read_, buffer_.data() + filled_, size);
  next_read_ += size;
  filled_ += size;
  return true;
}

}  // namespace papersieve::detail
