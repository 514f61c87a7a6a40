// A deterministic synthetic arXiv metadata snapshot for benchmarks: one JSON
// object per line with the snapshot's fields and realistic sizes (no real
// metadata copied).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace papersieve::bench {

// About `bytes` bytes of arxiv-jsonl: ~90-byte titles (wrapped like the
// snapshot), ~1.2 KB abstracts with leading spaces and "\n" hard wraps, TeX
// accents in a few % of author strings, authors_parsed with \u escapes,
// 1-4 versions, 1-3 categories, nulls, and a few % non-ASCII words.
// Records are numbered from *next_number (1 when null), which is advanced, so
// pieces generated one after another have distinct ids.
std::string generate_arxiv_jsonl(std::size_t bytes, std::uint64_t seed = 42,
                                 int* next_number = nullptr);

}  // namespace papersieve::bench
