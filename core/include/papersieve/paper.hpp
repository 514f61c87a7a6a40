// The normalized paper record every reader produces (docs/formats.md, "The Paper").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace papersieve {

enum class LinkKind { code, project, data, paper, other };

std::string_view link_kind_name(LinkKind kind) noexcept;

struct Link {
  std::string url;
  LinkKind kind = LinkKind::other;
};

// Where a record came from: enough to find it again in the input.
struct SourceRef {
  std::string format;             // reader name, e.g. "hf-text"
  std::string name;               // file path or caller-given name
  std::uint64_t line = 0;         // 1-based line of the record's first line
  std::uint64_t byte_offset = 0;  // 0-based byte offset of that line
};

struct Paper {
  std::string id;        // arXiv id (no version), else "doi:…", "pmid:…", else "psv-" + hash
  std::string arxiv_id;  // empty when unknown
  int version = 0;       // arXiv version, 0 when unknown
  std::string title;
  std::string abstract;
  std::vector<std::string> authors;
  std::vector<std::string> categories;
  std::string published;  // ISO 8601 date, empty when unknown
  std::vector<Link> links;
  std::string short_name;  // "DualPrompt" from "DualPrompt: ..."
  std::optional<std::int64_t> upvotes;
  std::string submitter;
  // What a format says beyond these fields (docs/formats.md, "extra"): e.g.
  // "comment", "journal_ref", "doi", "updated", "replaced", kv-text's unknown keys.
  std::map<std::string, std::string> extra;
  SourceRef source;
};

}  // namespace papersieve
