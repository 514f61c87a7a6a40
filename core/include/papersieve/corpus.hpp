// The result of parsing: papers, what was said about the input, and the accounting.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "papersieve/diagnostic.hpp"
#include "papersieve/format.hpp"
#include "papersieve/paper.hpp"

namespace papersieve {

// Invariant: records == papers + duplicates + rejected.
struct ParseStats {
  std::uint64_t records = 0;
  std::uint64_t papers = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;
};

struct Corpus {
  Format format = Format::automatic;  // the format actually read
  std::vector<Paper> papers;
  std::vector<Diagnostic> diagnostics;
  ParseStats stats;
  // TeX macros the normalizer did not know, by name ("\sysname"), with their counts.
  std::map<std::string, std::uint64_t> unknown_macros;
};

}  // namespace papersieve
