// Threads: parse and filter at 1 and 2 threads in the same run (wall-clock time),
// on a generated arXiv snapshot (arxiv-jsonl) and a generated Hugging Face page
// (hf-text). The speedup is the ratio of the two rows of each pair:
//   build/<dir>/bench/bench_threads --benchmark_repetitions=3 \
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "arxiv_generator.hpp"
#include "corpus_generator.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/stream.hpp"

namespace {

using papersieve::Format;

const std::string& arxiv() {
  static const std::string data = papersieve::bench::generate_arxiv_jsonl(128u << 20);
  return data;
}

const std::string& hf_page() {
  static const std::string data = papersieve::bench::generate_hf_text(64u << 20);
  return data;
}

// The arXiv snapshot on disk, for the streaming (PaperStream) path the CLI takes.
const std::string& arxiv_file() {
  static const std::string path = [] {
    const std::string p = "/tmp/psv_bench_threads.jsonl";
    std::ofstream(p, std::ios::binary) << arxiv();
    return p;
  }();
  return path;
}

// A digest-like rule set: title phrases, a prefix, a regex, an exclusion; it selects a
// few % of the generated papers, so matching (not explaining hits) dominates.
const papersieve::RuleSet& rules() {
  static const papersieve::RuleSet set = papersieve::RuleSet::from_json(R"json({
    "min_score": 1,
    "rules": [
      {"name": "gen", "query": "title:(\"diffusion model\" OR \"image text\")", "weight": 2},
      {"name": "llm", "query": "title:(\"language model\" OR \"prompt learning\")"},
      {"name": "phys", "query": "title:(\"quantum field\" theory)"},
      {"name": "rl", "query": "\"policy reward\" graph*"},
      {"name": "naive", "query": "/(?i)naïve (method|model)/", "weight": 0.5},
      {"name": "veto", "query": "title:(survey OR review)", "exclude": true}
    ]})json");
  return set;
}

void parse_bench(benchmark::State& state, const std::string& data, Format format) {
  papersieve::ParseOptions options{format, "bench", static_cast<std::size_t>(state.range(0))};
  std::size_t papers = 0;
  for (auto _ : state) {
    const auto corpus = papersieve::parse(data, options);
    papers = corpus.papers.size();
    benchmark::DoNotOptimize(papers);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["papers"] = static_cast<double>(papers);
}

void BM_ParseArxiv(benchmark::State& state) { parse_bench(state, arxiv(), Format::arxiv_jsonl); }
BENCHMARK(BM_ParseArxiv)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseHfText(benchmark::State& state) { parse_bench(state, hf_page(), Format::hf_text); }
BENCHMARK(BM_ParseHfText)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// PaperStream in 5,000-paper batches, as `papersieve stats` reads a file.
void BM_StreamArxiv(benchmark::State& state) {
  const std::string& path = arxiv_file();
  papersieve::ParseOptions options{Format::arxiv_jsonl, "bench",
                                   static_cast<std::size_t>(state.range(0))};
  std::size_t papers = 0;
  for (auto _ : state) {
    papersieve::PaperStream stream(path, options);
    papers = 0;
    while (auto batch = stream.next(5000)) papers += batch->papers.size();
    benchmark::DoNotOptimize(papers);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * arxiv().size()));
  state.counters["papers"] = static_cast<double>(papers);
}
BENCHMARK(BM_StreamArxiv)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void filter_bench(benchmark::State& state, const std::string& data, Format format) {
  static std::string parsed_from;
  static papersieve::Corpus corpus;
  if (parsed_from != std::string(papersieve::format_name(format))) {
    corpus = papersieve::parse(data, {format, "bench", 0});
    parsed_from = std::string(papersieve::format_name(format));
  }
  std::size_t hits = 0;
  for (auto _ : state) {
    const auto results =
        rules().filter(corpus, std::nullopt, static_cast<std::size_t>(state.range(0)));
    hits = results.hits.size();
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["hits"] = static_cast<double>(hits);
  state.counters["papers"] = static_cast<double>(corpus.papers.size());
}

void BM_FilterArxiv(benchmark::State& state) { filter_bench(state, arxiv(), Format::arxiv_jsonl); }
BENCHMARK(BM_FilterArxiv)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FilterHfText(benchmark::State& state) { filter_bench(state, hf_page(), Format::hf_text); }
BENCHMARK(BM_FilterHfText)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::remove("/tmp/psv_bench_threads.jsonl");
  return 0;
}
