#include "parse/format_detect.hpp"

#include <string>

#include "parse/field_lists.hpp"
#include "parse/hf_text_lines.hpp"
#include "parse/key_value_lines.hpp"
#include "parse/line_splitter.hpp"
#include "parse/mailing_record.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// What the lines of the head show.
struct LineCounts {
  int mailing_records = 0;  // "\\" then "arXiv:ID"
  int mailing_trailers = 0;
  int kv_titles = 0;  // "Title:" outside mailing records
  int kv_keys = 0;    // Summary/Abstract/PDF/URL/Link/Authors outside mailing records
  int kv_blocks = 0;  // a "---" line followed by a "Key:" line
  int hf_marks = 0;   // the page's "Subscribe" button and boilerplate
  int hf_lines = 0;   // its per-paper lines: "Submitted by", "N authors · date", paper URLs
};

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

}  // namespace

void score_xml(std::string_view head, std::vector<FormatCandidate>& out) {
  if (head.substr(0, 5) != "<?xml" && head.substr(0, 5) != "<feed" && head.substr(0, 4) != "<!--")
    return;
  // XML alone is no evidence of Atom: a PubMed or OAI-PMH response is XML too.
  const bool feed = contains(head, "<feed");
  const bool atom = contains(head, "http://www.w3.org/2005/Atom");
  if (!feed && !atom) return;
  out.push_back(
      {Format::arxiv_atom, 60 + (feed ? 30 : 0) + (atom ? 10 : 0),
       std::string("XML") + (feed ? ", a <feed>" : "") + (atom ? ", the Atom namespace" : "")});
}

void score_text(std::string_view head, std::vector<FormatCandidate>& out) {
  LineSplitter splitter;
  LineScanner scanner;
  const auto on_line = [&scanner](const Line& line) { scanner.line(line.text); };
  splitter.feed(head, on_line);
  splitter.finish(on_line);
  score_mailing(scanner.counts, out);
  score_kv(scanner.counts, out);
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
