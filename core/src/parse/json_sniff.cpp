#include "parse/json_sniff.hpp"

#include <algorithm>
#include <array>

namespace papersieve::detail {
namespace {

constexpr std::size_t kMaxKeys = 64;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_blanks(std::string_view s, std::size_t at) {
  while (at < s.size() && is_blank(s[at])) ++at;
  return at;
}

// What a light scan of the first JSON value in the head shows.
struct FirstValue {
  bool complete = false;   // it ends within the head
  std::size_t end = 0;     // one past its last byte
  bool multiline = false;  // a line break inside it (pretty-printed)
  std::array<std::string_view, kMaxKeys>
      keys;  // of the root object, or of a root array's first item
  std::size_t key_count = 0;
};

FirstValue scan_first_value(std::string_view s) {
  FirstValue first;
  const int key_depth = s[0] == '{' ? 1 : 2;
  bool capturing = true;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      const std::size_t begin = i + 1;
      for (++i; i < s.size() && s[i] != '"'; ++i) i += s[i] == '\\';
      const std::size_t next = skip_blanks(s, i + 1);
      if (capturing && depth == key_depth && next < s.size() && s[next] == ':' &&
          first.key_count < kMaxKeys)
        first.keys[first.key_count++] = s.substr(begin, std::min(i, s.size()) - begin);
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 1 && key_depth == 2) capturing = false;  // a root array's first item is done
      if (depth == 0) {
        first.complete = true;
        first.end = i + 1;
        break;
      }
    } else if (c == '\n') {
      first.multiline = true;
    }
  }
  return first;
}

bool looks_like_json(std::string_view s) {
  const std::size_t next = skip_blanks(s, 1);
  if (next >= s.size()) return true;
  const char c = s[next];
  if (s[0] == '{') return c == '"' || c == '}';
  return std::string_view("{[\"-0123456789tfn]").find(c) != std::string_view::npos;
}

bool has(const FirstValue& v, std::string_view key) {
  const auto end = v.keys.begin() + v.key_count;
  return std::find(v.keys.begin(), end, key) != end;
}

bool hf_keys(const FirstValue& v) {
  return has(v, "paper") || (has(v, "summary") && (has(v, "upvotes") || has(v, "publishedAt")));
}

bool arxiv_keys(const FirstValue& v) {
  return has(v, "authors_parsed") || (has(v, "submitter") && has(v, "categories"));
}

bool record_array_keys(const FirstValue& v) {
  return has(v, "papers") || has(v, "items") || has(v, "results") || has(v, "data");
}

}  // namespace

std::optional<Format> detect_json_format(std::string_view head) {
  if (head.empty() || (head[0] != '{' && head[0] != '[') || !looks_like_json(head))
    return std::nullopt;
  const FirstValue first = scan_first_value(head);
  if (head[0] == '[') return hf_keys(first) ? Format::hf_json : Format::json;
  if (first.complete) {
    const std::size_t next = skip_blanks(head, first.end);
    if (next < head.size() && head[next] == '{')
      return arxiv_keys(first) ? Format::arxiv_jsonl : Format::jsonl;
  }
  if (hf_keys(first)) return Format::hf_json;
  if (arxiv_keys(first)) return Format::arxiv_jsonl;
  if (first.complete) return Format::json;
  // The first object goes on past the head: one long line reads as JSON lines.
  return first.multiline || record_array_keys(first) ? Format::json : Format::jsonl;
}

}  // namespace papersieve::detail
