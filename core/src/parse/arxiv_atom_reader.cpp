// Each <entry> of the <feed> is one record. Legacy responses declare the
// namespaces on each element and current ones on the root: expat resolves
// both to the same (URI, name) pairs. Element text is kept raw; expat has
// decoded the entities, normalization cleans TeX and wraps.
#include "parse/arxiv_atom_reader.hpp"

#include <string>

#include "parse/atom_entry.hpp"
#include "parse/xml_record_reader.hpp"

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

class ArxivAtomReader final : public XmlRecordReader {
 public:
  ArxivAtomReader(const SourceInfo& source, RecordSink& sink)
      : XmlRecordReader(source, sink, "Atom feed", "entry") {}

 private:
  void element_start(const XmlName& name, const char** attributes) override {
    if (depth() == 1 && !is_atom(name, "feed"))
      emitter().note(here(), "root element <" + std::string(name.local) + "> is no Atom <feed>");
    if (depth() == 2 && is_atom(name, "entry")) {
      begin_record();
    } else if (depth() == 2 && name.local == "totalResults") {
      capture(total_);
    } else if (in_record()) {
      entry_element(name, attributes);
    }
  }

  void entry_element(const XmlName& name, const char** attributes) {
    if (depth() == 4 && ancestor(1) == "author" && is_atom(name, "name")) {
      entry_.authors.emplace_back();
      return capture(entry_.authors.back());
    }
    if (depth() != 3) return;
    if (is_atom(name, "category"))
      entry_.categories.emplace_back(xml_attribute(attributes, "term"));
    if (is_arxiv(name, "primary_category"))
      entry_.primary_category = xml_attribute(attributes, "term");
    if (is_atom(name, "link")) link(attributes);
    if (std::string* field = text_field(name)) capture(*field);
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

  void element_end(const XmlName&) override {
    if (depth() == 2 && in_record()) end_entry();
  }

  void end_entry() {
    ++entries_;
    report_.clear();
    Paper paper;
    if (is_api_error(entry_)) {
      report_.reject("arXiv API error: " + std::string(entry_.summary));
    } else {
      assemble_atom_paper(entry_, paper, report_);
    }
    emit(std::move(paper), report_);
    entry_.clear();
  }

  void document_end() override {
    if (entries_ > 0) return;
    emitter().note(Position{1, 0}, "the feed has no entries (totalResults: " +
                                       (total_.empty() ? std::string("absent") : total_) + ")");
  }

  RecordReport report_;
  AtomEntry entry_;
  std::string total_;
  std::size_t entries_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_arxiv_atom_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<ArxivAtomReader>(source, sink);
}

}  // namespace papersieve::detail
