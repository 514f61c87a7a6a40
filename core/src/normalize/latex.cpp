// TeX leftovers -> plain Unicode text. Abstracts are written for TeX, and the
// pages that copy them keep ``quotes'', \%, -- and accent macros verbatim.
// Plain prose is rejected by has_latex_markup with a few memchr scans; the
// cleaner below runs only on text that has markup.
#include "normalize/latex.hpp"

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <utility>

#include "normalize/tex_math.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Groups nest deeper than this only in hostile input; deeper ones are kept verbatim.
constexpr int kMaxDepth = 32;

constexpr char32_t kLeftDoubleQuote = 0x201C;
constexpr char32_t kRightDoubleQuote = 0x201D;
constexpr char32_t kLeftSingleQuote = 0x2018;
constexpr char32_t kRightSingleQuote = 0x2019;
constexpr char32_t kEnDash = 0x2013;
constexpr char32_t kEmDash = 0x2014;
constexpr char32_t kLeftAngle = 0x27E8;
constexpr char32_t kRightAngle = 0x27E9;
constexpr char32_t kLeftArrow = 0x2190;
constexpr char32_t kRightArrow = 0x2192;
constexpr char32_t kLeftRightArrow = 0x2194;
constexpr char32_t kDotlessI = 0x0131;
constexpr char32_t kDotlessJ = 0x0237;

struct NamedCodePoint {
  std::string_view name;
  char32_t code_point;
};

// Accent macro -> the combining mark put after its base letter.
constexpr std::array<NamedCodePoint, 15> kAccents = {{{"'", 0x0301},
                                                      {"`", 0x0300},
                                                      {"^", 0x0302},
                                                      {"\"", 0x0308},
                                                      {"~", 0x0303},
                                                      {"=", 0x0304},
                                                      {".", 0x0307},
                                                      {"u", 0x0306},
                                                      {"v", 0x030C},
                                                      {"H", 0x030B},
                                                      {"c", 0x0327},
                                                      {"k", 0x0328},
                                                      {"r", 0x030A},
                                                      {"d", 0x0323},
                                                      {"b", 0x0331}}};

// Macros that are a letter of their own; like TeX, they swallow the spaces after them.
constexpr std::array<NamedCodePoint, 13> kLetters = {{{"i", kDotlessI},
                                                      {"j", kDotlessJ},
                                                      {"ss", 0x00DF},
                                                      {"o", 0x00F8},
                                                      {"O", 0x00D8},
                                                      {"ae", 0x00E6},
                                                      {"AE", 0x00C6},
                                                      {"oe", 0x0153},
                                                      {"OE", 0x0152},
                                                      {"aa", 0x00E5},
                                                      {"AA", 0x00C5},
                                                      {"l", 0x0142},
                                                      {"L", 0x0141}}};

// Macros whose braced argument is plain text: \emph{x} -> x.
constexpr std::array<std::string_view, 13> kTextCommands = {
    "emph",   "textbf", "textit",     "texttt", "textsc", "textrm", "textsf",
    "textsl", "textup", "textnormal", "mathrm", "text",   "mbox"};

// Citations and cross-references: \cite{a,b} -> [a,b] (the key is all the record says).
constexpr std::array<std::string_view, 8> kCitations = {"cite",       "citep", "citet", "citealp",
                                                        "citeauthor", "ref",   "eqref", "autoref"};

// Line and paragraph breaks: a space.
constexpr std::array<std::string_view, 4> kBreaks = {"newline", "linebreak", "par", "break"};

// The placeholder arXiv's pages put after a URL they shortened: dropped after a URL.
constexpr std::array<std::string_view, 2> kUrlPlaceholders = {"{this https URL}",
                                                              "{this http URL}"};

// Font switches, which only change the look of the rest of a group: {\em x} -> x.
constexpr std::array<std::string_view, 8> kSwitches = {"em", "bf", "it", "sc",
                                                       "tt", "rm", "sl", "sf"};

// Logos written as macros.
constexpr std::array<std::string_view, 2> kLogos = {"LaTeX", "TeX"};

// \% -> %: the characters TeX reserves, escaped.
constexpr std::string_view kEscapedLiterals = "%&#_${}";

template <std::size_t N>
std::optional<char32_t> lookup(const std::array<NamedCodePoint, N>& table, std::string_view name) {
  for (const auto& entry : table)
    if (entry.name == name) return entry.code_point;
  return std::nullopt;
}

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_ascii_punctuation(char c) { return c > ' ' && c < 0x7F && !is_letter(c) && !is_digit(c); }

void append_code_point(std::string& out, char32_t code_point) {
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t n =
      utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
}

std::string utf8_of(char32_t code_point) {
  std::string s;
  append_code_point(s, code_point);
  return s;
}

// The one letter `text` holds, or nullopt: an accent goes on a single letter only.
std::optional<utf8proc_int32_t> single_letter(std::string_view text) {
  utf8proc_int32_t code_point = -1;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                       static_cast<utf8proc_ssize_t>(text.size()), &code_point);
  if (n <= 0 || static_cast<std::size_t>(n) != text.size()) return std::nullopt;
  switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO: return code_point;
    default: return std::nullopt;
  }
}

// Base letter + combining mark, composed by utf8proc (NFC): "o" + U+0308 -> "ö".
// A dotless i or j under an accent is the dotted letter's base: \'{\i} -> í.
std::optional<std::string> compose_accent(std::string_view base, char32_t mark) {
  auto letter = single_letter(base);
  if (!letter) return std::nullopt;
  if (*letter == static_cast<utf8proc_int32_t>(kDotlessI)) letter = 'i';
  if (*letter == static_cast<utf8proc_int32_t>(kDotlessJ)) letter = 'j';
  std::string decomposed = utf8_of(static_cast<char32_t>(*letter));
  append_code_point(decomposed, mark);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(decomposed.data()),
                   static_cast<utf8proc_ssize_t>(decomposed.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (length < 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

// Characters the cleaner stops at; everything else is copied in runs, up to the next URL
// (found apart, with memchr-speed searches for "://" and "www."): kStopBytes for the SSE2
// steps, kStops for the byte loop.
constexpr std::array<char, 7> kStopBytes = {'\\', '`', '\'', '-', '{', '~', '$'};
constexpr std::array<bool, 256> kStops = [] {
  std::array<bool, 256> stops{};
  for (const char c : kStopBytes) stops[static_cast<unsigned char>(c)] = true;
  return stops;
}();

bool is_stop(char c) { return kStops[static_cast<unsigned char>(c)]; }

// From `pos`, sixteen bytes a step (SSE2, every x86-64 has it): the first of `bytes` before
// `end`, or where fewer than sixteen bytes are left (the caller's byte loop goes on there).
template <std::size_t N>
std::size_t skip_to_any(std::string_view text, std::size_t pos, std::size_t end,
                        const std::array<char, N>& bytes) {
#if defined(__SSE2__)
  for (; pos + 16 <= end; pos += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    __m128i hit = _mm_setzero_si128();
    for (const char b : bytes) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(b)));
    if (const int mask = _mm_movemask_epi8(hit); mask != 0)
      return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#else
  (void)text, (void)end, (void)bytes;
#endif
  return pos;
}

constexpr std::array<char, 3> kBraceBytes = {'\\', '{', '}'};

// Position of the '}' matching each '{' (escaped \{ and \} skipped), from one
// pass with a stack: keeps brace matching linear even for unbalanced input.
std::vector<std::pair<std::size_t, std::size_t>> pair_braces(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < text.size(); ++i) {
    i = skip_to_any(text, i, text.size(), kBraceBytes);  // past bytes that are none of them
    if (i >= text.size()) break;
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '{') {
      open.push_back(i);
    } else if (text[i] == '}' && !open.empty()) {
      pairs.emplace_back(open.back(), i);
      open.pop_back();
    }
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

// "Next position >= from where something holds", remembered: the cleaner only
// moves forward, so a later question is usually answered by the last search.
class ForwardSearch {
 public:
  template <typename Search>
  std::size_t next(std::size_t from, Search search) {
    if (!searched_ || from < from_ || from > found_) {
      from_ = from;
      found_ = search(from);
      searched_ = true;
    }
    return found_;
  }

 private:
  bool searched_ = false;
  std::size_t from_ = 0;
  std::size_t found_ = npos;
};

class LatexCleaner {
 public:
  LatexCleaner(std::string_view text, MacroCounts* unknown_macros)
      : text_(text), unknown_macros_(unknown_macros) {}

  std::string run() {
    std::string out;
    out.reserve(text_.size() + 16);
    clean(0, text_.size(), 0, out);
    return out;
  }

 private:
  // Cleans text_[pos, end) into out. Each handler returns where it stopped.
  void clean(std::size_t pos, std::size_t end, int depth, std::string& out) {
    while (pos < end) {
      const std::size_t url_at =
          url_starts_.next(pos, [this](std::size_t from) { return next_url_start(from); });
      const std::size_t run = plain_run_end(pos, std::min(end, url_at));
      out.append(text_, pos, run - pos);
      pos = run;
      if (pos < end) pos = pos == url_at ? url(pos, end, out) : construct(pos, end, depth, out);
    }
  }

  // Where the next URL at or after `from` starts (npos when none): an "http://", "https://"
  // or "www." that url_length_at takes.
  std::size_t next_url_start(std::size_t from) const {
    std::size_t found = npos;
    for (std::size_t colon = text_.find("://", from); colon != npos && colon < found;
         colon = text_.find("://", colon + 3)) {
      for (const std::size_t scheme : {std::size_t{5}, std::size_t{4}}) {  // https, http
        if (colon >= from + scheme && url_length_at(text_, colon - scheme) != 0) {
          found = colon - scheme;
          break;
        }
      }
      if (found != npos) break;
    }
    for (std::size_t dot = text_.find('.', from + 3); dot != npos && dot - 3 < found;
         dot = text_.find('.', dot + 1)) {  // "www.": the '.' is rarer than a 'w'
      if (url_length_at(text_, dot - 3) != 0) found = dot - 3;
    }
    return found;
  }

  std::size_t plain_run_end(std::size_t pos, std::size_t end) const {
    pos = skip_to_any(text_, pos, end, kStopBytes);
    while (pos < end && !is_stop(text_[pos])) ++pos;
    return pos;
  }

  std::size_t construct(std::size_t pos, std::size_t end, int depth, std::string& out) {
    switch (text_[pos]) {
      case '\\': return backslash(pos, end, depth, out);
      case '`': return backtick(pos, end, out);
      case '\'': return apostrophe(pos, end, out);
      case '-': return dashes(pos, end, out);
      case '{': return group(pos, end, depth, out);
      case '~': return tie(pos, end, out);
      default: return dollar(pos, end, out);
    }
  }

  std::size_t verbatim(std::size_t pos, std::size_t until, std::string& out) const {
    out.append(text_, pos, until - pos);
    return until;
  }

  // ---- quotes and dashes ----

  // `` -> “; `x' -> ‘x’ when a closing ' ends a word before the next backtick;
  // a lone backtick (code, a typo) stays.
  std::size_t backtick(std::size_t pos, std::size_t end, std::string& out) {
    if (pos + 1 < end && text_[pos + 1] == '`') {
      append_code_point(out, kLeftDoubleQuote);
      return pos + 2;
    }
    const std::size_t close = single_quote_close(pos + 1, end);
    if (close == npos) return verbatim(pos, pos + 1, out);
    single_quote_close_ = close;
    append_code_point(out, kLeftSingleQuote);
    return pos + 1;
  }

  std::size_t single_quote_close(std::size_t from, std::size_t end) const {
    for (std::size_t i = from; i < end; ++i) {
      if (text_[i] == '`') return npos;
      if (text_[i] != '\'') continue;
      if (i + 1 < end && text_[i + 1] == '\'') {
        ++i;  // a closing double quote, not ours
        continue;
      }
      const bool ends_word = i + 1 == end || !(is_letter(text_[i + 1]) || is_digit(text_[i + 1]));
      if (ends_word && i > from) return i;
    }
    return npos;
  }

  // '' -> ”, or “ where it opens a quotation (''Recipe Theory''); the ' closing a `quote'
  // -> ’; apostrophes ("model's") stay.
  std::size_t apostrophe(std::size_t pos, std::size_t end, std::string& out) {
    if (pos + 1 < end && text_[pos + 1] == '\'') {
      const bool opens = (pos == 0 || is_space(text_[pos - 1]) || text_[pos - 1] == '(' ||
                          text_[pos - 1] == '[') &&
                         pos + 2 < end && !is_space(text_[pos + 2]);
      append_code_point(out, opens ? kLeftDoubleQuote : kRightDoubleQuote);
      return pos + 2;
    }
    if (pos != single_quote_close_) return verbatim(pos, pos + 1, out);
    single_quote_close_ = npos;
    append_code_point(out, kRightSingleQuote);
    return pos + 1;
  }

  // -- -> –, --- -> —; a single hyphen and longer runs (rules, "----") stay. An arrow drawn
  // with two hyphens is one: --> -> →, <-- -> ←, <--> -> ↔.
  std::size_t dashes(std::size_t pos, std::size_t end, std::string& out) const {
    std::size_t run = pos;
    while (run < end && text_[run] == '-') ++run;
    const bool head = run - pos == 2 && run < end && text_[run] == '>';
    const bool tail =
        run - pos == 2 && pos > 0 && text_[pos - 1] == '<' && !out.empty() && out.back() == '<';
    if (head || tail) {
      if (tail) out.pop_back();
      append_code_point(out, head && tail ? kLeftRightArrow : head ? kRightArrow : kLeftArrow);
      return head ? run + 1 : run;
    }
    if (run - pos == 2) {
      append_code_point(out, kEnDash);
    } else if (run - pos == 3) {
      append_code_point(out, kEmDash);
    } else {
      out.append(text_, pos, run - pos);
    }
    return run;
  }

  // A tie joins two words ("Fig.~1", "et~al."): a space. After a space or digit
  // or at either end, ~ means "about" ("~10x") or a range ("10~20") and stays.
  std::size_t tie(std::size_t pos, std::size_t end, std::string& out) const {
    const bool joins = pos > 0 && pos + 1 < end && !is_space(text_[pos - 1]) &&
                       !is_digit(text_[pos - 1]) && !is_space(text_[pos + 1]);
    out += joins ? ' ' : '~';
    return pos + 1;
  }

  // ---- verbatim regions: math and URLs ----

  // $$..$$ and $..$: rendered to Unicode when all of it has an exact form, else copied as
  // they are. An inline $ opens math only before a non-space and closes it only after a
  // non-space and before a non-digit (as pandoc reads it), so "$5 and $10" is prose; a $ of
  // a $$ never closes one.
  std::size_t dollar(std::size_t pos, std::size_t end, std::string& out) {
    if (pos + 1 < end && text_[pos + 1] == '$') {
      const std::size_t close = display_close_.next(
          pos + 2, [this](std::size_t from) { return unescaped(text_.find("$$", from), "$$"); });
      if (close == npos || close + 2 > end) return verbatim(pos, pos + 2, out);
      return math(pos, pos + 2, close, close + 2, out);
    }
    if (pos + 1 >= end || is_space(text_[pos + 1])) return verbatim(pos, pos + 1, out);
    const std::size_t close =
        inline_close_.next(pos + 1, [this](std::size_t from) { return inline_math_close(from); });
    if (close == npos || close >= end) return verbatim(pos, pos + 1, out);
    return math(pos, pos + 1, close, close + 1, out);
  }

  // The formula text_[begin, close) rendered, or text_[pos, after) as it is.
  std::size_t math(std::size_t pos, std::size_t begin, std::size_t close, std::size_t after,
                   std::string& out) const {
    if (tex::render_math(text_, begin, close, out)) return after;
    return verbatim(pos, after, out);
  }

  std::size_t inline_math_close(std::size_t from) const {
    for (std::size_t i = text_.find('$', from); i != npos; i = text_.find('$', i + 1)) {
      const char before = text_[i - 1];  // i >= from >= 1
      const char after = i + 1 < text_.size() ? text_[i + 1] : ' ';
      if (before != '\\' && before != '$' && !is_space(before) && after != '$' && !is_digit(after))
        return i;
    }
    return npos;
  }

  // `found` unless it is escaped (\$$); then the next occurrence.
  std::size_t unescaped(std::size_t found, std::string_view what) const {
    while (found != npos && found > 0 && text_[found - 1] == '\\')
      found = text_.find(what, found + 1);
    return found;
  }

  // \( .. \) and \[ .. \]: math, rendered like $..$.
  std::size_t delimited_math(std::size_t pos, std::size_t end, std::string_view closer,
                             ForwardSearch& search, std::string& out) {
    const std::size_t close =
        search.next(pos + 2, [&](std::size_t from) { return text_.find(closer, from); });
    if (close == npos || close + closer.size() > end) return verbatim(pos, pos + 2, out);
    return math(pos, pos + 2, close, close + closer.size(), out);
  }

  // A URL is copied untouched; a "{this https URL}" glued to it is arXiv's link text, dropped.
  std::size_t url(std::size_t pos, std::size_t end, std::string& out) const {
    const std::size_t length = url_length_at(text_, pos);
    if (length == 0) return verbatim(pos, pos + 1, out);
    const std::size_t after = verbatim(pos, std::min(pos + length, end), out);
    for (const std::string_view placeholder : kUrlPlaceholders)
      if (text_.substr(after, placeholder.size()) == placeholder &&
          after + placeholder.size() <= end)
        return after + placeholder.size();
    return after;
  }

  // ---- braces ----

  std::size_t matching_brace(std::size_t open, std::size_t end) {
    if (!braces_paired_) {
      braces_ = pair_braces(text_);
      braces_paired_ = true;
    }
    const auto it =
        std::lower_bound(braces_.begin(), braces_.end(), std::make_pair(open, npos),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    if (it == braces_.end() || it->first != open || it->second >= end) return npos;
    return it->second;
  }

  // A bare {..}: unwrapped when it holds a known macro ({\em x}, {\"o}) or protects
  // capitals ({BERT}); kept with its braces otherwise ({0,1}, {answer}, {}).
  std::size_t group(std::size_t pos, std::size_t end, int depth, std::string& out) {
    const std::size_t close = matching_brace(pos, end);
    if (close == npos) return verbatim(pos, pos + 1, out);
    if (depth >= kMaxDepth) return verbatim(pos, close + 1, out);
    std::string inner;
    clean(pos + 1, close, depth + 1, inner);
    const bool unwrap = starts_with_known_macro(pos + 1, close) || protects_capitals(inner);
    if (!unwrap) out += '{';
    out += inner;
    if (!unwrap) out += '}';
    return close + 1;
  }

  static bool protects_capitals(std::string_view inner) {
    bool capital = false;
    for (char c : inner) {
      const bool wordlike = is_letter(c) || is_digit(c) || c == ' ' || c == '-' || c == '.' ||
                            c == '\'' || c == '(' || c == ')' ||
                            static_cast<unsigned char>(c) >= 0x80;
      if (!wordlike) return false;
      capital = capital || (c >= 'A' && c <= 'Z');
    }
    return capital;
  }

  bool starts_with_known_macro(std::size_t pos, std::size_t end) const {
    if (pos + 1 >= end || text_[pos] != '\\') return false;
    if (!is_letter(text_[pos + 1])) {
      const std::string_view symbol = text_.substr(pos + 1, 1);
      return kEscapedLiterals.find(symbol) != npos || lookup(kAccents, symbol);
    }
    return is_known_word(text_.substr(pos + 1, word_end(pos + 1, end) - pos - 1));
  }

  static bool is_known_word(std::string_view name) {
    return lookup(kAccents, name) || lookup(kLetters, name) || is_one_of(kTextCommands, name) ||
           is_one_of(kSwitches, name) || is_one_of(kLogos, name) || name == "url" ||
           tex::is_math_macro(name);
  }

  std::size_t word_end(std::size_t pos, std::size_t end) const {
    while (pos < end && is_letter(text_[pos])) ++pos;
    return pos;
  }

  std::size_t skip_spaces(std::size_t pos, std::size_t end) const {
    while (pos < end && is_space(text_[pos])) ++pos;
    return pos;
  }

  // ---- macros ----

  std::size_t backslash(std::size_t pos, std::size_t end, int depth, std::string& out) {
    if (pos + 1 >= end) return verbatim(pos, end, out);  // a trailing backslash
    if (is_letter(text_[pos + 1])) return control_word(pos, end, depth, out);
    return control_symbol(pos, end, depth, out);
  }

  // \% \' \( \, ...: a backslash and one non-letter.
  std::size_t control_symbol(std::size_t pos, std::size_t end, int depth, std::string& out) {
    const char symbol = text_[pos + 1];
    if (kEscapedLiterals.find(symbol) != npos) {
      out += symbol;
      return pos + 2;
    }
    if (auto mark = lookup(kAccents, text_.substr(pos + 1, 1)))  // Petojevi\' c: like \'c
      return accent(pos, skip_spaces(pos + 2, end), *mark, end, depth, out);
    switch (symbol) {
      case '(': return delimited_math(pos, end, "\\)", paren_close_, out);
      case '[': return delimited_math(pos, end, "\\]", bracket_close_, out);
      case ' ':
      case ',':
      case '\\': out += ' '; return pos + 2;  // spaces and line breaks
      case '-':
      case '@':
      case '/': return pos + 2;  // hyphenation and spacing hints
      case ')':
      case ']': return verbatim(pos, pos + 2, out);  // closes math that never opened
      default: break;
    }
    if (!is_ascii_punctuation(symbol)) return verbatim(pos, pos + 1, out);  // not TeX: "\1"
    count_unknown(text_.substr(pos, 2));
    return verbatim(pos, pos + 2, out);
  }

  // \emph, \ss, \c, \sysname ...: a backslash and letters.
  std::size_t control_word(std::size_t pos, std::size_t end, int depth, std::string& out) {
    const std::size_t name_end = word_end(pos + 1, end);
    const std::string_view name = text_.substr(pos + 1, name_end - pos - 1);
    if (auto mark = lookup(kAccents, name)) {
      return accent(pos, skip_spaces(name_end, end), *mark, end, depth, out);
    }
    if (auto letter = lookup(kLetters, name)) {
      append_code_point(out, *letter);
      return after_control_word(name_end, end);
    }
    if (is_one_of(kTextCommands, name)) return text_command(pos, name_end, end, depth, out);
    if (is_one_of(kSwitches, name)) return skip_spaces(name_end, end);
    if (is_one_of(kLogos, name)) {
      out += name;
      return empty_group_end(name_end, end);
    }
    if (name == "url") return url_command(pos, name_end, end, out);
    if (is_one_of(kCitations, name)) return citation(pos, name_end, end, out);
    if ((name == "la" || name == "ra") && angle_pairs()) {
      append_code_point(out, name == "la" ? kLeftAngle : kRightAngle);
      return after_control_word(name_end, end);
    }
    if (is_one_of(kBreaks, name)) {
      out += ' ';
      return after_control_word(name_end, end);
    }
    // A math macro outside math (\pm, \pi\pi, \bar\theta): drawn as in math; the space
    // after it is the author's.
    if (const std::size_t length = tex::math_macro_length(text_, pos, end);
        length != 0 && tex::render_math(text_, pos, pos + length, out))
      return !out.empty() && out.back() == ' ' ? skip_spaces(pos + length, end)
                                               : empty_group_end(pos + length, end);
    return unknown_macro(pos, name_end, end, out);
  }

  // \cite{a,b} -> [a,b]; an optional [note] is dropped; without a braced key it stays.
  std::size_t citation(std::size_t pos, std::size_t name_end, std::size_t end, std::string& out) {
    std::size_t open = name_end;
    while (open < end && text_[open] == '[') {
      const std::size_t close = text_.find(']', open);
      if (close == npos || close >= end) break;
      open = close + 1;
    }
    const std::size_t close = open < end && text_[open] == '{' ? matching_brace(open, end) : npos;
    if (close == npos) return unknown_macro(pos, name_end, end, out);
    out += '[';
    out.append(text_, open + 1, close - open - 1);
    out += ']';
    return close + 1;
  }

  // TeX swallows the spaces after a control word ("Stra\ss e" is "Straße"), or a {}.
  std::size_t after_control_word(std::size_t pos, std::size_t end) const {
    const std::size_t empty = empty_group_end(pos, end);
    return empty != pos ? empty : skip_spaces(pos, end);
  }

  std::size_t empty_group_end(std::size_t pos, std::size_t end) const {
    return pos + 1 < end && text_[pos] == '{' && text_[pos + 1] == '}' ? pos + 2 : pos;
  }

  // \'a, \'{a}, \'\i, \'{\i}, \c{c}, \c c -> one precomposed letter; anything
  // else (\'{}, \' at the end, \"{ab}) stays as it was.
  std::size_t accent(std::size_t pos, std::size_t arg, char32_t mark, std::size_t end, int depth,
                     std::string& out) {
    std::string base;
    const std::size_t after = accent_argument(arg, end, depth, base);
    if (after != npos) {
      if (auto composed = compose_accent(base, mark)) {
        out += *composed;
        return after;
      }
    }
    return verbatim(pos, arg, out);
  }

  // Reads the argument of an accent into `base`; npos when there is none.
  std::size_t accent_argument(std::size_t arg, std::size_t end, int depth, std::string& base) {
    if (arg >= end) return npos;
    const char c = text_[arg];
    if (is_letter(c)) {
      base = std::string(1, c);
      return arg + 1;
    }
    if (c == '\\') {  // \'\i: only the dotless letters are accented unbraced
      const std::size_t name_end = word_end(arg + 1, end);
      const std::string_view name = text_.substr(arg + 1, name_end - arg - 1);
      if (name != "i" && name != "j") return npos;
      base = name;
      return after_control_word(name_end, end);
    }
    if (c != '{' || depth >= kMaxDepth) return npos;
    const std::size_t close = matching_brace(arg, end);
    if (close == npos) return npos;
    clean(arg + 1, close, depth + 1, base);
    return close + 1;
  }

  // \emph{x} -> x (the argument cleaned too); without a braced argument it stays.
  std::size_t text_command(std::size_t pos, std::size_t name_end, std::size_t end, int depth,
                           std::string& out) {
    const std::size_t open = skip_spaces(name_end, end);
    const std::size_t close = open < end && text_[open] == '{' ? matching_brace(open, end) : npos;
    if (close == npos || depth >= kMaxDepth) return verbatim(pos, name_end, out);
    clean(open + 1, close, depth + 1, out);
    return close + 1;
  }

  // \url{x} -> x, untouched.
  std::size_t url_command(std::size_t pos, std::size_t name_end, std::size_t end,
                          std::string& out) {
    const std::size_t close =
        name_end < end && text_[name_end] == '{' ? matching_brace(name_end, end) : npos;
    if (close == npos) return verbatim(pos, name_end, out);
    out.append(text_, name_end + 1, close - name_end - 1);
    return close + 1;
  }

  // \sysname, \cite{key}: kept with their braced arguments, and counted.
  std::size_t unknown_macro(std::size_t pos, std::size_t name_end, std::size_t end,
                            std::string& out) {
    count_unknown(text_.substr(pos, name_end - pos));
    std::size_t next = name_end;
    while (next < end && text_[next] == '{') {
      const std::size_t close = matching_brace(next, end);
      if (close == npos) break;
      next = close + 1;
    }
    return verbatim(pos, next, out);
  }

  // \la and \ra are authors' macros: ⟨ ⟩ in physics (\la r^2\ra), ≲ in AASTeX (where \ra
  // does not exist). A text that uses both uses them as brackets.
  bool angle_pairs() {
    if (angle_pairs_ == 0) {
      const bool both = has_control_word("la") && has_control_word("ra");
      angle_pairs_ = both ? 1 : -1;
    }
    return angle_pairs_ > 0;
  }

  // True when \name (not a longer name such as \label) occurs in the text.
  bool has_control_word(std::string_view name) const {
    for (std::size_t at = text_.find('\\'); at != npos; at = text_.find('\\', at + 1)) {
      const std::size_t after = at + 1 + name.size();
      if (text_.compare(at + 1, name.size(), name) == 0 &&
          (after >= text_.size() || !is_letter(text_[after])))
        return true;
    }
    return false;
  }

  void count_unknown(std::string_view macro) {
    if (unknown_macros_ != nullptr) ++(*unknown_macros_)[std::string(macro)];
  }

  std::string_view text_;
  MacroCounts* unknown_macros_;
  std::size_t single_quote_close_ = npos;  // the ' that closes an open `quote
  ForwardSearch url_starts_;               // http://, https://, www.
  ForwardSearch display_close_;            // $$
  ForwardSearch inline_close_;             // $
  ForwardSearch paren_close_;              // \)
  ForwardSearch bracket_close_;            // \]
  bool braces_paired_ = false;
  int angle_pairs_ = 0;  // 0 unknown, 1 \la and \ra are ⟨ ⟩, -1 they are unknown macros
  std::vector<std::pair<std::size_t, std::size_t>> braces_;
};

}  // namespace

namespace {

// The bytes that start markup: 1 alone (a backslash, ` { ~ $), 2 when doubled ('' --).
struct MarkupBytes {
  std::uint8_t kind[256];
};
constexpr MarkupBytes make_markup_bytes() {
  MarkupBytes t{};
  for (const char c : {'\\', '`', '{', '~', '$'}) t.kind[static_cast<unsigned char>(c)] = 1;
  for (const char c : {'\'', '-'}) t.kind[static_cast<unsigned char>(c)] = 2;
  return t;
}
constexpr MarkupBytes kMarkupBytes = make_markup_bytes();

}  // namespace

bool has_latex_markup(std::string_view text) {
  if (text.size() <= 64) {  // a name or a title: one pass costs less than seven calls
    char previous = 0;
    for (const char c : text) {
      const std::uint8_t mark = kMarkupBytes.kind[static_cast<unsigned char>(c)];
      if (mark != 0 && (mark == 1 || c == previous)) return true;
      previous = c;
    }
    return false;
  }
  // One memchr-based find per trigger: plain prose has none, or only the
  // occasional hyphen or apostrophe, and passes at memory speed.
  return text.find('\\') != npos || text.find('`') != npos || text.find("''") != npos ||
         text.find("--") != npos || text.find('{') != npos || text.find('~') != npos ||
         text.find('$') != npos;
}

std::string render_latex_markup(std::string_view text, MacroCounts* unknown_macros) {
  return LatexCleaner(text, unknown_macros).run();
}

std::string clean_latex(std::string_view text, MacroCounts* unknown_macros) {
  if (!has_latex_markup(text)) return std::string(text);
  return render_latex_markup(text, unknown_macros);
}

}  // namespace papersieve
