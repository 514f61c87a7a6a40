// One OAI-PMH <record>: its header and the metadata in oai_dc, arXiv or
// arXivRaw, collected while parsing, and their assembly into a Paper
// (docs/formats.md, "oai-pmh").
#pragma once

#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/arxiv_record.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

enum class OaiMetadata { none, dc, arxiv, arxiv_raw, unknown };

struct OaiAuthor {
  std::string keyname, forenames, suffix;
  std::vector<std::string> affiliations;
};

struct OaiRecord {
  std::string identifier, datestamp;  // header
  bool deleted = false;
  OaiMetadata metadata = OaiMetadata::none;
  std::string metadata_name;  // the metadata element, for messages
  // oai_dc
  std::vector<std::string> titles, creators, descriptions, dates, identifiers, subjects;
  std::string rights;
  // arXiv and arXivRaw
  std::string id, title, abstract, categories, comments, journal_ref, doi, license;
  std::string created, updated;       // arXiv
  std::vector<OaiAuthor> authors;     // arXiv
  std::string authors_tex;            // arXivRaw
  std::vector<std::string> versions;  // arXivRaw: "v1", "v2" ...
  std::vector<std::string> version_dates;

  void clear() { *this = OaiRecord{}; }
};

// Fills the Paper from a record that is not deleted; a record without
// metadata, in an unknown metadata format or without a title is rejected.
void assemble_oai_paper(OaiRecord& record, Paper& paper, RecordReport& report);

}  // namespace papersieve::detail
