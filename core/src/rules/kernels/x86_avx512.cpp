// The AVX-512 build (kernels.hpp): F, BW, VL, DQ, VBMI and VBMI2 (with BMI1 and POPCNT).
// A block is one register, segment positions come from a byte compress, keep_segments hashes
// eight tokens at a time and the literal scan filters 64 positions a step. Target attributes,
// not -m flags, for the reason x86_avx2.cpp gives.
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "rules/compile/literal_index_tables.hpp"
#include "rules/kernels/field_steps.hpp"
#include "rules/kernels/kernels.hpp"

#define PSV_TARGET_AVX512 \
  __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512vbmi,avx512vbmi2,bmi,popcnt")))

// GCC 12's AVX-512 intrinsics start from _mm512_undefined_*(), which -Wmaybe-uninitialized
// flags once inlined (GCC bug 105593): not ours, and fatal under PSV_WERROR.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace papersieve::rules {
namespace kernels {
namespace {

PSV_TARGET_AVX512 void prepare_avx512(std::string_view text, FieldBits& bits) {
  const std::size_t blocks = size_field(text, bits);
  char* out = bits.lowered.data();
  std::uint64_t any_high = 0;
  const __m512i upper_a = _mm512_set1_epi8('A'), lower_a = _mm512_set1_epi8('a');
  const __m512i digit_0 = _mm512_set1_epi8('0'), letters = _mm512_set1_epi8(26);
  const __m512i digits = _mm512_set1_epi8(10), case_bit = _mm512_set1_epi8(0x20);
  for (std::size_t b = 0; b < blocks; ++b) {
    // A masked load reads the last, partial block without a copy (masked bytes never fault).
    const std::size_t left = text.size() - std::min(text.size(), b * 64);
    const __mmask64 load = left >= 64 ? ~0ULL : (1ULL << left) - 1;
    __m512i v = _mm512_maskz_loadu_epi8(load, text.data() + std::min(text.size(), b * 64));
    // Unsigned range checks: bytes >= 0x80 are in none of them.
    const __mmask64 upper = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, upper_a), letters);
    v = _mm512_mask_add_epi8(v, upper, v, case_bit);
    _mm512_storeu_si512(out + b * 64, v);
    const __mmask64 alnum = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, lower_a), letters) |
                            _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, digit_0), digits);
    const __mmask64 high = _mm512_movepi8_mask(v);
    bits.word[b] = alnum;
    bits.high[b] = high;
    any_high |= high;
  }
  bits.any_high = any_high != 0;
}

// Positions from a byte compress of 0..63 under the start and end masks, widened to 32 bits
// 16 at a time (32 per block, whatever the count: the arrays have room). With a byte >= 0x80
// in the field, also which segments hold one: adding the high bits to the segment mask carries
// through the rest of each segment that holds one, into the byte after its end, the segment's
// end bit; compressed under the end mask, that is one flag per segment, in order.
PSV_TARGET_AVX512 inline void store_positions(std::uint32_t* out, __m512i bytes, __m512i base) {
  _mm512_storeu_si512(out,
                      _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(bytes)), base));
  _mm512_storeu_si512(
      out + 16, _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(bytes, 1)), base));
}

PSV_TARGET_AVX512 void segments_avx512(FieldBits& bits) {
  const std::size_t blocks = bits.word.size();
  if (bits.starts.size() < blocks * 32 + 32) resize_segments(bits, blocks);
  if (bits.high_segments.size() < blocks * 32 + 32) bits.high_segments.resize(blocks * 32 + 32);
  alignas(64) static constexpr unsigned char kIota[64] = {
      0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
      22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
      44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};
  const __m512i iota = _mm512_load_si512(kIota);
  std::uint32_t* starts = bits.starts.data();
  std::uint32_t* ends = bits.ends.data();
  std::uint8_t* const flags = bits.high_segments.data();
  const bool any_high = bits.any_high;
  std::uint64_t carry = 0;
  unsigned char high_carry = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint64_t m = bits.word[b] | bits.high[b];
    const std::uint64_t shifted = (m << 1) | carry;
    carry = m >> 63;
    const std::uint64_t start_bits = m & ~shifted, end_bits = ~m & shifted;
    const __m512i base = _mm512_set1_epi32(static_cast<int>(b << 6));
    store_positions(starts, _mm512_maskz_compress_epi8(start_bits, iota), base);
    if (any_high) {
      unsigned long long sum = 0;
      high_carry = _addcarry_u64(high_carry, m, bits.high[b], &sum);
      const __m512i flag = _mm512_maskz_compress_epi8(end_bits, _mm512_movm_epi8(sum & ~m));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(flags + (ends - bits.ends.data())),
                          _mm512_castsi512_si256(flag));
    }
    store_positions(ends, _mm512_maskz_compress_epi8(end_bits, iota), base);
    starts += __builtin_popcountll(start_bits);
    ends += __builtin_popcountll(end_bits);
  }
  bits.segments = static_cast<std::size_t>(starts - bits.starts.data());
}

// Eight segments per step: their first 16 bytes loaded from the lowered copy, masked to the
// token, hashed as hash_key does (64-bit multiplies), the Bloom words loaded and tested; the
// kept lanes are compressed into the arrays. (Gathers for the bytes and the Bloom words were
// 5-10% slower on AMD's Zen 4, whose gathers are slow.) Which segments hold a byte >= 0x80 comes
// from find_segments' AVX-512 build (FieldBits::high_segments).
PSV_TARGET_AVX512 void keep_segments_avx512(const FieldBits& bits, const FeatureTable::Bloom& bloom,
                                            bool keep_all, KeptSegments& kept) {
  const std::size_t count = bits.segments;
  kept.make_room(count);
  const char* lowered = bits.lowered.data();
  const __m512i ones = _mm512_set1_epi64(-1);
  const __m512i one = _mm512_set1_epi64(1), low6 = _mm512_set1_epi64(63);
  const __m512i eight = _mm512_set1_epi64(8), sixteen = _mm512_set1_epi64(16);
  const __m512i mul_a = _mm512_set1_epi64(static_cast<long long>(0x9E3779B97F4A7C15ULL));
  const __m512i mul_b = _mm512_set1_epi64(static_cast<long long>(0xBF58476D1CE4E5B9ULL));
  const __m512i word_mask = _mm512_set1_epi64(static_cast<long long>(bloom.mask));
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i high_flag = _mm256_set1_epi32(static_cast<int>(KeptSegments::kHigh));
  const __m512i even_lanes = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
  const __m512i odd_lanes = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
  std::size_t out = 0;
  for (std::size_t k = 0; k < count; k += 8) {
    const __mmask8 valid = count - k >= 8 ? 0xFF : static_cast<__mmask8>((1u << (count - k)) - 1);
    const __m256i start = _mm256_maskz_loadu_epi32(valid, bits.starts.data() + k);
    const __m256i end = _mm256_maskz_loadu_epi32(valid, bits.ends.data() + k);
    const __m512i size = _mm512_cvtepu32_epi64(_mm256_sub_epi32(end, start));
    __mmask8 high = 0;
    if (bits.any_high)
      high = static_cast<__mmask8>(
          _mm_movepi8_mask(
              _mm_loadl_epi64(reinterpret_cast<const __m128i*>(bits.high_segments.data() + k))) &
          valid);
    const __mmask8 ascii = valid & static_cast<__mmask8>(~high);
    const __mmask8 long_ones = _mm512_mask_cmpgt_epu64_mask(ascii, size, eight);
    // Each segment's first 16 bytes by one load, four segments per register, then their first
    // and second 8 bytes paired up across the two registers.
    __m512i quads[2];
    for (std::size_t half = 0; half < 2; ++half) {
      const std::uint32_t* at = bits.starts.data() + k + 4 * half;
      const auto load = [&](std::size_t j) {
        const std::size_t lane = 4 * half + j;
        return _mm_loadu_si128(
            reinterpret_cast<const __m128i*>(lowered + (lane < count - k ? at[j] : 0)));
      };
      __m512i q = _mm512_castsi128_si512(load(0));
      q = _mm512_inserti64x2(q, load(1), 1);
      q = _mm512_inserti64x2(q, load(2), 2);
      quads[half] = _mm512_inserti64x2(q, load(3), 3);
    }
    __m512i a = _mm512_maskz_permutex2var_epi64(ascii, quads[0], even_lanes, quads[1]);
    __m512i b = _mm512_maskz_permutex2var_epi64(long_ones, quads[0], odd_lanes, quads[1]);
    // token_key: bytes [0, min(n, 8)) of a, [8, min(n, 16)) of b (a shift by 64 gives 0).
    const __m512i bits_a = _mm512_slli_epi64(_mm512_min_epu64(size, eight), 3);
    const __m512i bits_b = _mm512_slli_epi64(
        _mm512_sub_epi64(_mm512_min_epu64(_mm512_max_epu64(size, eight), sixteen), eight), 3);
    a = _mm512_andnot_si512(_mm512_sllv_epi64(ones, bits_a), a);
    b = _mm512_andnot_si512(_mm512_sllv_epi64(ones, bits_b), b);
    __m512i h = _mm512_xor_si512(_mm512_mullo_epi64(a, mul_a), _mm512_mullo_epi64(b, mul_b));
    h = _mm512_xor_si512(h, _mm512_srli_epi64(h, 32));
    __mmask8 keep = valid;
    if (!keep_all) {
      const __m512i probe =
          _mm512_or_si512(_mm512_sllv_epi64(one, _mm512_and_si512(h, low6)),
                          _mm512_sllv_epi64(one, _mm512_and_si512(_mm512_srli_epi64(h, 6), low6)));
      alignas(64) std::uint64_t slot[8];
      _mm512_store_si512(slot, _mm512_and_si512(_mm512_srli_epi64(h, 12), word_mask));
      const std::uint64_t* w = bloom.words;
      const __m512i word =
          _mm512_setr_epi64(static_cast<long long>(w[slot[0]]), static_cast<long long>(w[slot[1]]),
                            static_cast<long long>(w[slot[2]]), static_cast<long long>(w[slot[3]]),
                            static_cast<long long>(w[slot[4]]), static_cast<long long>(w[slot[5]]),
                            static_cast<long long>(w[slot[6]]), static_cast<long long>(w[slot[7]]));
      keep = _mm512_mask_cmpeq_epi64_mask(ascii, _mm512_and_si512(word, probe), probe) | high;
      if (bloom.prefixes) {  // prefix heads lane by lane: a table of 65536 bits, no gather
        for (unsigned j = 0; j < 8; ++j)
          if (((ascii >> j) & 1) && bloom.maybe_prefix(lowered + bits.starts[k + j]))
            keep = static_cast<__mmask8>(keep | (1u << j));
      }
    }
    const __m256i index = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(k)), lanes);
    const __m256i segment = _mm256_mask_or_epi32(index, high, index, high_flag);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(kept.start.data() + out),
                        _mm256_maskz_compress_epi32(keep, start));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(kept.end.data() + out),
                        _mm256_maskz_compress_epi32(keep, end));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(kept.segment.data() + out),
                        _mm256_maskz_compress_epi32(keep, segment));
    _mm512_storeu_si512(kept.hash.data() + out, _mm512_maskz_compress_epi64(keep, h));
    out += static_cast<std::size_t>(__builtin_popcount(keep));
  }
  kept.count = out;
}

}  // namespace

const Table kAvx512{
    FieldKernels::avx512,       prepare_avx512,       segments_avx512, keep_segments_avx512,
    &LiteralIndex::find_avx512, byte_occurrences_sse2};

}  // namespace kernels

namespace {

// A step's bytes for the pair filter: stream k holds the bytes k places on. As the second
// byte y of a pair, a byte also gives `high`, its low 2 bits moved to bits 5 and 6 (byte-wise:
// a word shift, of which the index keeps only the bits a byte's own bits reach; bit 7 the
// permute ignores), and `bit`, its bits 2-4 as a one-bit mask.
struct PairStreams {
  __m512i byte_at[4], high[4], bit[4];
};

// Of the positions in m, those whose pair of streams (x, y) is in the 1024-bit `table`.
PSV_TARGET_AVX512 inline __mmask64 pair_in(const std::uint8_t* table, const PairStreams& s,
                                           std::size_t x, std::size_t y, __mmask64 m) {
  const __m512i index =  // x's low 5 bits, then high[y]'s bits
      _mm512_ternarylogic_epi32(_mm512_set1_epi8(31), s.byte_at[x], s.high[y], 0xCA);
  const __m512i byte =
      _mm512_permutex2var_epi8(_mm512_load_si512(table), index, _mm512_load_si512(table + 64));
  return _mm512_mask_test_epi8_mask(m, byte, s.bit[y]);
}

}  // namespace

// Both widths, 16 positions a step: one permute builds the 16 four-byte windows, and each
// width's table bits come from one gather.
PSV_TARGET_AVX512 void LiteralIndex::scan_avx512(const char* lowered, std::size_t n,
                                                 std::uint32_t* seen, std::uint32_t stamp,
                                                 std::vector<LiteralHit>& hits) const {
  alignas(64) static constexpr std::uint8_t kWindows[64] = {
      0,  1,  2,  3,  1,  2,  3,  4,  2,  3,  4,  5,  3,  4,  5,  6,  4,  5,  6,  7,  5,  6,
      7,  8,  6,  7,  8,  9,  7,  8,  9,  10, 8,  9,  10, 11, 9,  10, 11, 12, 10, 11, 12, 13,
      11, 12, 13, 14, 12, 13, 14, 15, 13, 14, 15, 16, 14, 15, 16, 17, 15, 16, 17, 18};
  const __m512i windows_of = _mm512_load_si512(kWindows);
  const __m512i one = _mm512_set1_epi32(1), low5 = _mm512_set1_epi32(31);
  const __m512i low16 = _mm512_set1_epi32(0xFFFF);
  const __m512i golden = _mm512_set1_epi32(static_cast<int>(0x9E3779B1u));
  const bool pairs = !pairs_.anchors.empty(), quads = !quads_.anchors.empty();
  const auto* pair_bits = reinterpret_cast<const int*>(pairs ? pairs_.bits.data() : nullptr);
  const auto* quad_bits = reinterpret_cast<const int*>(quads ? quads_.bits.data() : nullptr);
  alignas(64) std::uint32_t keys[16];
  for (std::size_t i = 0; i < n; i += 16) {
    // Bytes i .. i + 18: the padding past n is zero, and a masked load reads no further.
    const std::size_t readable = n + 16 - i;
    const __mmask64 load = readable >= 64 ? ~0ULL : (1ULL << readable) - 1;
    const __m512i window =
        _mm512_permutexvar_epi8(windows_of, _mm512_maskz_loadu_epi8(load, lowered + i));
    const __mmask16 valid =
        n - i >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (n - i)) - 1);
    for (const std::size_t width : {2, 4}) {
      if (!(width == 2 ? pairs : quads)) continue;
      const __m512i key = width == 2 ? _mm512_and_si512(window, low16)
                                     : _mm512_srli_epi32(_mm512_mullo_epi32(window, golden), 16);
      // The 32-bit words of a 64-bit bit table, little-endian: bit k is bit k % 32 of word
      // k / 32.
      const __m512i words =
          _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), valid, _mm512_srli_epi32(key, 5),
                                      width == 2 ? pair_bits : quad_bits, 4);
      __mmask16 m = _mm512_mask_test_epi32_mask(
          valid, words, _mm512_sllv_epi32(one, _mm512_and_si512(key, low5)));
      if (m == 0) continue;
      _mm512_store_si512(keys, key);
      for (; m != 0; m &= static_cast<__mmask16>(m - 1)) {
        const unsigned j = static_cast<unsigned>(__builtin_ctz(m));
        check(table(width), keys[j], lowered, i + j, n, seen, stamp, hits);
      }
    }
  }
}

// 64 positions a step. A pair's table entry (pair_entry) is split as the tables are read: the
// low 7 bits pick a byte of the table's two registers, the top 3 the bit in it. A window
// running past n reads the padding; compare() rejects it by the bounds. The positions that
// pass are checked a round of steps later: a call from inside the loop would save and reload
// the vector registers each time.
PSV_TARGET_AVX512 void LiteralIndex::scan_pairs_avx512(const char* lowered, std::size_t n,
                                                       std::uint32_t* seen, std::uint32_t stamp,
                                                       std::vector<LiteralHit>& hits) const {
  constexpr std::size_t kSteps = 32;  // a round: 2 KB of text
  const __m512i low3 = _mm512_set1_epi8(7);
  const __m512i bit_of = _mm512_set1_epi64(0x8040201008040201);  // byte k: 1 << k
  const bool used[3] = {!exact_[0].empty(), !exact_[1].empty(), !exact_[2].empty()};
  std::uint64_t passed[3][kSteps];
  PairStreams s;
  for (std::size_t round = 0; round < n; round += 64 * kSteps) {
    const std::size_t steps = std::min(kSteps, (n - round + 63) / 64);
    for (std::size_t step = 0; step < steps; ++step) {
      const std::size_t i = round + 64 * step;
      const std::size_t readable = n + 16 - i;  // bytes i .. n + 15
#pragma GCC unroll 4
      for (std::size_t k = 0; k < 4; ++k) {
        s.byte_at[k] = readable >= 64 + k
                           ? _mm512_loadu_si512(lowered + i + k)
                           : _mm512_maskz_loadu_epi8((1ULL << (readable - k)) - 1, lowered + i + k);
        s.high[k] = _mm512_slli_epi16(s.byte_at[k], 5);
        s.bit[k] =
            _mm512_shuffle_epi8(bit_of, _mm512_and_si512(_mm512_srli_epi16(s.byte_at[k], 2), low3));
      }
      const __mmask64 valid = n - i >= 64 ? ~0ULL : (1ULL << (n - i)) - 1;
#pragma GCC unroll 3
      for (std::size_t w = 0; w < 3; ++w) {
        // A width without literals still does its lookups on an empty mask: skipping them by a
        // branch measured ~6% slower (16 MB, 40 literals of 4+ bytes).
        __mmask64 m = used[w] ? valid : 0;
#pragma GCC unroll 6
        for (std::size_t k = 0; k < kPairs[w]; ++k)
          m = pair_in(pair_tables_.bits[w][k], s, kPairFirst[k], kPairSecond[k], m);
        passed[w][step] = m;
      }
    }
    check_passed(&passed[0][0], kSteps, steps, round, lowered, n, seen, stamp, hits);
  }
}

void LiteralIndex::find_avx512(const char* lowered, std::size_t n, std::uint32_t* seen,
                               std::uint32_t stamp, std::vector<LiteralHit>& hits) const {
  if (pair_filter_) {
    scan_pairs_avx512(lowered, n, seen, stamp, hits);
    return;
  }
  scan_avx512(lowered, n, seen, stamp, hits);
}

}  // namespace papersieve::rules

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
