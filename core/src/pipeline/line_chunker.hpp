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
  // `first`: what the file gave already (detection read it); `max_line`: the reader's limit
  // on a line. A line longer than it that runs past a stretch is read only to find its end,
  // and handed on as LineChunk::overlong_length, so memory stays at a stretch and the limit.
  // Stretches are read into buffers from `buffers`; give them back once read.
  LineChunker(FileSource& file, std::string_view first, std::size_t stretch_bytes,
              std::size_t max_line, BufferPool& buffers);

  std::optional<LineChunk> next();  // nullopt at the end of the input

 private:
  // Up to `n` bytes of the input into `out` (what detection read first); 0 at its end.
  std::size_t read(char* out, std::size_t n);
  // The line at chunk[start, size) is longer than the limit: reads on to its end without
  // keeping it; what follows its line end is carried to the next stretch.
  void skip_overlong(LineChunk& chunk, std::size_t start);

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
