// Rules: keyword, phrase and RE2 regex queries combined with boolean logic over
// fields, weighted and tagged; filtering a Corpus into ranked, explained hits
// (docs/design.md, "Rules").
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

class SeenState;  // papersieve/state.hpp

// A selected paper: why and how much.
struct Hit {
  std::size_t index = 0;           // position of the paper in the filtered corpus
  double score = 0;                // sum of the weights of the matched rules
  std::vector<std::string> rules;  // names of the matched rules, in rule-file order
  std::vector<std::string> tags;   // union of their tags, first-seen order
  std::vector<Span> spans;         // sorted by field, start; non-overlapping
  bool updated = false;            // a newer version of a paper the seen-state had shown
};

// One problem in a rule file or query: which rule, which part of it, where.
struct RuleProblem {
  std::string rule;          // rule name ("query" for a query given alone)
  std::string part;          // "query", "keywords[2]", "regex[0]", "weight", ...
  std::uint32_t column = 0;  // 1-based column within that part, 0 when none
  std::string message;
  // rule "t2i": query column 14: unbalanced "("
  std::string to_string() const;
};

// What filtering selected, best first.
struct Results {
  std::vector<Hit> hits;
  std::size_t considered = 0;  // papers looked at
};

// The order of filter's results; every order is stable (docs/rules.md, "Ordering").
enum class SortOrder : std::uint8_t {
  score,      // score, highest first; then input order
  published,  // newest first (a partial date just before its first day); papers without a
              // date last; then score, then input order
  upvotes,    // most first; papers without upvotes last; then score, then input order
  input,      // input order: what filter_file writes as it reads, holding nothing back
};

std::string_view sort_order_name(SortOrder order) noexcept;
std::optional<SortOrder> sort_order_from_name(std::string_view name) noexcept;

// How filter runs and what it keeps.
struct FilterOptions {
  std::optional<std::size_t> top;  // at most this many hits (default: the rule file's)
  std::size_t threads = 0;         // 0 = every core, 1 = the calling thread only
  SortOrder sort = SortOrder::score;
  // Papers the state has seen are dropped before the order and `top` apply; a newer version of
  // a seen paper is dropped too, unless show_updated (then kept, with Hit::updated). filter
  // only reads the state: mark the shown papers once the output is written
  // (SeenState::mark).
  const SeenState* state = nullptr;
  bool show_updated = false;
};

// The largest max_query_depth the engine supports (queries nest on the stack); a larger
// limit is a RuleError.
constexpr std::size_t kMaxQueryDepthCap = 1000;

// Engine limits, declared in limits.def (docs/reliability.md has the table). Exceeding one
// is a RuleError (a RuleProblem from check_json) that names the limit, never a truncation
// or a silent false negative. The defaults are what from_query/from_json/from_file use
// without limits.
struct RuleLimits {
  // max_query_bytes, max_query_depth, ..., regex_max_mem: one field per PSV_RULE_LIMIT.
#define PSV_RULE_LIMIT(name, type, value, doc) type name = value;
#include "papersieve/limits.def"
  // Not a limit: the clock that relative dates in rules (published:>today-7d) are resolved
  // against when the rules are compiled, in seconds since 1970-01-01 UTC; unset: the system
  // clock at that moment.
  std::optional<std::int64_t> now;
};

// A compiled rule set: immutable, and safe to share across threads.
class RuleSet {
 public:
  struct RuleInfo {
    std::string name;
    double weight = 1.0;
    std::vector<std::string> tags;
    bool exclude = false;
    bool require = false;
  };

  // One rule named "query" from a one-line query. Throws RuleError.
  static RuleSet from_query(std::string_view query, const RuleLimits& limits = {});
  // A JSON rule file (docs/rules.md). Throws RuleError listing every problem.
  static RuleSet from_json(std::string_view json, const RuleLimits& limits = {});
  static RuleSet from_file(const std::string& path, const RuleLimits& limits = {});
  // Every problem of a rule file (empty when it compiles), for `papersieve check`.
  static std::vector<RuleProblem> check_json(std::string_view json, const RuleLimits& limits = {});

  const std::vector<RuleInfo>& rules() const;
  // What it was compiled from: the query (from_a_query()) or the rule file's JSON.
  const std::string& source() const;
  // The limits it was compiled with (for pickling).
  const RuleLimits& limits() const;
  bool from_a_query() const;
  double min_score() const;
  std::optional<std::size_t> top() const;

  // Why the rules select a paper or not (for --explain-all).
  struct Decision {
    bool selected = false;
    double score = 0;
    std::vector<std::string> matched;           // non-exclude rules that matched
    std::vector<std::string> excluded_by;       // exclude rules that matched
    std::vector<std::string> missing_required;  // require rules that did not match
    bool below_min_score = false;               // matched, but the score is under min_score
  };
  Decision decide(const Paper& paper) const;

  // The hit for one paper (Hit::index 0) when the rules select it.
  std::optional<Hit> match(const Paper& paper) const;

  // Selected papers, by score then input order, cut at `top` (default: the rule file's).
  // Spans are computed for the selected papers only. `threads`: 0 = every core, 1 = the
  // calling thread only; papers are matched in contiguous chunks, one per thread, and
  // the results are identical for any value.
  Results filter(const Corpus& corpus, std::optional<std::size_t> top = std::nullopt,
                 std::size_t threads = 0) const;
  // The same with an order, a seen-state and the other FilterOptions.
  Results filter(const Corpus& corpus, const FilterOptions& options) const;

  ~RuleSet();
  RuleSet(const RuleSet&);
  RuleSet& operator=(const RuleSet&);

  struct Compiled;  // defined in rule_set.cpp only

 private:
  explicit RuleSet(std::shared_ptr<const Compiled> compiled);
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace papersieve
