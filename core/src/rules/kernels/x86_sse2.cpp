// The x86-64 baseline build (kernels.hpp): SSE2, which every x86-64 CPU has.
#include <emmintrin.h>

#include "rules/kernels/field_steps.hpp"
#include "rules/kernels/kernels.hpp"

namespace papersieve::rules::kernels {
namespace {

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

}  // namespace

// 16 bytes a step (SSE2, every x86-64 has it): a byte that recurs every few dozen bytes, such
// as `-`, made memchr's per-occurrence call the larger cost.
void byte_occurrences_sse2(std::string_view text, unsigned char b, std::vector<Occurrence>& out) {
  const __m128i wanted = _mm_set1_epi8(static_cast<char>(b));
  std::size_t i = 0;
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, wanted))); m != 0;
         m &= m - 1) {
      const auto at = static_cast<std::uint32_t>(i) + static_cast<std::uint32_t>(__builtin_ctz(m));
      out.push_back({at, at + 1});
    }
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) == b)
      out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i) + 1});
}

const Table kSse2{
    FieldKernels::sse2,           prepare_sse2,         segments_scalar, keep_segments_scalar,
    &LiteralIndex::find_portable, byte_occurrences_sse2};

}  // namespace papersieve::rules::kernels
