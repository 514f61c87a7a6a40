// Tokenizing and folding (see folded_text.hpp): ASCII in the inline hot path,
// everything else here, one code point at a time through utf8proc.
#include "rules/match/folded_text.hpp"

#include <utf8proc.h>

#include <array>
#include <cstring>
#include <memory>

namespace papersieve::rules {
namespace {

const auto& kClasses = kByteClass;

// Scripts written without spaces between words: each character is a token.
bool is_cjk(std::int32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) ||  // Hangul Jamo
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x3130 && cp <= 0x318F) ||  // Hangul compatibility Jamo
         (cp >= 0x31F0 && cp <= 0x31FF) ||  // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||  // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // halfwidth Katakana
         (cp >= 0x20000 && cp <= 0x3FFFF);  // CJK extensions B..
}

// A Greek letter folds to its name (α, Α, ά, ϵ, µ, 𝛼 -> "alpha", ..., "mu"), so that `alpha`
// finds α and α finds "alpha" (docs/rules.md); the small letters α..ω, ς as σ.
constexpr std::array<std::string_view, 25> kGreekNames = {
    "alpha", "beta",   "gamma",   "delta", "epsilon", "zeta",    "eta",  "theta", "iota",
    "kappa", "lambda", "mu",      "nu",    "xi",      "omicron", "pi",   "rho",   "sigma",
    "sigma", "tau",    "upsilon", "phi",   "chi",     "psi",     "omega"};
constexpr std::int32_t kSmallAlpha = 0x03B1, kSmallOmega = 0x03C9;

bool is_greek_letter(std::int32_t cp) { return cp >= kSmallAlpha && cp <= kSmallOmega; }

// `cp` case folded and compatibility decomposed, without nonspacing and enclosing marks
// (size 0 for an unassigned or absurd code point: both sides drop it).
struct Folded {
  utf8proc_int32_t points[32];
  int size = 0;
};

Folded fold_decomposed(std::int32_t cp) {
  utf8proc_int32_t all[32];
  int boundclass = 0;
  const auto n = utf8proc_decompose_char(
      cp, all, 32,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD),
      &boundclass);
  Folded folded;
  if (n < 0 || n > 32) return folded;
  for (utf8proc_ssize_t k = 0; k < n; ++k) {
    const auto category = utf8proc_category(all[k]);
    if (category != UTF8PROC_CATEGORY_MN && category != UTF8PROC_CATEGORY_ME)
      folded.points[folded.size++] = all[k];
  }
  return folded;
}

// The one code point `cp` folds to, or -1 when it folds to none or several.
std::int32_t folded_code_point(std::int32_t cp) {
  const Folded folded = fold_decomposed(cp);
  return folded.size == 1 ? folded.points[0] : -1;
}

// alone: a token by itself (a CJK character, a Greek letter).
enum class CharKind { word, alone, separator };

CharKind classify_uncached(std::int32_t cp) {
  if (is_cjk(cp)) return CharKind::alone;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return is_greek_letter(folded_code_point(cp)) ? CharKind::alone : CharKind::word;
    default: return CharKind::separator;
  }
}

// Decodes the code point at text[i]; an invalid byte is returned as -1, length 1.
std::int32_t decode(std::string_view text, std::size_t i, std::size_t& length) {
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + i,
                                  static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  length = n > 0 ? static_cast<std::size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

// Classes and folds of the code points below 0x2000 (Latin, Greek, Cyrillic, ... : nearly all
// non-ASCII letters of English abstracts), computed once with utf8proc.
struct CachedCodePoint {
  CharKind kind = CharKind::separator;
  std::uint8_t size = 0;  // folded bytes; kUncached when they do not fit
  char bytes[14] = {};
};
constexpr std::int32_t kCachedCodePoints = 0x2000;
constexpr std::uint8_t kUncached = 0xFF;

void append_folded_uncached(std::string& out, std::int32_t cp);

const CachedCodePoint* code_point_cache() {
  static const std::unique_ptr<CachedCodePoint[]> cache = [] {
    auto table = std::make_unique<CachedCodePoint[]>(kCachedCodePoints);
    std::string folded;
    for (std::int32_t cp = 0x80; cp < kCachedCodePoints; ++cp) {
      CachedCodePoint& e = table[static_cast<std::size_t>(cp)];
      e.kind = classify_uncached(cp);
      folded.clear();
      append_folded_uncached(folded, cp);
      if (folded.size() > sizeof e.bytes) {
        e.size = kUncached;
      } else {
        e.size = static_cast<std::uint8_t>(folded.size());
        std::memcpy(e.bytes, folded.data(), folded.size());
      }
    }
    return table;
  }();
  return cache.get();
}

CharKind classify(std::int32_t cp) {
  if (cp >= 0x80 && cp < kCachedCodePoints) return code_point_cache()[cp].kind;
  return classify_uncached(cp);
}

}  // namespace

void append_folded(std::string& out, std::int32_t cp) {
  if (cp >= 0x80 && cp < kCachedCodePoints) {
    const CachedCodePoint& e = code_point_cache()[cp];
    if (e.size != kUncached) {
      out.append(e.bytes, e.size);
      return;
    }
  }
  append_folded_uncached(out, cp);
}

namespace {
void append_folded_uncached(std::string& out, std::int32_t cp) {
  const Folded folded = fold_decomposed(cp);
  for (int k = 0; k < folded.size; ++k) {
    const utf8proc_int32_t point = folded.points[k];
    if (is_greek_letter(point)) {
      out += kGreekNames[static_cast<std::size_t>(point - kSmallAlpha)];
      continue;
    }
    utf8proc_uint8_t bytes[4];
    const auto length = utf8proc_encode_char(point, bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
  }
}
}  // namespace

bool is_flex_separator(std::int32_t cp) {
  if (cp < 0x80 && cp >= 0) return kClasses[static_cast<std::size_t>(cp)] == ByteClass::flex;
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP || category == UTF8PROC_CATEGORY_PD ||
         category == UTF8PROC_CATEGORY_PC;
}

std::string_view trim_flex(std::string_view gap) {
  std::size_t length = 0;
  while (!gap.empty() && is_flex_separator(decode(gap, 0, length))) gap.remove_prefix(length);
  while (!gap.empty()) {  // step back to the start of the last code point
    std::size_t i = gap.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(gap[i]) & 0xC0) == 0x80) --i;
    if (!is_flex_separator(decode(gap, i, length))) break;
    gap.remove_suffix(gap.size() - i);
  }
  return gap;
}

// From `pos` on, with text[start, pos) an ASCII word run already seen (start == pos when
// none): the general tokenizer for text that is not plain ASCII.
bool TokenCursor::next_slow(Token& token, std::size_t start, std::size_t pos) {
  buf_.clear();
  for (std::size_t k = start; k < pos; ++k) buf_.push_back(lower_ascii(text_[k]));
  bool in_token = pos > start;
  std::size_t i = pos;
  while (i < text_.size()) {
    const auto b = static_cast<unsigned char>(text_[i]);
    if (b < 0x80) {
      const ByteClass c = kClasses[b];
      if (c == ByteClass::word || c == ByteClass::upper) {
        if (!in_token) start = i, in_token = true;
        buf_.push_back(lower_ascii(static_cast<char>(b)));
        ++i;
        continue;
      }
      if (in_token && !buf_.empty()) break;
      in_token = false, ++i;
      continue;
    }
    std::size_t length = 0;
    const std::int32_t cp = decode(text_, i, length);
    const CharKind kind = cp < 0 ? CharKind::separator : classify(cp);
    if (kind == CharKind::word) {
      if (!in_token) start = i, in_token = true;
      append_folded(buf_, cp);
      i += length;
      continue;
    }
    if (in_token && !buf_.empty()) break;  // a token that folds to nothing is no token
    buf_.clear(), in_token = false;
    if (kind == CharKind::alone) {
      append_folded(buf_, cp);
      if (buf_.empty()) {
        i += length;
        continue;
      }
      start = i, in_token = true, i += length;
      break;
    }
    i += length;
  }
  pos_ = i;
  if (!in_token || buf_.empty()) return false;
  token.start = static_cast<std::uint32_t>(start);
  token.end = static_cast<std::uint32_t>(i);
  token.folded = buf_;
  return true;
}

FoldedText::FoldedText(std::string_view displayed) : displayed_(displayed) {
  TokenCursor cursor(displayed);
  Token token;
  while (cursor.next(token)) {
    tokens_.push_back({token.start, token.end, static_cast<std::uint32_t>(folded_.size()),
                       static_cast<std::uint32_t>(token.folded.size())});
    folded_.append(token.folded);
  }
}

}  // namespace papersieve::rules
