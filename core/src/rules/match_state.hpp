// Per-thread working memory of Matcher::match: stamps instead of clearing, so a
// paper costs what it hits, not the size of the rule set.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace papersieve::rules {

// A token of the current field that has at least one feature.
struct Record {
  std::uint32_t start, end;   // displayed bytes
  std::uint32_t ordinal;      // position among all tokens of the field
  std::uint32_t first, last;  // its features: MatchState::record_features[first, last)
};

struct MatchState {
  const void* owner = nullptr;              // the Compiled the stamp arrays are sized for
  std::uint32_t paper = 0;                  // stamp of the current paper
  std::uint32_t field = 0;                  // stamp of the current field scan
  std::vector<std::uint32_t> term_hit;      // == paper: the term hit
  std::vector<std::uint32_t> regex_done;    // == paper: the regex term was run
  std::vector<std::uint32_t> feature_seen;  // == field: the feature fired in this field
  std::vector<std::uint32_t> node_stamp;    // == paper: node_count is current
  std::vector<std::uint32_t> node_count;    // hits of counted term children
  std::vector<std::uint32_t> rule_touched;  // == paper: one of its terms hit
  std::vector<std::uint8_t> rule_state;     // 0 unknown, 1 evaluating, 2 false, 3 true
  std::vector<Record> records;
  std::vector<std::uint32_t> record_features;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (record, feature)
  std::string joined;  // authors / categories / links, displayed
};

}  // namespace papersieve::rules
