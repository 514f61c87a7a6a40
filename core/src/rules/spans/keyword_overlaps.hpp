// Leftmost-longest, non-overlapping matches across rules (docs/rules.md, "Overlapping
// keywords"): the rule-file option "keyword_overlaps": "leftmost-longest".
#pragma once

#include <cstdint>
#include <vector>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"
#include "rules/match/matcher.hpp"

namespace papersieve::rules {

struct OverlapWinners {
  std::vector<std::uint32_t> rules;  // the matched rules that keep their match, ascending
  std::vector<Span> spans;           // their winning spans, by field then start
};

// Of the rules `matched` (ascending) of `paper`, those that keep their match when the spans of
// all of them are taken leftmost-longest: in each field, the span starting leftmost wins, among
// those the longest (then the first rule); the next winner starts at or after its end. A rule
// with no span (a condition, a NOT) keeps its match; one whose spans all lost does not.
void resolve_overlaps(const Matcher& matcher, const Paper& paper,
                      const std::vector<std::uint32_t>& matched, OverlapWinners& out);

}  // namespace papersieve::rules
