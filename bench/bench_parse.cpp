// Parsing throughput against the machine's ceiling for line-oriented input:
// splitting the same bytes into lines with memchr and touching each line.
// Run: build/release/bench/bench_parse --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cstring>

#include "corpus_generator.hpp"
#include "papersieve/parse.hpp"
#include "read_limit.hpp"

namespace {

const std::string& hf_page() {
  static const std::string page = papersieve::bench::generate_hf_text(64u << 20);
  return page;
}

void BM_MemchrLines(benchmark::State& state) { papersieve::bench::memchr_lines(state, hf_page()); }
BENCHMARK(BM_MemchrLines)->Unit(benchmark::kMillisecond);

void BM_ParseHfText(benchmark::State& state) {
  const std::string& data = hf_page();
  std::size_t papers = 0;
  for (auto _ : state) {
    const auto corpus = papersieve::parse(data, {papersieve::Format::hf_text, "bench"});
    papers = corpus.papers.size();
    benchmark::DoNotOptimize(papers);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["papers"] = static_cast<double>(papers);
}
BENCHMARK(BM_ParseHfText)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
