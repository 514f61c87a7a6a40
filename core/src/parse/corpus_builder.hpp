// The sink every parse ends in: normalizes records, folds duplicates and keeps
// the accounting (records = papers + duplicates + rejected). A stream takes
// the papers out in batches; duplicates of papers already taken are still
// recognized (by key hash) and counted, but can no longer be merged.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/normalize.hpp"
#include "parse/reader.hpp"
#include "parse/seen_keys.hpp"

namespace papersieve::detail {

class CorpusBuilder final : public RecordSink {
 public:
  explicit CorpusBuilder(Format format) : format_(format) {}

  void record(Paper&& raw) override;
  void reject(Diagnostic&& why) override;
  void note(Diagnostic&& note) override;

  // A record normalized off the builder's thread (threaded parsing): prepare()
  // is a pure function of the record, safe to run on any thread; add_prepared()
  // then does what record() does after normalizing, in input order.
  struct Prepared {
    Paper paper;
    std::vector<Diagnostic> notes;    // normalization warnings, in order
    MacroCounts unknown_macros;       // TeX macros normalization did not know
    std::vector<std::uint64_t> keys;  // de-duplication keys (keys_of)
  };
  static void prepare(Prepared& record);
  void add_prepared(Prepared&& record);

  // Adds the papers of an already normalized corpus (folding duplicates across
  // corpora) and carries over its diagnostics and counts.
  void absorb(Corpus&& part);

  std::size_t pending_papers() const { return pending_.size(); }

  // The key hashes that find a paper's duplicates: the id and the folded title, then the DOI
  // and the PMID.
  static std::vector<std::uint64_t> keys_of(const Paper& paper);
  // How many of keys_of's keys, from the front, find a paper already handed out: all of them,
  // except that a paper with an arXiv id is found by its id and title only (a shared DOI
  // cannot drop it).
  static std::size_t taken_check_keys(const Paper& paper, std::size_t keys);

  // What the next take_all() would count.
  ParseStats pending_stats() const {
    ParseStats s;
    s.papers = pending_.size();
    s.duplicates = duplicates_;
    s.rejected = rejected_;
    s.records = s.papers + s.duplicates + s.rejected;
    return s;
  }

  // True while papers, diagnostics or counts wait to be taken.
  bool has_pending() const {
    return !pending_.empty() || !diagnostics_.empty() || duplicates_ > 0 || rejected_ > 0;
  }

  // Everything gathered (the whole-input case: nothing more will come).
  Corpus take_all() { return take(pending_.size(), false); }

  // At most `max_papers` of the pending papers, every diagnostic raised so far,
  // and stats counting exactly what the batch accounts for.
  Corpus take_batch(std::size_t max_papers) { return take(max_papers, true); }

 private:
  // A paper waiting to be taken, with the key hashes that find it.
  struct Pending {
    Paper paper;
    std::vector<std::uint64_t> keys;  // id, folded title, DOI, PMID, and keys gained by merging
  };

  std::optional<std::size_t> find_pending(const Paper& paper,
                                          const std::vector<std::uint64_t>& keys) const;
  bool already_taken(const Paper& paper, const std::vector<std::uint64_t>& keys) const;
  void note_duplicate(const Paper& duplicate, const std::string& of_what);
  void add_normalized(Paper&& paper) {
    std::vector<std::uint64_t> keys = keys_of(paper);
    add_normalized(std::move(paper), std::move(keys));
  }
  void add_normalized(Paper&& paper, std::vector<std::uint64_t> keys);
  Corpus take(std::size_t max_papers, bool remember_taken);

  // Copies into `kept` the fields it lacks and `duplicate` has.
  static void merge_into(Paper& kept, Paper&& duplicate);

  Format format_;
  std::deque<Pending> pending_;
  std::size_t taken_count_ =
      0;  // papers taken so far: pending_[i] is paper number taken_count_ + i
  std::unordered_map<std::uint64_t, std::size_t> by_key_;  // key hash -> paper number
  SeenKeys taken_keys_;  // keys of papers already taken (streaming only)
  std::vector<Diagnostic> diagnostics_;
  MacroCounts unknown_macros_;  // TeX macros normalize_paper did not know, since the last take
  std::uint64_t duplicates_ = 0;
  std::uint64_t rejected_ = 0;
};

}  // namespace papersieve::detail
