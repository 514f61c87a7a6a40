// Reader for OpenAlex works ("openalex"): API responses ({meta, results[…]} and
// single works) and the snapshot's JSON lines.
#pragma once

#include <memory>
#include <string>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// {"Deep": [0], "learning": [1, 4]} -> "Deep learning … learning": words in
// position order (a position listed twice keeps its first word).
std::string text_from_inverted_index(const rapidjson::Value& index);

void map_openalex_work(const rapidjson::Value& work, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_openalex_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
