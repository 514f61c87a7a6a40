// A sorted run of held hits (docs/design.md, "The file pipeline"): their rank keys (only the
// fields the order compares) and JSON lines, best first, one after another in the spill file,
// not compressed. A RunWriter appends runs to the file through a buffer; a RunReader reads one
// back sequentially through a small buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "papersieve/rules.hpp"
#include "pipeline/rank_key.hpp"
#include "pipeline/spill_file.hpp"

namespace papersieve::detail {

struct Run {
  std::uint64_t offset = 0;  // in the spill file
  std::uint64_t bytes = 0;
  std::size_t hits = 0;
};

class RunWriter {
 public:
  RunWriter(SortOrder order, SpillFile& file);
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  // Appends a hit to the run being written (the first starts it); hits come best first.
  void add(const RankKey& key, std::string_view line);
  // Ends the run being written and returns it; the next add starts another.
  Run finish();

 private:
  void put(std::string_view bytes);

  SortOrder order_;
  SpillFile& file_;
  std::string record_;  // one hit's key and line length, before its line
  std::string out_;     // bytes not yet appended to the file
  Run run_;
};

class RunReader {
 public:
  RunReader(SortOrder order, const SpillFile& file, const Run& run);
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  // Moves to the run's next hit: false past its last.
  bool next();
  const RankKey& key() const { return key_; }
  std::string_view line() const { return line_; }  // valid until the next call of next()

 private:
  bool fill(std::size_t bytes);  // at least `bytes` bytes unread, unless the run ends
  [[noreturn]] void corrupt(const char* what) const;

  SortOrder order_;
  const SpillFile& file_;
  std::uint64_t next_read_;  // in the file
  std::uint64_t end_;
  std::size_t hits_left_;
  std::string buffer_;  // read from the file: [begin_, filled_) not yet taken
  std::size_t begin_ = 0;
  std::size_t filled_ = 0;
  RankKey key_;
  std::string_view line_;
};

}  // namespace papersieve::detail
