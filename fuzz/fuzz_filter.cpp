// Filter over a fuzzed corpus x fuzzed rules. Input: one byte picking the format
// (modulo the number of formats, as fuzz_parse), then the rules up to the first NUL byte (a JSON
// rule file when it starts with '{', else a query), then the corpus.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "fuzz_support.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/write.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const auto format = fuzz_support::format_from_byte(data[0]);
  const char* begin = reinterpret_cast<const char*>(data) + 1;
  const char* end = reinterpret_cast<const char*>(data) + size;
  const char* nul = std::find(begin, end, '\0');
  if (nul == end) return 0;
  const std::string_view rules_text(begin, static_cast<std::size_t>(nul - begin));
  const std::string_view input(nul + 1, static_cast<std::size_t>(end - nul - 1));
  const auto first = rules_text.find_first_not_of(" \t\r\n");
  try {
    const auto rules = first != std::string_view::npos && rules_text[first] == '{'
                           ? papersieve::RuleSet::from_json(rules_text)
                           : papersieve::RuleSet::from_query(rules_text);
    const auto corpus = papersieve::parse(input, {format, "fuzz"});
    fuzz_support::check_corpus(corpus);
    const auto results = rules.filter(corpus);
    fuzz_support::check_results(rules, corpus, results);
    fuzz_support::check_decisions(rules, corpus, results);
    // The writers highlight the spans: they must take whatever filter returned, and write
    // valid UTF-8 (a span inside a character once broke that: the regex /\C/i).
    fuzz_support::check_utf8(papersieve::hits_to_jsonl(corpus, results), "JSONL hits");
    fuzz_support::check_utf8(papersieve::hits_to_html(corpus, results), "the HTML digest");
    fuzz_support::check_utf8(papersieve::hits_to_markdown(corpus, results), "the Markdown digest");
    fuzz_support::check_utf8(papersieve::hits_to_csv(corpus, results), "CSV hits");
  } catch (const papersieve::Error& e) {
    fuzz_support::check_utf8(e.what(), "an error message");
  } catch (const std::exception& e) {
    fuzz_support::fail("exception other than papersieve::Error:", e.what());
  }
  return 0;
}
