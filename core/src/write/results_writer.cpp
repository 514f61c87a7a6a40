// Filtered output: JSON lines of papers with their hit.
#include "papersieve/write.hpp"
#include "write/json_paper.hpp"

namespace papersieve {
namespace {

void write_hit_members(write::JsonWriter& w, const Hit& hit) {
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
  w.Key("spans");
  w.StartArray();
  for (const auto& span : hit.spans) {
    w.StartObject();
    w.Key("field");
    write::put(w, match_field_name(span.field));
    w.Key("start");
    w.Uint(span.start);
    w.Key("end");
    w.Uint(span.end);
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
  write_hit_members(w, hit);
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
