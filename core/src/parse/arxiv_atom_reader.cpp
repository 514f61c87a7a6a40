// Each <entry> of the <feed> is one record. Legacy responses declare the
// namespaces on each element and current ones on the root: expat resolves
// both to the same (URI, name) pairs. Element text is kept raw; expat has
// decoded the entities, normalization cleans TeX and wraps.
#include "parse/arxiv_atom_reader.hpp"

#include <string>

#include "parse/atom_entry.hpp"
#include "parse/xml_stream.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
constexpr std::string_view kArxiv = "http://arxiv.org/schemas/atom";

bool is_atom(const XmlName& name, std::string_view local) {
  return name.local == local && (name.ns == kAtom || name.ns.empty());
}
bool is_arxiv(const XmlName& name, std::string_view local) {
  return name.local == local && name.ns == kArxiv;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class ArxivAtomReader final : public Reader, private XmlHandler {
 public:
  ArxivAtomReader(const SourceInfo& source, RecordSink& sink)
      : emitter_(source, sink), xml_(*this) {}

  void feed(std::string_view chunk) override {
    if (failed_) return;
    note_content(chunk);
    if (!xml_.feed(chunk)) fail();
  }

  void finish() override {
    if (failed_) return;
    if (!has_content_) return emitter_.note(Position{1, 0}, "empty input: no Atom feed");
    if (!xml_.finish()) return fail();
    if (entries_ == 0) {
      emitter_.note(Position{1, 0}, "the feed has no entries (totalResults: " +
                                        (total_.empty() ? std::string("absent") : total_) + ")");
    }
  }

 private:
  void start(const XmlName& name, const char** attributes) override {
    ++depth_;
    if (depth_ == 1 && !is_atom(name, "feed"))
      emitter_.note(here(), "root element <" + std::string(name.local) + "> is no Atom <feed>");
    if (depth_ == 2 && is_atom(name, "entry")) {
      in_entry_ = true;
      entry_start_ = here();
    } else if (depth_ == 2 && name.local == "totalResults") {
      capture_ = &total_;
    } else if (in_entry_) {
      entry_element(name, attributes);
    }
  }

  void entry_element(const XmlName& name, const char** attributes) {
    if (depth_ == 4 && in_author_ && is_atom(name, "name")) {
      entry_.authors.emplace_back();
      capture_ = &entry_.authors.back();
    }
    if (depth_ != 3) return;
    if (is_atom(name, "author")) in_author_ = true;
    if (is_atom(name, "category"))
      entry_.categories.emplace_back(xml_attribute(attributes, "term"));
    if (is_arxiv(name, "primary_category"))
      entry_.primary_category = xml_attribute(attributes, "term");
    if (is_atom(name, "link")) link(attributes);
    capture_ = text_field(name);
  }

  std::string* text_field(const XmlName& name) {
    if (is_atom(name, "id")) return &entry_.id;
    if (is_atom(name, "title")) return &entry_.title;
    if (is_atom(name, "summary")) return &entry_.summary;
    if (is_atom(name, "published")) return &entry_.published;
    if (is_atom(name, "updated")) return &entry_.updated;
    if (is_arxiv(name, "doi")) return &entry_.doi;
    if (is_arxiv(name, "comment")) return &entry_.comment;
    if (is_arxiv(name, "journal_ref")) return &entry_.journal_ref;
    return nullptr;
  }

  void link(const char** attributes) {
    const std::string_view href = xml_attribute(attributes, "href");
    const bool paper =
        is_paper_link(xml_attribute(attributes, "rel"), xml_attribute(attributes, "title"));
    if (!href.empty())
      entry_.links.push_back(Link{std::string(href), paper ? LinkKind::paper : LinkKind::other});
  }

  void end(const XmlName& name) override {
    capture_ = nullptr;
    if (depth_ == 3 && is_atom(name, "author")) in_author_ = false;
    if (depth_ == 2 && in_entry_) end_entry();
    --depth_;
  }

  void text(std::string_view data) override {
    if (capture_ != nullptr) capture_->append(data);
  }

  void end_entry() {
    in_entry_ = false;
    ++entries_;
    report_.clear();
    Paper paper;
    if (is_api_error(entry_)) {
      report_.reject("arXiv API error: " + std::string(entry_.summary));
    } else {
      assemble_atom_paper(entry_, paper, report_);
    }
    emitter_.emit(std::move(paper), report_, entry_start_);
    entry_.clear();
  }

  // Expat calls empty input malformed; it is only empty.
  void note_content(std::string_view chunk) {
    for (std::size_t i = 0; i < chunk.size() && !has_content_; ++i) {
      const std::uint64_t at = fed_ + i;
      const bool bom = at < kBom.size() && chunk[i] == kBom[at];
      has_content_ = !bom && !is_space(chunk[i]);
    }
    fed_ += chunk.size();
  }

  // Malformed XML ends the reading: the entry it cuts, or else the rest of
  // the feed, is one rejected record at the error.
  void fail() {
    failed_ = true;
    const XmlPosition at = xml_.error_position();
    const std::string what = in_entry_ ? "entry cut by an XML error: " : "XML error: ";
    emitter_.reject(Position{at.line, at.offset}, what + xml_.error() + "; reading stopped here");
  }

  Position here() const {
    const XmlPosition at = xml_.position();
    return Position{at.line, at.offset};
  }

  RecordEmitter emitter_;
  XmlStream xml_;
  RecordReport report_;
  AtomEntry entry_;
  Position entry_start_;
  std::string total_;
  std::string* capture_ = nullptr;
  int depth_ = 0;
  bool in_entry_ = false;
  bool in_author_ = false;
  bool has_content_ = false;
  bool failed_ = false;
  std::size_t entries_ = 0;
  std::uint64_t fed_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_arxiv_atom_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<ArxivAtomReader>(source, sink);
}

}  // namespace papersieve::detail
