// The plain-text digest (an e-mail's text/plain part): the HTML digest's content
// without markup; matched text is not marked (plain text has no way to).
#include "papersieve/write.hpp"
#include "write/highlight.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

void text_entry(std::string& out, const Paper& paper, const Hit& hit, std::size_t rank,
                const DigestInfo& info) {
  const auto links = write::paper_links(paper);
  out += std::to_string(rank) + ". " + one_line(paper.title) + "\n";
  std::string meta = write::author_line(paper);
  if (!paper.published.empty()) meta += (meta.empty() ? "" : " · ") + paper.published;
  if (paper.upvotes) meta += (meta.empty() ? "" : " · ") + ("▲ " + std::to_string(*paper.upvotes));
  if (!meta.empty()) out += "   " + one_line(meta) + "\n";
  if (!links.page.empty()) out += "   " + links.page + "\n";
  if (!links.pdf.empty()) out += "   PDF: " + links.pdf + "\n";
  for (const auto& other : links.others)
    out += "   " + std::string(link_kind_name(other.kind)) + ": " + other.url + "\n";
  if (!paper.abstract.empty()) {
    const auto window = write::abstract_window(paper, hit, info.full_abstracts);
    out +=
        "   " + std::string(window.start > 0 ? "… " : "") +
        one_line(std::string_view(paper.abstract).substr(window.start, window.end - window.start)) +
        (window.end < paper.abstract.size() ? " …" : "") + "\n";
  }
  std::string why;
  for (const auto& rule : hit.rules) why += (why.empty() ? "" : ", ") + rule;
  out += "   score " + write::score_text(hit.score) + " · matched: " + one_line(why) + "\n\n";
}

}  // namespace

std::string hits_to_text(const Corpus& corpus, const Results& results, const DigestInfo& info) {
  std::string out = one_line(info.title) + "\n" + write::counts_line(corpus, results) + "\n\n";
  const auto groups = write::digest_groups(results);
  const bool headings = write::show_group_headings(groups);
  for (const auto& group : groups) {
    if (headings) out += "== " + one_line(group.name) + " ==\n\n";
    for (const Hit* hit : group.hits)
      text_entry(out, corpus.papers[hit->index], *hit, write::rank_of(results, *hit), info);
  }
  const auto parts = write::footer(info);
  out += "-- \n";
  if (!parts.inputs.empty()) out += "Inputs: " + one_line(parts.inputs) + "\n";
  if (!parts.rules.empty()) out += "Rules: " + one_line(parts.rules) + "\n";
  return out + "Made " + parts.generated + " by papersieve\n";
}

}  // namespace papersieve
