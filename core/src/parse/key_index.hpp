// Key hash -> paper number, for the papers a CorpusBuilder still holds: one flat
// open-addressing table (key_slots.hpp) with the numbers beside it, so finding a duplicate
// costs one or two cache misses and no allocation per paper.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace papersieve::detail {

class KeyIndex {
 public:
  std::optional<std::size_t> find(std::uint64_t key) const;
  // Adds key -> number unless the key is there already; true if added.
  bool emplace(std::uint64_t key, std::size_t number);
  void erase(std::uint64_t key);
  void reserve(std::size_t keys);

 private:
  void rehash(std::size_t slots);

  std::vector<std::uint64_t> keys_;   // a power of two, at most 7/8 full; 0: empty
  std::vector<std::size_t> numbers_;  // beside keys_
  std::size_t size_ = 0;
};

}  // namespace papersieve::detail
