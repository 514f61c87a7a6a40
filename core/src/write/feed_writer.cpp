// Atom 1.0 (RFC 4287) and RSS 2.0 feeds of the hits (docs/writers.md): entry ids
// from the paper's identity, so a reader sees the same paper as the same entry
// in every run; the highlighted abstract as escaped HTML.
#include "papersieve/write.hpp"
#include "write/highlight.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

using write::xml_escape;

// Percent-encodes what a tag URI's specific part may not hold.
std::string uri_part(std::string_view text) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') ||
        std::string_view("-._~:/").find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// tag:papersieve,2024:paper/2401.01234 — the same paper, the same id, in every feed.
std::string entry_id(const Paper& paper) {
  return "tag:papersieve,2024:paper/" + uri_part(paper.id);
}

std::string feed_id(const DigestInfo& info) {
  if (write::safe_url(info.feed_url)) return info.feed_url;
  return "tag:papersieve,2024:feed/" + uri_part(info.title);
}

// The entry's HTML: authors, the abstract with matches in <strong> (feed readers
// sanitize HTML and many drop <mark>), links, why selected.
std::string entry_html(const Paper& paper, const Hit& hit, const write::PaperLinks& links) {
  std::string html;
  if (!paper.authors.empty()) html += "<p>" + xml_escape(write::author_line(paper)) + "</p>";
  if (!paper.abstract.empty()) {
    html += "<p>";
    for (const auto& s : write::segments(paper.abstract, hit, MatchField::abstract))
      html += s.matched ? "<strong>" + xml_escape(s.text) + "</strong>" : xml_escape(s.text);
    html += "</p>";
  }
  std::string line;
  for (const auto& l : write::entry_links(links, true))
    line += (line.empty() ? "" : " · ") +
            ("<a href=\"" + xml_escape(l.url) + "\">" + xml_escape(l.label) + "</a>");
  if (!line.empty()) html += "<p>" + line + "</p>";
  std::string why;
  for (const auto& rule : hit.rules) why += (why.empty() ? "" : ", ") + rule;
  html += "<p>score " + write::score_text(hit.score) + " · matched: " + xml_escape(why) + "</p>";
  return html;
}

// When the paper last changed: its "updated" extra, else its date, else the feed's time.
std::string entry_updated(const Paper& paper, const std::string& generated) {
  if (auto it = paper.extra.find("updated"); it != paper.extra.end()) {
    const std::string when = write::date_to_rfc3339(it->second);
    if (!when.empty()) return when;
  }
  const std::string when = write::date_to_rfc3339(paper.published);
  return when.empty() ? generated : when;
}

void atom_link(std::string& out, std::string_view rel, const std::string& url,
               std::string_view type = {}, std::string_view title = {}) {
  if (url.empty() || !write::safe_url(url)) return;
  out += "    <link rel=\"" + std::string(rel) + "\" href=\"" + xml_escape(url) + "\"";
  if (!type.empty()) out += " type=\"" + std::string(type) + "\"";
  if (!title.empty()) out += " title=\"" + xml_escape(title) + "\"";
  out += "/>\n";
}

void atom_entry(std::string& out, const Paper& paper, const Hit& hit,
                const std::string& generated) {
  const auto links = write::paper_links(paper);
  out += "  <entry>\n    <id>" + entry_id(paper) + "</id>\n    <title type=\"text\">" +
         xml_escape(paper.title) + "</title>\n    <updated>" +
         xml_escape(entry_updated(paper, generated)) + "</updated>\n";
  if (const std::string published = write::date_to_rfc3339(paper.published); !published.empty())
    out += "    <published>" + published + "</published>\n";
  for (const auto& author : paper.authors)
    out += "    <author><name>" + xml_escape(author) + "</name></author>\n";
  atom_link(out, "alternate", links.page, "text/html");
  if (links.abs != links.page) atom_link(out, "related", links.abs, "text/html", "arXiv");
  atom_link(out, "related", links.pdf, "application/pdf", "PDF");
  if (links.doi != links.page) atom_link(out, "related", links.doi, {}, "DOI");
  for (const auto& other : links.others)
    atom_link(out, "related", other.url, {}, link_kind_name(other.kind));
  for (const auto& category : paper.categories)
    out += "    <category term=\"" + xml_escape(category) + "\"/>\n";
  for (const auto& tag : hit.tags)
    out += "    <category term=\"" + xml_escape(tag) +
           "\" scheme=\"tag:papersieve,2024:tags\" label=\"" + xml_escape(tag) + "\"/>\n";
  out += "    <content type=\"html\">" + xml_escape(entry_html(paper, hit, links)) +
         "</content>\n  </entry>\n";
}

}  // namespace

std::string hits_to_atom(const Corpus& corpus, const Results& results, const DigestInfo& info) {
  const std::string generated = info.generated.empty() ? write::now_rfc3339() : info.generated;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <id>" +
      xml_escape(feed_id(info)) + "</id>\n  <title type=\"text\">" + xml_escape(info.title) +
      "</title>\n  <subtitle type=\"text\">" + xml_escape(write::counts_line(corpus, results)) +
      "</subtitle>\n  <updated>" + xml_escape(generated) +
      "</updated>\n  <author><name>papersieve</name></author>\n"
      "  <generator>papersieve</generator>\n";
  if (write::safe_url(info.feed_url))
    out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           xml_escape(info.feed_url) + "\"/>\n";
  for (const auto& hit : results.hits) atom_entry(out, corpus.papers[hit.index], hit, generated);
  return out + "</feed>\n";
}

std::string hits_to_rss(const Corpus& corpus, const Results& results, const DigestInfo& info) {
  const std::string generated = info.generated.empty() ? write::now_rfc3339() : info.generated;
  std::string channel_link = write::safe_url(info.feed_url) ? info.feed_url : "https://arxiv.org/";
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<channel>\n  <title>" +
      xml_escape(info.title) + "</title>\n  <link>" + xml_escape(channel_link) +
      "</link>\n  <description>" + xml_escape(write::counts_line(corpus, results)) +
      "</description>\n  <lastBuildDate>" + write::rfc3339_to_rfc822(generated) +
      "</lastBuildDate>\n  <generator>papersieve</generator>\n";
  for (const auto& hit : results.hits) {
    const Paper& paper = corpus.papers[hit.index];
    const auto links = write::paper_links(paper);
    out += "  <item>\n    <title>" + xml_escape(paper.title) + "</title>\n";
    if (write::safe_url(links.page)) out += "    <link>" + xml_escape(links.page) + "</link>\n";
    out += "    <guid isPermaLink=\"false\">" + entry_id(paper) + "</guid>\n";
    if (const std::string date = write::date_to_rfc3339(paper.published); !date.empty())
      out += "    <pubDate>" + write::rfc3339_to_rfc822(date) + "</pubDate>\n";
    for (const auto& author : paper.authors)
      out += "    <dc:creator>" + xml_escape(author) + "</dc:creator>\n";
    for (const auto& category : paper.categories)
      out += "    <category>" + xml_escape(category) + "</category>\n";
    for (const auto& tag : hit.tags) out += "    <category>" + xml_escape(tag) + "</category>\n";
    out += "    <description>" + xml_escape(entry_html(paper, hit, links)) +
           "</description>\n  </item>\n";
  }
  return out + "</channel>\n</rss>\n";
}

}  // namespace papersieve
