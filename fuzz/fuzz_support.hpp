// Invariants every fuzz target checks. A violated invariant prints what broke
// and aborts, which libFuzzer reports as a crash (with the input saved).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/error.hpp"
#include "papersieve/format.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/rules.hpp"

namespace fuzz_support {

[[noreturn]] inline void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "INVARIANT VIOLATED: %s %s\n", what, detail.c_str());
  std::abort();
}

#define PSV_FUZZ_CHECK(cond, detail)                  \
  do {                                                \
    if (!(cond)) ::fuzz_support::fail(#cond, detail); \
  } while (0)

// Every format format_names() lists, "auto" first: the first input byte picks one (modulo
// their number), so a new reader is fuzzed as soon as it has a name.
inline const std::vector<papersieve::Format>& all_formats() {
  static const std::vector<papersieve::Format> formats = [] {
    std::vector<papersieve::Format> out;
    for (const auto name : papersieve::format_names())
      out.push_back(papersieve::format_from_name(name));
    return out;
  }();
  return formats;
}

inline papersieve::Format format_from_byte(std::uint8_t byte) {
  return all_formats()[byte % all_formats().size()];
}

// Whatever the library hands out is valid UTF-8: paper fields, diagnostics, error messages,
// writer output (docs/reliability.md).
inline void check_utf8(std::string_view s, const char* what) {
  PSV_FUZZ_CHECK(papersieve::is_valid_utf8(s), std::string("invalid UTF-8 in ") + what);
}

// records == papers + duplicates + rejected; one error diagnostic (with a line)
// per rejected record; papers as counted.
// Every string of a paper is valid UTF-8 (the Python layer and the C ABI rely on it;
// invalid bytes in links and `extra` once got through, found by the atheris fuzzer).
inline void check_paper_utf8(const papersieve::Paper& p) {
  const auto check = [](const std::string& s, const char* field) { check_utf8(s, field); };
  for (const auto* s :
       {&p.id, &p.arxiv_id, &p.title, &p.abstract, &p.published, &p.short_name, &p.submitter})
    check(*s, "a text field");
  for (const auto& s : p.authors) check(s, "authors");
  for (const auto& s : p.categories) check(s, "categories");
  for (const auto& l : p.links) check(l.url, "links");
  for (const auto& [k, v] : p.extra) {
    check(k, "extra key");
    check(v, "extra");
  }
}

inline void check_corpus(const papersieve::Corpus& c) {
  const auto& s = c.stats;
  PSV_FUZZ_CHECK(s.records == s.papers + s.duplicates + s.rejected,
                 std::to_string(s.records) + " != " + std::to_string(s.papers) + " + " +
                     std::to_string(s.duplicates) + " + " + std::to_string(s.rejected));
  PSV_FUZZ_CHECK(s.papers == c.papers.size(), std::to_string(c.papers.size()));
  std::uint64_t errors = 0;
  for (const auto& d : c.diagnostics) {
    check_utf8(d.message, "a diagnostic");
    check_utf8(d.source_name, "a diagnostic's source name");
    if (d.severity != papersieve::Severity::error) continue;
    ++errors;
    PSV_FUZZ_CHECK(d.line >= 1, d.message);
  }
  PSV_FUZZ_CHECK(errors == s.rejected,
                 std::to_string(errors) + " errors, " + std::to_string(s.rejected) + " rejected");
  PSV_FUZZ_CHECK(c.format != papersieve::Format::automatic, "corpus format left as auto");
  for (const auto& p : c.papers) {
    PSV_FUZZ_CHECK(!p.id.empty(), p.title);
    check_paper_utf8(p);
  }
}

// Hits: indices in range, order (score, then input order), score threshold,
// spans sorted, non-overlapping, non-empty and within the displayed field.
inline void check_results(const papersieve::RuleSet& rules, const papersieve::Corpus& corpus,
                          const papersieve::Results& results) {
  PSV_FUZZ_CHECK(results.considered == corpus.papers.size(), "");
  if (rules.top()) PSV_FUZZ_CHECK(results.hits.size() <= *rules.top(), "");
  for (std::size_t i = 0; i < results.hits.size(); ++i) {
    const auto& hit = results.hits[i];
    PSV_FUZZ_CHECK(hit.index < corpus.papers.size(), std::to_string(hit.index));
    PSV_FUZZ_CHECK(hit.score >= rules.min_score(), std::to_string(hit.score));
    // Only a min_score of 0 or less selects a paper that matched no rule (docs/rules.md).
    PSV_FUZZ_CHECK(!hit.rules.empty() || rules.min_score() <= 0, "a hit without a matched rule");
    if (i > 0) {
      const auto& prev = results.hits[i - 1];
      PSV_FUZZ_CHECK(prev.score > hit.score || (prev.score == hit.score && prev.index < hit.index),
                     "hits out of order");
    }
    const auto& paper = corpus.papers[hit.index];
    const papersieve::Span* prev = nullptr;
    for (const auto& span : hit.spans) {
      PSV_FUZZ_CHECK(span.field != papersieve::MatchField::text, "span in field text");
      const std::string shown = papersieve::displayed_field(paper, span.field);
      PSV_FUZZ_CHECK(span.start < span.end && span.end <= shown.size(),
                     std::string(papersieve::match_field_name(span.field)) + " " +
                         std::to_string(span.start) + ".." + std::to_string(span.end) + " of " +
                         std::to_string(shown.size()));
      // A span starts and ends on UTF-8 character boundaries.
      PSV_FUZZ_CHECK((static_cast<unsigned char>(shown[span.start]) & 0xC0) != 0x80,
                     "span starts inside a character");
      PSV_FUZZ_CHECK(
          span.end == shown.size() || (static_cast<unsigned char>(shown[span.end]) & 0xC0) != 0x80,
          "span ends inside a character");
      if (prev) {
        PSV_FUZZ_CHECK(
            prev->field < span.field || (prev->field == span.field && prev->end <= span.start),
            "spans unsorted or overlapping");
      }
      prev = &span;
    }
  }
}

// decide() and match() agree with filter() paper by paper.
inline void check_decisions(const papersieve::RuleSet& rules, const papersieve::Corpus& corpus,
                            const papersieve::Results& results) {
  std::vector<bool> hit(corpus.papers.size(), false);
  for (const auto& h : results.hits) hit[h.index] = true;
  const bool cut = rules.top() && results.hits.size() == *rules.top();
  for (std::size_t i = 0; i < corpus.papers.size(); ++i) {
    const auto& paper = corpus.papers[i];
    const auto decision = rules.decide(paper);
    const auto single = rules.match(paper);
    PSV_FUZZ_CHECK(decision.selected == single.has_value(), paper.title);
    if (!cut) PSV_FUZZ_CHECK(decision.selected == hit[i], paper.title);
    if (single) PSV_FUZZ_CHECK(single->score == decision.score, paper.title);
  }
}

}  // namespace fuzz_support
