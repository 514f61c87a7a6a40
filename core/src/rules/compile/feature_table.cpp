// Building the vocabulary table: a map while terms are added, then an open-addressing
// table (load <= 1/2) that lookups probe without allocating.
#include "rules/compile/feature_table.hpp"

#include <algorithm>

namespace papersieve::rules {

std::uint32_t FeatureTable::add(std::string_view folded, bool prefix) {
  auto& ids = building_.try_emplace(std::string(folded), kNone, kNone).first->second;
  std::uint32_t& id = prefix ? ids.second : ids.first;
  if (id == kNone) id = count_++;
  return id;
}

void FeatureTable::finish() {
  std::size_t capacity = 16;
  while (capacity < building_.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  std::size_t bloom_words = 1;
  while (bloom_words * 64 < building_.size() * 32) bloom_words *= 2;
  bloom_.assign(bloom_words, 0);
  bloom_mask_ = bloom_words - 1;
  for (const auto& [key, ids] : building_) {
    const TokenKey words = token_key<false>(key.data(), key.size());
    const std::uint64_t h = hash_key(words);
    std::uint64_t i = (h >> 20) & mask_;
    while (slots_[i].size != 0) i = (i + 1) & mask_;
    slots_[i] = {words, static_cast<std::uint32_t>(key.size()),
                 static_cast<std::uint32_t>(keys_.size()), ids.first, ids.second};
    if (key.size() > 16) keys_.append(key, 16, std::string::npos);
    max_key_ = std::max(max_key_, key.size());
    bloom_[(h >> 12) & bloom_mask_] |= kBits.bit[h & 63] | kBits.bit[(h >> 6) & 63];
    if (ids.second == kNone) continue;
    prefix_sizes_.push_back(static_cast<std::uint32_t>(key.size()));
    const std::size_t b0 = static_cast<unsigned char>(key[0]);
    if (key.size() == 1) {
      for (std::size_t word = 0; word < 4; ++word) prefix_heads_[b0 << 2 | word] = ~0ULL;
    } else {
      const std::size_t head = b0 << 8 | static_cast<unsigned char>(key[1]);
      prefix_heads_[head >> 6] |= 1ULL << (head & 63);
    }
  }
  std::sort(prefix_sizes_.begin(), prefix_sizes_.end());
  prefix_sizes_.erase(std::unique(prefix_sizes_.begin(), prefix_sizes_.end()), prefix_sizes_.end());
  building_.clear();
}

}  // namespace papersieve::rules
