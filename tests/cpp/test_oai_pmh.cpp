#define BOOST_TEST_MODULE oai_pmh
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

namespace {

const Diagnostic* find_note(const Corpus& c, const std::string& part) {
  for (const auto& d : c.diagnostics)
    if (contains(d.message, part)) return &d;
  return nullptr;
}

}  // namespace

// True when some diagnostic of the corpus says `text` (the reader's note on the whole input
// may follow a record's error).
bool any_diagnostic(const papersieve::Corpus& c, const std::string& text) {
  for (const auto& d : c.diagnostics)
    if (d.message.find(text) != std::string::npos) return true;
  return false;
}

BOOST_AUTO_TEST_CASE(oai_dc_sample_deleted_record_and_resumption_token) {
  const std::string path = test_support::shared_data("oaipmh_oai_dc_list_records.xml");
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::oai_pmh);  // detected
  test_support::check_accounting(c);
  BOOST_TEST(c.stats.rejected == 0u);
  BOOST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Sample Title");
  BOOST_TEST(p.authors.size() == 4u);  // four creators, all kept (same name)
  BOOST_TEST(p.abstract.substr(0, 11) == "Lorem ipsum");
  BOOST_TEST(p.published == "2010");
  BOOST_TEST(p.links.at(0).url == "http://test.example.com/publication/1585322");
  const Diagnostic* deleted = find_note(c, "deleted record oai:test.example.com:1585310");
  BOOST_REQUIRE(deleted != nullptr);
  BOOST_TEST(deleted->severity == Severity::warning);
  BOOST_TEST(deleted->line == 7u);
  const Diagnostic* token = find_note(c, "resumptionToken \"ListRecords2.xml\"");
  BOOST_REQUIRE(token != nullptr);
  BOOST_TEST(contains(token->message, "completeListSize 8, cursor 0"));
}

BOOST_AUTO_TEST_CASE(arxiv_metadata_format) {
  const Corpus c = parse(test_support::test_data("oai_arxiv_list_records.xml"));
  BOOST_TEST(c.format == Format::oai_pmh);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.arxiv_id == "0704.0002");
  BOOST_TEST(p.authors == (std::vector<std::string>{"Ileana Streinu", "Louis Theran"}));
  BOOST_TEST(p.extra.at("affiliations") == "Ileana Streinu: Smith College");
  BOOST_TEST(p.published == "2007-03-30");
  BOOST_TEST(p.extra.at("updated") == "2008-12-13");
  BOOST_TEST(p.categories == (std::vector<std::string>{"math.CO", "cs.CG"}));
  BOOST_TEST(p.extra.at("doi") == "10.1007/s00373-008-0834-4");
  BOOST_TEST(p.extra.at("journal_ref") == "Graphs Combin. 25 (2009) 219");
  BOOST_TEST(p.extra.at("comment") == "To appear in Graphs and Combinatorics");
  BOOST_TEST(contains(p.abstract, "pebble game"));
  BOOST_TEST(find_note(c, "deleted record oai:arXiv.org:0704.0003") != nullptr);
  BOOST_TEST(c.stats.records == 1u);
}

BOOST_AUTO_TEST_CASE(arxiv_raw_metadata_format_with_versions) {
  const Corpus c = parse(test_support::test_data("oai_arxivraw_get_record.xml"));
  BOOST_TEST(c.format == Format::oai_pmh);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.arxiv_id == "0704.0001");
  BOOST_TEST(p.version == 2);
  BOOST_TEST(p.published == "2007-04-02");
  BOOST_TEST(p.extra.at("updated") == "2007-07-24");
  BOOST_TEST(p.authors.size() == 4u);
  BOOST_TEST(p.authors.at(0) == "C. Balázs");
  BOOST_TEST(p.title.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors_unknown_metadata_and_no_records) {
  const std::string head =
      "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>x</responseDate>";
  const Corpus bad = parse(head + "<error code=\"badArgument\">Illegal argument</error></OAI-PMH>");
  BOOST_TEST(bad.format == Format::oai_pmh);
  BOOST_TEST(bad.stats.rejected == 1u);
  BOOST_TEST(any_diagnostic(bad, "OAI-PMH error badArgument: Illegal"));
  const Corpus none = parse(head + "<error code=\"noRecordsMatch\">none</error></OAI-PMH>");
  BOOST_TEST(none.stats.rejected == 0u);
  BOOST_TEST(find_note(none, "noRecordsMatch") != nullptr);
  const Corpus other = parse(head +
                             "<ListRecords><record><header><identifier>i1</identifier></header>"
                             "<metadata><mods xmlns=\"http://www.loc.gov/mods/v3\"><title>T</title>"
                             "</mods></metadata></record></ListRecords></OAI-PMH>");
  BOOST_TEST(other.stats.rejected == 1u);
  BOOST_TEST(any_diagnostic(other, "metadata <mods>"));
  test_support::check_accounting(other);
}
