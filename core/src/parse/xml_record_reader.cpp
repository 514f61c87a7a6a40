#include "parse/xml_record_reader.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

XmlRecordReader::XmlRecordReader(const SourceInfo& source, RecordSink& sink, std::string document,
                                 std::string record)
    : emitter_(source, sink),
      xml_(*this),
      document_(std::move(document)),
      record_(std::move(record)),
      max_record_bytes_(source.max_record_bytes) {}

void XmlRecordReader::feed(std::string_view chunk) {
  if (failed_) return;
  note_content(chunk);
  if (!xml_.feed(chunk)) fail();
}

void XmlRecordReader::finish() {
  if (failed_) return;
  if (!has_content_) return emitter_.note(Position{1, 0}, "empty input: no " + document_);
  if (!xml_.finish()) return fail();
  document_end();
}

std::string_view XmlRecordReader::ancestor(int up) const {
  const int at = depth() - 1 - up;
  return at >= 0 ? std::string_view(path_[static_cast<std::size_t>(at)]) : std::string_view();
}

void XmlRecordReader::capture(std::string& into) {
  capture_ = &into;
  capture_depth_ = depth();
}

void XmlRecordReader::begin_record() {
  in_record_ = true;
  oversized_ = false;
  record_bytes_ = 0;
  record_start_ = here();
}

void XmlRecordReader::emit(Paper&& paper, RecordReport& report) {
  in_record_ = false;
  if (oversized_)
    report.reject("record longer than max_record_bytes (" + std::to_string(max_record_bytes_) +
                  " bytes of text)");
  emitter_.emit(std::move(paper), report, record_start_);
}

Position XmlRecordReader::here() const {
  const XmlPosition at = xml_.position();
  return Position{at.line, at.offset};
}

void XmlRecordReader::start(const XmlName& name, const char** attributes) {
  path_.emplace_back(name.local);
  element_start(name, attributes);
}

void XmlRecordReader::end(const XmlName& name) {
  element_end(name);
  if (capture_ != nullptr && depth() == capture_depth_) capture_ = nullptr;
  path_.pop_back();
}

void XmlRecordReader::text(std::string_view data) {
  if (capture_ == nullptr) return;
  if (in_record_) {
    record_bytes_ += data.size();
    if (record_bytes_ > max_record_bytes_) {
      oversized_ = true;
      return;
    }
  } else if (capture_->size() + data.size() > max_record_bytes_) {
    return;  // text outside records (a channel title, a token) is only ever short
  }
  capture_->append(data);
}

// Expat calls empty input malformed; it is only empty.
void XmlRecordReader::note_content(std::string_view chunk) {
  for (std::size_t i = 0; i < chunk.size() && !has_content_; ++i) {
    const std::uint64_t at = fed_ + i;
    const bool bom = at < kBom.size() && chunk[i] == kBom[at];
    has_content_ = !bom && !is_space(chunk[i]);
  }
  fed_ += chunk.size();
}

// Malformed XML ends the reading: the record it cuts, or else the rest of
// the input, is one rejected record at the error.
void XmlRecordReader::fail() {
  failed_ = true;
  const XmlPosition at = xml_.error_position();
  const std::string what = in_record_ ? record_ + " cut by an XML error: " : "XML error: ";
  emitter_.reject(Position{at.line, at.offset}, what + xml_.error() + "; reading stopped here");
}

}  // namespace papersieve::detail
