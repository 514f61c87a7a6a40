// Input a new user brings from elsewhere (docs/reliability.md, "Hostile input"): every string
// handed out is valid UTF-8, regex spans cover whole characters, @rule chains as long as the
// rule list neither recurse nor crash, `auto` refuses what no reader recognizes, and a forced
// format that rejects everything says what the input looks like.
#define BOOST_TEST_MODULE untrusted_text
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"
#include "rules/match/matcher.hpp"
#include "rules/query/parser.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

bool valid(const std::string& s) { return is_valid_utf8(s); }

bool has_diagnostic(const Corpus& c, const std::string& part) {
  for (const auto& d : c.diagnostics)
    if (d.message.find(part) != std::string::npos) return true;
  return false;
}

std::string parse_error(std::string_view data, Format format = Format::automatic) {
  try {
    parse(data, ParseOptions{format, "in.txt"});
  } catch (const ParseError& e) {
    return e.what();
  }
  return "(no error)";
}

// A rule file of `n` rules where r<i> references r<i+1>; the last one matches "diffusion".
std::string chain(std::size_t n) {
  std::string json = "{\"rules\":[";
  for (std::size_t i = 0; i + 1 < n; ++i)
    json += "{\"name\":\"r" + std::to_string(i) + "\",\"query\":\"@r" + std::to_string(i + 1) +
            "\",\"weight\":0},";
  json += "{\"name\":\"r" + std::to_string(n - 1) + "\",\"query\":\"diffusion\"}]}";
  return json;
}

Corpus two_papers() {
  return parse(
      "[{\"title\":\"Diffusion for images\",\"abstract\":\"We study diffusion.\"},"
      "{\"title\":\"Graphs\",\"abstract\":\"No match here.\"}]",
      ParseOptions{Format::json, "two"});
}

}  // namespace

BOOST_AUTO_TEST_CASE(utf8_prefix_cuts_at_character_boundaries) {
  const std::string cjk = "\xE4\xB8\xAD\xE6\x96\x87";  // 中文: 3 bytes each
  BOOST_TEST(utf8_prefix(cjk, 4) == "\xE4\xB8\xAD");
  BOOST_TEST(utf8_prefix(cjk, 3) == "\xE4\xB8\xAD");
  BOOST_TEST(utf8_prefix(cjk, 2) == "");
  BOOST_TEST(utf8_prefix(cjk, 6) == cjk);
  const std::string emoji = "ab\xF0\x9F\x98\x80";  // ab😀
  for (std::size_t n = 2; n < 6; ++n) BOOST_TEST(utf8_prefix(emoji, n) == "ab");
  // Invalid bytes are one character each: the cut stands.
  BOOST_TEST(utf8_prefix("a\xFF\xFE\xFD", 2) == "a\xFF");
  BOOST_TEST(utf8_excerpt(cjk, 4) == "\xE4\xB8\xAD\xE2\x80\xA6");
  BOOST_TEST(utf8_excerpt("a\xFF", 10) == "a\xEF\xBF\xBD");
  BOOST_TEST(utf8_excerpt("short", 10) == "short");
}

BOOST_AUTO_TEST_CASE(error_messages_are_valid_utf8) {
  const ParseError e("bad \xC3 byte");
  BOOST_TEST(valid(e.what()));
  BOOST_TEST(std::string(e.what()) == "bad \xEF\xBF\xBD byte");
}

BOOST_AUTO_TEST_CASE(diagnostics_quoting_cjk_titles_are_valid_utf8) {
  // A title of 59 ASCII bytes then CJK: the old 60-byte cut split the first character.
  std::string title(59, 'x');
  for (int i = 0; i < 10; ++i) title += "\xE4\xB8\xAD";
  const std::string page = "Get trending papers in your email inbox!\nSubscribe" + title + "\n";
  const Corpus c = parse(page, ParseOptions{Format::automatic, "page"});
  BOOST_TEST(c.format == Format::hf_text);
  BOOST_TEST(has_diagnostic(c, "has no abstract line"));
  for (const auto& d : c.diagnostics) BOOST_TEST(valid(d.message), d.message);
}

BOOST_AUTO_TEST_CASE(diagnostics_quoting_invalid_bytes_are_valid_utf8) {
  const Corpus c = parse("{\"title\":\"T\",\"abstract\":\"A\",\"date\":\"\xFF\xFE not a date\"}\n",
                         ParseOptions{Format::jsonl, "bad\xFF.jsonl"});
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(has_diagnostic(c, "is not a date"));
  for (const auto& d : c.diagnostics) {
    BOOST_TEST(valid(d.message), d.message);
    BOOST_TEST(valid(d.source_name));
  }
}

BOOST_AUTO_TEST_CASE(rule_problems_are_valid_utf8) {
  const auto problems = RuleSet::check_json("{\"rules\":[{\"name\":\"a\xFF\",\"query\":\"x\"}]}");
  BOOST_TEST_REQUIRE(!problems.empty());
  for (const auto& p : problems) BOOST_TEST(valid(p.to_string()), p.to_string());
}

BOOST_AUTO_TEST_CASE(a_byte_matching_regex_spans_whole_characters) {
  const Corpus c = parse(
      "[{\"title\":\"\xE4\xB8\xAD caf\xC3\xA9 \xF0\x9F\x98\x80\","
      "\"abstract\":\"\xC3\xA9t\xC3\xA9\"}]",
      ParseOptions{Format::json, "cjk"});
  for (const char* query : {"/\\C/i", "/\\C/", "/\\C\\C/", "/caf\\C/"}) {
    const RuleSet rules = RuleSet::from_query(query);
    const Results results = rules.filter(c);
    BOOST_TEST_REQUIRE(results.hits.size() == 1u, query);
    for (const Span& span : results.hits[0].spans) {
      const std::string shown = displayed_field(c.papers[0], span.field);
      BOOST_TEST(valid(shown.substr(span.start, span.end - span.start)), query);
    }
    BOOST_TEST(valid(hits_to_markdown(c, results, "t")), query);
    BOOST_TEST(valid(hits_to_html(c, results, "t")), query);
    BOOST_TEST(valid(hits_to_jsonl(c, results)), query);
    // The reference path (spans without a match() before) snaps the same way.
    const rules::NodePtr tree = rules::parse_query(query);
    const rules::Matcher matcher({{"q", tree.get()}});
    for (const Span& span : matcher.spans(c.papers[0], 0)) {
      const std::string shown = displayed_field(c.papers[0], span.field);
      BOOST_TEST(valid(shown.substr(span.start, span.end - span.start)), query);
    }
  }
  // "caf\C" matches the first byte of "é": the span covers "café" whole.
  const Results r = RuleSet::from_query("/caf\\C/").filter(c);
  BOOST_TEST_REQUIRE(r.hits[0].spans.size() == 1u);
  BOOST_TEST(r.hits[0].spans[0].start == 4u);
  BOOST_TEST(r.hits[0].spans[0].end == 9u);
}

BOOST_AUTO_TEST_CASE(a_chain_of_60000_rules_filters) {
  const RuleSet rules = RuleSet::from_json(chain(60'000));
  const Results r = rules.filter(two_papers());
  BOOST_TEST_REQUIRE(r.hits.size() == 1u);
  BOOST_TEST(r.hits[0].index == 0u);
  BOOST_TEST(r.hits[0].rules.size() == 60'000u);  // every rule of the chain matched
  BOOST_TEST(!r.hits[0].spans.empty());           // found through every link
  const auto hit = rules.match(two_papers().papers[0]);
  BOOST_TEST_REQUIRE(hit.has_value());
  BOOST_TEST(hit->spans.size() == 2u);  // "Diffusion" in the title, "diffusion" in the abstract
  BOOST_TEST(rules.decide(two_papers().papers[1]).selected == false);
}

BOOST_AUTO_TEST_CASE(the_reference_span_path_follows_a_60000_rule_chain) {
  std::vector<rules::NodePtr> trees;
  std::vector<rules::RuleRoot> roots;
  for (std::size_t i = 0; i + 1 < 60'000; ++i)
    trees.push_back(rules::parse_query("@r" + std::to_string(i + 1)));
  trees.push_back(rules::parse_query("diffusion"));
  for (std::size_t i = 0; i < trees.size(); ++i)
    roots.push_back({"r" + std::to_string(i), trees[i].get()});
  const rules::Matcher matcher(std::move(roots));
  const Corpus c = two_papers();
  BOOST_TEST(matcher.match(c.papers[0])[0]);
  BOOST_TEST(!matcher.match(c.papers[1])[0]);
  BOOST_TEST(matcher.spans(c.papers[0], 0).size() == 2u);
  BOOST_TEST(matcher.spans(c.papers[1], 0).empty());
}

BOOST_AUTO_TEST_CASE(a_chain_at_the_rule_limit_filters) {
  const RuleSet rules = RuleSet::from_json(chain(RuleLimits{}.max_rules));
  BOOST_TEST(rules.filter(two_papers()).hits.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_cycle_at_the_end_of_a_long_chain_is_refused) {
  std::string json = chain(50'000);
  json.replace(json.rfind("diffusion"), 9, "@r0");
  try {
    RuleSet::from_json(json);
    BOOST_FAIL("no error");
  } catch (const RuleError& e) {
    BOOST_TEST(std::string(e.what()).find("makes a cycle") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(max_query_depth_is_capped) {
  RuleLimits limits;
  limits.max_query_depth = kMaxQueryDepthCap;
  const std::string deep =
      std::string(kMaxQueryDepthCap, '(') + "diffusion" + std::string(kMaxQueryDepthCap, ')');
  BOOST_TEST(RuleSet::from_query(deep, limits).filter(two_papers()).hits.size() == 1u);
  limits.max_query_depth = kMaxQueryDepthCap + 1;
  try {
    RuleSet::from_query("x", limits);
    BOOST_FAIL("no error");
  } catch (const RuleError& e) {
    BOOST_TEST(std::string(e.what()) == "max_query_depth is 1001; the largest supported is 1000");
  }
}

BOOST_AUTO_TEST_CASE(only_exclude_rules_with_min_score_0_keep_the_rest) {
  const RuleSet rules = RuleSet::from_json(
      R"({"rules":[{"name":"no-graphs","query":"graphs","exclude":true}],"min_score":0})");
  const Results r = rules.filter(two_papers());
  BOOST_TEST_REQUIRE(r.hits.size() == 1u);
  BOOST_TEST(r.hits[0].index == 0u);
  BOOST_TEST(r.hits[0].rules.empty());
  // Without min_score 0 a paper that matched nothing is still not selected.
  BOOST_TEST(RuleSet::from_json(R"({"rules":[{"name":"x","query":"graphs","exclude":true}]})")
                 .filter(two_papers())
                 .hits.empty());
}

BOOST_AUTO_TEST_CASE(auto_refuses_input_no_reader_recognizes) {
  const std::string yaml = "interactions:\n- request:\n    body: null\n    headers: {}\n";
  const std::string message = parse_error(yaml);
  BOOST_TEST(message.find("in.txt: no reader recognizes this input") == 0u, message);
  BOOST_TEST(message.find("hf-text") != std::string::npos, message);
  BOOST_TEST(message.find("kv-text") != std::string::npos, message);
  BOOST_TEST(message.find("\"interactions:\"") != std::string::npos, message);
  const std::string readme =
      "<div align=\"center\">\n\n# \xE6\x96\xB0\xE9\x97\xBB Weekly\n\nSome text here.\n";
  BOOST_TEST(parse_error(readme).find("no reader recognizes") != std::string::npos);
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>((i * 7919) % 251));
  const std::string binary_error = parse_error(binary);
  BOOST_TEST(binary_error.find("no reader recognizes") != std::string::npos);
  BOOST_TEST(valid(binary_error));
  BOOST_TEST(detect_format(yaml) == Format::automatic);
  BOOST_TEST(detect_format_candidates(yaml).empty());
}

BOOST_AUTO_TEST_CASE(xml_of_no_known_kind_is_refused) {
  const std::string svg = "<?xml version=\"1.0\"?>\n<svg><circle r=\"1\"/></svg>\n";
  BOOST_TEST(detect_format(svg) == Format::automatic);
  BOOST_TEST(parse_error(svg).find("no reader recognizes") != std::string::npos);
  // Each XML paper format by its root element.
  BOOST_TEST(detect_format("<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle/>"
                           "</PubmedArticleSet>\n") == Format::pubmed);
  BOOST_TEST(detect_format("<?xml version=\"1.0\"?><feed>") == Format::feed);
}

BOOST_AUTO_TEST_CASE(blank_input_is_no_records_not_an_error) {
  for (const std::string blank : {"", " \n", "\xEF\xBB\xBF"}) {
    const Corpus c = parse(blank);
    BOOST_TEST(c.stats.records == 0u);
  }
}

BOOST_AUTO_TEST_CASE(hugging_face_pages_are_detected_by_their_own_evidence) {
  for (const char* name : {"000_fd6c685c865a6cdc.txt"}) {
    const std::string path = test_support::shared_data(name);
    if (path.empty()) continue;
    BOOST_TEST(detect_format(test_support::read_file(path)) == Format::hf_text);
  }
  const std::string sample =
      test_support::read_file(std::string(PSV_EXAMPLES_DATA_DIR) + "/hf_page_sample.txt");
  BOOST_TEST(detect_format(sample) == Format::hf_text);
  // Without the header: the per-paper lines are evidence enough.
  const std::string list =
      "A Title\nAn abstract.\nSubmitted by someone\n12 authors \xC2\xB7 Jun 21, 2024\n"
      "Another Title\nIts abstract.\nhttps://huggingface.co/papers/2406.01234\n";
  BOOST_TEST(detect_format(list) == Format::hf_text);
  BOOST_TEST(detect_format("Title\nAbstract.\n") == Format::automatic);
}

BOOST_AUTO_TEST_CASE(a_forced_format_that_rejects_everything_names_the_likely_one) {
  const std::string json = "[{\"title\":\"T\",\"abstract\":\"A\"},{\"title\":\"U\"}]";
  const Corpus c = parse(json, ParseOptions{Format::kv_text, "x"});
  BOOST_TEST(c.stats.papers == 0u);
  BOOST_TEST(c.stats.rejected == c.stats.records);
  BOOST_TEST(has_diagnostic(c, "every record was rejected as kv-text; the input looks like json"));
  const Corpus yaml = parse("a: b\nc: d\n---\ne: f\n", ParseOptions{Format::kv_text, "y"});
  BOOST_TEST(has_diagnostic(yaml, "no reader recognizes this input"));
  // One good record: no such note.
  const Corpus mixed = parse("{\"title\":\"T\"}\n{\"x\":1}\n", ParseOptions{Format::jsonl, "z"});
  BOOST_TEST(!has_diagnostic(mixed, "every record was rejected"));
}

BOOST_AUTO_TEST_CASE(generic_json_reads_nested_shapes) {
  const std::string scraped = R"([
    {"title": "Paper One", "details": {"abstract": "We do things.", "authors": ["A B", "C D"]},
     "paper_url": "https://arxiv.org/abs/2406.01234v2",
     "github_links": ["https://github.com/x/one"]},
    {"display_name": "Paper Two", "summary": "Two.", "doi": "https://doi.org/10.1234/ABC",
     "authorships": [{"author": {"display_name": "E F"}}], "publication_date": "2024-05-01"},
    {"title": ["Paper Three"], "abstractNote": "Three.",
     "creators": [{"firstName": "G", "lastName": "H"}], "year": 2023, "id": "10.5555/xyz"}
  ])";
  const Corpus c = parse(scraped, ParseOptions{Format::json, "scraped"});
  BOOST_TEST_REQUIRE(c.papers.size() == 3u);
  const Paper& one = c.papers[0];
  BOOST_TEST(one.abstract == "We do things.");
  BOOST_TEST(one.arxiv_id == "2406.01234");
  BOOST_TEST(one.authors == (std::vector<std::string>{"A B", "C D"}));
  bool code = false;
  for (const auto& link : one.links)
    code = code || (link.kind == LinkKind::code && link.url == "https://github.com/x/one");
  BOOST_TEST(code);
  const Paper& two = c.papers[1];
  BOOST_TEST(two.title == "Paper Two");
  BOOST_TEST(two.abstract == "Two.");
  BOOST_TEST(two.authors == std::vector<std::string>{"E F"});
  BOOST_TEST(two.published == "2024-05-01");
  BOOST_TEST_REQUIRE(two.extra.count("doi") == 1u);
  const Paper& three = c.papers[2];
  BOOST_TEST(three.title == "Paper Three");
  BOOST_TEST(three.authors == std::vector<std::string>{"G H"});
  BOOST_TEST(three.published == "2023");
  BOOST_TEST(three.extra.count("doi") == 1u);
  BOOST_TEST(!has_diagnostic(c, "no record has an abstract"));
}

BOOST_AUTO_TEST_CASE(generic_json_finds_records_in_common_envelopes) {
  for (const char* envelope : {"data", "results", "items", "collection", "papers"}) {
    const std::string doc = std::string("{\"total\": 1, \"") + envelope +
                            "\": [{\"title\": \"T\", \"abstract\": \"A\"}]}";
    const Corpus c = parse(doc, ParseOptions{Format::json, "env"});
    BOOST_TEST(c.papers.size() == 1u, envelope);
  }
  const Corpus crossref_like = parse(
      R"({"status": "ok", "message": {"total-results": 2, "items": [
          {"title": ["T1"], "abstract": "A1"}, {"title": ["T2"], "abstract": "A2"}]}})",
      ParseOptions{Format::json, "msg"});
  BOOST_TEST(crossref_like.papers.size() == 2u);
}

BOOST_AUTO_TEST_CASE(generic_json_warns_once_when_no_record_has_an_abstract) {
  const std::string doc = R"([{"title": "A", "url": "https://x.org/a", "details": {"x": 1}},
                              {"title": "B", "blurb": "not known"}])";
  for (Format f : {Format::json, Format::jsonl}) {
    const std::string input = f == Format::json
                                  ? doc
                                  : "{\"title\": \"A\", \"url\": \"https://x.org/a\"}\n"
                                    "{\"title\": \"B\", \"blurb\": \"not known\"}\n";
    const Corpus c = parse(input, ParseOptions{f, "noabs"});
    BOOST_TEST(c.papers.size() == 2u);
    std::size_t notes = 0;
    for (const auto& d : c.diagnostics)
      if (d.message.find("no record has an abstract (keys seen: title, url") == 0) ++notes;
    BOOST_TEST(notes == 1u);
    BOOST_TEST(has_diagnostic(c, "blurb"));
  }
}

BOOST_AUTO_TEST_CASE(generic_json_null_abstract_is_no_abstract) {
  const Corpus c = parse("{\"title\":\"T\",\"abstract\":null,\"summary\":\"S\"}\n",
                         ParseOptions{Format::jsonl, "n"});
  BOOST_TEST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].abstract == "S");
}
