// Cuts JSON lines into stretches that end at a line end, each read on its own by a worker
// (docs/design.md, "The file pipeline").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parse/file_source.hpp"
#include "pipeline/buffer_pool.hpp"
#include "pipeline/chunk_filter.hpp"

namespace papersieve::detail {

class LineChunker {
 public:
  // `first`: what the file gave already (detection read it); `max_line` bounds a stretch
  // that finds no line end (the reader then rejects the line as overlong).
  // Stretches are read into buffers from `buffers`; give them back once read.
  LineChunker(FileSource& file, std::string_view first, std::size_t stretch_bytes,
              std::size_t max_line, BufferPool& buffers);

  std::optional<LineChunk> next();  // nullopt at the end of the input

 private:
  FileSource& file_;
  BufferPool& buffers_;
  std::string_view first_;
  std::size_t stretch_;
  std::size_t max_line_;
  std::string carry_;  // the start of a line the previous stretch did not end
  bool eof_ = false;
  std::uint64_t line_ = 1;
  std::uint64_t offset_ = 0;
};

}  // namespace papersieve::detail
