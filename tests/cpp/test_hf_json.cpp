#define BOOST_TEST_MODULE hf_json
#include <boost/test/unit_test.hpp>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"
#include "parse/json_document_reader.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const char* const kSample = "hf_daily_papers_api.json";

Corpus hf(const std::string& text) { return parse(text, ParseOptions{Format::hf_json, "api"}); }

// A paper object as /api/papers/{id} returns it.
std::string paper(const std::string& id, const std::string& title, const std::string& extra = "") {
  return "{\"id\":\"" + id + "\",\"authors\":[{\"name\":\"Ada\",\"hidden\":false}," +
         "{\"_id\":\"x\",\"name\":\"Bo\",\"hidden\":true}],\"publishedAt\":\"2024-10-22T17:59:30."
         "000Z\"," +
         "\"title\":" + title + ",\"summary\":\"An\\n  abstract.\",\"upvotes\":7" + extra + "}";
}

// A /api/daily_papers item wrapping it.
std::string item(const std::string& wrapped, const std::string& extra = "") {
  return "{\"paper\":" + wrapped +
         ",\"publishedAt\":\"2024-10-25T00:57:09.392Z\",\"title\":\"Item title\","
         "\"numComments\":2,\"submittedBy\":{\"name\":\"alice\",\"fullname\":\"Alice\"}" +
         extra + "}";
}

// The paper with that arXiv id; the test stops when there is none.
const Paper& find_paper(const std::vector<Paper>& papers, const std::string& arxiv_id) {
  for (const auto& p : papers)
    if (p.arxiv_id == arxiv_id) return p;
  BOOST_FAIL("no paper " << arxiv_id);
  return papers.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(daily_papers_sample_gives_29_papers) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::hf_json);  // detected
  BOOST_TEST(c.papers.size() == 29u);
  BOOST_TEST(c.stats.rejected == 0u);
  test_support::check_accounting(c);
  std::uint64_t previous_offset = 0;
  for (const auto& p : c.papers) {
    BOOST_TEST(p.upvotes.has_value());
    BOOST_TEST(p.arxiv_id.size() == 10u);  // "2410.17243"
    BOOST_TEST(p.id == p.arxiv_id);
    BOOST_TEST(p.title.find('\n') == std::string::npos);  // arXiv wraps collapsed
    BOOST_TEST(p.title.find("  ") == std::string::npos);
    BOOST_TEST(!p.abstract.empty());
    BOOST_TEST(!p.authors.empty());
    BOOST_TEST(p.published.size() == 10u);
    BOOST_TEST(!p.submitter.empty());
    BOOST_TEST(p.links.at(0).url == "https://huggingface.co/papers/" + p.arxiv_id);
    BOOST_TEST(p.source.line == 1u);  // the response is one line
    BOOST_TEST(p.source.byte_offset > previous_offset);
    previous_offset = p.source.byte_offset;
  }
  BOOST_REQUIRE(!c.papers.empty());
  const Paper& first = c.papers.front();
  BOOST_TEST(first.arxiv_id == "2410.17243");
  BOOST_TEST(first.source.byte_offset == 1u);  // just after '['
  BOOST_TEST(first.upvotes.value_or(-1) == 64);
  BOOST_TEST(first.published == "2024-10-22");  // the paper's date, not the listing's
  BOOST_TEST(first.submitter == "ClownRat");
  BOOST_TEST(first.authors.at(0) == "Zesen Cheng");
  BOOST_TEST(first.title ==
             "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss");
  // The one author with "hidden": true is this paper's first author: kept.
  BOOST_TEST(find_paper(c.papers, "2410.17897").authors.at(0) == "Zhanchao Zhou");
}

BOOST_AUTO_TEST_CASE(reader_keeps_raw_wraps_and_any_chunking_agrees) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const std::string data = test_support::read_file(path);
  const auto whole = read_raw(Format::hf_json, data);
  BOOST_REQUIRE(whole.papers.size() == 29u);
  BOOST_TEST(whole.notes.empty());
  BOOST_TEST(contains(whole.papers[0].title, "for\n  Contrastive"));
  const auto split = read_raw(Format::hf_json, data, 333);
  BOOST_REQUIRE(split.papers.size() == 29u);
  BOOST_TEST(split.papers[28].abstract == whole.papers[28].abstract);
}

BOOST_AUTO_TEST_CASE(single_paper_object) {
  const Corpus c = hf(paper("2406.01234v2", "\"Dual: A Title\"",
                            ",\"githubRepo\":\"https://github.com/a/b\","
                            "\"projectPage\":\"https://a.github.io/b\""));
  BOOST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.arxiv_id == "2406.01234");
  BOOST_TEST(p.version == 2);
  BOOST_TEST(p.abstract == "An abstract.");
  BOOST_TEST((p.authors == std::vector<std::string>{"Ada", "Bo"}));
  BOOST_TEST(p.upvotes.value_or(-1) == 7);
  BOOST_TEST(p.published == "2024-10-22");
  BOOST_TEST(p.short_name == "Dual");
  BOOST_REQUIRE(p.links.size() >= 3u);
  BOOST_TEST(p.links[0].url == "https://huggingface.co/papers/2406.01234");  // versionless
  BOOST_TEST((p.links[1].kind == LinkKind::code && p.links[1].url == "https://github.com/a/b"));
  BOOST_TEST((p.links[2].kind == LinkKind::project));
  BOOST_TEST(detect_format(paper("2406.01234", "\"T\"")) == Format::hf_json);
}

BOOST_AUTO_TEST_CASE(search_results_mix_wrapped_and_bare_papers) {
  const std::string input = "[" + item(paper("2406.00001", "\"Wrapped\"")) + ",\n" +
                            paper("2406.00002", "\"Bare\"") + "]";
  const auto raw = read_raw(Format::hf_json, input);
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST(raw.papers[0].title == "Wrapped");  // the paper's title, not the item's
  BOOST_TEST(raw.papers[0].submitter == "alice");
  BOOST_TEST(raw.papers[1].title == "Bare");
  BOOST_TEST(raw.papers[1].source.line == 2u);
  BOOST_TEST(raw.papers[1].source.byte_offset == input.find("\n") + 1);
  BOOST_TEST(detect_format(input) == Format::hf_json);
}

BOOST_AUTO_TEST_CASE(item_fields_fill_in_for_the_paper) {
  const auto raw = read_raw(Format::hf_json, "[" + item("{\"id\":\"2406.00003\"}") + "]");
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_TEST(raw.papers[0].title == "Item title");
  BOOST_TEST(raw.papers[0].published == "2024-10-25");
}

BOOST_AUTO_TEST_CASE(bad_items_are_rejected_with_their_position) {
  const std::string input = "[\n  " + item(paper("2406.00001", "\"Good\"")) +
                            ",\n  42,\n  {\"paper\": {\"id\": \"2406.00002\"}},\n  " +
                            item(paper("2406.00004", "[\"no\"]")) + "\n]\n";
  const auto raw = read_raw(Format::hf_json, input);
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_REQUIRE(raw.rejected.size() == 3u);
  BOOST_TEST(raw.rejected[0].message == "expected a JSON object, found a number");
  BOOST_TEST(raw.rejected[0].line == 3u);
  BOOST_TEST(raw.rejected[0].byte_offset == input.find("42"));
  BOOST_TEST(raw.rejected[1].message == "no title");
  BOOST_TEST(raw.rejected[1].line == 4u);
  BOOST_TEST(raw.rejected[1].byte_offset == input.find("{\"paper\": {"));
  BOOST_TEST(raw.rejected[2].message == "title must be a string, found an array");
  BOOST_TEST(raw.rejected[2].line == 5u);
}

BOOST_AUTO_TEST_CASE(odd_field_types_are_dropped_with_notes) {
  const auto raw =
      read_raw(Format::hf_json,
               "[{\"id\":5,\"title\":\"T\",\"upvotes\":\"many\",\"authors\":\"Ada and Bo\","
               "\"githubRepo\":false,\"publishedAt\":\"yesterday\"},"
               "{\"title\":\"U\",\"upvotes\":-3,\"authors\":[{\"name\":null},\"Cy\"]}]");
  BOOST_REQUIRE(raw.papers.size() == 2u);
  BOOST_TEST(raw.papers[0].arxiv_id.empty());
  BOOST_TEST(!raw.papers[0].upvotes);
  BOOST_TEST((raw.papers[0].authors == std::vector<std::string>{"Ada", "Bo"}));
  BOOST_TEST(raw.papers[0].links.empty());
  BOOST_TEST(raw.papers[1].authors == std::vector<std::string>{"Cy"});
  std::string notes;
  for (const auto& n : raw.notes) notes += n.message + "|";
  BOOST_TEST(contains(notes, "id must be a string, found a number; ignored"));
  BOOST_TEST(contains(notes, "upvotes must be a count, found a string; ignored"));
  BOOST_TEST(contains(notes, "githubRepo must be a string, found a boolean; ignored"));
  BOOST_TEST(contains(notes, "publishedAt \"yesterday\" is not a date; ignored"));
  BOOST_TEST(contains(notes, "upvotes must be a count, found a number; ignored"));
  BOOST_TEST(contains(notes, "authors: 1 entries without a name ignored"));
}

BOOST_AUTO_TEST_CASE(truncated_document_keeps_the_items_before_the_cut) {
  const std::string whole = "[" + item(paper("2406.00001", "\"One\"")) + ",\n" +
                            item(paper("2406.00002", "\"Two\"")) + "]";
  const std::string cut = whole.substr(0, whole.size() - 40);
  const auto raw = read_raw(Format::hf_json, cut);
  BOOST_REQUIRE(raw.papers.size() == 1u);
  BOOST_REQUIRE(raw.rejected.size() == 1u);
  BOOST_TEST(raw.rejected[0].line == 2u);
  BOOST_TEST(raw.rejected[0].byte_offset == cut.size());
  BOOST_TEST(contains(raw.rejected[0].message, "truncated"));
  BOOST_TEST(contains(raw.rejected[0].message, "reading stopped here"));
}

BOOST_AUTO_TEST_CASE(empty_array_bom_and_blank_input) {
  BOOST_TEST(hf("[]").stats.records == 0u);
  const Corpus bom = hf("\xEF\xBB\xBF[" + paper("2406.00001", "\"T\"") + "]");
  BOOST_REQUIRE(bom.papers.size() == 1u);
  BOOST_TEST(bom.papers[0].source.byte_offset == 4u);
  const Corpus blank = hf(" \n ");
  BOOST_TEST(blank.stats.records == 0u);
  BOOST_REQUIRE(blank.diagnostics.size() == 1u);
  BOOST_TEST(blank.diagnostics[0].severity == Severity::warning);
}

BOOST_AUTO_TEST_CASE(document_larger_than_the_cap_is_a_clear_error) {
  test_support::RawOutput out;
  test_support::CollectingSink sink(out);
  auto reader = detail::make_json_document_reader({Format::hf_json, "big", 1u << 20, 2u << 20},
                                                  sink, detail::DocumentLayout{{}, nullptr});
  reader->feed(std::string(1u << 20, ' '));
  reader->feed(std::string(1u << 20, ' '));
  try {
    reader->feed("[");
    BOOST_FAIL("no exception");
  } catch (const Error& e) {
    BOOST_TEST(e.status() == Status::limit);
    BOOST_TEST(contains(e.what(), "hf-json"));
    BOOST_TEST(contains(e.what(), "larger than the limit of 2097152 bytes (max_document_bytes)"));
  }
}
