#define BOOST_TEST_MODULE bibtex
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::check_accounting;
using test_support::contains;
using test_support::read_raw;

namespace {

using Strings = std::vector<std::string>;

std::string library() {
  return test_support::read_file(std::string(PSV_TEST_DATA_DIR) + "/references.bib");
}

Corpus parse_bib(const std::string& input, Format format = Format::bibtex) {
  Corpus c = parse(input, ParseOptions{format, "test.bib"});
  check_accounting(c);
  return c;
}

const Diagnostic* first_error(const Corpus& c) {
  const auto errors = test_support::with_severity(c, Severity::error);
  return errors.empty() ? nullptr : errors.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(library_gives_three_papers_and_no_rejection) {
  const Corpus c = parse_bib(library(), Format::automatic);
  BOOST_TEST(c.format == Format::bibtex);  // detected
  BOOST_REQUIRE(c.papers.size() == 3u);
  // @preamble, @string and @comment are no records: neither papers nor rejected.
  BOOST_TEST(c.stats.records == 3u);
  BOOST_TEST(c.stats.rejected == 0u);
  for (const auto& d : c.diagnostics) BOOST_TEST(d.severity != Severity::error, d.message);
}

BOOST_AUTO_TEST_CASE(arxiv_export_gives_id_category_and_link) {
  const Corpus c = parse_bib(library());
  const Paper& p = c.papers.at(0);
  BOOST_TEST(p.id == "1706.03762");
  BOOST_TEST(p.arxiv_id == "1706.03762");
  BOOST_TEST(p.title == "Attention Is All You Need");
  BOOST_TEST(p.authors.size() == 8u);
  BOOST_TEST(p.authors.at(5) == "Aidan N. Gomez");
  BOOST_TEST(p.categories == Strings{"cs.CL"});
  BOOST_TEST(p.published == "2017");
  BOOST_TEST(p.links.at(0).url == "https://arxiv.org/abs/1706.03762");
  BOOST_TEST(p.extra.at("citation_key") == "vaswani2017attention");
  BOOST_TEST(p.extra.at("entry_type") == "misc");
}

BOOST_AUTO_TEST_CASE(zotero_entry_last_first_names_tex_month_doi_journal) {
  const Corpus c = parse_bib(library());
  const Paper& p = c.papers.at(1);
  BOOST_TEST(p.arxiv_id == "1401.2910");
  BOOST_TEST(p.authors.at(0) == "Troels F. Rønnow");  // R{\o}nnow, decoded by the normalizer
  BOOST_TEST(p.authors.at(1) == "Zhihui Wang");
  BOOST_TEST(p.published == "2014-07");  // month = jul (a macro)
  BOOST_TEST(p.extra.at("doi") == "10.1126/science.1252319");
  BOOST_TEST(p.extra.at("journal") == "Science");
  BOOST_TEST(p.extra.at("pages") == "420–424");  // other fields kept, TeX cleaned
  BOOST_TEST(p.categories ==
             (Strings{"Quantum Physics", "Computer Science - Emerging Technologies"}));
  BOOST_TEST(contains(p.abstract, "how to\nfairly") == false);  // wrapped lines joined
  BOOST_TEST(contains(p.abstract, "how to fairly assess"));
}

BOOST_AUTO_TEST_CASE(jabref_strings_concatenation_and_case_protection) {
  const Corpus c = parse_bib(library());
  const Paper& p = c.papers.at(2);
  BOOST_TEST(p.title == "BERT-style Pre-training & Fine-Tuning for Graphs");
  BOOST_TEST(p.authors == (Strings{"Jörg Müller", "The ATLAS Collaboration", "John Smith Jr."}));
  BOOST_TEST(p.extra.at("journal") == "Advances in Neural Information Processing Systems");
  BOOST_TEST(p.extra.at("publisher") == "Curran Associates, Inc.");
  BOOST_TEST(p.published == "2019-12");
  BOOST_TEST(p.source.line == 42u);
  BOOST_TEST(p.source.byte_offset == library().find("@InProceedings"));
}

BOOST_AUTO_TEST_CASE(raw_tex_is_left_for_the_normalizer) {
  const auto out = read_raw(Format::bibtex, library());
  BOOST_REQUIRE(out.papers.size() == 3u);
  BOOST_TEST(out.papers[1].authors.at(0) == "Troels F. R{\\o}nnow");
  BOOST_TEST(out.papers[2].title == "{BERT}-style Pre-training \\& {Fine-Tuning} for {G}raphs");
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_records) {
  const std::string input = library();
  const auto whole = read_raw(Format::bibtex, input);
  for (std::size_t chunk : {1u, 7u, 100u}) {
    const auto split = read_raw(Format::bibtex, input, chunk);
    BOOST_REQUIRE(split.papers.size() == whole.papers.size());
    for (std::size_t i = 0; i < split.papers.size(); ++i) {
      BOOST_TEST(split.papers[i].title == whole.papers[i].title);
      BOOST_TEST(split.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
      BOOST_TEST(split.papers[i].source.line == whole.papers[i].source.line);
    }
  }
}

BOOST_AUTO_TEST_CASE(types_are_case_insensitive_and_parentheses_delimit_too) {
  const Corpus c = parse_bib(
      "@ARTICLE{a, TITLE = {Upper}}\n"
      "@article(b, title = \"Round (and) round\", year = 2020)\n"
      "@InBook{c, title = {Mixed}}\n"
      "@software{d, title = {Any type at all}}\n");
  BOOST_REQUIRE(c.papers.size() == 4u);
  BOOST_TEST(c.papers[0].title == "Upper");
  BOOST_TEST(c.papers[1].title == "Round (and) round");
  BOOST_TEST(c.papers[1].published == "2020");
  BOOST_TEST(c.papers[3].extra.at("entry_type") == "software");
}

BOOST_AUTO_TEST_CASE(several_entries_on_one_line) {
  const std::string input = "@misc{a, title = {A}} @misc{b, title = {B}}@misc{c, title = {C}}\n";
  const auto out = read_raw(Format::bibtex, input);
  BOOST_REQUIRE(out.papers.size() == 3u);
  BOOST_TEST(out.papers[1].title == "B");
  BOOST_TEST(out.papers[1].source.byte_offset == input.find("@misc{b"));
  BOOST_TEST(out.papers[2].source.byte_offset == input.find("@misc{c"));
}

BOOST_AUTO_TEST_CASE(nested_braces_and_quoted_values) {
  const auto out =
      read_raw(Format::bibtex,
               "@misc{k,\n  title = \"A {\"}quoted{\"} {Title {with {deep}}} value\",\n"
               "  abstract = {Outer {inner {innermost}} \"quotes\" stay},\n}\n");
  BOOST_REQUIRE(out.papers.size() == 1u);
  BOOST_TEST(out.papers[0].title == "A {\"}quoted{\"} {Title {with {deep}}} value");
  BOOST_TEST(out.papers[0].abstract == "Outer {inner {innermost}} \"quotes\" stay");
}

BOOST_AUTO_TEST_CASE(tex_escapes_are_decoded_once) {
  const Corpus c = parse_bib(
      "@article{k, title = {{\\\"U}ber Caf{\\'e} \\& Na{\\\"\\i}ve {Ba}yes},\n"
      "  author = {Erd{\\H{o}}s, Paul and G{\\\"o}del, Kurt}}\n");
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Über Café & Naïve Bayes");
  BOOST_TEST(c.papers[0].authors == (Strings{"Paul Erdős", "Kurt Gödel"}));
}

BOOST_AUTO_TEST_CASE(authors_split_on_and_at_brace_depth_zero) {
  const auto out =
      read_raw(Format::bibtex,
               "@misc{k, title = {T}, author = {Last, First AND {Barnes and Noble} and\n"
               "   van der Berg, Jan and Anderson, Andy and others}}\n");
  BOOST_REQUIRE(out.papers.size() == 1u);
  BOOST_TEST(out.papers[0].authors ==
             (Strings{"First Last", "{Barnes and Noble}", "Jan van der Berg", "Andy Anderson"}));
}

BOOST_AUTO_TEST_CASE(month_forms_and_biblatex_date) {
  const Corpus c = parse_bib(
      "@misc{a, title = {A}, year = {2014}, month = {May}}\n"
      "@misc{b, title = {B}, year = 2014, month = 9}\n"
      "@misc{c, title = {C}, year = \"2014\", month = \"sep\"}\n"
      "@misc{d, title = {D}, date = {2014-05-03}, year = 1999}\n"
      "@misc{e, title = {E}, date = {2014-05/2015}}\n"
      "@misc{f, title = {F}, year = {2014}, month = {Spring}}\n");
  BOOST_REQUIRE(c.papers.size() == 6u);
  BOOST_TEST(c.papers[0].published == "2014-05");
  BOOST_TEST(c.papers[1].published == "2014-09");
  BOOST_TEST(c.papers[2].published == "2014-09");
  BOOST_TEST(c.papers[3].published == "2014-05-03");
  BOOST_TEST(c.papers[4].published == "2014-05");
  BOOST_TEST(c.papers[5].published == "2014");
  bool noted = false;
  for (const auto& d : c.diagnostics)
    noted = noted || contains(d.message, "\"Spring\" is not a month");
  BOOST_TEST(noted);
}

BOOST_AUTO_TEST_CASE(arxiv_ids_from_other_fields) {
  const Corpus c = parse_bib(
      "@article{gs, title = {Scholar}, journal = {arXiv preprint arXiv:2106.09685}}\n"
      "@misc{dc, title = {DataCite}, doi = {10.48550/ARXIV.2305.18290}}\n"
      "@misc{bl, title = {BibLaTeX}, eprinttype = {arxiv}, eprint = {hep-th/9901001v2},\n"
      "  eprintclass = {hep-th}}\n"
      "@misc{hal, title = {Other archive}, archivePrefix = {HAL}, eprint = {hal-01234567}}\n"
      "@misc{men, title = {Mendeley}, arxivId = {1409.0473}}\n");
  BOOST_REQUIRE(c.papers.size() == 5u);
  BOOST_TEST(c.papers[0].arxiv_id == "2106.09685");
  BOOST_TEST(c.papers[1].arxiv_id == "2305.18290");
  BOOST_TEST(c.papers[2].arxiv_id == "hep-th/9901001");
  BOOST_TEST(c.papers[2].categories == Strings{"hep-th"});
  BOOST_TEST(c.papers[3].arxiv_id.empty());
  BOOST_TEST(c.papers[3].extra.at("eprint") == "HAL:hal-01234567");
  BOOST_TEST(c.papers[4].arxiv_id == "1409.0473");
}

BOOST_AUTO_TEST_CASE(verbatim_fields_lose_tex_escapes) {
  const Corpus c = parse_bib(
      "@misc{k, title = {T}, doi = {10.1000/a\\_b}, url = {\\url{https://example.org/x\\_y}}}\n");
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].extra.at("doi") == "10.1000/a_b");
  bool linked = false;
  for (const auto& link : c.papers[0].links)
    linked = linked || link.url == "https://example.org/x_y";
  BOOST_TEST(linked);
}

BOOST_AUTO_TEST_CASE(unbalanced_entry_is_rejected_and_the_next_one_read) {
  const std::string input =
      "@article{broken,\n"
      "  title = {Never {closed},\n"
      "  year = 2020,\n"
      "\n"
      "@article{good, title = {Good}}\n";
  const Corpus c = parse_bib(input);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Good");
  BOOST_TEST(c.papers[0].source.line == 5u);
  BOOST_TEST(c.stats.rejected == 1u);
  const Diagnostic* d = first_error(c);
  BOOST_REQUIRE(d != nullptr);
  BOOST_TEST(d->line == 1u);
  BOOST_TEST(d->byte_offset == 0u);
  BOOST_TEST(contains(d->message, "@article{broken"), d->message);
  BOOST_TEST(contains(d->message, "unbalanced braces"), d->message);
  BOOST_TEST(contains(d->message, "line 5"), d->message);
}

BOOST_AUTO_TEST_CASE(unclosed_entry_at_the_end_is_rejected) {
  const Corpus c = parse_bib("@misc{ok, title = {Fine}}\n\n@misc{cut, title = {Cut off");
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 1u);
  const Diagnostic* d = first_error(c);
  BOOST_REQUIRE(d != nullptr);
  BOOST_TEST(d->line == 3u);
  BOOST_TEST(d->byte_offset == 27u);
  BOOST_TEST(contains(d->message, "end of the input"), d->message);
}

BOOST_AUTO_TEST_CASE(missing_key_and_bad_fields_are_rejected_where_they_are) {
  const std::string input =
      "@article{title = {No key}, year = 2020}\n"
      "@article{k1,\n  title {missing equals}}\n"
      "@article{k2, title = {T} year = 2020}\n"
      "@article{k3, title = {T}, year = }\n"
      "@article{k4, author = {Only an author}}\n"
      "@article{fine, title = {Fine}}\n";
  const Corpus c = parse_bib(input);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Fine");
  BOOST_TEST(c.stats.rejected == 5u);
  const auto errors = test_support::with_severity(c, Severity::error);
  BOOST_REQUIRE(errors.size() == 5u);
  BOOST_TEST(contains(errors[0]->message, "without a citation key"), errors[0]->message);
  BOOST_TEST(errors[0]->line == 1u);
  BOOST_TEST(errors[0]->byte_offset == 9u);  // where the key should be
  BOOST_TEST(contains(errors[1]->message, "expected '=' after field name \"title\""));
  BOOST_TEST(errors[1]->line == 3u);  // the field's line, not the entry's
  BOOST_TEST(errors[1]->byte_offset == input.find("{missing"));
  BOOST_TEST(contains(errors[2]->message, "expected ',' or '}'"), errors[2]->message);
  BOOST_TEST(contains(errors[3]->message, "expected a value"), errors[3]->message);
  BOOST_TEST(contains(errors[4]->message, "has no title"), errors[4]->message);
  BOOST_TEST(errors[4]->line == 6u);
}

BOOST_AUTO_TEST_CASE(fields_commented_out_with_percent_are_skipped) {
  const Corpus c = parse_bib(
      "@misc{k,\n  title = {T 50\\% off},\n  % note = {old},\n  %% year = 1999,\n  year = "
      "2020\n}\n");
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "T 50% off");
  BOOST_TEST(c.papers[0].published == "2020");
  BOOST_TEST(c.papers[0].extra.count("note") == 0u);
}

BOOST_AUTO_TEST_CASE(type_without_delimiter_is_rejected) {
  const Corpus c = parse_bib("@article\n@misc{k, title = {T}}\n@article key, title = {X}\n");
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 2u);
  const auto errors = test_support::with_severity(c, Severity::error);
  BOOST_REQUIRE(errors.size() == 2u);
  BOOST_TEST(contains(errors[0]->message, "no '{' or '(' after the entry type before the next"),
             errors[0]->message);
  BOOST_TEST(contains(errors[1]->message, "expected '{' or '(' after the entry type"),
             errors[1]->message);
}

BOOST_AUTO_TEST_CASE(undefined_macro_is_kept_and_noted) {
  const Corpus c = parse_bib("@misc{k, title = {T}, journal = jmlr}\n");
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].extra.at("journal") == "jmlr");
  BOOST_REQUIRE(!c.diagnostics.empty());
  BOOST_TEST(contains(c.diagnostics[0].message, "undefined @string macro \"jmlr\""));
}

BOOST_AUTO_TEST_CASE(comments_and_junk_between_entries) {
  const std::string input =
      "\xEF\xBB\xBF%% BibDesk header\r\n"
      "@comment{ @article{inside, title = {Not an entry}} }\r\n"
      "junk line with an @misc{x, title = {mid-line}} in it\r\n"
      "@misc{real,\r\n  title = {Real}\r\n}\r\n"
      "@ not an entry\r\n";
  const Corpus c = parse_bib(input);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Real");
  BOOST_TEST(c.papers[0].source.line == 4u);
  BOOST_TEST(c.papers[0].source.byte_offset == input.find("@misc{real"));
  BOOST_TEST(c.stats.rejected == 0u);
}

BOOST_AUTO_TEST_CASE(oversize_entry_is_rejected_and_reading_goes_on) {
  ParseOptions options{Format::bibtex, "big.bib"};
  options.max_record_bytes = 200;
  std::string lines;  // short lines, a long entry
  for (int i = 0; i < 30; ++i) lines += "  word word word\n";
  const std::string input = "@misc{long, title = {Long}, abstract = {\n" + lines + "}}\n" +
                            "@misc{wide, title = {Wide}, abstract = {" + std::string(500, 'x') +
                            "\n" + std::string(500, 'y') + "}}\n@misc{small, title = {Small}}\n";
  const Corpus c = parse(input, options);
  check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Small");
  BOOST_TEST(c.stats.rejected == 2u);
}

BOOST_AUTO_TEST_CASE(input_without_entries_gives_nothing_and_says_so) {
  const Corpus c = parse_bib("Just some text.\nNo entries here.\n");
  BOOST_TEST(c.papers.empty());
  BOOST_TEST(c.stats.records == 0u);
  BOOST_REQUIRE(!c.diagnostics.empty());
  BOOST_TEST(contains(c.diagnostics.back().message, "no BibTeX"));
}

BOOST_AUTO_TEST_CASE(detection_tells_bibtex_from_the_text_formats) {
  BOOST_TEST(detect_format("@article{k,\n  title = {T},\n}\n") == Format::bibtex);
  BOOST_TEST(detect_format("% comment\n\n@Misc{k, title={T}}\n@misc{j, title={U}}\n") ==
             Format::bibtex);
  BOOST_TEST(!is_close_call(detect_format_candidates(library())));
  // Text formats with an '@' stay themselves.
  BOOST_TEST(detect_format("Title: A @misc{x} paper\nSummary: S\n---\n") == Format::kv_text);
  // Plain text with an '@' is no BibTeX (nor any format: auto refuses it).
  BOOST_TEST(detect_format("A title\nAn abstract mentioning @article{x, by e-mail.\n") ==
             Format::automatic);
  BOOST_TEST(detect_format("\\\\\narXiv:2401.00001\nTitle: @misc{t}\n\\\\\n") ==
             Format::arxiv_mailing);
}
