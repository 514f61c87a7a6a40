#define BOOST_TEST_MODULE ris
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::check_accounting;
using test_support::contains;
using test_support::read_raw;
using test_support::with_severity;

namespace {

using Strings = std::vector<std::string>;

std::string library() {
  return test_support::read_file(std::string(PSV_TEST_DATA_DIR) + "/library.ris");
}

Corpus parse_ris(const std::string& input, Format format = Format::ris) {
  Corpus c = parse(input, ParseOptions{format, "test.ris"});
  check_accounting(c);
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(shared_sample_rejects_nothing) {
  const std::string path = test_support::shared_data("ris_full_tags.ris");
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  check_accounting(c);
  BOOST_TEST(c.format == Format::ris);  // detected
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.stats.rejected == 0u);
  BOOST_TEST(c.diagnostics.empty());  // the "1." / "2." numbering is no caveat
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Title of reference");
  BOOST_TEST(p.authors == (Strings{"Karl Marx", "Astrid Lindgren"}));
  BOOST_TEST(p.extra.at("secondary_authors") == "Daniel Glattauer");
  BOOST_TEST(p.published == "2014");
  BOOST_TEST(contains(p.abstract, "BACKGROUND: Lorem ipsum"));
  BOOST_TEST(p.categories == (Strings{"Pippi", "Nordwind", "Piraten"}));
  BOOST_TEST(p.extra.at("journal") == "Lorem");
  BOOST_TEST(p.extra.at("journal_abbreviation") == "lorem");
  BOOST_TEST(p.extra.at("volume") == "9");
  BOOST_TEST(p.links.at(0).url == "http://example.com");  // L2 before UR, in input order
  BOOST_TEST(p.source.line == 2u);
  BOOST_TEST(c.papers[1].source.line == 27u);
}

BOOST_AUTO_TEST_CASE(zotero_preprint_gives_arxiv_id_date_and_keywords) {
  const Corpus c = parse_ris(library(), Format::automatic);
  BOOST_TEST(c.format == Format::ris);
  BOOST_REQUIRE(c.papers.size() == 3u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.arxiv_id == "1706.03762");
  BOOST_TEST(p.id == "1706.03762");
  BOOST_TEST(p.title == "Attention Is All You Need");
  BOOST_TEST(p.authors == (Strings{"Ashish Vaswani", "Noam Shazeer", "Niki Parmar"}));
  BOOST_TEST(p.published == "2017-06-12");  // DA is more precise than PY
  BOOST_TEST(p.abstract ==
             "The dominant sequence transduction models are based on complex recurrent or "
             "convolutional neural networks in an encoder-decoder configuration.");
  BOOST_TEST(p.categories == (Strings{"Computer Science - Computation and Language",
                                      "Computer Science - Machine Learning"}));
  BOOST_TEST(p.extra.at("entry_type") == "PREPRINT");
  BOOST_TEST(contains(p.extra.at("doi"), "10.48550/"));  // case: add_doi's normalization
}

BOOST_AUTO_TEST_CASE(journal_article_fields) {
  const Corpus c = parse_ris(library());
  BOOST_REQUIRE(c.papers.size() == 3u);
  const Paper& p = c.papers[1];
  BOOST_TEST(p.authors == (Strings{"Troels F. Rønnow", "Zhihui Wang", "John Smith Jr."}));
  BOOST_TEST(p.extra.at("journal") == "Science");  // T2
  BOOST_TEST(p.extra.at("doi") == "10.1126/science.1252319");
  BOOST_TEST(p.arxiv_id == "1401.2910");  // AN
  BOOST_TEST(p.extra.at("start_page") == "420");
  BOOST_TEST(p.extra.at("l1") == "internal-pdf://0123456789/Ronnow.pdf");  // no web link
  for (const auto& link : p.links) BOOST_TEST(!contains(link.url, "internal-pdf"));
  const Paper& conf = c.papers[2];
  BOOST_TEST(conf.title == "A conference paper with Y1 and N2");
  BOOST_TEST(conf.abstract == "BACKGROUND: an abstract in N2.");
  BOOST_TEST(conf.published == "2014");
  BOOST_TEST(conf.extra.at("journal") == "Proceedings of Something");
  BOOST_TEST(conf.categories == (Strings{"pippi", "langstrumpf"}));
}

BOOST_AUTO_TEST_CASE(date_forms) {
  const Corpus c = parse_ris(
      "TY  - GEN\nTI  - a\nPY  - 2014\nER  - \n"
      "TY  - GEN\nTI  - b\nY1  - 2014/05/03/\nER  - \n"
      "TY  - GEN\nTI  - c\nY1  - 2014//\nER  - \n"
      "TY  - GEN\nTI  - d\nDA  - 2014/05//\nER  - \n"
      "TY  - GEN\nTI  - e\nY1  - 2014/05/03/Spring meeting\nER  - \n"
      "TY  - GEN\nTI  - f\nDA  - 2014-11-30\nER  - \n"
      "TY  - GEN\nTI  - g\nPY  - circa 1900\nER  - \n");
  BOOST_REQUIRE(c.papers.size() == 7u);
  const Strings expected{"2014", "2014-05-03", "2014", "2014-05", "2014-05-03", "2014-11-30", ""};
  for (std::size_t i = 0; i < expected.size(); ++i)
    BOOST_TEST(c.papers[i].published == expected[i], c.papers[i].title);
  BOOST_TEST(contains(c.diagnostics.back().message, "\"circa 1900\" is not a date"));
}

BOOST_AUTO_TEST_CASE(bom_crlf_and_tag_variants) {
  const std::string input =
      "\xEF\xBB\xBFTY  - JOUR\r\n"
      "TI - One space before the hyphen\r\n"
      "AU  - Doe, Jane\r\n"
      "ER  -\r\n";
  const Corpus c = parse_ris(input, Format::automatic);
  BOOST_TEST(c.format == Format::ris);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "One space before the hyphen");
  BOOST_TEST(c.papers[0].authors == Strings{"Jane Doe"});
  BOOST_TEST(c.diagnostics.empty());
}

BOOST_AUTO_TEST_CASE(continuation_lines_join_the_value_before) {
  const auto out = read_raw(Format::ris,
                            "TY  - JOUR\nTI  - A title that\n  wraps\nAB  - First line\n"
                            "second line\n\nthird after a blank\nER  - \n");
  BOOST_REQUIRE(out.papers.size() == 1u);
  BOOST_TEST(out.papers[0].title == "A title that\nwraps");
  BOOST_TEST(out.papers[0].abstract == "First line\nsecond line\nthird after a blank");
}

BOOST_AUTO_TEST_CASE(junk_between_records_is_skipped_with_one_note) {
  const std::string input =
      "Exported from somewhere\n1.\nTY  - JOUR\nTI  - A\nER  - \n\n[2]\n"
      "some stray text\nTY  - JOUR\nTI  - B\nER  - \n";
  const Corpus c = parse_ris(input);
  BOOST_TEST(c.papers.size() == 2u);
  const auto notes = with_severity(c, Severity::warning);
  BOOST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(contains(notes[0]->message, "2 line(s) outside TY ... ER records"), notes[0]->message);
  BOOST_TEST(notes[0]->line == 1u);
}

BOOST_AUTO_TEST_CASE(record_without_er_at_the_end_is_kept_with_a_note) {
  const Corpus c = parse_ris("TY  - JOUR\nTI  - Complete\nER  - \nTY  - JOUR\nTI  - Cut off\n");
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[1].title == "Cut off");
  const auto notes = with_severity(c, Severity::warning);
  BOOST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0]->line == 4u);
  BOOST_TEST(contains(notes[0]->message, "end of the input"), notes[0]->message);
}

BOOST_AUTO_TEST_CASE(missing_er_before_the_next_ty_and_er_without_ty) {
  const std::string input =
      "TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\nER  - \nER  - \n"
      "TI  - No type\nER  - \n";
  const Corpus c = parse_ris(input);
  BOOST_REQUIRE(c.papers.size() == 3u);
  BOOST_TEST(c.papers[0].title == "First");
  BOOST_TEST(c.papers[1].title == "Second");
  BOOST_TEST(c.papers[2].title == "No type");
  const auto notes = with_severity(c, Severity::warning);
  BOOST_REQUIRE(notes.size() == 3u);
  BOOST_TEST(contains(notes[0]->message, "before the next TY"));
  BOOST_TEST(notes[0]->line == 1u);
  BOOST_TEST(contains(notes[1]->message, "\"ER\" line without a record"));
  BOOST_TEST(notes[1]->line == 6u);
  BOOST_TEST(notes[1]->byte_offset == input.find("ER  - \nTI"));
  BOOST_TEST(contains(notes[2]->message, "without a \"TY  - \" line"));
}

BOOST_AUTO_TEST_CASE(record_without_title_is_rejected_with_its_position) {
  const std::string input =
      "TY  - JOUR\nTI  - Fine\nER  - \n1.\nTY  - JOUR\nAU  - Doe, J\nER  - \n";
  const Corpus c = parse_ris(input);
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 1u);
  const auto errors = with_severity(c, Severity::error);
  BOOST_REQUIRE(errors.size() == 1u);
  BOOST_TEST(errors[0]->line == 5u);
  BOOST_TEST(errors[0]->byte_offset == input.find("TY  - JOUR\nAU"));
  BOOST_TEST(contains(errors[0]->message, "without a title"));
}

BOOST_AUTO_TEST_CASE(editors_stand_in_for_missing_authors) {
  const auto out = read_raw(Format::ris, "TY  - EDBOOK\nTI  - Edited\nA2  - Ed, Itor\nER  - \n");
  BOOST_REQUIRE(out.papers.size() == 1u);
  BOOST_TEST(out.papers[0].authors == Strings{"Itor Ed"});
  BOOST_TEST(out.papers[0].extra.count("secondary_authors") == 0u);
}

BOOST_AUTO_TEST_CASE(oversize_record_is_rejected_and_reading_goes_on) {
  ParseOptions options{Format::ris, "big.ris"};
  options.max_record_bytes = 100;
  std::string input = "TY  - JOUR\nTI  - Big\n";
  for (int i = 0; i < 20; ++i) input += "KW  - keyword\n";
  input += "ER  - \nTY  - JOUR\nTI  - Small\nER  - \n";
  const Corpus c = parse(input, options);
  check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Small");
  BOOST_TEST(c.stats.rejected == 1u);
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_records) {
  const std::string input = library();
  const auto whole = read_raw(Format::ris, input);
  for (std::size_t chunk : {1u, 5u, 64u}) {
    const auto split = read_raw(Format::ris, input, chunk);
    BOOST_REQUIRE(split.papers.size() == whole.papers.size());
    for (std::size_t i = 0; i < split.papers.size(); ++i) {
      BOOST_TEST(split.papers[i].abstract == whole.papers[i].abstract);
      BOOST_TEST(split.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
    }
  }
}

BOOST_AUTO_TEST_CASE(input_without_records_gives_nothing_and_says_so) {
  const Corpus c = parse_ris("Title: not RIS\nSummary: at all\n");
  BOOST_TEST(c.papers.empty());
  BOOST_TEST(c.stats.records == 0u);
  BOOST_TEST(contains(c.diagnostics.back().message, "no RIS"));
}

BOOST_AUTO_TEST_CASE(detection_tells_ris_from_the_text_formats) {
  BOOST_TEST(detect_format("TY  - JOUR\nTI  - T\nER  - \n") == Format::ris);
  BOOST_TEST(detect_format("1.\nTY  - JOUR\nT1  - T\nA1  - X\n") == Format::ris);
  BOOST_TEST(!is_close_call(detect_format_candidates(library())));
  BOOST_TEST(detect_format("Title: TY  - JOUR\nSummary: S\n---\n") == Format::kv_text);
  // A tag line without TY is no RIS (nor any format: auto refuses it).
  BOOST_TEST(detect_format("A title\nAn abstract.\nTI  - no TY line\n") == Format::automatic);
  BOOST_TEST(detect_format("\\\\\narXiv:2401.00001\nTitle: T\n\\\\\n") == Format::arxiv_mailing);
}
