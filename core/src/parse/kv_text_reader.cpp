// Blocks of "Key: value" lines, as digest scripts write them, separated by
// lines of three or more '-'. A line that is not "Key: value" continues the
// value before it (titles and summaries wrap). A second Title in a block
// starts a new record, so blocks separated by blank lines only read too.
#include "parse/kv_text_reader.hpp"

#include <string>

#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/key_value_lines.hpp"
#include "parse/line_splitter.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

bool is_block_separator(std::string_view text) {
  text = trim_ascii(text);
  return text.size() >= 3 && text.find_first_not_of('-') == std::string_view::npos;
}

void map_link(std::string_view url, Paper& paper) {
  add_link(paper, url, classify_link(url));
  if (paper.arxiv_id.empty()) {
    if (auto ref = arxiv_ref_from_url(url)) {
      paper.arxiv_id = ref->id;
      paper.version = ref->version;
    }
  }
}

bool looks_like_url(std::string_view piece) {
  return piece.find("://") != std::string_view::npos || piece.rfind("www.", 0) == 0;
}

// A PDF/URL/Link value, wrapped onto continuation lines or not: each whitespace-separated
// piece that is a URL is a link (a URL holds no whitespace); any other text of the value is
// kept in `extra` under the key, and noted.
void map_links(const std::string& key, std::string_view value, Paper& paper, RecordReport& report) {
  std::string other;
  while (!value.empty()) {
    const std::size_t start = value.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) break;
    value.remove_prefix(start);
    const std::string_view piece = value.substr(0, value.find_first_of(" \t\r\n"));
    value.remove_prefix(piece.size());
    if (looks_like_url(piece)) {
      map_link(piece, paper);
    } else {
      other += (other.empty() ? "" : " ") + std::string(piece);
    }
  }
  if (other.empty()) return;
  report.note(key + " value has text that is no URL (kept in extra): \"" + utf8_excerpt(other, 80) +
              "\"");
  add_extra(paper, key, other);
}

void map_date(std::string_view text, Paper& paper, RecordReport& report) {
  paper.published = iso_date_from_any(text);
  if (paper.published.empty()) report.note("Date \"" + utf8_excerpt(text, 40) + "\" is not a date");
}

// Keys are compared in extra_key() form: lower case, '_' for spaces and '-'.
void map_field(const Field& f, Paper& paper, RecordReport& report) {
  const std::string& k = f.key;
  if (k == "title") {
    paper.title = f.value;
  } else if (k == "summary" || k == "abstract") {
    paper.abstract = f.value;
  } else if (k == "authors" || k == "author") {
    split_author_list(f.value, paper.authors);
  } else if (k == "pdf" || k == "url" || k == "link") {
    map_links(k, f.value, paper, report);
  } else if (k == "date" || k == "published") {
    map_date(f.value, paper, report);
  } else if (k == "categories") {
    split_categories(f.value, paper.categories);
  } else if (k == "arxiv" || k == "arxiv_id") {
    if (!set_arxiv_id(paper, f.value)) add_extra(paper, k, f.value);
  } else {
    add_extra(paper, k, f.value);
  }
}

class KvTextReader final : public Reader {
 public:
  KvTextReader(const SourceInfo& source, RecordSink& sink)
      : emitter_(source, sink), splitter_(source.max_record_bytes) {}

  void feed(std::string_view chunk) override {
    splitter_.feed(chunk, [this](const Line& line) { on_line(line); });
  }

  void finish() override {
    splitter_.finish([this](const Line& line) { on_line(line); });
    end_block();
  }

 private:
  void on_line(const Line& line) {
    const Position where{line.number, line.offset};
    if (line.overlong)
      return emitter_.reject(where, overlong_line_message(line, splitter_.limit()));
    if (is_block_separator(line.text)) return end_block();
    if (is_blank_line(line.text)) return;
    if (!in_block_) start_block(where);
    const auto kv = split_key_value(line.text);
    if (kv && extra_key(kv->key) == "title" && fields_.find("title") != nullptr) {
      end_block();  // a missing separator
      start_block(where);
    }
    block_bytes_ += line.text.size() + 1;
    if (block_bytes_ > splitter_.limit()) return;  // rejected at its end, never held whole
    if (kv) {
      fields_.add(kv->key, kv->value, where);
    } else if (!fields_.continue_last(line.text)) {
      stray_ = true;  // text before any key: no field to join it to
    }
  }

  void start_block(Position where) {
    in_block_ = true;
    start_ = where;
  }

  void end_block() {
    if (!in_block_) return;
    in_block_ = false;
    Paper paper;
    if (block_bytes_ > splitter_.limit())
      report_.reject(oversize_record_message(splitter_.limit()));
    block_bytes_ = 0;
    for (const auto& field : fields_.fields()) map_field(field, paper, report_);
    if (stray_) report_.note("text before the block's first \"Key:\" line skipped");
    if (trim_ascii(paper.title).empty())
      report_.reject(fields_.empty() ? "block without any \"Key: value\" line"
                                     : "block without a Title");
    emitter_.emit(std::move(paper), report_, start_);
    fields_.clear();
    report_.clear();
    stray_ = false;
  }

  RecordEmitter emitter_;
  LineSplitter splitter_;
  FieldBlock fields_;
  RecordReport report_;
  Position start_;
  bool in_block_ = false;
  bool stray_ = false;
  std::size_t block_bytes_ = 0;  // of the lines of the current block
};

}  // namespace

std::unique_ptr<Reader> make_kv_text_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<KvTextReader>(source, sink);
}

}  // namespace papersieve::detail
