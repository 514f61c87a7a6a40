// One BibTeX entry, from its '@' to its closing delimiter, read into its type,
// citation key and fields; @string definitions go to the macro table.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace papersieve::detail {

// @string macros by lower-case name; starts with the month macros jan..dec.
class BibMacros {
 public:
  BibMacros();
  const std::string* find(std::string_view name) const;
  // False (nothing stored) once kMaxMacros are defined.
  bool define(std::string_view name, std::string value);

 private:
  std::unordered_map<std::string, std::string> macros_;
};

struct BibField {
  std::string name;   // lower case
  std::string value;  // the pieces joined, outer braces or quotes removed, TeX kept raw
};

struct BibEntry {
  std::string type;  // lower case: "article", "string", "comment", ...
  std::string key;
  std::vector<BibField> fields;
  std::vector<std::string> notes;  // undefined macros, repeated fields
  std::string error;               // non-empty: the entry cannot be read
  std::size_t error_at = 0;        // offset within the entry text

  const BibField* find(std::string_view name) const;
};

// True for the entry types that hold no reference: string, preamble, comment.
bool is_bib_directive(std::string_view type);

// Reads `text` (a whole entry: "@type{key, name = value, ...}"); @string
// definitions are added to `macros`, and macro references resolved from it.
BibEntry read_bib_entry(std::string_view text, BibMacros& macros);

}  // namespace papersieve::detail
