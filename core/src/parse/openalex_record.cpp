#include "parse/openalex_record.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "papersieve/normalize.hpp"
#include "parse/json_records_reader.hpp"
#include "parse/raw_paper.hpp"
#include "parse/record_fields.hpp"

namespace papersieve::detail {
namespace {

// "https://openalex.org/W2741809807" -> "W2741809807".
std::string_view last_segment(std::string_view url) {
  const std::size_t slash = url.rfind('/');
  return slash == std::string_view::npos ? url : url.substr(slash + 1);
}

void map_ids(const Value& work, Paper& paper, RecordReport& report) {
  add_doi(paper, string_member(work, "doi", report));
  add_extra(paper, "openalex", last_segment(string_member(work, "id", report)));
  const Value* ids = object_member(work, "ids", report);
  if (ids == nullptr) return;
  add_doi(paper, string_member(*ids, "doi", report));
  add_pmid(paper, string_member(*ids, "pmid", report));
  add_extra(paper, "pmcid", last_segment(string_member(*ids, "pmcid", report)));
  if (auto arxiv = string_member(*ids, "arxiv", report); !arxiv.empty() && paper.arxiv_id.empty())
    set_arxiv_id(paper, last_segment(arxiv));
}

// A location's URLs: links, and the arXiv id when one is an arXiv page.
void map_location(const Value* location, Paper& paper, RecordReport& report) {
  if (location == nullptr || !location->IsObject()) return;
  for (const char* key : {"landing_page_url", "pdf_url"}) {
    const std::string_view url = string_member(*location, key, report);
    if (url.empty()) continue;
    if (auto ref = arxiv_ref_from_url(url); ref && paper.arxiv_id.empty()) {
      paper.arxiv_id = ref->id;
      paper.version = ref->version;
    }
    add_link(paper, url, LinkKind::paper);
  }
}

void map_locations(const Value& work, Paper& paper, RecordReport& report) {
  const Value* primary = member_or_null(work, "primary_location");
  map_location(primary, paper, report);
  if (primary != nullptr && primary->IsObject()) {
    if (const Value* source = member_or_null(*primary, "source"); source && source->IsObject())
      add_extra(paper, "journal", string_member(*source, "display_name", report));
    add_extra(paper, "license", string_member(*primary, "license", report));
  }
  map_location(member_or_null(work, "best_oa_location"), paper, report);
  if (const Value* all = array_member(work, "locations", report))
    for (const Value& location : all->GetArray()) map_location(&location, paper, report);
  if (const Value* venue = member_or_null(work, "host_venue"); venue && venue->IsObject())
    add_extra(paper, "journal", string_member(*venue, "display_name", report));
}

void map_authorships(const Value& work, Paper& paper, RecordReport& report) {
  const Value* authorships = array_member(work, "authorships", report);
  if (authorships == nullptr) return;
  AffiliationLines affiliations;
  for (const Value& authorship : authorships->GetArray()) {
    if (!authorship.IsObject()) continue;
    const Value* author = member_or_null(authorship, "author");
    std::string name;
    if (author != nullptr && author->IsObject())
      name = std::string(string_member(*author, "display_name", report));
    if (name.empty()) name = std::string(string_member(authorship, "raw_author_name", report));
    if (name.empty()) continue;
    std::vector<std::string> places =
        names_in(member_or_null(authorship, "institutions"), "display_name");
    if (places.empty())
      places = names_in(member_or_null(authorship, "raw_affiliation_strings"), {});
    affiliations.add(name, places);
    paper.authors.push_back(std::move(name));
  }
  affiliations.store(paper);
}

// primary_topic, then concepts of level 0 and 1 (the broad fields).
void map_categories(const Value& work, Paper& paper, RecordReport& report) {
  if (const Value* topic = member_or_null(work, "primary_topic"); topic && topic->IsObject())
    add_category(paper, string_member(*topic, "display_name", report));
  const Value* concepts = member_or_null(work, "concepts");
  if (concepts == nullptr || !concepts->IsArray()) return;
  for (const Value& concept_ : concepts->GetArray()) {
    if (!concept_.IsObject()) continue;
    const Value* level = member_or_null(concept_, "level");
    if (level != nullptr && level->IsInt() && level->GetInt() > 1) continue;
    add_category(paper, string_member(concept_, "display_name", report));
  }
}

void map_date(const Value& work, Paper& paper, RecordReport& report) {
  take_date("publication_date", string_member(work, "publication_date", report), paper, report);
  take_date("publication_year", scalar_member(work, "publication_year", report), paper, report);
}

}  // namespace

std::string text_from_inverted_index(const Value& index) {
  // The MAG layout nests the index: {"IndexLength": n, "InvertedIndex": {…}}.
  const Value* inner = index.IsObject() ? member_or_null(index, "InvertedIndex") : nullptr;
  const Value& words = inner != nullptr && inner->IsObject() ? *inner : index;
  if (!words.IsObject()) return {};
  std::vector<std::pair<std::uint64_t, std::string_view>> placed;
  for (const auto& member : words.GetObject()) {
    if (!member.value.IsArray()) continue;
    for (const Value& position : member.value.GetArray())
      if (position.IsUint64()) placed.emplace_back(position.GetUint64(), view_of(member.name));
  }
  // Stable: a position claimed twice keeps the word met first.
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (i > 0 && placed[i].first == placed[i - 1].first) continue;
    if (!text.empty()) text += ' ';
    text.append(placed[i].second);
  }
  return text;
}

void map_openalex_work(const Value& work, Paper& paper, RecordReport& report) {
  if (!take_title(work, {"title", "display_name"}, paper, report)) return;
  if (const Value* index = member_or_null(work, "abstract_inverted_index")) {
    if (index->IsString()) {  // some exports keep the index as a JSON string
      rapidjson::Document inner;
      inner.Parse<rapidjson::kParseIterativeFlag>(index->GetString(), index->GetStringLength());
      if (!inner.HasParseError()) paper.abstract = text_from_inverted_index(inner);
    } else {
      paper.abstract = text_from_inverted_index(*index);
    }
  }
  map_ids(work, paper, report);
  map_authorships(work, paper, report);
  map_locations(work, paper, report);
  map_date(work, paper, report);
  map_categories(work, paper, report);
  if (const Value* retracted = member_or_null(work, "is_retracted");
      retracted != nullptr && retracted->IsTrue())
    add_extra(paper, "retracted", "true");
}

std::unique_ptr<Reader> make_openalex_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_records_reader(source, sink, DocumentLayout{{"results"}, &map_openalex_work});
}

}  // namespace papersieve::detail
