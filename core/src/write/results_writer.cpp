// Filtered output: JSON lines of papers with their hit.
#include "papersieve/write.hpp"
#include "write/json_paper.hpp"

namespace papersieve {
namespace {

// Codepoints in `text` before byte `at` (UTF-8: every byte but a continuation byte starts one).
std::uint32_t codepoints_before(std::string_view text, std::uint32_t at) {
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < at && i < text.size(); ++i)
    count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return count;
}

void write_hit_members(write::JsonWriter& w, const Paper& paper, const Hit& hit) {
  w.Key("score");
  w.Double(hit.score);
  if (hit.updated) {  // only with a seen-state: a newer version of a paper shown before
    w.Key("updated");
    w.Bool(true);
  }
  w.Key("rules");
  w.StartArray();
  for (const auto& rule : hit.rules) write::put(w, rule);
  w.EndArray();
  w.Key("tags");
  w.StartArray();
  for (const auto& tag : hit.tags) write::put(w, tag);
  w.EndArray();
  // Each span in both units (docs/formats.md, "Output"): UTF-8 bytes (start, end), what C and
  // byte-oriented languages slice with, and codepoints (char_start, char_end), what Python's
  // str and JavaScript's code points slice with.
  w.Key("spans");
  w.StartArray();
  std::string text;
  bool have_text = false;
  MatchField text_field = MatchField::title;
  for (const auto& span : hit.spans) {
    if (!have_text || text_field != span.field) {  // spans come sorted by field
      text = displayed_field(paper, span.field);
      text_field = span.field;
      have_text = true;
    }
    w.StartObject();
    w.Key("field");
    write::put(w, match_field_name(span.field));
    w.Key("start");
    w.Uint(span.start);
    w.Key("end");
    w.Uint(span.end);
    const std::uint32_t char_start = codepoints_before(text, span.start);
    w.Key("char_start");
    w.Uint(char_start);
    w.Key("char_end");
    w.Uint(char_start +
           codepoints_before(std::string_view(text).substr(span.start), span.end - span.start));
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void write::append_hit_line(std::string& out, rapidjson::StringBuffer& buffer, const Paper& paper,
                            const Hit& hit) {
  buffer.Clear();
  JsonWriter w(buffer);
  w.StartObject();
  write_paper_members(w, paper);
  write_hit_members(w, paper, hit);
  w.EndObject();
  out.append(buffer.GetString(), buffer.GetSize());
  out.push_back('\n');
}

std::string hits_to_jsonl(const Corpus& corpus, const Results& results) {
  std::string out;
  rapidjson::StringBuffer buffer;
  for (const auto& hit : results.hits)
    write::append_hit_line(out, buffer, corpus.papers[hit.index], hit);
  return out;
}

}  // namespace papersieve
