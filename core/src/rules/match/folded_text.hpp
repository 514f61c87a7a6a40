// The folded, tokenized form of a displayed field, for whole-word matching.
//
// Tokens are cut on the displayed text, then each token is folded on its own:
//  - a word token is a maximal run of letters, digits and marks (Unicode L*, N*, M*);
//  - a CJK character (Han, Hiragana, Katakana, Hangul) is a token by itself, so a term of
//    several CJK characters is matched as those characters in a row: substring matching for
//    text without word spaces; so is a Greek letter (any that folds to one of α..ω), which
//    scientific text uses as a symbol: "Hα", "ππ", "ΛCDM" are h|alpha, pi|pi, lambda|cdm;
//  - everything else separates tokens. Whitespace, any dash (Pd) and connector punctuation
//    ('_') are "flexible" separators that phrases may cross; other characters (+ # . / ...)
//    are symbols that a term can require literally around or between its words (C++, .NET,
//    node.js, github.com).
// Folding: ASCII is lowercased; other code points are case folded, compatibility decomposed
// (NFKD) and stripped of nonspacing and enclosing marks (Mn, Me), so sub- and superscripts are
// their plain letters and digits (TiSe₂ -> tise2, Cʰ -> ch); a Greek letter folds to its
// English name (α -> alpha, µ -> mu). Text and terms fold the same way, so this decomposed
// form matches exactly when the NFKC form would.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace papersieve::rules {

// A token: displayed byte range and folded text (valid until the cursor moves on).
struct Token {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string_view folded;
};

// Class of an ASCII byte for tokenizing; bytes from 0x80 up are `non_ascii`.
enum class ByteClass : std::uint8_t { other, flex, word, upper, non_ascii };

constexpr std::array<ByteClass, 256> make_byte_classes() {
  std::array<ByteClass, 256> t{};
  for (int c = 0; c < 256; ++c) {
    ByteClass k = c >= 0x80 ? ByteClass::non_ascii : ByteClass::other;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) k = ByteClass::word;
    if (c >= 'A' && c <= 'Z') k = ByteClass::upper;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '-' ||
        c == '_')
      k = ByteClass::flex;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}

inline constexpr std::array<ByteClass, 256> kByteClass = make_byte_classes();

inline char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Walks the tokens of a displayed text, folding each: the hot loop of matching.
class TokenCursor {
 public:
  explicit TokenCursor(std::string_view text) : text_(text) {}
  bool next(Token& token);
  // The general (non-ASCII) tokenizer from `pos`, with text[start, pos) an ASCII word run
  // already seen (start == pos when none); the cursor then continues after that token.
  // Restarts on `text` at `pos` (keeps the buffer).
  void reset(std::string_view text, std::size_t pos) {
    text_ = text;
    pos_ = pos;
  }

 private:
  bool next_slow(Token& token, std::size_t start, std::size_t pos);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string buf_;
};

// The builds of the per-field kernels, lowest first (kernels/kernels.hpp).
enum class FieldKernels { portable, sse2, avx2, avx512 };

// The matcher's view of a field for the fast tokenizer (keep_segments.hpp): a copy with ASCII
// lowercased (plus zero padding, so 16-byte loads past a token stay inside it), and one bit per
// byte for "ASCII letter or digit" and for "byte >= 0x80", 64 bytes per word, computed 16, 32
// or 64 bytes at a time (kernels/). Bits past the end are 0 and the last word is all 0.
//
// A maximal run of bytes that are ASCII letters/digits or non-ASCII is a "segment": ASCII
// separators always end tokens, and nothing before or after a segment changes how it is cut.
// So a segment of ASCII only is exactly one of TokenCursor's tokens, lowered already, and only
// the few holding a non-ASCII byte need the general tokenizer.
struct FieldBits {
  static constexpr std::size_t kPadding = 64;
  std::string lowered;              // size() + kPadding bytes
  std::vector<std::uint64_t> word;  // ASCII [a-z0-9] after lowering
  std::vector<std::uint64_t> high;  // bytes >= 0x80
  std::size_t size = 0;             // bytes of the field
  bool any_high = false;
  FieldKernels kernels = FieldKernels::portable;  // the build that prepared it
  // Segments by find_segments: the k-th of `segments` starts at starts[k] and ends at ends[k].
  // Flattened from the bitmasks without a branch per segment, so the token loop runs over one
  // long array instead of a short, unpredictable loop per 64-byte block.
  std::vector<std::uint32_t> starts, ends;
  std::size_t segments = 0;
  // The builds but AVX-512: the positions of the bytes >= 0x80, ascending, then
  // kNoHighByte: a segment holds a non-ASCII byte when the next of these is before its end.
  static constexpr std::uint32_t kNoHighByte = 0xFFFFFFFFu;
  std::vector<std::uint32_t> high_bytes;
  // The AVX-512 build, when any_high: 0xFF for each segment holding a byte >= 0x80, else 0
  // (its keep_segments reads eight at a time).
  std::vector<std::uint8_t> high_segments;
};

void prepare_field(std::string_view text, FieldBits& bits);
void find_segments(FieldBits& bits);

// The builds of prepare_field, find_segments and keep_segments (kernels/): the one this
// process uses (field_kernels(): the best the CPU has, at most the one named by
// PAPERSIEVE_SIMD=portable|sse2|avx2), or one by name, for tests (a build the CPU lacks, by
// field_kernels_available, falls back to the next lower one). prepare_field stores the
// build in the FieldBits and the two later steps use it.
FieldKernels field_kernels();
bool field_kernels_available(FieldKernels kernels);
void prepare_field(std::string_view text, FieldBits& bits, FieldKernels kernels);

// Appends the fold of one code point (not ASCII) to `out`.
void append_folded(std::string& out, std::int32_t code_point);

// True for a code point that separates tokens flexibly: whitespace, Pd, Pc.
bool is_flex_separator(std::int32_t code_point);

// The gap without its leading and trailing flexible separators.
std::string_view trim_flex(std::string_view gap);

// All tokens of a displayed text with their folded forms: the offset map from folded
// tokens back to displayed bytes that spans are made of.
class FoldedText {
 public:
  struct Entry {
    std::uint32_t start, end;                 // displayed bytes
    std::uint32_t folded_start, folded_size;  // into folded()
  };

  explicit FoldedText(std::string_view displayed);

  std::string_view displayed() const { return displayed_; }
  const std::vector<Entry>& tokens() const { return tokens_; }
  std::string_view folded(std::size_t i) const {
    return std::string_view(folded_).substr(tokens_[i].folded_start, tokens_[i].folded_size);
  }

 private:
  std::string_view displayed_;
  std::vector<Entry> tokens_;
  std::string folded_;
};

// ---- inline hot path ----

inline bool TokenCursor::next(Token& token) {
  const char* const p = text_.data();
  const std::size_t n = text_.size();
  std::size_t i = pos_;
  while (i < n && kByteClass[static_cast<unsigned char>(p[i])] < ByteClass::word) ++i;
  if (i >= n) return false;
  const std::size_t start = i;
  ByteClass c = kByteClass[static_cast<unsigned char>(p[i])];
  if (c != ByteClass::word && c != ByteClass::upper) return next_slow(token, start, i);
  bool upper = false;  // branch-free: capitals are common at unpredictable places
  for (; i < n; ++i) {
    c = kByteClass[static_cast<unsigned char>(p[i])];
    if (c != ByteClass::word && c != ByteClass::upper) break;
    upper |= c == ByteClass::upper;
  }
  if (i < n && c == ByteClass::non_ascii) return next_slow(token, start, i);
  pos_ = i;
  token.start = static_cast<std::uint32_t>(start);
  token.end = static_cast<std::uint32_t>(i);
  if (!upper) {  // already folded: point into the text
    token.folded = text_.substr(start, i - start);
    return true;
  }
  buf_.assign(p + start, i - start);
  for (char& ch : buf_) ch = lower_ascii(ch);
  token.folded = buf_;
  return true;
}

}  // namespace papersieve::rules
