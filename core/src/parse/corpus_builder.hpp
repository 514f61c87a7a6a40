// The sink every parse ends in: normalizes records, folds duplicates and keeps
// the accounting (records = papers + duplicates + rejected). A stream takes
// the papers out in batches; duplicates of papers already taken are still
// recognized (by key hash) and counted, but can no longer be merged.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/normalize.hpp"
#include "parse/key_index.hpp"
#include "parse/reader.hpp"
#include "parse/seen_keys.hpp"

namespace papersieve::detail {

// The key hashes that find a paper's duplicates: the id and the folded title (when the paper
// has one), then the DOI and the PMID (when it has them).
struct PaperKeys {
  std::array<std::uint64_t, 4> key{};
  std::uint8_t count = 0;

  const std::uint64_t* begin() const { return key.data(); }
  const std::uint64_t* end() const { return key.data() + count; }
  std::size_t size() const { return count; }
};

class CorpusBuilder final : public RecordSink {
 public:
  explicit CorpusBuilder(Format format) : format_(format) {}

  // Records are normalized only as far as counting needs (normalize_identity): the same
  // papers, duplicates and diagnostics, no unknown macros, the other fields as read.
  void normalize_identity_only() { identity_only_ = true; }

  void record(Paper&& raw) override;
  void reject(Diagnostic&& why) override;
  void note(Diagnostic&& note) override;

  // A record normalized off the builder's thread (threaded parsing): prepare()
  // is a pure function of the record, safe to run on any thread; add_prepared()
  // then does what record() does after normalizing, in input order.
  struct Prepared {
    Paper paper;
    std::vector<Diagnostic> notes;  // normalization warnings, in order
    MacroCounts unknown_macros;     // TeX macros normalization did not know
    PaperKeys keys;                 // de-duplication keys (keys_of)
  };
  static void prepare(Prepared& record);
  void add_prepared(Prepared&& record);

  // Adds the papers of an already normalized corpus (folding duplicates across
  // corpora) and carries over its diagnostics and counts.
  void absorb(Corpus&& part);

  std::size_t pending_papers() const { return pending_keys_.size() - front_; }
  // Room for `papers` more pending papers (a hint: a reader of a stretch of known size).
  void reserve(std::size_t papers);

  static PaperKeys keys_of(const Paper& paper);
  // How many of keys_of's keys, from the front, find a paper already handed out: all of them,
  // except that a paper with an arXiv id is found by its id and title only (a shared DOI
  // cannot drop it).
  static std::size_t taken_check_keys(const Paper& paper, std::size_t keys);

  // What the next take_all() would count.
  ParseStats pending_stats() const {
    ParseStats s;
    s.papers = pending_papers();
    s.duplicates = duplicates_;
    s.rejected = rejected_;
    s.records = s.papers + s.duplicates + s.rejected;
    return s;
  }

  // True while papers, diagnostics or counts wait to be taken.
  bool has_pending() const {
    return pending_papers() > 0 || !diagnostics_.empty() || duplicates_ > 0 || rejected_ > 0;
  }

  // Everything gathered (the whole-input case: nothing more will come); `keys`, when given,
  // receives each paper's keys_of, in paper order.
  Corpus take_all(std::vector<PaperKeys>* keys = nullptr) {
    return take(pending_papers(), false, keys);
  }

  // At most `max_papers` of the pending papers, every diagnostic raised so far,
  // and stats counting exactly what the batch accounts for.
  Corpus take_batch(std::size_t max_papers) { return take(max_papers, true, nullptr); }

 private:
  // The key hashes a pending paper owns in by_key_: its keys_of when it came, and those it
  // gained by merging (a new id, a DOI) that no other paper held. At most 8: four kinds of
  // id, the title, the DOI and the PMID.
  struct OwnedKeys {
    std::array<std::uint64_t, 8> key{};
    std::uint8_t count = 0;
  };
  // The papers waiting to be taken, pending_[front_ + i] being paper number taken_count_ + i,
  // with their keys beside them; those before front_ are taken already.
  std::vector<Paper> pending_;
  std::size_t front_ = 0;
  std::vector<PaperKeys> pending_keys_;  // keys_of(pending_[i])
  std::vector<OwnedKeys> owned_keys_;

  std::optional<std::size_t> find_pending(const Paper& paper, const PaperKeys& keys) const;
  bool already_taken(const Paper& paper, const PaperKeys& keys) const;
  void note_duplicate(const Paper& duplicate, const std::string& of_what);
  void add_normalized(Paper&& paper) {
    const PaperKeys keys = keys_of(paper);
    add_normalized(std::move(paper), keys);
  }
  void add_normalized(Paper&& paper, const PaperKeys& keys);
  Corpus take(std::size_t max_papers, bool remember_taken, std::vector<PaperKeys>* keys);

  // Copies into `kept` the fields it lacks and `duplicate` has.
  static void merge_into(Paper& kept, Paper&& duplicate);

  Format format_;
  bool identity_only_ = false;
  std::size_t taken_count_ = 0;  // papers taken so far
  KeyIndex by_key_;              // key hash -> paper number
  SeenKeys taken_keys_;          // keys of papers already taken (streaming only)
  std::vector<Diagnostic> diagnostics_;
  MacroCounts unknown_macros_;  // TeX macros normalize_paper did not know, since the last take
  std::uint64_t duplicates_ = 0;
  std::uint64_t rejected_ = 0;
};

}  // namespace papersieve::detail
