// Generic paper records ("jsonl" lines and "json" documents): an object with a title and
// usually an abstract, authors, ids, links and a date, under the key spellings APIs and scrapers
// use, at the top level or in a wrapper object such as "details" (docs/formats.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// Fills `paper` from one record; unusable records and ignored fields go to `report`.
void map_generic_record(const rapidjson::Value& record, Paper& paper, RecordReport& report);

// authors as records write them: ["A", "B"], [{"name": "A"}, ...] or "A, B and C".
void map_author_list(const rapidjson::Value& authors, std::vector<std::string>& names,
                     RecordReport& report);

// The once-per-input warning of the generic formats when records were read but none had an
// abstract: usually the abstract sits under a key the reader does not know. Names the keys seen.
class AbstractCheck {
 public:
  void record(const rapidjson::Value& record, const Paper& paper, const RecordReport& report);
  std::string note() const;  // empty unless the warning is due

 private:
  static constexpr std::size_t kMaxKeys = 30;
  std::vector<std::string> keys_;  // top-level keys in first-seen order, at most kMaxKeys
  std::size_t kept_ = 0;
  bool has_abstract_ = false;
};

// Format "jsonl": one generic record per line.
std::unique_ptr<Reader> make_jsonl_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
