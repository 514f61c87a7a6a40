// Keyword matching throughput (issue 4, W3/W5): the papersieve Matcher against one RE2::Set
// of \b(?i:keyword)\b patterns over the same titles and abstracts, in the same run.
// Run: build/helper-match-bench/bench/bench_match --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <random>
#include <string>
#include <vector>

#include "corpus_generator.hpp"
#include "papersieve/parse.hpp"
#include "rules/matcher.hpp"

namespace {

using papersieve::rules::Node;
using papersieve::rules::NodePtr;
using papersieve::rules::TermKind;

const std::vector<papersieve::Paper>& papers() {
  static const auto corpus = papersieve::parse(papersieve::bench::generate_hf_text(16u << 20),
                                               {papersieve::Format::hf_text, "bench"});
  return corpus.papers;
}

std::size_t text_bytes() {
  std::size_t n = 0;
  for (const auto& p : papers()) n += p.title.size() + p.abstract.size();
  return n;
}

// Deterministic made-up keywords: mostly words absent from the corpus (as in real rule sets),
// 1 in 50 a word or phrase of the generator's vocabulary, so some are planted in the text.
std::vector<std::vector<std::string>> keywords(std::size_t count) {
  static const char* planted[] = {"diffusion", "prompt",    "graph",  "retrieval",
                                  "reward",    "attention", "policy", "Schrödinger"};
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> letter('a', 'z'), length(4, 10), words(1, 3);
  std::vector<std::vector<std::string>> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::vector<std::string> kw;
    const int n = words(rng);
    for (int w = 0; w < n; ++w) {
      std::string s;
      for (int k = length(rng); k > 0; --k) s.push_back(static_cast<char>(letter(rng)));
      kw.push_back(i % 50 == 0 ? planted[(i / 50 + w) % 8] : s);
    }
    out.push_back(kw);
  }
  return out;
}

NodePtr keyword_node(const std::vector<std::string>& kw) {
  auto node = std::make_unique<Node>();
  node->term.kind = kw.size() == 1 ? TermKind::word : TermKind::phrase;
  node->term.text = kw[0];
  if (kw.size() > 1) node->term.words = kw;
  return node;
}

// `count` keywords split evenly over `rules` any-of rules.
std::vector<NodePtr> rule_trees(std::size_t count, std::size_t rules) {
  std::vector<NodePtr> trees;
  for (std::size_t r = 0; r < rules; ++r) {
    trees.push_back(std::make_unique<Node>());
    trees.back()->kind = Node::Kind::any_of;
  }
  const auto kws = keywords(count);
  for (std::size_t i = 0; i < kws.size(); ++i)
    trees[i % rules]->children.push_back(keyword_node(kws[i]));
  return trees;
}

void BM_Matcher(benchmark::State& state) {
  const auto trees = rule_trees(static_cast<std::size_t>(state.range(0)),
                                static_cast<std::size_t>(state.range(1)));
  std::vector<papersieve::rules::RuleRoot> roots;
  for (std::size_t r = 0; r < trees.size(); ++r)
    roots.push_back({"r" + std::to_string(r), trees[r].get()});
  const papersieve::rules::Matcher matcher(roots);
  papersieve::rules::MatchScratch scratch;
  std::vector<bool> matched;
  std::size_t hits = 0;
  for (auto _ : state) {
    hits = 0;
    for (const auto& p : papers()) {
      matcher.match(p, scratch, matched);
      for (bool m : matched) hits += m;
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text_bytes()));
  state.counters["rule_hits"] = static_cast<double>(hits);
}
BENCHMARK(BM_Matcher)
    ->Args({1000, 1})
    ->Args({1000, 100})
    ->Args({10000, 1})
    ->Args({10000, 100})
    ->Unit(benchmark::kMillisecond);

// Baseline: one RE2::Set, \b(?i:kw)\b with \s+ between phrase words, over title and abstract.
void BM_Re2Set(benchmark::State& state) {
  RE2::Options options;
  options.set_max_mem(1LL << 30);
  RE2::Set set(options, RE2::UNANCHORED);
  for (const auto& kw : keywords(static_cast<std::size_t>(state.range(0)))) {
    std::string pattern = "\\b(?i:";
    for (std::size_t w = 0; w < kw.size(); ++w)
      pattern += (w ? "[\\s_-]+" : "") + RE2::QuoteMeta(kw[w]);
    if (set.Add(pattern + ")\\b", nullptr) < 0) state.SkipWithError("bad pattern");
  }
  if (!set.Compile()) state.SkipWithError("RE2::Set compile failed");
  std::vector<int> found;
  std::size_t hits = 0;
  RE2::Set::ErrorInfo error;
  for (auto _ : state) {
    hits = 0;
    for (const auto& p : papers()) {
      for (const std::string* text : {&p.title, &p.abstract}) {
        if (!set.Match(*text, &found, &error) && error.kind != RE2::Set::kNoError)
          state.SkipWithError("RE2::Set match failed (DFA out of memory)");
        hits += found.size();
      }
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text_bytes()));
  state.counters["pattern_hits"] = static_cast<double>(hits);
}
BENCHMARK(BM_Re2Set)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_CompileMatcher(benchmark::State& state) {
  const auto trees = rule_trees(static_cast<std::size_t>(state.range(0)), 100);
  std::vector<papersieve::rules::RuleRoot> roots;
  for (std::size_t r = 0; r < trees.size(); ++r)
    roots.push_back({"r" + std::to_string(r), trees[r].get()});
  for (auto _ : state) benchmark::DoNotOptimize(papersieve::rules::Matcher(roots).size());
}
BENCHMARK(BM_CompileMatcher)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
