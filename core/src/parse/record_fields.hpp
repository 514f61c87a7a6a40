// Field access the scholarly record mappers share (Semantic Scholar, OpenAlex,
// Crossref, bioRxiv, CSL-JSON, Zotero): every field is optional, `null` is
// absence, and a wrong type drops the field with a note (the title's rejects).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

using rapidjson::Value;

// The member `key` when it is an object (else nullptr; another type is noted).
const Value* object_member(const Value& object, std::string_view key, RecordReport& report);

// The member `key` when it is an array (else nullptr; another type is noted).
const Value* array_member(const Value& object, std::string_view key, RecordReport& report);

// A string member, trimmed; empty when absent (a wrong type is noted).
std::string_view string_member(const Value& object, std::string_view key, RecordReport& report);

// A string or an integer member as text: 2017 -> "2017"; empty when absent.
std::string scalar_member(const Value& object, std::string_view key, RecordReport& report);

// The first non-blank string of a string or an array of strings (Crossref's
// `title: ["…"]`); empty for anything else.
std::string_view first_string(const Value* value);

// paper.title from the first of `keys` present (a string, or an array of
// strings); a record that is no object, a wrong type, or no title at all
// rejects the record. Mappers call it first: the other helpers need an object.
bool take_title(const Value& record, std::initializer_list<std::string_view> keys, Paper& paper,
                RecordReport& report);

// paper.abstract from `key` when it is a string (a wrong type is noted).
void take_abstract(const Value& record, std::string_view key, Paper& paper, RecordReport& report);

// "2013", "2013-05", "2013-05-21", a timestamp, or the forms iso_date_from_any
// reads -> an ISO 8601 date, partial dates kept partial; empty when unreadable.
std::string partial_iso_date(std::string_view text);

// {"date-parts": [[2015, 11, 19]]} (numbers or strings; [[2015]] and [[2015, 11]]
// are partial dates), else {"raw": text} or {"literal": text} -> ISO date; empty when none.
std::string date_from_parts(const Value& date);

// paper.published from `text` when readable; an unreadable date is noted.
void take_date(std::string_view key, std::string_view text, Paper& paper, RecordReport& report);

// A person object as a name: `literal`/`name`, else given + family (CSL's
// particles and suffix in place).
std::string person_name(const Value& person, std::string_view given_key,
                        std::string_view family_key);

// extra["affiliations"]: one line "Name: Aff 1; Aff 2" per author with affiliations.
class AffiliationLines {
 public:
  void add(std::string_view author, const std::vector<std::string>& affiliations);
  void store(Paper& paper);

 private:
  std::string text_;
};

// Every value of `key` in an array of objects (`[{"display_name": "A"}, …]`), non-blank strings
// only.
std::vector<std::string> names_in(const Value* objects, std::string_view key);

// Reference managers keep identifiers in free-text lines ("arXiv: 1305.4904",
// "PMID: 29768149", "DOI: 10.1/x", "arXiv:2101.00001 [cs.CL]"): each line that
// names one fills arxiv_id, extra["pmid"] or extra["doi"] when still unset.
void identifiers_from_lines(std::string_view text, Paper& paper);

// A URL of the record: the arXiv id when it is an arXiv page, and a paper link.
void take_url(std::string_view url, Paper& paper);

}  // namespace papersieve::detail
