// A sorted run of held hits (docs/design.md, "The file pipeline"): their rank keys (only the
// fields the order compares) and JSON lines, best first, as one zstd frame in the spill file.
// A RunWriter compresses runs one after another into the file; a RunReader reads one back
// sequentially through small buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"
#include "pipeline/rank_key.hpp"
#include "pipeline/spill_file.hpp"

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace papersieve::detail {

struct Run {
  std::uint64_t offset = 0;  // in the spill file
  std::uint64_t bytes = 0;   // compressed
  std::size_t hits = 0;
};

class RunWriter {
 public:
  RunWriter(SortOrder order, SpillFile& file);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  // Appends a hit to the run being written (the first starts it); hits come best first.
  void add(const RankKey& key, std::string_view line);
  // Ends the run being written and returns it; the next add starts another.
  Run finish();

 private:
  void compress(std::string_view bytes, bool end);  // end: ends the run's frame

  SortOrder order_;
  SpillFile& file_;
  ZSTD_CCtx_s* cctx_;
  std::string record_;  // one hit's key and line length, before its line
  std::string out_;     // compressed bytes not yet appended to the file
  std::size_t out_size_ = 0;
  Run run_;
};

class RunReader {
 public:
  RunReader(SortOrder order, const SpillFile& file, const Run& run);
  ~RunReader();
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  // Moves to the run's next hit: false past its last.
  bool next();
  const RankKey& key() const { return key_; }
  std::string_view line() const { return line_; }  // valid until the next call of next()

 private:
  bool fill(std::size_t bytes);  // at least `bytes` decompressed bytes unread, unless the run ends
  [[noreturn]] void corrupt(const char* what) const;

  SortOrder order_;
  const SpillFile& file_;
  ZSTD_DCtx_s* dctx_;
  std::uint64_t next_read_;  // in the file
  std::uint64_t end_;
  std::vector<char> in_;  // compressed: [in_begin_, in_end_) not yet decompressed
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  bool frame_done_ = false;
  std::string out_;  // decompressed: [begin_, filled_) not yet read
  std::size_t begin_ = 0;
  std::size_t filled_ = 0;
  RankKey key_;
  std::string_view line_;
};

}  // namespace papersieve::detail
