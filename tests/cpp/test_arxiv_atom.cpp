#define BOOST_TEST_MODULE arxiv_atom
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const char* const kSample = "arxiv_api_atom_id_list_1111.2011v2.xml";

// The current API layout: namespaces declared once on the root.
std::string feed(const std::string& entries) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
         "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
         "xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n"
         "  <title>arXiv Query</title>\n"
         "  <opensearch:totalResults>2</opensearch:totalResults>\n" +
         entries + "</feed>\n";
}

const std::string kEntries =
    "  <entry>\n"
    "    <id>http://arxiv.org/abs/cond-mat/0412498v1</id>\n"
    "    <updated>2005-01-03T10:00:00Z</updated>\n"
    "    <published>2004-12-19T20:10:12Z</published>\n"
    "    <title>Spin \\emph{waves} &amp; x &gt; y</title>\n"
    "    <summary>One line summary with a &lt;tag&gt; and `quotes'.</summary>\n"
    "    <author><name>A. One</name><arxiv:affiliation>Lab</arxiv:affiliation></author>\n"
    "    <author><name>B. Two</name></author>\n"
    "    <link href=\"http://arxiv.org/abs/cond-mat/0412498v1\" rel=\"alternate\" "
    "type=\"text/html\"/>\n"
    "    <link title=\"pdf\" href=\"http://arxiv.org/pdf/cond-mat/0412498v1\" rel=\"related\"/>\n"
    "    <arxiv:primary_category term=\"cond-mat.str-el\"/>\n"
    "    <category term=\"cond-mat.str-el\"/>\n"
    "    <category term=\"hep-th\"/>\n"
    "  </entry>\n"
    "  <entry>\n"
    "    <id>http://arxiv.org/abs/2406.01234v3</id>\n"
    "    <published>2024-06-03T00:00:00Z</published>\n"
    "    <title>Second</title>\n"
    "    <summary>Text.</summary>\n"
    "    <arxiv:comment>12 pages</arxiv:comment>\n"
    "    <arxiv:journal_ref>J. Phys. 1 (2024)</arxiv:journal_ref>\n"
    "    <arxiv:doi>10.1000/xyz</arxiv:doi>\n"
    "  </entry>\n";

const std::string kApiError =
    "<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>"
    "<title>Error</title><summary>incorrect id format for 1234.12345</summary>"
    "<updated>2024-01-01T00:00:00-05:00</updated></entry>\n";

Corpus atom(const std::string& text) { return parse(text, ParseOptions{Format::arxiv_atom, "t"}); }

}  // namespace

BOOST_AUTO_TEST_CASE(legacy_sample_gives_its_entry) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::arxiv_atom);  // detected
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 0u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.arxiv_id == "1111.2011");
  BOOST_TEST(p.version == 2);
  BOOST_TEST(p.published == "2011-11-08");
  BOOST_TEST(p.extra.at("updated") == "2012-04-02");
  BOOST_TEST(p.title.find('\n') == std::string::npos);  // the legacy hard wrap is collapsed
  BOOST_TEST(p.abstract.find("  ") == std::string::npos);
  BOOST_TEST(p.authors.size() == 3u);
  BOOST_TEST(p.categories == (std::vector<std::string>{"cond-mat.str-el", "cond-mat.stat-mech"}));
  BOOST_TEST(p.extra.at("doi") == "10.1103/physrevb.85.115117");  // normalized
  BOOST_TEST(p.extra.at("journal_ref") == "Phys. Rev. B 85, 115117 (2012)");
  BOOST_TEST(contains(p.extra.at("comment"), "8 pages"));
  std::vector<std::string> urls;
  for (const auto& l : p.links) urls.push_back(l.url);
  BOOST_TEST(urls == (std::vector<std::string>{"http://dx.doi.org/10.1103/PhysRevB.85.115117",
                                               "http://arxiv.org/abs/1111.2011v2",
                                               "http://arxiv.org/pdf/1111.2011v2",
                                               "https://doi.org/10.1103/physrevb.85.115117"}));
}

BOOST_AUTO_TEST_CASE(current_layout_every_field) {
  const auto out = read_raw(Format::arxiv_atom, feed(kEntries));
  BOOST_REQUIRE(out.papers.size() == 2u);
  BOOST_TEST(out.rejected.empty());
  const Paper& old = out.papers[0];
  BOOST_TEST(old.arxiv_id == "cond-mat/0412498");
  BOOST_TEST(old.version == 1);
  BOOST_TEST(old.title == "Spin \\emph{waves} & x > y");  // entities decoded, TeX raw
  BOOST_TEST(old.abstract == "One line summary with a <tag> and `quotes'.");
  BOOST_TEST(old.authors == (std::vector<std::string>{"A. One", "B. Two"}));
  BOOST_TEST(old.categories == (std::vector<std::string>{"cond-mat.str-el", "hep-th"}));
  BOOST_TEST(old.published == "2004-12-19");
  BOOST_TEST(old.links.size() == 2u);
  BOOST_TEST(old.source.line == 5u);
  const Paper& second = out.papers[1];
  BOOST_TEST(second.arxiv_id == "2406.01234");
  BOOST_TEST(second.version == 3);
  BOOST_TEST(second.extra.at("comment") == "12 pages");
  BOOST_TEST(second.extra.at("journal_ref") == "J. Phys. 1 (2024)");
  BOOST_TEST(second.extra.at("doi") == "10.1000/xyz");
  BOOST_TEST(second.links.at(0).url == "https://doi.org/10.1000/xyz");
  BOOST_TEST(second.extra.count("updated") == 0u);
}

BOOST_AUTO_TEST_CASE(tex_is_normalized_like_everywhere) {
  const Corpus c = atom(feed(kEntries));
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "Spin waves & x > y");
  BOOST_TEST(contains(c.papers[0].abstract, "‘quotes’"));
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_records) {
  const std::string input = feed(kEntries);
  const auto whole = read_raw(Format::arxiv_atom, input);
  for (std::size_t chunk : {1u, 7u, 100u}) {
    const auto split = read_raw(Format::arxiv_atom, input, chunk);
    BOOST_REQUIRE(split.papers.size() == whole.papers.size());
    for (std::size_t i = 0; i < split.papers.size(); ++i) {
      BOOST_TEST(split.papers[i].title == whole.papers[i].title);
      BOOST_TEST(split.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
    }
  }
}

BOOST_AUTO_TEST_CASE(empty_feed_is_noted) {
  const auto out = read_raw(Format::arxiv_atom, feed(""));
  BOOST_TEST(out.papers.empty());
  BOOST_TEST(out.rejected.empty());
  BOOST_REQUIRE(out.notes.size() == 1u);
  BOOST_TEST(contains(out.notes[0].message, "no entries"));
  BOOST_TEST(contains(out.notes[0].message, "totalResults: 2"));
}

BOOST_AUTO_TEST_CASE(api_error_entry_is_a_rejected_record_naming_the_message) {
  const Corpus c = atom(feed(kApiError));
  BOOST_TEST(c.papers.empty());
  BOOST_TEST(c.stats.rejected == 1u);
  test_support::check_accounting(c);
  BOOST_REQUIRE(!c.diagnostics.empty());
  BOOST_TEST(contains(c.diagnostics[0].message, "arXiv API error: incorrect id format"));
  BOOST_TEST(c.diagnostics[0].line == 5u);
}

BOOST_AUTO_TEST_CASE(syntax_error_rejects_the_cut_entry_with_position) {
  std::string input = feed(kEntries);
  input.insert(input.find("<title>Second"), "<broken attr></title>");
  const Corpus c = atom(input);
  BOOST_TEST(c.papers.size() == 1u);  // the entry before the error
  BOOST_TEST(c.stats.rejected == 1u);
  test_support::check_accounting(c);
  const Diagnostic& d = c.diagnostics.back();
  BOOST_TEST(d.severity == Severity::error);
  BOOST_TEST(contains(d.message, "entry cut by an XML error"));
  BOOST_TEST(d.line == 22u);
  BOOST_TEST(d.byte_offset > 0u);
}

BOOST_AUTO_TEST_CASE(trailing_garbage_and_non_xml_are_one_rejected_record) {
  for (const std::string& input : {feed(kEntries) + "junk", std::string("Title: not xml\n")}) {
    const Corpus c = atom(input);
    BOOST_TEST(c.stats.rejected == 1u);
    test_support::check_accounting(c);
  }
}

BOOST_AUTO_TEST_CASE(entry_without_title_is_rejected_others_noted) {
  const Corpus c =
      atom(feed("<entry><id>urn:x</id><title>T</title></entry>"
                "<entry><id>http://arxiv.org/abs/2401.00001</id></entry>"));
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 1u);
  bool noted = false;
  for (const auto& d : c.diagnostics) noted = noted || contains(d.message, "names no arXiv");
  BOOST_TEST(noted);
}

BOOST_AUTO_TEST_CASE(entity_declarations_are_refused_and_nothing_is_fetched) {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n<!ENTITY a \"aaaaaaaaaa\">\n"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
      "]>\n<feed><entry><title>&c;</title></entry></feed>\n";
  const std::string external =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<feed><entry><title>&x;</title></entry></feed>\n";
  for (const auto& input : {laughs, external}) {
    const Corpus c = atom(input);
    BOOST_TEST(c.papers.empty());
    BOOST_TEST(c.stats.rejected == 1u);
    BOOST_REQUIRE(!c.diagnostics.empty());
    BOOST_TEST(contains(c.diagnostics[0].message, "entity declarations are not accepted"));
    BOOST_TEST(c.diagnostics[0].line >= 2u);
  }
}

BOOST_AUTO_TEST_CASE(blank_input_is_noted_not_rejected) {
  const auto out = read_raw(Format::arxiv_atom, "\xEF\xBB\xBF \n");
  BOOST_TEST(out.rejected.empty());
  BOOST_TEST(out.notes.size() == 1u);
}
