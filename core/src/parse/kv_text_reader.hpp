// Reader for "Key: value" blocks separated by "---" lines (format "kv-text").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_kv_text_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
