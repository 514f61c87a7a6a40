#include "corpus_generator.hpp"

#include <array>
#include <random>
#include <string_view>

namespace papersieve::bench {
namespace {

constexpr std::array<std::string_view, 40> kWords = {
    "model",       "diffusion", "language",  "prompt",    "learning",     "training", "we",
    "propose",     "method",    "results",   "benchmark", "the",          "of",       "and",
    "a",           "to",        "in",        "for",       "with",         "on",       "data",
    "network",     "attention", "graph",     "retrieval", "policy",       "reward",   "image",
    "text",        "large",     "efficient", "robust",    "optimization", "tasks",    "show",
    "Schrödinger", "naïve",     "café",      "approach",  "performance"};

std::string sentence(std::mt19937_64& rng, int words) {
  std::uniform_int_distribution<std::size_t> pick(0, kWords.size() - 1);
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i > 0) s.push_back(' ');
    s.append(kWords[pick(rng)]);
  }
  s[0] = static_cast<char>(s[0] >= 'a' && s[0] <= 'z' ? s[0] - 32 : s[0]);
  return s;
}

}  // namespace

std::string generate_hf_text(std::size_t bytes, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string page =
      "Get trending papers in your email inbox once a day!\n"
      "Get trending papers in your email inbox!\nSubscribe";
  for (int n = 0; page.size() < bytes; ++n) {
    page += "Paper " + std::to_string(n) + ": " + sentence(rng, 8) + "\n";
    std::string abstract;
    while (abstract.size() < 1500) abstract += sentence(rng, 18) + ". ";
    abstract.pop_back();
    page += abstract + "\n";
  }
  return page;
}

}  // namespace papersieve::bench
