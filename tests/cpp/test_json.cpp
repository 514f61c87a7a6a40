#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const std::string kRecord =
    "{\"title\":\"A\",\"abstract\":\"Text.\",\"authors\":[\"Ada\",\"Bo\"],\"id\":\"2406.01234v2\"}";

std::string notes_of(const test_support::RawOutput& raw) {
  std::string all;
  for (const auto& n : raw.notes) all += n.message + "|";
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(jsonl_maps_the_generic_fields) {
  const auto raw = read_raw(
      Format::jsonl,
      kRecord + "\n" +
          "{\"title\":\"B\",\"summary\":\"S.\",\"authors\":[{\"name\":\"Cy\"},{\"name\":\"Di\"}],"
          "\"id\":\"db-17\",\"url\":\"https://arxiv.org/abs/2401.00002v3\","
          "\"pdf\":\"https://example.org/b.pdf\",\"published\":\"Mon, 2 Apr 2007 19:18:42 GMT\","
          "\"categories\":[\"cs.CL\",\"cs.AI\"]}\n" +
          "{\"title\":\"C\",\"authors\":\"Ed, Flo and Gus\",\"link\":\"https://github.com/x/y\","
          "\"date\":\"Jun 21, 2024\",\"categories\":\"math.CO cs.CG\"}\n");
  BOOST_REQUIRE(raw.papers.size() == 3u);
  BOOST_TEST(raw.notes.empty());
  const Paper& a = raw.papers[0];
  BOOST_TEST(a.abstract == "Text.");
  BOOST_TEST((a.authors == std::vector<std::string>{"Ada", "Bo"}));
  BOOST_TEST(a.arxiv_id == "2406.01234");
  BOOST_TEST(a.version == 2);
  const Paper& b = raw.papers[1];
  BOOST_TEST(b.abstract == "S.");  // summary stands in for abstract
  BOOST_TEST((b.authors == std::vector<std::string>{"Cy", "Di"}));
  BOOST_TEST(b.arxiv_id == "2401.00002");  // from the URL: the id is no arXiv id
  BOOST_TEST(b.version == 3);
  BOOST_REQUIRE(b.links.size() == 2u);
  BOOST_TEST((b.links[0].kind == LinkKind::paper && b.links[1].kind == LinkKind::paper));
  BOOST_TEST(b.published == "2007-04-02");
  BOOST_TEST((b.categories == std::vector<std::string>{"cs.CL", "cs.AI"}));
  const Paper& c = raw.papers[2];
  BOOST_TEST((c.authors == std::vector<std::string>{"Ed", "Flo", "Gus"}));
  BOOST_TEST((c.links.at(0).kind == LinkKind::code));
  BOOST_TEST(c.published == "2024-06-21");
  BOOST_TEST(c.source.line == 3u);
}

BOOST_AUTO_TEST_CASE(jsonl_abstract_wins_over_summary) {
  const auto raw =
      read_raw(Format::jsonl, "{\"title\":\"T\",\"summary\":\"short\",\"abstract\":\"long one\"}");
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_TEST(raw.papers[0].abstract == "long one");
}

BOOST_AUTO_TEST_CASE(jsonl_wrong_types_reject_title_and_abstract_and_drop_the_rest) {
  const auto raw = read_raw(
      Format::jsonl,
      "{\"title\":5}\n{\"title\":\"T\",\"abstract\":{}}\n{\"title\":\"T\",\"summary\":true}\n"
      "{\"abstract\":\"no title\"}\n[]\n"
      "{\"title\":\"Kept\",\"authors\":5,\"id\":7,\"url\":5,\"published\":\"someday\","
      "\"date\":1,\"categories\":{}}\n");
  BOOST_REQUIRE(raw.rejected.size() == 5u);
  BOOST_TEST(raw.rejected[0].message == "title must be a string, found a number");
  BOOST_TEST(raw.rejected[1].message == "abstract must be a string, found an object");
  BOOST_TEST(raw.rejected[2].message == "summary must be a string, found a boolean");
  BOOST_TEST(raw.rejected[3].message == "no title");
  BOOST_TEST(raw.rejected[4].message == "expected a JSON object, found an array");
  BOOST_TEST(raw.rejected[4].line == 5u);
  BOOST_REQUIRE(raw.papers.size() == 1u);
  const std::string notes = notes_of(raw);
  for (const char* field : {"authors must be an array, found a number; ignored",
                            "id must be a string, found a number; ignored",
                            "url must be a string, found a number; ignored",
                            "published \"someday\" is not a date; ignored",
                            "date must be a string, found a number; ignored",
                            "categories must be an array, found an object; ignored"})
    BOOST_TEST(contains(notes, field), field);
  BOOST_TEST(raw.notes.at(0).line == 6u);
}

BOOST_AUTO_TEST_CASE(jsonl_syntax_errors_and_truncation) {
  const auto raw =
      read_raw(Format::jsonl, kRecord + "\n{\"title\":\"x\" \"y\"}\n\n{\"title\":\"cut");
  BOOST_TEST(raw.papers.size() == 1u);
  BOOST_REQUIRE(raw.rejected.size() == 2u);
  BOOST_TEST(raw.rejected[0].line == 2u);
  BOOST_TEST(raw.rejected[0].byte_offset == kRecord.size() + 1 + 13);
  BOOST_TEST(contains(raw.rejected[0].message, "Missing a comma or '}' after an object member"));
  BOOST_TEST(raw.rejected[1].line == 4u);
  BOOST_TEST(contains(raw.rejected[1].message, "truncated"));
}

BOOST_AUTO_TEST_CASE(json_array_of_records_with_positions) {
  const std::string input = "[\n  " + kRecord + ",\n  {\"title\":\"B\"},\n  \"oops\"\n]\n";
  const auto raw = read_raw(Format::json, input);
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST(raw.papers[0].source.line == 2u);
  BOOST_TEST(raw.papers[0].source.byte_offset == 4u);
  BOOST_TEST(raw.papers[1].source.line == 3u);
  BOOST_TEST(raw.papers[1].source.byte_offset == input.find("{\"title\":\"B\"}"));
  BOOST_REQUIRE(raw.rejected.size() == 1u);
  BOOST_TEST(raw.rejected[0].line == 4u);
  BOOST_TEST(raw.rejected[0].message == "expected a JSON object, found a string");
  BOOST_TEST(detect_format(input) == Format::json);
}

BOOST_AUTO_TEST_CASE(json_object_holding_records_under_a_known_key) {
  for (const std::string key : {"papers", "items", "results", "data"}) {
    const std::string input = "{\"count\":2,\"" + key + "\":[" + kRecord + ",{\"title\":\"B\"}]}";
    const auto raw = read_raw(Format::json, input);
    BOOST_TEST_CONTEXT(key) {
      BOOST_REQUIRE(raw.papers.size() == 2u);
      BOOST_TEST(raw.papers[1].title == "B");
      BOOST_TEST(raw.papers[0].source.byte_offset == input.find(kRecord));
      BOOST_TEST(detect_format(input) == Format::json);
    }
  }
  // The first such array counts; an object without one is itself the record.
  const auto two =
      read_raw(Format::json, "{\"items\":[{\"title\":\"I\"}],\"data\":[{\"title\":\"D\"}]}");
  BOOST_REQUIRE(two.papers.size() == 1u);
  BOOST_TEST(two.papers[0].title == "I");
  const auto single = read_raw(Format::json, "{\n\"title\": \"Solo\",\n\"data\": 5\n}\n");
  BOOST_REQUIRE(single.papers.size() == 1u);
  BOOST_TEST(single.papers[0].title == "Solo");
}

BOOST_AUTO_TEST_CASE(json_truncated_and_trailing_garbage) {
  const std::string whole = "[" + kRecord + ",\n" + kRecord + "]";
  const auto cut = read_raw(Format::json, whole.substr(0, whole.size() - 5));
  BOOST_TEST(cut.papers.size() == 1u);
  BOOST_REQUIRE(cut.rejected.size() == 1u);
  BOOST_TEST(cut.rejected[0].line == 2u);
  BOOST_TEST(contains(cut.rejected[0].message, "truncated"));
  const auto extra = read_raw(Format::json, whole + " x");
  BOOST_TEST(extra.papers.size() == 2u);
  BOOST_REQUIRE(extra.rejected.size() == 1u);
  BOOST_TEST(extra.rejected[0].byte_offset == whole.size() + 1);
  BOOST_TEST(contains(extra.rejected[0].message, "root must not be followed by other values"));
}

BOOST_AUTO_TEST_CASE(normalized_through_parse) {
  const Corpus c = parse("[{\"title\":\"Dual:\\n  A  Title\",\"abstract\":\" x \\n y \"}," +
                             kRecord + "," + kRecord + "]",
                         ParseOptions{Format::json, "d.json"});
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "Dual: A Title");
  BOOST_TEST(c.papers[0].abstract == "x y");
  BOOST_TEST(c.papers[0].short_name == "Dual");
  BOOST_TEST(c.papers[1].id == "2406.01234");
  BOOST_TEST(c.stats.duplicates == 1u);
}

BOOST_AUTO_TEST_CASE(detection_picks_each_json_format) {
  const std::string arxiv =
      "{\"id\":\"0704.0001\",\"submitter\":\"x\",\"authors\":\"A\",\"title\":\"T\","
      "\"categories\":\"hep-ph\",\"authors_parsed\":[[\"A\",\"\",\"\"]]}\n";
  BOOST_TEST(detect_format(arxiv + arxiv) == Format::arxiv_jsonl);
  BOOST_TEST(detect_format(kRecord + "\n" + kRecord + "\n") == Format::jsonl);
  BOOST_TEST(detect_format("\xEF\xBB\xBF [" + kRecord + "]") == Format::json);
  BOOST_TEST(detect_format("[{\"paper\":{\"id\":\"1\"}}]") == Format::hf_json);
  BOOST_TEST(detect_format("[{\"title\":\"T\",\"summary\":\"S\",\"upvotes\":3}]") ==
             Format::hf_json);
  BOOST_TEST(
      detect_format("{\n  \"title\": \"T\",\n  \"authors\": [\n    {\"name\": \"A\"}\n  ]\n}") ==
      Format::json);  // pretty-printed: not one object per line
  // Lines of Hugging Face papers are JSON lines, not one hf-json document.
  BOOST_TEST(
      detect_format("{\"title\":\"T\",\"summary\":\"S\",\"upvotes\":3}\n{\"title\":\"U\"}") ==
      Format::jsonl);
  // The first line goes on past the 64 KiB head: a long line of JSON lines.
  const std::string head = "{\"title\":\"" + std::string(70000, 'x');
  BOOST_TEST(detect_format(std::string_view(head).substr(0, 65536)) == Format::jsonl);
  // Text that merely starts with a bracket is no JSON, and no other reader recognizes it.
  BOOST_TEST(detect_format("[Paper] A title\nAn abstract.\n") == Format::automatic);
  BOOST_TEST(detect_format("{Braces} in a title\n") == Format::automatic);
  BOOST_TEST(detect_format("Subscribe\n[Paper] A title\nAn abstract.\n") == Format::hf_text);
}
