// rss.arxiv.org items (docs/formats.md, "arxiv-rss"): the description is
// "arXiv:2404.07990v1 Announce Type: new \nAbstract: ...", <dc:creator> holds
// every author in one string with affiliations in parentheses.
#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/feed_fields.hpp"
#include "parse/feed_item.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

struct Description {
  std::string_view id;  // "2404.07990v1"
  std::string_view announce_type;
  std::string_view abstract;
};

std::string_view next_word(std::string_view& text) {
  text = trim_ascii(text);
  const std::size_t end = text.find_first_of(" \t\r\n");
  const std::string_view word = text.substr(0, end);
  text.remove_prefix(word.size());
  return word;
}

// The prefix never reaches the abstract; a description without it is all abstract.
Description split_description(std::string_view text) {
  text = trim_ascii(text);
  Description d;
  if (text.substr(0, 6) != "arXiv:") {
    d.abstract = text;
    return d;
  }
  text.remove_prefix(6);
  d.id = next_word(text);
  text = trim_ascii(text);
  if (text.substr(0, 14) == "Announce Type:") {
    text.remove_prefix(14);
    d.announce_type = next_word(text);
  }
  text = trim_ascii(text);
  if (text.substr(0, 9) == "Abstract:") text.remove_prefix(9);
  d.abstract = trim_ascii(text);
  return d;
}

void assemble_id(const FeedItem& item, const Description& d, Paper& paper, RecordReport& report) {
  if (set_arxiv_id_from_guid(paper, item.guid)) return;
  if (set_arxiv_id(paper, d.id)) return;
  // Atom entries may carry the abs page as their id; the link has no version.
  for (const std::string& url : {item.guid, item.link}) {
    if (auto ref = arxiv_ref_from_url(trim_ascii(url))) {
      paper.arxiv_id = ref->id;
      paper.version = ref->version;
      return;
    }
  }
  report.note("item names no arXiv id (guid \"" + trimmed(item.guid) + "\")");
}

void assemble_authors(const FeedItem& item, Paper& paper) {
  std::string affiliations;
  for (const auto& creator : item.creators)
    split_authors_with_affiliations(creator, paper.authors, affiliations);
  for (const auto& author : item.authors)  // Atom flavour: one name each
    split_authors_with_affiliations(author, paper.authors, affiliations);
  add_extra(paper, "affiliations", affiliations);
}

}  // namespace

void assemble_arxiv_rss_paper(FeedItem& item, const FeedChannel& channel, Paper& paper,
                              RecordReport& report) {
  if (trim_ascii(item.title).empty()) {
    report.reject("item without a <title>");
    return;
  }
  paper.title = trimmed(item.title);
  const Description d = split_description(item.description);
  paper.abstract = std::string(d.abstract);
  assemble_id(item, d, paper, report);
  assemble_authors(item, paper);
  add_link(paper, trim_ascii(item.link), LinkKind::paper);
  for (const auto& category : item.categories) add_category(paper, trim_ascii(category));
  const std::string_view type = trim_ascii(item.announce_type);
  add_extra(paper, "announce_type", type.empty() ? d.announce_type : type);
  const std::string_view doi = trim_ascii(item.arxiv_doi);
  add_doi(paper, doi.substr(0, doi.find_first_of(" \t\r\n")));  // the first of several
  add_extra(paper, "journal_ref", item.journal_ref);
  add_extra(paper, "license", item.rights);
  std::string date = iso_date_from_any(trim_ascii(item.pub_date));
  if (date.empty()) date = iso_date_prefix(trim_ascii(item.published));
  if (date.empty()) date = iso_date_prefix(trim_ascii(item.updated));
  if (date.empty()) date = iso_date_from_any(trim_ascii(channel.date));
  paper.published = date;
}

}  // namespace papersieve::detail
