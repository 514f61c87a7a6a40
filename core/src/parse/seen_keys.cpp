#include "parse/seen_keys.hpp"

#include "parse/key_slots.hpp"

namespace papersieve::detail {

std::size_t SeenKeys::slot(std::uint64_t key) const { return key_slot(slots_, key); }

void SeenKeys::insert(std::uint64_t key) {
  key = stored_key(key);
  if ((size_ + 1) * 8 > slots_.size() * 7) grow();
  const std::size_t at = slot(key);
  if (slots_[at] != 0) return;
  slots_[at] = key;
  ++size_;
}

bool SeenKeys::contains(std::uint64_t key) const {
  return !slots_.empty() && slots_[slot(stored_key(key))] != 0;
}

void SeenKeys::prefetch(std::uint64_t key) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[home_slot(stored_key(key), slots_.size() - 1)]);
}

void SeenKeys::grow() {
  std::vector<std::uint64_t> old(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  old.swap(slots_);
  for (std::uint64_t key : old)
    if (key != 0) slots_[slot(key)] = key;
}

}  // namespace papersieve::detail
