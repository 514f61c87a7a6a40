// The AVX2 build (kernels.hpp): AVX2, BMI1 and POPCNT. Functions carry their instruction
// sets as target attributes rather than the file being compiled with -mavx2, so that no
// inline function of a header it includes is emitted with AVX2 instructions and then shared
// with code that runs on any CPU (docs/design.md, "Kernels").
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "rules/compile/literal_index_tables.hpp"
#include "rules/kernels/field_steps.hpp"
#include "rules/kernels/kernels.hpp"

#define PSV_TARGET_AVX2 __attribute__((target("avx2,bmi,popcnt")))

namespace papersieve::rules {
namespace kernels {
namespace {

PSV_TARGET_AVX2 void prepare_avx2(std::string_view text, FieldBits& bits) {
  const std::size_t blocks = size_field(text, bits);
  char* out = bits.lowered.data();
  std::uint64_t any_high = 0;
  const __m256i upper_lo = _mm256_set1_epi8('A' - 1), upper_hi = _mm256_set1_epi8('Z' + 1);
  const __m256i lower_lo = _mm256_set1_epi8('a' - 1), lower_hi = _mm256_set1_epi8('z' + 1);
  const __m256i digit_lo = _mm256_set1_epi8('0' - 1), digit_hi = _mm256_set1_epi8('9' + 1);
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  for (std::size_t b = 0; b < blocks; ++b) {
    alignas(32) char tail[64];
    const char* src = block(text, b, tail);
    std::uint64_t word = 0, high = 0;
    for (int k = 0; k < 2; ++k) {
      __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 32 * k));
      const __m256i upper =
          _mm256_and_si256(_mm256_cmpgt_epi8(v, upper_lo), _mm256_cmpgt_epi8(upper_hi, v));
      v = _mm256_add_epi8(v, _mm256_and_si256(upper, case_bit));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + b * 64 + 32 * k), v);
      const __m256i alnum = _mm256_or_si256(
          _mm256_and_si256(_mm256_cmpgt_epi8(v, lower_lo), _mm256_cmpgt_epi8(lower_hi, v)),
          _mm256_and_si256(_mm256_cmpgt_epi8(v, digit_lo), _mm256_cmpgt_epi8(digit_hi, v)));
      word |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(alnum)))
              << (32 * k);
      high |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(v)))
              << (32 * k);
    }
    bits.word[b] = word;
    bits.high[b] = high;
    any_high |= high;
  }
  bits.any_high = any_high != 0;
}

PSV_TARGET_AVX2 void segments_bmi(FieldBits& bits) { segments<true>(bits); }

}  // namespace

const Table kAvx2{
    FieldKernels::avx2,       prepare_avx2,         segments_bmi, keep_segments_scalar,
    &LiteralIndex::find_avx2, byte_occurrences_sse2};

}  // namespace kernels

// The pair filter of the AVX2 build: 32 positions a step, and a pair (x, y) looked up in a
// 256-bit table by the low 4 bits of each byte: vpshufb picks the byte of x's row that holds
// y's bit (one of two 16-byte tables, by y's bit 3). The positions that pass are checked a
// round later, as in the AVX-512 build.
PSV_TARGET_AVX2 void LiteralIndex::scan_pairs_avx2(const char* lowered, std::size_t n,
                                                   std::uint32_t* seen, std::uint32_t stamp,
                                                   std::vector<LiteralHit>& hits) const {
  constexpr std::size_t kSteps = 64;  // a round: 2 KB of text
  const __m256i low4 = _mm256_set1_epi8(15), low3 = _mm256_set1_epi8(7);
  const __m256i bit_of = _mm256_set1_epi64x(static_cast<long long>(0x8040201008040201ULL));
  const __m256i zero = _mm256_setzero_si256();
  std::uint32_t passed[3][kSteps];
  alignas(32) char tail[64];
  __m256i row[4], second_half[4], bit[4];  // by stream: byte k places on
  for (std::size_t round = 0; round < n; round += 32 * kSteps) {
    const std::size_t steps = std::min(kSteps, (n - round + 31) / 32);
    for (std::size_t step = 0; step < steps; ++step) {
      const std::size_t i = round + 32 * step;
      // A step reads bytes i .. i + 34; near the end, from a copy whose rest is zero.
      const char* at = lowered + i;
      if (n + 16 - i < 35) {
        std::memset(tail, 0, sizeof tail);
        std::memcpy(tail, at, n + 16 - i);
        at = tail;
      }
#pragma GCC unroll 4
      for (std::size_t k = 0; k < 4; ++k) {
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + k));
        row[k] = _mm256_and_si256(b, low4);
        second_half[k] = _mm256_slli_epi16(b, 4);  // bit 3 to bit 7, which blendv reads
        bit[k] = _mm256_shuffle_epi8(bit_of, _mm256_and_si256(b, low3));
      }
      const std::uint32_t valid = n - i >= 32 ? ~0u : (1u << (n - i)) - 1;
#pragma GCC unroll 3
      for (std::size_t w = 0; w < 3; ++w) {
        __m256i all = _mm256_set1_epi8(-1);  // nonzero where every pair so far is in its table
#pragma GCC unroll 6
        for (std::size_t k = 0; k < kPairs[w]; ++k) {
          const std::size_t x = kPairFirst[k], y = kPairSecond[k];
          const auto* table = reinterpret_cast<const __m128i*>(nibble_tables_.bits[w][k]);
          const __m256i first = _mm256_broadcastsi128_si256(_mm_load_si128(table));
          const __m256i second = _mm256_broadcastsi128_si256(_mm_load_si128(table + 1));
          const __m256i byte =
              _mm256_blendv_epi8(_mm256_shuffle_epi8(first, row[x]),
                                 _mm256_shuffle_epi8(second, row[x]), second_half[y]);
          all = _mm256_min_epu8(all, _mm256_and_si256(byte, bit[y]));
        }
        passed[w][step] =
            valid & ~static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(all, zero)));
      }
    }
    check_passed(&passed[0][0], kSteps, steps, round, lowered, n, seen, stamp, hits);
  }
}

void LiteralIndex::find_avx2(const char* lowered, std::size_t n, std::uint32_t* seen,
                             std::uint32_t stamp, std::vector<LiteralHit>& hits) const {
  if (nibble_filter_) {
    scan_pairs_avx2(lowered, n, seen, stamp, hits);
    return;
  }
  find_portable(lowered, n, seen, stamp, hits);
}

}  // namespace papersieve::rules
