// The hits of a ranked filter, held until the input ends: their rank keys in memory, their
// JSON lines in memory up to a budget and past it in an unnamed temporary file, as a database
// spills a sort (docs/design.md, "The file pipeline").
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/filter_file.hpp"
#include "pipeline/rank_key.hpp"

namespace papersieve::detail {

class HeldHits {
 public:
  HeldHits(SortOrder order, std::optional<std::size_t> top, std::size_t memory_budget);
  ~HeldHits();
  HeldHits(const HeldHits&) = delete;
  HeldHits& operator=(const HeldHits&) = delete;

  void add(const RankKey& key, std::string_view line);

  // Every hit kept (at most `top`), best first; returns how many.
  std::size_t write_ranked(const OutputWriter& write);

 private:
  struct Entry {
    RankKey key;
    std::uint64_t offset = 0;  // of its line: in memory_, or in the file once spilled
    std::uint32_t size = 0;
  };
  void keep_best(std::size_t count);  // drops all but the best `count` entries
  void spill();                       // memory_ into the file, which takes every later line

  SortOrder order_;
  std::optional<std::size_t> top_;
  std::size_t budget_;
  std::vector<Entry> entries_;
  std::string memory_;
  std::FILE* file_ = nullptr;
  std::uint64_t file_size_ = 0;
};

}  // namespace papersieve::detail
