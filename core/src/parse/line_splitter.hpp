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
  bool overlong = false;     // longer than the limit: `text` is its first `limit` bytes
  std::uint64_t length = 0;  // overlong: the line's full length in bytes (ending excluded)
};

// The rejection of a record of several lines (a kv-text block, a mailing record)
// longer than ParseOptions::max_record_bytes: its lines past the limit are not kept.
inline std::string oversize_record_message(std::size_t limit) {
  return "record longer than the limit of " + std::to_string(limit) +
         " bytes (max_record_bytes); skipped";
}

// The rejection of an overlong line (ParseOptions::max_record_bytes).
inline std::string overlong_line_message(const Line& line, std::size_t limit) {
  return "line of " + std::to_string(line.length) + " bytes is longer than the limit of " +
         std::to_string(limit) + " bytes (max_record_bytes); skipped";
}

class LineSplitter {
 public:
  LineSplitter() = default;
  explicit LineSplitter(std::size_t limit) : limit_(limit) {}

  // The input fed starts at this line (1-based) and byte offset of a larger input.
  void start_at(std::uint64_t line, std::uint64_t offset) {
    line_number_ = line - 1;
    offset_ = offset;
  }
  std::size_t limit() const { return limit_; }

  template <class OnLine>
  void feed(std::string_view chunk, OnLine&& on_line) {
    while (!chunk.empty()) {
      const void* nl = std::memchr(chunk.data(), '\n', chunk.size());
      if (nl == nullptr) {
        hold(chunk);
        return;
      }
      const auto length = static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data());
      if (partial_length_ == 0) {
        emit(chunk.substr(0, length), length, length + 1, on_line);
      } else {
        hold(chunk.substr(0, length));
        emit(partial_, partial_length_, partial_length_ + 1, on_line);
        partial_.clear();
        partial_length_ = 0;
      }
      chunk.remove_prefix(length + 1);
    }
  }

  template <class OnLine>
  void finish(OnLine&& on_line) {
    if (partial_length_ != 0) {
      emit(partial_, partial_length_, partial_length_, on_line);
      partial_.clear();
      partial_length_ = 0;
    }
  }

 private:
  // Keeps the start of a line that goes on in the next chunk, up to the limit.
  void hold(std::string_view piece) {
    partial_length_ += piece.size();
    if (partial_.size() < limit_) partial_.append(piece.substr(0, limit_ - partial_.size()));
  }

  template <class OnLine>
  void emit(std::string_view text, std::size_t length, std::size_t consumed, OnLine& on_line) {
    Line line{text, ++line_number_, offset_};
    offset_ += consumed;
    if (length > limit_) {
      line.overlong = true;
      line.length = length;
      line.text = text.substr(0, limit_);
    }
    if (line.number == 1 && line.text.substr(0, 3) == "\xEF\xBB\xBF") line.text.remove_prefix(3);
    if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
    on_line(line);
  }

  std::size_t limit_ = static_cast<std::size_t>(-1);
  std::string partial_;
  std::size_t partial_length_ = 0;  // bytes of the partial line, held or not
  std::uint64_t line_number_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace papersieve::detail
