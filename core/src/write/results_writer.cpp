// Filtered output: JSON lines of papers with their hit, and the Markdown digest.
#include <cstdio>

#include "papersieve/write.hpp"
#include "write/highlight.hpp"
#include "write/json_paper.hpp"

namespace papersieve {
namespace {

void write_hit_members(write::JsonWriter& w, const Hit& hit) {
  w.Key("score");
  w.Double(hit.score);
  if (hit.updated) {  // only with a seen-state: a newer version of a paper shown before
    w.Key("updated");
    w.Bool(true);
  }
  w.Key("rules");
  w.StartArray();
  for (const auto& rule : hit.rules) write::put(w, rule);
  w.EndArray();
  w.Key("tags");
  w.StartArray();
  for (const auto& tag : hit.tags) write::put(w, tag);
  w.EndArray();
  w.Key("spans");
  w.StartArray();
  for (const auto& span : hit.spans) {
    w.StartObject();
    w.Key("field");
    write::put(w, match_field_name(span.field));
    w.Key("start");
    w.Uint(span.start);
    w.Key("end");
    w.Uint(span.end);
    w.EndObject();
  }
  w.EndArray();
}

// Backslash-escapes what Markdown would read as markup.
std::string md_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The field's text, escaped, with the hit's spans in bold.
std::string highlighted(const std::string& text, const Hit& hit, MatchField field) {
  std::string out;
  for (const auto& segment : write::segments(text, hit, field)) {
    out += segment.matched ? "**" + md_escape(segment.text) + "**" : md_escape(segment.text);
  }
  return out;
}

void markdown_entry(std::string& out, const Paper& paper, const Hit& hit, std::size_t rank) {
  const std::string title = highlighted(paper.title, hit, MatchField::title);
  const std::string url = write::paper_url(paper);
  char score[32];
  std::snprintf(score, sizeof score, "%g", hit.score);
  out += "### " + std::to_string(rank) + ". " +
         (url.empty() ? title : "[" + title + "](" + url + ")") + "\n\n";
  std::string meta;
  if (!paper.authors.empty()) {
    std::string names;
    for (const auto& a : paper.authors) names += (names.empty() ? "" : ", ") + a;
    meta += "*" + md_escape(names) + "*";
  }
  if (!paper.published.empty()) meta += (meta.empty() ? "" : " · ") + paper.published;
  for (const auto& link : paper.links) {
    if (link.kind == LinkKind::code || link.kind == LinkKind::project ||
        link.kind == LinkKind::data)
      meta += (meta.empty() ? "" : " · ") + std::string("[") +
              std::string(link_kind_name(link.kind)) + "](" + link.url + ")";
  }
  if (!meta.empty()) out += meta + "\n\n";
  if (!paper.abstract.empty())
    out += highlighted(paper.abstract, hit, MatchField::abstract) + "\n\n";
  std::string why;
  for (const auto& rule : hit.rules) why += (why.empty() ? "" : ", ") + md_escape(rule);
  out += "Score " + std::string(score) + " · matched: " + why + "\n\n";
}

}  // namespace

std::string hits_to_jsonl(const Corpus& corpus, const Results& results) {
  std::string out;
  rapidjson::StringBuffer buffer;
  for (const auto& hit : results.hits) {
    buffer.Clear();
    write::JsonWriter w(buffer);
    w.StartObject();
    write::write_paper_members(w, corpus.papers[hit.index]);
    write_hit_members(w, hit);
    w.EndObject();
    out.append(buffer.GetString(), buffer.GetSize());
    out.push_back('\n');
  }
  return out;
}

std::string hits_to_markdown(const Corpus& corpus, const Results& results, std::string_view title) {
  std::string out = "# " + md_escape(title) + "\n\n" + write::counts_line(corpus, results) + "\n\n";
  std::size_t rank = 0;
  for (const auto& group : write::digest_groups(results)) {
    out += "## " + md_escape(group.name) + "\n\n";
    for (const Hit* hit : group.hits) markdown_entry(out, corpus.papers[hit->index], *hit, ++rank);
  }
  return out;
}

}  // namespace papersieve
