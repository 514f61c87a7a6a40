#include "parse/corpus_builder.hpp"

#include <algorithm>
#include <utility>

#include "normalize/hash.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve::detail {
namespace {

// Distinct seeds keep an id, a DOI, a PMID and a title from ever sharing a key.
constexpr std::uint64_t kIdSeed = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kTitleSeed = 0xc2b2ae3d27d4eb4fULL;
constexpr std::uint64_t kDoiSeed = 0x165667b19e3779f9ULL;
constexpr std::uint64_t kPmidSeed = 0x27d4eb2f165667c5ULL;

}  // namespace

// The id and the folded title, then the DOI and the PMID (a paper known by its
// arXiv id meets the same paper known by its DOI).
std::vector<std::uint64_t> CorpusBuilder::keys_of(const Paper& paper) {
  std::vector<std::uint64_t> keys{fnv1a64(paper.id, kIdSeed)};
  if (!paper.title.empty()) keys.push_back(fold_title_hash(paper.title, kTitleSeed));
  if (const auto doi = paper.extra.find("doi"); doi != paper.extra.end())
    keys.push_back(fnv1a64(doi->second, kDoiSeed));
  if (const auto pmid = paper.extra.find("pmid"); pmid != paper.extra.end())
    keys.push_back(fnv1a64(pmid->second, kPmidSeed));
  return keys;
}

namespace {

// keys_of's keys before this index are the id and the title; the rest are DOI and PMID.
std::size_t identifier_keys_begin(const Paper& paper) { return paper.title.empty() ? 1 : 2; }

}  // namespace

std::size_t CorpusBuilder::taken_check_keys(const Paper& paper, std::size_t keys) {
  return paper.arxiv_id.empty() ? keys : std::min(keys, identifier_keys_begin(paper));
}

// Two different arXiv ids are two papers, whatever DOI or PMID they share (an
// erratum's DOI, a journal paper split in two preprints).
std::optional<std::size_t> CorpusBuilder::find_pending(
    const Paper& paper, const std::vector<std::uint64_t>& keys) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto it = by_key_.find(keys[i]);
    if (it == by_key_.end()) continue;
    const std::size_t at = it->second - taken_count_;
    const std::string& kept_arxiv_id = pending_[at].paper.arxiv_id;
    if (i >= identifier_keys_begin(paper) && !paper.arxiv_id.empty() && !kept_arxiv_id.empty() &&
        kept_arxiv_id != paper.arxiv_id)
      continue;
    return at;
  }
  return std::nullopt;
}

// Papers handed out are remembered by key hashes alone: a record with an arXiv
// id is matched by its id and title only, so a shared DOI cannot drop it.
bool CorpusBuilder::already_taken(const Paper& paper,
                                  const std::vector<std::uint64_t>& keys) const {
  const std::size_t end = taken_check_keys(paper, keys.size());
  for (std::size_t i = 0; i < end; ++i)
    if (taken_keys_.contains(keys[i])) return true;
  return false;
}

void CorpusBuilder::note_duplicate(const Paper& duplicate, const std::string& of_what) {
  ++duplicates_;
  diagnostics_.push_back(Diagnostic{Severity::warning, duplicate.source.format,
                                    duplicate.source.name, duplicate.source.line,
                                    duplicate.source.byte_offset, "duplicate of " + of_what});
}

void CorpusBuilder::record(Paper&& raw) {
  normalize_paper(raw, diagnostics_, &unknown_macros_);
  add_normalized(std::move(raw));
}

void CorpusBuilder::prepare(Prepared& record) {
  normalize_paper(record.paper, record.notes, &record.unknown_macros);
  record.keys = keys_of(record.paper);
}

void CorpusBuilder::add_prepared(Prepared&& record) {
  if (diagnostics_.empty()) {
    diagnostics_.swap(record.notes);
  } else {
    for (auto& d : record.notes) diagnostics_.push_back(std::move(d));
  }
  for (const auto& [macro, count] : record.unknown_macros) unknown_macros_[macro] += count;
  add_normalized(std::move(record.paper), std::move(record.keys));
}

void CorpusBuilder::absorb(Corpus&& part) {
  for (auto& d : part.diagnostics) diagnostics_.push_back(std::move(d));
  for (const auto& [macro, count] : part.unknown_macros) unknown_macros_[macro] += count;
  duplicates_ += part.stats.duplicates;
  rejected_ += part.stats.rejected;
  for (auto& paper : part.papers) add_normalized(std::move(paper));
}

void CorpusBuilder::add_normalized(Paper&& raw, std::vector<std::uint64_t> keys) {
  if (const auto earlier = find_pending(raw, keys)) {
    Pending& kept = pending_[*earlier];
    note_duplicate(raw, "the paper at line " + std::to_string(kept.paper.source.line) + " (" +
                            kept.paper.id + "), folded into it");
    merge_into(kept.paper, std::move(raw));
    for (auto key : keys_of(kept.paper)) {  // it may have gained an arXiv id
      if (by_key_.emplace(key, taken_count_ + *earlier).second) kept.keys.push_back(key);
    }
    return;
  }
  if (already_taken(raw, keys)) {
    note_duplicate(raw, "a paper already returned in an earlier batch (" + raw.id + "), dropped");
    return;
  }
  const std::size_t number = taken_count_ + pending_.size();
  std::vector<std::uint64_t> indexed;
  for (auto key : keys)
    if (by_key_.emplace(key, number).second) indexed.push_back(key);
  pending_.push_back(Pending{std::move(raw), std::move(indexed)});
}

void CorpusBuilder::reject(Diagnostic&& why) {
  ++rejected_;
  why.severity = Severity::error;
  diagnostics_.push_back(std::move(why));
}

void CorpusBuilder::note(Diagnostic&& note) { diagnostics_.push_back(std::move(note)); }

Corpus CorpusBuilder::take(std::size_t max_papers, bool remember_taken) {
  Corpus batch;
  batch.format = format_;
  const std::size_t count = std::min(max_papers, pending_.size());
  batch.papers.reserve(count);
  const bool taking_all = count == pending_.size();
  if (taking_all && !remember_taken) by_key_.clear();  // cheaper than erasing key by key
  for (std::size_t i = 0; i < count; ++i) {
    Pending& front = pending_.front();
    for (auto key : front.keys) {
      if (!(taking_all && !remember_taken)) by_key_.erase(key);
      if (remember_taken) taken_keys_.insert(key);
    }
    batch.papers.push_back(std::move(front.paper));
    pending_.pop_front();
  }
  taken_count_ += count;
  // Diagnostics quote input: whatever a reader wrote, the caller gets valid UTF-8.
  for (Diagnostic& d : diagnostics_) {
    repair_utf8_in_place(d.message);
    repair_utf8_in_place(d.source_name);
  }
  batch.diagnostics.swap(diagnostics_);
  batch.unknown_macros.swap(unknown_macros_);
  batch.stats.papers = batch.papers.size();
  batch.stats.duplicates = duplicates_;
  batch.stats.rejected = rejected_;
  batch.stats.records = batch.stats.papers + duplicates_ + rejected_;
  duplicates_ = rejected_ = 0;
  return batch;
}

void CorpusBuilder::merge_into(Paper& kept, Paper&& duplicate) {
  auto fill = [](std::string& into, std::string& from) {
    if (into.empty()) into = std::move(from);
  };
  if (kept.arxiv_id.empty() && !duplicate.arxiv_id.empty()) kept.arxiv_id = duplicate.arxiv_id;
  if (duplicate.version > kept.version) {
    kept.version = duplicate.version;
    // `updated` is the date of the latest version.
    if (auto updated = duplicate.extra.find("updated"); updated != duplicate.extra.end())
      kept.extra["updated"] = std::move(updated->second);
  }
  if (duplicate.abstract.size() > kept.abstract.size())
    kept.abstract = std::move(duplicate.abstract);
  fill(kept.published, duplicate.published);
  fill(kept.short_name, duplicate.short_name);
  fill(kept.submitter, duplicate.submitter);
  if (kept.authors.empty()) kept.authors = std::move(duplicate.authors);
  if (kept.categories.empty()) kept.categories = std::move(duplicate.categories);
  if (!kept.upvotes) kept.upvotes = duplicate.upvotes;
  kept.extra.merge(duplicate.extra);  // keys the kept paper lacks
  kept.id = paper_id(kept);           // it may have gained an arXiv id, a DOI or a PMID
  for (auto& link : duplicate.links) {
    bool known = false;
    for (const auto& have : kept.links) known = known || have.url == link.url;
    if (!known) kept.links.push_back(std::move(link));
  }
}

}  // namespace papersieve::detail
