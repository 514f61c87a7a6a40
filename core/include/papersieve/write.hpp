// Serializing papers (DESIGN.md §1: writers know neither formats nor rules).
#pragma once

#include <string>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/paper.hpp"

namespace papersieve {

// One JSON object, keys in a stable documented order (docs/formats.md).
std::string paper_to_json(const Paper& paper);

// One object per line, each line ending in '\n'.
std::string papers_to_jsonl(const std::vector<Paper>& papers);

// A JSON array of the same objects.
std::string papers_to_json(const std::vector<Paper>& papers);

// {"records":..,"papers":..,"duplicates":..,"rejected":..}
std::string stats_to_json(const ParseStats& stats);

}  // namespace papersieve
