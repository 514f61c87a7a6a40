#include "match_corpus.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace papersieve::bench {
namespace {

constexpr const char* kFunctionWords[] = {
    "the",  "of",    "and",   "to",   "a",     "in",    "we",    "is",   "for",  "that",
    "with", "on",    "this",  "as",   "by",    "are",   "our",   "from", "an",   "be",
    "can",  "which", "these", "it",   "model", "show",  "data",  "or",   "not",  "using",
    "more", "such",  "both",  "each", "than",  "their", "while", "via",  "into", "method"};

constexpr const char* kOnsets[] = {"b",  "c",  "d",  "f",  "g",  "h",  "l",  "m",  "n",
                                   "p",  "r",  "s",  "t",  "v",  "pr", "tr", "st", "cl",
                                   "gr", "sp", "br", "ch", "th", "qu", "sc", "pl"};
constexpr const char* kVowels[] = {"a", "e", "i", "o", "u", "ea", "io", "ou", "ai", "y"};
constexpr const char* kCodas[] = {"",   "",   "n",   "r",  "s",    "t",    "l",   "m",
                                  "x",  "nt", "rs",  "st", "tion", "ment", "ing", "ive",
                                  "al", "ic", "ous", "ed", "er",   "ity"};
constexpr const char* kAccented[] = {"é", "ö", "ü", "ï", "è", "á", "ñ", "ç"};
constexpr const char* kSpecial[] = {"DPO",   "GPT-4o",  "LLaMA-2", "RLHF",  "BERT",  "SOTA",
                                    "MoE-8", "ViT-L",   "7B",      "CLIP",  "T5",    "QA-12",
                                    "GPT-4", "Llama 3", "RL",      "NLP-3", "X-ray", "H100"};

template <std::size_t N>
const char* pick(const char* const (&a)[N], std::mt19937_64& rng) {
  return a[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::string pseudo_word(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> syllables(1, 4);
  std::string w;
  for (int n = syllables(rng); n > 0; --n)
    w += std::string(pick(kOnsets, rng)) + pick(kVowels, rng);
  return w + pick(kCodas, rng);
}

// Zipf(1) over ranks 0..n-1 by inverse CDF on the harmonic numbers.
class Zipf {
 public:
  explicit Zipf(std::size_t n) : cdf_(n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) cdf_[i] = sum += 1.0 / static_cast<double>(i + 1);
    for (double& c : cdf_) c /= sum;
  }
  std::size_t operator()(std::mt19937_64& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
    return it == cdf_.end() ? cdf_.size() - 1 : static_cast<std::size_t>(it - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

}  // namespace

const std::vector<std::string>& match_vocabulary() {
  static const std::vector<std::string> vocab = [] {
    std::mt19937_64 rng(5);
    std::vector<std::string> v(std::begin(kFunctionWords), std::end(kFunctionWords));
    std::set<std::string> seen(v.begin(), v.end());
    std::uniform_int_distribution<int> percent(0, 99);
    while (v.size() < 5000) {
      std::string w = pseudo_word(rng);
      const int roll = percent(rng);
      if (roll < 3) {  // accented: replace the first vowel
        const auto at = w.find_first_of("aeiou");
        if (at != std::string::npos) w.replace(at, 1, pick(kAccented, rng));
      } else if (roll < 4) {
        w += "-" + pseudo_word(rng);  // hyphenated compound
      }
      if (seen.insert(w).second) v.push_back(w);
    }
    return v;
  }();
  return vocab;
}

std::vector<std::string> absent_words(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> letter('a', 'z'), length(4, 11);
  const auto& vocab = match_vocabulary();
  const std::set<std::string> known(vocab.begin(), vocab.end());
  std::set<std::string> seen;
  std::vector<std::string> out;
  while (out.size() < count) {
    std::string s;
    for (int k = length(rng); k > 0; --k) s.push_back(static_cast<char>(letter(rng)));
    if (!known.count(s) && seen.insert(s).second) out.push_back(s);
  }
  return out;
}

std::string generate_match_text(std::size_t bytes, const std::vector<std::string>& planted,
                                double plant_rate, std::uint64_t seed) {
  const auto& vocab = match_vocabulary();
  const Zipf zipf(vocab.size());
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::uniform_int_distribution<int> sentence_words(8, 24);
  auto sentence = [&](int words) {
    std::string s;
    const int plant_at = !planted.empty() && unit(rng) < plant_rate
                             ? std::uniform_int_distribution<int>(0, words - 1)(rng)
                             : -1;
    for (int i = 0; i < words; ++i) {
      if (i > 0) s += unit(rng) < 0.08 ? ", " : " ";
      if (i == plant_at) {
        s += planted[std::uniform_int_distribution<std::size_t>(0, planted.size() - 1)(rng)];
      } else if (unit(rng) < 0.01) {
        s += pick(kSpecial, rng);
      } else {
        std::string w = vocab[zipf(rng)];
        if (unit(rng) < 0.03 && (w[0] >= 'a' && w[0] <= 'z')) w[0] = static_cast<char>(w[0] - 32);
        s += w;
      }
    }
    if (s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
    return s;
  };
  std::string page =
      "Get trending papers in your email inbox once a day!\n"
      "Get trending papers in your email inbox!\nSubscribe";
  for (int n = 0; page.size() < bytes; ++n) {
    page += "Paper " + std::to_string(n) + ": " + sentence(sentence_words(rng) / 2 + 3) + "\n";
    std::string abstract;
    while (abstract.size() < 1500) abstract += sentence(sentence_words(rng)) + ". ";
    abstract.pop_back();
    page += abstract + "\n";
  }
  return page;
}

}  // namespace papersieve::bench
