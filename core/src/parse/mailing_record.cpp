#include "parse/mailing_record.hpp"

#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "Name <mail@host>" -> "Name": the submitter without the address.
std::string_view without_address(std::string_view from) {
  const std::size_t angle = from.find('<');
  return trim_ascii(from.substr(0, angle));
}

// "comment", as the Atom reader says, rather than the mailing's "Comments".
std::string extra_name(const std::string& key) { return key == "comments" ? "comment" : key; }

void map_field(const Field& field, Paper& paper, RecordReport& report) {
  const std::string& k = field.key;
  if (k == "title") {
    if (paper.title.empty()) paper.title = field.value;
  } else if (k == "authors") {
    if (paper.authors.empty()) split_author_list(field.value, paper.authors);
  } else if (k == "categories") {
    split_categories(field.value, paper.categories);
  } else if (k == "date") {
    paper.published = iso_date_from_rfc2822(field.value);
    if (paper.published.empty())
      report.note("Date \"" + utf8_excerpt(field.value, 40) + "\" is not a date");
  } else if (k == "from") {
    paper.submitter = std::string(without_address(field.value));
  } else if (k == "doi") {
    add_doi(paper, field.value);
  } else if (starts_with(k, "date_(revised")) {
    add_extra(paper, "updated", iso_date_from_rfc2822(field.value));
  } else {
    add_extra(paper, extra_name(k), field.value);
  }
}

}  // namespace

std::optional<MailingIdLine> parse_mailing_id_line(std::string_view line) {
  for (std::string_view prefix : {"arXiv:", "Paper:"}) {
    if (!starts_with(line, prefix)) continue;
    std::string_view rest = trim_ascii(line.substr(prefix.size()));
    MailingIdLine id;
    id.id = rest.substr(0, rest.find(' '));
    id.cross_listing = rest.find("(*cross-listing*)") != std::string_view::npos;
    return id;
  }
  return std::nullopt;
}

std::optional<std::string_view> parse_mailing_trailer(std::string_view line) {
  if (!starts_with(line, "\\\\ (")) return std::nullopt;
  std::string_view rest = trim_ascii(line.substr(4));
  return rest.substr(0, rest.find_first_of(" ,)"));
}

std::optional<std::string_view> parse_replaced_line(std::string_view line) {
  constexpr std::string_view kReplaced = "replaced with revised version ";
  if (!starts_with(line, kReplaced)) return std::nullopt;
  return line.substr(kReplaced.size());
}

void map_mailing_fields(const FieldBlock& fields, Paper& paper, RecordReport& report) {
  for (const auto& field : fields.fields()) map_field(field, paper, report);
  if (trim_ascii(paper.title).empty()) report.reject("record without a Title");
}

}  // namespace papersieve::detail
