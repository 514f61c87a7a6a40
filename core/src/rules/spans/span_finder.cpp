// Matcher::spans: the reference finder, or the bounded one when the MatchState holds the
// match() just run on the paper by this matcher (span_finders.hpp; docs/design.md, "Rules").
#include <optional>

#include "rules/compile/compiled_rules.hpp"
#include "rules/match/match_trace.hpp"
#include "rules/match/matcher.hpp"
#include "rules/spans/span_finders.hpp"

namespace papersieve::rules {

std::vector<Span> Matcher::spans(const Paper& paper, std::size_t rule) const {
  return spans(paper, std::vector<std::size_t>{rule});
}

std::vector<Span> Matcher::spans(const Paper& paper, const std::vector<std::size_t>& rules) const {
  return reference_spans(*compiled_, paper, rules);
}

std::vector<Span> Matcher::spans(const Paper& paper, const std::vector<std::size_t>& rules,
                                 const MatchState& matched) const {
  const std::optional<MatchTrace> trace = MatchTrace::of(*compiled_, matched);
  return trace ? bounded_spans(*compiled_, paper, rules, *trace)
               : reference_spans(*compiled_, paper, rules);
}

}  // namespace papersieve::rules
