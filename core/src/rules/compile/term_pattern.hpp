// A word, prefix, phrase or exact term as a pattern over tokens (see folded_text.hpp):
// folded words in a row, what may separate them, and the symbols required around them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/query/ast.hpp"

namespace papersieve::rules {

struct PatternWord {
  std::string folded;
  std::uint32_t feature = 0;  // id in the FeatureTable (a prefix feature for a prefix word)
};

struct TermPattern {
  std::vector<PatternWord> words;  // one or more
  // gaps[k] separates words[k] and words[k + 1]: the text between them, without its flexible
  // separators (whitespace, dashes, '_'), must equal it ("" for a phrase, "." for node.js).
  std::vector<std::string> gaps;
  std::string lead, trail;   // symbols required right before / after (".NET", "C++")
  bool last_prefix = false;  // the last word matches any token it starts
  std::string exact;         // exact terms: the displayed text from lead to trail, as written

  // True when a token's feature alone decides the term.
  bool simple() const {
    return words.size() == 1 && lead.empty() && trail.empty() && exact.empty();
  }
};

// The pattern of a non-regex term (features left 0). Throws RuleError-free std::invalid_argument
// with a message when the term has no letter or digit to anchor on.
TermPattern make_pattern(const Term& term);

// The gap between two tokens of a text is allowed by the pattern's gap `literal`.
bool gap_matches(std::string_view text_gap, std::string_view literal);

// Lead, trail and exact text hold around the token range [start, end) of `text`; on success
// `span_start`/`span_end` are the displayed bytes of the whole match.
bool context_matches(const TermPattern& p, std::string_view text, std::uint32_t start,
                     std::uint32_t end, std::uint32_t& span_start, std::uint32_t& span_end);

}  // namespace papersieve::rules
