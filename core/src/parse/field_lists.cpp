#include "parse/field_lists.hpp"

#include <algorithm>

namespace papersieve::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// True when text[at..] is the separating word "and" between blanks.
bool is_and_at(std::string_view text, std::size_t at) {
  return at > 0 && is_space(text[at - 1]) && text.substr(at, 3) == "and" && at + 3 < text.size() &&
         is_space(text[at + 3]);
}

bool is_name_suffix(std::string_view s) {
  return s == "Jr." || s == "Jr" || s == "Sr." || s == "Sr" || s == "II" || s == "III" || s == "IV";
}

// Appends one name, built from the parts outside parentheses. "Jr." after a
// comma belongs to the name before it; "et al" is no name.
void add_author(std::string_view name, std::vector<std::string>& authors) {
  name = trim_ascii(name);
  if (name.substr(0, 4) == "and ") name = trim_ascii(name.substr(4));  // "B, and C"
  if (name.empty() || name == "et al" || name == "et al.") return;
  if (is_name_suffix(name) && !authors.empty()) {
    authors.back().append(" ").append(name);
  } else {
    authors.emplace_back(name);
  }
}

}  // namespace

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string trimmed(std::string_view text) { return std::string(trim_ascii(text)); }

void split_author_list(std::string_view text, std::vector<std::string>& authors) {
  std::string name;
  int parens = 0, braces = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(') ++parens;
    if (parens == 0) {
      if (c == '{') ++braces;
      if (c == '}' && braces > 0) --braces;
      if (braces == 0 && (c == ',' || is_and_at(text, i))) {
        add_author(name, authors);
        name.clear();
        if (c != ',') i += 2;  // the rest of "and"
        continue;
      }
      name.push_back(c);
    }
    if (c == ')' && parens > 0) --parens;
  }
  add_author(name, authors);
}

void split_categories(std::string_view text, std::vector<std::string>& categories) {
  categories.reserve(categories.size() + 1 + std::count(text.begin(), text.end(), ' '));
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !is_space(text[i]) && text[i] != ',') continue;
    if (i > start) categories.emplace_back(text.substr(start, i - start));
    start = i + 1;
  }
}

}  // namespace papersieve::detail
