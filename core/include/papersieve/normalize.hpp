// Text normalization steps, each usable on its own (docs/design.md, "Normalization").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/diagnostic.hpp"
#include "papersieve/paper.hpp"

namespace papersieve {

// Replaces every invalid UTF-8 sequence with U+FFFD; counts replacements.
std::string repair_utf8(std::string_view text, std::size_t* replaced = nullptr);

// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

// The longest prefix of `text` of at most `max_bytes` that does not end inside a UTF-8
// sequence (a valid one: an invalid byte counts as one character).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

// What a message quotes of its input: at most `max_bytes` of `text` cut at a character
// boundary, "…" appended when cut, invalid bytes replaced with U+FFFD. Always valid UTF-8.
std::string utf8_excerpt(std::string_view text, std::size_t max_bytes);

// repair_utf8 in place; false (no copy) when the text was valid already.
bool repair_utf8_in_place(std::string& text);

// Unicode NFC of valid UTF-8 (ASCII passes through untouched).
std::string to_nfc(std::string_view valid_utf8);

// Trims and collapses runs of whitespace (ASCII and Unicode separators) to one space.
std::string collapse_whitespace(std::string_view valid_utf8);

// repair_utf8 + to_nfc + collapse_whitespace: the form every text field is stored in.
std::string clean_text(std::string_view text, std::size_t* replaced = nullptr);

// clean_text in place; false (and no copy) when the text was already clean.
bool clean_text_in_place(std::string& text, std::size_t* replaced = nullptr);

// True when clean_text(text) == text: lets callers skip the copy (one fast pass).
bool is_clean_text(std::string_view text);

// Case-folded, NFC, whitespace-collapsed form used to compare titles.
std::string fold_title(std::string_view clean_title);

// "psv-" + 16 lowercase hex digits of FNV-1a 64 over fold_title(title): stable
// across runs, versions and platforms; Paper::id when no arXiv id, DOI or PMID is known.
std::string title_hash_id(std::string_view clean_title);

// A paper's identity (docs/formats.md, "Identity"): the arXiv id (no version)
// when known, else "doi:" + extra["doi"], else "pmid:" + extra["pmid"], else
// title_hash_id(title). normalize_paper sets Paper::id to it.
std::string paper_id(const Paper& paper);

// "DualPrompt" for "DualPrompt: Complementary Prompting ...": the part before the
// first ": " when it is one short word; empty otherwise.
std::string short_name_of(std::string_view clean_title);

// How often each TeX macro clean_latex did not know was seen, by name with its
// backslash ("\sysname"); the same type as Corpus::unknown_macros.
using MacroCounts = std::map<std::string, std::uint64_t>;

// True when `text` holds something clean_latex may change (a backslash, backtick, '', --,
// brace, tie or $): a few memchr-speed scans, so plain prose skips the copy.
bool has_latex_markup(std::string_view text);

// Renders TeX to Unicode text (docs/formats.md, "TeX and math"): ``x'' -> “x”, `x' -> ‘x’,
// \% \& \# \_ \$ -> the character, -- -> –, --- -> —, --> -> →, accents (\'a, \"{o}, {\c c},
// \'{\i}, ...) -> precomposed letters, \ss \o \ae \l ... -> their letters, \emph{x} \textbf{x}
// {\em x} {BERT} -> the text, \cite{k} -> [k], a tie (Fig.~1) -> a space. Math ($..$, $$..$$,
// \(..\), \[..\]) renders to Unicode when every part of it has an exact form ($\alpha$ -> α,
// $x_2^{-1}$ -> x₂⁻¹) and is kept verbatim otherwise; the same math macros render outside math.
// URLs are kept verbatim; unknown macros are kept verbatim and counted in `unknown_macros` when
// given; malformed markup is kept as it was. Works on raw bytes: run it before clean_text.
std::string clean_latex(std::string_view text, MacroCounts* unknown_macros = nullptr);

// Length of the URL that starts at text[pos] ("http://", "https://" or "www." at the start
// of a word), without trailing sentence punctuation, quotes, or a ')' or ']' that closes
// nothing opened inside it; 0 when no URL starts there. URLs are ASCII: the first space,
// control, non-ASCII byte or one of <>"{}|\^` ends one.
std::size_t url_length_at(std::string_view text, std::size_t pos);

// code (github.com, gitlab.com, bitbucket.org, huggingface.co/spaces), data (zenodo.org,
// figshare.com, kaggle.com/datasets, huggingface.co/datasets), paper (arxiv.org, doi.org,
// dx.doi.org, openreview.net, aclanthology.org, huggingface.co/papers), else project.
LinkKind classify_link(std::string_view url);

// Every URL in the text, in order, without duplicates, classified; "www." ones get
// "https://" prepended so that each is absolute.
std::vector<Link> extract_links(std::string_view text);

// An arXiv identifier: "2406.01234" or "hep-th/9901001", version 0 when unversioned.
struct ArxivRef {
  std::string id;
  int version = 0;
};

// The arXiv paper a URL names: arxiv.org/abs|pdf|html/ID or huggingface.co/papers/ID,
// ID new style (2406.01234, 2406.01234v2) or old style (hep-th/9901001v1).
std::optional<ArxivRef> arxiv_ref_from_url(std::string_view url);

// Cleans every text field of a raw record in place (TeX rendering, then clean_text), keeps the
// TeX source of a title or abstract that rendering changed in extra["raw_title"] /
// extra["raw_abstract"] (unless the reader set them), fills
// id and short_name, adds the URLs of title and abstract to `links` (after those the reader
// set, without duplicates; the arXiv id is never taken from them), and appends a warning to
// `notes` for anything repaired. Unknown TeX macros are counted in `unknown_macros`.
void normalize_paper(Paper& paper, std::vector<Diagnostic>& notes,
                     MacroCounts* unknown_macros = nullptr);

}  // namespace papersieve
