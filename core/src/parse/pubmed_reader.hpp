// Reader for PubMed XML: E-utilities efetch responses and MEDLINE/PubMed
// baseline and update files, <PubmedArticleSet> (format "pubmed").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_pubmed_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
