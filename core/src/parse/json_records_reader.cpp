#include "parse/json_records_reader.hpp"

#include <string>

#include "parse/json_lines_reader.hpp"
#include "parse/json_sniff.hpp"
#include "parse/json_support.hpp"

namespace papersieve::detail {
namespace {

class MappedLineParser final : public LineRecordParser {
 public:
  explicit MappedLineParser(RecordMapper map) : map_(map) {}

  void parse(char* line, std::size_t size, Paper& paper, RecordReport& report) override {
    rapidjson::Document document;  // a fresh one per line: its memory pool is released
    rapidjson::InsituStringStream stream(line);
    document.ParseStream<kJsonParseFlags>(stream);
    if (document.HasParseError()) {
      const rapidjson::ParseResult error(document.GetParseError(), document.GetErrorOffset());
      return reject_json_error(error, line, size, report);
    }
    if (check_parsed_to_end(stream.Tell(), size, report)) map_(document, paper, report);
  }

 private:
  RecordMapper map_;
};

// Holds the input's head until it shows which layout it has, then hands it
// and everything after it to the reader for that layout.
class JsonRecordsReader final : public Reader {
 public:
  static constexpr std::size_t kHeadBytes = 64 << 10;

  JsonRecordsReader(const SourceInfo& source, RecordSink& sink, DocumentLayout layout)
      : source_(source), sink_(sink), layout_(std::move(layout)) {}

  void feed(std::string_view chunk) override {
    if (reader_) return reader_->feed(chunk);
    head_.append(chunk);
    if (head_.size() >= kHeadBytes) start();
  }

  void finish() override {
    if (!reader_) start();
    reader_->finish();
  }

 private:
  void start() {
    if (json_lines_layout(head_)) {
      reader_ = make_mapped_lines_reader(source_, sink_, layout_.map);
    } else {
      reader_ = make_json_document_reader(source_, sink_, layout_);
    }
    std::string head;
    head.swap(head_);
    reader_->feed(head);
  }

  SourceInfo source_;
  RecordSink& sink_;
  DocumentLayout layout_;
  std::string head_;
  std::unique_ptr<Reader> reader_;
};

}  // namespace

std::unique_ptr<Reader> make_mapped_lines_reader(const SourceInfo& source, RecordSink& sink,
                                                 RecordMapper map) {
  return make_json_lines_reader(source, sink, std::make_unique<MappedLineParser>(map));
}

std::unique_ptr<Reader> make_json_records_reader(const SourceInfo& source, RecordSink& sink,
                                                 DocumentLayout layout) {
  return std::make_unique<JsonRecordsReader>(source, sink, std::move(layout));
}

}  // namespace papersieve::detail
