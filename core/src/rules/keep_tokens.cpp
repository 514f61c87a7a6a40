// keep_ascii_tokens (keep_tokens.hpp) in its two builds.
#include "rules/keep_tokens.hpp"

#include <immintrin.h>

namespace papersieve::rules {
namespace {

// Tokens [k, last) one at a time: the baseline build, and the AVX2 build's last few.
inline std::size_t keep_one_by_one(const FieldBits& bits, std::size_t k, std::size_t last,
                                   std::uint32_t ordinal, FeatureTable::Bloom bloom, bool keep_all,
                                   Kept* kept) {
  const char* lowered = bits.lowered.data();
  const std::uint32_t* starts = bits.starts.data();
  const std::uint32_t* ends = bits.ends.data();
  std::size_t count = 0;
  for (; k < last; ++k) {
    const std::uint32_t start = starts[k], end = ends[k];
    const std::uint64_t h = hash_key(token_key<true>(lowered + start, end - start));
    // Stored whether it passes or not, then kept by the count: no branch on the outcome (at
    // 10,000+ keywords a third of the tokens pass, unpredictably).
    kept[count] = {start, end, ++ordinal, h};
    count += keep_all || bloom.maybe_key(h);
  }
  return count;
}

std::size_t keep_baseline(const FieldBits& bits, std::size_t first, std::size_t last,
                          std::uint32_t ordinal, FeatureTable::Bloom bloom, bool keep_all,
                          Kept* kept) {
  return keep_one_by_one(bits, first, last, ordinal, bloom, keep_all, kept);
}

// The low 64 bits of x * k in each lane (AVX2 has no 64-bit multiply): k_high = k >> 32.
__attribute__((target("avx2"))) inline __m256i multiply(__m256i x, __m256i k, __m256i k_high) {
  const __m256i low = _mm256_mul_epu32(x, k);
  const __m256i cross =
      _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), k), _mm256_mul_epu32(x, k_high));
  return _mm256_add_epi64(low, _mm256_slli_epi64(cross, 32));
}

// Four tokens at a time, exactly token_key + hash_key + Bloom::maybe_key of each.
__attribute__((target("avx2"))) std::size_t keep_avx2(const FieldBits& bits, std::size_t first,
                                                      std::size_t last, std::uint32_t ordinal,
                                                      FeatureTable::Bloom bloom, bool keep_all,
                                                      Kept* kept) {
  const char* lowered = bits.lowered.data();
  const std::uint32_t* starts = bits.starts.data();
  const std::uint32_t* ends = bits.ends.data();
  const __m256i k1 = _mm256_set1_epi64x(static_cast<long long>(kHashMultiplierA));
  const __m256i k1_high = _mm256_set1_epi64x(static_cast<long long>(kHashMultiplierA >> 32));
  const __m256i k2 = _mm256_set1_epi64x(static_cast<long long>(kHashMultiplierB));
  const __m256i k2_high = _mm256_set1_epi64x(static_cast<long long>(kHashMultiplierB >> 32));
  const __m256i all = _mm256_set1_epi64x(-1), one = _mm256_set1_epi64x(1);
  const __m256i six_bits = _mm256_set1_epi64x(63);
  const __m256i word_mask = _mm256_set1_epi64x(static_cast<long long>(bloom.mask));
  const __m128i sixteen = _mm_set1_epi32(16), eight = _mm_set1_epi32(8);
  alignas(32) std::uint64_t hashes[4];
  std::size_t count = 0, k = first;
  for (; k + 4 <= last; k += 4) {
    const __m128i start = _mm_loadu_si128(reinterpret_cast<const __m128i*>(starts + k));
    const __m128i end = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ends + k));
    // The key: the first min(n, 16) bytes, as two 8-byte words masked by shifts (a shift by
    // 64 or more gives 0 in a lane).
    const __m128i n = _mm_min_epu32(_mm_sub_epi32(end, start), sixteen);
    const __m256i shift_a = _mm256_cvtepu32_epi64(_mm_slli_epi32(n, 3));
    const __m256i shift_b = _mm256_cvtepu32_epi64(_mm_slli_epi32(_mm_subs_epu16(n, eight), 3));
    // Each token's first 16 bytes by one load (no gathers: slow on many CPUs), transposed
    // into the first and second 8 bytes of the four, in token order.
    const auto at = [&](int i) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(lowered + starts[k + i]));
    };
    const __m256i t01 = _mm256_set_m128i(at(1), at(0)), t23 = _mm256_set_m128i(at(3), at(2));
    __m256i a = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(t01, t23), 0xD8);
    __m256i b = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(t01, t23), 0xD8);
    a = _mm256_andnot_si256(_mm256_sllv_epi64(all, shift_a), a);
    b = _mm256_andnot_si256(_mm256_sllv_epi64(all, shift_b), b);
    __m256i h = _mm256_xor_si256(multiply(a, k1, k1_high), multiply(b, k2, k2_high));
    h = _mm256_xor_si256(h, _mm256_srli_epi64(h, 32));
    int pass = 0xF;
    if (!keep_all) {
      const __m256i bit = _mm256_or_si256(
          _mm256_sllv_epi64(one, _mm256_and_si256(h, six_bits)),
          _mm256_sllv_epi64(one, _mm256_and_si256(_mm256_srli_epi64(h, 6), six_bits)));
      alignas(32) std::uint64_t index[4];
      _mm256_store_si256(reinterpret_cast<__m256i*>(index),
                         _mm256_and_si256(_mm256_srli_epi64(h, 12), word_mask));
      const __m256i word = _mm256_set_epi64x(static_cast<long long>(bloom.words[index[3]]),
                                             static_cast<long long>(bloom.words[index[2]]),
                                             static_cast<long long>(bloom.words[index[1]]),
                                             static_cast<long long>(bloom.words[index[0]]));
      pass = _mm256_movemask_pd(
          _mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_and_si256(word, bit), bit)));
    }
    _mm256_store_si256(reinterpret_cast<__m256i*>(hashes), h);
    for (int i = 0; i < 4; ++i) {
      kept[count] = {starts[k + i], ends[k + i], ++ordinal, hashes[i]};
      count += (pass >> i) & 1;
    }
  }
  return count + keep_one_by_one(bits, k, last, ordinal, bloom, keep_all, kept + count);
}

using Keep = std::size_t (*)(const FieldBits&, std::size_t, std::size_t, std::uint32_t,
                             FeatureTable::Bloom, bool, Kept*);

Keep keep_for(FieldKernels kernels) {
  return kernels == FieldKernels::avx2 && field_kernels_available(FieldKernels::avx2)
             ? keep_avx2
             : keep_baseline;
}

}  // namespace

std::size_t keep_ascii_tokens(const FieldBits& bits, std::size_t first, std::size_t last,
                              std::uint32_t ordinal, FeatureTable::Bloom bloom, bool keep_all,
                              Kept* kept) {
  static const Keep chosen = keep_for(field_kernels());
  return chosen(bits, first, last, ordinal, bloom, keep_all, kept);
}

std::size_t keep_ascii_tokens(const FieldBits& bits, std::size_t first, std::size_t last,
                              std::uint32_t ordinal, FeatureTable::Bloom bloom, bool keep_all,
                              Kept* kept, FieldKernels kernels) {
  return keep_for(kernels)(bits, first, last, ordinal, bloom, keep_all, kept);
}

}  // namespace papersieve::rules
