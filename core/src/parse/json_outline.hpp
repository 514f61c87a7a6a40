// Where the records of a whole JSON document lie. A DOM carries no byte
// offsets and is lost at the first syntax error, so records are found first
// and parsed one by one: RapidJSON tells whether (and where) the document
// breaks, and a small scanner finds the values before that point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_support.hpp"

namespace papersieve::detail {

struct Span {
  std::size_t begin = 0;  // first byte of the value
  std::size_t end = 0;    // one past its last byte
};

struct JsonOutline {
  // The records: the elements of a root array, or of the first array held by
  // a root-object member named in `item_keys` (or, for a path "a.b", of the array under b in
  // the object under a); otherwise the root value itself.
  // Only values that end before a syntax error are listed.
  std::vector<Span> items;
  rapidjson::ParseResult error;  // the first syntax error, if any
};

// `text` is not modified (RapidJSON checks a copy, in situ, for speed).
JsonOutline outline_json(std::string_view text, const std::vector<std::string_view>& item_keys);

// 1-based line numbers of byte offsets that never decrease between calls.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  std::uint64_t line_at(std::size_t offset);

 private:
  std::string_view text_;
  std::size_t counted_to_ = 0;
  std::uint64_t line_ = 1;
};

}  // namespace papersieve::detail
