// Keyword and mixed rules side by side (docs/benchmarks.md): papersieve's RuleSet::filter
// (one thread) against one RE2::Set of the keywords plus one RE2 per regex, and Hyperscan,
// over the same normalized titles and abstracts, with the read limit (memchr lines over the
// page) in the same run. Before timing, each engine's per-paper score (the weights of the
// rules it matched) must equal papersieve's, or the benchmark fails with the difference.
// Workload (arg): 0 K100, 1 W3 (1k keywords), 2 W5 10k, 3 W5 50k, 4 W4 (1k + 50 regexes),
// 5 W3 on the match-dense corpus; always 100 weighted rules (bench/match_workload.hpp).
// PSV_BENCH_MATCH_MB sets the corpus size (default 16); PSV_BENCH_HS_CACHE, a directory where
// Hyperscan's compiled databases are kept between runs (bench/hyperscan_engine.cpp).
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

// Google Benchmark calls a benchmark function once per step of its iteration ramp and once per
// repetition: what is built (rule sets, RE2 sets, Hyperscan databases) and checked (agreement)
// before the timed loop is built and checked once per workload and kept, so that every
// repetition times the same engine and the 50,000-keyword compiles are not repeated.
template <typename T, typename Make>
T& once_per_workload(const benchmark::State& state, const Make& make) {
  static std::map<std::int64_t, std::unique_ptr<T>> cache;
  auto& slot = cache[state.range(0)];
  if (!slot) slot = make();
  return *slot;
}

const papersieve::RuleSet& rules_of(const benchmark::State& state) {
  return once_per_workload<papersieve::RuleSet>(state, [&] {
    return std::make_unique<papersieve::RuleSet>(rule_set(workload(state)));
  });
}

// papersieve's scores for a workload: what every other engine must reproduce.
const Scores& reference(const benchmark::State& state) {
  static std::map<std::int64_t, Scores> cache;
  auto& scores = cache[state.range(0)];
  if (scores.empty()) {
    const auto& w = workload(state);
    const auto& c = corpus(w.dense);
    scores = from_results(rules_of(state).filter(c, std::nullopt, 1), c.papers.size());
  }
  return scores;
}

// The outcome of one engine's agreement check on one workload: empty error when it agrees.
struct Verdict {
  bool checked = false;
  double selected = 0;
  std::string error;
};

// Scores every paper with `match_rules(text, matched)` over title and abstract and compares
// with papersieve's scores, once per engine and workload (later ramp steps and repetitions
// reuse the verdict); false, and a skip with the count, when they differ.
template <typename MatchRules>
bool agrees(benchmark::State& state, Verdict& verdict, const MatchRules& match_rules) {
  if (!verdict.checked) {
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
    verdict.checked = true;
    verdict.selected = static_cast<double>(selected);
    if (differ != 0)
      verdict.error = "matches differ from papersieve's on " + std::to_string(differ) + " of " +
                      std::to_string(c.papers.size()) + " papers";
  }
  state.counters["selected"] = verdict.selected;
  if (verdict.error.empty()) return true;
  state.SkipWithError(verdict.error.c_str());
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
  const auto& rules = rules_of(state);
  const auto& c = corpus(w.dense);
  std::size_t selected = 0;
  for (double score : reference(state)) selected += score > 0;
  state.counters["selected"] = static_cast<double>(selected);
  for (auto _ : state) benchmark::DoNotOptimize(rules.filter(c, std::nullopt, 1).hits.size());
  state.SetBytesProcessed(state.iterations() * text_bytes(c));
}

// The same rules without spans (RuleSet::decide per paper): the matching alone, as the
// baselines do it; filter() adds the spans of every selected paper.
void BM_RuleSetDecide(benchmark::State& state) {
  const auto& w = workload(state);
  const auto& rules = rules_of(state);
  const auto& c = corpus(w.dense);
  const Scores& expected = reference(state);
  auto& differs = once_per_workload<bool>(state, [&] {
    bool d = false;
    for (std::size_t i = 0; i < c.papers.size() && !d; ++i)
      d = rules.decide(c.papers[i]).score != expected[i];
    return std::make_unique<bool>(d);
  });
  if (differs) return state.SkipWithError("decide() differs from filter()");
  for (auto _ : state) {
    double total = 0;
    for (const auto& p : c.papers) total += rules.decide(p).score;
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(state.iterations() * text_bytes(c));
}

// A user's RE2 version: one RE2::Set of the keyword patterns, and each regex on its own,
// run only when its rule has not matched yet.
struct Re2Rules {
  explicit Re2Rules(const Workload& w) : set(options(), RE2::UNANCHORED) {
    for (const auto& p : pb::rule_patterns(w.keywords, kRules, w.regexes)) {
      if (p.keyword) {
        if (set.Add(p.pattern, nullptr) < 0) error = "bad keyword pattern";
        rule_of.push_back(p.rule);
      } else {
        regexes.emplace_back(std::make_unique<RE2>(p.pattern), p.rule);
      }
    }
    if (error.empty() && !set.Compile()) error = "RE2::Set compile failed";
  }
  static RE2::Options options() {
    RE2::Options o;
    o.set_max_mem(2LL << 30);
    return o;
  }
  RE2::Set set;
  std::vector<std::size_t> rule_of;
  std::vector<std::pair<std::unique_ptr<RE2>, std::size_t>> regexes;
  std::string error;
  Verdict verdict;
};

void BM_Re2(benchmark::State& state) {
  auto& engine = once_per_workload<Re2Rules>(
      state, [&] { return std::make_unique<Re2Rules>(workload(state)); });
  if (!engine.error.empty()) return state.SkipWithError(engine.error.c_str());
  std::vector<int> found;
  bool out_of_memory = false;
  auto match_rules = [&](const std::string& text, std::vector<char>& matched) {
    RE2::Set::ErrorInfo error;
    if (!engine.set.Match(text, &found, &error) && error.kind != RE2::Set::kNoError)
      out_of_memory = true;
    for (int i : found) matched[engine.rule_of[static_cast<std::size_t>(i)]] = 1;
    for (const auto& [re, rule] : engine.regexes)
      if (!matched[rule] && RE2::PartialMatch(text, *re)) matched[rule] = 1;
  };
  if (!engine.verdict.checked) {
    const bool agreed = agrees(state, engine.verdict, match_rules);
    if (agreed && out_of_memory) engine.verdict.error = "RE2::Set ran out of DFA memory";
    if (!agreed) return;
  }
  if (!agrees(state, engine.verdict, match_rules)) return;
  time_rules(state, match_rules);
}

#ifdef PSV_HAVE_HYPERSCAN
void BM_Hyperscan(benchmark::State& state) {
  struct Engine {
    explicit Engine(const Workload& w) : hs(pb::rule_patterns(w.keywords, kRules, w.regexes)) {}
    const pb::HyperscanRules hs;
    Verdict verdict;
  };
  auto& engine = once_per_workload<Engine>(
      state, [&] { return std::make_unique<Engine>(workload(state)); });
  auto match_rules = [&](const std::string& text, std::vector<char>& matched) {
    engine.hs.scan(text, matched);
  };
  if (agrees(state, engine.verdict, match_rules)) time_rules(state, match_rules);
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
