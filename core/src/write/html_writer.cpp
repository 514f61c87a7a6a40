// The HTML digest: one self-contained page that works as an e-mail body. Inline
// styles only (mail clients drop <style>), no scripts, no external assets; all
// paper text escaped; only http(s) links become hrefs.
#include <cstdio>

#include "papersieve/write.hpp"
#include "write/highlight.hpp"

namespace papersieve {
namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

bool safe_url(std::string_view url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string link(std::string_view url, const std::string& inner_html) {
  if (!safe_url(url)) return inner_html;
  return "<a href=\"" + html_escape(url) + "\" style=\"color:#1a4f8b;text-decoration:none\">" +
         inner_html + "</a>";
}

std::string marked(std::string_view text, const Hit& hit, MatchField field) {
  std::string out;
  for (const auto& segment : write::segments(text, hit, field)) {
    out += segment.matched ? "<mark style=\"background:#fde68a;padding:0 1px\">" +
                                 html_escape(segment.text) + "</mark>"
                           : html_escape(segment.text);
  }
  return out;
}

void entry(std::string& out, const Paper& paper, const Hit& hit, std::size_t rank) {
  out += "<div style=\"margin:0 0 22px 0\">\n<h3 style=\"font-size:17px;margin:0 0 4px 0\">" +
         std::to_string(rank) + ". " +
         link(write::paper_url(paper), marked(paper.title, hit, MatchField::title)) + "</h3>\n";
  std::string meta;
  if (!paper.authors.empty()) {
    std::string names;
    for (const auto& a : paper.authors) names += (names.empty() ? "" : ", ") + a;
    meta += html_escape(names);
  }
  if (!paper.published.empty()) meta += (meta.empty() ? "" : " · ") + html_escape(paper.published);
  for (const auto& l : paper.links) {
    if (l.kind == LinkKind::code || l.kind == LinkKind::project || l.kind == LinkKind::data)
      meta += (meta.empty() ? "" : " · ") + link(l.url, std::string(link_kind_name(l.kind)));
  }
  if (!meta.empty()) out += "<div style=\"color:#555;font-size:13px\">" + meta + "</div>\n";
  if (!paper.abstract.empty()) {
    out += "<p style=\"margin:6px 0;line-height:1.45\">" +
           marked(paper.abstract, hit, MatchField::abstract) + "</p>\n";
  }
  char score[32];
  std::snprintf(score, sizeof score, "%g", hit.score);
  std::string why;
  for (const auto& rule : hit.rules) why += (why.empty() ? "" : ", ") + html_escape(rule);
  out += "<div style=\"color:#777;font-size:12px\">score " + std::string(score) +
         " · matched: " + why + "</div>\n</div>\n";
}

}  // namespace

std::string hits_to_html(const Corpus& corpus, const Results& results, std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      html_escape(title) +
      "</title>\n</head>\n<body style=\"margin:0;padding:24px;background:#f6f6f4;"
      "font-family:Georgia,'Times New Roman',serif;color:#222\">\n"
      "<div style=\"max-width:760px;margin:0 auto;background:#fff;padding:24px 28px\">\n"
      "<h1 style=\"font-size:24px;margin:0 0 6px 0\">" +
      html_escape(title) + "</h1>\n<div style=\"color:#666;font-size:13px;margin-bottom:18px\">" +
      html_escape(write::counts_line(corpus, results)) + "</div>\n";
  std::size_t rank = 0;
  for (const auto& group : write::digest_groups(results)) {
    out += "<h2 style=\"font-size:19px;border-bottom:1px solid #ddd;padding-bottom:3px\">" +
           html_escape(group.name) + "</h2>\n";
    for (const Hit* hit : group.hits) entry(out, corpus.papers[hit->index], *hit, ++rank);
  }
  return out + "</div>\n</body>\n</html>\n";
}

}  // namespace papersieve
