// prepare_field, find_segments and keep_segments: the matcher's per-byte and per-token work,
// in three builds chosen once per process. The baseline one uses SSE2 and plain bit scans (the
// wheel targets baseline x86-64); where the CPU has AVX2, BMI1 and POPCNT, the same steps run
// 32 bytes at a time and segment positions are flattened with tzcnt/blsr and one popcount per
// word; where it has AVX-512 (F, BW, VL, DQ, VBMI, VBMI2), a block is one register, positions are
// flattened with a byte compress, and keep_segments hashes eight tokens at a time
// (keep_segments.cpp). PAPERSIEVE_SIMD=baseline or =avx2 in the environment forces a lower
// build (the tests run all three).
// GCC 12's AVX-512 intrinsics start from _mm512_undefined_*(), which -Wmaybe-uninitialized
// flags once inlined (GCC bug 105593): not ours, and fatal under PSV_WERROR.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "rules/folded_text.hpp"
#include "rules/keep_segments.hpp"

namespace papersieve::rules {
namespace {

// Sizes `bits` for `text` and returns the number of 64-byte blocks (+ an all-zero last one).
std::size_t size_field(std::string_view text, FieldBits& bits) {
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
const char* block(std::string_view text, std::size_t b, char* tail) {
  const char* src = text.data() + b * 64;
  if (b * 64 + 64 <= text.size()) return src;
  std::memset(tail, 0, 64);
  if (text.size() > b * 64) std::memcpy(tail, src, text.size() - b * 64);
  return tail;
}

void prepare_sse2(std::string_view text, FieldBits& bits) {
  const std::size_t blocks = size_field(text, bits);
  char* out = bits.lowered.data();
  std::uint64_t any_high = 0;
  const __m128i upper_lo = _mm_set1_epi8('A' - 1), upper_hi = _mm_set1_epi8('Z' + 1);
  const __m128i lower_lo = _mm_set1_epi8('a' - 1), lower_hi = _mm_set1_epi8('z' + 1);
  const __m128i digit_lo = _mm_set1_epi8('0' - 1), digit_hi = _mm_set1_epi8('9' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (std::size_t b = 0; b < blocks; ++b) {
    alignas(16) char tail[64];
    const char* src = block(text, b, tail);
    std::uint64_t word = 0, high = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16 * k));
      // Signed compares: bytes >= 0x80 are negative, so never in a range.
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, upper_lo), _mm_cmplt_epi8(v, upper_hi));
      v = _mm_add_epi8(v, _mm_and_si128(upper, case_bit));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + b * 64 + 16 * k), v);
      const __m128i alnum =
          _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v, lower_lo), _mm_cmplt_epi8(v, lower_hi)),
                       _mm_and_si128(_mm_cmpgt_epi8(v, digit_lo), _mm_cmplt_epi8(v, digit_hi)));
      word |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(alnum)))
              << (16 * k);
      high |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(v)))
              << (16 * k);
    }
    bits.word[b] = word;
    bits.high[b] = high;
    any_high |= high;
  }
  bits.any_high = any_high != 0;
}

__attribute__((target("avx2"))) void prepare_avx2(std::string_view text, FieldBits& bits) {
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

__attribute__((target(PSV_AVX512_TARGET))) void prepare_avx512(std::string_view text,
                                                               FieldBits& bits) {
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

// Appends the positions of the set bits of `bits` (plus `base`) at `out`; returns the new
// end. Twelve steps without a branch per bit (a 64-byte block of English holds ~8-10 words; a
// write past the last is overwritten later), then a loop for the rare busy block. kPopcount:
// the end comes from one popcount (an instruction there, a libgcc call in the baseline build)
// instead of a compare per step.
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
void resize_segments(FieldBits& bits, std::size_t blocks) {
  bits.starts.resize(blocks * 32 + 32);
  bits.ends.resize(blocks * 32 + 32);
}

// The positions of the bytes >= 0x80, ascending, then kNoHighByte.
void list_high_bytes(FieldBits& bits) {
  bits.high_bytes.clear();
  if (bits.any_high) {
    for (std::size_t b = 0; b < bits.word.size(); ++b)
      for (std::uint64_t h = bits.high[b]; h != 0; h &= h - 1)
        bits.high_bytes.push_back(static_cast<std::uint32_t>(b << 6) +
                                  static_cast<std::uint32_t>(__builtin_ctzll(h)));
  }
  bits.high_bytes.push_back(FieldBits::kNoHighByte);
}

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

// Positions from a byte compress of 0..63 under the start and end masks, widened to 32 bits
// 16 at a time (32 per block, whatever the count: the arrays have room). With a byte >= 0x80
// in the field, also which segments hold one: adding the high bits to the segment mask carries
// through the rest of each segment that holds one, into the byte after its end, the segment's
// end bit; compressed under the end mask, that is one flag per segment, in order.
__attribute__((target(PSV_AVX512_TARGET))) inline void store_positions(std::uint32_t* out,
                                                                       __m512i bytes,
                                                                       __m512i base) {
  _mm512_storeu_si512(out,
                      _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(bytes)), base));
  _mm512_storeu_si512(
      out + 16, _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(bytes, 1)), base));
}

__attribute__((target(PSV_AVX512_TARGET))) void segments_avx512(FieldBits& bits) {
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

void segments_baseline(FieldBits& bits) { segments<false>(bits); }
__attribute__((target("bmi,popcnt"))) void segments_bmi(FieldBits& bits) { segments<true>(bits); }

struct Kernels {
  FieldKernels name;
  void (*prepare)(std::string_view, FieldBits&);
  void (*segments)(FieldBits&);
  void (*keep)(const FieldBits&, const FeatureTable::Bloom&, bool, KeptSegments&);
};
constexpr Kernels kBaseline{FieldKernels::baseline, prepare_sse2, segments_baseline,
                            keep_segments_scalar};
constexpr Kernels kAvx2{FieldKernels::avx2, prepare_avx2, segments_bmi, keep_segments_scalar};
constexpr Kernels kAvx512{FieldKernels::avx512, prepare_avx512, segments_avx512,
                          keep_segments_avx512};

bool cpu_has(FieldKernels name) {
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
                    __builtin_cpu_supports("popcnt");
  switch (name) {
    case FieldKernels::baseline: return true;
    case FieldKernels::avx2: return avx2;
    case FieldKernels::avx512:
      return avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2");
  }
  return false;
}

// The build named, or the best lower one the CPU has (the tests run every one).
const Kernels& kernels(FieldKernels name) {
  static const bool avx512 = cpu_has(FieldKernels::avx512), avx2 = cpu_has(FieldKernels::avx2);
  if (name == FieldKernels::avx512 && avx512) return kAvx512;
  if (name != FieldKernels::baseline && avx2) return kAvx2;
  return kBaseline;
}

// The process's build: the best the CPU has, capped by PAPERSIEVE_SIMD.
const Kernels& kernels() {
  static const Kernels& chosen = [] {
    const char* forced = std::getenv("PAPERSIEVE_SIMD");
    const std::string_view cap = forced != nullptr ? forced : "";
    return kernels(cap == "baseline" ? FieldKernels::baseline
                   : cap == "avx2"   ? FieldKernels::avx2
                                     : FieldKernels::avx512);
  }();
  return chosen;
}

// The field remembers its build, so that its later steps use the same one.
void prepare_with(const Kernels& k, std::string_view text, FieldBits& bits) {
  bits.kernels = k.name;
  k.prepare(text, bits);
}

}  // namespace

void prepare_field(std::string_view text, FieldBits& bits) { prepare_with(kernels(), text, bits); }
void find_segments(FieldBits& bits) { kernels(bits.kernels).segments(bits); }
void keep_segments(const FieldBits& bits, const FeatureTable::Bloom& bloom, bool keep_all,
                   KeptSegments& kept) {
  kernels(bits.kernels).keep(bits, bloom, keep_all, kept);
}
FieldKernels field_kernels() { return kernels().name; }
bool field_kernels_available(FieldKernels name) { return cpu_has(name); }
void prepare_field(std::string_view text, FieldBits& bits, FieldKernels name) {
  prepare_with(kernels(name), text, bits);
}

}  // namespace papersieve::rules
