// The per-record stages of the file pipeline, for one stretch of input at a time and on any
// thread: read, normalize, fold duplicates within the stretch, match, explain and write the
// hits' JSON lines (docs/design.md, "The file pipeline").
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "papersieve/corpus.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/state.hpp"
#include "parse/reader.hpp"
#include "pipeline/buffer_pool.hpp"
#include "pipeline/settled_chunk.hpp"

namespace papersieve::detail {

// What every stretch of one input shares; read only, but for the seen-state's lock.
struct ChunkContext {
  SourceInfo source;  // the format read and its name; identity_only: a scan that counts only
  const RuleSet* rules = nullptr;  // nullptr: count only (scan_file)
  SortOrder sort = SortOrder::score;
  const SeenState* state = nullptr;  // its look-ups take state_lock
  bool show_updated = false;
  std::mutex* state_lock = nullptr;
  BufferPool* line_buffers = nullptr;  // for FilteredChunk::lines; given back once settled
};

// A stretch of JSON lines cut at a line end, and where it starts in the input.
struct LineChunk {
  // The stretch is buffer[0, size); the buffer may be larger (a pooled buffer keeps its size,
  // so that reading into it does not zero it first each time). A plain file's stretch is
  // only placed until a worker reads it (LineChunker::read): no buffer yet, and the lines
  // to read are those that start in [offset, offset + size).
  std::string buffer;
  std::size_t size = 0;
  std::string_view text() const { return {buffer.data(), size}; }
  std::uint64_t first_line = 1;  // 1-based line number of its first byte (LineNumbers)
  std::uint64_t offset = 0;      // byte offset of its first byte
  std::uint64_t sequence = 0;    // its place among the stretches, from 0
  // A line longer than the reader's limit that follows the text, which the chunker read only
  // to find its end: its length without the line end (0: none), where it starts, and whether
  // a line end closed it. The worker rejects it as one reader over the whole input would.
  std::uint64_t overlong_length = 0;
  std::uint64_t overlong_line = 0;
  bool overlong_ended = false;
  // The offset just past the stretch, its overlong line included.
  std::uint64_t end() const { return offset + size + overlong_length + (overlong_ended ? 1 : 0); }
};

// Reads the stretch with a reader of its own (lines and offsets as in the whole input).
FilteredChunk filter_lines(const LineChunk& chunk, const ChunkContext& context);

// A batch of papers read, normalized and de-duplicated already (a PaperStream batch).
FilteredChunk filter_batch(Corpus&& batch, const ChunkContext& context);

}  // namespace papersieve::detail
