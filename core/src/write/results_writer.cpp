// Filtered output: JSON lines of papers with their hit.
#include "papersieve/write.hpp"
#include "rules/displayed_field.hpp"
#include "rules/query/characters.hpp"
#include "write/json_paper.hpp"

namespace papersieve {
namespace {

void write_hit_members(write::JsonWriter& w, const Paper& paper, const Hit& hit) {
  write::put_key(w, "score");
  w.Double(hit.score);
  if (hit.updated) {  // only with a seen-state: a newer version of a paper shown before
    write::put_key(w, "updated");
    w.Bool(true);
  }
  write::put_key(w, "rules");
  w.StartArray();
  for (const auto& rule : hit.rules) write::put(w, rule);
  w.EndArray();
  write::put_key(w, "tags");
  w.StartArray();
  for (const auto& tag : hit.tags) write::put(w, tag);
  w.EndArray();
  // Each span in both units (docs/formats.md, "Output"): UTF-8 bytes (start, end), what C and
  // byte-oriented languages slice with, and codepoints (char_start, char_end), what Python's
  // str and JavaScript's code points slice with.
  write::put_key(w, "spans");
  w.StartArray();
  std::string joined;  // a list field's displayed text; the others are read in place
  std::string_view text;
  bool have_text = false;
  MatchField text_field = MatchField::title;
  std::uint32_t counted_to = 0, counted = 0;  // codepoints in text[0, counted_to)
  for (const auto& span : hit.spans) {
    if (!have_text || text_field != span.field) {  // spans come sorted by field
      if (const auto in_place = rules::field_in_place(paper, span.field)) {
        text = *in_place;
      } else {
        joined = displayed_field(paper, span.field);
        text = joined;
      }
      text_field = span.field;
      have_text = true;
      counted_to = counted = 0;
    }
    // Spans of a field mostly come in order: count on from the last one.
    if (span.start < counted_to) counted_to = counted = 0;
    counted += rules::codepoints_between(text, counted_to, span.start);
    counted_to = span.start;
    w.StartObject();
    write::put_key(w, "field");
    write::put(w, match_field_name(span.field));
    write::put_key(w, "start");
    w.Uint(span.start);
    write::put_key(w, "end");
    w.Uint(span.end);
    write::put_key(w, "char_start");
    w.Uint(counted);
    write::put_key(w, "char_end");
    w.Uint(counted + rules::codepoints_between(text, span.start, span.end));
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
