// What the JSON readers share: one RapidJSON configuration, the parse flags,
// and wording for JSON errors and types.
#pragma once

// On x86-64, RapidJSON scans whitespace and strings 16 bytes at a time with SSE2
// (RAPIDJSON_SSE2, set for the whole core in core/CMakeLists.txt). The reader's scans
// may read up to 15 bytes past the NUL that ends a buffer parsed in situ, and simdjson
// up to 64 bytes past the end of what it parses: such buffers carry kJsonPadding bytes.

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <string>
#include <string_view>

#include "parse/record_emitter.hpp"

namespace papersieve::detail {

constexpr std::size_t kJsonPadding = 64;  // what simdjson reads past the end

// Makes `buffer` hold `text`, a NUL and the padding; returns where the text starts.
char* copy_for_insitu(std::string_view text, std::string& buffer);

// Iterative: nesting depth costs heap, never stack. In situ: strings are
// decoded inside the (owned, writable) input buffer instead of being copied.
constexpr unsigned kJsonParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag;

// "invalid JSON: Missing a comma or ']' after an array element."
std::string json_error_message(rapidjson::ParseErrorCode code);

// Rejects a record whose `size` bytes of JSON `text` have a syntax error; a
// record cut short says so, since that is what truncated files look like.
// RapidJSON takes a NUL byte for the end of the text: an error at a NUL
// inside the text is reported as that NUL.
void reject_json_error(const rapidjson::ParseResult& result, const char* text, std::size_t size,
                       RecordReport& report);

// After a successful in-situ parse of `size` bytes that stopped at `stop`:
// false, with the record rejected, when it stopped early at a NUL byte.
bool check_parsed_to_end(std::size_t stop, std::size_t size, RecordReport& report);

// "a string", "a number", ... for messages such as "title must be a string, found a number".
std::string_view json_type_name(const rapidjson::Value& value);

// "<field> must be <expected>, found <type of value>".
std::string wrong_type(std::string_view field, std::string_view expected, std::string_view found);

inline std::string_view view_of(const rapidjson::Value& string_value) {
  return {string_value.GetString(), string_value.GetStringLength()};
}

// The member `key` of an object; nullptr when absent or null.
const rapidjson::Value* member_or_null(const rapidjson::Value& object, std::string_view key);

}  // namespace papersieve::detail
