// Readers for RSS 2.0, RSS 1.0 (RDF) and Atom feeds: "arxiv-rss" (the feeds of
// rss.arxiv.org) and "feed" (any other feed of papers).
#pragma once

#include <memory>

#include "parse/reader.hpp"

namespace papersieve::detail {

std::unique_ptr<Reader> make_arxiv_rss_reader(const SourceInfo& source, RecordSink& sink);
std::unique_ptr<Reader> make_feed_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
