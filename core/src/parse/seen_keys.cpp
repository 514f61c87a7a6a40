#include "parse/seen_keys.hpp"

namespace papersieve::detail {

// The slot holding `key`, or the empty slot where it belongs (linear probing). The hash
// is mixed once more so that keys sharing their low bits spread over the table.
std::size_t SeenKeys::slot(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
  while (slots_[at] != 0 && slots_[at] != key) at = (at + 1) & mask;
  return at;
}

void SeenKeys::insert(std::uint64_t key) {
  key = stored(key);
  if ((size_ + 1) * 8 > slots_.size() * 7) grow();
  const std::size_t at = slot(key);
  if (slots_[at] != 0) return;
  slots_[at] = key;
  ++size_;
}

bool SeenKeys::contains(std::uint64_t key) const {
  return !slots_.empty() && slots_[slot(stored(key))] != 0;
}

void SeenKeys::grow() {
  std::vector<std::uint64_t> old(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  old.swap(slots_);
  for (std::uint64_t key : old)
    if (key != 0) slots_[slot(key)] = key;
}

}  // namespace papersieve::detail
