#include "parse/feed_fields.hpp"

#include <array>

#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

// Pieces of `text` between top-level `separator`s (outside parentheses), trimmed.
std::vector<std::string_view> split_outside_parens(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : separator;
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == separator && (depth == 0 || i == text.size())) {
      const std::string_view piece = trim_ascii(text.substr(start, i - start));
      if (!piece.empty()) pieces.push_back(piece);
      start = i + 1;
    }
  }
  return pieces;
}

// "J.", "A. B.", "J-P": initials as bioRxiv writes them after a surname.
bool is_initials(std::string_view text) {
  if (text.empty() || text.size() > 12) return false;
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || c == '.' || c == ' ' || c == '-')) return false;
  return text.front() >= 'A' && text.front() <= 'Z';
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "p", "/p", "br/", "div class=x": tags that separate words; inline ones
// (<i>, <sub>, <a href>) join the text around them.
bool is_block_tag(std::string_view tag) {
  if (starts_with(tag, "/")) tag.remove_prefix(1);
  const std::string_view name = tag.substr(0, tag.find_first_of(" \t\r\n/"));
  for (std::string_view block : {"p", "P", "br", "BR", "div", "li", "ul", "ol", "h1", "h2", "h3",
                                 "h4", "tr", "td", "table", "blockquote"})
    if (name == block) return true;
  return false;
}

}  // namespace

void split_authors_with_affiliations(std::string_view text, std::vector<std::string>& authors,
                                     std::string& affiliations) {
  for (std::string_view author : split_outside_parens(text, ',')) {
    if (starts_with(author, "and ")) author = trim_ascii(author.substr(4));
    const std::size_t open = author.find('(');
    const std::string_view name = trim_ascii(author.substr(0, open));
    if (name.empty()) continue;
    authors.emplace_back(name);
    if (open == std::string_view::npos) continue;
    std::string_view inside = author.substr(open + 1);
    if (!inside.empty() && inside.back() == ')') inside.remove_suffix(1);
    std::string line;
    for (std::string_view affiliation : split_outside_parens(inside, ','))
      line.append(line.empty() ? "" : "; ").append(affiliation);
    if (line.empty()) continue;
    affiliations.append(affiliations.empty() ? "" : "\n").append(name).append(": ").append(line);
  }
}

void split_feed_creators(std::string_view text, std::vector<std::string>& authors) {
  text = trim_ascii(text);
  if (text.find(';') != std::string_view::npos) {
    for (std::string_view name : split_outside_parens(text, ';')) authors.emplace_back(name);
    return;
  }
  const auto pieces = split_outside_parens(text, ',');
  bool surname_initials = pieces.size() % 2 == 0;
  for (std::size_t i = 1; i < pieces.size() && surname_initials; i += 2)
    surname_initials = is_initials(pieces[i]);
  if (!surname_initials) {
    for (std::string_view name : pieces)
      if (!starts_with(name, "and ")) {
        authors.emplace_back(name);
      } else if (name.size() > 4) {
        authors.emplace_back(trim_ascii(name.substr(4)));
      }
    return;
  }
  for (std::size_t i = 0; i + 1 < pieces.size(); i += 2)
    authors.push_back(std::string(pieces[i + 1]) + " " + std::string(pieces[i]));
}

std::string rss_author_name(std::string_view text) {
  text = trim_ascii(text);
  const std::size_t open = text.find(" (");
  if (open != std::string_view::npos && text.back() == ')' &&
      text.substr(0, open).find('@') != std::string_view::npos)
    return std::string(trim_ascii(text.substr(open + 2, text.size() - open - 3)));
  return std::string(text);
}

std::string_view doi_in(std::string_view text) {
  text = trim_ascii(text);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "info:doi/", "doi:", "DOI:", "doi: "}) {
    if (starts_with(text, prefix)) {
      text = trim_ascii(text.substr(prefix.size()));
      break;
    }
  }
  if (!starts_with(text, "10.") || text.find('/') == std::string_view::npos) return {};
  return text.substr(0, text.find_first_of(" \t\r\n"));
}

std::string strip_markup(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kEntities = {{
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&#39;", "'"},
      {"&apos;", "'"},
      {"&nbsp;", " "},
  }};
  const bool html = text.find("</") != std::string_view::npos ||
                    text.find("<br") != std::string_view::npos ||
                    text.find("<p>") != std::string_view::npos;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (html && text[i] == '<') {
      const std::size_t close = text.find('>', i);
      if (close == std::string_view::npos) break;
      if (is_block_tag(text.substr(i + 1, close - i - 1))) out.push_back(' ');
      i = close;
      continue;
    }
    bool entity = false;
    if (html && text[i] == '&') {
      for (const auto& [name, value] : kEntities) {
        if (text.substr(i, name.size()) != name) continue;
        out.append(value);
        i += name.size() - 1;
        entity = true;
        break;
      }
    }
    if (!entity) out.push_back(text[i]);
  }
  return std::string(trim_ascii(out));
}

bool set_arxiv_id_from_guid(Paper& paper, std::string_view guid) {
  guid = trim_ascii(guid);
  constexpr std::string_view kPrefix = "oai:arXiv.org:";
  if (!starts_with(guid, kPrefix)) return false;
  return set_arxiv_id(paper, guid.substr(kPrefix.size()));
}

}  // namespace papersieve::detail
