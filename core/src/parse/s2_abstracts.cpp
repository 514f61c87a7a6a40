#include "parse/s2_abstracts.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "papersieve/error.hpp"
#include "parse/file_source.hpp"
#include "parse/json_support.hpp"
#include "parse/line_splitter.hpp"

namespace papersieve::detail {
namespace {

constexpr std::string_view kFormat = "semantic-scholar";
constexpr std::size_t kMaxNotes = 20;  // then one line says how many more

// "12345" -> 12345; nullopt for anything but 1 to 19 digits.
std::optional<std::uint64_t> digits_value(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return id;
}

// corpusid as the datasets write it (an integer; a string of digits is accepted).
std::optional<std::uint64_t> corpus_id(const rapidjson::Value& v) {
  if (v.IsUint64()) return v.GetUint64();
  return v.IsString() ? digits_value(view_of(v)) : std::nullopt;
}

// Reads the lines of the abstracts file and hands each readable one to `add`.
class AbstractLines {
 public:
  AbstractLines(const std::string& path, std::vector<Diagnostic>& notes)
      : path_(path), notes_(notes) {}

  template <class Add>
  void line(const Line& line, std::size_t limit, Add&& add) {
    if (line.overlong) return skip(line, overlong_line_message(line, limit));
    if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) return;
    rapidjson::Document document;
    document.ParseInsitu<kJsonParseFlags>(copy_for_insitu(line.text, buffer_));
    if (document.HasParseError()) return skip(line, json_error_message(document.GetParseError()));
    if (!document.IsObject()) return skip(line, "expected a JSON object");
    const rapidjson::Value* id = member_or_null(document, "corpusid");
    const auto corpusid = id != nullptr ? corpus_id(*id) : std::nullopt;
    if (!corpusid) return skip(line, "no corpusid");
    const rapidjson::Value* abstract = member_or_null(document, "abstract");
    if (abstract == nullptr) return;  // a paper without an abstract
    if (!abstract->IsString()) return skip(line, "abstract must be a string");
    add(*corpusid, view_of(*abstract));
  }

  void finish() {
    if (skipped_ > kMaxNotes)
      notes_.push_back(note(0, 0, std::to_string(skipped_ - kMaxNotes) + " more lines skipped"));
  }

 private:
  void skip(const Line& line, std::string why) {
    if (++skipped_ <= kMaxNotes)
      notes_.push_back(note(line.number, line.offset, "abstracts line skipped: " + why));
  }

  Diagnostic note(std::uint64_t line, std::uint64_t offset, std::string message) const {
    return Diagnostic{Severity::warning, std::string(kFormat), path_, line, offset,
                      std::move(message)};
  }

  const std::string& path_;
  std::vector<Diagnostic>& notes_;
  std::string buffer_;
  std::size_t skipped_ = 0;
};

}  // namespace

AbstractIndex::AbstractIndex(const std::string& path, std::size_t max_line_bytes,
                             std::vector<Diagnostic>& notes)
    : path_(path), spill_(std::tmpfile()) {
  if (spill_ == nullptr)
    throw IoError("cannot create a temporary file for the abstracts of '" + path +
                  "': " + std::strerror(errno));
  FileSource file(path);
  LineSplitter splitter(max_line_bytes);
  AbstractLines lines(path, notes);
  const auto add = [this](std::uint64_t id, std::string_view text) { this->add(id, text); };
  const auto on_line = [&](const Line& line) { lines.line(line, max_line_bytes, add); };
  for (std::string_view chunk = file.next(); !chunk.empty(); chunk = file.next())
    splitter.feed(chunk, on_line);
  splitter.finish(on_line);
  lines.finish();
  if (std::fflush(spill_) != 0)
    throw IoError("cannot write the abstracts of '" + path + "' to a temporary file");
  // Stable: a repeated corpusid keeps the abstract read first.
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.corpusid < b.corpusid; });
  entries_.shrink_to_fit();
}

AbstractIndex::~AbstractIndex() {
  if (spill_ != nullptr) std::fclose(spill_);
}

void AbstractIndex::add(std::uint64_t corpusid, std::string_view abstract) {
  if (abstract.empty() || abstract.size() > UINT32_MAX) return;
  const auto length = static_cast<std::uint32_t>(abstract.size());
  if (std::fwrite(&length, sizeof length, 1, spill_) != 1 ||
      std::fwrite(abstract.data(), 1, abstract.size(), spill_) != abstract.size())
    throw IoError("cannot write the abstracts of '" + path_ + "' to a temporary file");
  entries_.push_back(Entry{corpusid, spilled_});
  spilled_ += sizeof length + abstract.size();
}

std::optional<std::string> AbstractIndex::find(std::uint64_t corpusid) {
  const auto it =
      std::lower_bound(entries_.begin(), entries_.end(), corpusid,
                       [](const Entry& e, std::uint64_t id) { return e.corpusid < id; });
  if (it == entries_.end() || it->corpusid != corpusid) return std::nullopt;
  std::uint32_t length = 0;
  std::string text;
  bool ok = std::fseek(spill_, static_cast<long>(it->offset), SEEK_SET) == 0 &&
            std::fread(&length, sizeof length, 1, spill_) == 1;
  if (ok) {
    text.resize(length);
    ok = std::fread(text.data(), 1, length, spill_) == length;
  }
  if (!ok) throw IoError("cannot read back the abstracts of '" + path_ + "' from a temporary file");
  return text;
}

void AbstractJoin::record(Paper&& raw) {
  if (raw.abstract.empty()) {
    const auto id = raw.extra.find("corpusid");
    const auto corpusid = id != raw.extra.end() ? digits_value(id->second) : std::nullopt;
    if (corpusid) {
      if (auto abstract = index_->find(*corpusid)) raw.abstract = std::move(*abstract);
    }
  }
  next_.record(std::move(raw));
}

}  // namespace papersieve::detail
