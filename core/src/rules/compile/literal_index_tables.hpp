// How the literal index keys its tables (literal_index.hpp): shared by building the tables
// (literal_index.cpp) and by every build's scan (kernels/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "rules/compile/literal_index.hpp"

namespace papersieve::rules {

// The 16-bit table index of the window of `width` bytes whose first 4 bytes are `quad`: a
// pair as it is, 4 bytes hashed.
inline std::uint32_t window_key(std::uint32_t quad, std::size_t width) {
  return width == 2 ? quad & 0xFFFF : (quad * 0x9E3779B1u) >> 16;
}

inline std::uint32_t load_quad(const char* p) {
  std::uint32_t quad;
  std::memcpy(&quad, p, 4);
  return quad;
}

// The byte pairs of a window the pair filter looks up: by width (2, 3, 4 bytes) the first
// kPairs of (kPairFirst, kPairSecond); adjacent pairs first.
constexpr std::size_t kPairs[3] = {1, 3, 6};
constexpr std::size_t kPairFirst[6] = {0, 1, 0, 2, 1, 0}, kPairSecond[6] = {1, 2, 2, 3, 3, 3};

// The bucket of a window among the pair filter's exact anchors (at most 128 per width).
inline std::uint32_t exact_bucket(std::uint32_t window) { return (window * 0x9E3779B1u) >> 24; }

// A byte pair's place in a 1024-bit pair table: the low 5 bits of x, then of y.
inline unsigned pair_entry(unsigned char x, unsigned char y) { return (x & 31u) | (y & 31u) << 5; }

// The exact checks of a position a scan passed: inline, since they are in every scan's loop.
inline void LiteralIndex::compare(const Anchor& anchor, const char* lowered, std::size_t i,
                                  std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                                  std::vector<LiteralHit>& hits) const {
  const std::string& literal = literals_[anchor.literal];
  if (i < anchor.offset || i - anchor.offset + literal.size() > n) return;
  const char* at = lowered + i - anchor.offset;
  const TokenKey here = token_key<true>(at, literal.size());
  const TokenKey& key = keys_[anchor.literal];
  if (here.a == key.a && here.b == key.b &&
      (literal.size() <= 16 || std::memcmp(at, literal.data(), literal.size()) == 0)) {
    seen[anchor.literal] = stamp;
    hits.push_back({anchor.literal, static_cast<std::uint32_t>(i - anchor.offset)});
  }
}

inline void LiteralIndex::check(const Table& table, std::uint32_t window, const char* lowered,
                                std::size_t i, std::size_t n, std::uint32_t* seen,
                                std::uint32_t stamp, std::vector<LiteralHit>& hits) const {
  for (auto it = table.anchors.begin() + table.first[window];
       it != table.anchors.end() && it->window == window; ++it)
    compare(*it, lowered, i, n, seen, stamp, hits);
}

inline void LiteralIndex::check_exact(std::size_t width, const char* lowered, std::size_t i,
                                      std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                                      std::vector<LiteralHit>& hits) const {
  const std::uint32_t window =
      load_quad(lowered + i) & (width == 4 ? ~0u : (1u << (8 * width)) - 1);
  const Anchor* anchors = exact_[width - 2].data();
  const auto& first = exact_first_[width - 2];
  const std::uint32_t bucket = exact_bucket(window);
  for (std::uint32_t k = first[bucket]; k < first[bucket + 1]; ++k)
    if (anchors[k].window == window) compare(anchors[k], lowered, i, n, seen, stamp, hits);
}

// The positions a round of the pair filter passed, checked exactly: passed[w * stride + s]
// holds width w + 2's positions of step s, bit j for position round + 8 * sizeof(Mask) * s + j.
template <class Mask>
void LiteralIndex::check_passed(const Mask* passed, std::size_t stride, std::size_t steps,
                                std::size_t round, const char* lowered, std::size_t n,
                                std::uint32_t* seen, std::uint32_t stamp,
                                std::vector<LiteralHit>& hits) const {
  constexpr std::size_t kStep = 8 * sizeof(Mask);
  for (std::size_t w = 0; w < 3; ++w)
    for (std::size_t step = 0; step < steps; ++step)
      for (Mask m = passed[w * stride + step]; m != 0; m &= m - 1)
        check_exact(w + 2, lowered,
                    round + kStep * step + static_cast<std::size_t>(__builtin_ctzll(m)), n, seen,
                    stamp, hits);
}

}  // namespace papersieve::rules
