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

// Hash of a short byte string without a loop or a branch on its length up to 16 bytes: two
// 8-byte loads masked to the string's bytes. kPadded: p is readable 16 bytes past p + n (the
// matcher's lowered field copy), so the loads need no copy; both forms give the same value.
// The low min(k, 8) bytes set, without a branch (two shifts, so 8 bytes needs no shift by 64).
inline std::uint64_t byte_mask(std::size_t k) {
  const std::size_t half = 4 * (k - ((k - 8) & (0 - static_cast<std::size_t>(k > 8))));
  return ((1ULL << half) << half) - 1;
}

template <bool kPadded>
inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
  std::uint64_t a = 0, b = 0;
  if constexpr (kPadded) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
  } else {
    char buf[16] = {};
    std::memcpy(buf, p, n < 16 ? n : 16);
    std::memcpy(&a, buf, 8);
    std::memcpy(&b, buf + 8, 8);
  }
  a &= byte_mask(n);
  b &= byte_mask((n - 8) & (0 - static_cast<std::size_t>(n > 8)));  // n - 8, or 0
  std::uint64_t h = (a ^ (n * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
  h ^= (b + (h >> 29)) * 0x94D049BB133111EBULL;
  for (std::size_t k = 16; k < n; k += 8) {  // long words: rare
    std::uint64_t c = 0;
    std::memcpy(&c, p + k, n - k < 8 ? n - k : 8);
    h = (h ^ c ^ (h >> 31)) * 0xBF58476D1CE4E5B9ULL;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 32);
}

inline std::uint64_t hash_token(const char* p, std::size_t n) { return hash_bytes<false>(p, n); }

class FeatureTable {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // Feature id of a folded whole word / prefix stem, added when new.
  std::uint32_t add_word(std::string_view folded) { return add(folded, false); }
  std::uint32_t add_prefix(std::string_view folded) { return add(folded, true); }
  std::size_t size() const { return count_; }
  // Builds the lookup structures; call once after the last add.
  void finish();

  // Calls f(feature) for the word feature of a folded token and every prefix it starts with;
  // `hash` is hash_token(token).
  template <class F>
  void for_each_feature(std::string_view token, std::uint64_t hash, F&& f) const;
  template <class F>
  void for_each_feature(std::string_view token, F&& f) const {
    for_each_feature(token, hash_token(token.data(), token.size()), f);
  }

  // False when no key hashes to `hash` (a blocked Bloom filter: one 64-bit word, two bits,
  // ~32 bits per key so it stays in L1/L2); true for most keys and ~0.5% of other tokens.
  bool maybe_key(std::uint64_t hash) const {
    const std::uint64_t bits = (1ULL << (hash & 63)) | (1ULL << ((hash >> 6) & 63));
    return (bloom_[hash >> bloom_shift_] & bits) == bits;
  }
  // Tokens may start with a prefix stem: every token must go through for_each_feature.
  bool has_prefixes() const { return !prefix_sizes_.empty(); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key_start = 0, key_size = 0;
    std::uint32_t word = kNone, prefix = kNone;
  };

  std::uint32_t add(std::string_view folded, bool prefix);
  const Slot* find(const char* p, std::size_t n, std::uint64_t h) const;

  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> building_;
  std::uint32_t count_ = 0;
  std::vector<Slot> slots_;
  std::uint64_t mask_ = 0;
  std::string keys_;
  std::size_t max_key_ = 0;
  std::vector<std::uint32_t> prefix_sizes_;  // distinct sizes of the prefix stems, ascending
  std::bitset<65536> prefix_heads_;          // first two bytes of stems of two bytes or more
  std::bitset<256> short_prefixes_;          // one-byte stems
  std::vector<std::uint64_t> bloom_ = std::vector<std::uint64_t>(2, ~0ULL);
  unsigned bloom_shift_ = 63;  // top bits of the hash pick the word
};

inline const FeatureTable::Slot* FeatureTable::find(const char* p, std::size_t n,
                                                    std::uint64_t h) const {
  for (std::uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.key_size == 0) return nullptr;
    if (s.hash == h && s.key_size == n && std::memcmp(keys_.data() + s.key_start, p, n) == 0)
      return &s;
  }
}

template <class F>
void FeatureTable::for_each_feature(std::string_view token, std::uint64_t hash, F&& f) const {
  const std::size_t n = token.size();
  if (n <= max_key_ && maybe_key(hash)) {
    if (const Slot* s = find(token.data(), n, hash)) {
      if (s->word != kNone) f(s->word);
      if (s->prefix != kNone) f(s->prefix);
    }
  }
  if (prefix_sizes_.empty() || n < 2) return;
  const auto b0 = static_cast<unsigned char>(token[0]), b1 = static_cast<unsigned char>(token[1]);
  if (!prefix_heads_[static_cast<std::size_t>(b0) << 8 | b1] && !short_prefixes_[b0]) return;
  for (std::uint32_t size : prefix_sizes_) {
    if (size >= n) break;
    const Slot* s = find(token.data(), size, hash_token(token.data(), size));
    if (s != nullptr && s->prefix != kNone) f(s->prefix);
  }
}

}  // namespace papersieve::rules
