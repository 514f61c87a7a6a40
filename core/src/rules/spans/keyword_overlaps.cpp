// Leftmost-longest resolution over the rules' spans (keyword_overlaps.hpp). It runs only for
// rule files that ask for it, after match(): the spans come from the reference path, one rule
// at a time, so that each span is known to be its rule's.
#include "rules/spans/keyword_overlaps.hpp"

#include <algorithm>
#include <tuple>

namespace papersieve::rules {

void resolve_overlaps(const Matcher& matcher, const Paper& paper,
                      const std::vector<std::uint32_t>& matched, OverlapWinners& out) {
  out.rules.clear();
  out.spans.clear();
  struct Claim {
    Span span;
    std::uint32_t rule;
  };
  std::vector<Claim> claims;
  std::vector<std::uint32_t> unclaimed;  // matched without a span: nothing to compete with
  for (std::uint32_t r : matched) {
    const std::vector<Span> spans = matcher.spans(paper, r);
    if (spans.empty()) unclaimed.push_back(r);
    for (const Span& s : spans) claims.push_back({s, r});
  }
  std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    return std::make_tuple(a.span.field, a.span.start, b.span.end, a.rule) <
           std::make_tuple(b.span.field, b.span.start, a.span.end, b.rule);
  });
  out.rules = unclaimed;
  const Claim* last = nullptr;
  for (const Claim& c : claims) {
    if (last != nullptr && last->span.field == c.span.field && c.span.start < last->span.end)
      continue;  // overlaps the winner before it
    out.spans.push_back(c.span);
    out.rules.push_back(c.rule);
    last = &c;
  }
  std::sort(out.rules.begin(), out.rules.end());
  out.rules.erase(std::unique(out.rules.begin(), out.rules.end()), out.rules.end());
}

}  // namespace papersieve::rules
