// Filtering one input file straight to JSON lines, in bounded memory, on every core
// (docs/design.md, "The file pipeline").
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/diagnostic.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"

namespace papersieve {

struct FileFilterOptions {
  // The format, the limits and the threads of the whole pipeline (0 = every core): reading,
  // normalizing, matching and writing. The output is identical for any number of threads.
  ParseOptions parse;
  // top, sort, state and show_updated as RuleSet::filter has them (threads: parse.threads).
  // SortOrder::input writes each hit as soon as the input before it is settled; the other
  // orders hold the hits' JSON lines until the end.
  FilterOptions filter;
  // Held hits stay in memory up to this many bytes of JSON lines and rank keys; past it they
  // are sorted and spilled as a run to an unnamed temporary file in $TMPDIR
  // (else /tmp), and the runs are merged at the end, so memory stays bounded whatever the
  // input size and the selection. A temporary file that cannot be made or written is an
  // IoError.
  std::size_t memory_budget = std::size_t{32} << 20;
};

struct FileFilterSummary {
  Format format = Format::automatic;                    // the format read
  ParseStats stats;                                     // records = papers + duplicates + rejected
  std::size_t considered = 0;                           // papers the rules looked at (stats.papers)
  std::size_t selected = 0;                             // papers the rules selected (before `top`)
  std::size_t written = 0;                              // hits written
  std::map<std::string, std::uint64_t> unknown_macros;  // as Corpus::unknown_macros
  std::uint64_t warnings = 0;                           // diagnostics of severity warning
};

// Receives the output, in pieces of about a MiB; may throw (the filter stops and rethrows).
using OutputWriter = std::function<void(std::string_view)>;

// Receives the diagnostics as the input is read, in input order, with the totals so far and
// the input bytes read (for progress); may be empty.
using FilterProgress = std::function<void(std::vector<Diagnostic>&& diagnostics,
                                          const ParseStats& so_far, std::uint64_t bytes_read)>;

// Reads the file (any format; compressed or not), filters it with `rules` and writes the
// selected papers with their hits as JSON lines (the form of hits_to_jsonl), ranked by
// options.filter.sort. The same papers, scores, spans and order as
// rules.filter(parse_file(path), ...) except at duplicates: two records of one paper fold when
// they are close in the input (in one stretch of about 4 MiB of JSON lines, or in one batch of
// another format), and a later record of a paper already settled is counted as a duplicate and
// dropped with a warning (docs/design.md). Throws IoError, ParseError (no reader recognizes
// the input) and Error(unsupported) like parse_file; records that cannot be read are
// diagnostics.
FileFilterSummary filter_file(const std::string& path, const RuleSet& rules,
                              const FileFilterOptions& options, const OutputWriter& write,
                              const FilterProgress& progress = {});

struct ScanOptions {
  ParseOptions parse;  // as FileFilterOptions::parse
  // Count the TeX macros normalization does not know (FileFilterSummary::unknown_macros).
  // Without it, JSON lines read by stretches are normalized only as far as identity needs
  // (title, DOI, PMID; every field in full where one is not ASCII): the same counts and
  // diagnostics in less time, and no unknown macros.
  bool unknown_macros = true;
};

// The same pipeline without rules and without output: what a file holds, counted
// (`papersieve stats`).
FileFilterSummary scan_file(const std::string& path, const ScanOptions& options,
                            const FilterProgress& progress = {});
// scan_file with ScanOptions{options} (unknown macros counted).
FileFilterSummary scan_file(const std::string& path, const ParseOptions& options,
                            const FilterProgress& progress = {});

}  // namespace papersieve
