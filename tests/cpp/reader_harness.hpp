// Runs one reader directly (no normalization, no duplicate folding) and keeps
// what it hands to its sink, so tests can see the raw field values.
#pragma once

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/corpus.hpp"
#include "parse/reader.hpp"

namespace test_support {

struct RawOutput {
  std::vector<papersieve::Paper> papers;
  std::vector<papersieve::Diagnostic> rejected;
  std::vector<papersieve::Diagnostic> notes;
};

class CollectingSink final : public papersieve::detail::RecordSink {
 public:
  explicit CollectingSink(RawOutput& out) : out_(out) {}
  void record(papersieve::Paper&& raw) override { out_.papers.push_back(std::move(raw)); }
  void reject(papersieve::Diagnostic&& why) override { out_.rejected.push_back(std::move(why)); }
  void note(papersieve::Diagnostic&& note) override { out_.notes.push_back(std::move(note)); }

 private:
  RawOutput& out_;
};

// Feeds `input` in chunks of `chunk` bytes (any split must give the same result).
inline RawOutput read_raw(papersieve::Format format, std::string_view input,
                          std::size_t chunk = std::string_view::npos) {
  RawOutput out;
  CollectingSink sink(out);
  auto reader = papersieve::detail::make_reader({format, "test"}, sink);
  for (std::size_t at = 0; at < input.size(); at += chunk) reader->feed(input.substr(at, chunk));
  reader->finish();
  return out;
}

// records == papers + duplicates + rejected, and one error (line >= 1) per rejection.
inline void check_accounting(const papersieve::Corpus& c) {
  const auto& s = c.stats;
  BOOST_TEST(s.records == s.papers + s.duplicates + s.rejected);
  BOOST_TEST(s.papers == c.papers.size());
  std::size_t errors = 0;
  for (const auto& d : c.diagnostics) {
    if (d.severity != papersieve::Severity::error) continue;
    ++errors;
    BOOST_TEST(d.line >= 1u);
  }
  BOOST_TEST(errors == s.rejected);
}

// The diagnostics of one severity, in order.
inline std::vector<const papersieve::Diagnostic*> with_severity(const papersieve::Corpus& c,
                                                                papersieve::Severity severity) {
  std::vector<const papersieve::Diagnostic*> out;
  for (const auto& d : c.diagnostics)
    if (d.severity == severity) out.push_back(&d);
  return out;
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace test_support
