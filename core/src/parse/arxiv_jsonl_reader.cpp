// Each line is read by a SAX handler: a small state machine over the keys of
// the top-level object that copies the fields it needs and skips the rest.
// simdjson validates the line and builds its DOM at several GB/s, and the DOM is
// replayed into the handler; a line simdjson refuses (bad JSON, bad UTF-8, a
// number it cannot hold) is read again by RapidJSON's iterative parser, whose
// errors are the ones reported and which leaves bad UTF-8 to normalization
// (docs/design.md, "Parsing").
#include "parse/arxiv_jsonl_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "parse/arxiv_record.hpp"
#include "parse/field_lists.hpp"
#include "parse/json_dom_events.hpp"
#include "parse/json_lines_reader.hpp"
#include "parse/json_support.hpp"

namespace papersieve::detail {
namespace {

enum class Field {
  other,
  id,
  submitter,
  authors,
  title,
  abstract,
  doi,
  categories,
  versions,
  update_date,
  authors_parsed
};

enum class Kind { null, boolean, number, string, object, array };

Field field_of(std::string_view key) {
  switch (key.size()) {
    case 2: return key == "id" ? Field::id : Field::other;
    case 3: return key == "doi" ? Field::doi : Field::other;
    case 5: return key == "title" ? Field::title : Field::other;
    case 7: return key == "authors" ? Field::authors : Field::other;
    case 8:
      if (key == "abstract") return Field::abstract;
      return key == "versions" ? Field::versions : Field::other;
    case 9: return key == "submitter" ? Field::submitter : Field::other;
    case 10: return key == "categories" ? Field::categories : Field::other;
    case 11: return key == "update_date" ? Field::update_date : Field::other;
    case 14: return key == "authors_parsed" ? Field::authors_parsed : Field::other;
    default: return Field::other;
  }
}

std::string_view field_name(Field field) {
  switch (field) {
    case Field::id: return "id";
    case Field::submitter: return "submitter";
    case Field::authors: return "authors";
    case Field::title: return "title";
    case Field::abstract: return "abstract";
    case Field::doi: return "doi";
    case Field::categories: return "categories";
    case Field::versions: return "versions";
    case Field::update_date: return "update_date";
    case Field::authors_parsed: return "authors_parsed";
    case Field::other: break;
  }
  return "field";
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "a boolean";
    case Kind::number: return "a number";
    case Kind::string: return "a string";
    case Kind::object: return "an object";
    case Kind::array: return "an array";
  }
  return "a value";
}

bool is_list(Field field) { return field == Field::versions || field == Field::authors_parsed; }

// A wrong type in what identifies a record or makes it worth reading rejects
// it; in any other field, the field is dropped with a note.
bool rejects_on_wrong_type(Field field) {
  return field == Field::id || field == Field::title || field == Field::abstract;
}

int version_number(std::string_view text) {  // "v12" -> 12, else 0
  if (text.size() < 2 || text.size() > 6 || text[0] != 'v') return 0;
  int n = 0;
  for (char c : text.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Depth 1 holds the record's fields; depth 2 the entries of versions and
// authors_parsed; depth 3 the values inside one entry; deeper is ignored.
class ArxivHandler {
 public:
  // `lean`: the record's text beyond its identity is not kept (SourceInfo::identity_only).
  void start(Paper& paper, ArxivFields& fields, RecordReport& report, bool lean) {
    lean_ = lean;
    paper_ = &paper;
    fields_ = &fields;
    report_ = &report;
    depth_ = 0;
    field_ = Field::other;
    seen_ = 0;
    collecting_ = in_entry_ = false;
  }

  // RapidJSON SAX events; returning false stops the parse (record rejected).
  bool Null() { return value(Kind::null); }
  bool Bool(bool) { return value(Kind::boolean); }
  bool Int(int) { return value(Kind::number); }
  bool Uint(unsigned) { return value(Kind::number); }
  bool Int64(std::int64_t) { return value(Kind::number); }
  bool Uint64(std::uint64_t) { return value(Kind::number); }
  bool Double(double) { return value(Kind::number); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return value(Kind::number); }
  bool String(const char* text, rapidjson::SizeType size, bool) {
    return value(Kind::string, {text, size});
  }
  bool StartObject() { return open(Kind::object); }
  bool StartArray() { return open(Kind::array); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(const char* text, rapidjson::SizeType size, bool) {
    if (depth_ == 1) {
      field_ = field_of({text, size});
      const unsigned bit = 1u << static_cast<unsigned>(field_);
      if ((seen_ & bit) != 0) field_ = Field::other;  // a repeated key: the first one counts
      seen_ |= bit;
    } else if (depth_ == 3) {
      entry_key_ = std::string_view(text, size);
    }
    return true;
  }

 private:
  bool value(Kind kind, std::string_view text = {}) {
    switch (depth_) {
      case 0: return kind == Kind::object || not_an_object(kind);
      case 1: return field_value(kind, text);
      case 2: start_entry(kind); return true;
      case 3: entry_value(kind, text); return true;
      default: return true;
    }
  }

  bool open(Kind kind) {
    const bool ok = value(kind);
    ++depth_;
    return ok;
  }

  bool close() {
    --depth_;
    if (depth_ == 2 && in_entry_) end_entry();
    if (depth_ == 1) end_list();
    return true;
  }

  bool field_value(Kind kind, std::string_view text) {
    if (kind == Kind::null || field_ == Field::other) return true;
    const Kind expected = is_list(field_) ? Kind::array : Kind::string;
    if (kind != expected) return mismatch(kind, expected);
    if (kind == Kind::array) {
      collecting_ = true;
      entries_ = odd_entries_ = 0;
      if (field_ == Field::authors_parsed && !lean_)
        paper_->authors.reserve(4);  // one allocation, mostly
    } else {
      store(text);
    }
    return true;
  }

  void store(std::string_view text) {
    if (lean_ && field_ != Field::id && field_ != Field::title && field_ != Field::doi &&
        field_ != Field::update_date)
      return;
    switch (field_) {
      case Field::id: fields_->has_id = true, fields_->id.assign(text); break;
      case Field::submitter: paper_->submitter.assign(text); break;
      case Field::authors: fields_->authors_tex.assign(text); break;
      case Field::title: paper_->title.assign(text); break;
      case Field::abstract: paper_->abstract.assign(text); break;
      case Field::doi: fields_->doi.assign(text); break;
      case Field::categories: split_categories(text, paper_->categories); break;
      case Field::update_date: fields_->update_date.assign(text); break;
      default: break;
    }
  }

  // versions entries are {"version", "created"} objects; authors_parsed
  // entries are [last, first, suffix, ...] arrays.
  void start_entry(Kind kind) {
    if (!collecting_) return;
    in_entry_ = kind == (field_ == Field::versions ? Kind::object : Kind::array);
    if (!in_entry_) ++odd_entries_;
    part_ = 0;
    parts_ = {};
    entry_key_ = version_ = created_ = {};
  }

  void entry_value(Kind kind, std::string_view text) {
    if (!in_entry_) return;
    if (field_ == Field::versions) {
      if (kind == Kind::string && entry_key_ == "version") version_ = text;
      if (kind == Kind::string && entry_key_ == "created") created_ = text;
      return;
    }
    if (kind == Kind::string && part_ < parts_.size()) parts_[part_] = text;
    ++part_;  // a 4th element (an affiliation in the snapshot) is not part of the name
  }

  void end_entry() {
    in_entry_ = false;
    if (field_ == Field::versions) {
      fields_->max_version = std::max(fields_->max_version, version_number(version_));
      if (entries_ == 0) fields_->first_created.assign(created_);
    } else if (lean_) {  // counted as author_from_parts would count it
      if (parts_[0].empty() && parts_[1].empty() && parts_[2].empty()) {
        ++odd_entries_;
        return;
      }
    } else {
      std::string name = author_from_parts(parts_[0], parts_[1], parts_[2]);
      if (name.empty()) {
        ++odd_entries_;
        return;
      }
      paper_->authors.push_back(std::move(name));
    }
    ++entries_;
  }

  void end_list() {
    if (collecting_ && odd_entries_ > 0) {
      report_->note(std::string(field_name(field_)) + ": " + std::to_string(odd_entries_) +
                    " malformed entr" + (odd_entries_ == 1 ? "y" : "ies") + " ignored");
    }
    collecting_ = false;
  }

  bool mismatch(Kind found, Kind expected) {
    std::string message = wrong_type(field_name(field_), kind_name(expected), kind_name(found));
    if (rejects_on_wrong_type(field_)) return report_->reject(std::move(message));
    report_->note(message + "; ignored");
    return true;
  }

  bool not_an_object(Kind kind) {
    return report_->reject("expected a JSON object, found " + std::string(kind_name(kind)));
  }

  bool lean_ = false;
  Paper* paper_ = nullptr;
  ArxivFields* fields_ = nullptr;
  RecordReport* report_ = nullptr;
  int depth_ = 0;  // open containers, the record's own object included
  Field field_ = Field::other;
  unsigned seen_ = 0;        // fields met so far, one bit each
  bool collecting_ = false;  // inside versions or authors_parsed
  std::size_t entries_ = 0, odd_entries_ = 0;
  bool in_entry_ = false;
  std::size_t part_ = 0;
  std::array<std::string_view, 3> parts_{};
  std::string_view entry_key_, version_, created_;
};

// simdjson's DOM takes several times its document's size (structural indexes, tape, strings)
// and keeps it: longer lines, far beyond a snapshot record's few kilobytes, go to RapidJSON,
// which parses a copy in place.
constexpr std::size_t kFastLineBytes = std::size_t{1} << 20;

// PAPERSIEVE_JSON=rapidjson reads every line with RapidJSON alone: the reference that tests
// and fuzzing hold the simdjson path to.
bool rapidjson_only() {
  const char* value = std::getenv("PAPERSIEVE_JSON");
  return value != nullptr && std::string_view(value) == "rapidjson";
}

class ArxivLineParser final : public LineRecordParser {
 public:
  bool parse_in_place(std::string_view line, Paper& paper, RecordReport& report) override {
    static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING, "simdjson reads past the end");
    if (!fast_ || line.size() > kFastLineBytes) return false;
    simdjson::dom::element document;
    if (dom_.parse(line.data(), line.size(), false).get(document) != simdjson::SUCCESS) {
      refused_ = true;  // parse() goes straight to RapidJSON
      return false;
    }
    fields_.clear();
    // simdjson has validated the line as UTF-8: the fields an identity-only sink leaves as
    // read could note nothing, so they are not read (a line RapidJSON reads keeps them all).
    handler_.start(paper, fields_, report, identity_only_);
    // Depth 3 is the deepest the handler reads (a value inside a list entry).
    if (replay_events<3>(document, handler_))
      assemble_arxiv_paper(fields_, paper, report, identity_only_);
    return true;
  }

  void parse(char* line, std::size_t size, Paper& paper, RecordReport& report) override {
    // The line's copy is tried by simdjson only when the line itself was not (it lay too near
    // the end of its chunk for simdjson's padding).
    if (!std::exchange(refused_, false) && parse_in_place({line, size}, paper, report)) return;
    refused_ = false;
    fields_.clear();
    handler_.start(paper, fields_, report, false);
    rapidjson::InsituStringStream stream(line);
    const rapidjson::ParseResult result = reader_.Parse<kJsonParseFlags>(stream, handler_);
    if (report.rejected()) return;  // the handler stopped the parse
    if (result.IsError()) return reject_json_error(result, line, size, report);
    if (check_parsed_to_end(stream.Tell(), size, report))
      assemble_arxiv_paper(fields_, paper, report);
  }

  explicit ArxivLineParser(bool identity_only) : identity_only_(identity_only) {}

 private:
  const bool fast_ = !rapidjson_only();
  const bool identity_only_;
  bool refused_ = false;  // simdjson refused the line parse_in_place was given last
  simdjson::dom::parser dom_;
  rapidjson::Reader reader_;
  ArxivHandler handler_;
  ArxivFields fields_;
};

}  // namespace

std::unique_ptr<Reader> make_arxiv_jsonl_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_lines_reader(source, sink,
                                std::make_unique<ArxivLineParser>(source.identity_only));
}

}  // namespace papersieve::detail
