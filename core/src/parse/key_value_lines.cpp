#include "parse/key_value_lines.hpp"

#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

constexpr std::size_t kMaxKeyBytes = 40;
constexpr int kMaxKeyWords = 4;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_key_char(char c) {
  return is_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '(' ||
         c == ')';
}

}  // namespace

std::optional<KeyValue> split_key_value(std::string_view line) {
  if (line.empty() || !is_letter(line.front())) return std::nullopt;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > kMaxKeyBytes) return std::nullopt;
  int words = 1;
  for (std::size_t i = 0; i < colon; ++i) {
    if (line[i] == ' ') {
      if (line[i - 1] == ' ' || ++words > kMaxKeyWords) return std::nullopt;
    } else if (!is_key_char(line[i])) {
      return std::nullopt;
    }
  }
  if (line[colon - 1] == ' ') return std::nullopt;
  const std::string_view value = line.substr(colon + 1);
  // "http://..." is a URL, not the key "http"
  if (!value.empty() && value.front() != ' ' && value.front() != '\t') return std::nullopt;
  return KeyValue{line.substr(0, colon), trim_ascii(value)};
}

bool is_continuation(std::string_view line) {
  return !line.empty() && (line.front() == ' ' || line.front() == '\t') && !is_blank_line(line);
}

bool is_blank_line(std::string_view line) { return trim_ascii(line).empty(); }

void FieldBlock::add(std::string_view key, std::string_view value, Position where) {
  fields_.push_back(Field{extra_key(key), std::string(trim_ascii(value)), where});
}

bool FieldBlock::continue_last(std::string_view text) {
  if (fields_.empty()) return false;
  std::string& value = fields_.back().value;
  if (!value.empty()) value.push_back('\n');
  value.append(trim_ascii(text));
  return true;
}

const Field* FieldBlock::find(std::string_view key) const {
  for (const auto& field : fields_)
    if (field.key == key) return &field;
  return nullptr;
}

}  // namespace papersieve::detail
