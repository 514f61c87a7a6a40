// What a MatchState holds (matcher.hpp): the per-thread working memory of Matcher::match, and
// what it found, which spans() reads through a MatchTrace (match_trace.hpp) only: this header is
// private to match/. Stamps instead of clearing, so a paper costs what it hits, not the size
// of the rule set.
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
#include "rules/match/match_trace.hpp"
#include "rules/match/matcher.hpp"
#include "rules/match/regex_windows.hpp"

namespace papersieve::rules {

struct MatchState::Data {
  // The CompiledRules the stamp arrays are sized for, by serial number: an address could be
  // reused by a later rule set while a (thread-local) MatchState outlives the first one.
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
  // paper come from them): field f's are tokens[tokens_begin[f], tokens_end[f]).
  std::vector<FeatureToken> tokens;
  std::vector<std::uint32_t> token_features;
  std::uint32_t tokens_begin[8] = {}, tokens_end[8] = {};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (feature token, feature)
  std::string joined;  // authors / categories / links, displayed
  // A field lowered, with its bitmasks: [1] the abstract, [0] the other fields; lowered[k] ==
  // paper: [k] holds this paper's title (k 0) or abstract (k 1), for the literal scan.
  FieldBits bits[2];
  std::uint32_t lowered[2] = {};
  TokenCursor slow{std::string_view()};     // tokens with non-ASCII bytes
  std::vector<std::uint32_t> literal_seen;  // == paper: the gate literal occurs
  bool all_literals = false;                // a code point folding to ASCII: gates pass
  std::vector<LiteralHit> literal_hits[2];  // the gate literals' occurrences in title, abstract
  // Each literal's occurrences in literal_hits[k] chained in text order, so that a regex walks its
  // own literals' only: the first is literal_hits[k][literal_chain[k][a].first] (when its paper is
  // this one), the one after hit i is literal_next[k][i] (kNone: the last).
  struct LiteralChain {
    std::uint32_t paper = 0, first = 0;
  };
  std::vector<LiteralChain> literal_chain[2];
  std::vector<std::uint32_t> literal_next[2];
  std::vector<Occurrence> occurrences;  // a windowed regex's anchors in one field
  std::uint32_t set_ran[8] = {};        // == paper: the field's regex set ran
  bool set_ok[8] = {};                  // ... and did not run out of memory
  std::vector<int> set_found[8];        // by field: the indices its set matched

  FeatureTokens feature_tokens() const { return {tokens.data(), token_features.data()}; }
};

struct CompiledRules;
struct CompiledTerm;

// The occurrences, in field f (displayed `text`) of the paper match() last ran on, of what
// every match of windowed regex term `term` holds: its gate literals (title and abstract, where no
// code point folds to ASCII; from match()'s literal scan) or else its required byte.
Anchors regex_anchors(const CompiledRules& c, const MatchState::Data& s, const CompiledTerm& term,
                      papersieve::MatchField f, std::string_view text,
                      std::vector<Occurrence>& out);

}  // namespace papersieve::rules
