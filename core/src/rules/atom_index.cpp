// Building the anchor tables of the gate atoms and scanning a text for them.
// GCC 12's AVX-512 intrinsics trip -Wmaybe-uninitialized (GCC bug 105593; field_bits.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "rules/atom_index.hpp"

#include <immintrin.h>

#include <algorithm>
#include <cstring>
#include <string_view>

#include "rules/keep_segments.hpp"  // PSV_AVX512_TARGET

namespace papersieve::rules {
namespace {

int rarity(char c) {
  static constexpr std::string_view kFrequent = "etaoinsrhldcumfpgwybvkxjqz";
  const auto at = kFrequent.find(c);
  return at == std::string_view::npos ? 20 : static_cast<int>(at);
}

// The offset of the rarest window of `width` bytes, and its rarity.
std::pair<std::uint32_t, int> rarest_window(const std::string& atom, std::size_t width) {
  std::uint32_t best = 0;
  int best_score = -1;
  for (std::uint32_t o = 0; o + width <= atom.size(); ++o) {
    int score = 0;
    for (std::size_t k = 0; k < width; ++k) score += rarity(atom[o + k]);
    if (score > best_score) best = o, best_score = score;
  }
  return {best, best_score};
}

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

}  // namespace

int atom_score(const std::string& atom) {
  // Surprisal in tenths of a bit per byte, from English letter frequencies (digits and other
  // bytes count as rare): how unlikely the atom is in a text, were its bytes independent. The
  // sum favours long atoms ("mafousceaer" over "ing"), which a text holds far less often.
  static constexpr int kTenthBits[26] = {
      36, 61, 52, 45,  30, 55, 56, 40, 38, 94, 70, 46, 54,    // a-m
      39, 37, 57, 100, 41, 40, 35, 52, 67, 54, 94, 56, 104};  // n-z
  int score = 0;
  for (char c : atom) score += c >= 'a' && c <= 'z' ? kTenthBits[c - 'a'] : 70;
  return score;
}

std::uint32_t AtomIndex::add(const std::string& atom) {
  const auto [it, fresh] = ids_.try_emplace(atom, static_cast<std::uint32_t>(atoms_.size()));
  if (fresh) atoms_.push_back(atom);
  return it->second;
}

void AtomIndex::finish() {
  for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
    const std::string& atom = atoms_[a];
    keys_.push_back(token_key<false>(atom.data(), atom.size()));
    const std::size_t width = atom.size() >= 4 ? 4 : 2;
    const std::uint32_t offset = rarest_window(atom, width).first;
    char window[4] = {};
    std::memcpy(window, atom.data() + offset, width);
    (width == 2 ? pairs_ : quads_)
        .anchors.push_back({window_key(load_quad(window), width), a, offset});
  }
  for (Table* each : {&pairs_, &quads_}) {
    Table& table = *each;
    if (table.anchors.empty()) continue;
    std::sort(table.anchors.begin(), table.anchors.end(),
              [](const Anchor& x, const Anchor& y) { return x.window < y.window; });
    table.bits.assign(1024, 0);
    table.first.assign(65536, 0);
    for (auto k = static_cast<std::uint32_t>(table.anchors.size()); k-- > 0;) {
      const std::uint32_t window = table.anchors[k].window;
      table.bits[window >> 6] |= 1ULL << (window & 63);
      table.first[window] = k;
    }
  }
  ids_.clear();
}

void AtomIndex::check(const Table& table, std::uint32_t window, const char* lowered, std::size_t i,
                      std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                      std::vector<AtomHit>& hits) const {
  for (auto it = table.anchors.begin() + table.first[window];
       it != table.anchors.end() && it->window == window; ++it) {
    const std::string& atom = atoms_[it->atom];
    if (i < it->offset || i - it->offset + atom.size() > n) continue;
    const char* at = lowered + i - it->offset;
    const TokenKey here = token_key<true>(at, atom.size());
    const TokenKey& key = keys_[it->atom];
    if (here.a == key.a && here.b == key.b &&
        (atom.size() <= 16 || std::memcmp(at, atom.data(), atom.size()) == 0)) {
      seen[it->atom] = stamp;
      hits.push_back({it->atom, static_cast<std::uint32_t>(i - it->offset)});
    }
  }
}

// One loop per window width in use (a fused loop, and a third width for 3-byte atoms,
// measured slower). Windows running past n read the zero padding: they match no atom (atoms
// hold no NUL), and check() rejects a hash collision there by the bounds.
template <std::size_t kWidth>
void AtomIndex::scan(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                     std::vector<AtomHit>& hits) const {
  const Table& table = this->table(kWidth);
  if (table.anchors.empty()) return;
  const std::uint64_t* bits = table.bits.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t window = window_key(load_quad(lowered + i), kWidth);
    if ((bits[window >> 6] >> (window & 63)) & 1)
      check(table, window, lowered, i, n, seen, stamp, hits);
  }
}

// Both widths, 16 positions a step: one permute builds the 16 four-byte windows, and each
// width's table bits come from one gather.
__attribute__((target(PSV_AVX512_TARGET))) void AtomIndex::scan_avx512(
    const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
    std::vector<AtomHit>& hits) const {
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

void AtomIndex::find(const char* lowered, std::size_t n, FieldKernels kernels, std::uint32_t* seen,
                     std::uint32_t stamp, std::vector<AtomHit>& hits) const {
  if (kernels == FieldKernels::avx512) {
    scan_avx512(lowered, n, seen, stamp, hits);
    return;
  }
  scan<2>(lowered, n, seen, stamp, hits);
  scan<4>(lowered, n, seen, stamp, hits);
}

}  // namespace papersieve::rules
