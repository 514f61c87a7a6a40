// The two span finders behind Matcher::spans (docs/design.md, "Rules"). Both give, for the true
// ones of `rules`, where the terms that make them true are: sorted by field then start,
// overlapping spans merged, terms under a NOT never.
#pragma once

#include <cstddef>
#include <vector>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"
#include "rules/compile/compiled_rules.hpp"

namespace papersieve::rules {

class MatchTrace;

// The reference, and the oracle the tests hold match() and the bounded finder to: from the
// rules' definitions and the paper's text alone, with the general tokenizer, never from
// match() (reference_spans.cpp).
std::vector<Span> reference_spans(const CompiledRules& c, const Paper& paper,
                                  const std::vector<std::size_t>& rules);

// The same, from `trace`, the match() just run on `paper` with these rules: its hits bound the
// search (bounded_spans.cpp).
std::vector<Span> bounded_spans(const CompiledRules& c, const Paper& paper,
                                const std::vector<std::size_t>& rules, const MatchTrace& trace);

}  // namespace papersieve::rules
