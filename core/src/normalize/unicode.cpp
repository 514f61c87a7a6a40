// UTF-8 repair, NFC and whitespace collapsing. Every step has an ASCII fast path:
// English abstracts are mostly ASCII, and utf8proc is only called when needed.
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// What a code point does to whitespace collapsing.
enum class SpaceClass { keep, space, drop };

SpaceClass classify(utf8proc_int32_t cp) {
  if (cp == 0x200B || cp == 0xFEFF) return SpaceClass::drop;  // zero-width space, stray BOM
  if (cp == 0x85) return SpaceClass::space;                   // NEL
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return SpaceClass::space;
    default: return SpaceClass::keep;
  }
}

std::string map_with(std::string_view valid_utf8, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid_utf8.data()),
                   static_cast<utf8proc_ssize_t>(valid_utf8.size()), &mapped,
                   static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (length < 0) {
    throw Error(length == UTF8PROC_ERROR_NOMEM ? Status::no_memory : Status::internal,
                std::string("utf8proc: ") + utf8proc_errmsg(length));
  }
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

}  // namespace

std::string repair_utf8(std::string_view text, std::size_t* replaced) {
  std::size_t count = 0;
  std::string out;
  if (is_ascii(text)) {
    out.assign(text);
  } else {
    out.reserve(text.size());
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
      if (*p < 0x80) {
        out.push_back(static_cast<char>(*p++));
        continue;
      }
      utf8proc_int32_t cp = 0;
      const utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &cp);
      if (n < 0) {  // one U+FFFD per byte that starts no valid sequence
        out += kReplacement;
        ++count;
        ++p;
      } else {
        out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
        p += n;
      }
    }
  }
  if (replaced != nullptr) *replaced = count;
  return out;
}

std::string to_nfc(std::string_view valid_utf8) {
  if (is_ascii(valid_utf8)) return std::string(valid_utf8);
  return map_with(valid_utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto put = [&](std::string_view piece) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(piece);
  };
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) {
      if (is_ascii_space(*p)) {
        pending_space = true;
      } else {
        put(std::string_view(reinterpret_cast<const char*>(p), 1));
      }
      ++p;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &cp);
    if (n < 0) n = 1;  // invalid input is passed through; repair_utf8 runs first
    const SpaceClass kind = n > 0 && cp >= 0 ? classify(cp) : SpaceClass::keep;
    if (kind == SpaceClass::space) {
      pending_space = true;
    } else if (kind == SpaceClass::keep) {
      put(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)));
    }
    p += n;
  }
  return out;
}

std::string clean_text(std::string_view text, std::size_t* replaced) {
  return collapse_whitespace(to_nfc(repair_utf8(text, replaced)));
}

std::string fold_title(std::string_view clean_title) {
  if (is_ascii(clean_title)) {
    std::string folded = collapse_whitespace(clean_title);
    for (char& c : folded)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return folded;
  }
  return collapse_whitespace(
      map_with(repair_utf8(clean_title), UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
}

}  // namespace papersieve
