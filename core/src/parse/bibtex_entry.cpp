// The entry grammar of BibTeX (docs/formats.md, "Input: bibtex"): values are
// {braced} (nested braces kept), "quoted", numbers or macro names, joined by '#'.
#include "parse/bibtex_entry.hpp"

#include <array>

namespace papersieve::detail {
namespace {

constexpr std::size_t kMaxMacros = 1 << 16;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_copy(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// BibTeX identifiers (types, field and macro names) hold any printable ASCII
// but these; keys exclude whitespace, ',' and the delimiters.
bool is_name_char(char c) {
  return static_cast<unsigned char>(c) > ' ' && static_cast<unsigned char>(c) < 0x7F &&
         std::string_view("\"#%'(),={}").find(c) == std::string_view::npos;
}
bool is_key_char(char c) {
  return !is_space(c) && c != ',' && c != '{' && c != '}' && c != '(' && c != ')' && c != '=';
}

class EntryParser {
 public:
  EntryParser(std::string_view text, BibMacros& macros) : s_(text), macros_(macros) {}

  BibEntry read() {
    read_entry();
    return std::move(entry_);
  }

 private:
  void read_entry() {
    at_ = 1;  // past '@'
    skip_space();
    entry_.type = lower_copy(name());
    skip_space();
    if (entry_.type.empty()) return (void)fail("'@' is not followed by an entry type");
    if (!take('{') && !take('(')) return (void)fail("expected '{' or '(' after @" + entry_.type);
    closer_ = s_[at_ - 1] == '{' ? '}' : ')';
    if (entry_.type == "comment" || entry_.type == "preamble") return;
    if (entry_.type == "string") return read_strings();
    read_reference();
  }

  void read_strings() {
    while (more()) {
      const std::string macro = lower_copy(name());
      if (macro.empty()) return (void)fail("expected a macro name in @string");
      skip_space();
      if (!take('=')) return (void)fail("expected '=' after @string name \"" + macro + "\"");
      std::string value;
      if (!read_value(value)) return;
      if (!macros_.define(macro, std::move(value)))
        entry_.notes.push_back("too many @string macros; \"" + macro + "\" ignored");
      if (!separator()) return;
    }
  }

  void read_reference() {
    skip_space();
    const std::size_t key_start = at_;
    while (at_ < s_.size() && is_key_char(s_[at_])) ++at_;
    entry_.key = std::string(s_.substr(key_start, at_ - key_start));
    skip_space();
    if (entry_.key.empty() || peek() == '=')
      return (void)fail("entry without a citation key", key_start);
    if (!separator()) return;
    while (more()) {
      const std::size_t field_start = at_;
      const std::string field = lower_copy(name());
      if (field.empty()) return (void)fail("expected a field name", field_start);
      skip_space();
      if (!take('=')) return (void)fail("expected '=' after field name \"" + field + "\"");
      std::string value;
      if (!read_value(value)) return;
      if (entry_.find(field) != nullptr) {
        entry_.notes.push_back("field \"" + field + "\" repeated; the first kept");
      } else {
        entry_.fields.push_back(BibField{field, std::move(value)});
      }
      if (!separator()) return;
    }
  }

  // value = piece ('#' piece)*
  bool read_value(std::string& value) {
    do {
      skip_space();
      if (!read_piece(value)) return false;
      skip_space();
    } while (take('#'));
    return true;
  }

  bool read_piece(std::string& value) {
    const char c = peek();
    if (c == '{' || c == '"') return read_delimited(value);
    if (is_digit(c)) {
      const std::size_t start = at_;
      while (at_ < s_.size() && is_digit(s_[at_])) ++at_;
      value.append(s_.substr(start, at_ - start));
      return true;
    }
    const std::size_t start = at_;
    const std::string macro = lower_copy(name());
    if (macro.empty()) return fail("expected a value ({...}, \"...\", a number or a macro)");
    if (const std::string* text = macros_.find(macro)) {
      value += *text;
    } else {
      entry_.notes.push_back("undefined @string macro \"" + macro + "\" kept as its name");
      value.append(s_.substr(start, at_ - start));
    }
    return true;
  }

  // {text} or "text": braces inside must balance; a quote inside braces is text.
  bool read_delimited(std::string& value) {
    const std::size_t open = at_;
    const char end = s_[at_++] == '{' ? '}' : '"';
    int depth = 0;
    for (; at_ < s_.size(); ++at_) {
      const char c = s_[at_];
      if (c == '{') ++depth;
      if (c == '}' && depth > 0) {
        --depth;
        continue;
      }
      if (c == end && depth == 0) {
        value.append(s_.substr(open + 1, at_ - open - 1));
        ++at_;
        return true;
      }
      if (c == '}' && depth == 0) break;  // closes more than was opened
    }
    return fail(end == '}' ? "unbalanced braces in a value" : "unterminated quoted value", open);
  }

  // After a field: ',' (then more fields or the end) or the closing delimiter.
  bool separator() {
    skip_space();
    if (take(',') || peek() == closer_) return true;
    return fail(std::string("expected ',' or '") + closer_ + "' after a value");
  }

  // True while fields follow; consumes the closing delimiter at the end. A line
  // commented out with '%' between fields is skipped (biber and JabRef allow it).
  bool more() {
    skip_space();
    while (peek() == '%') {
      while (at_ < s_.size() && s_[at_] != '\n') ++at_;
      skip_space();
    }
    if (at_ >= s_.size()) return false;
    if (s_[at_] == closer_) {
      ++at_;
      return false;
    }
    return true;
  }

  std::string_view name() {
    const std::size_t start = at_;
    while (at_ < s_.size() && is_name_char(s_[at_])) ++at_;
    return s_.substr(start, at_ - start);
  }

  void skip_space() {
    while (at_ < s_.size() && is_space(s_[at_])) ++at_;
  }
  char peek() const { return at_ < s_.size() ? s_[at_] : '\0'; }
  bool take(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }

  // Records the first error; false, for the caller to return.
  bool fail(std::string message) { return fail(std::move(message), at_); }
  bool fail(std::string message, std::size_t at) {
    if (entry_.error.empty()) {
      entry_.error = std::move(message);
      entry_.error_at = at < s_.size() ? at : s_.size();
    }
    return false;
  }

  std::string_view s_;
  BibMacros& macros_;
  BibEntry entry_;
  std::size_t at_ = 0;
  char closer_ = '}';
};

}  // namespace

BibMacros::BibMacros() {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kMonths = {{
      {"jan", "January"},
      {"feb", "February"},
      {"mar", "March"},
      {"apr", "April"},
      {"may", "May"},
      {"jun", "June"},
      {"jul", "July"},
      {"aug", "August"},
      {"sep", "September"},
      {"oct", "October"},
      {"nov", "November"},
      {"dec", "December"},
  }};
  for (const auto& [name, month] : kMonths) macros_.emplace(name, month);
}

const std::string* BibMacros::find(std::string_view name) const {
  const auto it = macros_.find(std::string(name));
  return it == macros_.end() ? nullptr : &it->second;
}

bool BibMacros::define(std::string_view name, std::string value) {
  auto it = macros_.find(std::string(name));
  if (it != macros_.end()) {
    it->second = std::move(value);  // BibTeX: a later @string replaces an earlier one
    return true;
  }
  if (macros_.size() >= kMaxMacros) return false;
  macros_.emplace(std::string(name), std::move(value));
  return true;
}

const BibField* BibEntry::find(std::string_view name) const {
  for (const auto& field : fields)
    if (field.name == name) return &field;
  return nullptr;
}

bool is_bib_directive(std::string_view type) {
  return type == "string" || type == "preamble" || type == "comment";
}

BibEntry read_bib_entry(std::string_view text, BibMacros& macros) {
  return EntryParser(text, macros).read();
}

}  // namespace papersieve::detail
