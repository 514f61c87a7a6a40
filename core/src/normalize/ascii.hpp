// ASCII-only case helpers for identifiers and URLs (text is never changed beyond A-Z).
#pragma once

#include <string_view>

namespace papersieve::detail {

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

}  // namespace papersieve::detail
