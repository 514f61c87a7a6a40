// The parsed form of a query (docs/design.md, "Rules"): what the query parser produces,
// what the rule-file compiler assembles into rules, and what the matcher runs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "papersieve/rules.hpp"

namespace papersieve::rules {

// Where a term looks. `text` is title + abstract (the default).
using Field = MatchField;

enum class TermKind : std::uint8_t {
  word,       // diffusion: whole word, on folded text (case fold, accents stripped, NFKC)
  prefix,     // prompt*: a folded word starting with this
  phrase,     // "text to image" or text-to-image: folded words in a row; space, any dash and '_'
              // between them are interchangeable; the last word of a phrase may be a prefix
              // ("diffusion model*")
  exact,      // =CLIP: whole word, exactly as written (case- and accent-sensitive)
  regex,      // /optimi[sz]ation/i: RE2 over the displayed (normalized) text
  condition,  // published:>=2026-12-01, upvotes:>=10, announce:new, source:x: not text
              // (Term::condition; condition.hpp)
};

// The fields of a condition: compared per paper, never through the text matcher.
enum class ConditionField : std::uint8_t { published, updated, upvotes, announce, source };

enum class Comparison : std::uint8_t { eq, lt, le, gt, ge, range };

// A date as written in a condition: YYYY, YYYY-MM or YYYY-MM-DD (month/day 0 when absent), or
// `today` minus `days_back` days, which the matcher resolves against its clock.
struct ConditionDate {
  int year = 0;
  int month = 0;
  int day = 0;
  bool relative = false;
  std::int64_t days_back = 0;
};

struct Condition {
  ConditionField field = ConditionField::published;
  Comparison op = Comparison::eq;
  ConditionDate date, date_high;             // published/updated (date_high: range end)
  std::int64_t number = 0, number_high = 0;  // upvotes
  std::string text;                          // announce/source: the value as written
};

struct Term {
  TermKind kind = TermKind::word;
  Field field = Field::text;
  std::string text;                // the word, prefix stem, phrase, exact word, or regex pattern
  std::vector<std::string> words;  // phrase: its words (as written, before folding)
  bool last_word_prefix = false;   // phrase whose last word ended in '*'
  bool case_insensitive = false;   // regex flag i
  bool multi_line = false;         // regex flag m
  bool dot_all = false;            // regex flag s
  std::uint32_t column = 0;        // 1-based column of the term in its query, for errors
  Condition condition;             // kind condition
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  enum class Kind : std::uint8_t { term, all_of, any_of, negation, rule_ref };
  Kind kind = Kind::term;
  Term term;                      // kind == term
  std::vector<NodePtr> children;  // all_of / any_of: two or more; negation: exactly one
  std::string rule_name;          // rule_ref: the rule named by @name
  std::uint32_t column = 0;       // 1-based column in the query
};

}  // namespace papersieve::rules
