#define BOOST_TEST_MODULE scholarly_json
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "parse/jats_text.hpp"
#include "parse/openalex_record.hpp"
#include "parse/record_fields.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

Corpus read(Format format, const std::string& text) {
  return parse(text, ParseOptions{format, "test"});
}

std::string data_file(const std::string& name) {
  return test_support::read_file(std::string(PSV_TEST_DATA_DIR) + "/scholarly/" + name);
}

std::string extra(const Paper& p, const std::string& key) {
  const auto it = p.extra.find(key);
  return it == p.extra.end() ? std::string() : it->second;
}

bool has_link(const Paper& p, const std::string& url) {
  for (const auto& link : p.links)
    if (link.url == url) return true;
  return false;
}

// Stats on a shared sample: nothing rejected.
Corpus sample(const std::string& name, Format expected) {
  const std::string path = test_support::shared_data(name);
  if (path.empty()) return {};
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == expected);
  BOOST_TEST(c.stats.rejected == 0u);
  test_support::check_accounting(c);
  return c;
}

}  // namespace

// ---- semantic-scholar ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(s2_search_response_and_every_field) {
  const std::string doc =
      R"({"total": 2, "offset": 0, "next": 2, "data": [
      {"paperId": "abc123", "externalIds": {"ArXiv": "2106.09685", "DOI": "10.48550/arXiv.2106.09685",
        "CorpusId": 235458009, "PubMed": null},
       "url": "https://www.semanticscholar.org/paper/abc123", "title": "LoRA: Low-Rank Adaptation",
       "abstract": null, "venue": "ICLR", "year": 2021, "publicationDate": "2021-06-17",
       "authors": [{"authorId": "1", "name": "Edward J. Hu"}, {"authorId": null, "name": "Yelong Shen"}],
       "openAccessPdf": {"url": "https://arxiv.org/pdf/2106.09685", "status": "GREEN"},
       "fieldsOfStudy": ["Computer Science"],
       "s2FieldsOfStudy": [{"category": "Computer Science", "source": "external"}, {"category": "Mathematics", "source": "s2-fos-model"}],
       "tldr": {"model": "tldr@v2.0.0", "text": "A low-rank method."}},
      {"paperId": "def456", "title": "Only a year", "year": 1999}]})";
  const Corpus c = read(Format::semantic_scholar, doc);
  BOOST_TEST(c.stats.rejected == 0u);
  BOOST_TEST_REQUIRE(c.papers.size() == 2u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.id == "2106.09685");
  BOOST_TEST(p.abstract.empty());  // null is absence
  BOOST_TEST(p.authors == (std::vector<std::string>{"Edward J. Hu", "Yelong Shen"}));
  BOOST_TEST(p.published == "2021-06-17");
  BOOST_TEST(p.categories == (std::vector<std::string>{"Computer Science", "Mathematics"}));
  BOOST_TEST(extra(p, "doi") == "10.48550/arxiv.2106.09685");
  BOOST_TEST(extra(p, "corpusid") == "235458009");
  BOOST_TEST(extra(p, "journal") == "ICLR");
  BOOST_TEST(extra(p, "tldr") == "A low-rank method.");
  BOOST_TEST(extra(p, "s2_paper_id") == "abc123");
  BOOST_TEST(has_link(p, "https://arxiv.org/pdf/2106.09685"));
  BOOST_TEST(c.papers[1].published == "1999");  // year alone: a partial date
  BOOST_TEST(c.papers[1].id.substr(0, 4) == "psv-");
}

BOOST_AUTO_TEST_CASE(s2_batch_nulls_are_skipped_and_counted) {
  const Corpus c =
      read(Format::semantic_scholar,
           R"([{"paperId": "a", "title": "One"}, null, {"paperId": "b", "title": "Two"}, null])");
  BOOST_TEST(c.papers.size() == 2u);
  BOOST_TEST(c.stats.records == 2u);
  bool noted = false;
  for (const auto& d : c.diagnostics) noted = noted || contains(d.message, "2 null items");
  BOOST_TEST(noted);
}

BOOST_AUTO_TEST_CASE(s2_single_paper_citations_and_datasets_lines) {
  BOOST_TEST(
      read(Format::semantic_scholar, R"({"paperId": "x", "title": "Single"})").papers.size() == 1u);
  const Corpus cites =
      read(Format::semantic_scholar,
           R"({"offset": 0, "data": [{"citingPaper": {"paperId": "c", "title": "Citer"}}]})");
  BOOST_TEST_REQUIRE(cites.papers.size() == 1u);
  BOOST_TEST(cites.papers[0].title == "Citer");
  // The datasets: lower-case keys, corpusid an int, externalids.CorpusId a string.
  const std::string lines =
      R"({"corpusid": 42, "externalids": {"ArXiv": null, "DOI": "10.1000/XYZ", "CorpusId": "42", "PubMed": "123"}, "title": "Dataset paper", "authors": [{"authorId": "9", "name": "A. Author"}], "venue": "Nature", "year": 2020, "publicationdate": "2020-02-03", "s2fieldsofstudy": [{"category": "Biology", "source": "s2-fos-model"}], "isopenaccess": false})"
      "\n"
      R"({"corpusid": 43, "externalids": {}, "title": "Second", "year": null})"
      "\n";
  BOOST_TEST(detect_format(lines) == Format::semantic_scholar);
  const Corpus c = read(Format::semantic_scholar, lines);
  BOOST_TEST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].id == "doi:10.1000/xyz");
  BOOST_TEST(extra(c.papers[0], "pmid") == "123");
  BOOST_TEST(extra(c.papers[0], "corpusid") == "42");
  BOOST_TEST(c.papers[0].published == "2020-02-03");
  BOOST_TEST(c.papers[0].categories == (std::vector<std::string>{"Biology"}));
  BOOST_TEST(c.papers[1].source.line == 2u);
}

BOOST_AUTO_TEST_CASE(s2_abstracts_record_alone_is_refused_with_a_hint) {
  const Corpus c = read(Format::semantic_scholar,
                        "{\"corpusid\": 1, \"openaccessinfo\": {}, \"abstract\": \"x\"}\n"
                        "{\"corpusid\": 2, \"openaccessinfo\": {}, \"abstract\": \"y\"}\n");
  BOOST_TEST(c.stats.rejected == 2u);
  BOOST_TEST(contains(c.diagnostics[0].message, "abstracts"));
}

BOOST_AUTO_TEST_CASE(s2_shared_sample) {
  const Corpus c = sample("s2_graph_paper_search.json", Format::semantic_scholar);
  if (c.papers.empty()) return;
  BOOST_TEST(c.stats.records == 100u);
  BOOST_TEST(contains(c.papers[0].title, "Megatron-Turing NLG 530B"));
  BOOST_TEST(has_link(c.papers[0],
                      "https://www.semanticscholar.org/paper/"
                      "7cbc2a7843411a1768ab762930707af0a3c33a19"));
}

// ---- openalex -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(openalex_inverted_index_rebuilds_the_abstract) {
  rapidjson::Document d;
  // RapidJSON's SSE2 string scan reads 16 bytes at a time: parse from padded copies.
  const auto parse = [&d](std::string json) {
    json.append(16, '\0');
    d.Parse(json.c_str());
  };
  parse(R"({"learning": [1, 4], "Deep": [0], "is": [2], "deep": [3], "dup": [2]})");
  BOOST_TEST(detail::text_from_inverted_index(d) == "Deep learning is deep learning");
  parse(R"({"IndexLength": 2, "InvertedIndex": {"b": [1], "a": [0]}})");
  BOOST_TEST(detail::text_from_inverted_index(d) == "a b");
  parse(R"({"huge": [4000000000], "first": [0]})");  // far positions cost no memory
  BOOST_TEST(detail::text_from_inverted_index(d) == "first huge");
}

BOOST_AUTO_TEST_CASE(openalex_api_response) {
  const std::string doc = data_file("openalex_works.json");
  BOOST_TEST(detect_format(doc) == Format::openalex);
  const Corpus c = read(Format::openalex, doc);
  BOOST_TEST(c.stats.rejected == 0u);
  BOOST_TEST_REQUIRE(c.papers.size() == 2u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.id == "2307.09288");
  BOOST_TEST(p.abstract == "In this work, we develop and release and Llama 2.");
  BOOST_TEST(p.authors == (std::vector<std::string>{"Hugo Touvron", "Thomas Scialom"}));
  BOOST_TEST(extra(p, "affiliations") == "Hugo Touvron: Meta (Israel)");
  BOOST_TEST(p.categories ==
             (std::vector<std::string>{"Natural Language Processing Techniques", "Computer science",
                                       "Artificial intelligence"}));
  BOOST_TEST(p.published == "2023-07-18");
  BOOST_TEST(extra(p, "journal") == "arXiv (Cornell University)");
  BOOST_TEST(extra(p, "openalex") == "W4385245566");
  BOOST_TEST(extra(p, "retracted").empty());
  const Paper& q = c.papers[1];
  BOOST_TEST(q.title == "A retracted study of things");  // display_name when title is null
  BOOST_TEST(q.id == "pmid:21000001");
  BOOST_TEST(q.published == "2011");
  BOOST_TEST(extra(q, "retracted") == "true");
  BOOST_TEST(has_link(q, "https://example.org/paper"));
}

BOOST_AUTO_TEST_CASE(openalex_snapshot_lines_and_arxiv_in_locations) {
  const std::string lines =
      R"({"id": "https://openalex.org/W1", "display_name": "From the snapshot", "authorships": [], "locations": [{"landing_page_url": "http://arxiv.org/abs/1706.03762v5"}], "abstract_inverted_index": {"Attention": [0]}})"
      "\n"
      R"({"id": "https://openalex.org/W2", "title": "Second work", "authorships": []})"
      "\n"
      R"({"title": "Index as a string", "abstract_inverted_index": "{\"b\": [1], \"a\": [0]}"})"
      "\n";
  BOOST_TEST(detect_format(lines) == Format::openalex);
  const Corpus c = read(Format::openalex, lines);
  BOOST_TEST_REQUIRE(c.papers.size() == 3u);
  BOOST_TEST(c.papers[2].abstract == "a b");
  BOOST_TEST(c.papers[0].id == "1706.03762");
  BOOST_TEST(c.papers[0].version == 5);
  BOOST_TEST(c.papers[0].abstract == "Attention");
  BOOST_TEST(c.papers[1].source.line == 2u);
}

// ---- crossref -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(crossref_jats_to_clean_text) {
  BOOST_TEST(detail::jats_to_text("<jats:title>Abstract</jats:title><jats:p>We use "
                                  "<jats:italic>in vivo</jats:italic> data &amp; more.</jats:p>") ==
             "We use in vivo data & more. ");
  BOOST_TEST(detail::jats_to_text("<jats:sec><jats:title>Background</jats:title><jats:p>One."
                                  "</jats:p></jats:sec><jats:sec><jats:title>Methods</jats:title>"
                                  "<jats:p>Two&nbsp;&ndash;&#x3b1;.</jats:p></jats:sec>")
                 .find("Background One. Methods Two\u00a0\u2013\u03b1.") != std::string::npos);
  bool ok = true;  // not XML: tags stripped, never a failure
  BOOST_TEST(detail::jats_to_text("<p>broken &unknown; <b>text</p>", &ok) ==
             " broken &unknown;  text ");
  BOOST_TEST(!ok);
  BOOST_TEST(detail::jats_to_text("plain & simple") == "plain & simple");
}

BOOST_AUTO_TEST_CASE(crossref_work_list_and_partial_dates) {
  const std::string doc =
      R"({"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
    "message": {"facets": {}, "total-results": 3, "items": [
      {"DOI": "10.1000/A", "title": ["First", "ignored alternate"], "container-title": ["J. Things"],
       "issued": {"date-parts": [[2019, 7]]}, "author": [{"given": "Ada", "family": "Lovelace",
       "affiliation": [{"name": "Analytical Society"}]}, {"name": "The Consortium"}], "reference-count": 1},
      {"DOI": "10.1000/B", "title": ["Second"], "published-print": {"date-parts": [["2018"]]}},
      {"DOI": "10.1000/C", "title": [], "subtitle": ["no title"]}],
    "items-per-page": 20}})";
  BOOST_TEST(detect_format(doc) == Format::crossref);
  const Corpus c = read(Format::crossref, doc);
  BOOST_TEST(c.stats.records == 3u);
  BOOST_TEST(c.stats.rejected == 1u);  // an empty title array is no title
  BOOST_TEST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "First");
  BOOST_TEST(c.papers[0].published == "2019-07");
  BOOST_TEST(c.papers[0].id == "doi:10.1000/a");
  BOOST_TEST(c.papers[0].authors == (std::vector<std::string>{"Ada Lovelace", "The Consortium"}));
  BOOST_TEST(extra(c.papers[0], "affiliations") == "Ada Lovelace: Analytical Society");
  BOOST_TEST(extra(c.papers[0], "journal") == "J. Things");
  BOOST_TEST(c.papers[1].published == "2018");
}

BOOST_AUTO_TEST_CASE(crossref_shared_sample) {
  const Corpus c = sample("crossref_work.json", Format::crossref);
  if (c.papers.empty()) return;
  BOOST_TEST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.id == "doi:10.1038/srep16696");
  BOOST_TEST(p.abstract.substr(0, 30) == "Oligomers of alpha-synuclein a");
  BOOST_TEST(!contains(p.abstract, "<jats"));
  BOOST_TEST(!contains(p.abstract, "Abstract"));
  BOOST_TEST(p.published == "2015-11-19");
  BOOST_TEST(p.authors.front() == "Laura Tosatto");
  BOOST_TEST(extra(p, "journal") == "Scientific Reports");
}

// ---- biorxiv ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(biorxiv_versions_fold_into_one_paper) {
  const std::string doc = data_file("biorxiv_details.json");
  BOOST_TEST(detect_format(doc) == Format::biorxiv);
  const Corpus c = read(Format::biorxiv, doc);
  BOOST_TEST(c.stats.records == 2u);
  BOOST_TEST(c.stats.duplicates == 1u);
  BOOST_TEST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.id == "doi:10.1101/2020.09.09.20191205");
  BOOST_TEST(p.version == 2);
  BOOST_TEST(p.published == "2020-09-11");          // first posted
  BOOST_TEST(extra(p, "updated") == "2020-10-02");  // the latest version
  BOOST_TEST(contains(p.abstract, "second abstract"));
  BOOST_TEST(p.authors ==
             (std::vector<std::string>{"J. Smith", "A. B. van der Berg", "T. Nguyen"}));
  BOOST_TEST(p.categories == (std::vector<std::string>{"infectious diseases"}));
  BOOST_TEST(extra(p, "published_doi") == "10.1038/s41467-021-00000-0");
  BOOST_TEST(extra(p, "affiliations") == "Jane Smith: University of Somewhere");
  BOOST_TEST(has_link(p, "https://www.medrxiv.org/content/10.1101/2020.09.09.20191205v1"));
}

// ---- csl-json and zotero-json -------------------------------------------------------

BOOST_AUTO_TEST_CASE(csl_years_as_strings_or_numbers_and_literal_authors) {
  const std::string doc = R"([
    {"id": "a", "type": "article", "title": "String year", "issued": {"date-parts": [["2018", "3"]]},
     "author": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
                {"literal": "World Health Organization"}],
     "number": "arXiv:2101.00001", "abstract": "Text."},
    {"id": "b", "type": "book", "title": "Number year", "issued": {"date-parts": [[1935]]}, "DOI": "https://doi.org/10.1/B"},
    {"id": "c", "type": "webpage", "title": "Raw date", "issued": {"raw": "2017-05"}, "note": "PMID: 0012345"}])";
  BOOST_TEST(detect_format(doc) == Format::csl_json);
  const Corpus c = read(Format::csl_json, doc);
  BOOST_TEST_REQUIRE(c.papers.size() == 3u);
  BOOST_TEST(c.papers[0].published == "2018-03");
  BOOST_TEST(c.papers[0].authors ==
             (std::vector<std::string>{"Ludwig van Beethoven", "World Health Organization"}));
  BOOST_TEST(c.papers[0].id == "2101.00001");
  BOOST_TEST(c.papers[1].published == "1935");
  BOOST_TEST(c.papers[1].id == "doi:10.1/b");
  BOOST_TEST(c.papers[2].published == "2017-05");
  BOOST_TEST(c.papers[2].id == "pmid:12345");
}

BOOST_AUTO_TEST_CASE(csl_shared_sample) {
  const Corpus c = sample("zotero_better_csl.json", Format::csl_json);
  if (c.papers.empty()) return;
  BOOST_TEST(c.papers[0].published == "2018");
  BOOST_TEST(extra(c.papers[0], "citation_key") == "author59BlogPost2018");
}

BOOST_AUTO_TEST_CASE(zotero_extra_lines_give_the_arxiv_id) {
  const std::string api = R"([{"key": "ABCD", "version": 3, "library": {"type": "user"},
    "data": {"key": "ABCD", "itemType": "preprint", "title": "Wrapped in data",
      "creators": [{"creatorType": "author", "firstName": "Ada", "lastName": "Lovelace"},
                   {"creatorType": "editor", "name": "An Editor"}],
      "abstractNote": "Abs.", "date": "May 21, 2013", "extra": "Citation Key: x\narXiv: 1305.4904 [quant-ph]"}},
    {"key": "N", "data": {"itemType": "note", "note": "<p>hi</p>"}}])";
  BOOST_TEST(detect_format(api) == Format::zotero_json);
  const Corpus c = read(Format::zotero_json, api);
  BOOST_TEST(c.stats.rejected == 1u);  // the note
  BOOST_TEST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].id == "1305.4904");
  BOOST_TEST(c.papers[0].authors == (std::vector<std::string>{"Ada Lovelace"}));
  BOOST_TEST(c.papers[0].published == "2013-05-21");
}

BOOST_AUTO_TEST_CASE(zotero_shared_sample) {
  const Corpus c = sample("zotero_export.json", Format::zotero_json);
  if (c.papers.empty()) return;
  BOOST_TEST(c.papers.size() == 3u);
  BOOST_TEST(c.papers[0].id == "1305.4904");
  BOOST_TEST(c.papers[0].authors.front() == "John A. Smolin");
  BOOST_TEST(extra(c.papers[0], "journal").empty());  // "arXiv:1305.4904 [quant-ph]" is no journal
  BOOST_TEST(c.papers[1].published == "2016-02");     // typed "2/2016"
  BOOST_TEST(extra(c.papers[1], "doi") == "10.1007/jhep02(2016)087");
  BOOST_TEST(!c.papers[0].abstract.empty());
}

// ---- shared rules -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(wrong_types_are_noted_or_rejected_never_thrown) {
  for (Format f : {Format::semantic_scholar, Format::openalex, Format::crossref, Format::biorxiv,
                   Format::csl_json, Format::zotero_json}) {
    const Corpus c = read(f, R"([{"title": 5}, 7, "x", {"title": "Ok", "authors": 3, "creators": 3,
      "author": 3, "authorships": 3, "externalIds": 3, "ids": 3, "issued": 3, "year": {}, "date": 4,
      "publication_date": 4, "doi": 5, "DOI": 5, "abstract": 5, "abstractNote": 5, "extra": 5}])");
    BOOST_TEST(c.stats.rejected == 3u, format_name(f));
    BOOST_TEST(c.papers.size() == 1u, format_name(f));
    test_support::check_accounting(c);
  }
}

BOOST_AUTO_TEST_CASE(partial_dates_stay_partial) {
  BOOST_TEST(detail::partial_iso_date("2013") == "2013");
  BOOST_TEST(detail::partial_iso_date("2013-05") == "2013-05");
  BOOST_TEST(detail::partial_iso_date("2013-13") == "2013");    // no month 13: the year holds
  BOOST_TEST(detail::partial_iso_date("2/2016") == "2016-02");  // as Zotero users type them
  BOOST_TEST(detail::partial_iso_date("5/21/2013") == "2013-05-21");
  BOOST_TEST(detail::partial_iso_date("2013/5/21") == "2013-05-21");
  BOOST_TEST(detail::partial_iso_date("May 2013") == "2013-05");
  BOOST_TEST(detail::partial_iso_date("Spring 2016") == "2016");
  BOOST_TEST(detail::partial_iso_date("no date").empty());
  BOOST_TEST(detail::partial_iso_date("12345").empty());
  BOOST_TEST(detail::partial_iso_date("2013-05-21T10:00:00Z") == "2013-05-21");
}
