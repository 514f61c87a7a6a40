#include "pipeline/line_chunker.hpp"

#include <algorithm>
#include <cstring>

namespace papersieve::detail {
namespace {

// What is read past a stretch's size while looking for the line end that closes it: a few
// snapshot records, so that the part carried to the next stretch stays small.
constexpr std::size_t kReadPastBytes = std::size_t{64} << 10;

// Room in `buffer` for `size` + `more` bytes, keeping the first `size`.
char* room(std::string& buffer, std::size_t size, std::size_t more) {
  if (buffer.size() < size + more) buffer.resize(size + more);
  return buffer.data() + size;
}

// chunk.buffer[0, chunk.size) starts at a line start. Reads on with `read` (n bytes into
// out, 0 at the end; `eof` set then) until a line end at or after byte `want` - 1 closes the
// stretch, and cuts it there. A line longer than `max_line` that runs past that byte is read
// only to find its end (LineChunk::overlong_length). Returns what was read past the cut,
// which starts the next stretch (a view into chunk.buffer).
template <class Read>
std::string_view cut_at_line_end(LineChunk& chunk, std::size_t want, std::size_t max_line,
                                 Read&& read, bool& eof) {
  std::size_t searched = 0;  // the stretch before this holds no line end past want
  std::size_t line_start = std::string::npos;  // of the line that runs past want
  while (true) {
    if (chunk.size >= want) {
      const std::size_t from = std::max(searched, want - 1);
      const std::size_t nl = chunk.text().find('\n', from);
      if (nl != std::string::npos) {
        const std::size_t size = std::exchange(chunk.size, nl + 1);
        return {chunk.buffer.data() + nl + 1, size - nl - 1};
      }
      searched = chunk.size;
      if (line_start == std::string::npos) {
        const std::size_t before =
            from == 0 ? std::string::npos : chunk.text().rfind('\n', from - 1);
        line_start = before == std::string::npos ? 0 : before + 1;
      }
      if (chunk.size - line_start > max_line) break;
    }
    if (eof) return {};
    const std::size_t more = chunk.size < want ? want - chunk.size : kReadPastBytes;
    const std::size_t got = read(room(chunk.buffer, chunk.size, more), more);
    eof = got == 0;
    chunk.size += got;
  }
  // The overlong line: read on, over and over into the same bytes, to its line end.
  chunk.overlong_length = chunk.size - line_start;
  chunk.size = line_start;
  while (true) {
    char* const at = room(chunk.buffer, line_start, kReadPastBytes);
    const std::size_t got = read(at, kReadPastBytes);
    if (got == 0) {
      eof = true;
      return {};
    }
    const std::string_view piece(at, got);
    const std::size_t nl = piece.find('\n');
    if (nl == std::string_view::npos) {
      chunk.overlong_length += got;
      continue;
    }
    chunk.overlong_length += nl;
    chunk.overlong_ended = true;
    return piece.substr(nl + 1);
  }
}

}  // namespace

LineChunker::LineChunker(FileSource& file, const std::string& path, std::string_view first,
                         std::size_t stretch_bytes, std::size_t max_line, BufferPool& buffers)
    : file_(file), buffers_(buffers), first_(first), stretch_(stretch_bytes), max_line_(max_line) {
  if (file.compressed()) return;
  plain_.emplace(path);
  // A file whose size says less than it holds (procfs, some FUSE mounts) is read as a stream.
  if (plain_->size() < first.size()) plain_.reset();
}

std::size_t LineChunker::read_stream(char* out, std::size_t n) {
  if (first_.empty()) return file_.read(out, n);
  const std::size_t taken = std::min(n, first_.size());
  std::memcpy(out, first_.data(), taken);
  first_.remove_prefix(taken);
  return taken;
}

std::optional<LineChunk> LineChunker::next() {
  LineChunk chunk;
  chunk.sequence = sequence_++;
  if (plain_) {  // placed only: the lines that start in the next stretch_ bytes
    if (offset_ >= plain_->size()) return std::nullopt;
    chunk.offset = offset_;
    chunk.size =
        static_cast<std::size_t>(std::min<std::uint64_t>(stretch_, plain_->size() - offset_));
    offset_ += chunk.size;
    return chunk;
  }
  chunk.buffer = buffers_.take();
  // The lines that start before the next multiple of stretch_, as a plain file is cut.
  const std::size_t want = static_cast<std::size_t>(stretch_ - offset_ % stretch_);
  // A pooled buffer is sized once: the file is read straight into it (FileSource::read).
  std::memcpy(room(chunk.buffer, 0, std::max(carry_.size(), want + kReadPastBytes)), carry_.data(),
              carry_.size());
  chunk.size = carry_.size();
  chunk.offset = offset_;
  const std::string_view rest = cut_at_line_end(
      chunk, want, max_line_, [this](char* out, std::size_t n) { return read_stream(out, n); },
      eof_);
  carry_.assign(rest);
  if (chunk.size == 0 && chunk.overlong_length == 0) {
    buffers_.give(std::move(chunk.buffer));
    return std::nullopt;
  }
  offset_ = chunk.end();
  return chunk;
}

void LineChunker::read(LineChunk& chunk) const {
  if (!plain_) return;  // next() read it
  const std::uint64_t begin = chunk.offset;
  const std::uint64_t end = begin + chunk.size;
  chunk.size = 0;
  chunk.buffer = buffers_.take();
  room(chunk.buffer, 0, stretch_ + kReadPastBytes);
  // The stretch starts at the first line start in [begin, end), if any: a line starts at
  // `begin` when the byte before it ends a line (the buffer holds the bytes looked at).
  std::uint64_t start = begin;
  if (begin > 0) {
    start = end;
    for (std::uint64_t at = begin - 1; at < end - 1;) {
      const auto n =
          static_cast<std::size_t>(std::min<std::uint64_t>(kReadPastBytes, end - 1 - at));
      const std::size_t got = plain_->read_at(at, chunk.buffer.data(), n);
      if (const void* nl = std::memchr(chunk.buffer.data(), '\n', got); nl != nullptr) {
        start =
            at + static_cast<std::uint64_t>(static_cast<const char*>(nl) - chunk.buffer.data()) + 1;
        break;
      }
      if (got < n) break;  // the file is shorter than it was
      at += got;
    }
  }
  chunk.offset = start;
  if (start == end) return;  // no line starts here
  std::uint64_t at = start;
  bool eof = false;
  cut_at_line_end(
      chunk, static_cast<std::size_t>(end - start), max_line_,
      [&](char* out, std::size_t n) {
        const std::size_t got = plain_->read_at(at, out, n);
        at += got;
        return got;
      },
      eof);
}

}  // namespace papersieve::detail
