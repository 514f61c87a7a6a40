// Parsing paper dumps into a Corpus, from memory or from a file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/format.hpp"

namespace papersieve {

struct ParseOptions {
  Format format = Format::automatic;
  std::string source_name = "<memory>";  // used in diagnostics and Paper::source
  // Threads that normalize records: 0 = every core, 1 = the calling thread only.
  // The reader stays on the calling thread; results are identical for any value.
  std::size_t threads = 0;
  // Limits (docs/reliability.md). A line longer than max_record_bytes (a record of the JSON
  // lines formats; a line of hf-text, kv-text, arxiv-mailing, bibtex or ris) is never held
  // whole: it is rejected as one record with a diagnostic; so is a kv-text block, mailing
  // record, BibTeX entry or RIS record whose lines add up to more. hf-json and json hold
  // their whole document, which may be at most max_document_bytes: a larger one throws
  // Error(limit). The fields, max_record_bytes and max_document_bytes, and their defaults
  // come from the PSV_PARSE_LIMIT lines of limits.def.
#define PSV_PARSE_LIMIT(name, type, value, doc) type name = value;
#include "papersieve/limits.def"
  // The S2 datasets' papers carry no abstract: the path of the matching `abstracts`
  // file (JSON lines of {"corpusid", "abstract"}) gives each record without an
  // abstract the one with its corpusid (docs/formats.md, "S2 datasets"). The file
  // is indexed first, in 16 bytes of memory per abstract and a temporary file.
  std::string join_abstracts = {};
};

// Parses a whole buffer. Throws Error(unsupported) for a format this build cannot
// read; malformed records become diagnostics, never exceptions.
Corpus parse(std::string_view data, const ParseOptions& options = {});

// Reads the file in fixed-size chunks (the whole file is never held at once).
// source_name defaults to the path. Throws IoError when the file cannot be read.
Corpus parse_file(const std::string& path, ParseOptions options = {});

// One corpus from several (e.g. a week of daily pages): papers in order,
// duplicates across the parts folded into the first, diagnostics and counts
// carried over (records = papers + duplicates + rejected still holds).
Corpus combine(std::vector<Corpus> parts);

}  // namespace papersieve
