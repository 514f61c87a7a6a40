// Tokenizing and folding displayed text for whole-word matching.
#define BOOST_TEST_MODULE folded_text
#include <cstdlib>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "rules/folded_text.hpp"
#include "test_support.hpp"

using papersieve::rules::FoldedText;
using papersieve::rules::trim_flex;

namespace {

std::vector<std::string> folded_tokens(const std::string& text) {
  const FoldedText folded(text);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < folded.tokens().size(); ++i) out.emplace_back(folded.folded(i));
  return out;
}

std::string displayed_token(const FoldedText& folded, std::size_t i) {
  const auto& t = folded.tokens()[i];
  return std::string(folded.displayed().substr(t.start, t.end - t.start));
}

using Words = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(ascii_is_lowercased_and_cut_on_non_alphanumerics) {
  BOOST_TEST(folded_tokens("Text-to-Image, C++ and .NET_4 GPT-4o") ==
                 (Words{"text", "to", "image", "c", "and", "net", "4", "gpt", "4o"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(accents_and_case_fold_away_and_offsets_cover_the_original_bytes) {
  const std::string text = "Der Schrödinger-Gleichung ÉTÉ";
  const FoldedText folded(text);
  BOOST_TEST(folded_tokens(text) == (Words{"der", "schrodinger", "gleichung", "ete"}),
             boost::test_tools::per_element());
  BOOST_TEST(displayed_token(folded, 1) == "Schrödinger");
  BOOST_TEST(folded.tokens()[1].start == 4u);
  BOOST_TEST(folded.tokens()[1].end == 16u);  // ö is two bytes
  BOOST_TEST(displayed_token(folded, 3) == "ÉTÉ");
}

BOOST_AUTO_TEST_CASE(decomposed_accents_compatibility_forms_and_full_case_folding) {
  BOOST_TEST(folded_tokens("Schro\xCC\x88"
                           "dinger") == Words{"schrodinger"},
             boost::test_tools::per_element());
  BOOST_TEST(folded_tokens("\xEF\xAC\x81ne Stra\xC3\x9F"
                           "e \xEF\xBC\xA1\xEF\xBC\xA9") ==
                 (Words{"fine", "strasse", "ai"}),  // ﬁ ligature, ß, fullwidth ＡＩ
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unicode_dashes_and_punctuation_separate_words) {
  BOOST_TEST(folded_tokens("text\xE2\x80\x93to\xE2\x80\x94image \xE2\x80\x9Cquoted\xE2\x80\x9D") ==
                 (Words{"text", "to", "image", "quoted"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cjk_characters_are_tokens_of_their_own) {
  const std::string text = "基于GPT模型";
  const FoldedText folded(text);
  BOOST_TEST(folded_tokens(text) == (Words{"基", "于", "gpt", "模", "型"}),
             boost::test_tools::per_element());
  BOOST_TEST(displayed_token(folded, 2) == "GPT");
}

BOOST_AUTO_TEST_CASE(lone_marks_and_empty_text_give_no_tokens) {
  BOOST_TEST(folded_tokens("").empty());
  BOOST_TEST(folded_tokens(" -- \xCC\x88 ").empty());
}

BOOST_AUTO_TEST_CASE(trim_flex_strips_spaces_dashes_and_underscores_only) {
  BOOST_TEST(trim_flex(" \xE2\x80\x93_ ") == "");
  BOOST_TEST(trim_flex(" . ") == ".");
  BOOST_TEST(trim_flex("-, ") == ",");
}

// ---- the matcher's tokenizer: bitmasks + segments (both builds of the kernels) ----

namespace {

using papersieve::rules::FieldBits;
using papersieve::rules::FieldKernels;
using papersieve::rules::Token;
using papersieve::rules::TokenCursor;

struct Cut {
  std::uint32_t start, end;
  std::string folded;
  bool operator==(const Cut& o) const {
    return start == o.start && end == o.end && folded == o.folded;
  }
};
std::ostream& operator<<(std::ostream& os, const Cut& c) {
  return os << "[" << c.start << "," << c.end << ") " << c.folded;
}

std::vector<Cut> reference_cuts(std::string_view text) {
  TokenCursor cursor(text);
  Token token;
  std::vector<Cut> out;
  while (cursor.next(token)) out.push_back({token.start, token.end, std::string(token.folded)});
  return out;
}

std::vector<Cut> fast_cuts(std::string_view text, FieldBits& bits, FieldKernels kernels) {
  papersieve::rules::prepare_field(text, bits, kernels);
  papersieve::rules::find_segments(bits, kernels);
  TokenCursor slow{std::string_view()};
  std::vector<Cut> out;
  papersieve::rules::for_each_token(
      text, bits, slow, [&](std::size_t start, std::size_t end, std::string_view folded, bool) {
        out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end),
                       std::string(folded)});
      });
  return out;
}

// Words and separators whose runs cross 64-byte blocks: ASCII, capitals, accents, CJK, long
// tokens, dense punctuation.
std::string random_field(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Model",
                                                  "DIFFUSION",
                                                  "café",
                                                  "naïve",
                                                  "Schrödinger",
                                                  "机器学习",
                                                  "x1",
                                                  "GPT-4o",
                                                  "C++",
                                                  ".NET",
                                                  "e.g.",
                                                  std::string(70, 'z'),
                                                  std::string(63, 'Q') + "é",
                                                  "—",
                                                  "\xFF",
                                                  "(x)",
                                                  "1234567890",
                                                  "über",
                                                  "ſtrong"};
  static const std::vector<std::string> gaps = {" ", "", "-", "  ", ",", "\n", "_", "/"};
  std::string text;
  const int n = std::uniform_int_distribution<int>(0, 80)(rng);
  for (int i = 0; i < n; ++i) {
    text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    text += gaps[std::uniform_int_distribution<std::size_t>(0, gaps.size() - 1)(rng)];
  }
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bitmask_tokens_are_the_cursor_tokens_with_every_kernel_build) {
  std::mt19937 rng(11);
  std::size_t checked = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_field(rng);
    const auto expected = reference_cuts(text);
    FieldBits baseline_bits, avx2_bits;
    BOOST_TEST(fast_cuts(text, baseline_bits, FieldKernels::baseline) == expected,
               boost::test_tools::per_element());
    if (!papersieve::rules::field_kernels_available(FieldKernels::avx2)) continue;
    BOOST_TEST(fast_cuts(text, avx2_bits, FieldKernels::avx2) == expected,
               boost::test_tools::per_element());
    // The two builds compute the same masks, lowered text and segments.
    BOOST_TEST(avx2_bits.word == baseline_bits.word);
    BOOST_TEST(avx2_bits.high == baseline_bits.high);
    BOOST_TEST(avx2_bits.lowered == baseline_bits.lowered);
    BOOST_TEST(avx2_bits.segments == baseline_bits.segments);
    for (std::size_t k = 0; k < baseline_bits.segments; ++k) {
      BOOST_TEST(avx2_bits.starts[k] == baseline_bits.starts[k]);
      BOOST_TEST(avx2_bits.ends[k] == baseline_bits.ends[k]);
    }
    BOOST_TEST(avx2_bits.high_bytes == baseline_bits.high_bytes);
    ++checked;
  }
  BOOST_TEST_MESSAGE("kernel builds compared on " << checked << " texts");
}

BOOST_AUTO_TEST_CASE(papersieve_simd_baseline_forces_the_baseline_build) {
  const char* forced = std::getenv("PAPERSIEVE_SIMD");
  if (forced != nullptr && std::string(forced) == "baseline") {
    BOOST_TEST((papersieve::rules::field_kernels() == FieldKernels::baseline));
  } else {
    const bool avx2 = papersieve::rules::field_kernels_available(FieldKernels::avx2);
    BOOST_TEST((papersieve::rules::field_kernels() == FieldKernels::avx2) == avx2);
  }
}
