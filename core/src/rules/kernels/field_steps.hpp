// Steps of prepare_field and find_segments that several builds share (kernels.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "rules/match/folded_text.hpp"

namespace papersieve::rules::kernels {

// Sizes `bits` for `text` and returns the number of 64-byte blocks (+ an all-zero last one).
inline std::size_t size_field(std::string_view text, FieldBits& bits) {
  const std::size_t n = text.size();
  const std::size_t blocks = n / 64 + 1;
  bits.size = n;
  bits.lowered.resize(blocks * 64 + FieldBits::kPadding);
  bits.word.resize(blocks);
  bits.high.resize(blocks);
  std::memset(bits.lowered.data() + blocks * 64, 0, FieldBits::kPadding);
  return blocks;
}

// Block b of text, or a zero-padded copy of it in `tail` when it is the last, partial one.
inline const char* block(std::string_view text, std::size_t b, char* tail) {
  const char* src = text.data() + b * 64;
  if (b * 64 + 64 <= text.size()) return src;
  std::memset(tail, 0, 64);
  if (text.size() > b * 64) std::memcpy(tail, src, text.size() - b * 64);
  return tail;
}

// Appends the positions of the set bits of `bits` (plus `base`) at `out`; returns the new
// end. Twelve steps without a branch per bit (a 64-byte block of English holds ~8-10 words; a
// write past the last is overwritten later), then a loop for the rare busy block. kPopcount:
// the end comes from one popcount (an instruction where the build has POPCNT, a library call
// elsewhere) instead of a compare per step.
template <bool kPopcount>
__attribute__((always_inline)) inline std::uint32_t* flatten(std::uint32_t* out, std::uint64_t bits,
                                                             std::uint32_t base) {
  std::uint32_t* const end = kPopcount ? out + __builtin_popcountll(bits) : nullptr;
  for (int i = 0; i < 12; ++i) {  // ctz of 0 is undefined: the top bit stands in for it
    out[kPopcount ? i : 0] =
        base + static_cast<std::uint32_t>(__builtin_ctzll(bits | (1ULL << 63)));
    if (!kPopcount) out += bits != 0;
    bits &= bits - 1;
  }
  if (kPopcount) out += 12;
  for (; bits != 0; bits &= bits - 1)
    *out++ = base + static_cast<std::uint32_t>(__builtin_ctzll(bits));
  return kPopcount ? end : out;
}

// At most 32 segments start (and end) in a block, and the builds write up to 32 past the last.
// The arrays only grow: resizing down and up again would zero them for every field.
inline void resize_segments(FieldBits& bits, std::size_t blocks) {
  bits.starts.resize(blocks * 32 + 32);
  bits.ends.resize(blocks * 32 + 32);
}

// The positions of the bytes >= 0x80, ascending, then kNoHighByte.
inline void list_high_bytes(FieldBits& bits) {
  bits.high_bytes.clear();
  if (bits.any_high) {
    for (std::size_t b = 0; b < bits.word.size(); ++b)
      for (std::uint64_t h = bits.high[b]; h != 0; h &= h - 1)
        bits.high_bytes.push_back(static_cast<std::uint32_t>(b << 6) +
                                  static_cast<std::uint32_t>(__builtin_ctzll(h)));
  }
  bits.high_bytes.push_back(FieldBits::kNoHighByte);
}

// find_segments from the bit masks, a 64-bit word at a time.
template <bool kPopcount>
__attribute__((always_inline)) inline void segments(FieldBits& bits) {
  const std::size_t blocks = bits.word.size();
  if (bits.starts.size() < blocks * 32 + 32) resize_segments(bits, blocks);
  std::uint32_t* starts = bits.starts.data();
  std::uint32_t* ends = bits.ends.data();
  std::uint64_t carry = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint64_t m = bits.word[b] | bits.high[b];
    const std::uint64_t shifted = (m << 1) | carry;
    carry = m >> 63;
    const auto base = static_cast<std::uint32_t>(b << 6);
    starts = flatten<kPopcount>(starts, m & ~shifted, base);
    ends = flatten<kPopcount>(ends, ~m & shifted, base);
  }
  // The last mask word is all 0, so every segment that starts also ends.
  bits.segments = static_cast<std::size_t>(starts - bits.starts.data());
  list_high_bytes(bits);
}

}  // namespace papersieve::rules::kernels
