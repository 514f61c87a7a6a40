// The JSON rule-file compiler: check_json lists no problem exactly when
// from_json compiles; both throw nothing but papersieve::Error; a compiled rule
// set filters a fixed corpus with consistent hits and spans.
#include <cstdint>
#include <string_view>

#include "fuzz_sample.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const auto& corpus = fuzz_support::sample_corpus();
  try {
    const auto problems = papersieve::RuleSet::check_json(json);
    for (const auto& p : problems) {
      PSV_FUZZ_CHECK(!p.message.empty(), p.to_string());
      fuzz_support::check_utf8(p.to_string(), "a rule problem");
    }
    bool compiled = false;
    try {
      const auto rules = papersieve::RuleSet::from_json(json);
      compiled = true;
      PSV_FUZZ_CHECK(problems.empty(),
                     "from_json compiled a file with problems: " + problems.front().to_string());
      PSV_FUZZ_CHECK(!rules.from_a_query(), "");
      const auto results = rules.filter(corpus);
      fuzz_support::check_results(rules, corpus, results);
      fuzz_support::check_decisions(rules, corpus, results);
    } catch (const papersieve::RuleError& e) {
      PSV_FUZZ_CHECK(!compiled, "");
      fuzz_support::check_utf8(e.what(), "an error message");
      PSV_FUZZ_CHECK(!problems.empty(),
                     std::string("from_json failed, check_json found nothing: ") + e.what());
    }
  } catch (const papersieve::Error&) {
    // e.g. a limit of the compiled matcher.
  } catch (const std::exception& e) {
    fuzz_support::fail("exception other than papersieve::Error:", e.what());
  }
  return 0;
}
