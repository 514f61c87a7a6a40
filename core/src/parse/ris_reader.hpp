#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_ris_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
