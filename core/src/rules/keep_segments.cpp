// The two builds of keep_segments (keep_segments.hpp); field_bits.cpp picks one per process.
// GCC 12's AVX-512 intrinsics start from _mm512_undefined_*(), which -Wmaybe-uninitialized
// flags once inlined (GCC bug 105593): not ours, and fatal under PSV_WERROR.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "rules/keep_segments.hpp"

#include <immintrin.h>

namespace papersieve::rules {

void keep_segments_scalar(const FieldBits& bits, const FeatureTable::Bloom& bloom_ref,
                          bool keep_all, KeptSegments& kept) {
  // By value: its pointer and mask stay in registers (the stores below could alias them).
  const FeatureTable::Bloom bloom = bloom_ref;
  const std::size_t count = bits.segments;
  kept.make_room(count);
  const char* lowered = bits.lowered.data();
  const std::uint32_t* next_high = bits.high_bytes.data();  // the first not in a segment seen
  std::uint32_t* start_out = kept.start.data();
  std::uint32_t* end_out = kept.end.data();
  std::uint32_t* segment_out = kept.segment.data();
  std::uint64_t* hash_out = kept.hash.data();
  std::size_t out = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::uint32_t start = bits.starts[k], end = bits.ends[k];
    start_out[out] = start;
    end_out[out] = end;
    // Every byte >= 0x80 is in a segment, and those of the segments before this one were
    // skipped: this one holds one when the next is before its end.
    if (__builtin_expect(*next_high < end, 0)) {
      while (*next_high < end) ++next_high;
      segment_out[out] = static_cast<std::uint32_t>(k) | KeptSegments::kHigh;
      hash_out[out++] = 0;
      continue;
    }
    // Kept or not without a branch on the outcome: with many keywords a third of the tokens
    // may pass, and a branch there would mispredict.
    const std::uint64_t h = hash_key(token_key<true>(lowered + start, end - start));
    segment_out[out] = static_cast<std::uint32_t>(k);
    hash_out[out] = h;
    out += keep_all || bloom.maybe_key(h);
  }
  kept.count = out;
}

// Eight segments per step: their first 16 bytes loaded from the lowered copy, masked to the
// token, hashed as hash_key does (64-bit multiplies), the Bloom words loaded and tested; the
// kept lanes are compressed into the arrays. (Gathers for the bytes and the Bloom words were
// 5-10% slower on AMD's Zen 4, whose gathers are slow.) Which segments hold a byte >= 0x80 comes
// from find_segments' AVX-512 build (FieldBits::high_segments).
__attribute__((target(PSV_AVX512_TARGET))) void keep_segments_avx512(
    const FieldBits& bits, const FeatureTable::Bloom& bloom, bool keep_all, KeptSegments& kept) {
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

}  // namespace papersieve::rules
