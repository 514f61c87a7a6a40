// Which rules match a paper, and where: the matching half of the rule engine
// (docs/design.md, "Rules"). Parsing builds the Node trees; scoring uses the results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"
#include "rules/query/ast.hpp"

namespace papersieve::rules {

// One rule to match: its name (for errors and @refs) and its query tree (borrowed
// during construction only).
struct RuleRoot {
  std::string name;
  const Node* root = nullptr;
};

// Levels of nesting a rule adds around its query (the any-of of query, keywords and
// regexes, a field OR): the matcher's nesting limit is the query's plus this.
constexpr std::size_t kRuleNestingRoom = 100;

// Engine limits; exceeding one is a RuleError, never a silent false negative. The
// defaults are RuleLimits' (RuleSet derives these from the RuleLimits it is given).
struct MatcherLimits {
  std::size_t max_rules = RuleLimits{}.max_rules;
  std::size_t max_terms = RuleLimits{}.max_terms;
  std::size_t max_term_bytes = RuleLimits{}.max_pattern_bytes;  // one term's text or regex
  // Nesting of AND/OR/NOT.
  std::size_t max_depth = RuleLimits{}.max_query_depth + kRuleNestingRoom;
  std::int64_t regex_max_mem = RuleLimits{}.regex_max_mem;  // RE2 memory per regex
  std::int64_t today = 0;  // the clock's day (since 1970-01-01) for today-7d
};

struct CompiledRules;

// What match() leaves behind for spans(), in the working memory it reuses: keep one per thread
// and pass it to every match() of that thread for speed. Its contents (match_state.hpp) are the
// matcher's own; spans() reads what match() found through a MatchTrace (match_trace.hpp).
class MatchState {
 public:
  struct Data;

  MatchState();
  ~MatchState();
  MatchState(MatchState&&) noexcept;
  MatchState& operator=(MatchState&&) noexcept;

  // After match(paper, *this, matched): the rules with matched[r], ascending.
  const std::vector<std::uint32_t>& true_rules() const;

 private:
  friend class Matcher;
  friend class MatchTrace;  // match_trace.hpp: what spans() may read of it
  std::unique_ptr<Data> data_;
};

// Immutable after construction and safe to share across threads.
class Matcher {
 public:
  // Compiles every term of every rule. Throws RuleError ("rule \"NAME\": query column N:
  // MESSAGE") for an invalid regex (RE2's error text), a term with nothing to match, a limit
  // exceeded, an unknown @rule or a cycle of @rules.
  explicit Matcher(std::vector<RuleRoot> rules, const MatcherLimits& limits = {});
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  std::size_t size() const;  // number of rules

  // matched[i]: rule i matches `paper`. @rule references evaluate the referenced rule.
  std::vector<bool> match(const Paper& paper) const;
  void match(const Paper& paper, MatchState& state, std::vector<bool>& matched) const;

  // Where the terms that made rule `rule` match are (empty when it does not match): terms
  // under a NOT never give spans. Sorted by field then start, overlapping spans merged.
  std::vector<Span> spans(const Paper& paper, std::size_t rule) const;
  // The same for several rules at once, merged (one tokenization of the paper for all).
  std::vector<Span> spans(const Paper& paper, const std::vector<std::size_t>& rules) const;
  // The same, right after match(paper, state, ...), from what that match() found: the
  // occurrences of its word and phrase hits come from the tokens it recorded (no second
  // tokenization), and regexes run for positions only where the field's RE2::Set matched them.
  std::vector<Span> spans(const Paper& paper, const std::vector<std::size_t>& rules,
                          const MatchState& matched) const;

 private:
  std::unique_ptr<const CompiledRules> compiled_;
};

}  // namespace papersieve::rules
