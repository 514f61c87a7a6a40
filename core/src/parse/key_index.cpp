#include "parse/key_index.hpp"

#include "parse/key_slots.hpp"

namespace papersieve::detail {

std::optional<std::size_t> KeyIndex::find(std::uint64_t key) const {
  if (keys_.empty()) return std::nullopt;
  const std::size_t at = key_slot(keys_, stored_key(key));
  if (keys_[at] == 0) return std::nullopt;
  return numbers_[at];
}

bool KeyIndex::emplace(std::uint64_t key, std::size_t number) {
  if ((size_ + 1) * 8 > keys_.size() * 7) rehash(keys_.empty() ? 256 : keys_.size() * 2);
  key = stored_key(key);
  const std::size_t at = key_slot(keys_, key);
  if (keys_[at] != 0) return false;
  keys_[at] = key;
  numbers_[at] = number;
  ++size_;
  return true;
}

// Backward-shift deletion: the keys probing past the freed slot move up into it, so that no
// lookup ever stops at a hole before its key.
void KeyIndex::erase(std::uint64_t key) {
  if (keys_.empty()) return;
  const std::size_t mask = keys_.size() - 1;
  std::size_t hole = key_slot(keys_, stored_key(key));
  if (keys_[hole] == 0) return;
  keys_[hole] = 0;
  --size_;
  for (std::size_t at = (hole + 1) & mask; keys_[at] != 0; at = (at + 1) & mask) {
    const std::size_t home = home_slot(keys_[at], mask);
    // The key at `at` may fill the hole unless its home lies cyclically in (hole, at].
    const bool home_after_hole =
        hole <= at ? (hole < home && home <= at) : (hole < home || home <= at);
    if (home_after_hole) continue;
    keys_[hole] = keys_[at];
    numbers_[hole] = numbers_[at];
    keys_[at] = 0;
    hole = at;
  }
}

void KeyIndex::reserve(std::size_t keys) {
  std::size_t slots = keys_.empty() ? 256 : keys_.size();
  while (keys * 8 > slots * 7) slots *= 2;
  if (slots > keys_.size()) rehash(slots);
}

void KeyIndex::rehash(std::size_t slots) {
  std::vector<std::uint64_t> old_keys(slots, 0);
  std::vector<std::size_t> old_numbers(slots, 0);
  old_keys.swap(keys_);
  old_numbers.swap(numbers_);
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == 0) continue;
    const std::size_t at = key_slot(keys_, old_keys[i]);
    keys_[at] = old_keys[i];
    numbers_[at] = old_numbers[i];
  }
}

}  // namespace papersieve::detail
