// The first pass of matching a field: which of its segments (folded_text.hpp) may hold a
// feature. An ASCII segment is one token, already lowered: it is kept when its hash passes the
// rule set's Bloom filter or its first two bytes are those of a prefix stem. A segment holding a
// byte >= 0x80 is always kept, to be tokenized by the general tokenizer in the second pass. Most
// tokens stop here, so this is the hot loop; the AVX-512 build hashes and tests eight segments at a
// time (kernels/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/compile/feature_table.hpp"
#include "rules/match/folded_text.hpp"

namespace papersieve::rules {

// The kept segments in order, as arrays (the AVX-512 build stores eight lanes at a time).
struct KeptSegments {
  static constexpr std::uint32_t kHigh = 0x80000000u;  // in `segment`: holds a byte >= 0x80
  std::vector<std::uint32_t> start, end;
  std::vector<std::uint32_t> segment;  // its index in FieldBits, | kHigh
  std::vector<std::uint64_t> hash;     // hash_key(token_key(...)) of an ASCII segment
  std::size_t count = 0;
  // Room for `segments` entries and the eight-lane stores past the last.
  void make_room(std::size_t segments) {
    if (start.size() >= segments + 8) return;
    start.resize(segments + 8);
    end.resize(segments + 8);
    segment.resize(segments + 8);
    hash.resize(segments + 8);
  }
};

// Fills `kept` from a field's segments (after find_segments): every segment holding a byte
// >= 0x80, and the ASCII ones whose hash or head passes `bloom`, or all of them with
// `keep_all`. The
// build is the one that prepared the field.
void keep_segments(const FieldBits& bits, const FeatureTable::Bloom& bloom, bool keep_all,
                   KeptSegments& kept);

// The second pass: calls emit(start, end, folded, ordinal, ascii, hash) for the tokens of the
// kept segments in order. An ASCII segment is one token: folded is lowered[start, end),
// readable 16 bytes past its end, and hash its hash. A segment holding a byte >= 0x80 goes
// through `slow` (a TokenCursor over the text up to the segment's end) and may give several
// tokens or none: folded is the cursor's buffer (valid during the call) and hash is unset.
// `ordinal` counts every token of the field from 1, kept or not (phrases need adjacency).
// ahead(hash) is called with the hash of the entry four places ahead (to prefetch).
template <class Emit, class Ahead>
void for_each_kept_token(std::string_view text, const FieldBits& bits, const KeptSegments& kept,
                         TokenCursor& slow, Ahead&& ahead, Emit&& emit) {
  const char* lowered = bits.lowered.data();
  // Each segment before the current one was one token, except those through `slow`:
  // split_tokens is what they gave minus their number.
  std::int64_t split_tokens = 0;
  for (std::size_t k = 0; k < kept.count; ++k) {
    if (k + 4 < kept.count) ahead(kept.hash[k + 4]);
    const std::uint32_t start = kept.start[k], end = kept.end[k], segment = kept.segment[k];
    if (__builtin_expect(!(segment & KeptSegments::kHigh), 1)) {
      const auto ordinal = static_cast<std::uint32_t>(segment + 1 + split_tokens);
      emit(start, end, std::string_view(lowered + start, end - start), ordinal, true, kept.hash[k]);
      continue;
    }
    const auto before = static_cast<std::uint32_t>((segment & ~KeptSegments::kHigh) + split_tokens);
    slow.reset(text.substr(0, end), start);
    Token token;
    std::uint32_t tokens = 0;
    while (slow.next(token))
      emit(token.start, token.end, token.folded, before + ++tokens, false, 0);
    split_tokens += static_cast<std::int64_t>(tokens) - 1;
  }
}

}  // namespace papersieve::rules
