// Rules: keyword, phrase and RE2 regex queries combined with boolean logic over
// fields, weighted and tagged; filtering a Corpus into ranked, explained hits
// (DESIGN.md §5).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/corpus.hpp"

namespace papersieve {

// The fields a query can name. A span's field is never `text` (it names title or abstract).
enum class MatchField : std::uint8_t { title, abstract, text, authors, id, category, link };

std::string_view match_field_name(MatchField field) noexcept;

// Where a match is, in UTF-8 bytes of the paper's displayed field: title,
// abstract, id as they are; authors joined by ", ", categories by " ", link URLs by " ".
struct Span {
  MatchField field = MatchField::title;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  bool operator==(const Span& o) const {
    return field == o.field && start == o.start && end == o.end;
  }
};

// The displayed text of a field of a paper, as spans index it.
std::string displayed_field(const Paper& paper, MatchField field);

// A selected paper: why and how much.
struct Hit {
  std::size_t index = 0;            // position of the paper in the filtered corpus
  double score = 0;                 // sum of the weights of the matched rules
  std::vector<std::string> rules;   // names of the matched rules, in rule-file order
  std::vector<std::string> tags;    // union of their tags, first-seen order
  std::vector<Span> spans;          // sorted by field, start; non-overlapping
};

// One problem in a rule file or query: which rule, which part of it, where.
struct RuleProblem {
  std::string rule;         // rule name ("query" for a query given alone)
  std::string part;         // "query", "keywords[2]", "regex[0]", "weight", ...
  std::uint32_t column = 0;  // 1-based column within that part, 0 when none
  std::string message;
  // rule "t2i": query column 14: unbalanced "("
  std::string to_string() const;
};

}  // namespace papersieve
