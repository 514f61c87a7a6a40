// Reader for Zotero JSON ("zotero-json"): Better BibTeX / Zotero exports
// ({config, collections, items[…]}), and Zotero web API item lists, whose
// items wrap their fields in `data`.
#pragma once

#include <memory>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

void map_zotero_item(const rapidjson::Value& item, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_zotero_json_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
