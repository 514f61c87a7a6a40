#include "pipeline/line_chunker.hpp"

#include <algorithm>
#include <cstring>

namespace papersieve::detail {

LineChunker::LineChunker(FileSource& file, std::string_view first, std::size_t stretch_bytes,
                         std::size_t max_line, BufferPool& buffers)
    : file_(file), buffers_(buffers), first_(first), stretch_(stretch_bytes), max_line_(max_line) {}

namespace {

// What is read past a stretch's size while looking for the line end that closes it: a few
// snapshot records, so that the part carried to the next stretch stays small.
constexpr std::size_t kReadPastBytes = std::size_t{64} << 10;

// Room in `buffer` for `size` + `more` bytes, keeping the first `size`.
char* room(std::string& buffer, std::size_t size, std::size_t more) {
  if (buffer.size() < size + more) buffer.resize(size + more);
  return buffer.data() + size;
}

}  // namespace

std::optional<LineChunk> LineChunker::next() {
  LineChunk chunk;
  chunk.buffer = buffers_.take();
  // A pooled buffer is sized once: the file is read straight into it (FileSource::read).
  std::memcpy(room(chunk.buffer, 0, std::max(carry_.size(), stretch_ + kReadPastBytes)),
              carry_.data(), carry_.size());
  chunk.size = carry_.size();
  carry_.clear();
  chunk.first_line = line_;
  chunk.offset = offset_;
  std::size_t searched = 0;  // the stretch before this holds no line end past stretch_
  std::size_t cut = std::string::npos;
  while (true) {
    if (chunk.size >= stretch_) {
      const std::size_t from = std::max(searched, stretch_ - 1);
      const std::size_t nl = chunk.text().find('\n', from);
      if (nl != std::string::npos) {
        cut = nl + 1;
        break;
      }
      searched = chunk.size;
      if (chunk.size >= stretch_ + max_line_) {  // no line end in sight: cut anyway
        cut = chunk.size;
        break;
      }
    }
    if (eof_) break;
    std::size_t got = 0;
    if (!first_.empty()) {
      got = first_.size();
      std::memcpy(room(chunk.buffer, chunk.size, got), first_.data(), got);
      first_ = {};
    } else {
      const std::size_t want = chunk.size < stretch_ ? stretch_ - chunk.size : kReadPastBytes;
      got = file_.read(room(chunk.buffer, chunk.size, want), want);
      eof_ = got == 0;
    }
    chunk.size += got;
  }
  if (cut != std::string::npos && cut < chunk.size) {
    carry_.assign(chunk.buffer, cut, chunk.size - cut);
    chunk.size = cut;
  }
  if (chunk.size == 0) {
    buffers_.give(std::move(chunk.buffer));
    return std::nullopt;
  }
  const char* const end = chunk.buffer.data() + chunk.size;
  for (const char* at = chunk.buffer.data();
       (at = static_cast<const char*>(std::memchr(at, '\n', end - at))) != nullptr; ++at)
    ++line_;
  offset_ += chunk.size;
  return chunk;
}

}  // namespace papersieve::detail
