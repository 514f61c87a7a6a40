#define BOOST_TEST_MODULE format
#include <boost/test/unit_test.hpp>

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
  BOOST_TEST(detect_format("Title\nAbstract.\n") == Format::hf_text);
  BOOST_TEST(detect_format("") == Format::hf_text);
  BOOST_TEST(detect_format("\xEF\xBB\xBF  [{\"paper\": {}}]") == Format::hf_json);
  BOOST_TEST(detect_format("\xEF\xBB\xBF  [{\"title\": \"a\"}]") == Format::json);
  BOOST_TEST(detect_format("{\"title\": \"a\"}\n{\"title\": \"b\"}\n") == Format::jsonl);
  BOOST_TEST(detect_format(
                 "{\"id\": \"0704.0001\", \"submitter\": \"x\", \"categories\": \"hep-ph\"}\n") ==
             Format::arxiv_jsonl);
  BOOST_TEST(detect_format("<?xml version=\"1.0\"?><feed>") == Format::arxiv_atom);
}

BOOST_AUTO_TEST_CASE(a_format_without_reader_is_a_clear_error) {
  BOOST_TEST(format_supported(Format::hf_text));
  BOOST_TEST(format_supported(Format::hf_json));
  BOOST_TEST(!format_supported(Format::arxiv_atom));
  try {
    parse("<?xml version=\"1.0\"?><feed/>", ParseOptions{Format::automatic, "x.xml"});
    BOOST_FAIL("no exception");
  } catch (const Error& e) {
    BOOST_TEST(e.status() == Status::unsupported);
    BOOST_TEST(std::string(e.what()).find("arxiv-atom") != std::string::npos);
  }
}
