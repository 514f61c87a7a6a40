#include "parse/json_document_reader.hpp"

#include <memory>
#include <string>
#include <vector>

#include "papersieve/error.hpp"
#include "parse/generic_record.hpp"
#include "parse/json_outline.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

class JsonDocumentReader final : public Reader {
 public:
  JsonDocumentReader(const SourceInfo& source, RecordSink& sink, DocumentLayout layout,
                     FinishNote finish_note, std::size_t max_bytes)
      : emitter_(source, sink),
        format_(format_name(source.format)),
        layout_(std::move(layout)),
        finish_note_(std::move(finish_note)),
        max_bytes_(max_bytes) {}

  void feed(std::string_view chunk) override {
    if (chunk.size() > max_bytes_ - buffer_.size()) {
      throw Error(Status::limit,
                  "the " + format_ + " reader holds a whole document in memory, " +
                      "and this one is larger than the limit of " + std::to_string(max_bytes_) +
                      " bytes (max_document_bytes); split it or convert it " + "to JSON lines");
    }
    buffer_.append(chunk);
  }

  void finish() override {
    base_ = buffer_.compare(0, kBom.size(), kBom) == 0 ? kBom.size() : 0;
    // JSON text never holds a NUL byte; RapidJSON would take one for the end.
    const std::size_t nul = buffer_.find('\0', base_);
    const std::size_t size = (nul == std::string::npos ? buffer_.size() : nul) - base_;
    buffer_.append(1 + kJsonPadding, '\0');
    const std::string_view text(buffer_.data() + base_, size);
    if (is_blank(text) && nul == std::string::npos) {
      emitter_.note(Position{1, 0}, "empty input: no JSON document, no records");
      return;
    }
    read(text, nul != std::string::npos);
    if (finish_note_)
      if (std::string note = finish_note_(); !note.empty())
        emitter_.note(Position{1, 0}, std::move(note));
  }

 private:
  void read(std::string_view text, bool cut_at_nul) {
    const JsonOutline outline = outline_json(text, layout_.item_keys, layout_.record_keys);
    RecordReport stop;  // why reading ends early, if it does
    const bool ends_at_nul = cut_at_nul && outline.error.Offset() >= text.size();
    if (outline.error.IsError() && !ends_at_nul) {
      reject_json_error(outline.error, text.data(), text.size(), stop);
    } else if (cut_at_nul) {
      stop.reject("NUL byte in the document (JSON text cannot contain one)", text.size());
    }
    // Lines are counted first: parsing in situ turns "\n" escapes into line breaks.
    LineCounter lines(buffer_);
    std::vector<Position> starts;
    for (const Span& item : outline.items) starts.push_back(position(lines, item.begin));
    const Position stop_at = position(lines, stop.column);
    std::size_t nulls = 0;
    for (std::size_t i = 0; i < starts.size(); ++i) {
      if (!layout_.null_items.empty() && is_null(outline.items[i])) {
        ++nulls;
        continue;
      }
      read_item(outline.items[i], starts[i]);
    }
    if (nulls > 0) {
      emitter_.note(starts.front(), std::to_string(nulls) + " null item" + (nulls == 1 ? "" : "s") +
                                        std::string(layout_.null_items));
    }
    // A syntax error ends the document: what follows it cannot be told apart.
    if (stop.rejected()) emitter_.reject(stop_at, stop.rejection + "; reading stopped here");
  }

  Position position(LineCounter& lines, std::size_t in_text) const {
    const std::size_t offset = base_ + in_text;
    return Position{lines.line_at(offset), offset};
  }

  bool is_null(const Span& item) const {
    return std::string_view(buffer_.data() + base_ + item.begin, item.end - item.begin) == "null";
  }

  // The span is a complete JSON value: it is parsed in situ, NUL-terminated in place.
  void read_item(const Span& item, Position start) {
    char* text = buffer_.data() + base_;
    const char saved = text[item.end];
    text[item.end] = '\0';
    rapidjson::Document document;
    document.ParseInsitu<kJsonParseFlags>(text + item.begin);
    Paper paper;
    RecordReport report;
    if (document.HasParseError()) {  // the outline pass saw it parse; kept honest anyway
      report.reject(json_error_message(document.GetParseError()), document.GetErrorOffset());
    } else {
      layout_.map(document, paper, report);
    }
    text[item.end] = saved;
    emitter_.emit(std::move(paper), report, start);
  }

  RecordEmitter emitter_;
  std::string format_;
  DocumentLayout layout_;
  FinishNote finish_note_;
  std::size_t max_bytes_;
  std::string buffer_;
  std::size_t base_ = 0;  // 3 when the document starts with a UTF-8 BOM
};

}  // namespace

std::unique_ptr<Reader> make_json_document_reader(const SourceInfo& source, RecordSink& sink,
                                                  DocumentLayout layout, FinishNote finish_note) {
  return std::make_unique<JsonDocumentReader>(source, sink, std::move(layout),
                                              std::move(finish_note), source.max_document_bytes);
}

std::unique_ptr<Reader> make_json_reader(const SourceInfo& source, RecordSink& sink) {
  auto check = std::make_shared<AbstractCheck>();
  DocumentLayout layout;
  layout.item_keys = {"papers",     "items",   "results",      "data",
                      "collection", "records", "message.items"};
  layout.map = [check](const rapidjson::Value& record, Paper& paper, RecordReport& report) {
    map_generic_record(record, paper, report);
    check->record(record, paper, report);
  };
  return make_json_document_reader(source, sink, std::move(layout),
                                   [check] { return check->note(); });
}

}  // namespace papersieve::detail
