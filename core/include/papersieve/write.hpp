// Serializing papers (DESIGN.md §1: writers know neither formats nor rules).
#pragma once

#include <string>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"

namespace papersieve {

// One JSON object, keys in a stable documented order (docs/formats.md).
std::string paper_to_json(const Paper& paper);

// One object per line, each line ending in '\n'.
std::string papers_to_jsonl(const std::vector<Paper>& papers);

// A JSON array of the same objects.
std::string papers_to_json(const std::vector<Paper>& papers);

// {"records":..,"papers":..,"duplicates":..,"rejected":..}
std::string stats_to_json(const ParseStats& stats);

// Filtered output: one object per selected paper, the paper's keys followed by
// "score", "rules", "tags" and "spans" ([{field, start, end}] in UTF-8 bytes).
std::string hits_to_jsonl(const Corpus& corpus, const Results& results);

// An HTML digest: one self-contained page (inline styles, no scripts or external
// assets) fit for an e-mail body; matched text in <mark>, all paper text escaped.
std::string hits_to_html(const Corpus& corpus, const Results& results,
                         std::string_view title = "papersieve digest");

// CSV (RFC 4180, CRLF): a header row, then one row per paper (columns in
// docs/formats.md); hits_to_csv adds rank, score, rules and tags in front.
std::string papers_to_csv(const std::vector<Paper>& papers);
std::string hits_to_csv(const Corpus& corpus, const Results& results);

// A Markdown digest: hits grouped by their first tag (first rule when untagged),
// ranked by score, titles linked, matched text in bold.
std::string hits_to_markdown(const Corpus& corpus, const Results& results,
                             std::string_view title = "papersieve digest");

}  // namespace papersieve
