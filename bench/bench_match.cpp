// Matching throughput (W3-W5, docs/benchmarks.md): the papersieve Matcher against one RE2::Set over
// the same patterns (\b(?i:keyword)\b, and the regexes as they are), over the same titles and
// abstracts, in the same run. Corpus: bench/match_corpus.cpp (Zipf vocabulary of 5,000 words,
// ~3% accented, keywords planted in ~1% of sentences). Bytes/s count title + abstract bytes.
// Run: build/bench/bench/bench_match --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <string>
#include <vector>

#include "match_workload.hpp"
#include "papersieve/parse.hpp"
#include "rules/match/matcher.hpp"

namespace {

using papersieve::bench::Keyword;
using papersieve::bench::keywords;
using papersieve::bench::regexes;
using papersieve::rules::Node;
using papersieve::rules::NodePtr;
using papersieve::rules::TermKind;

const std::vector<papersieve::Paper>& papers() {
  static const auto corpus = papersieve::parse(papersieve::bench::match_text(16u << 20, 0.01),
                                               {papersieve::Format::hf_text, "bench"});
  return corpus.papers;
}

std::size_t text_bytes() {
  std::size_t n = 0;
  for (const auto& p : papers()) n += p.title.size() + p.abstract.size();
  return n;
}

NodePtr keyword_node(const Keyword& kw) {
  auto node = std::make_unique<Node>();
  node->term.kind = kw.size() == 1 ? TermKind::word : TermKind::phrase;
  node->term.text = kw[0];
  if (kw.size() > 1) node->term.words = kw;
  return node;
}

NodePtr regex_node(const std::string& pattern) {
  auto node = std::make_unique<Node>();
  node->term.kind = TermKind::regex;
  node->term.text = pattern;
  return node;
}

// `count` keywords split evenly over `rules` any-of rules; `with_regexes` adds the 50 regexes,
// one to each of the first 50 rules.
std::vector<NodePtr> rule_trees(std::size_t count, std::size_t rules, bool with_regexes) {
  std::vector<NodePtr> trees;
  for (std::size_t r = 0; r < rules; ++r) {
    trees.push_back(std::make_unique<Node>());
    trees.back()->kind = Node::Kind::any_of;
  }
  const auto kws = keywords(count);
  for (std::size_t i = 0; i < kws.size(); ++i)
    trees[i % rules]->children.push_back(keyword_node(kws[i]));
  if (with_regexes) {
    const auto res = regexes();
    for (std::size_t i = 0; i < res.size(); ++i)
      trees[i % rules]->children.push_back(regex_node(res[i]));
  }
  return trees;
}

std::vector<papersieve::rules::RuleRoot> roots(const std::vector<NodePtr>& trees) {
  std::vector<papersieve::rules::RuleRoot> out;
  for (std::size_t r = 0; r < trees.size(); ++r)
    out.push_back({"r" + std::to_string(r), trees[r].get()});
  return out;
}

// Args: keywords, rules, regexes (0/1). Rule r weighs 1 + r % 3; the score is summed as
// RuleSet would.
void BM_Matcher(benchmark::State& state) {
  const auto trees = rule_trees(static_cast<std::size_t>(state.range(0)),
                                static_cast<std::size_t>(state.range(1)), state.range(2) != 0);
  const papersieve::rules::Matcher matcher(roots(trees));
  (void)papers();  // generated outside the timing
  papersieve::rules::MatchState scratch;
  std::vector<bool> matched;
  std::size_t hits = 0, selected = 0;
  for (auto _ : state) {
    hits = selected = 0;
    for (const auto& p : papers()) {
      matcher.match(p, scratch, matched);
      double score = 0;  // over the rules found true, as RuleSet scores: not every rule
      for (std::uint32_t r : scratch.true_rules())
        score += 1.0 + static_cast<double>(r % 3), ++hits;
      selected += score >= 2;
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text_bytes()));
  state.counters["rule_hits"] = static_cast<double>(hits);
  state.counters["selected"] = static_cast<double>(selected);
}
BENCHMARK(BM_Matcher)
    ->ArgNames({"kw", "rules", "re"})
    ->Args({1000, 1, 0})     // W3
    ->Args({1000, 100, 0})   // W3, 100 rules
    ->Args({1000, 100, 1})   // W4
    ->Args({10000, 1, 0})    // W5
    ->Args({10000, 100, 0})  // W5, 100 rules
    ->Args({50000, 100, 0})  // W5
    ->Unit(benchmark::kMillisecond);

// Baseline: one RE2::Set, \b(?i:kw)\b with [\s_-]+ between phrase words (plus the regexes),
// over title and abstract.
void BM_Re2Set(benchmark::State& state) {
  RE2::Options options;
  options.set_max_mem(2LL << 30);
  RE2::Set set(options, RE2::UNANCHORED);
  for (const auto& kw : keywords(static_cast<std::size_t>(state.range(0)))) {
    std::string pattern = "\\b(?i:";
    for (std::size_t w = 0; w < kw.size(); ++w)
      pattern += (w ? "[\\s_-]+" : "") + RE2::QuoteMeta(kw[w]);
    if (set.Add(pattern + ")\\b", nullptr) < 0) state.SkipWithError("bad pattern");
  }
  if (state.range(1) != 0)
    for (const auto& re : regexes())
      if (set.Add(re, nullptr) < 0) state.SkipWithError("bad regex");
  if (!set.Compile()) state.SkipWithError("RE2::Set compile failed");
  std::vector<int> found;
  std::size_t hits = 0;
  RE2::Set::ErrorInfo error;
  (void)papers();
  for (auto _ : state) {
    hits = 0;
    for (const auto& p : papers()) {
      for (const std::string* text : {&p.title, &p.abstract}) {
        if (!set.Match(*text, &found, &error) && error.kind != RE2::Set::kNoError) {
          state.SkipWithError("RE2::Set match failed (DFA out of memory)");
          return;
        }
        hits += found.size();
      }
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text_bytes()));
  state.counters["pattern_hits"] = static_cast<double>(hits);
}
BENCHMARK(BM_Re2Set)
    ->ArgNames({"kw", "re"})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({10000, 0})
    ->Args({50000, 0})
    ->Unit(benchmark::kMillisecond);

void BM_CompileMatcher(benchmark::State& state) {
  const auto trees = rule_trees(static_cast<std::size_t>(state.range(0)), 100, false);
  const auto rule_roots = roots(trees);
  for (auto _ : state) benchmark::DoNotOptimize(papersieve::rules::Matcher(rule_roots).size());
}
BENCHMARK(BM_CompileMatcher)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
