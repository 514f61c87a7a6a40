// arxiv-jsonl throughput against two ceilings over the same bytes: memchr
// line splitting, and RapidJSON alone (what the reader is built on: each line
// copied and parsed in situ, iteratively, by a SAX handler that does nothing).
// Then the reader alone (extraction) and parse() end to end (extraction,
// normalization, duplicate folding).
// Run: build/release/bench/bench_arxiv --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true
// PSV_BENCH_ARXIV_MB sets the generated corpus size (default 256).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>

#include "arxiv_generator.hpp"
#include "papersieve/parse.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "read_limit.hpp"

namespace {

const std::string& corpus() {
  static const std::string data = [] {
    const char* mb = std::getenv("PSV_BENCH_ARXIV_MB");
    const std::size_t size = (mb != nullptr ? std::strtoull(mb, nullptr, 10) : 256) << 20;
    return papersieve::bench::generate_arxiv_jsonl(size);
  }();
  return data;
}

// Counts what the reader hands over and drops it.
class CountingSink final : public papersieve::detail::RecordSink {
 public:
  void record(papersieve::Paper&& raw) override { bytes += raw.abstract.size(), ++records; }
  void reject(papersieve::Diagnostic&&) override { ++rejected; }
  void note(papersieve::Diagnostic&&) override {}
  std::size_t records = 0, rejected = 0, bytes = 0;
};

void BM_MemchrLines(benchmark::State& state) { papersieve::bench::memchr_lines(state, corpus()); }
BENCHMARK(BM_MemchrLines)->Unit(benchmark::kMillisecond);

void BM_RapidJsonLines(benchmark::State& state) {
  const std::string& data = corpus();
  std::string line;
  rapidjson::Reader reader;
  rapidjson::BaseReaderHandler<> ignore;
  for (auto _ : state) {
    std::size_t valid = 0;
    for (const char* p = data.data(); p < data.data() + data.size();) {
      const char* nl =
          static_cast<const char*>(std::memchr(p, '\n', data.data() + data.size() - p));
      if (nl == nullptr) nl = data.data() + data.size();
      rapidjson::InsituStringStream stream(
          papersieve::detail::copy_for_insitu({p, std::size_t(nl - p)}, line));
      valid += !reader.Parse<papersieve::detail::kJsonParseFlags>(stream, ignore).IsError();
      p = nl + 1;
    }
    benchmark::DoNotOptimize(valid);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_RapidJsonLines)->Unit(benchmark::kMillisecond);

void BM_ArxivExtract(benchmark::State& state) {
  const std::string& data = corpus();
  CountingSink sink;
  for (auto _ : state) {
    sink = CountingSink{};
    auto reader = papersieve::detail::make_reader({papersieve::Format::arxiv_jsonl, "bench"}, sink);
    reader->feed(data);
    reader->finish();
    benchmark::DoNotOptimize(sink.bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["papers"] = static_cast<double>(sink.records);
  state.counters["rejected"] = static_cast<double>(sink.rejected);
}
BENCHMARK(BM_ArxivExtract)->Unit(benchmark::kMillisecond);

void BM_ArxivParse(benchmark::State& state) {
  const std::string& data = corpus();
  std::size_t papers = 0;
  for (auto _ : state) {
    const auto c = papersieve::parse(data, {papersieve::Format::arxiv_jsonl, "bench"});
    papers = c.papers.size();
    benchmark::DoNotOptimize(papers);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["papers"] = static_cast<double>(papers);
}
BENCHMARK(BM_ArxivParse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
