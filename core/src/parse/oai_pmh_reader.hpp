// Reader for OAI-PMH ListRecords and GetRecord responses with oai_dc, arXiv
// or arXivRaw metadata (format "oai-pmh").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_oai_pmh_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
