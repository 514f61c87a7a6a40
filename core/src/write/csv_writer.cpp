// CSV output (RFC 4180): a header row, CRLF line ends, fields with a comma, a
// quote or a line break quoted, quotes doubled. Lists are joined with "; ",
// links with " ", extra as key=value pairs joined with "; " (docs/formats.md).
#include <cstdio>

#include "papersieve/write.hpp"

namespace papersieve {
namespace {

void field(std::string& out, std::string_view text, bool first = false) {
  if (!first) out.push_back(',');
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (std::size_t quote; (quote = text.find('"')) != std::string_view::npos;) {
    out.append(text.substr(0, quote + 1)).push_back('"');  // up to the quote, then it again
    text.remove_prefix(quote + 1);
  }
  out.append(text).push_back('"');
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

constexpr const char* kPaperColumns =
    "id,arxiv_id,version,title,short_name,authors,categories,published,upvotes,submitter,links,"
    "source,line,abstract,extra";

void paper_fields(std::string& out, const Paper& p) {
  std::string links;
  for (const auto& l : p.links) links += (links.empty() ? "" : " ") + l.url;
  field(out, p.id);
  field(out, p.arxiv_id);
  field(out, p.version > 0 ? std::to_string(p.version) : "");
  field(out, p.title);
  field(out, p.short_name);
  field(out, joined(p.authors, "; "));
  field(out, joined(p.categories, " "));
  field(out, p.published);
  field(out, p.upvotes ? std::to_string(*p.upvotes) : "");
  field(out, p.submitter);
  field(out, links);
  field(out, p.source.name);
  field(out, std::to_string(p.source.line));
  field(out, p.abstract);
  std::string extra;  // "key=value; key=value", keys in sorted order
  for (const auto& [key, value] : p.extra) extra += (extra.empty() ? "" : "; ") + key + "=" + value;
  field(out, extra);
}

}  // namespace

std::string papers_to_csv(const std::vector<Paper>& papers) {
  std::string out = std::string(kPaperColumns) + "\r\n";
  for (const auto& paper : papers) {
    std::string row;
    paper_fields(row, paper);
    out.append(row, 1, std::string::npos);  // drop the leading separator
    out += "\r\n";
  }
  return out;
}

std::string hits_to_csv(const Corpus& corpus, const Results& results) {
  std::string out = std::string("rank,score,rules,tags,") + kPaperColumns + "\r\n";
  std::size_t rank = 0;
  for (const auto& hit : results.hits) {
    field(out, std::to_string(++rank), true);
    field(out, number(hit.score));
    field(out, joined(hit.rules, "; "));
    field(out, joined(hit.tags, "; "));
    paper_fields(out, corpus.papers[hit.index]);
    out += "\r\n";
  }
  return out;
}

}  // namespace papersieve
