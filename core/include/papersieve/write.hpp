// Serializing papers (docs/design.md, "Writers": writers know neither formats nor rules).
#pragma once

#include <string>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"

namespace papersieve {

// One JSON object, keys in a stable documented order (docs/formats.md).
std::string paper_to_json(const Paper& paper);

// One object per line, each line ending in '\n'.
std::string papers_to_jsonl(const std::vector<Paper>& papers);

// A JSON array of the same objects.
std::string papers_to_json(const std::vector<Paper>& papers);

// {"records":..,"papers":..,"duplicates":..,"rejected":..}
std::string stats_to_json(const ParseStats& stats);

// Filtered output: one object per selected paper, the paper's keys followed by
// "score", "rules", "tags" and "spans" ([{field, start, end}] in UTF-8 bytes).
std::string hits_to_jsonl(const Corpus& corpus, const Results& results);

// What a digest says about its run (its footer, a feed's metadata). Writers
// without a DigestInfo argument use these defaults.
struct DigestInfo {
  std::string title = "papersieve digest";
  std::vector<std::string> inputs;  // the inputs read, as named to the user
  std::string rules;                // the rule file or query that selected the papers
  // When the digest was made, RFC 3339 UTC ("2026-12-07T05:00:00Z"); "" means now.
  std::string generated;
  bool full_abstracts = false;  // whole abstracts instead of snippets around the matches
  std::string feed_url;         // where a feed is published (Atom id and self link), optional
};

// An HTML digest: one self-contained page (inline styles, no scripts or external
// assets) fit for an e-mail body: an overview (rank, title, authors, score) linking
// down to each paper (title linked, authors, date, upvotes, links, the abstract as a
// snippet around the matches with the whole one a click away), a footer naming the
// inputs, rules and time. Matched text in <mark>, all paper text escaped
// (docs/writers.md).
std::string hits_to_html(const Corpus& corpus, const Results& results, const DigestInfo& info);
std::string hits_to_html(const Corpus& corpus, const Results& results,
                         std::string_view title = "papersieve digest");

// The same digest as plain text (an e-mail's text/plain part).
std::string hits_to_text(const Corpus& corpus, const Results& results, const DigestInfo& info);

// An Atom 1.0 feed (RFC 4287) and an RSS 2.0 feed of the hits: one entry per hit,
// ids stable across runs (from the paper's id), the highlighted abstract as
// escaped HTML content (docs/writers.md).
std::string hits_to_atom(const Corpus& corpus, const Results& results, const DigestInfo& info);
std::string hits_to_rss(const Corpus& corpus, const Results& results, const DigestInfo& info);

// Citation formats for reference managers (docs/writers.md): BibTeX, RIS and
// CSL-JSON, one entry per paper with a stable citation key. The hits_ forms add the
// hits' tags as keywords.
std::string papers_to_bibtex(const std::vector<Paper>& papers);
std::string hits_to_bibtex(const Corpus& corpus, const Results& results);
std::string papers_to_ris(const std::vector<Paper>& papers);
std::string hits_to_ris(const Corpus& corpus, const Results& results);
std::string papers_to_csl_json(const std::vector<Paper>& papers);
std::string hits_to_csl_json(const Corpus& corpus, const Results& results);

// CSV (RFC 4180, CRLF): a header row, then one row per paper (columns in
// docs/formats.md); hits_to_csv adds rank, score, rules and tags in front.
std::string papers_to_csv(const std::vector<Paper>& papers);
std::string hits_to_csv(const Corpus& corpus, const Results& results);

// The Markdown digest: the HTML digest's content, matched text in bold.
std::string hits_to_markdown(const Corpus& corpus, const Results& results, const DigestInfo& info);
std::string hits_to_markdown(const Corpus& corpus, const Results& results,
                             std::string_view title = "papersieve digest");

}  // namespace papersieve
