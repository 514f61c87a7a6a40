// Parsing paper dumps into a Corpus, from memory or from a file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "papersieve/corpus.hpp"
#include "papersieve/format.hpp"

namespace papersieve {

struct ParseOptions {
  Format format = Format::automatic;
  std::string source_name = "<memory>";  // used in diagnostics and Paper::source
};

// Parses a whole buffer. Throws Error(unsupported) for a format this build cannot
// read; malformed records become diagnostics, never exceptions.
Corpus parse(std::string_view data, const ParseOptions& options = {});

// Reads the file in fixed-size chunks (the whole file is never held at once).
// source_name defaults to the path. Throws IoError when the file cannot be read.
Corpus parse_file(const std::string& path, ParseOptions options = {});

}  // namespace papersieve
