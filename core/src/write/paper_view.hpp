// What digests, feeds and citation writers show of a paper: its links by role,
// an abstract snippet around the matches, dates in the forms formats want.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"

namespace papersieve::write {

// Escapes & < > " ' for HTML and XML text and attribute values, dropping the
// characters XML 1.0 does not allow (C0 controls but tab and line ends, U+FFFE/F).
std::string xml_escape(std::string_view text);

// Only http(s) URLs become links in digests and feeds.
bool safe_url(std::string_view url);

// The paper's links by role; empty strings when unknown. `page` is where the
// title links: the Hugging Face page for papers read from Hugging Face, else
// the arXiv abstract page, else the first paper link, else the DOI.
struct PaperLinks {
  std::string page;
  std::string abs;  // arXiv abstract page
  std::string pdf;
  std::string hf;            // Hugging Face paper page
  std::string doi;           // https://doi.org/...
  std::vector<Link> others;  // code, project, data links, in paper order
};
PaperLinks paper_links(const Paper& paper);

// The links an entry lists, labeled, in order: arXiv, PDF, Hugging Face, DOI (only
// without an arXiv page, unless `with_doi`), then code/project/data; http(s) only.
struct LabeledLink {
  std::string label;
  std::string url;
};
std::vector<LabeledLink> entry_links(const PaperLinks& links, bool with_doi = false);

// The part of an abstract a digest shows: [start, end) in bytes, cut at spaces,
// around the first match; the whole text when it is short.
struct Window {
  std::size_t start = 0;
  std::size_t end = 0;
};
Window snippet_window(std::string_view text, const Hit& hit, MatchField field,
                      std::size_t size = 360);

// The window of the abstract a digest entry shows: all of it with `full`, else a snippet.
Window abstract_window(const Paper& paper, const Hit& hit, bool full);

// 1-based rank of a hit of `results` (its position, best first).
std::size_t rank_of(const Results& results, const Hit& hit);

// The authors as "A, B, C" or, with `most` > 0, "A, B, C et al." past `most`.
std::string author_line(const Paper& paper, std::size_t most = 0);

// The current UTC time as RFC 3339 ("2026-12-07T05:00:00Z").
std::string now_rfc3339();
// A paper's ISO date (YYYY, YYYY-MM, YYYY-MM-DD or longer) as RFC 3339 at midnight
// UTC, missing month/day as 01; "" when it does not start with a year.
std::string date_to_rfc3339(std::string_view iso);
// RFC 3339 ("2026-12-07T05:00:00Z") as RFC 822 ("Mon, 07 Dec 2026 05:00:00 +0000").
std::string rfc3339_to_rfc822(std::string_view rfc3339);
// Year, month, day of an ISO date; 0 where absent or not a number.
struct DateParts {
  int year = 0, month = 0, day = 0;
};
DateParts date_parts(std::string_view iso);

}  // namespace papersieve::write
