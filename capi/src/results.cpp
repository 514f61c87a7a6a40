// Filtering a corpus and reading the hits: psv_rules_filter, psv_results_*, psv_hit_*.
#include "results.hpp"

#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "capi.hpp"

using papersieve::Error;
using papersieve::Hit;
using papersieve::MatchField;
using papersieve::Span;
using papersieve::Status;
namespace capi = papersieve::capi;

// Match fields cross the boundary by value.
static_assert(PSV_MATCH_TITLE == static_cast<int>(MatchField::title));
static_assert(PSV_MATCH_ABSTRACT == static_cast<int>(MatchField::abstract));
static_assert(PSV_MATCH_TEXT == static_cast<int>(MatchField::text));
static_assert(PSV_MATCH_AUTHORS == static_cast<int>(MatchField::authors));
static_assert(PSV_MATCH_ID == static_cast<int>(MatchField::id));
static_assert(PSV_MATCH_CATEGORY == static_cast<int>(MatchField::category));
static_assert(PSV_MATCH_LINK == static_cast<int>(MatchField::link));
static_assert(PSV_SORT_SCORE == static_cast<int>(papersieve::SortOrder::score));
static_assert(PSV_SORT_PUBLISHED == static_cast<int>(papersieve::SortOrder::published));
static_assert(PSV_SORT_UPVOTES == static_cast<int>(papersieve::SortOrder::upvotes));
static_assert(PSV_SORT_INPUT == static_cast<int>(papersieve::SortOrder::input));

namespace {

// C callers may pass any int as the enum; reading an out-of-range enum is undefined
// in C++ (even copying it), so the bits are copied into an int and checked first.
MatchField to_match_field(const psv_match_field& field) {
  static_assert(sizeof field == sizeof(int));
  int value = 0;
  std::memcpy(&value, &field, sizeof value);
  if (value < PSV_MATCH_TITLE || value > PSV_MATCH_LINK)
    throw Error(Status::invalid_argument, "unknown match field " + std::to_string(value));
  return static_cast<MatchField>(value);
}

}  // namespace

papersieve::FilterOptions capi::to_filter_options(const psv_filter_options* options) {
  papersieve::FilterOptions settings;
  if (options == nullptr) return settings;
  capi::require_version(options->version, PSV_FILTER_OPTIONS_VERSION, "psv_filter_options",
                        "PSV_FILTER_OPTIONS_INIT");
  if (options->top != 0) settings.top = options->top;
  if (options->version >= 2) settings.threads = options->threads;  // not in a version-1 struct
  if (options->version >= 3) {
    if (options->sort < PSV_SORT_SCORE || options->sort > PSV_SORT_INPUT)
      throw Error(Status::invalid_argument, "unknown sort " + std::to_string(options->sort));
    settings.sort = static_cast<papersieve::SortOrder>(options->sort);
    settings.state = options->state != nullptr ? &options->state->state : nullptr;
    settings.show_updated = options->show_updated != 0;
  }
  return settings;
}

namespace {

// The j-th string of a list of a hit, such as Hit::rules.
using StringList = std::vector<std::string> Hit::*;
const char* item_call(const char* function, const psv_hit* hit, size_t j, size_t* length,
                      StringList list, const char* what) noexcept {
  if (length != nullptr) *length = 0;
  return capi::value_call(function, static_cast<const char*>(nullptr), [&] {
    capi::require(hit, "hit");
    const std::vector<std::string>& items = hit->hit->*list;
    capi::require_index(j, items.size(), what);
    if (length != nullptr) *length = items[j].size();
    return items[j].c_str();
  });
}

}  // namespace

extern "C" int psv_rules_filter(psv_results** out, const psv_rules* rules, const psv_corpus* corpus,
                                const psv_filter_options* options) {
  return capi::status_call("psv_rules_filter", [&] {
    capi::require(out, "out");
    *out = nullptr;
    capi::require(rules, "rules");
    capi::require(corpus, "corpus");
    auto results = std::make_unique<psv_results>();
    results->corpus = corpus->owner;
    results->results = rules->rules.filter(*results->corpus, capi::to_filter_options(options));
    results->hits.reserve(results->results.hits.size());
    for (const Hit& hit : results->results.hits)
      results->hits.push_back(psv_hit{&hit, &results->corpus->papers.at(hit.index)});
    *out = results.release();
  });
}

extern "C" void psv_results_free(psv_results* results) { delete results; }

extern "C" size_t psv_results_count(const psv_results* results) {
  return results != nullptr ? results->hits.size() : 0;
}

extern "C" size_t psv_results_considered(const psv_results* results) {
  return results != nullptr ? results->results.considered : 0;
}

extern "C" const psv_hit* psv_results_hit(const psv_results* results, size_t i) {
  return capi::value_call("psv_results_hit", static_cast<const psv_hit*>(nullptr), [&] {
    capi::require(results, "results");
    capi::require_index(i, results->hits.size(), "hits");
    return &results->hits[i];
  });
}

extern "C" size_t psv_hit_index(const psv_hit* hit) { return hit != nullptr ? hit->hit->index : 0; }

extern "C" const psv_paper* psv_hit_paper(const psv_hit* hit) {
  return hit != nullptr ? capi::to_handle(*hit->paper) : nullptr;
}

extern "C" double psv_hit_score(const psv_hit* hit) {
  return hit != nullptr ? hit->hit->score : 0.0;
}

extern "C" int psv_hit_updated(const psv_hit* hit) {
  return hit != nullptr && hit->hit->updated ? 1 : 0;
}

extern "C" size_t psv_hit_rule_count(const psv_hit* hit) {
  return hit != nullptr ? hit->hit->rules.size() : 0;
}

extern "C" const char* psv_hit_rule(const psv_hit* hit, size_t j, size_t* length) {
  return item_call("psv_hit_rule", hit, j, length, &Hit::rules, "rules");
}

extern "C" size_t psv_hit_tag_count(const psv_hit* hit) {
  return hit != nullptr ? hit->hit->tags.size() : 0;
}

extern "C" const char* psv_hit_tag(const psv_hit* hit, size_t j, size_t* length) {
  return item_call("psv_hit_tag", hit, j, length, &Hit::tags, "tags");
}

extern "C" size_t psv_hit_span_count(const psv_hit* hit) {
  return hit != nullptr ? hit->hit->spans.size() : 0;
}

extern "C" int psv_hit_span(psv_span* out, const psv_hit* hit, size_t j) {
  return capi::status_call("psv_hit_span", [&] {
    capi::require(out, "out");
    capi::require(hit, "hit");
    capi::require_index(j, hit->hit->spans.size(), "spans");
    const Span& span = hit->hit->spans[j];
    *out = psv_span{static_cast<psv_match_field>(span.field), span.start, span.end};
  });
}

extern "C" const char* psv_match_field_name(psv_match_field field) {
  return capi::value_call("psv_match_field_name", static_cast<const char*>(nullptr), [&] {
    // match_field_name returns views of string literals, so data() is NUL-terminated.
    return papersieve::match_field_name(to_match_field(field)).data();
  });
}

extern "C" int psv_paper_match_text(char** out, size_t* length, const psv_paper* paper,
                                    psv_match_field field) {
  return capi::status_call("psv_paper_match_text", [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(paper, "paper");
    capi::copy_out(out, length,
                   papersieve::displayed_field(capi::from_handle(paper), to_match_field(field)));
  });
}
