#include "parse/json_sniff.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

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
  unsigned signals = 0;  // signal keys (kSignalKeys) met at any depth up to kSignalDepth
};

// Keys that name a scholarly source, wherever they appear in the first record.
constexpr std::array<std::string_view, 23> kSignalKeys = {"message-type",
                                                          "reference-count",
                                                          "is-referenced-by-count",
                                                          "deposited",  // crossref
                                                          "author_corresponding",
                                                          "jatsxml",  // biorxiv
                                                          "abstract_inverted_index",
                                                          "authorships",
                                                          "primary_location",
                                                          "primary_topic",  // openalex
                                                          "paperId",
                                                          "externalIds",
                                                          "corpusid",
                                                          "externalids",
                                                          "s2FieldsOfStudy",  // s2
                                                          "openaccessinfo",   // s2 abstracts
                                                          "itemType",
                                                          "abstractNote",
                                                          "creators",  // zotero
                                                          "citation-key",
                                                          "issued",
                                                          "container-title",
                                                          "type"};  // csl-json
constexpr int kSignalDepth = 5;

unsigned signal_bit(std::string_view key) {
  for (std::size_t i = 0; i < kSignalKeys.size(); ++i)
    if (kSignalKeys[i] == key) return 1u << i;
  return 0;
}

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
      const bool key = next < s.size() && s[next] == ':';
      const std::string_view text = s.substr(begin, std::min(i, s.size()) - begin);
      if (capturing && key && depth == key_depth && first.key_count < kMaxKeys)
        first.keys[first.key_count++] = text;
      if (capturing && key && depth < key_depth + kSignalDepth) first.signals |= signal_bit(text);
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

bool signal(const FirstValue& v, std::string_view key) {
  return (v.signals & signal_bit(key)) != 0;
}

// The scholarly sources, told apart by keys only they use (docs/formats.md, "Detection").
std::optional<Format> scholarly_format(const FirstValue& v) {
  const auto any = [&v](std::initializer_list<std::string_view> keys) {
    for (auto key : keys)
      if (signal(v, key)) return true;
    return false;
  };
  if (any({"message-type", "reference-count", "is-referenced-by-count", "deposited"}))
    return Format::crossref;
  if (any({"author_corresponding", "jatsxml"}) || (has(v, "collection") && has(v, "messages")))
    return Format::biorxiv;
  if (any({"abstract_inverted_index", "authorships", "primary_location", "primary_topic"}))
    return Format::openalex;
  if (any({"paperId", "externalIds", "corpusid", "externalids", "s2FieldsOfStudy",
           "openaccessinfo"}))
    return Format::semantic_scholar;
  if (any({"itemType", "abstractNote", "creators"})) return Format::zotero_json;
  if (signal(v, "type") && any({"citation-key", "issued", "container-title"}))
    return Format::csl_json;
  return std::nullopt;
}

bool record_array_keys(const FirstValue& v) {
  return has(v, "papers") || has(v, "items") || has(v, "results") || has(v, "data");
}

}  // namespace

std::optional<Format> detect_json_format(std::string_view head) {
  if (head.empty() || (head[0] != '{' && head[0] != '[') || !looks_like_json(head))
    return std::nullopt;
  const FirstValue first = scan_first_value(head);
  if (const auto scholarly = scholarly_format(first)) return scholarly;
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

bool json_lines_layout(std::string_view input) {
  std::string_view head = input.substr(0, 3) == "\xEF\xBB\xBF" ? input.substr(3) : input;
  head.remove_prefix(std::min(skip_blanks(head, 0), head.size()));
  if (head.empty() || head[0] != '{') return false;
  const FirstValue first = scan_first_value(head);
  if (!first.complete) return !first.multiline;
  const std::size_t next = skip_blanks(head, first.end);
  return next < head.size() && head[next] == '{';
}

}  // namespace papersieve::detail
