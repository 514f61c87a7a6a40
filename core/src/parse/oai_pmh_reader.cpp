// Each <record> of a ListRecords or GetRecord response is one record, except
// deleted ones (header status="deleted"), which are noted. The
// resumptionToken that pages a harvest is noted too, with the list size and
// cursor; an OAI-PMH <error> other than noRecordsMatch is a rejected record.
#include "parse/oai_pmh_reader.hpp"

#include "parse/field_lists.hpp"
#include "parse/oai_record.hpp"
#include "parse/xml_record_reader.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kOai = "http://www.openarchives.org/OAI/2.0/";
constexpr std::string_view kOaiDc = "http://www.openarchives.org/OAI/2.0/oai_dc/";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kArxiv = "http://arxiv.org/OAI/arXiv/";
constexpr std::string_view kArxivRaw = "http://arxiv.org/OAI/arXivRaw/";

class OaiPmhReader final : public XmlRecordReader {
 public:
  OaiPmhReader(const SourceInfo& source, RecordSink& sink)
      : XmlRecordReader(source, sink, "OAI-PMH response", "record") {}

 private:
  void element_start(const XmlName& name, const char** attributes) override {
    if (depth() == 1) return root(name);
    if (!oai_) return;
    if (depth() == 2) return response_element(name, attributes);
    if (depth() == 3 && name.local == "record" && ancestor(1) != "ListIdentifiers") {
      begin_record();
      return;
    }
    if (depth() == 3 && name.local == "resumptionToken") return token(attributes);
    if (in_record()) record_element(name, attributes);
  }

  void root(const XmlName& name) {
    oai_ = name.local == "OAI-PMH" && (name.ns == kOai || name.ns.empty());
    if (!oai_)
      emitter().reject(
          here(), "not an OAI-PMH response: the root element is <" + std::string(name.local) + ">");
  }

  void response_element(const XmlName& name, const char** attributes) {
    verb_ = std::string(name.local);
    if (name.local == "error") {
      error_code_ = std::string(xml_attribute(attributes, "code"));
      error_start_ = here();
      capture(error_text_);
    }
  }

  void token(const char** attributes) {
    token_start_ = here();
    token_size_ = std::string(xml_attribute(attributes, "completeListSize"));
    token_cursor_ = std::string(xml_attribute(attributes, "cursor"));
    has_token_ = true;
    capture(token_);
  }

  void record_element(const XmlName& name, const char** attributes) {
    const std::string_view parent = ancestor(1);
    if (depth() == 4 && name.local == "header")
      record_.deleted = xml_attribute(attributes, "status") == "deleted";
    if (parent == "header" && depth() == 5) {
      if (name.local == "identifier") return capture(record_.identifier);
      if (name.local == "datestamp") return capture(record_.datestamp);
    }
    if (depth() == 5 && parent == "metadata") return metadata_root(name);
    if (depth() >= 6) metadata_element(name, attributes);
  }

  void metadata_root(const XmlName& name) {
    record_.metadata_name = std::string(name.local);
    if (name.ns == kOaiDc && name.local == "dc")
      record_.metadata = OaiMetadata::dc;
    else if (name.ns == kArxiv && name.local == "arXiv")
      record_.metadata = OaiMetadata::arxiv;
    else if (name.ns == kArxivRaw && name.local == "arXivRaw")
      record_.metadata = OaiMetadata::arxiv_raw;
    else
      record_.metadata = OaiMetadata::unknown;
  }

  void metadata_element(const XmlName& name, const char** attributes) {
    switch (record_.metadata) {
      case OaiMetadata::dc:
        if (depth() == 6) dc_element(name);
        return;
      case OaiMetadata::arxiv:
      case OaiMetadata::arxiv_raw:
        if (name.ns == kArxiv || name.ns == kArxivRaw) arxiv_element(name.local, attributes);
        return;
      default: return;
    }
  }

  void dc_element(const XmlName& name) {
    if (name.ns != kDc) return;
    std::vector<std::string>* list = nullptr;
    const std::string_view local = name.local;
    if (local == "title") list = &record_.titles;
    if (local == "creator") list = &record_.creators;
    if (local == "description") list = &record_.descriptions;
    if (local == "date") list = &record_.dates;
    if (local == "identifier") list = &record_.identifiers;
    if (local == "subject") list = &record_.subjects;
    if (local == "rights") return capture(record_.rights);
    if (list == nullptr) return;
    list->emplace_back();
    capture(list->back());
  }

  void arxiv_element(std::string_view local, const char** attributes) {
    if (depth() == 6) {
      if (local == "version") {
        record_.versions.emplace_back(xml_attribute(attributes, "version"));
        return;
      }
      if (std::string* field = arxiv_field(local)) return capture(*field);
    }
    if (depth() == 7 && local == "author" && ancestor(1) == "authors") {
      record_.authors.emplace_back();
      return;
    }
    if (depth() == 7 && local == "date" && ancestor(1) == "version") {
      record_.version_dates.emplace_back();
      return capture(record_.version_dates.back());
    }
    if (depth() == 8 && ancestor(1) == "author" && !record_.authors.empty()) {
      OaiAuthor& author = record_.authors.back();
      if (local == "keyname") return capture(author.keyname);
      if (local == "forenames") return capture(author.forenames);
      if (local == "suffix") return capture(author.suffix);
      if (local == "affiliation") {
        author.affiliations.emplace_back();
        return capture(author.affiliations.back());
      }
    }
  }

  std::string* arxiv_field(std::string_view local) {
    if (local == "id") return &record_.id;
    if (local == "title") return &record_.title;
    if (local == "abstract") return &record_.abstract;
    if (local == "categories") return &record_.categories;
    if (local == "comments") return &record_.comments;
    if (local == "journal-ref") return &record_.journal_ref;
    if (local == "doi") return &record_.doi;
    if (local == "license") return &record_.license;
    if (local == "created") return &record_.created;
    if (local == "updated") return &record_.updated;
    if (local == "authors" && record_.metadata == OaiMetadata::arxiv_raw)
      return &record_.authors_tex;
    return nullptr;
  }

  void element_end(const XmlName&) override {
    if (depth() == 3 && in_record()) end_record();
  }

  void end_record() {
    ++records_;
    report_.clear();
    if (record_.deleted) {
      // A deletion is no paper; the note keeps it for a harvester.
      emitter().note(record_start(), "deleted record " + trimmed(record_.identifier) +
                                         " (datestamp " + trimmed(record_.datestamp) + ")");
      skip_record();
    } else {
      Paper paper;
      assemble_oai_paper(record_, paper, report_);
      emit(std::move(paper), report_);
    }
    record_.clear();
  }

  void document_end() override {
    if (!oai_) return;
    if (!error_code_.empty()) {
      const std::string what = "OAI-PMH error " + error_code_ + ": " + trimmed(error_text_);
      if (error_code_ == "noRecordsMatch")
        emitter().note(error_start_, what);
      else
        emitter().reject(error_start_, what);
    } else if (records_ == 0) {
      emitter().note(Position{1, 0}, "the " + verb_ + " response has no records");
    }
    if (has_token_ && !trim_ascii(token_).empty())
      emitter().note(token_start_,
                     "resumptionToken \"" + trimmed(token_) + "\" (completeListSize " +
                         (token_size_.empty() ? "unknown" : token_size_) + ", cursor " +
                         (token_cursor_.empty() ? "unknown" : token_cursor_) +
                         "): more records to harvest");
  }

  bool oai_ = false;
  std::string verb_;
  std::string error_code_, error_text_;
  Position error_start_;
  bool has_token_ = false;
  std::string token_, token_size_, token_cursor_;
  Position token_start_;
  std::size_t records_ = 0;
  OaiRecord record_;
  RecordReport report_;
};

}  // namespace

std::unique_ptr<Reader> make_oai_pmh_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<OaiPmhReader>(source, sink);
}

}  // namespace papersieve::detail
