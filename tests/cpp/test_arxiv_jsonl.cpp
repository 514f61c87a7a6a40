#define BOOST_TEST_MODULE arxiv_jsonl
#include <rapidjson/document.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <sstream>
#include <utility>

#include "papersieve/normalize.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/write.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const char* const kSample = "arxiv_oai_snapshot_first100.jsonl";

Corpus arxiv(const std::string& text) {
  return parse(text, ParseOptions{Format::arxiv_jsonl, "snapshot"});
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// A record in the snapshot's shape; `changes` replace (or, with an empty value,
// remove) its fields or add new ones. Values are raw JSON.
std::string rec(const Fields& changes = {}) {
  Fields fields = {{"id", "\"0704.0001\""},
                   {"submitter", "\"A. Person\""},
                   {"authors", "\"A. One and B. Two\""},
                   {"title", "\"A Title\""},
                   {"abstract", "\"  Some text\\nwrapped.\\n\""},
                   {"categories", "\"cs.CL cs.AI\""}};
  for (const auto& [key, value] : changes) {
    auto it = std::find_if(fields.begin(), fields.end(), [&](auto& f) { return f.first == key; });
    if (it == fields.end()) it = fields.insert(fields.end(), {key, ""});
    it->second = value;
  }
  std::string json;
  for (const auto& [key, value] : fields)
    if (!value.empty()) json += (json.empty() ? "{\"" : ",\"") + key + "\":" + value;
  return json + "}";
}

// The sample's records, one DOM per line, read independently of the reader.
std::vector<rapidjson::Document> sample_records(const std::string& data) {
  std::vector<rapidjson::Document> records;
  std::istringstream lines(data);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    records.emplace_back();
    records.back().Parse(line.c_str(), line.size());
    BOOST_REQUIRE(!records.back().HasParseError());
  }
  return records;
}

int highest_version(const rapidjson::Value& record) {
  int highest = 0;
  for (const auto& v : record["versions"].GetArray())
    highest = std::max(highest, std::stoi(v["version"].GetString() + 1));  // "v3" -> 3
  return highest;
}

// "Mon, 2 Apr 2007 19:18:42 GMT" -> "2007-04-02"
std::string iso_date(const std::string& rfc2822) {
  std::istringstream in(rfc2822);
  std::string weekday, day, month, year;
  in >> weekday >> day >> month >> year;
  const std::string months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const auto m = months.find(month) / 3 + 1;
  return year + "-" + (m < 10 ? "0" : "") + std::to_string(m) + "-" + (day.size() < 2 ? "0" : "") +
         day;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// ["Last", "First", "Suffix", ...] -> "First Last Suffix" (no first name: "Last")
std::string name_from_parsed(const rapidjson::Value& entry) {
  std::string name = entry[1].GetStringLength() > 0
                         ? std::string(entry[1].GetString()) + " " + entry[0].GetString()
                         : std::string(entry[0].GetString());
  if (entry[2].GetStringLength() > 0) name += std::string(" ") + entry[2].GetString();
  return name;
}

}  // namespace

// Expectations below come from the sample itself, read here with RapidJSON's
// DOM, so no metadata is copied into the test.
BOOST_AUTO_TEST_CASE(snapshot_sample_gives_100_papers_with_structured_fields) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  const auto records = sample_records(test_support::read_file(path));
  BOOST_TEST(c.papers.size() == 100u);
  BOOST_REQUIRE(records.size() == c.papers.size());
  BOOST_TEST(c.stats.rejected == 0u);
  test_support::check_accounting(c);
  for (std::size_t i = 0; i < c.papers.size(); ++i) {
    const Paper& p = c.papers[i];
    const rapidjson::Value& r = records[i];
    BOOST_TEST_CONTEXT("line " << i + 1) {
      BOOST_TEST(p.arxiv_id == r["id"].GetString());
      BOOST_TEST(p.id == p.arxiv_id);
      BOOST_TEST(p.source.line == i + 1);
      BOOST_TEST(p.version == highest_version(r));
      BOOST_TEST(p.published == iso_date(r["versions"][0]["created"].GetString()));
      BOOST_TEST(p.categories == words(r["categories"].GetString()),
                 boost::test_tools::per_element());
      BOOST_TEST(p.title == clean_text(clean_latex(r["title"].GetString())));  // wraps gone
      BOOST_TEST(p.abstract.find("  ") == std::string::npos);
      std::vector<std::string> expected_links = {"https://arxiv.org/abs/" + p.arxiv_id};
      if (r.HasMember("doi") && r["doi"].IsString()) {
        for (const auto& doi : words(r["doi"].GetString()))
          expected_links.push_back("https://doi.org/" + doi);  // every DOI, not only the first
      }
      std::vector<std::string> links;
      for (const auto& link : p.links) links.push_back(link.url);
      BOOST_TEST(links == expected_links, boost::test_tools::per_element());
      if (r["submitter"].IsString()) BOOST_TEST(p.submitter == r["submitter"].GetString());
    }
  }
}

BOOST_AUTO_TEST_CASE(reader_takes_authors_from_authors_parsed) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const std::string data = test_support::read_file(path);
  const auto raw = read_raw(Format::arxiv_jsonl, data);
  const auto records = sample_records(data);
  BOOST_REQUIRE(raw.papers.size() == records.size());
  BOOST_TEST(raw.notes.empty());
  std::size_t suffixes = 0, four_element_entries = 0, wrapped_titles = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const rapidjson::Value& r = records[i];
    std::vector<std::string> expected;
    for (const auto& entry : r["authors_parsed"].GetArray()) {
      expected.push_back(name_from_parsed(entry));
      suffixes += entry[2].GetStringLength() > 0;
      four_element_entries += entry.Size() > 3;  // the 4th element is not part of the name
    }
    const Paper& p = raw.papers[i];
    BOOST_TEST(p.authors == expected, boost::test_tools::per_element());
    // Raw values: the title keeps its hard wraps, the abstract its leading spaces.
    BOOST_TEST(p.title == r["title"].GetString());
    BOOST_TEST(p.abstract == r["abstract"].GetString());
    wrapped_titles += p.title.find('\n') != std::string::npos;
  }
  // The sample exercises each case, so the loop above tests them.
  BOOST_TEST(suffixes > 0u);
  BOOST_TEST(four_element_entries > 0u);
  BOOST_TEST(wrapped_titles > 0u);
}

BOOST_AUTO_TEST_CASE(tex_author_string_splits_like_authors_parsed) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  std::istringstream lines(test_support::read_file(path));
  std::string with, without;
  for (std::string l; std::getline(lines, l);) {
    with += l + "\n";
    without += l.substr(0, l.find(",\"authors_parsed\":")) + "}\n";
  }
  const auto parsed = read_raw(Format::arxiv_jsonl, with);
  const auto tex = read_raw(Format::arxiv_jsonl, without);
  const auto records = sample_records(with);
  BOOST_REQUIRE(tex.papers.size() == parsed.papers.size());
  for (std::size_t i = 0; i < tex.papers.size(); ++i) {
    BOOST_TEST_CONTEXT(tex.papers[i].arxiv_id) {
      BOOST_TEST(tex.papers[i].authors.size() == parsed.papers[i].authors.size());
    }
  }
  // The reader keeps TeX raw (normalization turns it into Unicode): the first
  // author is the TeX string up to its first ", ".
  const std::string first_authors = records.front()["authors"].GetString();
  BOOST_TEST(tex.papers.front().authors.at(0) == first_authors.substr(0, first_authors.find(", ")));
}

// DEPENDS ON the LaTeX cleanup in normalize_paper (docs/design.md, "Normalization": "TeX accents
// -> Unicode"); adjust here if that cleanup changes what it does to authors.
BOOST_AUTO_TEST_CASE(normalized_tex_authors_become_unicode) {
  const Corpus c = arxiv(rec({{"authors", "\"C. Bal\\\\'azs and X\""}}));
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].authors.at(0) == "C. Balázs");
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_records) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const std::string data = test_support::read_file(path);
  const auto whole = read_raw(Format::arxiv_jsonl, data);
  for (std::size_t chunk : {1u, 7u, 4096u}) {
    const auto split = read_raw(Format::arxiv_jsonl, data, chunk);
    BOOST_REQUIRE(split.papers.size() == whole.papers.size());
    for (std::size_t i = 0; i < whole.papers.size(); ++i) {
      BOOST_TEST(split.papers[i].abstract == whole.papers[i].abstract);
      BOOST_TEST(split.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
    }
  }
}

BOOST_AUTO_TEST_CASE(old_style_ids_and_version_suffixes) {
  const auto raw = read_raw(
      Format::arxiv_jsonl, rec({{"id", "\"hep-th/9901001\""}, {"title", "\"Old\""}}) + "\n" +
                               rec({{"id", "\"math.AG/0601001v2\""}, {"title", "\"Cls\""}}) + "\n" +
                               rec({{"id", "\"2406.01234v3\""}}) + "\n");
  BOOST_REQUIRE(raw.papers.size() == 3u);
  BOOST_TEST(raw.papers[0].arxiv_id == "hep-th/9901001");
  BOOST_TEST(raw.papers[0].links[0].url == "https://arxiv.org/abs/hep-th/9901001");
  BOOST_TEST(raw.papers[1].arxiv_id == "math.AG/0601001");
  BOOST_TEST(raw.papers[1].version == 2);
  BOOST_TEST(raw.papers[2].version == 3);  // no versions list: the suffix tells
}

BOOST_AUTO_TEST_CASE(versions_give_highest_version_and_first_date) {
  const auto raw =
      read_raw(Format::arxiv_jsonl,
               rec({{"versions",
                     "[{\"version\":\"v1\",\"created\":\"Sat, 31 Mar 2007 02:26:18 GMT\"},"
                     "{\"version\":\"v10\",\"created\":\"Tue, 4 Dec 2008 17:26:00 GMT\"},"
                     "{\"version\":\"v3\",\"created\":\"x\"}]"},
                    {"update_date", "\"2009-01-01\""}}));
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_TEST(raw.papers[0].version == 10);
  BOOST_TEST(raw.papers[0].published == "2007-03-31");
}

BOOST_AUTO_TEST_CASE(update_date_when_versions_say_nothing) {
  const auto raw = read_raw(Format::arxiv_jsonl,
                            rec({{"update_date", "\"2009-01-02\""}}) + "\n" +
                                rec({{"id", "\"0704.0004\""},
                                     {"versions", "[{\"version\":\"v1\",\"created\":\"soon\"}]"},
                                     {"update_date", "\"2009-01-03\""}}));
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST(raw.papers[0].published == "2009-01-02");
  BOOST_TEST(raw.papers[1].published == "2009-01-03");
  BOOST_REQUIRE(raw.notes.size() == 1u);  // the unreadable created date
  BOOST_TEST(raw.notes[0].line == 2u);
  BOOST_TEST(contains(raw.notes[0].message, "versions[0].created"));
}

BOOST_AUTO_TEST_CASE(tex_authors_split_on_commas_and_and) {
  const auto raw = read_raw(
      Format::arxiv_jsonl,
      rec({{"authors", "\"A. S. Mishchenko (1 and 2) and N. Nagaosa (1, 3) ((1) CREST, Japan)\""},
           {"authors_parsed", "[]"}}) +
          "\n" +
          rec({{"id", "\"0704.0006\""},
               {"authors", "\"W.S. Lee, S. Johnston,\\n  and Z.-X. {\\\\O}bro, Jr.\""}}));
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST((raw.papers[0].authors == std::vector<std::string>{"A. S. Mishchenko", "N. Nagaosa"}));
  BOOST_TEST((raw.papers[1].authors ==
              std::vector<std::string>{"W.S. Lee", "S. Johnston", "Z.-X. {\\O}bro Jr."}));
}

BOOST_AUTO_TEST_CASE(nulls_are_absent_fields) {
  const auto raw = read_raw(Format::arxiv_jsonl,
                            "{\"id\":\"0704.0007\",\"submitter\":null,\"authors\":null,"
                            "\"title\":\"T\",\"abstract\":null,\"doi\":null,\"categories\":null,"
                            "\"versions\":null,\"update_date\":null,\"authors_parsed\":null,"
                            "\"license\":null}");
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_TEST(raw.notes.empty());
  BOOST_TEST(raw.papers[0].abstract.empty());
  BOOST_TEST(raw.papers[0].links.size() == 1u);
}

BOOST_AUTO_TEST_CASE(wrong_types_reject_id_title_abstract_and_drop_other_fields) {
  const auto raw = read_raw(Format::arxiv_jsonl,
                            rec({{"id", "704.0001"}}) + "\n" + rec({{"title", "5"}}) + "\n" +
                                rec({{"abstract", "[\"x\"]"}}) + "\n" +
                                rec({{"versions", "\"v1\""},
                                     {"doi", "{}"},
                                     {"authors_parsed", "[[\"Last\",\"First\"],7]"}}) +
                                "\n" + rec({{"categories", "[\"a\"]"}, {"submitter", "false"}}));
  BOOST_REQUIRE(raw.rejected.size() == 3u);
  BOOST_TEST(raw.rejected[0].message == "id must be a string, found a number");
  BOOST_TEST(raw.rejected[0].line == 1u);
  BOOST_TEST(raw.rejected[0].byte_offset == 0u);  // type errors point at the record
  BOOST_TEST(raw.rejected[1].message == "title must be a string, found a number");
  BOOST_TEST(raw.rejected[2].message == "abstract must be a string, found an array");
  BOOST_TEST(raw.rejected[2].line == 3u);
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST(raw.papers[0].authors == std::vector<std::string>{"First Last"});
  BOOST_TEST(raw.papers[0].links.size() == 1u);
  BOOST_TEST(raw.papers[1].categories.empty());
  BOOST_TEST(raw.papers[1].submitter.empty());
  std::string notes;
  for (const auto& n : raw.notes) notes += n.message + "|";
  BOOST_TEST(contains(notes, "versions must be an array, found a string; ignored"));
  BOOST_TEST(contains(notes, "doi must be a string, found an object; ignored"));
  BOOST_TEST(contains(notes, "authors_parsed: 1 malformed entry ignored"));
  BOOST_TEST(contains(notes, "categories must be a string, found an array; ignored"));
  BOOST_TEST(contains(notes, "submitter must be a string, found a boolean; ignored"));
  BOOST_TEST(raw.notes.size() == 5u);
}

BOOST_AUTO_TEST_CASE(record_without_title_or_object_is_rejected) {
  const auto raw = read_raw(Format::arxiv_jsonl, "{\"id\":\"0704.0001\"}\n[1]\n\"x\"\n" +
                                                     rec({{"title", "\"  \""}}) + "\n");
  BOOST_TEST(raw.papers.empty());
  BOOST_REQUIRE(raw.rejected.size() == 4u);
  BOOST_TEST(raw.rejected[0].message == "no title");
  BOOST_TEST(raw.rejected[1].message == "expected a JSON object, found an array");
  BOOST_TEST(raw.rejected[2].message == "expected a JSON object, found a string");
  BOOST_TEST(raw.rejected[3].line == 4u);
}

BOOST_AUTO_TEST_CASE(repeated_key_first_one_counts) {
  const auto raw = read_raw(Format::arxiv_jsonl,
                            "{\"title\":\"First\",\"title\":\"Second\",\"id\":\"0704.0001\"}");
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_TEST(raw.papers[0].title == "First");
}

BOOST_AUTO_TEST_CASE(blank_lines_crlf_and_bom_keep_line_numbers_and_offsets) {
  const std::string first = rec();
  const std::string input =
      "\xEF\xBB\xBF" + first + "\r\n\r\n   \n" + rec({{"id", "\"0704.0002\""}}) + "\r\n{\"ti";
  const auto raw = read_raw(Format::arxiv_jsonl, input);
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST(raw.papers[0].source.line == 1u);
  BOOST_TEST(raw.papers[0].source.byte_offset == 0u);
  BOOST_TEST(raw.papers[1].source.line == 4u);
  BOOST_TEST(raw.papers[1].source.byte_offset == 3u + first.size() + 2u + 2u + 4u);
  BOOST_REQUIRE(raw.rejected.size() == 1u);  // the truncated last line
  BOOST_TEST(raw.rejected[0].line == 5u);
  BOOST_TEST(contains(raw.rejected[0].message, "invalid JSON: "));
  BOOST_TEST(contains(raw.rejected[0].message, "truncated"));
  BOOST_TEST(raw.rejected[0].format == "arxiv-jsonl");
  BOOST_TEST(raw.rejected[0].source_name == "test");
}

BOOST_AUTO_TEST_CASE(syntax_error_offset_counts_from_the_input_start) {
  const auto raw = read_raw(Format::arxiv_jsonl, "\xEF\xBB\xBF{\"title\" \"x\"}\n{\"a\":1,}\n");
  BOOST_REQUIRE(raw.rejected.size() == 2u);
  BOOST_TEST(raw.rejected[0].byte_offset == 3u + 9u);  // BOM, then the missing ':'
  BOOST_TEST(contains(raw.rejected[0].message, "Missing a colon after a name of object member"));
  BOOST_TEST(raw.rejected[1].line == 2u);
  BOOST_TEST(raw.rejected[1].byte_offset == 17u + 7u);
}

// simdjson reads each line as RapidJSON alone does (PAPERSIEVE_JSON=rapidjson): the real
// sample, and lines of every kind of trouble.
BOOST_AUTO_TEST_CASE(simdjson_reads_every_line_as_rapidjson_does) {
  const std::string path = test_support::shared_data(kSample);
  std::string input = path.empty() ? std::string() : test_support::read_file(path) + "\n";
  for (const auto& changes : std::vector<Fields>{
           {{"license", "1e400"}},
           {{"title", "\"Caf\xE9\""}},
           {{"authors_parsed", "[[\"A\",\"B\",\"C\",{\"x\":[1]}],7,[],[\"\"]]"}},
           {{"versions", "[{\"version\":\"v2\",\"created\":5},\"v3\",{\"version\":\"v9\"}]"}},
           {{"title", "\"x\\u0000y\""}},
           {{"id", "7"}},
           {{"title", "\"T\\ud83d\\ude00\""}, {"abstract", "\"a\\tb\""}},
           {{"id", "\"0704.0002\""}, {"abstract", "\"" + std::string(3 << 19, 'w') + "\""}}})
    input += rec(changes) + "\n";
  input += "{\"title\":\"x\",}\n[1,2]\n{\"title\":\"a\",\"title\":5}\n";
  const Corpus fast = arxiv(input);
  setenv("PAPERSIEVE_JSON", "rapidjson", 1);
  const Corpus strict = arxiv(input);
  unsetenv("PAPERSIEVE_JSON");
  BOOST_TEST(fast.papers.size() >= (path.empty() ? 1u : 101u));
  BOOST_TEST(papers_to_jsonl(fast.papers) == papers_to_jsonl(strict.papers));
  BOOST_REQUIRE(fast.diagnostics.size() == strict.diagnostics.size());
  for (std::size_t i = 0; i < fast.diagnostics.size(); ++i) {
    BOOST_TEST(fast.diagnostics[i].message == strict.diagnostics[i].message);
    BOOST_TEST(fast.diagnostics[i].line == strict.diagnostics[i].line);
  }
  BOOST_TEST(fast.stats.rejected == 4u);
}

// The reader's fast parser refuses some lines that are still JSON (docs/design.md, "Parsing"):
// those are read again by the strict parser, so each line means the same whichever read it.
BOOST_AUTO_TEST_CASE(lines_the_fast_parser_refuses_read_the_same) {
  std::string deep;  // nesting far deeper than the fast parser takes, in a field not read
  for (int i = 0; i < 3000; ++i) deep += "[";
  for (int i = 0; i < 3000; ++i) deep += "]";
  const auto raw = read_raw(
      Format::arxiv_jsonl,
      rec({{"license", "123456789012345678901234567890"}}) + "\n" +  // beyond 64 bits
          rec({{"title", "\"Caf\xE9 lattices\""}}) + "\n" +          // Latin-1, not UTF-8
          rec({{"comments", deep}}) + "\n" +
          rec({{"authors_parsed", "[[\"Last\",\"First\",\"\",[[\"deeper\"]]],[\"Solo\"]]"}}) +
          "\n" + rec({{"title", "\"\\ud800 alone\""}}) + "\n" + rec() + std::string(1, '\0') +
          "\n");
  BOOST_REQUIRE(raw.papers.size() == 4u);
  BOOST_TEST(raw.papers[0].arxiv_id == "0704.0001");
  BOOST_TEST(raw.papers[1].title.find("Caf") == 0u);
  BOOST_TEST(raw.papers[2].title == "A Title");
  BOOST_TEST(raw.papers[3].authors == (std::vector<std::string>{"First Last", "Solo"}));
  BOOST_REQUIRE(raw.rejected.size() == 2u);
  BOOST_TEST(raw.rejected[0].line == 5u);
  BOOST_TEST(contains(raw.rejected[0].message, "surrogate"));
  BOOST_TEST(raw.rejected[1].line == 6u);
}
