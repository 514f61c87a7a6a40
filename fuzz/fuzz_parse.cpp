// Any bytes, any format: parsing never crashes, and the accounting always holds.
#include <cstdint>
#include <cstdlib>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (auto format : {papersieve::Format::automatic, papersieve::Format::hf_text}) {
    try {
      const auto corpus = papersieve::parse(input, {format, "fuzz"});
      const auto& s = corpus.stats;
      if (s.records != s.papers + s.duplicates + s.rejected || s.papers != corpus.papers.size())
        std::abort();
    } catch (const papersieve::Error&) {
      // A clear error (e.g. a detected format without a reader) is a valid outcome.
    }
  }
  return 0;
}
