// A compact set of 64-bit key hashes: the papers a stream has already handed
// out, remembered in 8 bytes each (a node-based set costs ~40), so duplicate
// detection over the 2.7M-record arXiv snapshot stays within a few tens of MB.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace papersieve::detail {

class SeenKeys {
 public:
  void insert(std::uint64_t key);
  bool contains(std::uint64_t key) const;
  std::size_t size() const { return sorted_.size() + recent_.size(); }

 private:
  // New keys gather in a small hash set and are merged into the sorted vector
  // in bulk, so inserts stay amortized O(1) and lookups O(log n).
  static constexpr std::size_t kMergeAt = 1 << 16;
  void merge_recent();

  std::vector<std::uint64_t> sorted_;
  std::unordered_set<std::uint64_t> recent_;
};

}  // namespace papersieve::detail
