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

std::size_t LineChunker::read(char* out, std::size_t n) {
  if (first_.empty()) return file_.read(out, n);
  const std::size_t taken = std::min(n, first_.size());
  std::memcpy(out, first_.data(), taken);
  first_.remove_prefix(taken);
  return taken;
}

void LineChunker::skip_overlong(LineChunk& chunk, std::size_t start) {
  chunk.overlong_length = chunk.size - start;
  chunk.size = start;
  while (true) {
    const std::size_t got = read(room(chunk.buffer, start, kReadPastBytes), kReadPastBytes);
    if (got == 0) {
      eof_ = true;
      return;
    }
    const std::string_view piece(chunk.buffer.data() + start, got);
    const std::size_t nl = piece.find('\n');
    if (nl == std::string_view::npos) {
      chunk.overlong_length += got;
      continue;
    }
    chunk.overlong_length += nl;
    chunk.overlong_ended = true;
    carry_.assign(piece.substr(nl + 1));
    return;
  }
}

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
  std::size_t line_start = std::string::npos;  // of the line that runs past stretch_
  while (true) {
    if (chunk.size >= stretch_) {
      const std::size_t from = std::max(searched, stretch_ - 1);
      const std::size_t nl = chunk.text().find('\n', from);
      if (nl != std::string::npos) {
        carry_.assign(chunk.buffer, nl + 1, chunk.size - nl - 1);
        chunk.size = nl + 1;
        break;
      }
      searched = chunk.size;
      if (line_start == std::string::npos) {
        const std::size_t before =
            from == 0 ? std::string::npos : chunk.text().rfind('\n', from - 1);
        line_start = before == std::string::npos ? 0 : before + 1;
      }
      if (chunk.size - line_start > max_line_) {
        skip_overlong(chunk, line_start);
        break;
      }
    }
    if (eof_) break;
    const std::size_t want = chunk.size < stretch_ ? stretch_ - chunk.size : kReadPastBytes;
    const std::size_t got = read(room(chunk.buffer, chunk.size, want), want);
    eof_ = got == 0;
    chunk.size += got;
  }
  if (chunk.size == 0 && chunk.overlong_length == 0) {
    buffers_.give(std::move(chunk.buffer));
    return std::nullopt;
  }
  const char* const end = chunk.buffer.data() + chunk.size;
  for (const char* at = chunk.buffer.data();
       (at = static_cast<const char*>(std::memchr(at, '\n', end - at))) != nullptr; ++at)
    ++line_;
  if (chunk.overlong_length > 0) chunk.overlong_line = line_++;
  offset_ = chunk.end();
  return chunk;
}

}  // namespace papersieve::detail
