// The fields of one arXiv mailing record and their mapping into a Paper.
#pragma once

#include <string_view>

#include "papersieve/paper.hpp"
#include "parse/key_value_lines.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// "arXiv:2303.08867", "arXiv:2303.08867 (*cross-listing*)", "Paper: hep-th/9901001":
// the line that opens a record after a "\\" line. nullopt for any other line.
struct MailingIdLine {
  std::string_view id;
  bool cross_listing = false;
};
std::optional<MailingIdLine> parse_mailing_id_line(std::string_view line);

// "\\ ( https://arxiv.org/abs/2303.08867 ,  243kb)" -> the URL; nullopt when the
// line is no trailer.
std::optional<std::string_view> parse_mailing_trailer(std::string_view line);

// "replaced with revised version Wed, 15 Mar 2023 18:05:58 GMT   (829kb,D)" ->
// the date text; nullopt for any other line.
std::optional<std::string_view> parse_replaced_line(std::string_view line);

// Title, Authors, Categories, Date, From and the other fields -> paper;
// Comments, Journal-ref, DOI, Report-no and unknown keys -> paper.extra.
// A record without a title is rejected.
void map_mailing_fields(const FieldBlock& fields, Paper& paper, RecordReport& report);

}  // namespace papersieve::detail
