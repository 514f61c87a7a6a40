// Writes a deterministic synthetic dump of about BYTES bytes, piece by piece
// (memory stays small whatever the size), for memory and throughput runs:
//   generate_corpus arxiv-jsonl 4G /tmp/snapshot.jsonl
//   generate_corpus hf-text 512M /tmp/page.txt
// and the matching workloads of bench/match_workload.hpp, for the Python driver:
//   generate_corpus match-text 16M /tmp/match.txt      (match-dense: keywords in every sentence)
//   generate_corpus match-rules 1000 /tmp/w3.json       (match-rules-regex: W4, + 50 regexes)
//   generate_corpus match-patterns 1000 /tmp/w3.pat.json (the same as baseline patterns)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "arxiv_generator.hpp"
#include "corpus_generator.hpp"
#include "match_workload.hpp"

namespace {

std::size_t parse_size(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const std::string unit = end;
  const double scale = unit == "G" ? 1 << 30 : unit == "M" ? 1 << 20 : unit == "K" ? 1 << 10 : 1;
  return static_cast<std::size_t>(value * scale);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: generate_corpus arxiv-jsonl|hf-text|match-text|match-dense SIZE[K|M|G] "
                 "OUTPUT\n       generate_corpus match-rules[-regex]|match-patterns[-regex] "
                 "KEYWORDS OUTPUT\n";
    return 2;
  }
  const std::string format = argv[1];
  const std::size_t total = parse_size(argv[2]);
  std::ofstream out(argv[3], std::ios::binary);
  if (!out) {
    std::cerr << "cannot write " << argv[3] << "\n";
    return 1;
  }
  constexpr std::size_t kPiece = 64u << 20;
  if (format == "match-text" || format == "match-dense") {
    out << papersieve::bench::match_text(total, format == "match-dense" ? 1.0 : 0.01);
  } else if (format == "match-rules" || format == "match-rules-regex") {
    out << papersieve::bench::rules_json(total, 100, format == "match-rules-regex");
  } else if (format == "match-patterns" || format == "match-patterns-regex") {
    out << papersieve::bench::patterns_json(total, 100, format == "match-patterns-regex");
  } else if (format == "hf-text") {
    out << papersieve::bench::generate_hf_text(total);
  } else if (format == "arxiv-jsonl") {
    int next = 1;
    for (std::size_t written = 0, seed = 1; written < total; ++seed) {
      const std::string piece =
          papersieve::bench::generate_arxiv_jsonl(std::min(kPiece, total - written), seed, &next);
      out << piece;
      written += piece.size();
    }
  } else {
    std::cerr << "unknown format " << format << "\n";
    return 2;
  }
  return out.good() ? 0 : 1;
}
