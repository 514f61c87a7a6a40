// Reading one paper's fields.
#include <cstring>
#include <string>
#include <vector>

#include "capi.hpp"

using papersieve::Error;
using papersieve::Link;
using papersieve::LinkKind;
using papersieve::Paper;
using papersieve::SourceRef;
using papersieve::Status;
namespace capi = papersieve::capi;

// Link kinds cross the boundary by value.
static_assert(PSV_LINK_CODE == static_cast<int>(LinkKind::code));
static_assert(PSV_LINK_PROJECT == static_cast<int>(LinkKind::project));
static_assert(PSV_LINK_DATA == static_cast<int>(LinkKind::data));
static_assert(PSV_LINK_PAPER == static_cast<int>(LinkKind::paper));
static_assert(PSV_LINK_OTHER == static_cast<int>(LinkKind::other));

namespace {

const std::string& field_of(const Paper& paper, int field) {
  switch (field) {
    case PSV_FIELD_ID: return paper.id;
    case PSV_FIELD_ARXIV_ID: return paper.arxiv_id;
    case PSV_FIELD_TITLE: return paper.title;
    case PSV_FIELD_ABSTRACT: return paper.abstract;
    case PSV_FIELD_SHORT_NAME: return paper.short_name;
    case PSV_FIELD_PUBLISHED: return paper.published;
    case PSV_FIELD_SUBMITTER: return paper.submitter;
  }
  throw Error(Status::invalid_argument, "unknown field " + std::to_string(field));
}

// A borrowed string and its length, or NULL and 0 when `get` throws.
template <class Get>
const char* text_call(const char* function, size_t* length, Get&& get) noexcept {
  if (length != nullptr) *length = 0;
  return capi::value_call(function, static_cast<const char*>(nullptr), [&] {
    const std::string& text = get();
    if (length != nullptr) *length = text.size();
    return text.c_str();
  });
}

// The i-th string of a list field such as Paper::authors.
using StringList = std::vector<std::string> Paper::*;
const char* item_call(const char* function, const psv_paper* paper, size_t i, size_t* length,
                      StringList list, const char* what) noexcept {
  return text_call(function, length, [&]() -> const std::string& {
    capi::require(paper, "paper");
    const std::vector<std::string>& items = capi::from_handle(paper).*list;
    capi::require_index(i, items.size(), what);
    return items[i];
  });
}

}  // namespace

extern "C" const char* psv_paper_text(const psv_paper* paper, psv_field field, size_t* length) {
  return text_call("psv_paper_text", length, [&]() -> const std::string& {
    capi::require(paper, "paper");
    // C callers may pass any int as the enum; in C++ reading an out-of-range enum is
    // undefined, so the bits are copied into an int first.
    static_assert(sizeof field == sizeof(int));
    int value = 0;
    std::memcpy(&value, &field, sizeof value);
    return field_of(capi::from_handle(paper), value);
  });
}

extern "C" int psv_paper_version(const psv_paper* paper) {
  return paper != nullptr ? capi::from_handle(paper).version : 0;
}

extern "C" int psv_paper_upvotes(int64_t* out, const psv_paper* paper) {
  bool known = false;
  const int status = capi::status_call("psv_paper_upvotes", [&] {
    capi::require(out, "out");
    capi::require(paper, "paper");
    const auto& upvotes = capi::from_handle(paper).upvotes;
    *out = upvotes.value_or(0);
    known = upvotes.has_value();
  });
  return status == PSV_OK && !known ? PSV_NONE : status;
}

extern "C" size_t psv_paper_author_count(const psv_paper* paper) {
  return paper != nullptr ? capi::from_handle(paper).authors.size() : 0;
}

extern "C" const char* psv_paper_author(const psv_paper* paper, size_t i, size_t* length) {
  return item_call("psv_paper_author", paper, i, length, &Paper::authors, "authors");
}

extern "C" size_t psv_paper_category_count(const psv_paper* paper) {
  return paper != nullptr ? capi::from_handle(paper).categories.size() : 0;
}

extern "C" const char* psv_paper_category(const psv_paper* paper, size_t i, size_t* length) {
  return item_call("psv_paper_category", paper, i, length, &Paper::categories, "categories");
}

extern "C" size_t psv_paper_link_count(const psv_paper* paper) {
  return paper != nullptr ? capi::from_handle(paper).links.size() : 0;
}

extern "C" int psv_paper_link(psv_link* out, const psv_paper* paper, size_t i) {
  return capi::status_call("psv_paper_link", [&] {
    capi::require(out, "out");
    capi::require(paper, "paper");
    const std::vector<Link>& links = capi::from_handle(paper).links;
    capi::require_index(i, links.size(), "links");
    *out = psv_link{links[i].url.c_str(), static_cast<psv_link_kind>(links[i].kind)};
  });
}

extern "C" int psv_paper_source(psv_source* out, const psv_paper* paper) {
  return capi::status_call("psv_paper_source", [&] {
    capi::require(out, "out");
    capi::require(paper, "paper");
    const SourceRef& source = capi::from_handle(paper).source;
    *out = psv_source{source.format.c_str(), source.name.c_str(), source.line, source.byte_offset};
  });
}
