// Every engine limit is configurable (ParseOptions, RuleLimits) and, set low, is
// enforced with its exact error (docs/reliability.md, "Limits"). The same limits
// through the C ABI: tests/capi/test_capi_limits.c; Python and the CLI:
// tests/python/test_limits.py.
#define BOOST_TEST_MODULE configurable_limits
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/error.hpp"
#include "papersieve/limits.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"

using namespace papersieve;

namespace {

// The RuleError message of compiling `query` (or, when it starts with '{', the rule
// file) with `limits`; "" when it compiles. The defaults must compile it.
std::string rule_error(const std::string& source, const RuleLimits& limits) {
  const bool file = source[0] == '{';
  BOOST_CHECK_NO_THROW(file ? RuleSet::from_json(source) : RuleSet::from_query(source));
  try {
    if (file) {
      RuleSet::from_json(source, limits);
    } else {
      RuleSet::from_query(source, limits);
    }
  } catch (const RuleError& e) {
    if (file) {  // check_json reports the same first problem
      const auto problems = RuleSet::check_json(source, limits);
      BOOST_TEST_REQUIRE(!problems.empty());
      BOOST_TEST(std::string(e.what()).rfind(problems[0].to_string(), 0) == 0u);
    }
    return e.what();
  }
  return "";
}

const std::string kRecord = R"({"title": "A title", "abstract": "Some abstract text."})";

}  // namespace

BOOST_AUTO_TEST_CASE(max_record_bytes_in_every_line_format) {
  ParseOptions options;
  options.max_record_bytes = 40;
  const std::string line(100, 'x');
  struct Case {
    Format format;
    std::string input;
  };
  const std::vector<Case> cases = {
      {Format::jsonl, kRecord + "\n" + kRecord + "\n"},
      {Format::arxiv_jsonl, R"({"id": "2406.00001", "title": "T", "abstract": ")" + line + "\"}\n"},
      {Format::hf_text, "A title\n" + line + "\n"},
      {Format::kv_text, "Title: A title\nSummary: " + line + "\n"},
      {Format::arxiv_mailing, "\\\\\narXiv:2406.00001\nTitle: " + line + "\n"}};
  for (const auto& c : cases) {
    options.format = c.format;
    const Corpus corpus = parse(c.input, options);
    BOOST_TEST_CONTEXT(format_name(c.format)) {
      BOOST_TEST(corpus.stats.rejected >= 1u);
      BOOST_TEST(corpus.stats.records ==
                 corpus.stats.papers + corpus.stats.duplicates + corpus.stats.rejected);
      bool found = false;
      for (const auto& d : corpus.diagnostics)
        found = found || (d.severity == Severity::error &&
                          d.message.find("bytes is longer than the limit of 40 bytes "
                                         "(max_record_bytes); skipped") != std::string::npos);
      BOOST_TEST(found);
    }
  }
  options.format = Format::jsonl;
  const Corpus two = parse(kRecord + "\n" + kRecord + "\n", options);
  // Two rejections, then the note that every record was rejected.
  BOOST_REQUIRE(two.diagnostics.size() == 3u);
  BOOST_TEST(two.diagnostics[2].message.find("every record was rejected as jsonl") == 0u);
  BOOST_TEST(two.diagnostics[1].message ==
             "line of 55 bytes is longer than the limit of 40 bytes (max_record_bytes); skipped");
  BOOST_TEST(two.diagnostics[1].line == 2u);
  BOOST_TEST(two.diagnostics[1].byte_offset == 56u);
  options.max_record_bytes = ParseOptions{}.max_record_bytes;
  BOOST_TEST(parse(kRecord + "\n" + kRecord + "\n", options).papers.size() == 1u);  // a duplicate
}

BOOST_AUTO_TEST_CASE(max_record_bytes_across_chunks) {
  // A line split over many chunks is held only up to the limit, and still rejected whole.
  const std::string path = "configurable_limits_chunks.jsonl";
  {
    std::string text = kRecord + "\n{\"title\": \"" + std::string(3u << 20, 'y') + "\"}\n" +
                       R"({"title": "Another", "abstract": "Text."})" + "\n";
    FILE* f = std::fopen(path.c_str(), "wb");
    BOOST_REQUIRE(f != nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  ParseOptions options;
  options.format = Format::jsonl;
  options.max_record_bytes = 1u << 20;
  const Corpus corpus = parse_file(path, options);
  std::remove(path.c_str());
  BOOST_TEST(corpus.papers.size() == 2u);
  BOOST_TEST(corpus.stats.rejected == 1u);
  BOOST_REQUIRE(corpus.diagnostics.size() == 1u);
  BOOST_TEST(corpus.diagnostics[0].message ==
             "line of 3145741 bytes is longer than the limit of 1048576 bytes "
             "(max_record_bytes); skipped");
  BOOST_TEST(corpus.diagnostics[0].line == 2u);
}

BOOST_AUTO_TEST_CASE(max_document_bytes) {
  ParseOptions options;
  options.max_document_bytes = 10;
  for (Format format : {Format::json, Format::hf_json}) {
    options.format = format;
    try {
      parse("[" + kRecord + "]", options);
      BOOST_FAIL("no exception");
    } catch (const Error& e) {
      BOOST_TEST((e.status() == Status::limit));
      BOOST_TEST(std::string(e.what()) ==
                 "the " + std::string(format_name(format)) +
                     " reader holds a whole document in memory, and this one is larger than the "
                     "limit of 10 bytes (max_document_bytes); split it or convert it to JSON "
                     "lines");
    }
  }
}

BOOST_AUTO_TEST_CASE(each_rule_limit) {
  RuleLimits l;
  l.max_query_bytes = 8;
  BOOST_TEST(rule_error("diffusion OR t2i", l) ==
             "rule \"query\": query column 9: query longer than 8 bytes");
  l = {};
  l.max_query_depth = 2;
  BOOST_TEST(rule_error("((( a )))", l) ==
             "rule \"query\": query column 3: query nested deeper than 2 levels");
  l = {};
  l.max_rule_file_bytes = 16;
  BOOST_TEST(rule_error(R"({"rules": [{"name": "a", "query": "a"}]})", l) ==
             "rule file is 40 bytes long; the limit is 16");
  l = {};
  l.max_rules = 1;
  BOOST_TEST(rule_error(R"({"rules": [{"name": "a", "query": "a"}, {"name": "b", "query": "b"}]})",
                        l) == "rules: has 2 rules; the limit is 1");
  l = {};
  l.max_patterns_per_rule = 2;
  BOOST_TEST(rule_error(R"({"rules": [{"name": "k", "keywords": ["a", "b", "c"]}]})", l) ==
             "rule \"k\": keywords: has 3 items; the limit is 2");
  BOOST_TEST(rule_error(R"({"rules": [{"name": "k", "query": "a", "tags": ["a", "b", "c"]}]})",
                        l) == "rule \"k\": tags: has 3 items; the limit is 2");
  l = {};
  l.max_pattern_bytes = 4;
  BOOST_TEST(rule_error(R"({"rules": [{"name": "k", "keywords": ["diffusion"]}]})", l) ==
             "rule \"k\": keywords[0]: is 9 bytes long; the limit is 4");
  BOOST_TEST(rule_error("diffusion", l) ==
             "rule \"query\": query column 1: term longer than 4 bytes");
  l = {};
  l.max_terms = 2;
  BOOST_TEST(rule_error("a b c", l) ==
             "rule \"query\": query column 5: more than 2 terms in the rule set");
  l = {};
  l.regex_max_mem = 1 << 10;
  const std::string too_large = "regex needs more than the memory limit of 1024 bytes (RE2: ";
  BOOST_TEST(rule_error(R"({"rules": [{"name": "r", "regex": ["a{100}b{100}"]}]})", l)
                 .rfind("rule \"r\": regex[0]: " + too_large, 0) == 0u);
  BOOST_TEST(
      rule_error("/a{100}b{100}/", l).rfind("rule \"query\": query column 1: " + too_large, 0) ==
      0u);
}

// The reflected table (kLimits) holds every field of ParseOptions and RuleLimits that
// limits.def declares, with the structs' defaults, parse limits first.
BOOST_AUTO_TEST_CASE(the_limit_table_reflects_the_structs) {
  std::vector<std::string> names;
  for (const LimitInfo& limit : kLimits) {
    names.emplace_back(limit.name);
    BOOST_TEST(limit.default_value > 0);
    BOOST_TEST(!limit.doc.empty());
    BOOST_TEST(limit.doc.find('\n') == std::string_view::npos);
  }
  BOOST_TEST(
      names == (std::vector<std::string>{
                   "max_record_bytes", "max_document_bytes", "max_query_bytes", "max_query_depth",
                   "max_rule_file_bytes", "max_rules", "max_patterns_per_rule", "max_pattern_bytes",
                   "max_terms", "regex_max_mem"}),
      boost::test_tools::per_element());
  const ParseOptions parse;
  const RuleLimits rules;
  std::size_t i = 0;
#define PSV_PARSE_LIMIT(name, type, value, doc)        \
  BOOST_TEST((kLimits[i].scope == LimitScope::parse)); \
  BOOST_TEST(kLimits[i++].default_value == static_cast<std::int64_t>(parse.name));
#define PSV_RULE_LIMIT(name, type, value, doc)         \
  BOOST_TEST((kLimits[i].scope == LimitScope::rules)); \
  BOOST_TEST(kLimits[i++].default_value == static_cast<std::int64_t>(rules.name));
#include "papersieve/limits.def"
  BOOST_TEST(i == std::size(kLimits));
  BOOST_TEST(limit_scope_name(LimitScope::parse) == "parse");
  BOOST_TEST(limit_scope_name(LimitScope::rules) == "rules");
}

// The table's defaults are the ones the engine enforces: a query or a term of exactly the
// default size compiles, one byte more is refused.
BOOST_AUTO_TEST_CASE(the_table_defaults_are_enforced) {
  const auto default_of = [](std::string_view name) {
    for (const LimitInfo& limit : kLimits)
      if (limit.name == name) return static_cast<std::size_t>(limit.default_value);
    BOOST_FAIL("no limit " << name);
    return std::size_t{0};
  };
  const std::size_t query_bytes = default_of("max_query_bytes");
  const std::string query = "a" + std::string(query_bytes - 1, ' ');  // padded with spaces
  BOOST_CHECK_NO_THROW(RuleSet::from_query(query));
  BOOST_CHECK_THROW(RuleSet::from_query(query + " "), RuleError);
  const std::size_t pattern_bytes = default_of("max_pattern_bytes");
  BOOST_CHECK_NO_THROW(RuleSet::from_query(std::string(pattern_bytes, 'x')));
  BOOST_CHECK_THROW(RuleSet::from_query(std::string(pattern_bytes + 1, 'x')), RuleError);
}

BOOST_AUTO_TEST_CASE(limits_are_kept_by_the_rule_set) {
  RuleLimits l;
  l.max_terms = 7;
  const RuleSet rules = RuleSet::from_query("a", l);
  BOOST_TEST(rules.limits().max_terms == 7u);
  BOOST_TEST(RuleSet::from_query("a").limits().max_terms == RuleLimits{}.max_terms);
  const RuleSet copy = rules;
  BOOST_TEST(copy.limits().max_terms == 7u);
}

// A bad pattern in a rule file's regex list names its entry, with RE2's error and the
// column of the part RE2 names (for a missing ")" the whole pattern; it used to say
// "query column 1" whatever the entry).
BOOST_AUTO_TEST_CASE(invalid_regex_in_a_regex_list_names_the_entry) {
  const std::string file = R"({"rules": [{"name": "x", "regex": ["ok", "fine", "ab(c", "x[y"]}]})";
  const auto problems = RuleSet::check_json(file);
  BOOST_REQUIRE(problems.size() == 2u);
  BOOST_TEST(problems[0].to_string() ==
             "rule \"x\": regex[2] column 1: invalid regex: missing ): ab(c");
  BOOST_TEST(problems[1].to_string() ==
             "rule \"x\": regex[3] column 2: invalid regex: missing ]: [y");
  try {
    RuleSet::from_json(file);
    BOOST_FAIL("no exception");
  } catch (const RuleError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "rule \"x\": regex[2] column 1: invalid regex: missing ): ab(c\n"
               "rule \"x\": regex[3] column 2: invalid regex: missing ]: [y");
  }
  // A regex in a query still names the query and its column.
  const auto in_query = RuleSet::check_json(R"({"rules": [{"name": "q", "query": "a /b(/"}]})");
  BOOST_REQUIRE(in_query.size() == 1u);
  BOOST_TEST(in_query[0].to_string() == "rule \"q\": query column 3: invalid regex: missing ): b(");
}

// A kv-text block or a mailing record of many short lines is bounded too: the lines past
// the limit are not kept, and the record is rejected at its end.
BOOST_AUTO_TEST_CASE(max_record_bytes_for_records_of_many_lines) {
  std::string many;
  for (int i = 0; i < 200; ++i) many += "  continued line " + std::to_string(i) + "\n";
  ParseOptions options;
  options.max_record_bytes = 1024;
  options.format = Format::kv_text;
  const Corpus kv = parse(
      "Title: Long\nSummary: start\n" + many + "---\nTitle: Short\nSummary: Fine.\n", options);
  BOOST_TEST(kv.stats.records == 2u);
  BOOST_TEST(kv.stats.rejected == 1u);
  BOOST_REQUIRE(kv.papers.size() == 1u);
  BOOST_TEST(kv.papers[0].title == "Short");
  BOOST_REQUIRE(!kv.diagnostics.empty());
  BOOST_TEST(kv.diagnostics[0].message ==
             "record longer than the limit of 1024 bytes (max_record_bytes); skipped");
  BOOST_TEST(kv.diagnostics[0].line == 1u);

  options.format = Format::arxiv_mailing;
  const std::string record_head = "\\\\\narXiv:2406.0000";
  const Corpus mailing = parse(record_head + "1\nTitle: Long\n\\\\\n" + many +
                                   "\\\\ ( https://arxiv.org/abs/2406.00001 )\n" + record_head +
                                   "2\nTitle: Short\n\\\\\nFine.\n\\\\ ( "
                                   "https://arxiv.org/abs/2406.00002 )\n",
                               options);
  BOOST_TEST(mailing.stats.records == 2u);
  BOOST_TEST(mailing.stats.rejected == 1u);
  BOOST_REQUIRE(mailing.papers.size() == 1u);
  BOOST_TEST(mailing.papers[0].title == "Short");
  bool found = false;
  for (const auto& d : mailing.diagnostics)
    found = found || d.message ==
                         "record longer than the limit of 1024 bytes (max_record_bytes); "
                         "skipped";
  BOOST_TEST(found);
  options.max_record_bytes = ParseOptions{}.max_record_bytes;
  BOOST_TEST(parse(record_head + "1\nTitle: Long\n\\\\\n" + many, options).papers.size() == 1u);
}
