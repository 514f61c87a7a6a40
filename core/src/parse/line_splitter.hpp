// Splits a chunked byte stream into lines, tracking line numbers and byte offsets.
// Handles LF and CRLF endings, a UTF-8 BOM at the start, and a last line without
// a newline. Lines are views into the chunk when they lie within it (no copy).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace papersieve::detail {

struct Line {
  std::string_view text;     // without the line ending
  std::uint64_t number = 0;  // 1-based
  std::uint64_t offset = 0;  // byte offset of the line's first byte
};

class LineSplitter {
 public:
  template <class OnLine>
  void feed(std::string_view chunk, OnLine&& on_line) {
    while (!chunk.empty()) {
      const void* nl = std::memchr(chunk.data(), '\n', chunk.size());
      if (nl == nullptr) {
        partial_.append(chunk);
        return;
      }
      const auto length = static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data());
      if (partial_.empty()) {
        emit(chunk.substr(0, length), length + 1, on_line);
      } else {
        partial_.append(chunk.substr(0, length));
        emit(partial_, partial_.size() + 1, on_line);
        partial_.clear();
      }
      chunk.remove_prefix(length + 1);
    }
  }

  template <class OnLine>
  void finish(OnLine&& on_line) {
    if (!partial_.empty()) {
      emit(partial_, partial_.size(), on_line);
      partial_.clear();
    }
  }

 private:
  template <class OnLine>
  void emit(std::string_view text, std::size_t consumed, OnLine& on_line) {
    Line line{text, ++line_number_, offset_};
    offset_ += consumed;
    if (line.number == 1 && line.text.substr(0, 3) == "\xEF\xBB\xBF") line.text.remove_prefix(3);
    if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
    on_line(line);
  }

  std::string partial_;
  std::uint64_t line_number_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace papersieve::detail
