// Generic paper records ("jsonl" lines and "json" documents): an object with
// title + abstract or summary, and optional authors, id, url/link/pdf,
// published/date and categories.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// Fills `paper` from one record; unusable records and ignored fields go to `report`.
void map_generic_record(const rapidjson::Value& record, Paper& paper, RecordReport& report);

// authors as records write them: ["A", "B"], [{"name": "A"}, ...] or "A, B and C".
void map_author_list(const rapidjson::Value& authors, std::vector<std::string>& names,
                     RecordReport& report);

// Format "jsonl": one generic record per line.
std::unique_ptr<Reader> make_jsonl_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
