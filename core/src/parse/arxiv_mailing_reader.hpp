// Reader for arXiv daily mailings and listings (format "arxiv-mailing").
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_arxiv_mailing_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
