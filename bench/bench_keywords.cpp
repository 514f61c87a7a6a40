// Keyword and mixed rules side by side (docs/benchmarks.md): papersieve's RuleSet::filter
// (one thread) against one RE2::Set of the keywords plus one RE2 per regex, and Hyperscan,
// over the same normalized titles and abstracts, with the read limit (memchr lines over the
// page) in the same run. Before timing, each engine's per-paper score (the weights of the
// rules it matched) must equal papersieve's, or the benchmark fails with the difference.
// Workload (arg): 0 K100, 1 W3 (1k keywords), 2 W5 10k, 3 W5 50k, 4 W4 (1k + 50 regexes),
// 5 W3 on the match-dense corpus; always 100 weighted rules (bench/match_workload.hpp).
// PSV_BENCH_MATCH_MB sets the corpus size (default 16).
#include <benchmark/benchmark.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "match_workload.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "read_limit.hpp"
#ifdef PSV_HAVE_HYPERSCAN
#include "hyperscan_engine.hpp"
#endif

namespace {

namespace pb = papersieve::bench;

struct Workload {
  std::size_t keywords;
  bool regexes;
  bool dense;
};
constexpr Workload kWorkloads[] = {{100, false, false},   {1000, false, false},
                                   {10000, false, false}, {50000, false, false},
                                   {1000, true, false},   {1000, false, true}};
constexpr std::size_t kRules = 100;

const Workload& workload(const benchmark::State& state) { return kWorkloads[state.range(0)]; }

const std::string& page(bool dense) {
  static const std::size_t mb = [] {
    const char* env = std::getenv("PSV_BENCH_MATCH_MB");
    return env != nullptr ? std::strtoull(env, nullptr, 10) : 16;
  }();
  static const std::string pages[2] = {pb::match_text(mb << 20, 0.01),
                                       pb::match_text(mb << 20, 1.0)};
  return pages[dense];
}

const papersieve::Corpus& corpus(bool dense) {
  static const papersieve::Corpus corpora[2] = {
      papersieve::parse(page(false), {papersieve::Format::hf_text, "bench"}),
      papersieve::parse(page(true), {papersieve::Format::hf_text, "bench"})};
  return corpora[dense];
}

std::int64_t text_bytes(const papersieve::Corpus& c) {
  std::int64_t n = 0;
  for (const auto& p : c.papers) n += static_cast<std::int64_t>(p.title.size() + p.abstract.size());
  return n;
}

using Scores = std::vector<double>;  // per paper: the sum of the weights of the rules matched

Scores from_results(const papersieve::Results& results, std::size_t papers) {
  Scores scores(papers, 0.0);
  for (const auto& hit : results.hits) scores[hit.index] = hit.score;
  return scores;
}

papersieve::RuleSet rule_set(const Workload& w) {
  return papersieve::RuleSet::from_json(pb::rules_json(w.keywords, kRules, w.regexes));
}

// papersieve's scores for a workload: what every other engine must reproduce.
const Scores& reference(const benchmark::State& state) {
  static std::map<std::int64_t, Scores> cache;
  auto& scores = cache[state.range(0)];
  if (scores.empty()) {
    const auto& w = workload(state);
    const auto& c = corpus(w.dense);
    scores = from_results(rule_set(w).filter(c, std::nullopt, 1), c.papers.size());
  }
  return scores;
}

// Scores every paper with `match_rules(text, matched)` over title and abstract; false (and a
// skip with the count) when they differ from papersieve's.
template <typename MatchRules>
bool agrees(benchmark::State& state, const MatchRules& match_rules) {
  const auto& c = corpus(workload(state).dense);
  const Scores& expected = reference(state);
  std::vector<char> matched(kRules);
  std::size_t differ = 0, selected = 0;
  for (std::size_t i = 0; i < c.papers.size(); ++i) {
    std::fill(matched.begin(), matched.end(), 0);
    match_rules(c.papers[i].title, matched);
    match_rules(c.papers[i].abstract, matched);
    double score = 0;
    for (std::size_t r = 0; r < kRules; ++r) score += matched[r] ? pb::rule_weight(r) : 0;
    differ += score != expected[i];
    selected += score > 0;
  }
  state.counters["selected"] = static_cast<double>(selected);
  if (differ == 0) return true;
  state.SkipWithError(("matches differ from papersieve's on " + std::to_string(differ) + " of " +
                       std::to_string(c.papers.size()) + " papers")
                          .c_str());
  return false;
}

template <typename MatchRules>
void time_rules(benchmark::State& state, const MatchRules& match_rules) {
  const auto& c = corpus(workload(state).dense);
  std::vector<char> matched(kRules);
  for (auto _ : state) {
    std::size_t selected = 0;
    for (const auto& p : c.papers) {
      std::fill(matched.begin(), matched.end(), 0);
      match_rules(p.title, matched);
      match_rules(p.abstract, matched);
      double score = 0;
      for (std::size_t r = 0; r < kRules; ++r) score += matched[r] ? pb::rule_weight(r) : 0;
      selected += score > 0;
    }
    benchmark::DoNotOptimize(selected);
  }
  state.SetBytesProcessed(state.iterations() * text_bytes(c));
}

void BM_ReadLimit(benchmark::State& state) { pb::memchr_lines(state, page(workload(state).dense)); }

void BM_RuleSetFilter(benchmark::State& state) {
  const auto& w = workload(state);
  const auto rules = rule_set(w);
  const auto& c = corpus(w.dense);
  state.counters["selected"] = static_cast<double>(rules.filter(c, std::nullopt, 1).hits.size());
  (void)reference(state);
  for (auto _ : state) benchmark::DoNotOptimize(rules.filter(c, std::nullopt, 1).hits.size());
  state.SetBytesProcessed(state.iterations() * text_bytes(c));
}

// The same rules without spans (RuleSet::decide per paper): the matching alone, as the
// baselines do it; filter() adds the spans of every selected paper.
void BM_RuleSetDecide(benchmark::State& state) {
  const auto& w = workload(state);
  const auto rules = rule_set(w);
  const auto& c = corpus(w.dense);
  const Scores& expected = reference(state);
  for (std::size_t i = 0; i < c.papers.size(); ++i)
    if (rules.decide(c.papers[i]).score != expected[i])
      return state.SkipWithError("decide() differs from filter()");
  for (auto _ : state) {
    double total = 0;
    for (const auto& p : c.papers) total += rules.decide(p).score;
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(state.iterations() * text_bytes(c));
}

// A user's RE2 version: one RE2::Set of the keyword patterns, and each regex on its own,
// run only when its rule has not matched yet.
void BM_Re2(benchmark::State& state) {
  const auto& w = workload(state);
  RE2::Options options;
  options.set_max_mem(2LL << 30);
  RE2::Set set(options, RE2::UNANCHORED);
  std::vector<std::size_t> rule_of;
  std::vector<std::pair<std::unique_ptr<RE2>, std::size_t>> regexes;
  for (const auto& p : pb::rule_patterns(w.keywords, kRules, w.regexes)) {
    if (p.keyword) {
      if (set.Add(p.pattern, nullptr) < 0) return state.SkipWithError("bad keyword pattern");
      rule_of.push_back(p.rule);
    } else {
      regexes.emplace_back(std::make_unique<RE2>(p.pattern), p.rule);
    }
  }
  if (!set.Compile()) return state.SkipWithError("RE2::Set compile failed");
  std::vector<int> found;
  bool out_of_memory = false;
  auto match_rules = [&](const std::string& text, std::vector<char>& matched) {
    RE2::Set::ErrorInfo error;
    if (!set.Match(text, &found, &error) && error.kind != RE2::Set::kNoError) out_of_memory = true;
    for (int i : found) matched[rule_of[static_cast<std::size_t>(i)]] = 1;
    for (const auto& [re, rule] : regexes)
      if (!matched[rule] && RE2::PartialMatch(text, *re)) matched[rule] = 1;
  };
  if (!agrees(state, match_rules)) return;
  if (out_of_memory) return state.SkipWithError("RE2::Set ran out of DFA memory");
  time_rules(state, match_rules);
}

#ifdef PSV_HAVE_HYPERSCAN
void BM_Hyperscan(benchmark::State& state) {
  const auto& w = workload(state);
  const pb::HyperscanRules hs(pb::rule_patterns(w.keywords, kRules, w.regexes));
  auto match_rules = [&](const std::string& text, std::vector<char>& matched) {
    hs.scan(text, matched);
  };
  if (agrees(state, match_rules)) time_rules(state, match_rules);
}
#endif

void workloads(benchmark::internal::Benchmark* b) {
  b->ArgName("workload")->Unit(benchmark::kMillisecond);
  for (int i = 0; i < 6; ++i) b->Arg(i);
}

BENCHMARK(BM_ReadLimit)->ArgName("workload")->Arg(1)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RuleSetFilter)->Apply(workloads);
BENCHMARK(BM_RuleSetDecide)->Apply(workloads);
BENCHMARK(BM_Re2)->Apply(workloads);
#ifdef PSV_HAVE_HYPERSCAN
BENCHMARK(BM_Hyperscan)->Apply(workloads);
#endif

}  // namespace

BENCHMARK_MAIN();
