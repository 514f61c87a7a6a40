// Readers for one JSON document ("hf-json", "json"). The document is buffered
// (up to a cap) and read at finish(): its records are the elements of a root
// array, of an array under one of `item_keys` in a root object, or the root
// value itself. Each record is parsed into a DOM and handed to `map`.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_support.hpp"
#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

using RecordMapper =
    std::function<void(const rapidjson::Value& record, Paper& paper, RecordReport& report)>;

// Where a document's records are and how one is read. An item key may be a path of two keys
// ("message.items").
struct DocumentLayout {
  std::vector<std::string_view> item_keys;  // paths to the records' array (json_outline.hpp)
  RecordMapper map;
  std::vector<std::string_view> record_keys = {};  // paths to one record object
  // Non-empty: `null` items are no records but are counted, and one warning says
  // how many, followed by this text (" (unknown ids in a batch request); skipped").
  std::string_view null_items = {};
};

// A warning about a document as a whole, given at its end when not empty.
using FinishNote = std::function<std::string()>;

// Throws Error(limit) from feed() once the input exceeds source.max_document_bytes.
std::unique_ptr<Reader> make_json_document_reader(const SourceInfo& source, RecordSink& sink,
                                                  DocumentLayout layout,
                                                  FinishNote finish_note = {});

// Format "json": generic records, bare or under papers/items/results/data.
std::unique_ptr<Reader> make_json_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
