// The sink every parse ends in: normalizes records, folds duplicates and keeps
// the accounting (records = papers + duplicates + rejected).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "papersieve/corpus.hpp"
#include "parse/reader.hpp"

namespace papersieve::detail {

class CorpusBuilder final : public RecordSink {
 public:
  explicit CorpusBuilder(Corpus& corpus) : corpus_(corpus) {}

  void record(Paper&& raw) override;
  void reject(Diagnostic&& why) override;
  void note(Diagnostic&& note) override;

 private:
  std::optional<std::size_t> find_earlier(const std::string& id,
                                          const std::string& title_key) const;
  // Copies into `kept` the fields it lacks and `duplicate` has.
  static void merge_into(Paper& kept, Paper&& duplicate);

  Corpus& corpus_;
  std::unordered_map<std::string, std::size_t> by_id_;     // arXiv id or title hash
  std::unordered_map<std::string, std::size_t> by_title_;  // title hash
};

}  // namespace papersieve::detail
