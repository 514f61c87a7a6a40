// RuleSet: rule definitions (rule_file) + the compiled matcher (matcher), and
// the scoring, selection and ordering of docs/design.md, "Rules".
#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/state.hpp"
#include "parallel.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/match/matcher.hpp"
#include "rules/query/condition.hpp"
#include "rules/rule_file/rule_file.hpp"
#include "rules/spans/keyword_overlaps.hpp"

namespace papersieve {

struct RuleSet::Compiled {
  std::vector<rules::RuleDef> definitions;  // owns the ASTs the matcher points into
  std::vector<RuleInfo> infos;
  double min_score = 0;
  std::optional<std::size_t> top;
  std::unique_ptr<rules::Matcher> matcher;
  std::vector<std::uint32_t> required;  // rules with `require` (not `exclude`), ascending
  std::string source;  // the query or rule file it was compiled from (for pickling)
  bool from_query = false;
  bool leftmost_longest = false;  // "keyword_overlaps": "leftmost-longest"
  RuleLimits limits;
};

namespace {

[[noreturn]] void throw_problems(const std::vector<RuleProblem>& problems) {
  std::string message;
  for (const auto& problem : problems)
    message += (message.empty() ? "" : "\n") + problem.to_string();
  throw RuleError(message);
}

// The matcher's share of the limits.
rules::MatcherLimits matcher_limits(const RuleLimits& limits) {
  rules::MatcherLimits m;
  m.max_rules = limits.max_rules;
  m.max_terms = limits.max_terms;
  m.max_term_bytes = limits.max_pattern_bytes;
  m.max_depth = limits.max_query_depth + rules::kRuleNestingRoom;
  m.regex_max_mem = limits.regex_max_mem;
  m.today = rules::days_from_unix_seconds(
      limits.now ? *limits.now : static_cast<std::int64_t>(std::time(nullptr)));
  return m;
}

std::shared_ptr<RuleSet::Compiled> compile(rules::RuleFile file, const RuleLimits& limits) {
  auto compiled = std::make_shared<RuleSet::Compiled>();
  compiled->limits = limits;
  compiled->min_score = file.min_score;
  compiled->top = file.top;
  compiled->leftmost_longest = file.leftmost_longest;
  std::vector<rules::RuleRoot> roots;
  for (auto& rule : file.rules) {
    compiled->infos.push_back(
        RuleSet::RuleInfo{rule.name, rule.weight, rule.tags, rule.exclude, rule.require});
    roots.push_back(rules::RuleRoot{rule.name, rule.root.get()});
    if (rule.require && !rule.exclude)  // (an exclude rule's `require` means nothing)
      compiled->required.push_back(static_cast<std::uint32_t>(roots.size() - 1));
  }
  compiled->definitions = std::move(file.rules);
  compiled->matcher = std::make_unique<rules::Matcher>(std::move(roots), matcher_limits(limits));
  // (throws RuleError)
  return compiled;
}

// Score and verdict of one paper from the rules it matched.
struct Verdict {
  bool selected = false;
  double score = 0;
};

// `true_rules`: the rules the paper matched, ascending (MatchState::true_rules), so that a
// paper costs the rules it matched, not the number of rules.
Verdict judge(const RuleSet::Compiled& c, const std::vector<bool>& matched,
              const std::vector<std::uint32_t>& true_rules) {
  Verdict v;
  for (std::uint32_t r : c.required)
    if (!matched[r]) return v;  // vetoed
  for (std::uint32_t r : true_rules) {
    const auto& info = c.infos[r];
    if (info.exclude) return Verdict{};  // vetoed
    v.score += info.weight;
  }
  // A paper that matched nothing scores 0: kept when min_score is 0 or less (a file made only
  // of exclude rules keeps every paper none of them vetoes; docs/rules.md).
  v.selected = v.score >= c.min_score;
  return v;
}

// Rules, tags and spans of a selected paper, right after match(paper, scratch, ...): spans
// look for the terms that match() found only.
// With leftmost-longest keywords, `winners` holds the rules and spans that won.
Hit explain(const RuleSet::Compiled& c, const Paper& paper, std::size_t index, double score,
            const rules::MatchState& scratch, const rules::OverlapWinners* winners = nullptr) {
  Hit hit;
  hit.index = index;
  hit.score = score;
  thread_local std::vector<std::size_t> explained;  // reused: no allocation per paper
  explained.clear();
  const std::vector<std::uint32_t>& true_rules =
      winners != nullptr ? winners->rules : scratch.true_rules();
  hit.rules.reserve(true_rules.size());
  for (std::uint32_t r : true_rules) {
    const auto& info = c.infos[r];
    if (info.exclude) continue;
    hit.rules.push_back(info.name);
    explained.push_back(r);
    for (const auto& tag : info.tags)
      if (std::find(hit.tags.begin(), hit.tags.end(), tag) == hit.tags.end())
        hit.tags.push_back(tag);
  }
  // Sorted by field and start, overlapping spans merged; touching ones are joined too.
  const std::vector<Span> spans =
      winners != nullptr ? winners->spans : c.matcher->spans(paper, explained, scratch);
  hit.spans.reserve(spans.size());
  for (const auto& span : spans) {
    if (!hit.spans.empty() && hit.spans.back().field == span.field &&
        span.start <= hit.spans.back().end) {
      hit.spans.back().end = std::max(hit.spans.back().end, span.end);
    } else {
      hit.spans.push_back(span);
    }
  }
  return hit;
}

}  // namespace

RuleSet::RuleSet(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(const RuleSet&) = default;
RuleSet& RuleSet::operator=(const RuleSet&) = default;

namespace {

// Limits the engine itself cannot honour: parsing and compiling a query nest once per level,
// so the nesting limit is capped (docs/reliability.md, "Limits").
void check_limits(const RuleLimits& limits) {
  if (limits.max_query_depth > kMaxQueryDepthCap)
    throw RuleError("max_query_depth is " + std::to_string(limits.max_query_depth) +
                    "; the largest supported is " + std::to_string(kMaxQueryDepthCap));
}

// Problems quote the rule file: whatever its bytes, the caller gets valid UTF-8.
std::vector<RuleProblem> valid_utf8(std::vector<RuleProblem> problems) {
  for (RuleProblem& p : problems) {
    repair_utf8_in_place(p.rule);
    repair_utf8_in_place(p.part);
    repair_utf8_in_place(p.message);
  }
  return problems;
}

}  // namespace

RuleSet RuleSet::from_query(std::string_view query, const RuleLimits& limits) {
  check_limits(limits);
  std::vector<RuleProblem> problems;
  rules::RuleFile file;
  file.rules.push_back(rules::rule_from_query(query, "query", problems, limits));
  if (problems.empty()) rules::check_references(file.rules, problems);  // @x names no rule here
  if (!problems.empty()) throw_problems(problems);
  auto compiled = compile(std::move(file), limits);
  compiled->source = std::string(query);
  compiled->from_query = true;
  return RuleSet(std::move(compiled));
}

RuleSet RuleSet::from_json(std::string_view json, const RuleLimits& limits) {
  check_limits(limits);
  std::vector<RuleProblem> problems;
  rules::RuleFile file = rules::read_rule_file(json, problems, limits);
  if (!problems.empty()) throw_problems(problems);
  auto compiled = compile(std::move(file), limits);
  compiled->source = std::string(json);
  return RuleSet(std::move(compiled));
}

RuleSet RuleSet::from_file(const std::string& path, const RuleLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open rule file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return from_json(text.str(), limits);
  } catch (const RuleError& e) {
    throw RuleError(path + ": " + e.what());
  }
}

namespace {

// Regex errors of the rules that parsed, so that check reports them alongside
// the other problems (the matcher, which also finds them, needs a sound file).
// (The regex lists' patterns are checked, and named regex[i], where they are read.)
void check_regexes(const std::vector<rules::RuleDef>& definitions, std::int64_t max_mem,
                   std::vector<RuleProblem>& problems) {
  for (const auto& rule : definitions) {
    std::vector<const rules::Node*> stack;
    if (rule.root) stack.push_back(rule.root.get());
    while (!stack.empty()) {
      const rules::Node* node = stack.back();
      stack.pop_back();
      for (const auto& child : node->children) stack.push_back(child.get());
      if (node->kind != rules::Node::Kind::term || node->term.kind != rules::TermKind::regex)
        continue;
      try {
        rules::compile_regex(node->term, max_mem);
      } catch (const std::invalid_argument& e) {
        problems.push_back(RuleProblem{rule.name, "query", node->term.column, e.what()});
      }
    }
  }
}

}  // namespace

std::vector<RuleProblem> RuleSet::check_json(std::string_view json, const RuleLimits& limits) {
  check_limits(limits);
  std::vector<RuleProblem> problems;
  rules::RuleFile file = rules::read_rule_file(json, problems, limits);
  if (!problems.empty()) {
    check_regexes(file.rules, limits.regex_max_mem, problems);
    return valid_utf8(std::move(problems));
  }
  try {
    compile(std::move(file), limits);
  } catch (const RuleError& e) {  // e.g. an invalid regex, found when RE2 compiles it
    problems.push_back(RuleProblem{"", "", 0, e.what()});
  }
  return valid_utf8(std::move(problems));
}

const std::vector<RuleSet::RuleInfo>& RuleSet::rules() const { return compiled_->infos; }
const std::string& RuleSet::source() const { return compiled_->source; }
const RuleLimits& RuleSet::limits() const { return compiled_->limits; }
bool RuleSet::from_a_query() const { return compiled_->from_query; }
double RuleSet::min_score() const { return compiled_->min_score; }
std::optional<std::size_t> RuleSet::top() const { return compiled_->top; }

namespace {

// Drops the hits whose papers the state has shown (and newer versions of them, unless
// show_updated: those stay, marked).
void drop_seen(const Corpus& corpus, const SeenState& state, bool show_updated,
               std::vector<Hit>& hits) {
  std::size_t kept = 0;
  for (Hit& hit : hits) {
    const SeenStatus status = state.status(corpus.papers[hit.index]);
    if (status == SeenStatus::seen || (status == SeenStatus::updated && !show_updated)) continue;
    hit.updated = status == SeenStatus::updated;
    hits[kept++] = std::move(hit);
  }
  hits.resize(kept);
}

// The hits in `order`, from input order (docs/rules.md, "Ordering").
void sort_hits(const Corpus& corpus, SortOrder order, std::vector<Hit>& hits) {
  auto by_score = [](const Hit& a, const Hit& b) { return a.score > b.score; };
  if (order == SortOrder::input) return;
  if (order == SortOrder::score) {
    std::stable_sort(hits.begin(), hits.end(), by_score);
    return;
  }
  const auto& papers = corpus.papers;
  if (order == SortOrder::published) {
    std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
      const std::string_view x = rules::sortable_date(papers[a.index].published);
      const std::string_view y = rules::sortable_date(papers[b.index].published);
      if (x != y) return y.empty() || (!x.empty() && x > y);
      return by_score(a, b);
    });
    return;
  }
  std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    const auto& x = papers[a.index].upvotes;
    const auto& y = papers[b.index].upvotes;
    if (x != y) return !y || (x && *x > *y);
    return by_score(a, b);
  });
}

// Matches `paper` into `matched`; the rules it matched, ascending. With leftmost-longest
// keywords (and rules to compete), those that keep their match, with their winning spans in
// `winners`, else `winners` is not used (`*used` false).
const std::vector<std::uint32_t>& match_rules(const RuleSet::Compiled& c, const Paper& paper,
                                              rules::MatchState& scratch,
                                              std::vector<bool>& matched,
                                              rules::OverlapWinners& winners, bool* used) {
  c.matcher->match(paper, scratch, matched);
  *used = c.leftmost_longest && scratch.true_rules().size() >= 2;
  if (!*used) return scratch.true_rules();
  rules::resolve_overlaps(*c.matcher, paper, scratch.true_rules(), winners);
  for (std::uint32_t r : scratch.true_rules()) matched[r] = false;
  for (std::uint32_t r : winners.rules) matched[r] = true;
  return winners.rules;
}

// The calling thread's scratch: allocation-free matching after its first paper, across calls.
rules::MatchState& thread_scratch() {
  thread_local rules::MatchState scratch;
  return scratch;
}

// One filter thread's matching: its scratch (the calling thread keeps its own, so matching is
// allocation-free after the first paper, across calls) and buffers.
struct ChunkMatcher {
  ChunkMatcher(const RuleSet::Compiled& c, std::size_t chunk)
      : c(c), scratch(chunk == 0 ? thread_scratch() : own.emplace()) {}

  // The rules the paper matched (match_rules); `matched` by rule.
  const std::vector<std::uint32_t>& match(const Paper& paper) {
    return match_rules(c, paper, scratch, matched, winners, &overlaps);
  }
  Hit explain(const Paper& paper, std::size_t index, double score) const {
    return papersieve::explain(c, paper, index, score, scratch, overlaps ? &winners : nullptr);
  }

  const RuleSet::Compiled& c;
  std::optional<rules::MatchState> own;
  rules::MatchState& scratch;
  std::vector<bool> matched;
  rules::OverlapWinners winners;
  bool overlaps = false;
};

}  // namespace

std::string_view sort_order_name(SortOrder order) noexcept {
  switch (order) {
    case SortOrder::score: return "score";
    case SortOrder::published: return "published";
    case SortOrder::upvotes: return "upvotes";
    case SortOrder::input: return "input";
  }
  return "score";
}

std::optional<SortOrder> sort_order_from_name(std::string_view name) noexcept {
  for (SortOrder order :
       {SortOrder::score, SortOrder::published, SortOrder::upvotes, SortOrder::input})
    if (sort_order_name(order) == name) return order;
  return std::nullopt;
}

RuleSet::Decision RuleSet::decide(const Paper& paper) const {
  rules::MatchState& scratch = thread_scratch();
  thread_local std::vector<bool> matched;
  thread_local rules::OverlapWinners winners;
  bool overlaps = false;
  const auto& true_rules = match_rules(*compiled_, paper, scratch, matched, winners, &overlaps);
  Decision d;
  for (std::uint32_t r : true_rules) {
    const auto& info = compiled_->infos[r];
    if (info.exclude) {
      d.excluded_by.push_back(info.name);
    } else {
      d.matched.push_back(info.name);
      d.score += info.weight;
    }
  }
  for (std::uint32_t r : compiled_->required)
    if (!matched[r]) d.missing_required.push_back(compiled_->infos[r].name);
  const Verdict verdict = judge(*compiled_, matched, true_rules);
  d.selected = verdict.selected;
  d.below_min_score =
      !d.selected && d.excluded_by.empty() && d.missing_required.empty() && !d.matched.empty();
  return d;
}

std::optional<Hit> RuleSet::match(const Paper& paper) const {
  rules::MatchState& scratch = thread_scratch();
  thread_local std::vector<bool> matched;
  thread_local rules::OverlapWinners winners;
  bool overlaps = false;
  const auto& true_rules = match_rules(*compiled_, paper, scratch, matched, winners, &overlaps);
  const Verdict verdict = judge(*compiled_, matched, true_rules);
  if (!verdict.selected) return std::nullopt;
  return explain(*compiled_, paper, 0, verdict.score, scratch, overlaps ? &winners : nullptr);
}

Results RuleSet::filter(const Corpus& corpus, std::optional<std::size_t> top,
                        std::size_t threads) const {
  FilterOptions options;
  options.top = top;
  options.threads = threads;
  return filter(corpus, options);
}

Results RuleSet::filter(const Corpus& corpus, const FilterOptions& options) const {
  const std::optional<std::size_t> top = options.top;
  std::size_t threads = options.threads;
  constexpr std::size_t kMinChunk = 64;  // papers per thread, at least (threads cost ~50 us)
  Results results;
  results.considered = corpus.papers.size();
  const std::optional<std::size_t> limit = top ? top : compiled_->top;
  // Without a limit (or with one no cut can reach) every selected paper is explained, right after
  // its match: the scratch still holds the tokens it found. With one, only the papers that make
  // the cut are, in a second pass.
  const bool explain_now = !limit || *limit >= corpus.papers.size();
  threads = detail::resolve_threads(threads);
  std::vector<std::vector<Hit>> chunks(threads);
  detail::for_chunks(corpus.papers.size(), threads, kMinChunk,
                     [&](std::size_t chunk, std::size_t begin, std::size_t end) {
                       ChunkMatcher m(*compiled_, chunk);
                       for (std::size_t i = begin; i < end; ++i) {
                         const Paper& paper = corpus.papers[i];
                         const Verdict verdict = judge(*compiled_, m.matched, m.match(paper));
                         if (!verdict.selected) continue;
                         if (explain_now) {
                           chunks[chunk].push_back(m.explain(paper, i, verdict.score));
                         } else {
                           chunks[chunk].emplace_back();
                           chunks[chunk].back().index = i;
                           chunks[chunk].back().score = verdict.score;
                         }
                       }
                     });
  std::vector<Hit>& hits = results.hits;
  hits = std::move(chunks[0]);  // input order: chunks are contiguous
  for (std::size_t c = 1; c < chunks.size(); ++c)
    hits.insert(hits.end(), std::make_move_iterator(chunks[c].begin()),
                std::make_move_iterator(chunks[c].end()));
  if (options.state != nullptr) drop_seen(corpus, *options.state, options.show_updated, hits);
  sort_hits(corpus, options.sort, hits);
  if (explain_now) return results;
  if (hits.size() > *limit) hits.resize(*limit);
  constexpr std::size_t kMinExplain = 16;  // spans cost more per paper than matching
  detail::for_chunks(hits.size(), threads, kMinExplain,
                     [&](std::size_t chunk, std::size_t begin, std::size_t end) {
                       ChunkMatcher m(*compiled_, chunk);
                       for (std::size_t j = begin; j < end; ++j) {
                         const Paper& paper = corpus.papers[hits[j].index];
                         m.match(paper);
                         const bool updated = hits[j].updated;
                         hits[j] = m.explain(paper, hits[j].index, hits[j].score);
                         hits[j].updated = updated;
                       }
                     });
  return results;
}

}  // namespace papersieve
