#include "parse/json_lines_reader.hpp"

#include <string>

#include "parse/json_support.hpp"
#include "parse/line_splitter.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_blank(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

class JsonLinesReader final : public Reader {
 public:
  JsonLinesReader(const SourceInfo& source, RecordSink& sink,
                  std::unique_ptr<LineRecordParser> parser)
      : emitter_(source, sink), parser_(std::move(parser)), splitter_(source.max_record_bytes) {
    splitter_.start_at(source.first_line, source.first_offset);
  }

  void feed(std::string_view chunk) override {
    if (head_.size() < kBom.size()) head_.append(chunk.substr(0, kBom.size() - head_.size()));
    chunk_ = chunk;
    splitter_.feed(chunk, [this](const Line& line) { on_line(line); });
    chunk_ = {};
  }

  void finish() override {
    splitter_.finish([this](const Line& line) { on_line(line); });
    if (std::string note = parser_->finish_note(); !note.empty())
      emitter_.note(Position{1, 0}, std::move(note));
  }

 private:
  void on_line(const Line& line) {
    if (line.overlong)
      return emitter_.reject({line.number, line.offset},
                             overlong_line_message(line, splitter_.limit()));
    if (is_blank(line.text)) return;
    // The splitter drops a BOM from line 1; columns count from the line's first byte.
    const std::size_t skipped = line.number == 1 && head_ == kBom ? kBom.size() : 0;
    const Position start{line.number, line.offset};
    report_.clear();
    Paper paper;
    if (!(padded_in_chunk(line.text) && parser_->parse_in_place(line.text, paper, report_)))
      parser_->parse(copy_for_insitu(line.text, buffer_), line.text.size(), paper, report_);
    if (report_.rejected()) report_.column += skipped;
    emitter_.emit(std::move(paper), report_, start);
  }

  // The line lies in the chunk being fed, with the padding after it inside the chunk too.
  bool padded_in_chunk(std::string_view text) const {
    const char* end = chunk_.data() + chunk_.size();
    return text.data() >= chunk_.data() && text.data() <= end &&
           static_cast<std::size_t>(end - text.data()) >= text.size() + kJsonPadding;
  }

  RecordEmitter emitter_;
  std::unique_ptr<LineRecordParser> parser_;
  LineSplitter splitter_;
  std::string head_;  // the input's first bytes, to know whether line 1 had a BOM
  std::string buffer_;
  std::string_view chunk_;  // the chunk being fed, while it is
  RecordReport report_;
};

}  // namespace

std::unique_ptr<Reader> make_json_lines_reader(const SourceInfo& source, RecordSink& sink,
                                               std::unique_ptr<LineRecordParser> parser) {
  return std::make_unique<JsonLinesReader>(source, sink, std::move(parser));
}

}  // namespace papersieve::detail
