// The matching workloads every matching benchmark shares (bench_match, bench_keywords,
// generate_corpus for the Python driver): keyword sets of any size up to 50,000, the 50
// regexes of W4, the Zipf corpus with keywords planted in it, the rule file that puts them
// into weighted rules, and the RE2/Hyperscan pattern of a keyword for the baselines.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace papersieve::bench {

using Keyword = std::vector<std::string>;  // its words

// The first `count` (<= 50,000) keywords: 70% made-up words absent from the text, 20%
// vocabulary words of middle and low frequency (they occur on their own), 10% phrases of 2-3
// vocabulary words. Deterministic; a longer list starts with every shorter one.
std::vector<Keyword> keywords(std::size_t count);

// 50 regexes as users write them: hand-written ones and acronym/word variants.
std::vector<std::string> regexes();

// An hf-text page of about `bytes` bytes over the Zipf vocabulary, with every third of the
// first 1,000 keywords planted (words joined by spaces or hyphens) in a `plant_rate`
// fraction of sentences: 0.01 is the ordinary corpus, 1.0 the match-dense one.
std::string match_text(std::size_t bytes, double plant_rate);

// A rule file: `count` keywords dealt round-robin into `rules` any-of rules (rule r weighs
// 1 + r % 3), plus the 50 regexes, one in each of the first 50 rules, when `with_regexes`.
// min_score 1: a paper is selected when any rule matched, and its score tells which.
std::string rules_json(std::size_t count, std::size_t rules, bool with_regexes);

// The baseline pattern of a keyword: \b(?i:w1[\s_-]+w2)\b (where the corpus needs it, word
// boundaries that count non-ASCII as letters: match_workload.cpp; Python engines use \b),
// hyphenated words split, and
// a word that papersieve's accent folding equates with other words of the corpus ("leal",
// "lèal") spelled as their alternation, so that it matches where papersieve does (the
// agreement check of every benchmark says so).
std::string keyword_pattern(const Keyword& keyword);
// The literal spellings of a keyword in the corpus, for FlashText and Aho-Corasick: those
// accent variants, words joined by " " or "-" (the planted forms).
std::vector<std::string> keyword_spellings(const Keyword& keyword);

// What rules_json holds, as baseline patterns: keyword_pattern of each keyword (`keyword`
// true) and the regexes as written, each with the rule it was dealt to.
struct RulePattern {
  std::string pattern;
  std::size_t rule = 0;
  bool keyword = true;
  std::vector<std::string> spellings;  // keywords only
};
std::vector<RulePattern> rule_patterns(std::size_t count, std::size_t rules, bool with_regexes);
// rule_patterns as JSON for the Python driver: [{"rule", "pattern", "spellings"?}, ...].
std::string patterns_json(std::size_t count, std::size_t rules, bool with_regexes);
inline double rule_weight(std::size_t rule) { return 1.0 + static_cast<double>(rule % 3); }

}  // namespace papersieve::bench
