// Reader for the arXiv metadata snapshot, one JSON object per line ("arxiv-jsonl").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_arxiv_jsonl_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
