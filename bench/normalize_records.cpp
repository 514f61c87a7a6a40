// normalize_paper over the records of a real arxiv-jsonl file (../shared/data's snapshot),
// timed alone: the reader runs once, each pass normalizes fresh copies. Prints the best and
// mean microseconds per pass. It uses only APIs older than TeX rendering, so the same file
// built against another checkout's core library compares the two (docs/performance.md).
//   normalize_records FILE [PASSES] [LABEL]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "papersieve/normalize.hpp"
#include "parse/reader.hpp"

namespace {

class Keep final : public papersieve::detail::RecordSink {
 public:
  void record(papersieve::Paper&& raw) override { papers.push_back(std::move(raw)); }
  void reject(papersieve::Diagnostic&&) override {}
  void note(papersieve::Diagnostic&&) override {}
  std::vector<papersieve::Paper> papers;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: normalize_records FILE [PASSES] [LABEL]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  Keep raw;
  auto reader = papersieve::detail::make_reader({papersieve::Format::arxiv_jsonl, argv[1]}, raw);
  reader->feed(bytes.str());
  reader->finish();
  const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 300;
  double best = 1e300, total = 0;
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<papersieve::Paper> papers = raw.papers;
    std::vector<papersieve::Diagnostic> notes;
    papersieve::MacroCounts macros;
    const auto start = std::chrono::steady_clock::now();
    for (auto& paper : papers) papersieve::normalize_paper(paper, notes, &macros);
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
    total += took.count();
  }
  std::printf("%s: %zu records, %d passes, best %.1f us, mean %.1f us per pass\n",
              argc > 3 ? argv[3] : "normalize_paper", raw.papers.size(), passes, best,
              total / passes);
  return 0;
}
