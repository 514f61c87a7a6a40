// Reader for the bioRxiv/medRxiv API ("biorxiv"): api.biorxiv.org/details/…
// and /pubs/… responses ({messages[…], collection[…]}), every value a string.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// "Smith, J.; van der Berg, A. B." -> {"J. Smith", "A. B. van der Berg"}.
void split_biorxiv_authors(std::string_view text, std::vector<std::string>& authors);

void map_biorxiv_record(const rapidjson::Value& record, Paper& paper, RecordReport& report);

std::unique_ptr<Reader> make_biorxiv_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
