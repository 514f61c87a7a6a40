#define BOOST_TEST_MODULE format
#include <boost/test/unit_test.hpp>
#include <utility>

#include "papersieve/error.hpp"
#include "papersieve/format.hpp"
#include "papersieve/parse.hpp"
#include "test_support.hpp"

using namespace papersieve;

BOOST_AUTO_TEST_CASE(names_round_trip) {
  for (auto name : format_names()) BOOST_TEST(format_name(format_from_name(name)) == name);
  BOOST_TEST(format_names().front() == "auto");
  BOOST_TEST(format_from_name("hf-text") == Format::hf_text);
}

BOOST_AUTO_TEST_CASE(unknown_name_is_an_error_naming_it_and_the_known_ones) {
  try {
    format_from_name("pdf");
    BOOST_FAIL("no exception");
  } catch (const Error& e) {
    BOOST_TEST(e.status() == Status::invalid_argument);
    BOOST_TEST(std::string(e.what()).find("'pdf'") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("hf-text") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(detection_by_content) {
  // Plain text has no evidence of any format: no fallback (docs/formats.md, "Detection").
  BOOST_TEST(detect_format("Title\nAbstract.\n") == Format::automatic);
  BOOST_TEST(detect_format("") == Format::automatic);
  BOOST_TEST(detect_format("\xEF\xBB\xBF  [{\"paper\": {}}]") == Format::hf_json);
  BOOST_TEST(detect_format("\xEF\xBB\xBF  [{\"title\": \"a\"}]") == Format::json);
  BOOST_TEST(detect_format("{\"title\": \"a\"}\n{\"title\": \"b\"}\n") == Format::jsonl);
  BOOST_TEST(detect_format(
                 "{\"id\": \"0704.0001\", \"submitter\": \"x\", \"categories\": \"hep-ph\"}\n") ==
             Format::arxiv_jsonl);
  BOOST_TEST(detect_format("<?xml version=\"1.0\"?><feed>") == Format::feed);
}

BOOST_AUTO_TEST_CASE(every_format_has_a_reader) {
  for (auto name : format_names())
    if (name != "auto") BOOST_TEST(format_supported(format_from_name(name)), name);
  const Corpus c = parse("<?xml version=\"1.0\"?><feed/>", ParseOptions{Format::automatic, "x"});
  BOOST_TEST(c.format == Format::feed);
}

BOOST_AUTO_TEST_CASE(each_shared_sample_is_detected_from_its_first_64_kib) {
  const std::pair<const char*, Format> samples[] = {
      {"000_fd6c685c865a6cdc.txt", Format::hf_text},
      {"hf_daily_papers_api.json", Format::hf_json},
      {"arxiv_oai_snapshot_first100.jsonl", Format::arxiv_jsonl},
      {"arxiv_api_atom_id_list_1111.2011v2.xml", Format::arxiv_atom},
      {"arxiv_mailing_new_q-fin_2023-03-17.txt", Format::arxiv_mailing},
      {"hf_daily_title_pdf_summary_2024-06-21.txt", Format::kv_text},
      {"pubmed_efetch_29768149.xml", Format::pubmed},
      {"oaipmh_oai_dc_list_records.xml", Format::oai_pmh}};
  for (const auto& [name, format] : samples) {
    const std::string path = test_support::shared_data(name);
    if (path.empty()) continue;
    const std::string head = test_support::read_file(path).substr(0, 64 << 10);
    const auto candidates = detect_format_candidates(head);
    BOOST_TEST(candidates.front().format == format, name);
    BOOST_TEST(!is_close_call(candidates), name);
  }
}

BOOST_AUTO_TEST_CASE(crafted_text_formats) {
  const std::string rule(78, '-');
  BOOST_TEST(detect_format("Subject: x\n" + rule + "\n\\\\\narXiv:2401.00001\nTitle: T\n") ==
             Format::arxiv_mailing);
  BOOST_TEST(detect_format("\\\\\nPaper: hep-th/9901001\nTitle: T\n") == Format::arxiv_mailing);
  BOOST_TEST(detect_format("Title: A\nPDF: https://arxiv.org/pdf/2406.1\nSummary: S\n---\n") ==
             Format::kv_text);
  BOOST_TEST(detect_format("\xEF\xBB\xBFtitle: A\n  wrapped\nabstract: S\n") == Format::kv_text);
  BOOST_TEST(detect_format("  \n<feed xmlns=\"http://www.w3.org/2005/Atom\">") == Format::feed);
  BOOST_TEST(detect_format("SubscribeTitle: with a colon\nAn abstract.\n") == Format::hf_text);
  BOOST_TEST(detect_format("A title\nAn abstract: with a colon.\n") == Format::automatic);
  BOOST_TEST(detect_format("http://x.org/a: b\n") == Format::automatic);
}

BOOST_AUTO_TEST_CASE(a_close_call_lists_what_was_considered) {
  // One "Title:" line (kv-text, 35) on a page with two Hugging Face paper lines (hf-text, 60).
  const std::string input =
      "Title: Lonely\nSome text that could be an abstract.\nSubmitted by someone\n"
      "https://arxiv.org/abs/2406.01234\n";
  const auto candidates = detect_format_candidates(input);
  BOOST_REQUIRE(candidates.size() == 2u);
  BOOST_TEST(candidates[0].format == Format::hf_text);
  BOOST_TEST(candidates[1].format == Format::kv_text);
  BOOST_TEST(is_close_call(candidates));
  const Corpus c = parse(input, ParseOptions{Format::automatic, "x"});
  BOOST_REQUIRE(!c.diagnostics.empty());
  const Diagnostic& note = c.diagnostics.front();
  BOOST_TEST(note.severity == Severity::warning);
  BOOST_TEST(note.message.find("also considered kv-text") != std::string::npos, note.message);
  // Forcing the format adds no such note.
  for (const auto& d : parse(input, ParseOptions{Format::kv_text, "x"}).diagnostics)
    BOOST_TEST(d.message.find("also considered") == std::string::npos, d.message);
}

BOOST_AUTO_TEST_CASE(json_candidates_are_decided_by_syntax) {
  const auto candidates = detect_format_candidates("[{\"paper\": {}}]");
  BOOST_TEST(candidates.front().format == Format::hf_json);
  BOOST_TEST(candidates.front().score == 100);
  BOOST_TEST(!is_close_call(candidates));
}

namespace {

const char* const kXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

Format detected(const std::string& head) {
  const auto candidates = detect_format_candidates(head);
  BOOST_TEST(!is_close_call(candidates), head);
  return candidates.front().format;
}

}  // namespace

// Each pair of XML formats that could be confused, told apart by what the head shows.
BOOST_AUTO_TEST_CASE(arxiv_rss_versus_generic_rss) {
  const std::string arxiv = std::string(kXml) +
                            "<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" version=\"2.0\">"
                            "<channel><link>http://rss.arxiv.org/rss/cs.CL</link><item>"
                            "<guid isPermaLink=\"false\">oai:arXiv.org:2404.09001v1</guid>"
                            "<arxiv:announce_type>new</arxiv:announce_type></item>";
  const std::string journal = std::string(kXml) +
                              "<rss version=\"2.0\"><channel><title>J</title><item><title>T</title>"
                              "<link>https://arxiv.org/abs/2404.09001</link></item>";
  BOOST_TEST(detected(arxiv) == Format::arxiv_rss);
  BOOST_TEST(detected(journal) == Format::feed);
}

BOOST_AUTO_TEST_CASE(arxiv_rss_atom_versus_arxiv_api_atom) {
  const std::string rss =
      std::string(kXml) +
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\"><id>http://rss.arxiv.org/atom/"
      "cs.CL</id><entry><id>oai:arXiv.org:2404.09001v1</id>";
  const std::string api = std::string(kXml) +
                          "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                          "xmlns:arxiv=\"http://arxiv.org/schemas/atom\"><entry>"
                          "<id>http://arxiv.org/abs/2404.09001v1</id>";
  BOOST_TEST(detected(rss) == Format::arxiv_rss);
  BOOST_TEST(detected(api) == Format::arxiv_atom);
}

BOOST_AUTO_TEST_CASE(arxiv_api_atom_versus_generic_atom) {
  const std::string api =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link "
      "href=\"http://arxiv.org/api/query?id_list=1\" rel=\"self\"/>"
      "<opensearch:totalResults xmlns:opensearch=\"x\">1</opensearch:totalResults>";
  const std::string journal = std::string(kXml) +
                              "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Letters</title>"
                              "<entry><id>https://doi.org/10.5555/el.77</id>";
  BOOST_TEST(detected(api) == Format::arxiv_atom);
  BOOST_TEST(detected(journal) == Format::feed);
}

BOOST_AUTO_TEST_CASE(arxiv_rss_versus_generic_atom_and_rdf) {
  const std::string rdf = std::string(kXml) +
                          "<!-- a comment --><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-"
                          "syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/>";
  BOOST_TEST(detected(rdf) == Format::feed);
  BOOST_TEST(detected("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title>") ==
             Format::feed);
}

BOOST_AUTO_TEST_CASE(pubmed_and_oai_pmh_by_their_roots) {
  BOOST_TEST(detected(std::string(kXml) +
                      "<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle//EN\" "
                      "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd\">\n"
                      "<PubmedArticleSet><PubmedArticle>") == Format::pubmed);
  // an OAI-PMH response with arXiv metadata is still oai-pmh, not an arXiv feed
  BOOST_TEST(
      detected(std::string(kXml) +
               "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords><record>"
               "<header><identifier>oai:arXiv.org:0704.0001</identifier>") == Format::oai_pmh);
}
