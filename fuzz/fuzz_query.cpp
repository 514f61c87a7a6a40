// The query parser and compiler (RuleSet::from_query): any bytes either compile
// or throw RuleError (never another exception, never a crash); a compiled query
// filters a fixed corpus with consistent hits and spans.
#include <cstdint>
#include <string_view>

#include "fuzz_sample.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  const auto& corpus = fuzz_support::sample_corpus();
  try {
    const auto rules = papersieve::RuleSet::from_query(query);
    PSV_FUZZ_CHECK(rules.from_a_query() && rules.rules().size() == 1, "");
    const auto results = rules.filter(corpus);
    fuzz_support::check_results(rules, corpus, results);
    fuzz_support::check_decisions(rules, corpus, results);
  } catch (const papersieve::RuleError& e) {
    PSV_FUZZ_CHECK(*e.what() != '\0', "an empty error message");
    fuzz_support::check_utf8(e.what(), "an error message");
  } catch (const papersieve::Error& e) {
    // Limits (e.g. RE2 program size) are reported as papersieve::Error too.
    PSV_FUZZ_CHECK(*e.what() != '\0', "an empty error message");
    fuzz_support::check_utf8(e.what(), "an error message");
  } catch (const std::exception& e) {
    fuzz_support::fail("exception other than papersieve::Error:", e.what());
  }
  return 0;
}
