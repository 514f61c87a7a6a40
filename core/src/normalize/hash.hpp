// FNV-1a 64: tiny, stable across platforms and releases, good enough to key
// titles and ids (papersieve documents it as part of the title-hash id).
#pragma once

#include <cstdint>
#include <string_view>

namespace papersieve {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

inline std::uint64_t fnv1a64_step(std::uint64_t hash, unsigned char byte) {
  return (hash ^ byte) * 0x100000001b3ULL;  // FNV-1a 64 prime
}

inline std::uint64_t fnv1a64(std::string_view text, std::uint64_t basis = kFnvOffsetBasis) {
  std::uint64_t hash = basis;
  for (unsigned char c : text) hash = fnv1a64_step(hash, c);
  return hash;
}

// fnv1a64(fold_title(title), basis) without building the folded string when the
// title is ASCII (defined with fold_title in unicode.cpp).
std::uint64_t fold_title_hash(std::string_view title, std::uint64_t basis = kFnvOffsetBasis);

// A key of fold_title(title) that tells titles apart within one run (de-duplication): like
// fold_title_hash a function of the folded title alone, but hashed eight bytes a step. It may
// change between releases, so it is never stored; fold_title_hash is the one ids and the
// seen-state keep.
std::uint64_t fold_title_key(std::string_view title, std::uint64_t seed);

}  // namespace papersieve
