// Tokenizing and folding displayed text for whole-word matching.
#define BOOST_TEST_MODULE folded_text
#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "rules/match/folded_text.hpp"
#include "rules/match/keep_segments.hpp"
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

// Every token by the matcher's passes: all segments kept, the non-ASCII ones tokenized again.
// Ordinals must count the tokens from 1.
std::vector<Cut> fast_cuts(std::string_view text, FieldBits& bits, FieldKernels kernels) {
  papersieve::rules::prepare_field(text, bits, kernels);
  papersieve::rules::find_segments(bits);
  papersieve::rules::FeatureTable none;
  none.finish();
  papersieve::rules::KeptSegments kept;
  papersieve::rules::keep_segments(bits, none.bloom(), true, kept);
  TokenCursor slow{std::string_view()};
  std::vector<Cut> out;
  papersieve::rules::for_each_kept_token(
      text, bits, kept, slow, [](std::uint64_t) {},
      [&](std::uint32_t start, std::uint32_t end, std::string_view folded, std::uint32_t ordinal,
          bool ascii, std::uint64_t hash) {
        BOOST_TEST(ordinal == out.size() + 1);
        if (ascii) BOOST_TEST(hash == papersieve::rules::hash_token(folded.data(), folded.size()));
        out.push_back({start, end, std::string(folded)});
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

BOOST_AUTO_TEST_CASE(sub_and_superscripts_fold_to_plain_letters_and_digits) {
  // What rendered TeX math displays, folded to what a reader types.
  BOOST_TEST(
      folded_tokens("CeAg\u2082Ge\u2082 and TiSe\u2082") == (Words{"ceag2ge2", "and", "tise2"}),
      boost::test_tools::per_element());
  BOOST_TEST(folded_tokens("10\u207B\u2075 C\u02B0 H\u1D56 x\u1D62\u2C7C \u2124 \U0001D4A6") ==
                 (Words{"10", "5", "ch", "hp", "xij", "z", "k"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(greek_letters_are_tokens_named_like_their_letters) {
  // α is "alpha" whatever its case, accent, variant or math style; each letter is a token.
  BOOST_TEST(folded_tokens("\u03B1 \u0391 \u03AC \u03F5 \u00B5 \U0001D6FC \u1D5D") ==
                 (Words{"alpha", "alpha", "alpha", "epsilon", "mu", "alpha", "beta"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      folded_tokens("H\u03B1 line, \u03C0\u03C0 scattering, \u039BCDM, \u03BD\u0304\u2091") ==
          (Words{"h", "alpha", "line", "pi", "pi", "scattering", "lambda", "cdm", "nu", "e"}),
      boost::test_tools::per_element());
  const FoldedText folded("x \u03C0\u03C0 y");  // spans keep the displayed bytes
  BOOST_TEST(displayed_token(folded, 1) == "\u03C0");
  BOOST_TEST(displayed_token(folded, 2) == "\u03C0");
}

BOOST_AUTO_TEST_CASE(bitmask_tokens_are_the_cursor_tokens_with_every_kernel_build) {
  std::mt19937 rng(11);
  std::size_t checked = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_field(rng);
    const auto expected = reference_cuts(text);
    FieldBits portable_bits;
    BOOST_TEST(fast_cuts(text, portable_bits, FieldKernels::portable) == expected,
               boost::test_tools::per_element());
    for (FieldKernels kernels : {FieldKernels::sse2, FieldKernels::avx2, FieldKernels::avx512}) {
      if (!papersieve::rules::field_kernels_available(kernels)) continue;
      FieldBits bits;
      BOOST_TEST(fast_cuts(text, bits, kernels) == expected, boost::test_tools::per_element());
      BOOST_TEST((bits.kernels == kernels));  // recorded, and used by the later steps
      // Every build computes the same masks, lowered text and segments.
      BOOST_TEST(bits.word == portable_bits.word);
      BOOST_TEST(bits.high == portable_bits.high);
      BOOST_TEST(bits.lowered == portable_bits.lowered);
      BOOST_TEST(bits.segments == portable_bits.segments);
      for (std::size_t k = 0; k < portable_bits.segments; ++k) {
        BOOST_TEST(bits.starts[k] == portable_bits.starts[k]);
        BOOST_TEST(bits.ends[k] == portable_bits.ends[k]);
      }
      if (kernels != FieldKernels::avx512) BOOST_TEST(bits.high_bytes == portable_bits.high_bytes);
      ++checked;
    }
  }
  BOOST_TEST_MESSAGE("kernel builds compared with the portable one " << checked << " times");
}

BOOST_AUTO_TEST_CASE(papersieve_simd_caps_the_build) {
  const char* forced = std::getenv("PAPERSIEVE_SIMD");
  const std::string cap = forced != nullptr ? forced : "";
  const FieldKernels limit = cap == "portable"                    ? FieldKernels::portable
                             : cap == "sse2" || cap == "baseline" ? FieldKernels::sse2
                             : cap == "avx2"                      ? FieldKernels::avx2
                                                                  : FieldKernels::avx512;
  // The best build at or below the cap that the CPU has (portable always).
  FieldKernels expected = FieldKernels::portable;
  for (FieldKernels k : {FieldKernels::sse2, FieldKernels::avx2, FieldKernels::avx512})
    if (k <= limit && papersieve::rules::field_kernels_available(k)) expected = k;
  BOOST_TEST((papersieve::rules::field_kernels() == expected));
  BOOST_TEST_MESSAGE("PAPERSIEVE_SIMD=" << cap << ": build "
                                        << static_cast<int>(papersieve::rules::field_kernels()));
}

// keep_segments with a real Bloom filter and prefix stems: every build keeps the same
// segments, never drops a word of the table or a token that starts with a stem, and drops most
// of the others.
BOOST_AUTO_TEST_CASE(every_build_keeps_the_same_segments_and_every_table_word) {
  using papersieve::rules::KeptSegments;
  papersieve::rules::FeatureTable table;
  const std::vector<std::string> words = {"diffusion",          "x1",    "4o", "1234567890",
                                          std::string(70, 'z'), "absent"};
  for (const std::string& w : words) table.add_word(w);
  const std::vector<std::string> stems = {"diff", "q", "x"};
  for (const std::string& stem : stems) table.add_prefix(stem);
  table.finish();
  std::mt19937 rng(23);
  std::size_t others = 0, others_kept = 0;  // ASCII segments not in the table
  for (int round = 0; round < 300; ++round) {
    const std::string text = random_field(rng);
    FieldBits base_bits;
    KeptSegments base;
    papersieve::rules::prepare_field(text, base_bits, FieldKernels::portable);
    papersieve::rules::find_segments(base_bits);
    papersieve::rules::keep_segments(base_bits, table.bloom(), false, base);
    std::size_t next = 0;  // the table's words among the ASCII segments are all kept
    for (std::size_t k = 0; k < base_bits.segments; ++k) {
      const std::string_view seg(base_bits.lowered.data() + base_bits.starts[k],
                                 base_bits.ends[k] - base_bits.starts[k]);
      while (next < base.count && (base.segment[next] & ~KeptSegments::kHigh) < k) ++next;
      const bool kept = next < base.count && (base.segment[next] & ~KeptSegments::kHigh) == k;
      const bool ascii = kept && !(base.segment[next] & KeptSegments::kHigh);
      const bool seg_ascii = std::all_of(
          seg.begin(), seg.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      const bool stemmed = std::any_of(stems.begin(), stems.end(), [&](const std::string& s) {
        return seg.size() > s.size() && seg.substr(0, s.size()) == s;
      });
      if (stemmed || std::find(words.begin(), words.end(), std::string(seg)) != words.end()) {
        BOOST_TEST((kept && ascii == seg_ascii),
                   "table word or stemmed token " << seg << " dropped");
      } else if (seg_ascii && !std::any_of(stems.begin(), stems.end(), [&](const std::string& s) {
                   return seg.substr(0, 2) == s.substr(0, 2) || (s.size() == 1 && seg[0] == s[0]);
                 })) {  // a token with a stem's head is kept too (it may start with the stem)
        ++others;
        others_kept += kept;
      }
    }
    for (FieldKernels kernels : {FieldKernels::sse2, FieldKernels::avx2, FieldKernels::avx512}) {
      if (!papersieve::rules::field_kernels_available(kernels)) continue;
      FieldBits bits;
      KeptSegments kept;
      papersieve::rules::prepare_field(text, bits, kernels);
      papersieve::rules::find_segments(bits);
      papersieve::rules::keep_segments(bits, table.bloom(), false, kept);
      BOOST_TEST_REQUIRE(kept.count == base.count);
      for (std::size_t k = 0; k < base.count; ++k) {
        BOOST_TEST(kept.start[k] == base.start[k]);
        BOOST_TEST(kept.end[k] == base.end[k]);
        BOOST_TEST(kept.segment[k] == base.segment[k]);
        if (!(base.segment[k] & KeptSegments::kHigh)) BOOST_TEST(kept.hash[k] == base.hash[k]);
      }
    }
  }
  BOOST_TEST(others_kept * 20 < others);  // the filter filters
  BOOST_TEST_MESSAGE(others_kept << " of " << others << " other ASCII segments kept");
}
