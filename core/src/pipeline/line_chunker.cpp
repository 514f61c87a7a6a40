#include "pipeline/line_chunker.hpp"

#include <algorithm>
#include <cstring>

namespace papersieve::detail {

LineChunker::LineChunker(FileSource& file, std::string_view first, std::size_t stretch_bytes,
                         std::size_t max_line, BufferPool& buffers)
    : file_(file), buffers_(buffers), first_(first), stretch_(stretch_bytes), max_line_(max_line) {}

std::optional<LineChunk> LineChunker::next() {
  LineChunk chunk;
  chunk.text = buffers_.take();
  chunk.text.reserve(stretch_ + (FileSource::kChunkBytes << 1));
  chunk.text.append(carry_);
  carry_.clear();
  chunk.first_line = line_;
  chunk.offset = offset_;
  std::size_t searched = 0;  // chunk.text before this holds no line end past the stretch
  std::size_t cut = std::string::npos;
  while (true) {
    if (chunk.text.size() >= stretch_) {
      const std::size_t from = std::max(searched, stretch_ - 1);
      const std::size_t nl = chunk.text.find('\n', from);
      if (nl != std::string::npos) {
        cut = nl + 1;
        break;
      }
      searched = chunk.text.size();
      if (chunk.text.size() >= stretch_ + max_line_) {  // no line end in sight: cut anyway
        cut = chunk.text.size();
        break;
      }
    }
    if (eof_) break;
    const std::string_view piece = first_.empty() ? file_.next() : first_;
    first_ = {};
    if (piece.empty()) {
      eof_ = true;
      continue;
    }
    chunk.text.append(piece);
  }
  if (cut != std::string::npos && cut < chunk.text.size()) {
    carry_.assign(chunk.text, cut, std::string::npos);
    chunk.text.resize(cut);
  }
  if (chunk.text.empty()) {
    buffers_.give(std::move(chunk.text));
    return std::nullopt;
  }
  for (const char* at = chunk.text.data();
       (at = static_cast<const char*>(
            std::memchr(at, '\n', chunk.text.data() + chunk.text.size() - at))) != nullptr;
       ++at)
    ++line_;
  offset_ += chunk.text.size();
  return chunk;
}

}  // namespace papersieve::detail
