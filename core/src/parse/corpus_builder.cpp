#include "parse/corpus_builder.hpp"

#include <utility>

#include "papersieve/normalize.hpp"

namespace papersieve::detail {

void CorpusBuilder::record(Paper&& raw) {
  ++corpus_.stats.records;
  normalize_paper(raw, corpus_.diagnostics);
  const std::string title_key = title_hash_id(raw.title);
  if (const auto earlier = find_earlier(raw.id, title_key)) {
    ++corpus_.stats.duplicates;
    Paper& kept = corpus_.papers[*earlier];
    Diagnostic note{Severity::warning,
                    raw.source.format,
                    raw.source.name,
                    raw.source.line,
                    raw.source.byte_offset,
                    "duplicate of the paper at line " + std::to_string(kept.source.line) + " (" +
                        kept.id + "), folded into it"};
    corpus_.diagnostics.push_back(std::move(note));
    merge_into(kept, std::move(raw));
    by_id_.emplace(kept.id, *earlier);  // it may have gained an arXiv id
    return;
  }
  const std::size_t index = corpus_.papers.size();
  by_id_.emplace(raw.id, index);
  by_title_.emplace(title_key, index);
  corpus_.papers.push_back(std::move(raw));
  ++corpus_.stats.papers;
}

std::optional<std::size_t> CorpusBuilder::find_earlier(const std::string& id,
                                                       const std::string& title_key) const {
  if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  if (auto it = by_title_.find(title_key); it != by_title_.end()) return it->second;
  return std::nullopt;
}

void CorpusBuilder::reject(Diagnostic&& why) {
  ++corpus_.stats.records;
  ++corpus_.stats.rejected;
  why.severity = Severity::error;
  corpus_.diagnostics.push_back(std::move(why));
}

void CorpusBuilder::note(Diagnostic&& note) { corpus_.diagnostics.push_back(std::move(note)); }

void CorpusBuilder::merge_into(Paper& kept, Paper&& duplicate) {
  auto fill = [](std::string& into, std::string& from) {
    if (into.empty()) into = std::move(from);
  };
  if (kept.arxiv_id.empty() && !duplicate.arxiv_id.empty()) {
    kept.arxiv_id = duplicate.arxiv_id;
    kept.id = duplicate.id;
  }
  if (duplicate.version > kept.version) kept.version = duplicate.version;
  if (duplicate.abstract.size() > kept.abstract.size())
    kept.abstract = std::move(duplicate.abstract);
  fill(kept.published, duplicate.published);
  fill(kept.short_name, duplicate.short_name);
  fill(kept.submitter, duplicate.submitter);
  if (kept.authors.empty()) kept.authors = std::move(duplicate.authors);
  if (kept.categories.empty()) kept.categories = std::move(duplicate.categories);
  if (!kept.upvotes) kept.upvotes = duplicate.upvotes;
  for (auto& link : duplicate.links) {
    bool known = false;
    for (const auto& have : kept.links) known = known || have.url == link.url;
    if (!known) kept.links.push_back(std::move(link));
  }
}

}  // namespace papersieve::detail
