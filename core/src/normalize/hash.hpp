// FNV-1a 64: tiny, stable across platforms and releases, good enough to key
// titles and ids (papersieve documents it as part of the title-hash id).
#pragma once

#include <cstdint>
#include <string_view>

namespace papersieve {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

inline std::uint64_t fnv1a64(std::string_view text, std::uint64_t basis = kFnvOffsetBasis) {
  std::uint64_t hash = basis;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
  return hash;
}

}  // namespace papersieve
