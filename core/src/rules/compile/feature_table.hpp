// The vocabulary of a rule set: every folded word and prefix stem any term mentions,
// each a "feature" id. Matching looks every token of a paper up here; tokens that
// are not in it (most of them) cost one hash and one probe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace papersieve::rules {

// A token's first 16 bytes as two words, masked to the token (masks from a table, no branch
// on the length): the exact key for tokens up to 16 bytes (tokens hold no NUL byte, so the
// masked words tell them apart) and what the hash is made of. kPadded: p is readable 16 bytes
// past p + n (the matcher's lowered field copy), so the loads need no copy.
struct TokenKey {
  std::uint64_t a = 0, b = 0;
};

struct ByteMasks {
  std::uint64_t low[17], high[17];  // [n]: the first n bytes of the first / second 8
};
constexpr ByteMasks make_byte_masks() {
  ByteMasks m{};
  for (int n = 0; n <= 16; ++n) {
    m.low[n] = n >= 8 ? ~0ULL : (1ULL << (8 * n)) - 1;
    m.high[n] = n <= 8 ? 0 : n >= 16 ? ~0ULL : (1ULL << (8 * (n - 8))) - 1;
  }
  return m;
}
inline constexpr ByteMasks kByteMasks = make_byte_masks();

template <bool kPadded>
inline TokenKey token_key(const char* p, std::size_t n) {
  TokenKey key;
  if constexpr (kPadded) {
    std::memcpy(&key.a, p, 8);
    std::memcpy(&key.b, p + 8, 8);
  } else {
    char buf[16] = {};
    std::memcpy(buf, p, n < 16 ? n : 16);
    std::memcpy(&key.a, buf, 8);
    std::memcpy(&key.b, buf + 8, 8);
  }
  const std::size_t k = n < 16 ? n : 16;
  key.a &= kByteMasks.low[k];
  key.b &= kByteMasks.high[k];
  return key;
}

// Two independent multiplies over the key: a word's first 16 bytes. Longer words that share
// them (rare) share a hash and are told apart by the table's size and tail compare.
inline std::uint64_t hash_key(const TokenKey& key) {
  const std::uint64_t h = key.a * 0x9E3779B97F4A7C15ULL ^ key.b * 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);  // high bits into the low ones that pick Bloom bits and slots
}

inline std::uint64_t hash_token(const char* p, std::size_t n) {
  return hash_key(token_key<false>(p, n));
}

// One bit of a 64-bit word by index: a load instead of a shift by a register (several uops
// on x86-64 without BMI2).
struct BitTable {
  std::uint64_t bit[64];
};
constexpr BitTable make_bit_table() {
  BitTable t{};
  for (int i = 0; i < 64; ++i) t.bit[i] = 1ULL << i;
  return t;
}
inline constexpr BitTable kBits = make_bit_table();

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
  // `key` is token_key(token), `hash` is hash_key(key).
  template <class F>
  void for_each_feature(std::string_view token, const TokenKey& key, std::uint64_t hash,
                        F&& f) const;
  template <class F>
  void for_each_feature(std::string_view token, F&& f) const {
    const TokenKey key = token_key<false>(token.data(), token.size());
    for_each_feature(token, key, hash_key(key), f);
  }

  // False when no key hashes to `hash` (a blocked Bloom filter: one 64-bit word, two bits,
  // ~32 bits per key so it stays in L1/L2); true for most keys and ~0.5% of other tokens.
  bool maybe_key(std::uint64_t hash) const { return bloom().maybe_key(hash); }
  // The Bloom filter by value, for hot loops: its pointer and mask stay in registers (stores
  // through other uint64_t pointers would otherwise make the compiler reload them per token).
  // With it, the first two bytes of the prefix stems: a token may have a prefix feature only
  // when its own first two bytes are those of a stem (a one-byte stem: its byte, then any).
  struct Bloom {
    const std::uint64_t* words;
    std::uint64_t mask;
    const std::uint64_t* heads;  // 65536 bits, by (first byte << 8 | second byte)
    bool prefixes;               // some head is set
    bool maybe_key(std::uint64_t hash) const {
      const std::uint64_t bits = kBits.bit[hash & 63] | kBits.bit[(hash >> 6) & 63];
      return (words[(hash >> 12) & mask] & bits) == bits;
    }
    // `token` is readable one byte past a one-byte token (the lowered copy is).
    bool maybe_prefix(const char* token) const {
      const unsigned head = static_cast<unsigned>(static_cast<unsigned char>(token[0])) << 8 |
                            static_cast<unsigned char>(token[1]);
      return (heads[head >> 6] >> (head & 63)) & 1;
    }
  };
  Bloom bloom() const { return {bloom_.data(), bloom_mask_, prefix_heads_.data(), has_prefixes()}; }
  // Brings the table slot a hash starts probing at into the cache.
  void prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[(hash >> 20) & mask_]); }
  // Tokens may start with a prefix stem: every token must go through for_each_feature.
  bool has_prefixes() const { return !prefix_sizes_.empty(); }

 private:
  // A key and its features in one 32-byte slot: keys up to 16 bytes compare without leaving
  // it; longer ones compare their tail in keys_.
  struct Slot {
    TokenKey key;
    std::uint32_t size = 0;  // 0: empty slot
    std::uint32_t tail = 0;  // keys_ offset of bytes 16.. of longer keys
    std::uint32_t word = kNone, prefix = kNone;
  };

  std::uint32_t add(std::string_view folded, bool prefix);
  const Slot* find(const char* p, std::size_t n, const TokenKey& key, std::uint64_t h) const;

  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> building_;
  std::uint32_t count_ = 0;
  std::vector<Slot> slots_;
  std::uint64_t mask_ = 0;
  std::string keys_;
  std::size_t max_key_ = 0;
  std::vector<std::uint32_t> prefix_sizes_;  // distinct sizes of the prefix stems, ascending
  std::vector<std::uint64_t> prefix_heads_ = std::vector<std::uint64_t>(1024, 0);  // Bloom::heads
  std::vector<std::uint64_t> bloom_ = std::vector<std::uint64_t>(1, ~0ULL);
  std::uint64_t bloom_mask_ = 0;  // hash bits 12.. pick the word
};

inline const FeatureTable::Slot* FeatureTable::find(const char* p, std::size_t n,
                                                    const TokenKey& key, std::uint64_t h) const {
  for (std::uint64_t i = (h >> 20) & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.size == 0) return nullptr;
    if (s.key.a == key.a && s.key.b == key.b && s.size == n &&
        (n <= 16 || std::memcmp(keys_.data() + s.tail, p + 16, n - 16) == 0))
      return &s;
  }
}

template <class F>
void FeatureTable::for_each_feature(std::string_view token, const TokenKey& key, std::uint64_t hash,
                                    F&& f) const {
  const std::size_t n = token.size();
  if (n <= max_key_ && maybe_key(hash)) {
    if (const Slot* s = find(token.data(), n, key, hash)) {
      if (s->word != kNone) f(s->word);
      if (s->prefix != kNone) f(s->prefix);
    }
  }
  if (prefix_sizes_.empty() || n < 2) return;
  if (!bloom().maybe_prefix(token.data())) return;
  for (std::uint32_t size : prefix_sizes_) {
    if (size >= n) break;
    const TokenKey stem = token_key<false>(token.data(), size);
    const Slot* s = find(token.data(), size, stem, hash_key(stem));
    if (s != nullptr && s->prefix != kNone) f(s->prefix);
  }
}

}  // namespace papersieve::rules
