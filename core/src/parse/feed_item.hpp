// One <item> (RSS 2.0, RSS 1.0) or <entry> (Atom) of a feed: the element texts
// collected while parsing, and their assembly into a Paper for the formats
// "feed" (docs/formats.md) and "arxiv-rss".
#pragma once

#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// Channel-level texts that items inherit.
struct FeedChannel {
  std::string title;
  std::string description;  // RSS <description>, Atom <subtitle>
  std::string date;         // RSS <pubDate>, else <lastBuildDate>, else Atom <updated>
};

struct FeedItem {
  std::string title;
  std::string link;                // RSS <link> text, Atom <link rel="alternate"> href
  std::vector<std::string> links;  // other Atom links
  std::string description;         // RSS <description>, Atom <summary>
  std::string content;             // <content:encoded>, Atom <content>
  std::string dc_description;
  std::string guid;  // RSS <guid>, Atom <id>
  std::vector<std::string> categories;
  std::vector<std::string> creators;  // <dc:creator>
  std::vector<std::string> authors;   // Atom <author><name>, RSS <author>
  std::string pub_date;               // RSS <pubDate> (RFC 2822)
  std::string published, updated;     // Atom
  std::string dc_date, prism_date;
  std::vector<std::string> identifiers;  // <dc:identifier>
  std::string prism_doi, journal, rights;
  std::string announce_type, arxiv_doi, journal_ref;  // arXiv's feed extensions

  void clear() { *this = FeedItem{}; }
};

// rss.arxiv.org items: id, version and announce type from the guid and the
// description's "arXiv:ID Announce Type: T Abstract: ..." prefix.
void assemble_arxiv_rss_paper(FeedItem& item, const FeedChannel& channel, Paper& paper,
                              RecordReport& report);

// Any other feed of papers.
void assemble_feed_paper(FeedItem& item, const FeedChannel& channel, Paper& paper,
                         RecordReport& report);

}  // namespace papersieve::detail
