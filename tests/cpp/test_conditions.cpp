#define BOOST_TEST_MODULE conditions
#include <boost/test/unit_test.hpp>
#include <string>

#include "papersieve/rules.hpp"
#include "rules/query/parser.hpp"
#include "test_support.hpp"

using namespace papersieve;
using namespace papersieve::rules;

namespace {

std::string tree(std::string_view query) { return to_debug_string(*parse_query(query)); }

std::string error(std::string_view query) {
  try {
    parse_query(query);
  } catch (const QueryError& e) {
    return std::to_string(e.column()) + ": " + e.message();
  }
  return "no error";
}

// 2026-12-07 12:00:00 UTC.
constexpr std::int64_t kNow = 1796644800;

Paper paper(std::string title, std::string published, std::optional<std::int64_t> upvotes = {}) {
  Paper p;
  p.id = title;
  p.title = std::move(title);
  p.abstract = "An abstract about diffusion.";
  p.published = std::move(published);
  p.upvotes = upvotes;
  p.source.format = "hf-json";
  p.source.name = "/data/daily/hf-2026-12-07.json";
  return p;
}

bool matches(std::string_view query, const Paper& p) {
  RuleLimits limits;
  limits.now = kNow;
  return RuleSet::from_query(query, limits).match(p).has_value();
}

}  // namespace

BOOST_AUTO_TEST_CASE(clock_is_the_day_expected) {
  // The fixed clock is 2026-12-07: today matches that day.
  BOOST_TEST(matches("published:today", paper("a", "2026-12-07")));
  BOOST_TEST(!matches("published:today", paper("a", "2026-12-06")));
}

BOOST_AUTO_TEST_CASE(parsed_forms) {
  BOOST_TEST(tree("published:>=2026-12-01") == "published:>=2026-12-01");
  BOOST_TEST(tree("published:2026-12") == "published:=2026-12");
  BOOST_TEST(tree("updated:<2026") == "updated:<2026");
  BOOST_TEST(tree("published:[2026-12-01 TO 2026-12-07]") ==
             "published:[2026-12-01 TO 2026-12-07]");
  BOOST_TEST(tree("published:>today-7d") == "published:>today-7d");
  BOOST_TEST(tree("published:>=today-2w") == "published:>=today-14d");
  BOOST_TEST(tree("upvotes:>=10 diffusion") == "AND(upvotes:>=10, word:diffusion)");
  BOOST_TEST(tree("UPVOTES:[5 TO 20]") == "upvotes:[5 TO 20]");
  BOOST_TEST(tree("announce:New") == "announce:new");
  BOOST_TEST(tree("-source:arxiv-mailing") == "NOT(source:arxiv-mailing)");
  // A field prefix does not reach a condition.
  BOOST_TEST(tree("title:(a published:2026)") == "AND(title:word:a, published:=2026)");
}

BOOST_AUTO_TEST_CASE(errors_have_columns) {
  BOOST_TEST(error("a published:") ==
             "3: \"published:\" needs a value, a comparison or a range right after it");
  BOOST_TEST(error("published:>=2026-13-01") ==
             "13: bad date \"2026-13-01\" (dates: YYYY, YYYY-MM, YYYY-MM-DD, today, today-7d, "
             "today-2w)");
  BOOST_TEST(error("published:2026-02-30").rfind("11: bad date \"2026-02-30\"", 0) == 0);
  BOOST_TEST(error("published:>=tomorrow").rfind("13: bad date \"tomorrow\"", 0) == 0);
  BOOST_TEST(error("published:>=") == "11: \">=\" needs a value after it");
  BOOST_TEST(error("upvotes:>=ten") == "11: bad number \"ten\" (a whole number: upvotes:>=10)");
  BOOST_TEST(error("x upvotes:[1 TO") == "11: unterminated range: no closing \"]\"");
  BOOST_TEST(error("published:[2026-01-01 2026-02-01]") ==
             "11: a range is [FROM TO TO], e.g. published:[2026-12-01 TO 2026-12-07]");
  BOOST_TEST(error("published:[2026-01-01 TO 2026-99]").rfind("26: bad date \"2026-99\"", 0) == 0);
  BOOST_TEST(error("announce:old") ==
             "10: unknown announce type \"old\" (types: new cross replace replace-cross absonly)");
  BOOST_TEST(error("announce:>=new") ==
             "10: \"announce:\" takes a value, not a comparison (announce:value)");
  BOOST_TEST(error("Schrödinger publishd:2026")
                 .rfind("13: unknown field \"publishd\" (did you mean \"published\"?", 0) == 0);
}

BOOST_AUTO_TEST_CASE(full_partial_and_missing_dates) {
  const Paper full = paper("full", "2026-12-05");
  const Paper month = paper("month", "2026-12");
  const Paper year = paper("year", "2026");
  const Paper stamp = paper("stamp", "2026-12-05T17:59:30.000Z");
  const Paper none = paper("none", "");
  const Paper junk = paper("junk", "last tuesday");
  BOOST_TEST(matches("published:>=2026-12-01", full));
  BOOST_TEST(matches("published:>=2026-12-01", stamp));
  BOOST_TEST(!matches("published:>2026-12-05", full));
  BOOST_TEST(matches("published:<=2026-12-05", full));
  // A partial date is equal to every day it contains.
  BOOST_TEST(matches("published:>=2026-12-05", month));
  BOOST_TEST(matches("published:<=2026-12-05", month));
  BOOST_TEST(matches("published:=2026-12-05", month));
  BOOST_TEST(!matches("published:>2026-12-05", month));
  BOOST_TEST(!matches("published:<2026-12-05", month));
  BOOST_TEST(!matches("published:>=2027-01-01", month));
  BOOST_TEST(matches("published:<2027-01-01", month));
  BOOST_TEST(matches("published:2026", full));
  BOOST_TEST(matches("published:2026-12", full));
  BOOST_TEST(!matches("published:2026-11", full));
  BOOST_TEST(matches("published:[2026-06 TO 2027]", year));
  BOOST_TEST(matches("published:[2026-12-01 TO 2026-12-07]", full));
  BOOST_TEST(!matches("published:[2026-12-06 TO 2026-12-07]", full));
  // Without a date, no date condition holds, not even a negated range's complement test.
  for (const Paper* p : {&none, &junk}) {
    BOOST_TEST(!matches("published:>=1900", *p));
    BOOST_TEST(!matches("published:<3000", *p));
    BOOST_TEST(!matches("published:today", *p));
    BOOST_TEST(matches("-published:>=1900", *p));  // NOT of a false condition
  }
}

BOOST_AUTO_TEST_CASE(relative_windows_use_the_clock) {
  // Clock: 2026-12-07. The last 7 days are 2026-12-01 .. 2026-12-07.
  BOOST_TEST(matches("published:>today-7d", paper("a", "2026-12-01")));
  BOOST_TEST(!matches("published:>today-7d", paper("a", "2026-11-30")));
  BOOST_TEST(matches("published:>=today-1w", paper("a", "2026-11-30")));
  BOOST_TEST(matches("published:>=today-7d", paper("a", "2026-12")));  // partial: same month
  BOOST_TEST(matches("published:>=today-7d", paper("a", "2026-11")));  // 2026-11-30 is in it
  BOOST_TEST(!matches("published:>today-7d", paper("a", "2026-11")));
  BOOST_TEST(!matches("published:>=today-7d", paper("a", "2026-10")));
  BOOST_TEST(matches("published:[today-400d TO today-300d]", paper("a", "2026-01-15")));
  RuleLimits later;
  later.now = kNow + 86400 * 30;  // 2027-01-06
  BOOST_TEST(
      !RuleSet::from_query("published:today", later).match(paper("a", "2026-12-07")).has_value());
}

BOOST_AUTO_TEST_CASE(updated_upvotes_announce_source) {
  Paper p = paper("p", "2026-01-01", 12);
  p.extra["updated"] = "2026-12-03";
  p.extra["announce_type"] = "cross";
  BOOST_TEST(matches("updated:>=2026-12-01", p));
  BOOST_TEST(!matches("updated:>=2026-12-01", paper("q", "2026-12-05")));  // no updated date
  BOOST_TEST(matches("upvotes:>=10", p));
  BOOST_TEST(matches("upvotes:12", p));
  BOOST_TEST(!matches("upvotes:>12", p));
  BOOST_TEST(matches("upvotes:[10 TO 12]", p));
  BOOST_TEST(!matches("upvotes:<=100", paper("q", "2026")));  // no upvotes
  BOOST_TEST(matches("announce:cross", p));
  BOOST_TEST(!matches("announce:new", p));
  BOOST_TEST(!matches("announce:new", paper("q", "2026")));
  BOOST_TEST(matches("source:hf-json", p));
  BOOST_TEST(matches("source:hf-2026-12-07.json", p));
  BOOST_TEST(matches("source:/data/daily/hf-2026-12-07.json", p));
  BOOST_TEST(!matches("source:arxiv-mailing", p));
  // With text: both must hold; spans come from the text only.
  RuleLimits limits;
  limits.now = kNow;
  const auto rules = RuleSet::from_query("diffusion upvotes:>=10", limits);
  const auto hit = rules.match(p);
  BOOST_REQUIRE(hit.has_value());
  BOOST_TEST(hit->spans.size() == 1u);
  BOOST_TEST(!rules.match(paper("low", "2026", 3)).has_value());
}

BOOST_AUTO_TEST_CASE(rule_files_take_conditions_in_queries) {
  RuleLimits limits;
  limits.now = kNow;
  const auto rules = RuleSet::from_json(R"({"rules": [
      {"name": "recent", "query": "published:>today-7d", "fields": ["title"]},
      {"name": "popular", "query": "upvotes:>=50", "weight": 2}]})",
                                        limits);
  Paper p = paper("p", "2026-12-06", 60);
  const auto hit = rules.match(p);
  BOOST_REQUIRE(hit.has_value());
  BOOST_TEST(hit->score == 3.0);
  BOOST_TEST(rules.match(paper("old", "2025-01-01", 60))->score == 2.0);
  const auto problems =
      RuleSet::check_json(R"({"rules": [{"name": "r", "query": "diffusion published:>=2026-1"}]})");
  BOOST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].to_string() ==
             "rule \"r\": query column 23: bad date \"2026-1\" (dates: YYYY, YYYY-MM, "
             "YYYY-MM-DD, today, today-7d, today-2w)");
}
