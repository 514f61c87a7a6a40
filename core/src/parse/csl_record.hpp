// Reader for CSL-JSON ("csl-json"): an array of CSL items, as Zotero, Better
// BibTeX, pandoc-citeproc and citation.js write them.
#pragma once

#include <memory>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

void map_csl_item(const rapidjson::Value& item, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_csl_json_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
