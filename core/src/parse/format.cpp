#include "papersieve/format.hpp"

#include <array>
#include <string>
#include <utility>

#include "papersieve/error.hpp"

namespace papersieve {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 9> kNames = {{
    {Format::automatic, "auto"},
    {Format::hf_text, "hf-text"},
    {Format::hf_json, "hf-json"},
    {Format::arxiv_jsonl, "arxiv-jsonl"},
    {Format::arxiv_atom, "arxiv-atom"},
    {Format::arxiv_mailing, "arxiv-mailing"},
    {Format::kv_text, "kv-text"},
    {Format::jsonl, "jsonl"},
    {Format::json, "json"},
}};

std::string_view skip_space_and_bom(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  return s;
}

}  // namespace

std::string_view format_name(Format format) noexcept {
  for (const auto& [f, name] : kNames)
    if (f == format) return name;
  return "unknown";
}

Format format_from_name(std::string_view name) {
  for (const auto& [f, n] : kNames)
    if (n == name) return f;
  std::string known;
  for (const auto& entry : kNames) known += (known.empty() ? "" : ", ") + std::string(entry.second);
  throw Error(Status::invalid_argument,
              "unknown format '" + std::string(name) + "' (known: " + known + ")");
}

std::vector<std::string_view> format_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : kNames) names.push_back(entry.second);
  return names;
}

bool format_supported(Format format) noexcept { return format == Format::hf_text; }

Format detect_format(std::string_view head) noexcept {
  const std::string_view s = skip_space_and_bom(head);
  if (s.empty()) return Format::hf_text;
  if (s.front() == '[') return Format::json;
  if (s.front() == '{') {
    // One object per line is JSON lines; the arXiv snapshot is recognized by its keys.
    const bool arxiv = s.find("\"authors_parsed\"") != std::string_view::npos ||
                       (s.find("\"submitter\"") != std::string_view::npos &&
                        s.find("\"categories\"") != std::string_view::npos);
    const auto newline = s.find('\n');
    const bool one_per_line =
        newline != std::string_view::npos && s.find('{', newline) != std::string_view::npos;
    if (arxiv) return Format::arxiv_jsonl;
    return one_per_line ? Format::jsonl : Format::json;
  }
  if (s.substr(0, 5) == "<?xml" || s.substr(0, 5) == "<feed") return Format::arxiv_atom;
  return Format::hf_text;
}

}  // namespace papersieve
