// The pieces both span finders share (span_walk.hpp).
#include "rules/spans/span_walk.hpp"

#include <algorithm>

#include "rules/displayed_field.hpp"

namespace papersieve::rules {

Span whole_characters(std::string_view text, Span span) {
  auto inside = [&](std::uint32_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  while (span.start > 0 && inside(span.start)) --span.start;
  while (inside(span.end)) ++span.end;
  return span;
}

void append_regex_spans(MatchField f, std::string_view text,
                        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& positions,
                        std::vector<Span>& out) {
  for (const auto& [start, end] : positions) out.push_back(whole_characters(text, {f, start, end}));
}

std::vector<Span> merge_spans(std::vector<Span>& spans) {
  auto before = [](const Span& a, const Span& b) {
    return a.field != b.field   ? a.field < b.field
           : a.start != b.start ? a.start < b.start
                                : a.end < b.end;
  };
  if (!std::is_sorted(spans.begin(), spans.end(), before))  // the tokens' are in text order
    std::sort(spans.begin(), spans.end(), before);
  std::vector<Span> out;
  out.reserve(spans.size());
  for (const Span& s : spans) {
    if (!out.empty() && out.back().field == s.field && s.start < out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::string_view FieldTexts::operator()(MatchField f) {
  if (const auto text = field_in_place(paper_, f)) return *text;
  auto [it, fresh] = joined_.try_emplace(f);
  if (fresh) it->second = displayed_field(paper_, f);
  return it->second;
}

void SpanBuffers::start(const CompiledRules& c) {
  if (++stamp == 0) {  // wrapped: forget every mark
    for (auto* marks : {&wanted_node, &wanted_term, &found_stamp})
      std::fill(marks->begin(), marks->end(), 0);
    stamp = 1;
  }
  if (wanted_node.size() < c.nodes.size()) wanted_node.resize(c.nodes.size(), 0);
  if (wanted_term.size() < c.terms.size()) {
    for (auto* by_term : {&wanted_term, &found_stamp, &found_first, &found_last})
      by_term->resize(c.terms.size(), 0);
  }
  found.clear();
}

}  // namespace papersieve::rules
