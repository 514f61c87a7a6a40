// Reading a regex's shape from its pattern text (see regex_shape.hpp). RE2 syntax:
// https://github.com/google/re2/wiki/Syntax. The pattern compiled already, so this only has to
// recognize what RE2 accepted; whatever it does not recognize makes the byte set whole.
#include "rules/compile/regex_shape.hpp"

#include <string>
#include <vector>

#include "rules/compile/literal_index.hpp"  // literal_score

namespace papersieve::rules {
namespace {

using Bytes = std::bitset<256>;

Bytes range(unsigned lo, unsigned hi) {
  Bytes b;
  for (unsigned c = lo; c <= hi && c < 256; ++c) b.set(c);
  return b;
}

Bytes all_bytes() { return Bytes().set(); }
Bytes high_bytes() { return range(0x80, 0xFF); }
Bytes digits() { return range('0', '9'); }
Bytes word_bytes() { return digits() | range('A', 'Z') | range('a', 'z') | range('_', '_'); }
Bytes space_bytes() {  // RE2's \s is [\t\n\f\r ]
  Bytes b;
  for (char c : {'\t', '\n', '\f', '\r', ' '}) b.set(static_cast<unsigned char>(c));
  return b;
}

// Higher for bytes rarer in English text: the required byte to look for. Letters by the
// literals' surprisal; digits and other punctuation rarer than any letter.
int byte_rarity(unsigned char c) {
  if (c == ' ') return 0;
  if (c == ',' || c == '.') return 1;
  const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower >= 'a' && lower <= 'z') return literal_score(std::string(1, lower));
  return c >= '0' && c <= '9' ? 200 : 300;
}

// One item of the pattern's top level: its least length and the byte it is, if it is one;
// whether it is \b, and whether a quantifier follows it.
struct Item {
  std::size_t min = 0;
  int byte = -1;
  bool boundary = false, quantified = false;
};

class Lexer {
 public:
  Lexer(std::string_view p, bool case_insensitive) : p_(p), ci_(case_insensitive) {}

  RegexShape run() {
    while (i_ < p_.size() && !whole_) step();
    RegexShape shape;
    if (whole_) {
      shape.bytes = all_bytes();
      return shape;
    }
    shape.bytes = bytes_;
    if (ci_) fold_cases(shape.bytes);
    if (top_alternation_) return shape;
    shape.word_start = word_start();
    int best = -1;
    for (const Item& item : items_) {
      shape.min_length += item.min;
      if (item.byte < 0 || item.min == 0) continue;
      const auto c = static_cast<unsigned char>(item.byte);
      const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if ((ci_ && letter) || c >= 0x80) continue;
      if (best < 0 || byte_rarity(c) > byte_rarity(static_cast<unsigned char>(best))) best = c;
    }
    shape.required_byte = best;
    return shape;
  }

 private:
  // Case folding: both cases of every letter; and code points outside ASCII fold to ASCII
  // letters (K KELVIN SIGN to k) and back (k, s, i to U+212A, U+017F, U+0130).
  static void fold_cases(Bytes& b) {
    for (unsigned c = 'a'; c <= 'z'; ++c)
      if (b.test(c) || b.test(c - 32)) b.set(c), b.set(c - 32);
    if ((b & high_bytes()).any()) b |= range('A', 'Z') | range('a', 'z');
    for (char c : {'k', 's', 'i'})
      if (b.test(static_cast<unsigned char>(c))) b |= high_bytes();
  }

  // The literal after a leading, unquantified \b, up to the first item that is not a plain
  // ASCII letter or digit; lowercased.
  std::string word_start() const {
    std::string out;
    if (items_.empty() || !items_[0].boundary || items_[0].quantified) return out;
    for (std::size_t k = 1; k < items_.size(); ++k) {
      const Item& item = items_[k];
      const int c = item.byte;
      const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alnum || item.quantified || item.min != 1) break;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return out;
  }

  void step() {
    const char c = p_[i_++];
    switch (c) {
      case '\\': escape(); return;
      case '[': add_item(char_class(), 1, -1); return;
      case '.': add_item(all_bytes(), 1, -1); return;
      case '^':
      case '$': empty_item(); return;
      case '|':
        if (depth_ == 0) top_alternation_ = true;
        return;
      case '(': group(); return;
      case ')':
        if (depth_ > 0) --depth_;
        return;
      case '*':
      case '?': quantify(0); return;
      case '+': quantify(1); return;
      case '{': {
        std::size_t n = 0;
        if (repetition(n)) {
          quantify(n);
          return;
        }
        add_item(byte_set('{'), 1, '{');
        return;
      }
      default: literal(c);
    }
  }

  void literal(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      add_item(byte_set(u), 1, u);
      return;
    }
    while (i_ < p_.size() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
    add_item(high_bytes(), 1, -1);
  }

  static Bytes byte_set(unsigned c) { return Bytes().set(c); }

  void add_item(const Bytes& b, std::size_t min, int byte) {
    bytes_ |= b;
    if (depth_ == 0) items_.push_back({min, byte});
  }

  // An empty-width assertion is an item too: a quantifier after it repeats it, not the byte
  // before.
  void empty_item(bool boundary = false) {
    if (depth_ == 0) items_.push_back({0, -1, boundary, false});
  }

  // A quantifier with least count n applies to the last item (repeats and lazy `?` suffixes
  // included: x*? is x* for the shape).
  void quantify(std::size_t n) {
    if (i_ < p_.size() && p_[i_] == '?') ++i_;
    if (depth_ != 0 || items_.empty()) return;
    Item& last = items_.back();
    last.quantified = true;
    if (n == 0) last.byte = -1;
    last.min *= n;
  }

  // {n}, {n,} or {n,m} after the `{` just read: sets n and moves past it. Anything else is a
  // literal `{` in RE2.
  bool repetition(std::size_t& n) {
    std::size_t j = i_, digits_read = 0;
    n = 0;
    while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') {
      n = std::min<std::size_t>(n * 10 + static_cast<std::size_t>(p_[j] - '0'), 100000);
      ++j, ++digits_read;
    }
    if (digits_read == 0 || j >= p_.size()) return false;
    if (p_[j] == ',') {
      ++j;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') ++j;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    return true;
  }

  // After `(`: a plain or non-capturing group, named group, or flags.
  void group() {
    if (depth_ == 0) items_.push_back({0, -1});  // a group's least length is not read
    if (i_ >= p_.size() || p_[i_] != '?') {
      ++depth_;
      return;
    }
    ++i_;
    if (i_ < p_.size() && (p_[i_] == 'P' || p_[i_] == '<')) {  // (?P<name>...) (?<name>...)
      const std::size_t close = p_.find('>', i_);
      if (close == std::string_view::npos) {
        whole_ = true;
        return;
      }
      i_ = close + 1;
      ++depth_;
      return;
    }
    bool negated = false;
    while (i_ < p_.size() && p_[i_] != ')' && p_[i_] != ':') {
      const char f = p_[i_++];
      if (f == '-')
        negated = true;
      else if (f == 'i' && !negated)
        ci_ = true;
      else if (f != 'i' && f != 'm' && f != 's' && f != 'U')
        whole_ = true;
    }
    if (i_ >= p_.size()) {
      whole_ = true;
      return;
    }
    if (depth_ == 0) items_.pop_back();  // flags alone are no item
    if (p_[i_++] == ':') {
      if (depth_ == 0) items_.push_back({0, -1});
      ++depth_;
    }
  }

  // After `\` outside a class.
  void escape() {
    if (i_ >= p_.size()) {
      whole_ = true;
      return;
    }
    const char e = p_[i_];
    if (e == 'b' || e == 'B' || e == 'A' || e == 'z') {
      ++i_;
      empty_item(e == 'b');
      return;
    }
    if (e == 'Q') {  // \Q...\E: literal text
      ++i_;
      while (i_ < p_.size() && !(p_[i_] == '\\' && i_ + 1 < p_.size() && p_[i_ + 1] == 'E'))
        literal(p_[i_++]);
      if (i_ < p_.size()) i_ += 2;
      return;
    }
    Bytes set;
    int value = -1;
    if (!escaped(set, value)) {
      whole_ = true;
      return;
    }
    if (value >= 0x80)
      add_item(high_bytes(), 1, -1);
    else
      add_item(value >= 0 ? byte_set(static_cast<unsigned>(value)) : set, 1, value);
  }

  // The escape at i_ (after `\`), in or out of a class: a single code point (value) or a set
  // of bytes (value -1). False for what this lexer does not know.
  bool escaped(Bytes& set, int& value) {
    const char e = p_[i_++];
    value = -1;
    switch (e) {
      case 'd': set = digits(); return true;
      case 'D': set = ~digits(); return true;
      case 'w': set = word_bytes(); return true;
      case 'W': set = ~word_bytes(); return true;
      case 's': set = space_bytes() | byte_set('\v'); return true;
      case 'S': set = ~space_bytes(); return true;
      case 'p':
      case 'P':
      case 'C':
        set = all_bytes();
        skip_unicode_class_name(e);
        return true;
      case 'a': value = '\a'; return true;
      case 'f': value = '\f'; return true;
      case 't': value = '\t'; return true;
      case 'n': value = '\n'; return true;
      case 'r': value = '\r'; return true;
      case 'v': value = '\v'; return true;
      case 'x': return hex(value);
      default: break;
    }
    if (e >= '0' && e <= '7') {  // octal, up to three digits
      value = e - '0';
      for (int k = 0; k < 2 && i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '7'; ++k)
        value = value * 8 + (p_[i_++] - '0');
      return true;
    }
    const auto u = static_cast<unsigned char>(e);
    if (u < 0x80 && !((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z'))) {
      value = u;  // escaped punctuation
      return true;
    }
    return false;
  }

  void skip_unicode_class_name(char e) {
    if (e == 'C' || i_ >= p_.size()) return;
    if (p_[i_] != '{') {
      ++i_;
      return;
    }
    const std::size_t close = p_.find('}', i_);
    i_ = close == std::string_view::npos ? p_.size() : close + 1;
  }

  // \xHH or \x{H...}
  bool hex(int& value) {
    auto digit = [](char h) {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'a' && h <= 'f') return h - 'a' + 10;
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      return -1;
    };
    value = 0;
    if (i_ < p_.size() && p_[i_] == '{') {
      ++i_;
      int read = 0;
      while (i_ < p_.size() && p_[i_] != '}') {
        const int d = digit(p_[i_++]);
        if (d < 0) return false;
        value = std::min(value * 16 + d, 0x10FFFF);
        ++read;
      }
      if (i_ >= p_.size() || read == 0) return false;
      ++i_;
      return true;
    }
    for (int k = 0; k < 2; ++k) {
      const int d = i_ < p_.size() ? digit(p_[i_]) : -1;
      if (d < 0) return false;
      value = value * 16 + d;
      ++i_;
    }
    return true;
  }

  // After `[`: the bytes the class can match. A negated class is the complement of its
  // members (and every byte of a non-ASCII code point), when all its members are exact.
  Bytes char_class() {
    Bytes members;
    bool negated = false, inexact = false;
    if (i_ < p_.size() && p_[i_] == '^') negated = true, ++i_;
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (p_.compare(i_, 2, "[:") == 0) {  // [:alpha:] or [:^alpha:]
        const std::size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) {
          whole_ = true;
          return all_bytes();
        }
        members |= p_[i_ + 2] == '^' ? all_bytes() : range(0, 0x7F);
        inexact = true;
        i_ = close + 2;
        continue;
      }
      int lo = -1;
      if (!class_char(members, lo, inexact)) return all_bytes();
      if (lo < 0) continue;  // a set such as \d
      int hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        if (!class_char(members, hi, inexact) || hi < 0) {
          whole_ = true;
          return all_bytes();
        }
      }
      members |= range(static_cast<unsigned>(lo), static_cast<unsigned>(std::min(hi, 0x7F)));
      if (hi >= 0x80) members |= high_bytes();
    }
    if (i_ < p_.size()) ++i_;  // the `]`
    if (!negated) return members;
    if (inexact) return all_bytes();
    return ~(members & range(0, 0x7F)) | high_bytes();
  }

  // One member of a class at i_: a code point (value) or a set added to members (value -1).
  bool class_char(Bytes& members, int& value, bool& inexact) {
    value = -1;
    const auto u = static_cast<unsigned char>(p_[i_++]);
    if (u == '\\') {
      if (i_ >= p_.size()) return whole_ = true, false;
      const char e = p_[i_];
      Bytes set;
      if (!escaped(set, value)) return whole_ = true, false;
      if (value < 0) {
        members |= set;
        if (e == 'D' || e == 'W' || e == 'S' || e == 'p' || e == 'P' || e == 'C') inexact = true;
      }
      return true;
    }
    if (u < 0x80) {
      value = u;
      return true;
    }
    value = 0x80;  // a code point outside ASCII: its bytes are all high
    while (i_ < p_.size() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
    return true;
  }

  std::string_view p_;
  std::size_t i_ = 0;
  bool ci_;
  bool whole_ = false;            // something unknown: every byte
  bool top_alternation_ = false;  // a `|` outside any group
  int depth_ = 0;
  Bytes bytes_;
  std::vector<Item> items_;  // the top level, in order
};

}  // namespace

RegexShape regex_shape(std::string_view pattern, bool case_insensitive) {
  return Lexer(pattern, case_insensitive).run();
}

}  // namespace papersieve::rules
