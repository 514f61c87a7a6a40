// Every reader against input meant to break it. Whatever comes in, parse()
// must account for every record (records = papers + duplicates + rejected,
// one error diagnostic with a line per rejection) and throw nothing but
// papersieve::Error.
#define BOOST_TEST_MODULE hostile_input
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

namespace {

const Format kFormats[] = {Format::automatic,   Format::hf_text,    Format::hf_json,
                           Format::arxiv_jsonl, Format::arxiv_atom, Format::arxiv_mailing,
                           Format::kv_text,     Format::jsonl,      Format::json,
                           Format::bibtex,      Format::ris};
const Format kJsonFormats[] = {Format::hf_json, Format::arxiv_jsonl, Format::jsonl, Format::json};
const Format kTextFormats[] = {Format::hf_text, Format::arxiv_atom, Format::arxiv_mailing,
                               Format::kv_text, Format::bibtex,     Format::ris};

bool is_json(Format f) {
  return std::find(std::begin(kJsonFormats), std::end(kJsonFormats), f) != std::end(kJsonFormats);
}

// parse() with the accounting checked; nullopt when it threw papersieve::Error.
std::optional<Corpus> checked_parse(std::string_view input, Format format) {
  BOOST_TEST_CONTEXT("format " << format_name(format)) {
    try {
      Corpus c = parse(input, ParseOptions{format, "hostile"});
      test_support::check_accounting(c);
      return c;
    } catch (const Error& e) {
      BOOST_TEST_MESSAGE("papersieve::Error: " << e.what());
    } catch (const std::exception& e) {
      BOOST_ERROR("exception other than papersieve::Error: " << e.what());
    }
  }
  return std::nullopt;
}

void all_formats(std::string_view input) {
  for (Format f : kFormats) checked_parse(input, f);
}

// One record of a JSON format, as the format writes it.
std::string wrap(Format format, const std::string& record) {
  return format == Format::hf_json || format == Format::json ? "[" + record + "]" : record;
}

bool has_message(const Corpus& c, std::string_view part) {
  for (const auto& d : c.diagnostics)
    if (contains(d.message, part)) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_and_blank_input) {
  for (const std::string input : {"", " ", "\n\n", "\xEF\xBB\xBF", "\r\n \t\n"}) {
    for (Format f : kFormats) {
      const auto c = checked_parse(input, f);
      BOOST_REQUIRE(c);
      BOOST_TEST(c->stats.records == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(binary_garbage) {
  std::string garbage;
  std::uint32_t x = 12345;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(x >> 24));
  }
  all_formats(garbage);
  all_formats("{" + garbage);
  all_formats("[" + garbage);
  all_formats("{\"title\":\"" + garbage);
}

BOOST_AUTO_TEST_CASE(nul_bytes_in_lines_and_strings) {
  using namespace std::string_literals;
  const std::string in_string = "{\"title\":\"a\0b\",\"abstract\":\"x\"}"s;
  const std::string between = "{\"title\":\"a\"}\0 {\"title\":\"b\"}"s;
  for (Format f : kJsonFormats) {
    for (const std::string& record : {in_string, between}) {
      const auto c = checked_parse(wrap(f, record) + "\n{\"title\":\"next\"}\n", f);
      BOOST_REQUIRE(c);
      BOOST_TEST(c->stats.rejected >= 1u);  // JSON text cannot hold a NUL byte
    }
  }
  all_formats("Title\0with NUL\nAn abstract, long enough to read as one.\n"s);
  all_formats("\0\0\0\n\0"s);
}

BOOST_AUTO_TEST_CASE(a_100_mb_line) {
  const auto started = std::chrono::steady_clock::now();
  std::string input = "{\"title\":\"Huge\",\"abstract\":\"";
  input.append(100u << 20, 'a');
  input += "\"}\n{\"title\":\"Small\"}\n";
  for (Format f : kJsonFormats) {
    const auto c = checked_parse(wrap(f, input), f);
    if (f == Format::hf_json || f == Format::json) continue;  // two roots: an error after one
    BOOST_REQUIRE(c);
    BOOST_TEST(c->papers.size() == 2u);
    BOOST_TEST(c->papers.at(0).abstract.size() == 100u << 20);
  }
  const auto page = checked_parse(input, Format::hf_text);
  BOOST_REQUIRE(page);
  BOOST_TEST(page->stats.rejected == 1u);  // far too long for a title
  for (Format f : kTextFormats) checked_parse(input, f);
  checked_parse(input, Format::automatic);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST_MESSAGE("100 MB line, every format: " << seconds << " s");
}

BOOST_AUTO_TEST_CASE(truncated_json) {
  const std::string lines = "{\"title\":\"A\"}\n{\"title\":\"B\",\"abstract\":\"cut her";
  const std::string array = "[{\"title\":\"A\"},\n {\"title\":\"B\",\"abstract\":\"cut her";
  for (Format f : kFormats) {
    for (const std::string& input : {lines, array}) {
      const auto c = checked_parse(input, f);
      BOOST_REQUIRE(c);
      const bool document = c->format == Format::hf_json || c->format == Format::json;
      if (!is_json(c->format) || document != (input == array)) continue;
      BOOST_TEST(c->papers.size() == 1u);  // the record before the cut
      BOOST_TEST(c->stats.rejected == 1u);
      for (const auto& d : c->diagnostics)
        if (d.severity == Severity::error) BOOST_TEST(d.line == 2u);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_nested_100000_deep) {
  constexpr std::size_t kDepth = 100000;
  std::string arrays(kDepth, '[');
  arrays.append(kDepth, ']');
  std::string objects;
  for (std::size_t i = 0; i < kDepth; ++i) objects += "{\"a\":";
  objects += "1";
  objects.append(kDepth, '}');
  const std::string inside = "{\"title\":\"T\",\"x\":" + objects + "}";
  const std::vector<std::string> inputs = {arrays, objects, inside, arrays.substr(0, kDepth + 10),
                                           objects.substr(0, objects.size() - 10)};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (Format f : kFormats) {
      BOOST_TEST_CONTEXT("input " << i) {
        const auto c = checked_parse(inputs[i], f);
        BOOST_REQUIRE(c);
        // No "\\" record, "@type{" entry or "TY" line: nothing to count.
        if (c->format == Format::arxiv_mailing || c->format == Format::bibtex ||
            c->format == Format::ris)
          continue;
        BOOST_TEST(c->stats.records == 1u);
        const bool kept = i == 2 || c->format == Format::hf_text;
        if (is_json(c->format)) BOOST_TEST(c->stats.rejected == (kept ? 0u : 1u));
      }
    }
  }
}

// The fields whose wrong type rejects a record, per format (docs/formats.md).
std::vector<std::string> required_fields(Format format) {
  switch (format) {
    case Format::arxiv_jsonl: return {"id", "title", "abstract"};
    case Format::hf_json: return {"title", "summary"};
    case Format::jsonl:
    case Format::json: return {"title", "abstract", "summary"};
    default: return {};
  }
}

BOOST_AUTO_TEST_CASE(wrong_types_in_every_field) {
  const std::vector<std::string> wrong = {"5",  "-1.5e300",  "true", "null",
                                          "[]", "[1,\"a\"]", "{}",   "{\"x\":[1]}"};
  const std::vector<std::string> fields = {
      "id",          "submitter",      "authors",    "title",       "comments", "journal-ref",
      "doi",         "report-no",      "categories", "license",     "abstract", "versions",
      "update_date", "authors_parsed", "summary",    "url",         "link",     "pdf",
      "published",   "date",           "paper",      "publishedAt", "upvotes",  "githubRepo",
      "projectPage", "submittedBy"};
  for (Format f : kFormats) {
    const bool array = f == Format::hf_json || f == Format::json;
    std::string input = array ? "[" : "";
    std::size_t expected_rejections = 0, n = 0;
    const auto required = required_fields(f);
    for (const auto& field : fields) {
      for (const auto& value : wrong) {
        std::string record = "{\"" + field + "\":" + value;
        for (const char* other : {"id", "title", "submitter", "categories"})
          if (field != other)
            record += ",\"" + std::string(other) + "\":\"x" + std::to_string(n) + "\"";
        input += (n++ == 0 ? "" : array ? ",\n" : "\n") + record + "}";
        const bool is_required =
            std::find(required.begin(), required.end(), field) != required.end();
        expected_rejections += is_required && (value != "null" || field == "title");
      }
    }
    if (array) input += "]";
    BOOST_TEST_CONTEXT("format " << format_name(f)) {
      const auto c = checked_parse(input, f);
      BOOST_REQUIRE(c);
      if (!is_json(c->format) && c->format != Format::hf_text) continue;  // not a JSON input
      BOOST_TEST(c->stats.records == fields.size() * wrong.size());
      if (is_json(f)) BOOST_TEST(c->stats.rejected == expected_rejections);
      for (const auto& d : c->diagnostics) {  // each rejection names its field
        if (d.severity != Severity::error || !is_json(c->format)) continue;
        BOOST_TEST((contains(d.message, "title") || contains(d.message, "abstract") ||
                    contains(d.message, "summary") || contains(d.message, "id must")),
                   d.message);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(huge_numbers) {
  const std::string digits(5000, '9');
  for (const std::string& value : {std::string("1e999999"), std::string("-1e400"), digits,
                                   "0." + digits, std::string("123456789012345678901234567890")}) {
    const std::string record = "{\"title\":\"T\",\"upvotes\":" + value + ",\"id\":" + value + "}";
    for (Format f : kJsonFormats) {
      const auto c = checked_parse(wrap(f, record), f);
      BOOST_REQUIRE(c);
      BOOST_TEST(c->stats.records == 1u);
    }
  }
  const auto c = checked_parse("[{\"title\":\"T\",\"upvotes\":1e999999}]", Format::hf_json);
  BOOST_REQUIRE(c);
  BOOST_TEST(c->stats.rejected == 1u);
  BOOST_TEST(has_message(*c, "Number too big to be stored in double"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_inside_json_strings) {
  const std::string bad = "caf\xC3\x28 \xFF\xFE \xC0\xAF \xED\xA0\x80";
  const std::string record = "{\"id\":\"0704.0001\",\"title\":\"T " + bad + "\",\"abstract\":\"" +
                             bad + "\",\"authors\":\"" + bad + "\",\"k" + bad + "\":1}";
  for (Format f : kFormats) {
    const auto c = checked_parse(wrap(f == Format::automatic ? Format::jsonl : f, record), f);
    BOOST_REQUIRE(c);
    if (!is_json(c->format)) continue;
    BOOST_REQUIRE(c->papers.size() == 1u);
    BOOST_TEST(contains(c->papers[0].title, "\xEF\xBF\xBD"));  // U+FFFD
    BOOST_TEST(has_message(*c, "invalid UTF-8"));
  }
  // An unpaired surrogate escape is a JSON error, not bytes to repair.
  for (Format f : kJsonFormats) {
    const auto c = checked_parse(wrap(f, "{\"title\":\"\\ud800\"}"), f);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->stats.rejected == 1u);
  }
}

BOOST_AUTO_TEST_CASE(text_formats_under_stress) {
  constexpr std::size_t kDepth = 100000;
  std::string nested = "<feed>";
  for (std::size_t i = 0; i < kDepth; ++i) nested += "<entry>";
  std::string separators, openers, keys;
  for (std::size_t i = 0; i < 100000; ++i) {
    separators += "---\n";
    openers += "\\\\\narXiv:2401.00001\n";
    keys += "Title: t" + std::to_string(i) + "\n";
  }
  for (const std::string& input : {nested, separators, openers, keys}) {
    for (Format f : kTextFormats) checked_parse(input, f);
    checked_parse(input, Format::automatic);
  }
  const auto c = checked_parse(openers, Format::arxiv_mailing);
  BOOST_REQUIRE(c);
  BOOST_TEST(c->stats.records > 0u);
  BOOST_TEST(c->stats.rejected == c->stats.records);  // records without a title
}

// ---- Sizes and counts -------------------------------------------------------

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// "lorem ipsum ..." words, single-spaced, exactly `bytes` long: nothing for
// normalization to change.
std::string words(std::size_t bytes) {
  static const std::string kWords = "lorem ipsum dolor sit amet consectetur adipiscing elit ";
  std::string out;
  out.reserve(bytes);
  while (out.size() < bytes) out += kWords;
  out.resize(bytes);
  if (out.back() == ' ') out.back() = 'x';
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_million_tiny_records) {
  constexpr std::size_t kRecords = 1000000;
  std::string jsonl, kv;
  jsonl.reserve(kRecords * 18);
  for (std::size_t i = 0; i < kRecords; ++i) {
    jsonl += "{\"title\":\"t" + std::to_string(i) + "\"}\n";
  }
  constexpr std::size_t kBlocks = 200000;  // fewer: this part is about folding at scale
  for (std::size_t i = 0; i < kBlocks; ++i) kv += "Title: t" + std::to_string(i % 1000) + "\n---\n";
  auto started = std::chrono::steady_clock::now();
  const auto c = checked_parse(jsonl, Format::automatic);
  BOOST_TEST_MESSAGE("1,000,000 tiny JSON lines: " << seconds_since(started) << " s");
  BOOST_REQUIRE(c);
  BOOST_TEST(c->format == Format::jsonl);
  BOOST_TEST(c->stats.records == kRecords);
  BOOST_TEST(c->stats.papers == kRecords);  // every title differs
  BOOST_TEST(c->papers.back().title == "t999999");
  BOOST_TEST(c->papers.back().source.line == kRecords);
  // 1,000 distinct titles, each 200 times: the rest fold as duplicates.
  started = std::chrono::steady_clock::now();
  const auto d = checked_parse(kv, Format::kv_text);
  BOOST_REQUIRE(d);
  BOOST_TEST(d->stats.records == kBlocks);
  BOOST_TEST(d->stats.papers == 1000u);
  BOOST_TEST(d->stats.duplicates == kBlocks - 1000);
  BOOST_TEST(d->stats.rejected == 0u);
  BOOST_TEST_MESSAGE("200,000 kv-text blocks, 1,000 titles: " << seconds_since(started) << " s");
}

// Every prefix of a small record, alone and after a good one: the good record
// is always kept, the cut one rejected with its line (or, cut before its first
// byte, not there at all); the whole record is kept.
BOOST_AUTO_TEST_CASE(truncated_json_at_every_byte) {
  const std::string record =
      "{\"id\":\"0704.0001\",\"title\":\"A t\\u00eftle\",\"abstract\":\"Some \\\"text\\\".\","
      "\"authors\":\"A. B and C. D\",\"versions\":[{\"version\":\"v1\",\"created\":\"Mon, 2 Apr "
      "2007 19:18:42 GMT\"}],\"upvotes\":12}";
  for (Format f : kJsonFormats) {
    const bool document = f == Format::hf_json || f == Format::json;
    for (std::size_t cut = 0; cut <= record.size(); ++cut) {
      BOOST_TEST_CONTEXT("format " << format_name(f) << ", cut at byte " << cut) {
        const std::string head = document ? "[{\"title\":\"Good\"},\n" : "{\"title\":\"Good\"}\n";
        const std::string input =
            head + record.substr(0, cut) + (document && cut == record.size() ? "]" : "");
        const auto c = checked_parse(input, f);
        BOOST_REQUIRE(c);
        BOOST_REQUIRE(!c->papers.empty());
        BOOST_TEST(c->papers[0].title == "Good");
        const bool whole = cut == record.size();
        if (whole) {
          BOOST_TEST(c->stats.records == 2u);
          BOOST_TEST(c->stats.papers == 2u);
          BOOST_TEST(c->stats.rejected == 0u);
        } else if (cut == 0 && !document) {
          BOOST_TEST(c->stats.records == 1u);  // nothing after the newline: no second record
          BOOST_TEST(c->stats.rejected == 0u);
        } else {
          BOOST_TEST(c->stats.records == 2u);
          BOOST_TEST(c->stats.papers == 1u);
          BOOST_TEST(c->stats.rejected == 1u);
          for (const auto& diag : c->diagnostics)
            if (diag.severity == Severity::error) BOOST_TEST(diag.line == 2u);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_abstract_of_10_mb) {
  const std::string abstract = words(10u << 20);
  for (Format f : kJsonFormats) {
    const std::string key = f == Format::hf_json ? "summary" : "abstract";
    const std::string id = f == Format::arxiv_jsonl ? "\"id\":\"2401.00001\"," : "";
    const auto c = checked_parse(
        wrap(f, "{" + id + "\"title\":\"Big\",\"" + key + "\":\"" + abstract + "\"}"), f);
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(c->papers.size() == 1u);
    BOOST_TEST(c->papers[0].abstract.size() == abstract.size());
    BOOST_TEST((c->papers[0].abstract == abstract));
  }
  for (const auto& [format, input] :
       {std::pair{Format::hf_text, "SubscribeBig Paper\n" + abstract + ".\n"},
        std::pair{Format::kv_text, "Title: Big Paper\nSummary: " + abstract + ".\n"}}) {
    const auto c = checked_parse(input, format);
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(c->papers.size() == 1u);
    BOOST_TEST(c->papers[0].title == "Big Paper");
    BOOST_TEST(c->papers[0].abstract.size() == abstract.size() + 1);
  }
}

BOOST_AUTO_TEST_CASE(a_title_of_100_kb) {
  const std::string title = words(100u << 10);
  for (Format f : kJsonFormats) {
    const std::string id = f == Format::arxiv_jsonl ? "\"id\":\"2401.00001\"," : "";
    const auto c = checked_parse(
        wrap(f, "{" + id + "\"title\":\"" + title + "\",\"abstract\":\"x\",\"summary\":\"x\"}"), f);
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(c->papers.size() == 1u);
    BOOST_TEST((c->papers[0].title == title));
  }
  const auto kv = checked_parse("Title: " + title + "\nSummary: An abstract.\n", Format::kv_text);
  BOOST_REQUIRE(kv);
  BOOST_REQUIRE(kv->papers.size() == 1u);
  BOOST_TEST((kv->papers[0].title == title));
  // On a page a title line is short: 100 KB where a title belongs is an
  // abstract without its title, rejected with its line (docs/formats.md).
  const auto page =
      checked_parse("Subscribe" + title + "\nAn abstract, long enough to read.\n", Format::hf_text);
  BOOST_REQUIRE(page);
  BOOST_TEST(page->stats.records == 2u);
  BOOST_TEST(page->stats.rejected == 1u);
  BOOST_TEST(page->diagnostics.at(0).line == 1u);
  BOOST_TEST(contains(page->diagnostics.at(0).message, "expected a title line, found 102409 bytes"),
             page->diagnostics.at(0).message);
  BOOST_REQUIRE(page->papers.size() == 1u);  // the next line, kept as a title without abstract
  BOOST_TEST(page->papers[0].title == "An abstract, long enough to read.");
}
