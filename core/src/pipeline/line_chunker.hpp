// Cuts JSON lines into stretches that end at a line end, each read on its own by a worker
// (docs/design.md, "The file pipeline"). Stretch k holds the lines that start in bytes
// [k * S, (k + 1) * S) of the input, so where the input is cut depends on its bytes alone,
// whether it is read plain or decoded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parse/file_source.hpp"
#include "pipeline/buffer_pool.hpp"
#include "pipeline/chunk_filter.hpp"
#include "pipeline/positional_file.hpp"

namespace papersieve::detail {

class LineChunker {
 public:
  // `first`: what the file gave already (detection read it); `max_line`: the reader's limit
  // on a line. A line longer than it that runs past a stretch is read only to find its end,
  // and handed on as LineChunk::overlong_length, so memory stays at a stretch and the limit.
  // Stretches are read into buffers from `buffers`; give them back once read. A plain file
  // at `path` is read by the workers (read()), each its own stretch; a compressed one is
  // decoded by next(), in order.
  LineChunker(FileSource& file, const std::string& path, std::string_view first,
              std::size_t stretch_bytes, std::size_t max_line, BufferPool& buffers);

  // The next stretch (nullopt at the end of the input), on the calling thread; a plain
  // file's is only placed, for read(). Its line numbers are not known yet (LineNumbers).
  std::optional<LineChunk> next();
  // Reads a stretch next() only placed (a plain file's), once; on any thread.
  void read(LineChunk& chunk) const;

 private:
  // Up to `n` bytes of the decoded input into `out` (what detection read first); 0 at its end.
  std::size_t read_stream(char* out, std::size_t n);

  FileSource& file_;
  std::optional<PositionalFile> plain_;  // the file, when it is not compressed
  BufferPool& buffers_;
  std::string_view first_;
  std::size_t stretch_;
  std::size_t max_line_;
  std::string carry_;  // the start of a line the previous stretch did not end
  bool eof_ = false;
  std::uint64_t sequence_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace papersieve::detail
