// Input formats by name (DESIGN.md §3) and content-based detection.
#pragma once

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
};

// "auto", "hf-text", "hf-json", ... as users write them.
std::string_view format_name(Format format) noexcept;

// Inverse of format_name; throws Error(invalid_argument) naming the known formats.
Format format_from_name(std::string_view name);

// Every format name, "auto" first.
std::vector<std::string_view> format_names();

// True when this build has a reader for the format.
bool format_supported(Format format) noexcept;

// Picks a format from the first bytes of the input (a few KiB suffice).
Format detect_format(std::string_view head) noexcept;

}  // namespace papersieve
