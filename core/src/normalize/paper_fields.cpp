// Normalization of a whole record: clean text fields, derived id and short name.
#include <cinttypes>
#include <cstdio>

#include "papersieve/normalize.hpp"

namespace papersieve {
namespace {

void clean_field(std::string& field, const char* name, const Paper& paper,
                 std::vector<Diagnostic>& notes) {
  if (is_clean_text(field)) return;  // most fields: no copy at all
  std::size_t replaced = 0;
  field = clean_text(field, &replaced);
  if (replaced == 0) return;
  notes.push_back(Diagnostic{Severity::warning, paper.source.format, paper.source.name,
                             paper.source.line, paper.source.byte_offset,
                             std::string("invalid UTF-8 in ") + name + ": " +
                                 std::to_string(replaced) + " byte(s) replaced with U+FFFD"});
}

}  // namespace

std::string title_hash_id(std::string_view clean_title) {
  const std::string folded = fold_title(clean_title);
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (unsigned char c : folded) {
    hash ^= c;
    hash *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "psv-%016" PRIx64, hash);
  return buffer;
}

std::string short_name_of(std::string_view clean_title) {
  constexpr std::size_t kMaxShortName = 40;
  const auto colon = clean_title.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > kMaxShortName) return {};
  const std::string_view name = clean_title.substr(0, colon);
  if (name.find(' ') != std::string_view::npos) return {};
  return std::string(name);
}

void normalize_paper(Paper& paper, std::vector<Diagnostic>& notes) {
  clean_field(paper.title, "title", paper, notes);
  clean_field(paper.abstract, "abstract", paper, notes);
  clean_field(paper.submitter, "submitter", paper, notes);
  for (auto& author : paper.authors) clean_field(author, "authors", paper, notes);
  paper.id = paper.arxiv_id.empty() ? title_hash_id(paper.title) : paper.arxiv_id;
  if (paper.short_name.empty()) paper.short_name = short_name_of(paper.title);
}

}  // namespace papersieve
