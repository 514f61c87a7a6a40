// Each RSS <item> (in <channel> for RSS 2.0, beside it for RSS 1.0) or Atom
// <entry> is one record. Elements are matched by namespace and local name, so
// any prefix works; texts are kept raw (expat decoded the entities).
#include "parse/feed_reader.hpp"

#include "parse/feed_item.hpp"
#include "parse/field_lists.hpp"
#include "parse/xml_record_reader.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRss1 = "http://purl.org/rss/1.0/";
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kArxiv = "http://arxiv.org/schemas/atom";
constexpr std::string_view kPrism = "http://prismstandard.org/namespaces/";  // any version

// An element of the feed vocabulary itself: RSS 2.0 (no namespace), RSS 1.0 or Atom.
bool is_core(const XmlName& name, std::string_view local) {
  return name.local == local && (name.ns.empty() || name.ns == kRss1 || name.ns == kAtom);
}
bool is_in(const XmlName& name, std::string_view ns, std::string_view local) {
  return name.local == local && name.ns == ns;
}
bool is_prism(const XmlName& name, std::string_view local) {
  return name.local == local && name.ns.substr(0, kPrism.size()) == kPrism;
}

using Assemble = void (*)(FeedItem&, const FeedChannel&, Paper&, RecordReport&);

class FeedReader final : public XmlRecordReader {
 public:
  FeedReader(const SourceInfo& source, RecordSink& sink, Assemble assemble, bool arxiv)
      : XmlRecordReader(source, sink, "RSS or Atom feed", "item"),
        assemble_(assemble),
        arxiv_(arxiv) {}

 private:
  void element_start(const XmlName& name, const char** attributes) override {
    if (depth() == 1) return root(name);
    if (!feed_) return;
    if (in_record()) return item_element(name, attributes);
    if (is_core(name, "item") || (atom_ && depth() == 2 && is_core(name, "entry"))) {
      begin_record();
      item_depth_ = depth();
      return;
    }
    channel_element(name);
  }

  void root(const XmlName& name) {
    atom_ = is_core(name, "feed");
    feed_ = atom_ || is_core(name, "rss") || is_in(name, kRdf, "RDF");
    if (!feed_)
      emitter().reject(
          here(), "not an RSS or Atom feed: the root element is <" + std::string(name.local) + ">");
  }

  // <channel> children (RSS) or <feed> children (Atom).
  void channel_element(const XmlName& name) {
    const bool header = atom_ ? depth() == 2 : depth() == 3 && ancestor(1) == "channel";
    if (!header) return;
    if (is_core(name, "title")) return capture(channel_.title);
    if (is_core(name, "description") || is_core(name, "subtitle"))
      return capture(channel_.description);
    if (is_core(name, "pubDate")) return capture(channel_pub_date_);
    if (is_core(name, "lastBuildDate")) return capture(channel_build_date_);
    if (is_core(name, "updated") || is_in(name, kDc, "date")) return capture(channel_updated_);
  }

  void item_element(const XmlName& name, const char** attributes) {
    if (depth() == item_depth_ + 2 && ancestor(1) == "author" && is_core(name, "name"))
      return capture(item_.authors.back());
    if (depth() != item_depth_ + 1) return;
    if (is_core(name, "author")) {
      item_.authors.emplace_back();
      if (!atom_) capture(item_.authors.back());  // RSS 2.0: "mail (Name)" as text
      return;
    }
    if (is_core(name, "link")) return link(attributes);
    if (is_core(name, "category")) {
      item_.categories.emplace_back(xml_attribute(attributes, "term"));
      if (item_.categories.back().empty()) capture(item_.categories.back());
      return;
    }
    if (std::string* field = item_field(name)) return capture(*field);
    if (std::vector<std::string>* list = item_list(name)) {
      list->emplace_back();
      capture(list->back());
    }
  }

  std::string* item_field(const XmlName& name) {
    if (is_core(name, "title")) return &item_.title;
    if (is_core(name, "description") || is_core(name, "summary")) return &item_.description;
    if (is_core(name, "content") || is_in(name, kContent, "encoded")) return &item_.content;
    if (is_core(name, "guid") || is_core(name, "id")) return &item_.guid;
    if (is_core(name, "pubDate")) return &item_.pub_date;
    if (is_core(name, "published")) return &item_.published;
    if (is_core(name, "updated")) return &item_.updated;
    if (is_core(name, "rights") || is_in(name, kDc, "rights")) return &item_.rights;
    if (is_in(name, kDc, "description")) return &item_.dc_description;
    if (is_in(name, kDc, "date")) return &item_.dc_date;
    if (is_prism(name, "publicationDate") || is_prism(name, "coverDate")) return &item_.prism_date;
    if (is_prism(name, "doi")) return &item_.prism_doi;
    if (is_prism(name, "publicationName") || is_in(name, kDc, "source")) return &item_.journal;
    if (is_in(name, kArxiv, "announce_type")) return &item_.announce_type;
    if (is_in(name, kArxiv, "DOI") || is_in(name, kArxiv, "doi")) return &item_.arxiv_doi;
    if (is_in(name, kArxiv, "journal_reference") || is_in(name, kArxiv, "journal_ref"))
      return &item_.journal_ref;
    return nullptr;
  }

  std::vector<std::string>* item_list(const XmlName& name) {
    if (is_in(name, kDc, "creator")) return &item_.creators;
    if (is_in(name, kDc, "identifier")) return &item_.identifiers;
    if (is_in(name, kDc, "subject")) return &item_.categories;
    return nullptr;
  }

  // RSS: the link is the element's text; Atom: an href, rel="alternate" by default.
  void link(const char** attributes) {
    const std::string_view href = xml_attribute(attributes, "href");
    if (href.empty()) {
      if (item_.link.empty()) capture(item_.link);
      return;
    }
    const std::string_view rel = xml_attribute(attributes, "rel");
    if ((rel.empty() || rel == "alternate") && item_.link.empty()) {
      item_.link = std::string(href);
    } else {
      item_.links.emplace_back(href);
    }
  }

  void element_end(const XmlName&) override {
    if (in_record() && depth() == item_depth_) end_item();
  }

  void end_item() {
    ++items_;
    channel_.date = !channel_pub_date_.empty()     ? channel_pub_date_
                    : !channel_build_date_.empty() ? channel_build_date_
                                                   : channel_updated_;
    report_.clear();
    Paper paper;
    assemble_(item_, channel_, paper, report_);
    emit(std::move(paper), report_);
    item_.clear();
  }

  void document_end() override {
    if (!feed_) return;
    if (arxiv_ && trimmed(channel_.title).rfind("Feed error for query", 0) == 0) {
      // rss.arxiv.org answers a bad category with an empty feed so titled.
      const std::string why = trimmed(channel_.description);
      emitter().reject(Position{1, 0}, "arXiv feed error: " + trimmed(channel_.title) +
                                           (why.empty() ? "" : " (" + why + ")"));
    } else if (items_ == 0) {
      emitter().note(Position{1, 0}, "the feed has no items");
    }
  }

  Assemble assemble_;
  bool arxiv_;
  bool feed_ = false;
  bool atom_ = false;
  int item_depth_ = 0;
  std::size_t items_ = 0;
  FeedChannel channel_;
  std::string channel_pub_date_, channel_build_date_, channel_updated_;
  FeedItem item_;
  RecordReport report_;
};

}  // namespace

std::unique_ptr<Reader> make_arxiv_rss_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<FeedReader>(source, sink, &assemble_arxiv_rss_paper, true);
}

std::unique_ptr<Reader> make_feed_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<FeedReader>(source, sink, &assemble_feed_paper, false);
}

}  // namespace papersieve::detail
