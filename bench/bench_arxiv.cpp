// arxiv-jsonl throughput against two ceilings over the same bytes: memchr
// line splitting, and RapidJSON alone (what the reader is built on: each line
// copied and parsed in situ, iteratively, by a SAX handler that does nothing).
// Then what a user would build on instead, extracting title and abstract: RapidJSON SAX and
// simdjson on-demand (when installed); the reader alone (extraction) and parse() end to end
// (extraction, normalization, duplicate folding). The extractors must agree with the reader
// on the number of records and of title + abstract bytes before timing counts.
// Run: build/release/bench/bench_arxiv --benchmark_repetitions=3
//        --benchmark_report_aggregates_only=true
// PSV_BENCH_ARXIV_MB sets the generated corpus size (default 256).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <utility>
#ifdef PSV_HAVE_SIMDJSON
#include <simdjson.h>
#endif

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

// What extraction must find: records and title + abstract bytes, as the reader hands them over.
std::pair<std::size_t, std::size_t> expected_extract() {
  static const auto expected = [] {
    struct Sink final : papersieve::detail::RecordSink {
      void record(papersieve::Paper&& raw) override {
        ++records, bytes += raw.title.size() + raw.abstract.size();
      }
      void reject(papersieve::Diagnostic&&) override {}
      void note(papersieve::Diagnostic&&) override {}
      std::size_t records = 0, bytes = 0;
    } sink;
    auto reader = papersieve::detail::make_reader({papersieve::Format::arxiv_jsonl, "bench"}, sink);
    reader->feed(corpus());
    reader->finish();
    return std::make_pair(sink.records, sink.bytes);
  }();
  return expected;
}

bool agrees(benchmark::State& state, std::pair<std::size_t, std::size_t> found) {
  if (found == expected_extract()) return true;
  state.SkipWithError(("extracted " + std::to_string(found.first) + " records, " +
                       std::to_string(found.second) + " bytes; the reader " +
                       std::to_string(expected_extract().first) + ", " +
                       std::to_string(expected_extract().second))
                          .c_str());
  return false;
}

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

// Copies the top-level "title" and "abstract" strings of one record out of RapidJSON's SAX.
class ExtractHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ExtractHandler> {
 public:
  bool StartObject() { return ++depth_, true; }
  bool EndObject(rapidjson::SizeType) { return --depth_, true; }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view key(s, n);
    target_ = depth_ != 1         ? nullptr
              : key == "title"    ? &title
              : key == "abstract" ? &abstract
                                  : nullptr;
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (target_ != nullptr) target_->assign(s, n), target_ = nullptr;
    return true;
  }
  bool Default() { return target_ = nullptr, true; }
  std::string title, abstract;

 private:
  int depth_ = 0;
  std::string* target_ = nullptr;
};

std::pair<std::size_t, std::size_t> rapidjson_extract(const std::string& data) {
  std::string line;
  rapidjson::Reader reader;
  std::size_t records = 0, bytes = 0;
  for (const char* p = data.data(); p < data.data() + data.size();) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', data.data() + data.size() - p));
    if (nl == nullptr) nl = data.data() + data.size();
    rapidjson::InsituStringStream stream(
        papersieve::detail::copy_for_insitu({p, std::size_t(nl - p)}, line));
    ExtractHandler handler;
    if (!reader.Parse<papersieve::detail::kJsonParseFlags>(stream, handler).IsError())
      ++records, bytes += handler.title.size() + handler.abstract.size();
    p = nl + 1;
  }
  return {records, bytes};
}

void BM_RapidJsonExtract(benchmark::State& state) {
  const std::string& data = corpus();
  if (!agrees(state, rapidjson_extract(data))) return;
  for (auto _ : state) benchmark::DoNotOptimize(rapidjson_extract(data));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_RapidJsonExtract)->Unit(benchmark::kMillisecond);

#ifdef PSV_HAVE_SIMDJSON
// simdjson on-demand over the whole snapshot as a document stream (its NDJSON API).
std::pair<std::size_t, std::size_t> simdjson_extract(simdjson::ondemand::parser& parser,
                                                     const simdjson::padded_string& data) {
  std::size_t records = 0, bytes = 0;
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(data).get(stream)) return {0, 0};
  std::string title, abstract;
  for (auto doc : stream) {
    std::string_view t, a;
    if (doc["title"].get_string().get(t) || doc["abstract"].get_string().get(a)) continue;
    title.assign(t), abstract.assign(a);
    ++records, bytes += title.size() + abstract.size();
  }
  return {records, bytes};
}

void BM_SimdjsonExtract(benchmark::State& state) {
  const simdjson::padded_string data(corpus());
  simdjson::ondemand::parser parser;
  if (!agrees(state, simdjson_extract(parser, data))) return;
  for (auto _ : state) benchmark::DoNotOptimize(simdjson_extract(parser, data));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_SimdjsonExtract)->Unit(benchmark::kMillisecond);
#endif

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
