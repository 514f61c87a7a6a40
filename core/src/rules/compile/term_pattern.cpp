// Term text -> TermPattern, tokenized exactly as paper text is, so that both sides agree.
#include "rules/compile/term_pattern.hpp"

#include <stdexcept>

#include "papersieve/normalize.hpp"
#include "rules/match/folded_text.hpp"

namespace papersieve::rules {
namespace {

// The source text of a term, as a run of tokens; phrase words are joined by spaces.
std::string term_source(const Term& term) {
  if (term.kind != TermKind::phrase || term.words.empty()) return term.text;
  std::string joined;
  for (const std::string& w : term.words) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  return joined;
}

}  // namespace

TermPattern make_pattern(const Term& term) {
  const std::string source = to_nfc(repair_utf8(term_source(term)));
  TermPattern p;
  TokenCursor cursor(source);
  Token token;
  std::uint32_t first = 0, last = 0;
  while (cursor.next(token)) {
    if (p.words.empty()) {
      first = token.start;
    } else {
      p.gaps.emplace_back(trim_flex(std::string_view(source).substr(last, token.start - last)));
    }
    p.words.push_back({std::string(token.folded), 0});
    last = token.end;
  }
  if (p.words.empty()) throw std::invalid_argument("term has no letter or digit to match on");
  // Flexible separators at the ends mean nothing ("-x" is parsed before it gets here).
  p.lead = std::string(trim_flex(std::string_view(source).substr(0, first)));
  p.trail = std::string(trim_flex(std::string_view(source).substr(last)));
  const bool prefix =
      term.kind == TermKind::prefix || (term.kind == TermKind::phrase && term.last_word_prefix);
  p.last_prefix = prefix && p.trail.empty();
  if (term.kind == TermKind::exact)
    p.exact = source.substr(first - p.lead.size(), last + p.trail.size() - first + p.lead.size());
  return p;
}

bool gap_matches(std::string_view text_gap, std::string_view literal) {
  if (text_gap.size() == 1 && literal.empty())  // the common case: one space or dash
    return kByteClass[static_cast<unsigned char>(text_gap[0])] == ByteClass::flex;
  return trim_flex(text_gap) == literal;
}

bool context_matches(const TermPattern& p, std::string_view text, std::uint32_t start,
                     std::uint32_t end, std::uint32_t& span_start, std::uint32_t& span_end) {
  if (start < p.lead.size() || text.substr(start - p.lead.size(), p.lead.size()) != p.lead)
    return false;
  if (text.substr(end, p.trail.size()) != p.trail) return false;
  span_start = static_cast<std::uint32_t>(start - p.lead.size());
  span_end = static_cast<std::uint32_t>(end + p.trail.size());
  return p.exact.empty() || text.substr(span_start, span_end - span_start) == p.exact;
}

}  // namespace papersieve::rules
