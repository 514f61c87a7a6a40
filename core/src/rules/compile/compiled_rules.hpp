// The compiled form of a rule set that Matcher evaluates (internal to the matcher).
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rules/compile/feature_table.hpp"
#include "rules/compile/literal_index.hpp"
#include "rules/compile/regex_shape.hpp"
#include "rules/compile/term_pattern.hpp"
#include "rules/query/ast.hpp"

namespace papersieve::rules {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Bit of a displayed field in a field mask (`text` is title | abstract).
constexpr std::uint8_t field_bit(MatchField f) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(f));
}
constexpr std::uint8_t field_mask(MatchField f) {
  return f == MatchField::text ? field_bit(MatchField::title) | field_bit(MatchField::abstract)
                               : field_bit(f);
}

struct CompiledTerm {
  TermKind kind = TermKind::word;
  std::uint8_t fields = 0;  // field_mask of the term's field
  TermPattern pattern;      // all kinds but regex
  std::unique_ptr<RE2> regex;
  std::string regex_source;              // with inline flags, for the field's RegexSet
  std::uint32_t rule = 0;                // the rule whose query holds it
  std::uint32_t counted_parent = kNone;  // the AND/OR node that counts its hits
  // Regexes over title/abstract only: a FilteredRE2-style gate (regex_term.hpp) over
  // CompiledRules::literals; the regex runs only when every gate_all literal and one gate_any
  // literal (if any) occur in the ASCII-lowercased title or abstract.
  bool gated = false;
  std::vector<std::uint32_t> gate_all, gate_any;
  // What its matches are made of (regex_shape.hpp). windowed: RE2 searches only the runs of
  // shape bytes around the occurrences of its gate literals or required byte (regex_windows.hpp).
  RegexShape shape;
  bool windowed = false;
  // The gate literal (of gate_all, else gate_any) that begins shape.word_start, if one does:
  // every match begins with an occurrence of it at a word start (regex_windows.hpp:
  // begins_word), so only those occurrences open windows.
  std::uint32_t word_start_literal = kNone;
  std::uint32_t condition = kNone;  // kind condition: CompiledRules::conditions[condition]
};

// AND/OR count the hits of their direct non-regex term children (so a 10,000-keyword OR
// costs nothing per paper beyond its hits); other children are nodes evaluated in turn.
struct CompiledNode {
  Node::Kind kind = Node::Kind::term;
  std::uint32_t term = kNone;                // kind term
  std::uint32_t rule = kNone;                // kind rule_ref
  std::vector<std::uint32_t> counted_terms;  // AND/OR: term children counted by hits
  std::vector<std::uint32_t> children;       // AND/OR/NOT: node children
};

struct CompiledRule {
  std::string name;
  std::uint32_t root = 0;
  bool always_evaluate = false;     // has a regex or @rule: its value needs more than its hits
  bool default_value = false;       // its value when none of its terms hit
  std::vector<std::uint32_t> refs;  // the rules its @references name, each once
};

// A term that a feature alone decides, with what a hit needs (so a hit reads one contiguous
// list, not the terms array).
struct Posting {
  std::uint32_t term = kNone, rule = 0, counted_parent = kNone;
  std::uint8_t fields = 0;
};

// A term filed under the feature of its first word and verified in place, with what rejects
// most candidates without reading the term (at 50,000 keywords, a cache miss or two): its
// fields and the feature its second word needs; and its counting parent, which the spans of a
// selected paper ask for (Posting has it too).
struct AnchoredTerm {
  std::uint32_t term;
  std::uint32_t second;  // feature of the second word; kNone for a term of one word
  std::uint8_t fields;
  std::uint32_t counted_parent;
};

// The terms filed under a feature: those it alone decides (the first in place, since most
// features have one: a hit then reads no second cache line; the others in
// postings[more_begin, more_end)), and anchored[anchored_begin, anchored_end), which start with
// it and are verified in place.
struct FeatureTerms {
  Posting first;  // term kNone: none
  std::uint32_t more_begin = 0, more_end = 0;
  std::uint32_t anchored_begin = 0, anchored_end = 0;

  template <class F>
  void for_each_posting(const std::vector<Posting>& postings, F&& f) const {
    if (first.term == kNone) return;
    f(first);
    for (std::uint32_t k = more_begin; k < more_end; ++k) f(postings[k]);
  }
};

// All regex terms over one field in one RE2::Set: a paper that needs any of them runs the set
// once (one DFA pass, about the cost of one regex) instead of each regex in turn.
struct RegexSet {
  std::unique_ptr<RE2::Set> set;     // null: fewer than two regexes, or the set did not compile
  std::vector<std::uint32_t> terms;  // set index -> term
};

constexpr std::size_t kFieldCount = 7;  // MatchField values

struct CompiledRules {
  std::uint64_t serial = 0;  // unique per Matcher in the process (MatchState checks it)
  std::vector<CompiledRule> rules;
  std::vector<bool> default_matched;            // by rule: default_value
  std::vector<std::uint32_t> always_evaluated;  // rules with always_evaluate
  std::vector<std::uint32_t> default_true;      // rules whose default_value is true
  std::vector<CompiledNode> nodes;
  std::vector<CompiledTerm> terms;
  std::vector<Condition> conditions;  // resolved (condition.hpp): checked per paper, not text
  FeatureTable features;
  std::vector<FeatureTerms> feature_terms;  // by feature
  std::vector<Posting> postings;
  std::vector<AnchoredTerm> anchored;
  std::uint8_t token_fields = 0;                          // fields some non-regex term looks at
  LiteralIndex literals;                                  // the gate literals of all regexes
  std::vector<std::vector<std::uint32_t>> literal_rules;  // by literal: the rules it touches
  std::vector<std::uint32_t> gated_rules;  // rules with a gated regex (all touched when every
                                           // gate is open)
  RegexSet regex_sets[kFieldCount];        // by MatchField (text is never one: it is two fields)
};

// Settles rule `r` after every rule it references, with an explicit stack instead of
// recursion: an @rule chain can be as long as the rule list (docs/rules.md, "Limits"), so no
// evaluation may nest once per link. known(t) says whether t's value is settled; settle(t)
// settles t, called only once every rule t references is known. References form no cycle
// (the compiler rejects them), so this ends.
template <class Known, class Settle>
void settle_after_references(const std::vector<CompiledRule>& rules, std::uint32_t r,
                             std::vector<std::uint32_t>& stack, Known&& known, Settle&& settle) {
  stack.assign(1, r);
  while (!stack.empty()) {
    const std::uint32_t t = stack.back();
    if (known(t)) {
      stack.pop_back();
      continue;
    }
    bool ready = true;
    for (const std::uint32_t ref : rules[t].refs) {
      if (!known(ref)) {
        stack.push_back(ref);
        ready = false;
      }
    }
    if (ready) {
      stack.pop_back();
      settle(t);
    }
  }
}

}  // namespace papersieve::rules
