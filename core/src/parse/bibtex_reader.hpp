#pragma once

#include <memory>
#include <string_view>

#include "parse/reader.hpp"

namespace papersieve::detail {

// "@type{" or "@type(" at the start of a line (after blanks): where an entry begins.
bool starts_bib_entry(std::string_view text);

std::unique_ptr<Reader> make_bibtex_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
