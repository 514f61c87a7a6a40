// The vocabulary of a rule set: every folded word and prefix stem any term mentions,
// each a "feature" id. Matching looks every token of a paper up here; tokens that
// are not in it (most of them) cost one hash and one probe.
#pragma once

#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace papersieve::rules {

// Fast hash of a short byte string (overlapping loads, no loop below 17 bytes).
inline std::uint64_t hash_token(const char* p, std::size_t n) {
  auto mix = [](std::uint64_t x) {
    x *= 0xBF58476D1CE4E5B9ULL;
    return x ^ (x >> 31);
  };
  auto load32 = [](const char* q) {
    std::uint32_t v;
    std::memcpy(&v, q, 4);
    return static_cast<std::uint64_t>(v);
  };
  auto load64 = [](const char* q) {
    std::uint64_t v;
    std::memcpy(&v, q, 8);
    return v;
  };
  std::uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);
  if (n >= 8) {
    for (; n > 8; n -= 8, p += 8) h = mix(h ^ load64(p));
    return mix(h ^ load64(p + n - 8));
  }
  if (n >= 4) return mix(h ^ (load32(p) | (load32(p + n - 4) << 32)));
  if (n == 0) return mix(h);
  const auto b = [&](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i]));
  };
  return mix(h ^ (b(0) | (b(n / 2) << 8) | (b(n - 1) << 16)));
}

class FeatureTable {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // Feature id of a folded whole word / prefix stem, added when new.
  std::uint32_t add_word(std::string_view folded) { return add(folded, false); }
  std::uint32_t add_prefix(std::string_view folded) { return add(folded, true); }
  std::size_t size() const { return count_; }
  // Builds the lookup structures; call once after the last add.
  void finish();

  // Calls f(feature) for the word feature of a folded token and every prefix it starts with.
  template <class F>
  void for_each_feature(std::string_view token, F&& f) const;

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key_start = 0, key_size = 0;
    std::uint32_t word = kNone, prefix = kNone;
  };

  std::uint32_t add(std::string_view folded, bool prefix);
  const Slot* find(const char* p, std::size_t n) const;

  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> building_;
  std::uint32_t count_ = 0;
  std::vector<Slot> slots_;
  std::uint64_t mask_ = 0;
  std::string keys_;
  std::size_t max_key_ = 0;
  std::vector<std::uint32_t> prefix_sizes_;  // distinct sizes of the prefix stems, ascending
  std::bitset<65536> prefix_heads_;          // first two bytes of stems of two bytes or more
  std::bitset<256> short_prefixes_;          // one-byte stems
};

inline const FeatureTable::Slot* FeatureTable::find(const char* p, std::size_t n) const {
  const std::uint64_t h = hash_token(p, n);
  for (std::uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.key_size == 0) return nullptr;
    if (s.hash == h && s.key_size == n && std::memcmp(keys_.data() + s.key_start, p, n) == 0)
      return &s;
  }
}

template <class F>
void FeatureTable::for_each_feature(std::string_view token, F&& f) const {
  const std::size_t n = token.size();
  if (n <= max_key_) {
    if (const Slot* s = find(token.data(), n)) {
      if (s->word != kNone) f(s->word);
      if (s->prefix != kNone) f(s->prefix);
    }
  }
  if (prefix_sizes_.empty() || n < 2) return;
  const auto b0 = static_cast<unsigned char>(token[0]), b1 = static_cast<unsigned char>(token[1]);
  if (!prefix_heads_[static_cast<std::size_t>(b0) << 8 | b1] && !short_prefixes_[b0]) return;
  for (std::uint32_t size : prefix_sizes_) {
    if (size >= n) break;
    if (const Slot* s = find(token.data(), size); s != nullptr && s->prefix != kNone) f(s->prefix);
  }
}

}  // namespace papersieve::rules
