// Reader for text copied from a Hugging Face Papers page (format "hf-text").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_hf_text_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
