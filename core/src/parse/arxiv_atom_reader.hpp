// Reader for arXiv API responses, Atom XML (format "arxiv-atom").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_arxiv_atom_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
