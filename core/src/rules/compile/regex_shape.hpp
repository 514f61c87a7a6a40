// What every match of a regex is made of, read from its pattern text (RE2 syntax, already
// accepted by RE2): the bytes a match can hold, a byte it must hold, a lower bound on its
// length. The matcher uses it to search only the short stretches of a field where a match can
// be (regex_windows.hpp) instead of running RE2's DFA over the whole field.
//
// The reading is a lexer, not a parser, and errs on the safe side: bytes is a superset of
// what any match holds (case folding, Unicode and anything it does not know widen it, up to
// all 256), required_byte and min_length come only from the top level of a pattern without a
// top-level `|`, and anything unusual leaves them unset.
#pragma once

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>

namespace papersieve::rules {

struct RegexShape {
  std::bitset<256> bytes;      // every byte that any match can hold
  int required_byte = -1;      // a byte that every match holds (exactly, not case-folded), or -1
  std::size_t min_length = 0;  // no match is shorter (bytes)
  // Every match begins at a word boundary (RE2's ASCII \b) with this text, lowercased: the
  // pattern's top level opens with \b and a literal of ASCII letters and digits ("dpo" for
  // \bDPO\b). Empty when it does not.
  std::string word_start;
  // Some byte can never be in a match: matches lie inside runs of the other bytes.
  bool bounded() const { return !bytes.all(); }
};

// case_insensitive: the term's i flag (an inline (?i) in the pattern counts as well).
RegexShape regex_shape(std::string_view pattern, bool case_insensitive);

}  // namespace papersieve::rules
