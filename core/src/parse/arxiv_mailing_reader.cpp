// A mailing is header noise, then records: a "\\" line, the "arXiv:ID" line,
// "Key: value" fields (wrapped values continue on indented lines), a "\\"
// line, the abstract, and a "\\ ( URL , size)" trailer. Replacements may skip
// the abstract; listings have none. Lines of "%-%-" and "%%--%%" open the
// cross-list and replacement sections.
#include "parse/arxiv_mailing_reader.hpp"

#include <string>

#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/key_value_lines.hpp"
#include "parse/line_splitter.hpp"
#include "parse/mailing_record.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

enum class Section { fresh, cross_list, replaced };

bool is_record_open(std::string_view text) { return trim_ascii(text) == "\\\\"; }

// The announcement type as arXiv's feeds name it (docs/formats.md, "extra"), from the
// section and the record's own markers.
std::string announce_type(const Paper& paper) {
  const bool cross = paper.extra.count("cross_list") != 0;
  if (paper.extra.count("replaced") != 0) return cross ? "replace-cross" : "replace";
  return cross ? "cross" : "new";
}

// A long run of '-' between records, or a section marker.
bool is_separator(std::string_view text) {
  return text.size() >= 20 && text.find_first_not_of("-%") == std::string_view::npos;
}

std::optional<Section> section_marker(std::string_view text) {
  if (text.substr(0, 6) == "%-%-%-") return Section::cross_list;
  if (text.substr(0, 6) == "%%--%%") return Section::replaced;
  return std::nullopt;
}

class ArxivMailingReader final : public Reader {
 public:
  ArxivMailingReader(const SourceInfo& source, RecordSink& sink)
      : emitter_(source, sink), splitter_(source.max_record_bytes) {}

  void feed(std::string_view chunk) override {
    splitter_.feed(chunk, [this](const Line& line) { on_line(line); });
  }

  void finish() override {
    splitter_.finish([this](const Line& line) { on_line(line); });
    if (state_ == State::abstract) report_.note("record ends without its \"\\\\ (URL)\" trailer");
    if (state_ == State::fields || state_ == State::abstract) emit();
    if (records_ == 0) emitter_.note(Position{1, 0}, "no \"\\\\\" + \"arXiv:\" records found");
  }

 private:
  enum class State { outside, opened, fields, abstract };

  void on_line(const Line& line) {
    if (line.overlong)
      return emitter_.reject({line.number, line.offset},
                             overlong_line_message(line, splitter_.limit()));
    if (state_ == State::fields || state_ == State::abstract) record_bytes_ += line.text.size() + 1;
    switch (state_) {
      case State::outside: return outside(line);
      case State::opened: return opened(line);
      case State::fields: return field_line(line);
      case State::abstract: return abstract_line(line);
    }
  }

  void outside(const Line& line) {
    if (auto section = section_marker(line.text)) section_ = *section;
    if (is_record_open(line.text)) state_ = State::opened;
  }

  void opened(const Line& line) {
    const auto id = parse_mailing_id_line(line.text);
    if (!id) {
      state_ = State::outside;  // a stray "\\": noise
      return outside(line);
    }
    start_ = Position{line.number, line.offset};
    if (!set_arxiv_id(paper_, id->id))
      report_.note("\"" + utf8_excerpt(id->id, 40) + "\" is no arXiv id");
    if (id->cross_listing || section_ == Section::cross_list) paper_.extra["cross_list"] = "true";
    if (section_ == Section::replaced) paper_.extra["replaced"] = "true";
    state_ = State::fields;
  }

  void field_line(const Line& line) {
    const std::string_view text = line.text;
    if (is_blank_line(text)) return;
    if (is_record_open(text)) {
      state_ = State::abstract;
    } else if (auto url = parse_mailing_trailer(text)) {
      end_record(*url);
    } else if (is_separator(text)) {
      end_record({});
      outside(line);
    } else if (record_bytes_ > splitter_.limit()) {
      return;  // rejected at its end, never held whole
    } else if (auto date = parse_replaced_line(text)) {
      paper_.extra["replaced"] = "true";
      add_extra(paper_, "updated", iso_date_from_rfc2822(*date));
    } else if (is_continuation(text)) {
      if (!fields_.continue_last(text)) report_.note("indented line before any field skipped");
    } else if (auto kv = split_key_value(text)) {
      fields_.add(kv->key, kv->value, Position{line.number, line.offset});
    } else {
      report_.note("line " + std::to_string(line.number) + " is no \"Key: value\" field, skipped");
    }
  }

  void abstract_line(const Line& line) {
    if (auto url = parse_mailing_trailer(line.text)) return end_record(*url);
    if (is_separator(line.text) || is_record_open(line.text)) {
      report_.note("record ends without its \"\\\\ (URL)\" trailer");
      end_record({});
      return outside(line);
    }
    if (record_bytes_ <= splitter_.limit()) paper_.abstract.append(line.text).push_back('\n');
  }

  void end_record(std::string_view url) {
    add_link(paper_, url, LinkKind::paper);
    emit();
  }

  void emit() {
    if (record_bytes_ > splitter_.limit())
      report_.reject(oversize_record_message(splitter_.limit()));
    record_bytes_ = 0;
    map_mailing_fields(fields_, paper_, report_);
    paper_.extra["announce_type"] = announce_type(paper_);
    if (!paper_.arxiv_id.empty())
      add_link(paper_, "https://arxiv.org/abs/" + paper_.arxiv_id, LinkKind::paper);
    emitter_.emit(std::move(paper_), report_, start_);
    ++records_;
    paper_ = Paper{};
    fields_.clear();
    report_.clear();
    state_ = State::outside;
  }

  RecordEmitter emitter_;
  LineSplitter splitter_;
  State state_ = State::outside;
  Section section_ = Section::fresh;
  Paper paper_;
  FieldBlock fields_;
  RecordReport report_;
  Position start_;
  std::size_t records_ = 0;
  std::size_t record_bytes_ = 0;  // of the lines of the current record
};

}  // namespace

std::unique_ptr<Reader> make_arxiv_mailing_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<ArxivMailingReader>(source, sink);
}

}  // namespace papersieve::detail
