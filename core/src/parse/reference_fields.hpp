// Field values as reference managers write them (BibTeX, RIS): person names,
// partial dates, arXiv ids hidden in other fields, keywords, links.
#pragma once

#include <string>
#include <string_view>

#include "papersieve/paper.hpp"

namespace papersieve::detail {

// Where a three-part name keeps its suffix: BibTeX "von Last, Jr, First",
// RIS "Last, First, Suffix".
enum class NameOrder { bibtex, ris };

// "Last, First" -> "First Last"; "Last, Jr, First" (BibTeX) or "Last, First, Jr" (RIS)
// -> "First Last Jr"; a name without a comma at brace depth 0 is kept. Trimmed.
std::string display_name(std::string_view name, NameOrder order);

// 1..12 for "1", "01", "jan", "Jan.", "January", "sept"; 0 for anything else.
int month_number(std::string_view text);

// "2014", "2014/05/03/", "2014//", "2014-05", "2014/5/3/Spring" -> "2014", "2014-05-03",
// "2014", "2014-05", "2014-05-03": the year and as much of month and day as is given and
// valid, as reference managers write dates (stricter than the JSON sources' partial_iso_date:
// "circa 1900" is no date). Empty when the text does not start with a 4-digit year.
std::string reference_date(std::string_view text);

// "2014" + "5" (month_number) -> "2014-05"; the year alone when the month is unknown.
std::string iso_year_month(std::string_view year, int month);

// The arXiv id a value names: "arXiv:1706.03762", "arXiv preprint arXiv:1706.03762v2",
// "1706.03762", "https://arxiv.org/abs/1706.03762", "10.48550/arXiv.1706.03762".
// Sets arxiv_id and version when the paper has none; true when it did.
bool take_arxiv_id(Paper& paper, std::string_view text);

// A link of the kind classify_link gives; an arXiv URL also gives the arXiv id
// when the paper has none. Only http(s) and ftp URLs are kept; false for others.
bool add_web_link(Paper& paper, std::string_view url);

// A keyword or tag, TeX cleaned, as a category (docs/formats.md: reference formats).
void add_keyword(Paper& paper, std::string_view keyword);

// extra[key], TeX cleaned and whitespace collapsed; a repeated key appends "; value".
void append_extra(Paper& paper, const std::string& key, std::string_view value);

}  // namespace papersieve::detail
