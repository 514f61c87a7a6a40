#define BOOST_TEST_MODULE write
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "papersieve/parse.hpp"
#include "papersieve/write.hpp"

using namespace papersieve;

namespace {
Paper sample() {
  Paper p;
  p.id = "2406.01234";
  p.arxiv_id = "2406.01234";
  p.version = 2;
  p.title = "Quote \" and \\ and \xC3\xA9";
  p.abstract = "Line\nbreak";
  p.authors = {"A. Author", "B. Author"};
  p.upvotes = 5;
  p.links = {Link{"https://github.com/x/y", LinkKind::code}};
  p.source = SourceRef{"hf-text", "page.txt", 3, 120};
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(paper_json_round_trips_with_stable_key_order) {
  const std::string json = paper_to_json(sample());
  rapidjson::Document d;
  d.Parse(json.c_str(), json.size());
  BOOST_REQUIRE(!d.HasParseError());
  BOOST_TEST(std::string(d["title"].GetString()) == sample().title);
  BOOST_TEST(d["version"].GetInt() == 2);
  BOOST_TEST(d["published"].IsNull());
  BOOST_TEST(d["authors"].Size() == 2u);
  BOOST_TEST(std::string(d["links"][0]["kind"].GetString()) == "code");
  BOOST_TEST(d["source"]["line"].GetUint64() == 3u);
  const char* expected[] = {"id",        "arxiv_id", "version",    "title",     "short_name",
                            "abstract",  "authors",  "categories", "published", "upvotes",
                            "submitter", "extra",    "links",      "source"};
  std::size_t i = 0;
  for (auto it = d.MemberBegin(); it != d.MemberEnd(); ++it, ++i)
    BOOST_TEST(std::string(it->name.GetString()) == expected[i]);
  BOOST_TEST(i == 14u);
}

BOOST_AUTO_TEST_CASE(jsonl_is_one_object_per_line) {
  const std::vector<Paper> papers = {sample(), sample()};
  const std::string jsonl = papers_to_jsonl(papers);
  std::istringstream lines(jsonl);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    BOOST_TEST(!d.HasParseError());
    ++count;
  }
  BOOST_TEST(count == 2);
  rapidjson::Document array;
  const std::string json = papers_to_json(papers);
  array.Parse(json.c_str(), json.size());
  BOOST_TEST(array.IsArray());
  BOOST_TEST(array.Size() == 2u);
}

BOOST_AUTO_TEST_CASE(stats_json) {
  ParseStats s;
  s.records = 5;
  s.papers = 3;
  s.duplicates = 1;
  s.rejected = 1;
  BOOST_TEST(stats_to_json(s) == R"({"records":5,"papers":3,"duplicates":1,"rejected":1})");
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
BOOST_AUTO_TEST_CASE(csv_quotes_fields_and_doubles_quotes) {
  Paper p = sample();
  p.title = "\"A\", \"\"B\"\" and C\"";
  p.abstract = "plain";
  p.authors = {};
  p.links = {};
  const std::string csv = papers_to_csv({p});
  const std::string row = csv.substr(csv.find("\r\n") + 2);
  BOOST_TEST(
      row ==
      "2406.01234,2406.01234,2,\"\"\"A\"\", \"\"\"\"B\"\"\"\" and C\"\"\",,,,,5,,,page.txt,3,"
      "plain,\r\n");
  p.title = "no quote, but a comma";
  p.abstract = "Line\nbreak";
  const std::string csv2 = papers_to_csv({p});
  BOOST_TEST(csv2.find(",\"no quote, but a comma\",") != std::string::npos);
  BOOST_TEST(csv2.find(",\"Line\nbreak\",") != std::string::npos);
}
