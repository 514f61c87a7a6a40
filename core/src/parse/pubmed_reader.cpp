// Each <PubmedArticle> or <PubmedBookArticle> of the <PubmedArticleSet> is
// one record; a <DeleteCitation> (update files) is a note naming the PMIDs
// it deletes. Elements are recognised by their parent, so the PMIDs and
// ArticleIds of cited references and comments are never the article's. A
// baseline file is one long line: the XML stream reads it by element.
#include "parse/pubmed_reader.hpp"

#include "parse/field_lists.hpp"
#include "parse/pubmed_article.hpp"
#include "parse/xml_record_reader.hpp"

namespace papersieve::detail {
namespace {

class PubmedReader final : public XmlRecordReader {
 public:
  PubmedReader(const SourceInfo& source, RecordSink& sink)
      : XmlRecordReader(source, sink, "PubmedArticleSet", "article") {}

 private:
  void element_start(const XmlName& name, const char** attributes) override {
    const std::string_view local = name.local;
    if (depth() == 1) return root(local);
    if (!set_) return;
    if (depth() == 2) return top_level(local);
    if (in_delete_ && local == "PMID") {
      deleted_.emplace_back();
      return capture(deleted_.back());
    }
    if (in_record()) article_element(local, attributes);
  }

  void root(std::string_view local) {
    set_ = local == "PubmedArticleSet" || local == "PubmedBookArticleSet";
    if (!set_)
      emitter().reject(here(), "not PubMed XML: the root element is <" + std::string(local) +
                                   ">, not <PubmedArticleSet>");
  }

  void top_level(std::string_view local) {
    if (local == "PubmedArticle" || local == "PubmedBookArticle") {
      begin_record();
      ++articles_;
    } else if (local == "DeleteCitation") {
      in_delete_ = true;
      delete_start_ = here();
    }
  }

  void article_element(std::string_view local, const char** attributes) {
    const std::string_view parent = ancestor(1);
    const bool in_work = parent == "Article" || parent == "BookDocument";
    if (local == "PMID" && (parent == "MedlineCitation" || parent == "BookDocument"))
      return capture(article_.pmid);
    if (local == "ArticleTitle" && in_work) return capture(article_.title);
    if ((local == "VernacularTitle" && in_work) || (local == "BookTitle" && parent == "Book"))
      return capture(article_.vernacular_title);
    if (local == "AbstractText" && parent == "Abstract" &&
        (ancestor(2) == "Article" || ancestor(2) == "BookDocument")) {
      article_.abstract.emplace_back(xml_attribute(attributes, "Label"), std::string());
      return capture(article_.abstract.back().second);
    }
    if (local == "AuthorList" && in_work) editors_ = xml_attribute(attributes, "Type") == "editors";
    if (local == "Author" && parent == "AuthorList" && !editors_) {
      article_.authors.emplace_back();
      in_author_ = true;
      return;
    }
    if (in_author_) return author_element(local, parent);
    if (local == "ELocationID" && in_work) return id(xml_attribute(attributes, "EIdType"));
    if (local == "ArticleId" && parent == "ArticleIdList" &&
        (ancestor(2) == "PubmedData" || ancestor(2) == "PubmedBookData"))
      return id(xml_attribute(attributes, "IdType"));
    if (local == "Title" && parent == "Journal") return capture(article_.journal);
    if (local == "ISOAbbreviation" && parent == "Journal")
      return capture(article_.journal_abbreviation);
    if (parent == "PubDate") return date_part(local, article_.pub_date);
    if (parent == "ArticleDate") return date_part(local, article_.article_date);
    if (local == "DescriptorName" && parent == "MeshHeading") {
      article_.mesh.emplace_back();
      return capture(article_.mesh.back());
    }
    if (local == "PublicationType") return capture(publication_type_);
    if (local == "CommentsCorrections" && xml_attribute(attributes, "RefType") == "RetractionIn")
      article_.retracted = true;
  }

  void author_element(std::string_view local, std::string_view parent) {
    PubmedAuthor& author = article_.authors.back();
    if (parent == "AffiliationInfo" && local == "Affiliation") {
      author.affiliations.emplace_back();
      return capture(author.affiliations.back());
    }
    if (parent != "Author") return;
    if (local == "LastName") return capture(author.last);
    if (local == "ForeName") return capture(author.fore);
    if (local == "Initials") return capture(author.initials);
    if (local == "Suffix") return capture(author.suffix);
    if (local == "CollectiveName") return capture(author.collective);
  }

  void id(std::string_view type) {
    article_.ids.emplace_back(std::string(type), std::string());
    capture(article_.ids.back().second);
  }

  void date_part(std::string_view local, PubmedDate& date) {
    if (local == "Year") return capture(date.year);
    if (local == "Month" || local == "Season") return capture(date.month);
    if (local == "Day") return capture(date.day);
    if (local == "MedlineDate") return capture(date.medline);
  }

  void element_end(const XmlName& name) override {
    const std::string_view local = name.local;
    if (in_author_ && local == "Author" && ancestor(1) == "AuthorList") in_author_ = false;
    if (local == "AuthorList") editors_ = false;
    if (local == "PublicationType" && in_record()) {
      if (trim_ascii(publication_type_) == "Retracted Publication") article_.retracted = true;
      publication_type_.clear();
    }
    if (depth() != 2) return;
    if (in_record()) end_article();
    if (in_delete_) end_delete();
  }

  void end_article() {
    report_.clear();
    Paper paper;
    assemble_pubmed_paper(article_, paper, report_);
    emit(std::move(paper), report_);
    article_.clear();
    in_author_ = editors_ = false;
  }

  // Deleted citations are no papers: the note names each PMID so nothing is lost.
  void end_delete() {
    in_delete_ = false;
    std::string pmids;
    for (const auto& pmid : deleted_)
      pmids.append(pmids.empty() ? "" : " ").append(trim_ascii(pmid));
    emitter().note(delete_start_, "<DeleteCitation> deletes " + std::to_string(deleted_.size()) +
                                      " PubMed record(s): PMID " + pmids);
    deleted_.clear();
  }

  void document_end() override {
    if (set_ && articles_ == 0 && delete_start_.offset == 0)
      emitter().note(Position{1, 0}, "the PubmedArticleSet has no articles");
  }

  bool set_ = false;
  bool in_author_ = false;
  bool editors_ = false;
  bool in_delete_ = false;
  std::size_t articles_ = 0;
  Position delete_start_;
  std::vector<std::string> deleted_;
  std::string publication_type_;
  PubmedArticle article_;
  RecordReport report_;
};

}  // namespace

std::unique_ptr<Reader> make_pubmed_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<PubmedReader>(source, sink);
}

}  // namespace papersieve::detail
