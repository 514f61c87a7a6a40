// ASCII runs, eight bytes at a time: English abstracts are mostly ASCII, so the
// normalization steps skip them in bulk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace papersieve {

// Length of the leading run of ASCII bytes.
inline std::size_t ascii_prefix(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

inline bool is_ascii(std::string_view s) { return ascii_prefix(s) == s.size(); }

}  // namespace papersieve
