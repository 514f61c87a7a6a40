// JSON and JSON-lines output of papers, with RapidJSON's writer. Key order is
// fixed (docs/formats.md); unknown scalars are null, unknown lists empty.
#include "papersieve/write.hpp"
#include "write/json_paper.hpp"

namespace papersieve {
namespace write {

void put(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

namespace {

void put_or_null(JsonWriter& w, std::string_view text) {
  if (text.empty()) {
    w.Null();
  } else {
    put(w, text);
  }
}

void put_list(JsonWriter& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const auto& item : items) put(w, item);
  w.EndArray();
}

}  // namespace

void write_paper_members(JsonWriter& w, const Paper& p) {
  put_key(w, "id");
  put(w, p.id);
  put_key(w, "arxiv_id");
  put_or_null(w, p.arxiv_id);
  put_key(w, "version");
  if (p.version > 0) {
    w.Int(p.version);
  } else {
    w.Null();
  }
  put_key(w, "title");
  put(w, p.title);
  put_key(w, "short_name");
  put_or_null(w, p.short_name);
  put_key(w, "abstract");
  put(w, p.abstract);
  put_key(w, "authors");
  put_list(w, p.authors);
  put_key(w, "categories");
  put_list(w, p.categories);
  put_key(w, "published");
  put_or_null(w, p.published);
  put_key(w, "upvotes");
  if (p.upvotes) {
    w.Int64(*p.upvotes);
  } else {
    w.Null();
  }
  put_key(w, "submitter");
  put_or_null(w, p.submitter);
  put_key(w, "extra");
  w.StartObject();
  for (const auto& [key, value] : p.extra) {
    put(w, key);
    put(w, value);
  }
  w.EndObject();
  put_key(w, "links");
  w.StartArray();
  for (const auto& link : p.links) {
    w.StartObject();
    put_key(w, "url");
    put(w, link.url);
    put_key(w, "kind");
    put(w, link_kind_name(link.kind));
    w.EndObject();
  }
  w.EndArray();
  put_key(w, "source");
  w.StartObject();
  put_key(w, "format");
  put(w, p.source.format);
  put_key(w, "name");
  put(w, p.source.name);
  put_key(w, "line");
  w.Uint64(p.source.line);
  put_key(w, "byte_offset");
  w.Uint64(p.source.byte_offset);
  w.EndObject();
}

void write_paper(JsonWriter& w, const Paper& p) {
  w.StartObject();
  write_paper_members(w, p);
  w.EndObject();
}

}  // namespace write

using write::JsonWriter;
using write::put_key;
using write::write_paper;

std::string paper_to_json(const Paper& paper) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write_paper(writer, paper);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string papers_to_jsonl(const std::vector<Paper>& papers) {
  std::string out;
  rapidjson::StringBuffer buffer;
  for (const auto& paper : papers) {
    buffer.Clear();
    JsonWriter writer(buffer);
    write_paper(writer, paper);
    out.append(buffer.GetString(), buffer.GetSize());
    out.push_back('\n');
  }
  return out;
}

std::string papers_to_json(const std::vector<Paper>& papers) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartArray();
  for (const auto& paper : papers) write_paper(writer, paper);
  writer.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string stats_to_json(const ParseStats& stats) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  put_key(w, "records");
  w.Uint64(stats.records);
  put_key(w, "papers");
  w.Uint64(stats.papers);
  put_key(w, "duplicates");
  w.Uint64(stats.duplicates);
  put_key(w, "rejected");
  w.Uint64(stats.rejected);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace papersieve
