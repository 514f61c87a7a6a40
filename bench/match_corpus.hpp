// A more realistic corpus for the matcher benchmark than generate_hf_text's 40 words: a few
// thousand pseudo-words drawn with a Zipf distribution (English function words at the top),
// a few % accented words, acronyms, hyphenated compounds and version numbers, and given
// keywords planted at a controlled rate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace papersieve::bench {

// The vocabulary, most frequent first (deterministic).
const std::vector<std::string>& match_vocabulary();

// Made-up words that are not in the vocabulary (deterministic for a seed).
std::vector<std::string> absent_words(std::size_t count, std::uint64_t seed);

// An hf-text page of about `bytes` bytes (title/abstract pairs, ~1.5 KB abstracts) over
// match_vocabulary(); each sentence holds one of `planted` with probability `plant_rate`.
std::string generate_match_text(std::size_t bytes, const std::vector<std::string>& planted,
                                double plant_rate, std::uint64_t seed = 11);

}  // namespace papersieve::bench
