// Recognizes the non-paper lines of a Hugging Face Papers page copied as text:
// page boilerplate and the per-paper metadata lines (date, upvotes, URL,
// "N authors · date", "Submitted by").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace papersieve::detail {

struct HfMetadata {
  std::string published;                // ISO date when the line carried a full date
  std::optional<std::int64_t> upvotes;  // from a bare count line
  std::string url;                      // from a URL line
  std::string arxiv_id;                 // when the URL names an arXiv paper
  int version = 0;
  std::string submitter;           // "Submitted by NAME"
  bool submitter_follows = false;  // "Submitted by" alone: the name is on the next line
};

// Whole-line page boilerplate ("Get trending papers ...", "Daily Papers", ...).
bool is_hf_boilerplate(std::string_view line);

// "SubscribeDual Caption ..." -> "Dual Caption ...": the page's subscribe button
// glued to the first title. Returns nullopt when the line does not start so.
std::optional<std::string_view> strip_glued_subscribe(std::string_view line);

// Parses a metadata line; nullopt when the line is not one.
std::optional<HfMetadata> parse_hf_metadata(std::string_view line);

// "Jun 21, 2024", "Published on June 21, 2024", "2024-06-21" -> "2024-06-21";
// empty when the text is a date without a year; nullopt when it is no date.
std::optional<std::string> parse_page_date(std::string_view text);

}  // namespace papersieve::detail
