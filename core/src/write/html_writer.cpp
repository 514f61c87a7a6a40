// The HTML digest: one self-contained page that works as an e-mail body. Inline
// styles only (mail clients drop <style>), colors that read on light and dark
// backgrounds, no scripts, no external assets; all paper text escaped; only
// http(s) links become hrefs (docs/writers.md).
#include "papersieve/write.hpp"
#include "write/highlight.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

using write::xml_escape;

constexpr const char* kLink = "color:#3b82f6;text-decoration:none";
constexpr const char* kMuted = "opacity:.72";
constexpr const char* kRule = "border-top:1px solid rgba(128,128,128,.35)";

std::string link(std::string_view url, const std::string& inner_html) {
  if (!write::safe_url(url)) return inner_html;
  return "<a href=\"" + xml_escape(url) + "\" style=\"" + kLink + "\">" + inner_html + "</a>";
}

std::string marked(std::string_view text, const Hit& hit, MatchField field, write::Window w) {
  std::string out;
  for (const auto& segment : write::segments(text, hit, field, w.start, w.end)) {
    out += segment.matched ? "<mark style=\"background:#fde68a;color:#1f2328;padding:0 1px\">" +
                                 xml_escape(segment.text) + "</mark>"
                           : xml_escape(segment.text);
  }
  return out;
}

std::string marked(std::string_view text, const Hit& hit, MatchField field) {
  return marked(text, hit, field, {0, text.size()});
}

void overview(std::string& out, const Corpus& corpus, const Results& results) {
  out +=
      "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;font-size:14px;"
      "margin:0 0 26px 0\">\n";
  for (const auto& hit : results.hits) {
    const Paper& paper = corpus.papers[hit.index];
    const std::string rank = std::to_string(write::rank_of(results, hit));
    const std::string authors = write::author_line(paper, 2);
    out += "<tr><td style=\"padding:3px 8px 3px 0;vertical-align:top;text-align:right;" +
           std::string(kMuted) + "\">" + rank +
           ".</td><td style=\"padding:3px 0;vertical-align:top\"><a href=\"#paper-" + rank +
           "\" style=\"" + kLink + "\">" + xml_escape(paper.title) + "</a>" +
           (authors.empty() ? ""
                            : " <span style=\"" + std::string(kMuted) + "\">· " +
                                  xml_escape(authors) + "</span>") +
           "</td><td style=\"padding:3px 0 3px 10px;vertical-align:top;text-align:right;"
           "white-space:nowrap;" +
           kMuted + "\">" + write::score_text(hit.score) + "</td></tr>\n";
  }
  out += "</table>\n";
}

std::string links_line(const write::PaperLinks& links) {
  std::string out;
  for (const auto& l : write::entry_links(links))
    out += (out.empty() ? "" : " · ") + link(l.url, xml_escape(l.label));
  return out;
}

void entry(std::string& out, const Paper& paper, const Hit& hit, std::size_t rank,
           const DigestInfo& info) {
  const auto links = write::paper_links(paper);
  const std::string number = std::to_string(rank);
  out += "<div id=\"paper-" + number + "\" style=\"padding:14px 0 4px 0;" + kRule +
         "\">\n<h3 style=\"font-size:17px;line-height:1.35;margin:0 0 4px 0\"><span style=\"" +
         kMuted + "\">" + number + ".</span> " +
         link(links.page, marked(paper.title, hit, MatchField::title)) + "</h3>\n";
  std::string meta = xml_escape(write::author_line(paper));
  if (!paper.published.empty()) meta += (meta.empty() ? "" : " · ") + xml_escape(paper.published);
  if (paper.upvotes) meta += (meta.empty() ? "" : " · ") + ("▲ " + std::to_string(*paper.upvotes));
  if (!meta.empty())
    out += "<div style=\"font-size:13px;" + std::string(kMuted) + "\">" + meta + "</div>\n";
  if (const std::string line = links_line(links); !line.empty())
    out += "<div style=\"font-size:13px;margin:2px 0 0 0\">" + line + "</div>\n";
  if (!paper.abstract.empty()) {
    const auto window = write::abstract_window(paper, hit, info.full_abstracts);
    const bool cut = window.start > 0 || window.end < paper.abstract.size();
    out += "<p style=\"margin:8px 0 4px 0;line-height:1.5\">" +
           std::string(window.start ? "… " : "") +
           marked(paper.abstract, hit, MatchField::abstract, window) +
           (window.end < paper.abstract.size() ? " …" : "") + "</p>\n";
    if (cut) {
      out += "<details style=\"margin:0 0 4px 0\"><summary style=\"cursor:pointer;font-size:13px;" +
             std::string(kLink) +
             "\">Full abstract</summary>\n<p style=\"margin:6px 0;line-height:1.5\">" +
             marked(paper.abstract, hit, MatchField::abstract) + "</p>\n</details>\n";
    }
  }
  std::string why;
  for (const auto& rule : hit.rules) why += (why.empty() ? "" : ", ") + xml_escape(rule);
  std::string tags;
  for (const auto& tag : hit.tags) tags += (tags.empty() ? "" : ", ") + xml_escape(tag);
  out += "<div style=\"font-size:12px;margin:4px 0 10px 0;" + std::string(kMuted) + "\">score " +
         write::score_text(hit.score) + " · matched: " + why +
         (tags.empty() ? "" : " · tags: " + tags) + "</div>\n</div>\n";
}

void footer(std::string& out, const DigestInfo& info) {
  const auto parts = write::footer(info);
  out += "<div style=\"margin:26px 0 0 0;padding:10px 0 0 0;font-size:12px;line-height:1.6;" +
         std::string(kRule) + ";" + kMuted + "\">\n";
  if (!parts.inputs.empty()) out += "Inputs: " + xml_escape(parts.inputs) + "<br>\n";
  if (!parts.rules.empty()) out += "Rules: " + xml_escape(parts.rules) + "<br>\n";
  out += "Made " + xml_escape(parts.generated) + " by papersieve\n</div>\n";
}

}  // namespace

std::string hits_to_html(const Corpus& corpus, const Results& results, const DigestInfo& info) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n"
      "<meta name=\"supported-color-schemes\" content=\"light dark\">\n<title>" +
      xml_escape(info.title) +
      "</title>\n</head>\n<body style=\"margin:0;padding:16px;font-family:-apple-system,"
      "'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45\">\n"
      "<div style=\"max-width:760px;margin:0 auto\">\n"
      "<h1 style=\"font-size:24px;line-height:1.25;margin:0 0 4px 0\">" +
      xml_escape(info.title) + "</h1>\n<div style=\"font-size:13px;margin:0 0 16px 0;" + kMuted +
      "\">" + xml_escape(write::counts_line(corpus, results)) + "</div>\n";
  if (!results.hits.empty()) overview(out, corpus, results);
  const auto groups = write::digest_groups(results);
  const bool headings = write::show_group_headings(groups);
  for (const auto& group : groups) {
    if (headings) {
      out +=
          "<h2 style=\"font-size:19px;margin:22px 0 4px 0\">" + xml_escape(group.name) + "</h2>\n";
    }
    for (const Hit* hit : group.hits)
      entry(out, corpus.papers[hit->index], *hit, write::rank_of(results, *hit), info);
  }
  footer(out, info);
  return out + "</div>\n</body>\n</html>\n";
}

std::string hits_to_html(const Corpus& corpus, const Results& results, std::string_view title) {
  DigestInfo info;
  info.title = std::string(title);
  return hits_to_html(corpus, results, info);
}

}  // namespace papersieve
