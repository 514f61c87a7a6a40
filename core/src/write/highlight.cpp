#include "write/highlight.hpp"

#include <algorithm>
#include <cstdio>

#include "write/paper_view.hpp"

namespace papersieve::write {

std::vector<Segment> segments(std::string_view text, const Hit& hit, MatchField field) {
  return segments(text, hit, field, 0, text.size());
}

std::vector<Segment> segments(std::string_view text, const Hit& hit, MatchField field,
                              std::size_t from, std::size_t to) {
  std::vector<Segment> out;
  to = std::min(to, text.size());
  std::size_t at = from;
  for (const auto& span : hit.spans) {  // sorted by field then start, not overlapping
    if (span.field != field || span.end > text.size() || span.start >= span.end) continue;
    const std::size_t start = std::max<std::size_t>(span.start, at);
    const std::size_t end = std::min<std::size_t>(span.end, to);
    if (start >= end) continue;  // outside the window or before what was cut
    if (start > at) out.push_back({text.substr(at, start - at), false});
    out.push_back({text.substr(start, end - start), true});
    at = end;
  }
  if (at < to) out.push_back({text.substr(at, to - at), false});
  return out;
}

std::vector<DigestGroup> digest_groups(const Results& results) {
  std::vector<DigestGroup> groups;
  for (const auto& hit : results.hits) {
    const std::string name = !hit.tags.empty()   ? hit.tags.front()
                             : hit.rules.empty() ? std::string()
                                                 : hit.rules.front();
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const DigestGroup& g) { return g.name == name; });
    if (it == groups.end()) it = groups.insert(groups.end(), DigestGroup{name, {}});
    it->hits.push_back(&hit);
  }
  return groups;
}

std::string counts_line(const Corpus& corpus, const Results& results) {
  const auto& s = corpus.stats;
  std::string line = std::to_string(results.considered) + " papers read";
  if (s.duplicates > 0 || s.rejected > 0) {
    line += " (" + std::to_string(s.duplicates) + " duplicates, " + std::to_string(s.rejected) +
            " rejected)";
  }
  return line + " · " + std::to_string(results.hits.size()) + " selected";
}

bool show_group_headings(const std::vector<DigestGroup>& groups) { return groups.size() > 1; }

Footer footer(const DigestInfo& info) {
  Footer out;
  for (const auto& input : info.inputs) out.inputs += (out.inputs.empty() ? "" : ", ") + input;
  out.rules = info.rules;
  std::string when = info.generated.empty() ? now_rfc3339() : info.generated;
  if (when.size() >= 16 && when[10] == 'T')
    when = when.substr(0, 10) + " " + when.substr(11, 5) + " UTC";
  out.generated = when;
  return out;
}

std::string score_text(double score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", score);
  return buffer;
}

}  // namespace papersieve::write
