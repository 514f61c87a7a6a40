// A compact set of 64-bit key hashes: the papers a stream has already handed
// out, remembered in 8-16 bytes each (a node-based set costs ~40), so duplicate
// detection over the 2.7M-record arXiv snapshot stays within a few tens of MB.
// One flat open-addressing table: a lookup is one or two cache misses.
#pragma once

#include <cstdint>
#include <vector>

namespace papersieve::detail {

class SeenKeys {
 public:
  void insert(std::uint64_t key);
  bool contains(std::uint64_t key) const;
  // Brings the slot `key` starts probing at into the cache: a table of millions of keys is
  // far larger than the cache, and a look-up issued early overlaps the misses.
  void prefetch(std::uint64_t key) const;
  std::size_t size() const { return size_; }

 private:
  std::size_t slot(std::uint64_t key) const;
  void grow();

  std::vector<std::uint64_t> slots_;  // a power of two, at most 7/8 full
  std::size_t size_ = 0;
};

}  // namespace papersieve::detail
