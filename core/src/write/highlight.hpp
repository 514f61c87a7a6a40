// Splitting a field's text at the hit's spans, for writers that mark matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"

namespace papersieve::write {

struct Segment {
  std::string_view text;
  bool matched = false;
};

// The text in order, cut where the hit's spans on `field` begin and end.
std::vector<Segment> segments(std::string_view text, const Hit& hit, MatchField field);
// The same for text[from, to), spans clipped to it.
std::vector<Segment> segments(std::string_view text, const Hit& hit, MatchField field,
                              std::size_t from, std::size_t to);

// Digest sections: hits grouped by their first tag (first rule when untagged),
// groups in order of their best hit, hits in rank order within a group. Entries
// show their rank in the results, so the ranking reads the same across groups.
struct DigestGroup {
  std::string name;
  std::vector<const Hit*> hits;
};
std::vector<DigestGroup> digest_groups(const Results& results);
// Group headings only mean something when there is more than one group.
bool show_group_headings(const std::vector<DigestGroup>& groups);

// Counts line for digests: "192 papers read (3 duplicates, 1 rejected) · 12 selected".
std::string counts_line(const Corpus& corpus, const Results& results);

// Footer parts of a digest; each "" when the info does not say.
struct Footer {
  std::string inputs;     // "a.txt, b.jsonl"
  std::string rules;      // the rule file or query
  std::string generated;  // "2026-12-07 05:00 UTC"
};
Footer footer(const DigestInfo& info);

// The score as digests print it ("3", "2.5").
std::string score_text(double score);

}  // namespace papersieve::write
