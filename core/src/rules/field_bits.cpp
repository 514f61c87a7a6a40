// prepare_field and find_segments (folded_text.hpp): the matcher's per-byte work, in two
// builds chosen once per process. The baseline one uses SSE2 and plain bit scans (the wheel
// targets baseline x86-64); where the CPU has AVX2, BMI1 and POPCNT, the same steps run 32
// bytes at a time and segment positions are flattened with tzcnt/blsr and one popcount per
// word. PAPERSIEVE_SIMD=baseline in the environment forces the baseline build (the tests run
// both).
#include <immintrin.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "rules/folded_text.hpp"

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

template <bool kPopcount>
__attribute__((always_inline)) inline void segments(FieldBits& bits) {
  const std::size_t blocks = bits.word.size();
  // At most 32 segments start (and end) in a block, and flatten writes up to 12 past the last.
  // The arrays only grow: resizing down and up again would zero them for every field.
  if (bits.starts.size() < blocks * 32 + 16) {
    bits.starts.resize(blocks * 32 + 16);
    bits.ends.resize(blocks * 32 + 16);
  }
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
  bits.high_bytes.clear();
  if (bits.any_high) {
    for (std::size_t b = 0; b < blocks; ++b)
      for (std::uint64_t h = bits.high[b]; h != 0; h &= h - 1)
        bits.high_bytes.push_back(static_cast<std::uint32_t>(b << 6) +
                                  static_cast<std::uint32_t>(__builtin_ctzll(h)));
  }
  bits.high_bytes.push_back(FieldBits::kNoHighByte);
}

void segments_baseline(FieldBits& bits) { segments<false>(bits); }
__attribute__((target("bmi,popcnt"))) void segments_bmi(FieldBits& bits) { segments<true>(bits); }

struct Kernels {
  FieldKernels name;
  void (*prepare)(std::string_view, FieldBits&);
  void (*segments)(FieldBits&);
};
constexpr Kernels kBaseline{FieldKernels::baseline, prepare_sse2, segments_baseline};
constexpr Kernels kAvx2{FieldKernels::avx2, prepare_avx2, segments_bmi};

bool cpu_has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("popcnt");
}

const Kernels& kernels() {
  static const Kernels& chosen = [] {
    const char* forced = std::getenv("PAPERSIEVE_SIMD");
    const bool baseline = forced != nullptr && std::string_view(forced) == "baseline";
    return !baseline && cpu_has_avx2() ? kAvx2 : kBaseline;
  }();
  return chosen;
}

const Kernels& kernels(FieldKernels name) {
  return name == FieldKernels::avx2 && cpu_has_avx2() ? kAvx2 : kBaseline;
}

}  // namespace

void prepare_field(std::string_view text, FieldBits& bits) { kernels().prepare(text, bits); }
void find_segments(FieldBits& bits) { kernels().segments(bits); }
FieldKernels field_kernels() { return kernels().name; }
bool field_kernels_available(FieldKernels name) {
  return name == FieldKernels::baseline || cpu_has_avx2();
}
void prepare_field(std::string_view text, FieldBits& bits, FieldKernels name) {
  kernels(name).prepare(text, bits);
}
void find_segments(FieldBits& bits, FieldKernels name) { kernels(name).segments(bits); }

}  // namespace papersieve::rules
