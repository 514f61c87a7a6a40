// Normalization against utf8proc alone (docs/benchmarks.md): papersieve's clean_text (UTF-8
// repair + NFC + whitespace runs collapsed) and to_nfc (NFC only) against utf8proc_map's NFC,
// over the raw abstracts of the generated arXiv snapshot (hard-wrapped, a few % non-ASCII).
// Before timing, to_nfc must equal utf8proc's NFC on every abstract, and clean_text must equal
// utf8proc's NFC with whitespace collapsed. PSV_BENCH_ARXIV_MB sets the snapshot size.
#include <benchmark/benchmark.h>
#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "arxiv_generator.hpp"
#include "papersieve/normalize.hpp"
#include "parse/reader.hpp"

namespace {

// Keeps the abstracts as the reader hands them over, before normalization.
class AbstractSink final : public papersieve::detail::RecordSink {
 public:
  void record(papersieve::Paper&& raw) override { abstracts.push_back(std::move(raw.abstract)); }
  void reject(papersieve::Diagnostic&&) override {}
  void note(papersieve::Diagnostic&&) override {}
  std::vector<std::string> abstracts;
};

const std::vector<std::string>& abstracts() {
  static const std::vector<std::string> texts = [] {
    const char* mb = std::getenv("PSV_BENCH_ARXIV_MB");
    AbstractSink sink;
    auto reader = papersieve::detail::make_reader({papersieve::Format::arxiv_jsonl, "bench"}, sink);
    reader->feed(papersieve::bench::generate_arxiv_jsonl(
        (mb != nullptr ? std::strtoull(mb, nullptr, 10) : 256) << 20));
    reader->finish();
    return std::move(sink.abstracts);
  }();
  return texts;
}

std::int64_t total_bytes() {
  std::int64_t n = 0;
  for (const auto& a : abstracts()) n += static_cast<std::int64_t>(a.size());
  return n;
}

std::string utf8proc_nfc(const std::string& text) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::string result = n >= 0 ? std::string(reinterpret_cast<char*>(out), std::size_t(n)) : "";
  std::free(out);
  return result;
}

bool agrees(benchmark::State& state) {
  std::size_t differ = 0;
  for (const auto& a : abstracts()) {
    const std::string nfc = utf8proc_nfc(a);
    differ += papersieve::to_nfc(a) != nfc ||
              papersieve::clean_text(a) != papersieve::collapse_whitespace(nfc);
  }
  if (differ != 0)
    state.SkipWithError(
        ("differs from utf8proc on " + std::to_string(differ) + " abstracts").c_str());
  return differ == 0;
}

template <typename Normalize>
void run(benchmark::State& state, const Normalize& normalize) {
  if (!agrees(state)) return;
  for (auto _ : state) {
    std::size_t bytes = 0;
    for (const auto& a : abstracts()) bytes += normalize(a).size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

void BM_CleanText(benchmark::State& state) {
  run(state, [](const std::string& a) { return papersieve::clean_text(a); });
}
BENCHMARK(BM_CleanText)->Unit(benchmark::kMillisecond);

void BM_ToNfc(benchmark::State& state) {
  run(state, [](const std::string& a) { return papersieve::to_nfc(a); });
}
BENCHMARK(BM_ToNfc)->Unit(benchmark::kMillisecond);

void BM_Utf8procNfc(benchmark::State& state) { run(state, utf8proc_nfc); }
BENCHMARK(BM_Utf8procNfc)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
