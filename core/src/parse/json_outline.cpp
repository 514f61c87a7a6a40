#include "parse/json_outline.hpp"

#include <algorithm>
#include <cstring>

namespace papersieve::detail {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':';
}

rapidjson::ParseResult check_syntax(std::string_view text) {
  std::string scratch;
  rapidjson::InsituStringStream stream(copy_for_insitu(text, scratch));
  rapidjson::BaseReaderHandler<> ignore;
  rapidjson::Reader reader;
  return reader.Parse<kJsonParseFlags>(stream, ignore);
}

// Walks JSON that RapidJSON accepted up to `limit_`, token by token: no
// validation is needed, only nesting, strings and where values start and end.
class SpanScanner {
 public:
  SpanScanner(std::string_view text, std::size_t limit, bool whole,
              const std::vector<std::string_view>& item_keys)
      : text_(text.substr(0, limit)), whole_(whole), item_keys_(item_keys) {}

  std::vector<Span> scan() {
    for (std::size_t at = 0; at < text_.size();) {
      const char c = text_[at];
      if (is_separator(c)) {
        ++at;
      } else if (c == '{' || c == '[') {
        open(at, c == '[');
        ++at;
      } else if (c == '}' || c == ']') {
        close(++at);
      } else {
        const std::size_t end = c == '"' ? string_end(at) : scalar_end(at);
        if (end == kNone) break;  // cut short by the syntax error
        if (c != '"' || !is_key(Span{at, end})) value(Span{at, end});
        at = end;
      }
    }
    if (!found_items_ && root_complete_) items_.assign(1, root_);
    return std::move(items_);
  }

 private:
  void open(std::size_t at, bool array) {
    if (depth_ == 0) {
      root_.begin = at;
      if (array) item_depth_ = 1, found_items_ = true;
    } else if (depth_ == 1 && key_matches_ && array && !found_items_) {
      item_depth_ = 2, found_items_ = true;
    } else if (depth_ == 1 && !parent_.empty() && !array && !found_items_) {
      in_parent_ = true;  // e.g. "message" of "message.items"
      parent_open_ = parent_;
    } else if (depth_ == 2 && in_parent_ && inner_key_matches_ && array && !found_items_) {
      item_depth_ = 3, found_items_ = true;
    }
    if (depth_ == 1) key_matches_ = false, parent_ = {};
    if (depth_ == 2) inner_key_matches_ = false;
    if (depth_ == item_depth_) item_begin_ = at;
    ++depth_;
  }

  void close(std::size_t end) {
    --depth_;
    if (depth_ == 1) in_parent_ = false;
    if (depth_ == item_depth_) items_.push_back(Span{item_begin_, end});
    if (depth_ + 1 == item_depth_) item_depth_ = -1;  // the records' array is done
    if (depth_ == 0) root_.end = end, root_complete_ = true;
  }

  void value(Span span) {
    if (depth_ == 0) root_ = span, root_complete_ = true;
    if (depth_ == item_depth_) items_.push_back(span);
    if (depth_ == 1) key_matches_ = false, parent_ = {};
    if (depth_ == 2) inner_key_matches_ = false;
  }

  // A string followed by ':' is a key; at depth 1 it may name the records' array.
  bool is_key(Span string) {
    std::size_t next = string.end;
    while (next < text_.size() && is_separator(text_[next]) && text_[next] != ':') ++next;
    if (next >= text_.size() || text_[next] != ':') return false;
    const auto key = text_.substr(string.begin + 1, string.end - string.begin - 2);
    if (depth_ == 1) {
      key_matches_ = std::find(item_keys_.begin(), item_keys_.end(), key) != item_keys_.end();
      parent_ = {};
      for (const std::string_view path : item_keys_)
        if (path.size() > key.size() + 1 && path.substr(0, key.size()) == key &&
            path[key.size()] == '.')
          parent_ = key;
    } else if (depth_ == 2 && in_parent_) {
      inner_key_matches_ = false;
      for (const std::string_view path : item_keys_)
        if (path.size() == parent_open_.size() + 1 + key.size() &&
            path.substr(0, parent_open_.size()) == parent_open_ &&
            path.substr(parent_open_.size() + 1) == key)
          inner_key_matches_ = true;
    }
    return true;
  }

  // One past the closing quote of the string opening at `at`; kNone when cut off.
  std::size_t string_end(std::size_t at) const {
    for (std::size_t from = at + 1;;) {
      const void* found = std::memchr(text_.data() + from, '"', text_.size() - from);
      if (found == nullptr) return kNone;
      const auto quote = static_cast<std::size_t>(static_cast<const char*>(found) - text_.data());
      std::size_t backslashes = 0;
      while (text_[quote - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return quote + 1;
      from = quote + 1;
    }
  }

  // One past a number or true/false/null; kNone when it may go on past the limit.
  std::size_t scalar_end(std::size_t at) const {
    while (at < text_.size() && !is_separator(text_[at]) && text_[at] != '}' && text_[at] != ']')
      ++at;
    return at < text_.size() || whole_ ? at : kNone;
  }

  std::string_view text_;
  bool whole_;  // RapidJSON accepted all of it: a value may end at the limit
  const std::vector<std::string_view>& item_keys_;
  int depth_ = 0;
  int item_depth_ = -1;  // depth of the records while inside their array
  bool found_items_ = false;
  bool key_matches_ = false;      // the depth-1 key names the records' array
  std::string_view parent_;       // the depth-1 key begins a path ("message" of "message.items")
  std::string_view parent_open_;  // the path's first key, while inside its object
  bool in_parent_ = false;
  bool inner_key_matches_ = false;  // the depth-2 key ends that path
  std::size_t item_begin_ = 0;
  Span root_;
  bool root_complete_ = false;
  std::vector<Span> items_;
};

}  // namespace

JsonOutline outline_json(std::string_view text, const std::vector<std::string_view>& item_keys) {
  JsonOutline outline;
  outline.error = check_syntax(text);
  const bool whole = !outline.error.IsError();
  SpanScanner scanner(text, whole ? text.size() : outline.error.Offset(), whole, item_keys);
  outline.items = scanner.scan();
  return outline;
}

std::uint64_t LineCounter::line_at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  const char* end = text_.data() + offset;
  for (const char* p = text_.data() + counted_to_; p < end; ++line_) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (p == nullptr) break;
    ++p;
  }
  counted_to_ = std::max(counted_to_, offset);
  return line_;
}

}  // namespace papersieve::detail
