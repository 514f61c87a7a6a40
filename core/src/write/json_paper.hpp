// The JSON form of a paper, shared by the corpus and results writers.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <vector>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"

namespace papersieve::write {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, std::string_view text);
// A literal key, its length known when compiled (Key(const char*) measures it each time).
template <std::size_t N>
void put_key(JsonWriter& w, const char (&name)[N]) {
  w.Key(name, static_cast<rapidjson::SizeType>(N - 1));
}
// The paper's keys and values (docs/formats.md order), inside an object the caller opened.
void write_paper_members(JsonWriter& w, const Paper& p);
void write_paper(JsonWriter& w, const Paper& p);
// One line of hits_to_jsonl (the paper, its hit, a newline) appended to `out`; `buffer` is
// scratch the caller keeps across calls.
void append_hit_line(std::string& out, rapidjson::StringBuffer& buffer, const Paper& paper,
                     const Hit& hit);

}  // namespace papersieve::write
