// "Key: value" lines with wrapped values, as the arXiv mailing and kv-text
// dumps write them: the fields of one record, collected before mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/record_emitter.hpp"

namespace papersieve::detail {

struct KeyValue {
  std::string_view key;
  std::string_view value;
};

// "Title: A b" -> {"Title", "A b"}. A key starts with a letter at the start of
// the line and holds letters, digits, '-', '_', '.', parentheses and single
// spaces (at most 4 words, 40 bytes); nullopt for any other line.
std::optional<KeyValue> split_key_value(std::string_view line);

// A line that starts with a space or tab and holds more than blanks.
bool is_continuation(std::string_view line);

bool is_blank_line(std::string_view line);

struct Field {
  std::string key;  // as extra_key() writes it: "journal_ref"
  std::string value;
  Position where;
};

// The fields of one record in input order; a wrapped value is joined with '\n'
// (normalization turns it into a space).
class FieldBlock {
 public:
  void add(std::string_view key, std::string_view value, Position where);
  // Appends a wrapped line to the last field; false when there is none.
  bool continue_last(std::string_view text);
  const std::vector<Field>& fields() const { return fields_; }
  const Field* find(std::string_view key) const;
  bool empty() const { return fields_.empty(); }
  void clear() { fields_.clear(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace papersieve::detail
