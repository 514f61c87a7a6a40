// Splitting a field's text at the hit's spans, for writers that mark matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"

namespace papersieve::write {

struct Segment {
  std::string_view text;
  bool matched = false;
};

// The text in order, cut where the hit's spans on `field` begin and end.
std::vector<Segment> segments(std::string_view text, const Hit& hit, MatchField field);

// Where the paper can be read: its arXiv page, else its first paper link; "" if none.
std::string paper_url(const Paper& paper);

// Digest sections: hits grouped by their first tag (first rule when untagged),
// groups in order of their best hit, hits in rank order within a group.
struct DigestGroup {
  std::string name;
  std::vector<const Hit*> hits;
};
std::vector<DigestGroup> digest_groups(const Results& results);

// Counts line for digests: "192 papers read (3 duplicates, 1 rejected) · 12 selected".
std::string counts_line(const Corpus& corpus, const Results& results);

}  // namespace papersieve::write
