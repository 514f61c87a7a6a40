// Per-thread working memory of Matcher::match: stamps instead of clearing, so a
// paper costs what it hits, not the size of the rule set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"
#include "rules/compile/literal_index.hpp"
#include "rules/compile/term_pattern.hpp"
#include "rules/match/folded_text.hpp"
#include "rules/match/keep_segments.hpp"
#include "rules/match/regex_windows.hpp"

namespace papersieve::rules {

// A token of the current field that has at least one feature.
struct Record {
  std::uint32_t start, end;   // displayed bytes
  std::uint32_t ordinal;      // position among all tokens of the field
  std::uint32_t first, last;  // its features: MatchState::record_features[first, last)
};

struct MatchState {
  // The Compiled the stamp arrays are sized for, by serial number: an address could be reused
  // by a later rule set while a (thread-local) scratch outlives the first one.
  std::uint64_t owner = 0;
  std::uint32_t paper = 0;                  // stamp of the current paper
  std::vector<std::uint32_t> term_hit;      // == paper: the term hit
  std::vector<std::uint32_t> regex_done;    // == paper: the regex (or condition) term was run
  std::vector<std::uint32_t> node_stamp;    // == paper: node_count is current
  std::vector<std::uint32_t> node_count;    // hits of counted term children
  std::vector<std::uint32_t> rule_touched;  // == paper: one of its terms hit
  std::vector<std::uint32_t> rule_stamp;    // == paper: rule_state is current
  std::vector<std::uint8_t> rule_state;     // 1 evaluating, 2 false, 3 true (0: unknown)
  std::vector<std::uint32_t> touched;       // the rules touched this paper, once each
  std::vector<std::uint32_t> rule_stack;    // rules waiting for their @references
  std::vector<std::uint32_t> true_rules;    // the rules match() found true, ascending
  KeptSegments kept;                        // the field's segments that may hold a feature
  // The tokens with a feature of every field scanned for this paper (the spans of a selected
  // paper come from them): field f's are records[records_begin[f], records_end[f]).
  std::vector<Record> records;
  std::vector<std::uint32_t> record_features;
  std::uint32_t records_begin[8] = {}, records_end[8] = {};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (record, feature)
  std::string joined;  // authors / categories / links, displayed
  // A field lowered, with its bitmasks: [1] the abstract, [0] the other fields; lowered[k] ==
  // paper: [k] holds this paper's title (k 0) or abstract (k 1), for the atom scan.
  FieldBits bits[2];
  std::uint32_t lowered[2] = {};
  TokenCursor slow{std::string_view()};  // tokens with non-ASCII bytes
  std::vector<std::uint32_t> atom_seen;  // == paper: the gate atom occurs
  bool all_atoms = false;                // a code point folding to ASCII: gates pass
  std::vector<AtomHit> atom_hits[2];     // the gate atoms' occurrences in title, abstract
  // Each atom's occurrences in atom_hits[k] chained in text order, so that a regex walks its
  // own atoms' only: the first is atom_hits[k][atom_chain[k][a].first] (when its paper is this
  // one), the one after hit i is atom_next[k][i] (kNone: the last).
  struct AtomChain {
    std::uint32_t paper = 0, first = 0;
  };
  std::vector<AtomChain> atom_chain[2];
  std::vector<std::uint32_t> atom_next[2];
  std::vector<Occurrence> occurrences;  // a windowed regex's anchors in one field
  std::uint32_t set_ran[8] = {};        // == paper: the field's regex set ran
  bool set_ok[8] = {};                  // ... and did not run out of memory
  std::vector<int> set_found[8];        // by field: the indices its set matched
};

// Record r of a field whose records end at `end` starts the words of `p` token by token, with
// the gaps and context `p` allows in `text` (the field): phrases, symbols and exact terms.
// On success `span_start`/`span_end` are the displayed bytes of the match.
bool verify_at_record(const TermPattern& p, std::string_view text, const MatchState& s,
                      std::uint32_t r, std::uint32_t end, std::uint32_t& span_start,
                      std::uint32_t& span_end);

struct Compiled;
struct CompiledTerm;

// What regex_anchors found: nothing to go by here, occurrences one of which every match holds,
// or occurrences at which every match begins (a word_start regex's gate atom at word starts).
enum class Anchors { none, held, starts };

// The occurrences, in field f (displayed `text`) of the paper match() last ran on, of what
// every match of windowed regex term `term` holds: its gate atoms (title and abstract, where no
// code point folds to ASCII; from match()'s atom scan) or else its required byte.
Anchors regex_anchors(const Compiled& c, const MatchState& s, const CompiledTerm& term,
                      papersieve::MatchField f, std::string_view text,
                      std::vector<Occurrence>& out);

// Record `r` has `feature` among its features.
inline bool record_has_feature(const MatchState& s, const Record& r, std::uint32_t feature) {
  for (std::uint32_t k = r.first; k < r.last; ++k)
    if (s.record_features[k] == feature) return true;
  return false;
}

// Record r + 1 of a field whose records end at `end` is the token right after record r and has
// `feature`: a phrase's second word, checked before the whole phrase is.
inline bool next_record_has(const MatchState& s, std::uint32_t r, std::uint32_t end,
                            std::uint32_t feature) {
  if (r + 1 >= end) return false;
  const Record& next = s.records[r + 1];
  return next.ordinal == s.records[r].ordinal + 1 && record_has_feature(s, next, feature);
}

}  // namespace papersieve::rules
