// Tokenizing and folding displayed text for whole-word matching.
#define BOOST_TEST_MODULE folded_text
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
