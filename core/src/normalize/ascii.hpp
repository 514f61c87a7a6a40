// ASCII helpers: runs of ASCII bytes found eight at a time (English abstracts are mostly
// ASCII, so the normalization steps skip them in bulk), and ASCII-only case helpers for
// identifiers and URLs (text is never changed beyond A-Z).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace papersieve {

// Length of the leading run of ASCII bytes.
inline std::size_t ascii_prefix(std::string_view s) {
  std::size_t i = 0;
  for (; i + 32 <= s.size(); i += 32) {  // four words tested at once: one branch per 32 bytes
    std::uint64_t w[4];
    std::memcpy(w, s.data() + i, 32);
    if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) break;
  }
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

inline bool is_ascii(std::string_view s) { return ascii_prefix(s) == s.size(); }

namespace detail {

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// True when `text` starts with `lower_prefix` (written in lower case), ignoring ASCII case.
inline bool starts_with_nocase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i)
    if (ascii_lower(text[i]) != lower_prefix[i]) return false;
  return true;
}

}  // namespace detail
}  // namespace papersieve
