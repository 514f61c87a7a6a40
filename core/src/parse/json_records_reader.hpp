// Readers for the formats whose records come both as API responses (one JSON
// document) and as dataset dumps (JSON lines): Semantic Scholar, OpenAlex, ...
// Each format is a DocumentLayout: where its records sit in a document, and a
// mapper from one record object to a Paper.
#pragma once

#include <memory>

#include "parse/json_document_reader.hpp"
#include "parse/reader.hpp"

namespace papersieve::detail {

// One JSON object per line, each parsed into a DOM and handed to `map`.
std::unique_ptr<Reader> make_mapped_lines_reader(const SourceInfo& source, RecordSink& sink,
                                                 RecordMapper map);

// Reads JSON lines when the input starts like them (an object, then a line
// starting with '{', or one line longer than the first 64 KiB), else one
// document laid out as `layout` says. Lines stream in bounded memory.
std::unique_ptr<Reader> make_json_records_reader(const SourceInfo& source, RecordSink& sink,
                                                 DocumentLayout layout);

}  // namespace papersieve::detail
