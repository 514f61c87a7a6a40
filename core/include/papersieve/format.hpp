// Input formats by name (docs/formats.md) and content-based detection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace papersieve {

enum class Format {
  automatic,
  hf_text,
  hf_json,
  arxiv_jsonl,
  arxiv_atom,
  arxiv_mailing,
  kv_text,
  jsonl,
  json,
  arxiv_rss,
  feed,
  pubmed,
  oai_pmh,
  semantic_scholar,
  openalex,
  crossref,
  biorxiv,
  bibtex,
  ris,
  csl_json,
  zotero_json,
};

// "auto", "hf-text", "hf-json", ... as users write them.
std::string_view format_name(Format format) noexcept;

// Inverse of format_name; throws Error(invalid_argument) naming the known formats.
Format format_from_name(std::string_view name);

// Every format name, "auto" first.
std::vector<std::string_view> format_names();

// True when this build has a reader for the format.
bool format_supported(Format format) noexcept;

// Picks a format from the first bytes of the input (parse looks at 64 KiB):
// the first of detect_format_candidates; Format::automatic when there is none (no reader
// recognizes the input: parse refuses it).
Format detect_format(std::string_view head) noexcept;

// A format the input could be in, as detection weighed it.
struct FormatCandidate {
  Format format = Format::hf_text;
  int score = 0;         // 1..100: how strongly the head looks like this format
  std::string evidence;  // what was seen, e.g. "12 \\ + arXiv: records"
};

// Every format with evidence in the head, best first (ties: JSON, arxiv-atom,
// arxiv-mailing, kv-text, bibtex, ris, hf-text); empty when no reader recognizes it.
std::vector<FormatCandidate> detect_format_candidates(std::string_view head);

// True when the runner-up came within kCloseCall points of the winner: parse
// then notes which formats it considered.
constexpr int kCloseCall = 25;
bool is_close_call(const std::vector<FormatCandidate>& candidates) noexcept;

}  // namespace papersieve
