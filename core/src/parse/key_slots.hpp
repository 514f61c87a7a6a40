// Linear probing over a power-of-two table of 64-bit key hashes, 0 marking an empty slot:
// the one probe SeenKeys and KeyIndex share.
#pragma once

#include <cstdint>
#include <vector>

namespace papersieve::detail {

// The keys are hashes already; a key of 0 is stored as 1 (one more collision in 2^64).
inline std::uint64_t stored_key(std::uint64_t key) { return key == 0 ? 1 : key; }

// Where `key` starts probing. The hash is mixed once more so that keys sharing their low bits
// spread over the table.
inline std::size_t home_slot(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

// The slot holding `key` (a stored_key), or the empty slot where it belongs.
inline std::size_t key_slot(const std::vector<std::uint64_t>& slots, std::uint64_t key) {
  const std::size_t mask = slots.size() - 1;
  std::size_t at = home_slot(key, mask);
  while (slots[at] != 0 && slots[at] != key) at = (at + 1) & mask;
  return at;
}

}  // namespace papersieve::detail
