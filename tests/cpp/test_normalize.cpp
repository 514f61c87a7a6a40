#define BOOST_TEST_MODULE normalize
#include <boost/test/unit_test.hpp>
#include <vector>

#include "papersieve/normalize.hpp"

using namespace papersieve;

BOOST_AUTO_TEST_CASE(repair_utf8_replaces_each_bad_byte) {
  std::size_t replaced = 0;
  BOOST_TEST(repair_utf8("caf\xC3\xA9", &replaced) == "caf\xC3\xA9");
  BOOST_TEST(replaced == 0u);
  BOOST_TEST(repair_utf8("a\xFF"
                         "b\xC3",
                         &replaced) ==
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD");
  BOOST_TEST(replaced == 2u);
  // Overlong encoding of '/' and an encoded surrogate are invalid, not passed through.
  BOOST_TEST(repair_utf8("\xC0\xAF", &replaced) == "\xEF\xBF\xBD\xEF\xBF\xBD");
  BOOST_TEST(repair_utf8("\xED\xA0\x80", &replaced).find("\xED\xA0\x80") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(nfc_composes_combining_marks) {
  // "e" + COMBINING ACUTE ACCENT -> "é"
  BOOST_TEST(to_nfc("Schro\xCC\x88"
                    "dinger") ==
             "Schr\xC3\xB6"
             "dinger");
  BOOST_TEST(to_nfc("plain ascii") == "plain ascii");
}

BOOST_AUTO_TEST_CASE(whitespace_collapses_including_unicode_spaces) {
  BOOST_TEST(collapse_whitespace("  a \t\n b\r\n") == "a b");
  // NO-BREAK SPACE, EM SPACE and IDEOGRAPHIC SPACE are spaces; ZERO WIDTH SPACE goes.
  BOOST_TEST(collapse_whitespace("a\xC2\xA0\xE2\x80\x83"
                                 "b\xE3\x80\x80"
                                 "c\xE2\x80\x8B"
                                 "d") == "a b cd");
  BOOST_TEST(collapse_whitespace("") == "");
  BOOST_TEST(collapse_whitespace(" \t ") == "");
}

BOOST_AUTO_TEST_CASE(clean_text_runs_every_step) {
  std::size_t replaced = 0;
  BOOST_TEST(clean_text("  Cafe\xCC\x81 \xFF  bar ", &replaced) == "Caf\xC3\xA9 \xEF\xBF\xBD bar");
  BOOST_TEST(replaced == 1u);
}

BOOST_AUTO_TEST_CASE(fold_title_ignores_case_and_spacing) {
  BOOST_TEST(fold_title("Deep  Learning") == fold_title("deep learning"));
  BOOST_TEST(fold_title("SCHR\xC3\x96"
                        "DINGER") == fold_title("schr\xC3\xB6"
                                                "dinger"));
  BOOST_TEST(fold_title("a") != fold_title("b"));
}

BOOST_AUTO_TEST_CASE(title_hash_is_stable_and_documented) {
  // FNV-1a 64 of "" is the offset basis: pins the documented algorithm.
  BOOST_TEST(title_hash_id("") == "psv-cbf29ce484222325");
  BOOST_TEST(title_hash_id("A Title") == title_hash_id("a  title"));
  BOOST_TEST(title_hash_id("A Title").size() == 20u);
  BOOST_TEST(title_hash_id("A Title") != title_hash_id("Another Title"));
}

BOOST_AUTO_TEST_CASE(short_name_from_name_colon_subtitle) {
  BOOST_TEST(short_name_of("DualPrompt: Complementary Prompting") == "DualPrompt");
  BOOST_TEST(short_name_of("Pre-train, Prompt, and Predict: A Survey") == "");
  BOOST_TEST(short_name_of("No colon here") == "");
  BOOST_TEST(short_name_of(": leading colon") == "");
}

BOOST_AUTO_TEST_CASE(normalize_paper_fills_id_and_reports_bad_bytes) {
  Paper paper;
  paper.title = "  Orbit:  Planning\n for Robots ";
  paper.abstract = "bad \xFE byte";
  paper.source.line = 7;
  std::vector<Diagnostic> notes;
  normalize_paper(paper, notes);
  BOOST_TEST(paper.title == "Orbit: Planning for Robots");
  BOOST_TEST(paper.short_name == "Orbit");
  BOOST_TEST(paper.id == title_hash_id("Orbit: Planning for Robots"));
  BOOST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0].line == 7u);
  BOOST_TEST(notes[0].message.find("abstract") != std::string::npos);

  Paper with_id;
  with_id.title = "T";
  with_id.arxiv_id = "2406.01234";
  normalize_paper(with_id, notes);
  BOOST_TEST(with_id.id == "2406.01234");
}
