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

// The byte pairs of a window the pair filter looks up: by width (2, 3, 4 bytes) the first
// kPairs of (kPairFirst, kPairSecond); adjacent pairs first.
constexpr std::size_t kPairs[3] = {1, 3, 6};
constexpr std::size_t kPairFirst[6] = {0, 1, 0, 2, 1, 0}, kPairSecond[6] = {1, 2, 2, 3, 3, 3};

// The bucket of a window among the pair filter's exact anchors (at most 128 per width).
inline std::uint32_t exact_bucket(std::uint32_t window) { return (window * 0x9E3779B1u) >> 24; }

// A byte pair's place in a 1024-bit pair table: the low 5 bits of x, then of y.
inline unsigned pair_entry(unsigned char x, unsigned char y) { return (x & 31u) | (y & 31u) << 5; }

// A step's bytes for the pair filter: stream k holds the bytes k places on. As the second
// byte y of a pair, a byte also gives `high`, its low 2 bits moved to bits 5 and 6 (byte-wise:
// a word shift, of which the index keeps only the bits a byte's own bits reach; bit 7 the
// permute ignores), and `bit`, its bits 2-4 as a one-bit mask.
struct PairStreams {
  __m512i byte_at[4], high[4], bit[4];
};

// Of the positions in m, those whose pair of streams (x, y) is in the 1024-bit `table`.
__attribute__((target(PSV_AVX512_TARGET))) inline __mmask64 pair_in(const std::uint8_t* table,
                                                                    const PairStreams& s,
                                                                    std::size_t x, std::size_t y,
                                                                    __mmask64 m) {
  const __m512i index =  // x's low 5 bits, then high[y]'s bits
      _mm512_ternarylogic_epi32(_mm512_set1_epi8(31), s.byte_at[x], s.high[y], 0xCA);
  const __m512i byte =
      _mm512_permutex2var_epi8(_mm512_load_si512(table), index, _mm512_load_si512(table + 64));
  return _mm512_mask_test_epi8_mask(m, byte, s.bit[y]);
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
  build_pair_filter();
  ids_.clear();
}

void AtomIndex::build_pair_filter() {
  for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
    const std::string& atom = atoms_[a];
    const std::size_t width = std::min<std::size_t>(atom.size(), 4);
    const std::uint32_t offset = width == 4 ? rarest_window(atom, 4).first : 0;
    char window[4] = {};
    std::memcpy(window, atom.data() + offset, width);
    exact_[width - 2].push_back({load_quad(window), a, offset});
    for (std::size_t k = 0; k < kPairs[width - 2]; ++k) {
      const unsigned e = pair_entry(static_cast<unsigned char>(window[kPairFirst[k]]),
                                    static_cast<unsigned char>(window[kPairSecond[k]]));
      // The scan reads the byte at e % 128 and its bit e / 128.
      pair_tables_.bits[width - 2][k][e & 127] |= static_cast<std::uint8_t>(1u << (e >> 7));
      const auto x = static_cast<unsigned char>(window[kPairFirst[k]]),
                 y = static_cast<unsigned char>(window[kPairSecond[k]]);
      nibble_tables_.bits[width - 2][k][(y >> 3) & 1][x & 15] |=
          static_cast<std::uint8_t>(1u << (y & 7));
    }
  }
  const auto at_most = [this](std::size_t limit) {
    return std::all_of(std::begin(exact_), std::end(exact_),
                       [limit](const auto& anchors) { return anchors.size() <= limit; });
  };
  // Both filters look passing windows up in the buckets below, built for the wider one.
  static_assert(kMaxNibbleFilterAnchors <= kMaxFilterAnchors);
  pair_filter_ = at_most(kMaxFilterAnchors);
  nibble_filter_ = at_most(kMaxNibbleFilterAnchors);
  if (!pair_filter_) return;
  for (std::size_t w = 0; w < 3; ++w) {
    std::vector<Anchor>& anchors = exact_[w];
    std::sort(anchors.begin(), anchors.end(), [](const Anchor& x, const Anchor& y) {
      return exact_bucket(x.window) < exact_bucket(y.window);
    });
    // first[b] .. first[b + 1]: the anchors of bucket b.
    auto& first = exact_first_[w];
    for (std::size_t b = 0, k = 0; b <= 256; ++b) {
      while (k < anchors.size() && exact_bucket(anchors[k].window) < b) ++k;
      first[b] = static_cast<std::uint16_t>(k);
    }
  }
}

void AtomIndex::compare(const Anchor& anchor, const char* lowered, std::size_t i, std::size_t n,
                        std::uint32_t* seen, std::uint32_t stamp,
                        std::vector<AtomHit>& hits) const {
  const std::string& atom = atoms_[anchor.atom];
  if (i < anchor.offset || i - anchor.offset + atom.size() > n) return;
  const char* at = lowered + i - anchor.offset;
  const TokenKey here = token_key<true>(at, atom.size());
  const TokenKey& key = keys_[anchor.atom];
  if (here.a == key.a && here.b == key.b &&
      (atom.size() <= 16 || std::memcmp(at, atom.data(), atom.size()) == 0)) {
    seen[anchor.atom] = stamp;
    hits.push_back({anchor.atom, static_cast<std::uint32_t>(i - anchor.offset)});
  }
}

void AtomIndex::check(const Table& table, std::uint32_t window, const char* lowered, std::size_t i,
                      std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                      std::vector<AtomHit>& hits) const {
  for (auto it = table.anchors.begin() + table.first[window];
       it != table.anchors.end() && it->window == window; ++it)
    compare(*it, lowered, i, n, seen, stamp, hits);
}

void AtomIndex::check_exact(std::size_t width, const char* lowered, std::size_t i, std::size_t n,
                            std::uint32_t* seen, std::uint32_t stamp,
                            std::vector<AtomHit>& hits) const {
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
void AtomIndex::check_passed(const Mask* passed, std::size_t stride, std::size_t steps,
                             std::size_t round, const char* lowered, std::size_t n,
                             std::uint32_t* seen, std::uint32_t stamp,
                             std::vector<AtomHit>& hits) const {
  constexpr std::size_t kStep = 8 * sizeof(Mask);
  for (std::size_t w = 0; w < 3; ++w)
    for (std::size_t step = 0; step < steps; ++step)
      for (Mask m = passed[w * stride + step]; m != 0; m &= m - 1)
        check_exact(w + 2, lowered,
                    round + kStep * step + static_cast<std::size_t>(__builtin_ctzll(m)), n, seen,
                    stamp, hits);
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

// 64 positions a step. A pair's table entry (pair_entry) is split as the tables are read: the
// low 7 bits pick a byte of the table's two registers, the top 3 the bit in it. A window
// running past n reads the padding; compare() rejects it by the bounds. The positions that
// pass are checked a round of steps later: a call from inside the loop would save and reload
// the vector registers each time.
__attribute__((target(PSV_AVX512_TARGET))) void AtomIndex::scan_pairs_avx512(
    const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
    std::vector<AtomHit>& hits) const {
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
        // A width without atoms still does its lookups on an empty mask: skipping them by a
        // branch measured ~6% slower (16 MB, 40 atoms of 4+ bytes).
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

// The pair filter of the AVX2 build: 32 positions a step, and a pair (x, y) looked up in a
// 256-bit table by the low 4 bits of each byte: vpshufb picks the byte of x's row that holds
// y's bit (one of two 16-byte tables, by y's bit 3). The positions that pass are checked a
// round later, as in the AVX-512 build.
__attribute__((target("avx2,bmi"))) void AtomIndex::scan_pairs_avx2(
    const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
    std::vector<AtomHit>& hits) const {
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

void AtomIndex::find(const char* lowered, std::size_t n, FieldKernels kernels, std::uint32_t* seen,
                     std::uint32_t stamp, std::vector<AtomHit>& hits) const {
  if (kernels == FieldKernels::avx512) {
    if (pair_filter_) {
      scan_pairs_avx512(lowered, n, seen, stamp, hits);
      return;
    }
    scan_avx512(lowered, n, seen, stamp, hits);
    return;
  }
  if (kernels == FieldKernels::avx2 && nibble_filter_) {
    scan_pairs_avx2(lowered, n, seen, stamp, hits);
    return;
  }
  scan<2>(lowered, n, seen, stamp, hits);
  scan<4>(lowered, n, seen, stamp, hits);
}

}  // namespace papersieve::rules
