// The Markdown digest: the HTML digest's content (docs/writers.md) with matched
// text in bold; paper text backslash-escaped, only http(s) links kept.
#include "papersieve/write.hpp"
#include "write/highlight.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

// Backslash-escapes what Markdown would read as markup.
std::string md_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '\n' || c == '\r') c = ' ';
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// A URL fit for a Markdown link target: characters that would end it percent-encoded.
std::string md_url(std::string_view url) {
  std::string out;
  for (char c : url) {
    switch (c) {
      case ' ': out += "%20"; break;
      case '(': out += "%28"; break;
      case ')': out += "%29"; break;
      case '<': out += "%3C"; break;
      case '>': out += "%3E"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string md_link(std::string_view url, const std::string& text) {
  return write::safe_url(url) ? "[" + text + "](" + md_url(url) + ")" : text;
}

// The field's text in [w.start, w.end), escaped, with the hit's spans in bold.
std::string highlighted(std::string_view text, const Hit& hit, MatchField field, write::Window w) {
  std::string out;
  for (const auto& segment : write::segments(text, hit, field, w.start, w.end))
    out += segment.matched ? "**" + md_escape(segment.text) + "**" : md_escape(segment.text);
  return out;
}

void markdown_entry(std::string& out, const Paper& paper, const Hit& hit, std::size_t rank,
                    const DigestInfo& info) {
  const auto links = write::paper_links(paper);
  out += "### " + std::to_string(rank) + ". " +
         md_link(links.page,
                 highlighted(paper.title, hit, MatchField::title, {0, paper.title.size()})) +
         "\n\n";
  std::string meta;
  if (!paper.authors.empty()) meta += "*" + md_escape(write::author_line(paper)) + "*";
  if (!paper.published.empty()) meta += (meta.empty() ? "" : " · ") + md_escape(paper.published);
  if (paper.upvotes) meta += (meta.empty() ? "" : " · ") + ("▲ " + std::to_string(*paper.upvotes));
  std::string line;
  for (const auto& l : write::entry_links(links))
    line += (line.empty() ? "" : " · ") + md_link(l.url, l.label);
  if (!line.empty()) meta += (meta.empty() ? "" : " · ") + line;
  if (!meta.empty()) out += meta + "\n\n";
  if (!paper.abstract.empty()) {
    const auto window = write::abstract_window(paper, hit, info.full_abstracts);
    out += std::string(window.start > 0 ? "… " : "") +
           highlighted(paper.abstract, hit, MatchField::abstract, window) +
           (window.end < paper.abstract.size() ? " …" : "") + "\n\n";
  }
  std::string why;
  for (const auto& rule : hit.rules) why += (why.empty() ? "" : ", ") + md_escape(rule);
  std::string tags;
  for (const auto& tag : hit.tags) tags += (tags.empty() ? "" : ", ") + md_escape(tag);
  out += "Score " + write::score_text(hit.score) + " · matched: " + why +
         (tags.empty() ? "" : " · tags: " + tags) + "\n\n";
}

}  // namespace

std::string hits_to_markdown(const Corpus& corpus, const Results& results, const DigestInfo& info) {
  std::string out =
      "# " + md_escape(info.title) + "\n\n" + write::counts_line(corpus, results) + "\n\n";
  for (const auto& hit : results.hits) {  // the overview: one line per paper, in rank order
    const Paper& paper = corpus.papers[hit.index];
    const std::string authors = write::author_line(paper, 2);
    out += std::to_string(write::rank_of(results, hit)) + ". " + md_escape(paper.title) +
           (authors.empty() ? "" : " — " + md_escape(authors)) + " (" +
           write::score_text(hit.score) + ")\n";
  }
  if (!results.hits.empty()) out += "\n";
  const auto groups = write::digest_groups(results);
  const bool headings = write::show_group_headings(groups);
  for (const auto& group : groups) {
    if (headings) out += "## " + md_escape(group.name) + "\n\n";
    for (const Hit* hit : group.hits)
      markdown_entry(out, corpus.papers[hit->index], *hit, write::rank_of(results, *hit), info);
  }
  const auto parts = write::footer(info);
  out += "---\n\n";
  if (!parts.inputs.empty()) out += "Inputs: " + md_escape(parts.inputs) + "  \n";
  if (!parts.rules.empty()) out += "Rules: " + md_escape(parts.rules) + "  \n";
  return out + "Made " + parts.generated + " by papersieve\n";
}

std::string hits_to_markdown(const Corpus& corpus, const Results& results, std::string_view title) {
  DigestInfo info;
  info.title = std::string(title);
  return hits_to_markdown(corpus, results, info);
}

}  // namespace papersieve
