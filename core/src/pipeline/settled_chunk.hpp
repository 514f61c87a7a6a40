// What the per-record stages make of one stretch of input, for the stage that settles it in
// input order: duplicates against everything before, then output (docs/design.md, "The file
// pipeline").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/diagnostic.hpp"
#include "pipeline/rank_key.hpp"

namespace papersieve::detail {

struct FilteredChunk {
  // One paper of the stretch, in input order.
  struct Entry {
    std::uint32_t keys_begin = 0;  // its duplicate keys: keys[keys_begin, keys_end)
    std::uint32_t keys_end = 0;
    std::uint32_t check_end = 0;  // keys[keys_begin, check_end) find a paper settled before
    bool selected = false;        // by the rules (the seen-state may still drop it)
    std::int64_t hit = -1;        // its hit in `hits`, or -1 when not written
    std::string id;               // for the duplicate warning
    std::uint64_t line = 0;
    std::uint64_t byte_offset = 0;
  };
  struct HitLine {
    RankKey rank;             // rank.input is set when the chunk is settled
    std::uint64_t begin = 0;  // its JSON line: lines[begin, end)
    std::uint64_t end = 0;
  };

  std::vector<Entry> entries;
  std::vector<std::uint64_t> keys;
  bool check_duplicates = true;  // false where the reader's stream settled them already
  std::vector<HitLine> hits;
  std::string lines;  // the hits' JSON lines, in input order
  std::vector<Diagnostic> diagnostics;
  std::map<std::string, std::uint64_t> unknown_macros;
  ParseStats stats;
  std::size_t selected = 0;     // before the seen-state
  std::uint64_t bytes_end = 0;  // where the stretch ends in the input (progress)
  std::string format_name;
  std::string source_name;
};

}  // namespace papersieve::detail
