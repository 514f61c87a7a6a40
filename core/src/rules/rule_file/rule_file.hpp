// Rule files (docs/design.md, "Rules"; docs/rules.md): JSON naming weighted, tagged rules,
// read into query trees. Every problem is collected, not only the first.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"
#include "rules/query/ast.hpp"

namespace papersieve::rules {

// Default limits (RuleLimits), each reported as a problem when exceeded.
constexpr std::size_t kMaxRuleFileBytes = RuleLimits{}.max_rule_file_bytes;
constexpr std::size_t kMaxRules = RuleLimits{}.max_rules;
constexpr std::size_t kMaxPatternsPerRule = RuleLimits{}.max_patterns_per_rule;
constexpr std::size_t kMaxPatternBytes = RuleLimits{}.max_pattern_bytes;
constexpr double kMaxWeight = 1e9;  // |weight| and |min_score|

// The default min_score: the smallest positive double, so that "score >=
// min_score" selects exactly the papers with a positive score (at least one
// matched rule of positive weight, net of penalties). Papers that match
// nothing (score 0) are not selected unless a file says "min_score": 0.
constexpr double kAnyPositiveScore = std::numeric_limits<double>::min();

struct RuleDef {
  std::string name;
  NodePtr root;  // null when the rule has problems
  double weight = 1.0;
  std::vector<std::string> tags;
  bool exclude = false;
  bool require = false;
};

struct RuleFile {
  std::vector<RuleDef> rules;  // in file order; rules without a usable name are left out
  double min_score = kAnyPositiveScore;
  std::optional<std::size_t> top;
  // "keyword_overlaps": "leftmost-longest": overlapping matches of different rules count once,
  // for the leftmost, then longest (docs/rules.md, "Overlapping keywords").
  bool leftmost_longest = false;
};

// The rules of a JSON rule file. Problems are appended to `problems`; when any
// is, the result is incomplete and must not be used for filtering.
RuleFile read_rule_file(std::string_view json, std::vector<RuleProblem>& problems,
                        const RuleLimits& limits = {});

// A query given alone, as a rule named `name` (weight 1, no tags). Problems
// name the rule `name` and the part "query". @references are not resolved:
// check them with check_references against the rules they may name.
RuleDef rule_from_query(std::string_view query, std::string name,
                        std::vector<RuleProblem>& problems, const RuleLimits& limits = {});

// Problems for @references to rules not in `rules` and for reference cycles
// (including a rule referring to itself). read_rule_file calls it.
void check_references(const std::vector<RuleDef>& rules, std::vector<RuleProblem>& problems);

}  // namespace papersieve::rules
