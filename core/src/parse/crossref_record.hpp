// Reader for Crossref's REST API ("crossref"): /works/{doi} (`message` is the
// work) and work lists (`message.items[]`), and JSON lines of work objects.
#pragma once

#include <memory>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

void map_crossref_work(const rapidjson::Value& work, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_crossref_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
