// The first pass of the matcher's field scan over plain-ASCII tokens: each token's key, hash
// and Bloom test, keeping the tokens that pass for the lookup pass (match_eval.cpp). Two builds,
// chosen with the field kernels (field_bits.cpp): one token at a time, or four at a time with
// AVX2 (variable shifts for the key masks and Bloom bits, 64-bit multiplies from 32-bit ones).
#pragma once

#include <cstddef>
#include <cstdint>

#include "rules/feature_table.hpp"
#include "rules/folded_text.hpp"
#include "rules/match_state.hpp"

namespace papersieve::rules {

// Segments [first, last) of `bits`, none holding a byte >= 0x80 (each is then one token,
// lowered[starts[k], ends[k])), get the ordinals ordinal + 1, ordinal + 2, ...; those whose
// hash_key(token_key(token)) passes `bloom` (all of them with keep_all) are written to
// kept[0, ...) in order as {start, end, ordinal, hash}. Returns how many. `kept` has room for
// last - first entries.
std::size_t keep_ascii_tokens(const FieldBits& bits, std::size_t first, std::size_t last,
                              std::uint32_t ordinal, FeatureTable::Bloom bloom, bool keep_all,
                              Kept* kept);
// The same with a given build (for tests; avx2 only where field_kernels_available says so).
std::size_t keep_ascii_tokens(const FieldBits& bits, std::size_t first, std::size_t last,
                              std::uint32_t ordinal, FeatureTable::Bloom bloom, bool keep_all,
                              Kept* kept, FieldKernels kernels);

}  // namespace papersieve::rules
