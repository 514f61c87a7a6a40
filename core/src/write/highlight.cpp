#include "write/highlight.hpp"

#include <algorithm>

namespace papersieve::write {

std::vector<Segment> segments(std::string_view text, const Hit& hit, MatchField field) {
  std::vector<Segment> out;
  std::size_t at = 0;
  for (const auto& span : hit.spans) {  // sorted by field then start, not overlapping
    if (span.field != field || span.start < at || span.end > text.size() || span.start >= span.end)
      continue;
    if (span.start > at) out.push_back({text.substr(at, span.start - at), false});
    out.push_back({text.substr(span.start, span.end - span.start), true});
    at = span.end;
  }
  if (at < text.size()) out.push_back({text.substr(at), false});
  return out;
}

std::string paper_url(const Paper& paper) {
  if (!paper.arxiv_id.empty()) return "https://arxiv.org/abs/" + paper.arxiv_id;
  for (const auto& link : paper.links)
    if (link.kind == LinkKind::paper) return link.url;
  return {};
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

}  // namespace papersieve::write
