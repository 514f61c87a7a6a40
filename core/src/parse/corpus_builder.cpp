#include "parse/corpus_builder.hpp"

#include <algorithm>
#include <utility>

#include "normalize/hash.hpp"
#include "normalize/paper_identity.hpp"
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
PaperKeys CorpusBuilder::keys_of(const Paper& paper) {
  PaperKeys keys;
  keys.key[keys.count++] = fnv1a64(paper.id, kIdSeed);
  if (!paper.title.empty()) keys.key[keys.count++] = fold_title_key(paper.title, kTitleSeed);
  if (const auto doi = paper.extra.find("doi"); doi != paper.extra.end())
    keys.key[keys.count++] = fnv1a64(doi->second, kDoiSeed);
  if (const auto pmid = paper.extra.find("pmid"); pmid != paper.extra.end())
    keys.key[keys.count++] = fnv1a64(pmid->second, kPmidSeed);
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
std::optional<std::size_t> CorpusBuilder::find_pending(const Paper& paper,
                                                       const PaperKeys& keys) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::optional<std::size_t> number = by_key_.find(keys.key[i]);
    if (!number) continue;
    const std::size_t at = front_ + (*number - taken_count_);
    const std::string& kept_arxiv_id = pending_[at].arxiv_id;
    if (i >= identifier_keys_begin(paper) && !paper.arxiv_id.empty() && !kept_arxiv_id.empty() &&
        kept_arxiv_id != paper.arxiv_id)
      continue;
    return at;
  }
  return std::nullopt;
}

// Papers handed out are remembered by key hashes alone: a record with an arXiv
// id is matched by its id and title only, so a shared DOI cannot drop it.
bool CorpusBuilder::already_taken(const Paper& paper, const PaperKeys& keys) const {
  const std::size_t end = taken_check_keys(paper, keys.size());
  for (std::size_t i = 0; i < end; ++i)
    if (taken_keys_.contains(keys.key[i])) return true;
  return false;
}

void CorpusBuilder::note_duplicate(const Paper& duplicate, const std::string& of_what) {
  ++duplicates_;
  diagnostics_.push_back(Diagnostic{Severity::warning, duplicate.source.format,
                                    duplicate.source.name, duplicate.source.line,
                                    duplicate.source.byte_offset, "duplicate of " + of_what});
}

void CorpusBuilder::record(Paper&& raw) {
  if (identity_only_) {
    normalize_identity(raw, diagnostics_);
  } else {
    normalize_paper(raw, diagnostics_, &unknown_macros_);
  }
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
  add_normalized(std::move(record.paper), record.keys);
}

void CorpusBuilder::absorb(Corpus&& part) {
  for (auto& d : part.diagnostics) diagnostics_.push_back(std::move(d));
  for (const auto& [macro, count] : part.unknown_macros) unknown_macros_[macro] += count;
  duplicates_ += part.stats.duplicates;
  rejected_ += part.stats.rejected;
  for (auto& paper : part.papers) add_normalized(std::move(paper));
}

void CorpusBuilder::add_normalized(Paper&& raw, const PaperKeys& keys) {
  if (const auto earlier = find_pending(raw, keys)) {
    Paper& kept = pending_[*earlier];
    note_duplicate(raw, "the paper at line " + std::to_string(kept.source.line) + " (" + kept.id +
                            "), folded into it");
    merge_into(kept, std::move(raw));
    pending_keys_[*earlier] = keys_of(kept);  // it may have gained an arXiv id
    OwnedKeys& owned = owned_keys_[*earlier];
    const std::size_t number = taken_count_ + (*earlier - front_);
    for (const std::uint64_t key : pending_keys_[*earlier]) {
      if (owned.count < owned.key.size() && by_key_.emplace(key, number))
        owned.key[owned.count++] = key;
    }
    return;
  }
  if (already_taken(raw, keys)) {
    note_duplicate(raw, "a paper already returned in an earlier batch (" + raw.id + "), dropped");
    return;
  }
  const std::size_t number = taken_count_ + pending_papers();
  OwnedKeys owned;
  for (const std::uint64_t key : keys)
    if (by_key_.emplace(key, number)) owned.key[owned.count++] = key;
  pending_.push_back(std::move(raw));
  pending_keys_.push_back(keys);
  owned_keys_.push_back(owned);
}

void CorpusBuilder::reserve(std::size_t papers) {
  pending_.reserve(pending_.size() + papers);
  pending_keys_.reserve(pending_keys_.size() + papers);
  owned_keys_.reserve(owned_keys_.size() + papers);
  by_key_.reserve(2 * (pending_papers() + papers));  // an id and a title each, mostly
}

void CorpusBuilder::reject(Diagnostic&& why) {
  ++rejected_;
  why.severity = Severity::error;
  diagnostics_.push_back(std::move(why));
}

void CorpusBuilder::note(Diagnostic&& note) { diagnostics_.push_back(std::move(note)); }

Corpus CorpusBuilder::take(std::size_t max_papers, bool remember_taken,
                           std::vector<PaperKeys>* keys) {
  Corpus batch;
  batch.format = format_;
  const std::size_t count = std::min(max_papers, pending_papers());
  const bool taking_all = count == pending_papers();
  if (taking_all && !remember_taken) {
    by_key_ = KeyIndex();  // cheaper than erasing key by key
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      const OwnedKeys& owned = owned_keys_[front_ + i];
      for (std::size_t k = 0; k < owned.count; ++k) {
        by_key_.erase(owned.key[k]);
        if (remember_taken) taken_keys_.insert(owned.key[k]);
      }
    }
  }
  const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(front_);
  const auto last = first + static_cast<std::ptrdiff_t>(count);
  if (taking_all && front_ == 0) {
    batch.papers.swap(pending_);
  } else {
    batch.papers.assign(std::make_move_iterator(first), std::make_move_iterator(last));
  }
  if (keys != nullptr)
    keys->assign(pending_keys_.begin() + static_cast<std::ptrdiff_t>(front_),
                 pending_keys_.begin() + static_cast<std::ptrdiff_t>(front_ + count));
  front_ += count;
  // The taken papers leave the front of the vectors once they are half of them, so that
  // taking batches stays linear in the papers.
  if (front_ * 2 >= pending_keys_.size()) {
    const auto taken = [this](auto& v) {
      v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(front_));
    };
    if (pending_.size() == pending_keys_.size())
      taken(pending_);
    else
      pending_.clear();  // swapped out whole above
    taken(pending_keys_);
    taken(owned_keys_);
    front_ = 0;
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
