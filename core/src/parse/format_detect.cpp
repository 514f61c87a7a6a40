#include "parse/format_detect.hpp"

#include <string>

#include "parse/bibtex_reader.hpp"
#include "parse/field_lists.hpp"
#include "parse/hf_text_lines.hpp"
#include "parse/key_value_lines.hpp"
#include "parse/line_splitter.hpp"
#include "parse/mailing_record.hpp"
#include "parse/raw_paper.hpp"
#include "parse/ris_record.hpp"

namespace papersieve::detail {
namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// What the lines of the head show.
struct LineCounts {
  int mailing_records = 0;  // "\\" then "arXiv:ID"
  int mailing_trailers = 0;
  int kv_titles = 0;    // "Title:" outside mailing records
  int kv_keys = 0;      // Summary/Abstract/PDF/URL/Link/Authors outside mailing records
  int kv_blocks = 0;    // a "---" line followed by a "Key:" line
  int hf_marks = 0;     // the page's "Subscribe" button and boilerplate
  int hf_lines = 0;     // its per-paper lines: "Submitted by", "N authors · date", paper URLs
  int bib_entries = 0;  // "@type{" at the start of a line
  int bib_fields = 0;   // "name = {" / "name = \"" lines
  int ris_starts = 0;   // "TY  - " lines
  int ris_tags = 0;     // other "XX  - " lines
  int ris_ends = 0;     // "ER  - " lines
};

// "  title = {" or "year = 2020,": a BibTeX field line.
bool is_bib_field_line(std::string_view trimmed) {
  const std::size_t eq = trimmed.find('=');
  if (eq == 0 || eq == std::string_view::npos || eq > 40) return false;
  const std::string_view name = trim_ascii(trimmed.substr(0, eq));
  if (name.empty() || name.find_first_of(" \t\"{}") != std::string_view::npos) return false;
  const std::string_view value = trim_ascii(trimmed.substr(eq + 1));
  return !value.empty() && (value.front() == '{' || value.front() == '"' ||
                            (value.front() >= '0' && value.front() <= '9'));
}

bool is_kv_separator(std::string_view text) {
  return text.size() >= 3 && text.find_first_not_of('-') == std::string_view::npos;
}

// A per-paper line of a Hugging Face page that plain text seldom has (a bare number or date
// is no evidence: any text can hold one).
bool is_hf_paper_line(std::string_view trimmed) {
  if (trimmed.size() > 200) return false;
  const auto meta = parse_hf_metadata(trimmed);
  if (!meta) return false;
  return !meta->submitter.empty() || meta->submitter_follows || !meta->arxiv_id.empty() ||
         contains(trimmed, "author") || trimmed.substr(0, 12) == "Published on";
}

class LineScanner {
 public:
  void line(std::string_view text) {
    const std::string_view trimmed = trim_ascii(text);
    if (previous_open_ && parse_mailing_id_line(text)) {
      ++counts.mailing_records;
      in_mailing_record_ = true;  // its "Title:" is no kv-text evidence
    } else if (trimmed == "\\\\") {
      in_mailing_record_ = false;
    } else if (parse_mailing_trailer(text)) {
      ++counts.mailing_trailers;
    }
    if (!in_mailing_record_) key_line(text, trimmed);
    if (is_hf_boilerplate(trimmed) || strip_glued_subscribe(trimmed)) ++counts.hf_marks;
    reference_line(text, trimmed);
    if (is_hf_paper_line(trimmed)) ++counts.hf_lines;
    previous_open_ = trimmed == "\\\\";
    if (!trimmed.empty()) previous_separator_ = is_kv_separator(trimmed);
  }

  LineCounts counts;

 private:
  void key_line(std::string_view text, std::string_view trimmed) {
    const auto kv = split_key_value(text);
    if (!kv) return;
    const std::string key = extra_key(kv->key);
    if (key == "title") ++counts.kv_titles;
    for (const char* known : {"summary", "abstract", "pdf", "url", "link", "authors"})
      if (key == known) ++counts.kv_keys;
    if (previous_separator_ && !trimmed.empty()) ++counts.kv_blocks;
  }

  void reference_line(std::string_view text, std::string_view trimmed) {
    if (starts_bib_entry(text)) ++counts.bib_entries;
    if (is_bib_field_line(trimmed)) ++counts.bib_fields;
    if (const auto tag = split_ris_tag(text)) {
      if (tag->tag == "TY") {
        ++counts.ris_starts;
      } else if (tag->tag == "ER") {
        ++counts.ris_ends;
      } else {
        ++counts.ris_tags;
      }
    }
  }

  bool previous_open_ = false;
  bool previous_separator_ = false;
  bool in_mailing_record_ = false;
};

int capped(int score) { return score > 100 ? 100 : score; }

void score_mailing(const LineCounts& c, std::vector<FormatCandidate>& out) {
  if (c.mailing_records == 0) return;
  out.push_back({Format::arxiv_mailing, capped(40 * c.mailing_records + 20 * c.mailing_trailers),
                 std::to_string(c.mailing_records) + " \"\\\\\" + \"arXiv:\" records, " +
                     std::to_string(c.mailing_trailers) + " \"\\\\ (URL)\" trailers"});
}

void score_kv(const LineCounts& c, std::vector<FormatCandidate>& out) {
  if (c.kv_titles == 0) return;
  const int score = 30 + (c.kv_keys > 0 ? 25 : 0) + (c.kv_blocks > 0 ? 25 : 0) +
                    (c.kv_titles > 4 ? 20 : 5 * c.kv_titles);
  out.push_back({Format::kv_text, capped(score),
                 std::to_string(c.kv_titles) + " \"Title:\" lines, " + std::to_string(c.kv_keys) +
                     " other known keys, " + std::to_string(c.kv_blocks) + " \"---\" blocks"});
}

// Entries at line starts are the evidence; field lines add to it.
void score_bibtex(const LineCounts& c, std::vector<FormatCandidate>& out) {
  if (c.bib_entries == 0) return;
  const int entries = c.bib_entries > 3 ? 3 : c.bib_entries;
  out.push_back({Format::bibtex, capped(40 + 20 * entries + (c.bib_fields > 0 ? 10 : 0)),
                 std::to_string(c.bib_entries) + " \"@type{\" entries, " +
                     std::to_string(c.bib_fields) + " \"name = value\" lines"});
}

// "TY  - " lines open records; other tags and "ER  - " lines add to the evidence.
void score_ris(const LineCounts& c, std::vector<FormatCandidate>& out) {
  if (c.ris_starts == 0) return;
  const int starts = c.ris_starts > 2 ? 2 : c.ris_starts;
  out.push_back({Format::ris,
                 capped(40 + 20 * starts + (c.ris_tags > 0 ? 10 : 0) + (c.ris_ends > 0 ? 10 : 0)),
                 std::to_string(c.ris_starts) + " \"TY  - \" lines, " + std::to_string(c.ris_tags) +
                     " other tags, " + std::to_string(c.ris_ends) + " \"ER  - \" lines"});
}

void score_arxiv_rss(std::string_view root, std::vector<FormatCandidate>& out) {
  out.push_back({Format::arxiv_rss, 95,
                 "a <" + std::string(root) + "> feed with rss.arxiv.org marks (announce types)"});
  out.push_back({Format::feed, 50, "a <" + std::string(root) + "> feed"});
}

// Skips "<?...?>", "<!--...-->" and "<!DOCTYPE ...>" (with an internal subset).
bool skip_prolog_item(std::string_view& s) {
  std::string_view close;
  if (s.substr(0, 2) == "<?")
    close = "?>";
  else if (s.substr(0, 4) == "<!--")
    close = "-->";
  else if (s.substr(0, 2) == "<!")
    close = s.find('[') < s.find('>') ? "]>" : ">";
  else
    return false;
  const std::size_t end = s.find(close);
  s = end == std::string_view::npos ? std::string_view() : s.substr(end + close.size());
  return true;
}

}  // namespace

std::string_view xml_root_name(std::string_view head) {
  std::string_view s = head;
  do {
    s = trim_ascii(s);
  } while (skip_prolog_item(s));
  if (s.size() < 2 || s.front() != '<') return {};
  s.remove_prefix(1);
  return s.substr(0, s.find_first_of(" \t\r\n/>"));
}

void score_xml(std::string_view head, std::vector<FormatCandidate>& out) {
  if (head.substr(0, 1) != "<") return;
  const std::string_view root = xml_root_name(head);
  const std::string_view local =
      root.substr(root.find(':') == std::string_view::npos ? 0 : root.find(':') + 1);
  if (local == "PubmedArticleSet" || local == "PubmedBookArticleSet")
    return out.push_back({Format::pubmed, 100, "XML, a <" + std::string(local) + ">"});
  if (local == "OAI-PMH")
    return out.push_back({Format::oai_pmh, 100, "XML, an <OAI-PMH> response"});
  // rss.arxiv.org's items carry announce types and OAI identifiers; the API's
  // Atom has opensearch counts and abs-page ids.
  const bool arxiv_feed = contains(head, "announce_type") || contains(head, "rss.arxiv.org") ||
                          contains(head, "oai:arXiv.org:");
  const bool arxiv_api = contains(head, "arxiv.org/api") || contains(head, "opensearch") ||
                         contains(head, "http://arxiv.org/schemas/atom") ||
                         contains(head, "<id>http://arxiv.org/abs/");
  if (local == "rss" || local == "RDF") {
    if (arxiv_feed) return score_arxiv_rss(local, out);
    return out.push_back({Format::feed, 90, "XML, an RSS <" + std::string(local) + "> feed"});
  }
  if (local == "feed") {
    if (arxiv_feed) return score_arxiv_rss(local, out);
    if (arxiv_api) {
      out.push_back({Format::arxiv_atom, 95, "an Atom <feed> with arXiv API marks"});
      return out.push_back({Format::feed, 50, "an Atom <feed>"});
    }
    out.push_back({Format::feed, 90, "an Atom <feed> without arXiv marks"});
    return out.push_back({Format::arxiv_atom, 50, "an Atom <feed>"});
  }
  // Other XML is no evidence of a format (docs/formats.md, "Detection"), unless it holds the
  // Atom namespace.
  if (head.substr(0, 5) != "<?xml" && head.substr(0, 4) != "<!--") return;
  if (contains(head, "http://www.w3.org/2005/Atom"))
    out.push_back({Format::arxiv_atom, 70, "XML, the Atom namespace"});
}

void score_text(std::string_view head, std::vector<FormatCandidate>& out) {
  LineSplitter splitter;
  LineScanner scanner;
  const auto on_line = [&scanner](const Line& line) { scanner.line(line.text); };
  splitter.feed(head, on_line);
  splitter.finish(on_line);
  score_mailing(scanner.counts, out);
  score_kv(scanner.counts, out);
  score_bibtex(scanner.counts, out);
  score_ris(scanner.counts, out);
  // hf-text only on its own evidence: plain text that no reader recognizes is refused, not
  // turned into title/abstract pairs.
  const LineCounts& c = scanner.counts;
  if (c.hf_marks > 0)
    out.push_back(
        {Format::hf_text, 80, std::to_string(c.hf_marks) + " Hugging Face page header lines"});
  else if (c.hf_lines >= 2)
    out.push_back({Format::hf_text, 60,
                   std::to_string(c.hf_lines) + " Hugging Face paper lines (Submitted by, "
                                                "N authors, paper URLs)"});
}

}  // namespace papersieve::detail
