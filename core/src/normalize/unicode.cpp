// UTF-8 repair, NFC and whitespace collapsing. English abstracts are mostly
// ASCII, so every step works on ASCII runs in bulk and calls utf8proc only for
// the non-ASCII stretches.
#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdlib>
#include <cstring>
#include <memory>

#include "normalize/ascii.hpp"
#include "normalize/collapse.hpp"
#include "normalize/hash.hpp"
#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

const utf8proc_uint8_t* bytes(std::string_view s) {
  return reinterpret_cast<const utf8proc_uint8_t*>(s.data());
}

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// What a non-ASCII code point does to whitespace collapsing.
enum class SpaceClass { keep, space, drop };

SpaceClass classify(utf8proc_int32_t cp) {
  if (cp == 0x200B || cp == 0xFEFF) return SpaceClass::drop;  // zero-width space, stray BOM
  if (cp == 0x85) return SpaceClass::space;                   // NEL
  // Separators are few: below U+1680 only U+00A0, none in U+2060..U+2FFF or above U+3000, so
  // letters, Greek and math symbols are told without a lookup.
  if (cp < 0x1680 || (cp > 0x205F && cp < 0x3000) || cp > 0x3000)
    return cp == 0xA0 ? SpaceClass::space : SpaceClass::keep;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return SpaceClass::space;
    default: return SpaceClass::keep;
  }
}

void append_mapped(std::string& out, std::string_view valid_utf8, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(bytes(valid_utf8), static_cast<utf8proc_ssize_t>(valid_utf8.size()), &mapped,
                   static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (length < 0) {
    throw Error(length == UTF8PROC_ERROR_NOMEM ? Status::no_memory : Status::internal,
                std::string("utf8proc: ") + utf8proc_errmsg(length));
  }
  out.append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

// Applies a utf8proc mapping to the non-ASCII stretches only. ASCII characters
// are starters that never compose with what precedes them, so the text can be
// cut before each one; the ASCII character before a stretch goes with it, as a
// combining mark may compose with it ("e" + U+0301 -> "é").
std::string map_non_ascii(std::string_view text, int options) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t run = pos + ascii_prefix(text.substr(pos));
    if (run == text.size()) {
      out.append(text.substr(pos));
      break;
    }
    const std::size_t start = run > pos ? run - 1 : run;  // keep the possible base letter
    out.append(text.substr(pos, start - pos));
    std::size_t end = run;
    while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
    append_mapped(out, text.substr(start, end - start), options);
    pos = end;
  }
  return out;
}

}  // namespace

std::string repair_utf8(std::string_view text, std::size_t* replaced) {
  std::size_t count = 0;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t run = ascii_prefix(text.substr(pos));
    out.append(text.substr(pos, run));
    pos += run;
    if (pos == text.size()) break;
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n =
        utf8proc_iterate(bytes(text) + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n < 0) {  // one U+FFFD per byte that starts no valid sequence
      out += kReplacement;
      ++count;
      ++pos;
    } else {
      out.append(text.substr(pos, static_cast<std::size_t>(n)));
      pos += static_cast<std::size_t>(n);
    }
  }
  if (replaced != nullptr) *replaced = count;
  return out;
}

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t pos = 0;
  while (pos < text.size()) {
    pos += ascii_prefix(text.substr(pos));
    if (pos == text.size()) return true;
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n =
        utf8proc_iterate(bytes(text) + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n < 0) return false;
    pos += static_cast<std::size_t>(n);
  }
  return true;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back over continuation bytes (at most three) to the lead byte of the cut sequence.
  std::size_t lead = end;
  while (lead > 0 && end - lead < 4 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80)
    --lead;
  if (lead < end || (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(
        bytes(text) + lead, static_cast<utf8proc_ssize_t>(text.size() - lead), &cp);
    // A valid sequence that crosses the cut is left out whole; invalid bytes are single
    // characters, so the cut stands.
    if (n > 0 && lead + static_cast<std::size_t>(n) > end) end = lead;
  }
  return text.substr(0, end);
}

std::string utf8_excerpt(std::string_view text, std::size_t max_bytes) {
  const std::string_view kept = utf8_prefix(text, max_bytes);
  std::string out = repair_utf8(kept);
  if (kept.size() < text.size()) out += "\xE2\x80\xA6";  // …
  return out;
}

namespace detail {
std::string valid_utf8_message(const std::string& message) {
  return is_valid_utf8(message) ? message : repair_utf8(message);
}
}  // namespace detail

bool repair_utf8_in_place(std::string& text) {
  if (is_valid_utf8(text)) return false;
  text = repair_utf8(text);
  return true;
}

std::string to_nfc(std::string_view valid_utf8) {
  if (is_ascii(valid_utf8)) return std::string(valid_utf8);
  return map_non_ascii(valid_utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t kLowSeven = 0x7F7F7F7F7F7F7F7FULL;

// High bit set in exactly the bytes of v that are zero.
std::uint64_t zero_bytes(std::uint64_t v) {
  return ~(((v & kLowSeven) + kLowSeven) | v | kLowSeven);
}

// Length of the leading run that whitespace collapsing copies as it is: bytes
// 0x20..0x7F with no two spaces in a row. Sixteen bytes at a time with SSE2 (every
// x86-64 has it), else eight; an English line is one run. Inlined: it runs once per run.
__attribute__((always_inline)) inline std::size_t regular_prefix(const char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // A signed compare: bytes from 0x80 up are negative, so below 0x20 as well.
    const auto low = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(x, space)));
    const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, space)));
    const unsigned stop = low | (spaces & (spaces >> 1));  // "  " stops at its first space
    if (stop != 0) return i + static_cast<std::size_t>(__builtin_ctz(stop));
    if (p[i + 15] == ' ' && i + 16 < n && p[i + 16] == ' ') return i + 15;
  }
#endif
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    const std::uint64_t spaces = zero_bytes(x ^ 0x2020202020202020ULL);
    const std::uint64_t bad = (x & kHighBits) | zero_bytes(x & 0xE0E0E0E0E0E0E0E0ULL) |
                              (spaces & (spaces >> 8));  // bytes < 0x20, >= 0x80, "  "
    if (bad != 0) return i + static_cast<std::size_t>(__builtin_ctzll(bad) / 8);
    if (p[i + 7] == ' ' && i + 8 < n && p[i + 8] == ' ') return i + 7;
  }
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x80 || (c == ' ' && i + 1 < n && p[i + 1] == ' ')) return i;
  }
  return n;
}

}  // namespace

namespace {

struct Collapsed {
  std::size_t size = 0;  // of the collapsed text
  bool changed = false;  // it differs from the input
};

// Writes the collapsed form of the `size` bytes at `p` to `out`. The output is never longer
// than the input and a write never overtakes the read position, so `out` may be `p` itself:
// each copy is a memmove, skipped where the bytes are in place already. The text changes
// exactly when it shrinks or whitespace other than a single space becomes one.
Collapsed collapse_into(const char* const p, const std::size_t size, char* const out) {
  char* w = out;
  bool pending_space = false, other_space = false;
  auto put = [&](const char* from, std::size_t n) {
    if (pending_space && w != out) *w++ = ' ';  // a pending space consumed an unwritten byte
    pending_space = false;
    if (w != from) std::memmove(w, from, n);
    w += n;
  };
  std::size_t pos = 0;
  while (pos < size) {
    const std::size_t run = regular_prefix(p + pos, size - pos);
    if (run > 0) {  // single inner spaces stay; one at either end becomes pending
      std::size_t first = pos, last = pos + run;
      if (p[first] == ' ') pending_space = true, ++first;
      const bool trailing = last > first && p[last - 1] == ' ';
      if (trailing) --last;
      if (last > first) put(p + first, last - first);
      pending_space = pending_space || trailing;
      pos += run;
      continue;
    }
    const auto c = static_cast<unsigned char>(p[pos]);
    if (c < 0x80) {  // a space of a run, another ASCII space, or a control byte
      if (is_ascii_space(c)) {
        pending_space = true;
        other_space = other_space || c != ' ';
      } else {
        put(p + pos, 1);
      }
      ++pos;
      continue;
    }
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(p) + pos,
                                          static_cast<utf8proc_ssize_t>(size - pos), &cp);
    if (n <= 0) n = 1;  // invalid bytes pass through; repair_utf8 runs first
    const SpaceClass kind = cp >= 0 ? classify(cp) : SpaceClass::keep;
    if (kind == SpaceClass::space) {
      pending_space = true;
      other_space = true;
    } else if (kind == SpaceClass::keep) {
      put(p + pos, static_cast<std::size_t>(n));
    }
    pos += static_cast<std::size_t>(n);
  }
  const auto written = static_cast<std::size_t>(w - out);
  return {written, written != size || other_space};
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out(text.size(), '\0');
  out.resize(collapse_into(text.data(), text.size(), out.data()).size);
  return out;
}

namespace detail {

bool collapse_whitespace_in_place(std::string& text) {
  const Collapsed collapsed = collapse_into(text.data(), text.size(), text.data());
  text.resize(collapsed.size);
  return collapsed.changed;
}

}  // namespace detail

namespace {

// What a text needs before whitespace collapsing, found in one validating pass.
struct TextNeeds {
  bool repair = false;    // has invalid UTF-8
  bool nfc = false;       // has a code point from U+0300 up: below it all are NFC-stable starters
  bool collapse = false;  // has whitespace other than single inner spaces
};

// True when an ASCII control byte (tab, newline, ...) or two spaces in a row occur.
bool has_control_or_double_space(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // Exact test for a byte below 0x20 (bytes from 0x80 up never match).
    if ((word - 0x2020202020202020ULL) & ~word & 0x8080808080808080ULL) return true;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) < 0x20) return true;
  return text.find("  ") != std::string_view::npos;
}

TextNeeds scan(std::string_view text) {
  TextNeeds needs;
  needs.collapse = !text.empty() &&
                   (text.front() == ' ' || text.back() == ' ' || has_control_or_double_space(text));
  std::size_t pos = 0;
  while (pos < text.size()) {
    pos += ascii_prefix(text.substr(pos));
    if (pos == text.size()) break;
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n =
        utf8proc_iterate(bytes(text) + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n < 0) {
      needs.repair = true;
      ++pos;
    } else {
      needs.nfc = needs.nfc || cp >= 0x300;
      needs.collapse = needs.collapse || classify(cp) != SpaceClass::keep;
      pos += static_cast<std::size_t>(n);
    }
  }
  return needs;
}

}  // namespace

bool is_clean_text(std::string_view text) {
  const TextNeeds needs = scan(text);
  return !needs.repair && !needs.nfc && !needs.collapse;
}

bool clean_text_in_place(std::string& text, std::size_t* replaced) {
  if (replaced != nullptr) *replaced = 0;
  // ASCII has nothing to repair or compose: one collapsing pass is all (abstracts mostly).
  if (is_ascii(text)) return detail::collapse_whitespace_in_place(text);
  const TextNeeds needs = scan(text);
  if (!needs.repair && !needs.nfc && !needs.collapse) return false;
  if (needs.repair) text = repair_utf8(text, replaced);
  if (needs.nfc) text = to_nfc(text);
  detail::collapse_whitespace_in_place(text);
  return true;
}

std::string clean_text(std::string_view text, std::size_t* replaced) {
  if (replaced != nullptr) *replaced = 0;
  const TextNeeds needs = scan(text);
  if (!needs.repair && !needs.nfc) {
    return needs.collapse ? collapse_whitespace(text) : std::string(text);
  }
  const std::string valid = needs.repair ? repair_utf8(text, replaced) : std::string(text);
  return collapse_whitespace(needs.nfc ? to_nfc(valid) : valid);
}

std::uint64_t fold_title_hash(std::string_view title, std::uint64_t basis) {
  if (!is_ascii(title)) return fnv1a64(fold_title(title), basis);
  // fold_title of ASCII is lowercase with whitespace collapsed: hash it on the fly.
  std::uint64_t hash = basis;
  bool pending_space = false, started = false;
  for (unsigned char c : title) {
    if (is_ascii_space(c)) {
      pending_space = started;
      continue;
    }
    if (pending_space) hash = fnv1a64_step(hash, ' ');
    pending_space = false;
    started = true;
    hash = fnv1a64_step(hash, static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return hash;
}

namespace {

// The eight bytes at `p` (fewer: zero-padded) as one word.
std::uint64_t word_at(const char* p, std::size_t n) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, n < 8 ? n : 8);
  return word;
}

// A-Z to a-z in a word of ASCII bytes (none >= 0x80).
std::uint64_t ascii_lower_word(std::uint64_t word) {
  const std::uint64_t at_least_a = word + 0x3F3F3F3F3F3F3F3FULL;  // bit 7 set from 'A' (0x41)
  const std::uint64_t above_z = word + 0x2525252525252525ULL;     // bit 7 set from '[' (0x5B)
  return word | ((at_least_a & ~above_z & kHighBits) >> 2);       // 0x80 >> 2 is the case bit
}

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 32);
}

// The word hash over `folded`, lowered first when `lower`.
std::uint64_t word_hash(std::string_view folded, std::uint64_t seed, bool lower) {
  std::uint64_t h = seed ^ (folded.size() * 0x9E3779B97F4A7C15ULL);
  for (std::size_t i = 0; i < folded.size(); i += 8) {
    std::uint64_t word = word_at(folded.data() + i, folded.size() - i);
    if (lower) word = ascii_lower_word(word);
    h = (h ^ word) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
  }
  return mix(h);
}

}  // namespace

std::uint64_t fold_title_key(std::string_view title, std::uint64_t seed) {
  // Printable ASCII with single inner spaces (a normalized title, mostly) folds to itself
  // lowered: hashed without building the folded string.
  if (!title.empty() && title.front() != ' ' && title.back() != ' ' &&
      regular_prefix(title.data(), title.size()) == title.size())
    return word_hash(title, seed, true);
  return word_hash(fold_title(title), seed, false);
}

std::string fold_title(std::string_view clean_title) {
  std::string folded = is_ascii(clean_title)
                           ? std::string(clean_title)
                           : map_non_ascii(repair_utf8(clean_title),
                                           UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return collapse_whitespace(folded);
}

}  // namespace papersieve
