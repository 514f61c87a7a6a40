#include "papersieve/format.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "papersieve/error.hpp"
#include "parse/format_detect.hpp"
#include "parse/json_sniff.hpp"

namespace papersieve {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 21> kNames = {{
    {Format::automatic, "auto"},
    {Format::hf_text, "hf-text"},
    {Format::hf_json, "hf-json"},
    {Format::arxiv_jsonl, "arxiv-jsonl"},
    {Format::arxiv_atom, "arxiv-atom"},
    {Format::arxiv_mailing, "arxiv-mailing"},
    {Format::kv_text, "kv-text"},
    {Format::jsonl, "jsonl"},
    {Format::json, "json"},
    {Format::arxiv_rss, "arxiv-rss"},
    {Format::feed, "feed"},
    {Format::pubmed, "pubmed"},
    {Format::oai_pmh, "oai-pmh"},
    {Format::semantic_scholar, "semantic-scholar"},
    {Format::openalex, "openalex"},
    {Format::crossref, "crossref"},
    {Format::biorxiv, "biorxiv"},
    {Format::bibtex, "bibtex"},
    {Format::ris, "ris"},
    {Format::csl_json, "csl-json"},
    {Format::zotero_json, "zotero-json"},
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

bool format_supported(Format format) noexcept {
  switch (format) {
    case Format::hf_text:
    case Format::hf_json:
    case Format::arxiv_jsonl:
    case Format::arxiv_atom:
    case Format::arxiv_mailing:
    case Format::kv_text:
    case Format::jsonl:
    case Format::json:
    case Format::arxiv_rss:
    case Format::feed:
    case Format::pubmed:
    case Format::oai_pmh: return true;
    case Format::bibtex:
    case Format::ris: return true;
    case Format::semantic_scholar:
    case Format::openalex:
    case Format::crossref:
    case Format::biorxiv:
    case Format::csl_json:
    case Format::zotero_json: return true;
    default: return false;
  }
}

Format detect_format(std::string_view head) noexcept {
  try {
    const auto candidates = detect_format_candidates(head);
    return candidates.empty() ? Format::automatic : candidates.front().format;
  } catch (const std::bad_alloc&) {
    return Format::automatic;
  }
}

std::vector<FormatCandidate> detect_format_candidates(std::string_view head) {
  std::vector<FormatCandidate> candidates;
  const std::string_view s = skip_space_and_bom(head);
  if (const auto json = detail::detect_json_format(s)) {
    // JSON syntax decides; json_sniff tells the JSON formats apart by their keys.
    candidates.push_back({*json, 100, "JSON (" + std::string(format_name(*json)) + " keys)"});
    return candidates;
  }
  // Each scorer adds the formats it sees evidence of; a new format adds its own scorer here.
  detail::score_xml(s, candidates);
  detail::score_text(s, candidates);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  return candidates;
}

bool is_close_call(const std::vector<FormatCandidate>& candidates) noexcept {
  return candidates.size() > 1 && candidates[0].score - candidates[1].score <= kCloseCall;
}

}  // namespace papersieve
