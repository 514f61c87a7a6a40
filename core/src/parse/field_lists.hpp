// Lists that records write as one string: authors and categories.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace papersieve::detail {

// "A. One, B. Two (Oxford) and C. Three" -> {"A. One", "B. Two", "C. Three"}:
// splits at commas and at the word "and" outside parentheses and TeX braces,
// drops parenthesized affiliations, trims, and skips empty names. TeX is kept raw.
void split_author_list(std::string_view text, std::vector<std::string>& authors);

// "math.CO cs.CG" (or comma separated) -> {"math.CO", "cs.CG"}.
void split_categories(std::string_view text, std::vector<std::string>& categories);

// Trims ASCII whitespace (spaces, tabs, line breaks) at both ends.
std::string_view trim_ascii(std::string_view text);

// trim_ascii as a string (XML feeds pad their values: " <![CDATA[ x ]]> ").
std::string trimmed(std::string_view text);

}  // namespace papersieve::detail
