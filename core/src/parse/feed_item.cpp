#include "parse/feed_item.hpp"

#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/feed_fields.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

// bioRxiv and medRxiv append "?rss=1" to their links.
std::string_view without_rss_query(std::string_view url) {
  for (std::string_view tail : {"?rss=1", "?rss=yes"})
    if (url.size() > tail.size() && url.substr(url.size() - tail.size()) == tail)
      return url.substr(0, url.size() - tail.size());
  return url;
}

std::string_view first_nonblank(std::initializer_list<std::string_view> texts) {
  for (std::string_view text : texts)
    if (!trim_ascii(text).empty()) return trim_ascii(text);
  return {};
}

void assemble_authors(FeedItem& item, Paper& paper) {
  for (const auto& creator : item.creators) split_feed_creators(creator, paper.authors);
  if (!paper.authors.empty()) return;
  for (const auto& author : item.authors)
    if (!trim_ascii(author).empty()) paper.authors.emplace_back(rss_author_name(author));
}

// dc:identifier "doi:10.1101/x", "https://doi.org/10.1101/x", "10.1101/x"; prism:doi.
void assemble_doi(const FeedItem& item, Paper& paper) {
  add_doi(paper, doi_in(item.prism_doi));
  for (const auto& id : item.identifiers) add_doi(paper, doi_in(id));
  add_doi(paper, doi_in(item.guid));
}

void assemble_date(const FeedItem& item, const FeedChannel& channel, Paper& paper,
                   RecordReport& report) {
  const std::string_view date = first_nonblank(
      {item.dc_date, item.prism_date, item.pub_date, item.published, item.updated, channel.date});
  paper.published = iso_partial_date(date);
  if (paper.published.empty() && !date.empty())
    report.note("date \"" + std::string(date) + "\" is not readable");
}

}  // namespace

void assemble_feed_paper(FeedItem& item, const FeedChannel& channel, Paper& paper,
                         RecordReport& report) {
  if (trim_ascii(item.title).empty()) {
    report.reject("item without a <title>");
    return;
  }
  paper.title = strip_markup(item.title);  // Atom type="html" titles: <i>E. coli</i>
  paper.abstract =
      strip_markup(first_nonblank({item.description, item.content, item.dc_description}));
  assemble_authors(item, paper);
  const std::string_view link = without_rss_query(trim_ascii(item.link));
  if (auto ref = arxiv_ref_from_url(link)) {
    paper.arxiv_id = ref->id;
    paper.version = ref->version;
  }
  set_arxiv_id_from_guid(paper, item.guid);
  add_link(paper, link, LinkKind::paper);
  for (const auto& other : item.links) add_link(paper, trim_ascii(other), LinkKind::other);
  for (const auto& category : item.categories) add_category(paper, trim_ascii(category));
  assemble_doi(item, paper);
  assemble_date(item, channel, paper, report);
  add_extra(paper, "journal", item.journal);
  add_extra(paper, "license", item.rights);
}

}  // namespace papersieve::detail
