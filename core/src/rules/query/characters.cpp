#include "rules/query/characters.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstring>

namespace papersieve::rules {

namespace {

// The codepoint at `pos` and its length; -1 for invalid UTF-8.
utf8proc_int32_t decode(std::string_view text, std::size_t pos, std::size_t& length) noexcept {
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + pos,
                                  static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  length = n > 0 ? static_cast<std::size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

bool is_unicode_space(utf8proc_int32_t cp) noexcept {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_unicode_dash(utf8proc_int32_t cp) noexcept {
  return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 ||
         cp == 0xFF0D;
}

bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::size_t space_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) return 0;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return is_ascii_space(text[pos]) ? 1 : 0;
  std::size_t length = 0;
  return is_unicode_space(decode(text, pos, length)) ? length : 0;
}

std::size_t separator_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) return 0;
  const char c = text[pos];
  if (c == '-' || c == '_') return 1;
  if (static_cast<unsigned char>(c) < 0x80) return is_ascii_space(c) ? 1 : 0;
  std::size_t length = 0;
  const auto cp = decode(text, pos, length);
  return is_unicode_space(cp) || is_unicode_dash(cp) ? length : 0;
}

bool has_word(std::string_view text) noexcept {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t n = separator_at(text, pos);
    if (n == 0) return true;
    pos += n;
  }
  return false;
}

std::size_t codepoint_length(std::string_view text, std::size_t pos) noexcept {
  std::size_t length = 1;
  if (pos < text.size() && static_cast<unsigned char>(text[pos]) >= 0x80) decode(text, pos, length);
  return length;
}

std::uint32_t codepoints_between(std::string_view text, std::size_t from, std::size_t to) noexcept {
  to = std::min(to, text.size());
  if (from >= to) return 0;
  // Every byte but a continuation byte (10xxxxxx) starts a codepoint: the bytes less those,
  // counted eight at a time (bit 7 set and bit 6, shifted onto it, clear), the sum of the
  // eight flags taken by one multiply.
  std::size_t continuation = 0, i = from;
  for (; i + 8 <= to; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    const std::uint64_t flags = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
    continuation += (flags * 0x0101010101010101ULL) >> 56;
  }
  for (; i < to; ++i) continuation += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  return static_cast<std::uint32_t>(to - from - continuation);
}

bool is_rule_name_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::size_t invalid_utf8_at(std::string_view text) noexcept {
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 0;
    if (decode(text, pos, length) < 0) return pos;
    pos += length;
  }
  return std::string_view::npos;
}

}  // namespace papersieve::rules
