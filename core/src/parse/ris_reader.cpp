// RIS files: records from a "TY  - " line to an "ER  - " line, one "XX  - value"
// tag per line; a line that is no tag continues the value before it. Text
// between records (numbering such as "1.") is skipped (docs/formats.md, "Input: ris").
#include "parse/ris_reader.hpp"

#include <string>
#include <vector>

#include "parse/field_lists.hpp"
#include "parse/line_splitter.hpp"
#include "parse/ris_record.hpp"

namespace papersieve::detail {
namespace {

// "1.", "12", "[3]": the numbering some exports put between records.
bool is_numbering(std::string_view text) {
  text = trim_ascii(text);
  if (!text.empty() && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (!text.empty() && (text.back() == '.' || text.back() == ')')) text.remove_suffix(1);
  return !text.empty() && text.size() <= 8 &&
         text.find_first_not_of("0123456789") == std::string_view::npos;
}

class RisReader final : public Reader {
 public:
  RisReader(const SourceInfo& source, RecordSink& sink)
      : emitter_(source, sink), splitter_(source.max_record_bytes) {}

  void feed(std::string_view chunk) override {
    splitter_.feed(chunk, [this](const Line& line) { on_line(line); });
  }

  void finish() override {
    splitter_.finish([this](const Line& line) { on_line(line); });
    if (in_record_)
      end_record("record not closed by an \"ER  - \" line before the end of the input");
    if (skipped_ > 0) {
      emitter_.note(
          first_skipped_,
          std::to_string(skipped_) + " line(s) outside TY ... ER records skipped (the first here)");
    }
    if (records_ == 0) emitter_.note(Position{1, 0}, "no RIS \"TY  - \" records found");
  }

 private:
  void on_line(const Line& line) {
    const Position where{line.number, line.offset};
    if (line.overlong) {
      if (in_record_)
        oversize_ = true;
      else
        emitter_.reject(where, overlong_line_message(line, splitter_.limit()));
      return;
    }
    const auto tag = split_ris_tag(line.text);
    if (!tag) return other_line(line.text, where);
    if (tag->tag == "TY") {
      if (in_record_) end_record("record not closed by an \"ER  - \" line before the next TY");
      start_record(where);
    } else if (tag->tag == "ER") {
      if (!in_record_)
        return emitter_.note(where, "\"ER\" line without a record (no \"TY\" before it)");
      return end_record({});
    } else if (!in_record_) {
      start_record(where);
      report_.note("record without a \"TY  - \" line");
    }
    add(tag->tag, tag->value, line.text.size());
  }

  void other_line(std::string_view text, Position where) {
    if (trim_ascii(text).empty()) return;
    if (in_record_ && !fields_.empty()) return add_continuation(text);
    if (is_numbering(text)) return;
    if (skipped_++ == 0) first_skipped_ = where;
  }

  void start_record(Position where) {
    in_record_ = true;
    start_ = where;
    ++records_;
  }

  void add(std::string_view tag, std::string_view value, std::size_t line_bytes) {
    if (!grow(line_bytes)) return;
    fields_.push_back(RisField{std::string(tag), std::string(value)});
  }

  void add_continuation(std::string_view text) {
    if (!grow(text.size())) return;
    std::string& value = fields_.back().value;
    if (!value.empty()) value.push_back('\n');
    value.append(trim_ascii(text));
  }

  // False once the record is longer than max_record_bytes: it is rejected at its end.
  bool grow(std::size_t line_bytes) {
    bytes_ += line_bytes + 1;
    if (bytes_ > splitter_.limit()) oversize_ = true;
    return !oversize_;
  }

  void end_record(const std::string& unclosed) {
    in_record_ = false;
    if (!unclosed.empty()) report_.note(unclosed);
    if (oversize_) report_.reject(oversize_record_message(splitter_.limit()));
    Paper paper = paper_from_ris(fields_, report_);
    emitter_.emit(std::move(paper), report_, start_);
    fields_.clear();
    report_.clear();
    bytes_ = 0;
    oversize_ = false;
  }

  RecordEmitter emitter_;
  LineSplitter splitter_;
  std::vector<RisField> fields_;
  RecordReport report_;
  Position start_;
  bool in_record_ = false;
  bool oversize_ = false;
  std::size_t bytes_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t skipped_ = 0;
  Position first_skipped_;
};

}  // namespace

std::unique_ptr<Reader> make_ris_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<RisReader>(source, sink);
}

}  // namespace papersieve::detail
