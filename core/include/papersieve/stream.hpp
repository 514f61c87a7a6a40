// Reading a file of any size batch by batch, in bounded memory.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "papersieve/corpus.hpp"
#include "papersieve/parse.hpp"

namespace papersieve {

// Opens the file and detects its format at construction (throws IoError, or
// Error(unsupported) for a format without a reader). Memory stays bounded by
// the batch size and one read chunk (1 MiB), plus 8 bytes per key of every
// paper already returned, which duplicate detection across batches needs.
// Duplicates of papers still pending fold into them; duplicates of papers
// returned in an earlier batch are counted and dropped with a warning.
class PaperStream {
 public:
  explicit PaperStream(const std::string& path, ParseOptions options = {});
  ~PaperStream();
  PaperStream(PaperStream&&) noexcept;
  PaperStream& operator=(PaperStream&&) noexcept;

  // The next batch: at most `max_papers` papers, the diagnostics raised since
  // the previous batch, and stats for exactly this batch (records = papers +
  // duplicates + rejected). nullopt once everything has been returned.
  std::optional<Corpus> next(std::size_t max_papers);

  // The rest of the input as one Corpus (what parse_file does).
  Corpus read_all();

  Format format() const;

  // Sums of the stats of every batch returned so far.
  const ParseStats& totals() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace papersieve
