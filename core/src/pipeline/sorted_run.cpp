#include "pipeline/sorted_run.hpp"

#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "papersieve/error.hpp"

namespace papersieve::detail {
namespace {

// Level 1: the runs shrink about 3.6 times at several hundred MB/s, which costs less than
// writing the bytes a negative level leaves (docs/performance.md). A window of 64 KiB spans
// dozens of JSON lines (larger ones gain under 1%) and keeps each reader of the merge, with its
// decompressor, under half a MiB.
constexpr int kLevel = 1;
constexpr int kWindowLog = 16;
constexpr std::size_t kWriteBytes = std::size_t{256} << 10;  // appended to the file at once
constexpr std::size_t kReadBytes = std::size_t{64} << 10;    // read from the file at once
constexpr std::size_t kLineBytes = std::size_t{64} << 10;    // decompressed, grows for a line

std::size_t checked(std::size_t status) {
  if (ZSTD_isError(status))
    throw IoError(std::string("temporary file for the held hits: zstd: ") +
                  ZSTD_getErrorName(status));
  return status;
}

template <class T>
void put(std::string& to, const T& value) {
  to.append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

RunWriter::RunWriter(SortOrder order, SpillFile& file)
    : order_(order), file_(file), cctx_(ZSTD_createCCtx()), out_(kWriteBytes, '\0') {
  if (cctx_ == nullptr) throw std::bad_alloc();
  checked(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, kLevel));
  checked(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_windowLog, kWindowLog));
  run_.offset = file_.size();
}

RunWriter::~RunWriter() { ZSTD_freeCCtx(cctx_); }

void RunWriter::add(const RankKey& key, std::string_view line) {
  record_.clear();
  put(record_, key.score);
  put(record_, key.input);
  if (order_ == SortOrder::published) {
    put(record_, key.date_size);
    record_.append(key.date.data(), key.date_size);
  }
  if (order_ == SortOrder::upvotes) {
    put(record_, static_cast<std::uint8_t>(key.has_upvotes));
    if (key.has_upvotes) put(record_, key.upvotes);
  }
  put(record_, static_cast<std::uint32_t>(line.size()));
  compress(record_, false);
  compress(line, false);
  ++run_.hits;
}

Run RunWriter::finish() {
  compress({}, true);
  file_.append({out_.data(), out_size_});
  run_.bytes += out_size_;
  out_size_ = 0;
  const Run run = run_;
  run_ = Run{file_.size(), 0, 0};
  return run;
}

void RunWriter::compress(std::string_view bytes, bool end) {
  const ZSTD_EndDirective mode = end ? ZSTD_e_end : ZSTD_e_continue;
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  for (;;) {
    ZSTD_outBuffer out{out_.data(), out_.size(), out_size_};
    const std::size_t left = checked(ZSTD_compressStream2(cctx_, &out, &in, mode));
    out_size_ = out.pos;
    if (out_size_ == out_.size()) {
      file_.append(out_);
      run_.bytes += out_size_;
      out_size_ = 0;
    }
    if (end ? left == 0 : in.pos == in.size) return;
  }
}

RunReader::RunReader(SortOrder order, const SpillFile& file, const Run& run)
    : order_(order),
      file_(file),
      dctx_(ZSTD_createDCtx()),
      next_read_(run.offset),
      end_(run.offset + run.bytes),
      in_(kReadBytes),
      out_(kLineBytes, '\0') {
  if (dctx_ == nullptr) throw std::bad_alloc();
  checked(ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, kWindowLog));
}

RunReader::~RunReader() { ZSTD_freeDCtx(dctx_); }

void RunReader::corrupt(const char* what) const {
  throw IoError(std::string("temporary file for the held hits: ") + what);
}

bool RunReader::next() {
  if (!fill(1)) return false;
  std::size_t at = 0;  // past begin_, which fill may move
  const auto take = [this, &at](void* into, std::size_t size) {
    if (!fill(at + size)) corrupt("a run ends within a hit");
    std::memcpy(into, out_.data() + begin_ + at, size);
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
  line_ = std::string_view(out_.data() + begin_ + at, size);
  begin_ += at + size;
  return true;
}

bool RunReader::fill(std::size_t bytes) {
  while (filled_ - begin_ < bytes) {
    if (out_.size() - begin_ < bytes) {  // make room: drop what was read, grow for a long line
      std::memmove(out_.data(), out_.data() + begin_, filled_ - begin_);
      filled_ -= begin_;
      begin_ = 0;
      if (out_.size() < bytes) out_.resize(std::max(bytes, 2 * out_.size()));
    }
    if (in_begin_ == in_end_) {
      if (next_read_ == end_) {
        if (frame_done_) return false;
        corrupt("a run is cut short");
      }
      const std::size_t size =
          static_cast<std::size_t>(std::min<std::uint64_t>(in_.size(), end_ - next_read_));
      file_.read(next_read_, in_.data(), size);
      next_read_ += size;
      in_begin_ = 0;
      in_end_ = size;
    }
    ZSTD_inBuffer in{in_.data(), in_end_, in_begin_};
    ZSTD_outBuffer out{out_.data(), out_.size(), filled_};
    frame_done_ = checked(ZSTD_decompressStream(dctx_, &out, &in)) == 0;
    in_begin_ = in.pos;
    filled_ = out.pos;
  }
  return true;
}

}  // namespace papersieve::detail
