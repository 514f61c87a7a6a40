// What a match() found on one paper, read-only: the contract between Matcher::match and the
// bounded span finder (docs/design.md, "Rules"). The span finder reads match() through this
// and nothing else; how match() keeps it (match_state.hpp) stays private to match/.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"
#include "rules/compile/compiled_rules.hpp"
#include "rules/compile/term_pattern.hpp"
#include "rules/match/matcher.hpp"
#include "rules/match/regex_windows.hpp"

namespace papersieve::rules {

// A token of a field that has at least one feature (feature_table.hpp): match() keeps these
// only, in text order per field.
struct FeatureToken {
  std::uint32_t start, end;   // displayed bytes
  std::uint32_t ordinal;      // position among all tokens of the field
  std::uint32_t first, last;  // its features: FeatureTokens::features[first, last)
};

// The feature tokens of the fields scanned for one paper, with their features (a view: valid
// while the arrays it points into do not change).
struct FeatureTokens {
  const FeatureToken* tokens = nullptr;
  const std::uint32_t* features = nullptr;

  // Feature token `r` has `feature` among its features.
  bool has_feature(const FeatureToken& r, std::uint32_t feature) const {
    for (std::uint32_t k = r.first; k < r.last; ++k)
      if (features[k] == feature) return true;
    return false;
  }

  // Feature token r + 1 of a field whose feature tokens end at `end` is the token right after
  // feature token r and has `feature`: a phrase's second word, checked before the whole phrase.
  bool next_has(std::uint32_t r, std::uint32_t end, std::uint32_t feature) const {
    if (r + 1 >= end) return false;
    const FeatureToken& next = tokens[r + 1];
    return next.ordinal == tokens[r].ordinal + 1 && has_feature(next, feature);
  }
};

// Feature token r of a field whose feature tokens end at `end` starts the words of `p` token by
// token, with the gaps and context `p` allows in `text` (the field): phrases, symbols and exact
// terms. On success `span_start`/`span_end` are the displayed bytes of the match.
bool verify_at_token(const TermPattern& p, std::string_view text, FeatureTokens s, std::uint32_t r,
                     std::uint32_t end, std::uint32_t& span_start, std::uint32_t& span_end);

// What regex_anchors found: nothing to go by here, occurrences one of which every match holds,
// or occurrences at which every match begins (a word_start regex's gate literal at word starts).
enum class Anchors { none, held, starts };

// A field's RE2::Set run (CompiledRules::regex_sets) during match().
struct RegexSetRun {
  bool ran = false;  // match() ran the set on this paper
  bool ok = false;   // ... and it did not run out of memory: `found` is every regex it matched
  const std::vector<int>* found = nullptr;  // indices into the set's `terms`
};

// The trace of the last match() run with a MatchState. Valid until the next match() with that
// state; it reads the state's memory, copies nothing.
class MatchTrace {
 public:
  // The trace of the match() last run with `state` by the Matcher compiled as `c`, or none
  // when `state` holds no match() of that rule set.
  static std::optional<MatchTrace> of(const CompiledRules& c, const MatchState& state);

  // The value match() gave rule r (evaluated, or its default when none of its terms hit).
  bool rule(std::uint32_t r) const {
    return rule_stamp_[r] == paper_ && rule_state_[r] >= 2 ? rule_state_[r] == 3
                                                           : c_->rules[r].default_value;
  }

  // match() found term t: a word or phrase occurs in its fields, a regex matched (by its set
  // or its own run), a condition was checked and holds. False for a term match() did not need.
  bool term_hit(std::uint32_t t) const { return term_hit_[t] == paper_; }

  // match() ran regex (or condition) term t on this paper: then !term_hit(t) means it matches
  // none of its fields.
  bool term_ran(std::uint32_t t) const { return term_ran_[t] == paper_; }

  // How many of AND/OR node n's counted terms (CompiledNode::counted_terms) match() found.
  std::uint32_t counted_hits(std::uint32_t n) const {
    return node_stamp_[n] == paper_ ? node_count_[n] : 0;
  }

  // The feature tokens of field f are feature_tokens().tokens[tokens_begin(f), tokens_end(f)),
  // in text order; a field match() did not scan has none. Every occurrence of a word or phrase
  // term match() found starts at one of them.
  FeatureTokens feature_tokens() const { return tokens_; }
  std::uint32_t tokens_begin(MatchField f) const { return begin_[static_cast<std::size_t>(f)]; }
  std::uint32_t tokens_end(MatchField f) const { return end_[static_cast<std::size_t>(f)]; }

  // The run of field f's RE2::Set during match(), if it ran.
  RegexSetRun regex_set(MatchField f) const {
    const auto i = static_cast<std::size_t>(f);
    return {set_ran_[i] == paper_, set_ok_[i], &set_found_[i]};
  }

  // The occurrences in field f (displayed `text`) of what every match of windowed regex term
  // `term` holds: its gate literals (title and abstract, where no code point folds to ASCII;
  // from match()'s literal scan) or else its required byte. Appended to the cleared `out`.
  Anchors regex_anchors(const CompiledTerm& term, MatchField f, std::string_view text,
                        std::vector<Occurrence>& out) const;

 private:
  MatchTrace() = default;

  const CompiledRules* c_ = nullptr;
  const MatchState::Data* state_ = nullptr;
  std::uint32_t paper_ = 0;
  const std::uint32_t* term_hit_ = nullptr;
  const std::uint32_t* term_ran_ = nullptr;
  const std::uint32_t* node_stamp_ = nullptr;
  const std::uint32_t* node_count_ = nullptr;
  const std::uint32_t* rule_stamp_ = nullptr;
  const std::uint8_t* rule_state_ = nullptr;
  FeatureTokens tokens_;
  const std::uint32_t* begin_ = nullptr;
  const std::uint32_t* end_ = nullptr;
  const std::uint32_t* set_ran_ = nullptr;
  const bool* set_ok_ = nullptr;
  const std::vector<int>* set_found_ = nullptr;
};

}  // namespace papersieve::rules
