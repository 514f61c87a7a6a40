// The portable build (kernels.hpp): plain C++, the build on every CPU that is not x86-64.
// Its scalar segment listing, keep_segments and byte search also serve the x86 builds that
// have no faster one.
#include <cstring>

#include "rules/compile/literal_index_tables.hpp"
#include "rules/kernels/field_steps.hpp"
#include "rules/kernels/kernels.hpp"

namespace papersieve::rules {
namespace kernels {
namespace {

// A byte at a time; the compiler vectorizes the block loop where it can.
void prepare_portable(std::string_view text, FieldBits& bits) {
  const std::size_t blocks = size_field(text, bits);
  char* out = bits.lowered.data();
  std::uint64_t any_high = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    char tail[64];
    const auto* src = reinterpret_cast<const unsigned char*>(block(text, b, tail));
    std::uint64_t word = 0, high = 0;
    for (unsigned k = 0; k < 64; ++k) {
      unsigned char c = src[k];
      c = static_cast<unsigned char>(c + (static_cast<unsigned>(c - 'A') < 26u ? 0x20 : 0));
      out[b * 64 + k] = static_cast<char>(c);
      const bool alnum =
          static_cast<unsigned>(c - 'a') < 26u || static_cast<unsigned>(c - '0') < 10u;
      word |= static_cast<std::uint64_t>(alnum) << k;
      high |= static_cast<std::uint64_t>(c >> 7) << k;
    }
    bits.word[b] = word;
    bits.high[b] = high;
    any_high |= high;
  }
  bits.any_high = any_high != 0;
}

}  // namespace

void segments_scalar(FieldBits& bits) { segments<false>(bits); }

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
    out += static_cast<unsigned>(keep_all) | static_cast<unsigned>(bloom.maybe_key(h)) |
           static_cast<unsigned>(bloom.maybe_prefix(lowered + start));
  }
  kept.count = out;
}

void byte_occurrences_scalar(std::string_view text, unsigned char b, std::vector<Occurrence>& out) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* at = begin; at != end;) {
    const void* found = std::memchr(at, b, static_cast<std::size_t>(end - at));
    if (found == nullptr) break;
    const auto pos = static_cast<std::uint32_t>(static_cast<const char*>(found) - begin);
    out.push_back({pos, pos + 1});
    at = static_cast<const char*>(found) + 1;
  }
}

const Table kPortable{
    FieldKernels::portable,       prepare_portable,       segments_scalar, keep_segments_scalar,
    &LiteralIndex::find_portable, byte_occurrences_scalar};

}  // namespace kernels

// One loop per window width in use (a fused loop, and a third width for 3-byte literals,
// measured slower). Windows running past n read the zero padding: they match no literal (literals
// hold no NUL), and check() rejects a hash collision there by the bounds.
template <std::size_t kWidth>
void LiteralIndex::scan(const char* lowered, std::size_t n, std::uint32_t* seen,
                        std::uint32_t stamp, std::vector<LiteralHit>& hits) const {
  const Table& table = this->table(kWidth);
  if (table.anchors.empty()) return;
  const std::uint64_t* bits = table.bits.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t window = window_key(load_quad(lowered + i), kWidth);
    if ((bits[window >> 6] >> (window & 63)) & 1)
      check(table, window, lowered, i, n, seen, stamp, hits);
  }
}

void LiteralIndex::find_portable(const char* lowered, std::size_t n, std::uint32_t* seen,
                                 std::uint32_t stamp, std::vector<LiteralHit>& hits) const {
  scan<2>(lowered, n, seen, stamp, hits);
  scan<4>(lowered, n, seen, stamp, hits);
}

}  // namespace papersieve::rules
