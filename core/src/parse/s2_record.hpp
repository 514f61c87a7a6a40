// Reader for Semantic Scholar ("semantic-scholar"): Graph API responses (camelCase
// keys) and the S2 datasets' `papers` JSON lines (lower-case keys).
#pragma once

#include <memory>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// Fills `paper` from one paper object of either spelling.
void map_s2_record(const rapidjson::Value& record, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_s2_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
