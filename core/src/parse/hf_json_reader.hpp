// Reader for the Hugging Face papers API ("hf-json"): /api/daily_papers and
// search responses (arrays of items, each wrapping a `paper` or being one) and
// single papers (/api/papers/{id}).
#pragma once

#include <memory>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// Fills `paper` from one item or paper object.
void map_hf_item(const rapidjson::Value& item, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_hf_json_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
