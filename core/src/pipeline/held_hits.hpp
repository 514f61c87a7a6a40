// The hits of a ranked filter, held until the input ends, as a database's external sort holds
// rows (docs/design.md, "The file pipeline"): rank keys and JSON lines in memory up to a budget;
// past it they are sorted and spilled as one sorted run to an unnamed temporary
// file, and at the end the runs and what is still in memory are merged, best first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/filter_file.hpp"
#include "pipeline/rank_key.hpp"
#include "pipeline/sorted_run.hpp"
#include "pipeline/spill_file.hpp"

namespace papersieve::detail {

class HeldHits {
 public:
  // At most this many runs are read at once; more are merged into fewer first.
  static constexpr std::size_t kFanIn = 64;

  HeldHits(SortOrder order, std::optional<std::size_t> top, std::size_t memory_budget);
  HeldHits(const HeldHits&) = delete;
  HeldHits& operator=(const HeldHits&) = delete;

  void add(const RankKey& key, std::string_view line);

  // Every hit kept (at most `top`), best first; returns how many.
  std::size_t write_ranked(const OutputWriter& write);

  // The runs spilled so far and the bytes of the temporary file (0 until the first spill).
  std::size_t runs() const { return runs_.size(); }
  std::uint64_t spilled_bytes() const { return file_ ? file_->size() : 0; }

 private:
  struct Entry {
    RankKey key;
    std::uint64_t offset = 0;  // of its line in memory_
    std::uint32_t size = 0;
  };
  using Sink = std::function<void(const RankKey&, std::string_view)>;

  std::size_t held_bytes() const;
  void keep_best(std::size_t count);  // drops all but the best `count` entries in memory
  void sort_entries();
  void spill();  // the entries in memory become a sorted run in the file
  // Merges `runs` (and the entries in memory, when `with_memory`) into `sink`, best first, up to
  // `limit` hits; returns how many.
  std::size_t merge(const std::vector<Run>& runs, bool with_memory, std::size_t limit,
                    const Sink& sink);

  SortOrder order_;
  std::optional<std::size_t> top_;
  std::size_t budget_;
  std::vector<Entry> entries_;
  std::string memory_;
  std::unique_ptr<SpillFile> file_;
  std::unique_ptr<RunWriter> writer_;
  std::vector<Run> runs_;  // in the order spilled
};

}  // namespace papersieve::detail
