// The page is a sequence of papers, each a title line then an abstract line,
// optionally with metadata lines (date, upvotes, URL, authors count, submitter)
// either before each title ("leading" layout) or after each abstract
// ("trailing"); the first metadata line seen decides which. Before the first
// paper there may be a page header ending in a "Subscribe" button that the copy
// glues to the first title. Lines that are neither are reported, never glued.
#include "parse/hf_text_reader.hpp"

#include <string>
#include <vector>

#include "papersieve/normalize.hpp"
#include "parse/hf_text_lines.hpp"
#include "parse/line_splitter.hpp"

namespace papersieve::detail {
namespace {

constexpr std::size_t kMaxTitleBytes = 400;      // longer lines are abstracts
constexpr std::size_t kMaxShortLineBytes = 200;  // a short line may be a title
constexpr std::size_t kMaxHeaderLines = 64;      // header search window

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A short line with no sentence ending reads as a title, not as an abstract.
bool reads_as_title(std::string_view line) {
  if (line.size() > kMaxShortLineBytes) return false;
  const char last = line.back();
  if (last == '.' || last == '!' || last == '?') return false;
  return line.find(". ") == std::string_view::npos;
}

struct OwnedLine {
  std::string text;
  std::uint64_t number;
  std::uint64_t offset;
};

class HfTextReader final : public Reader {
 public:
  HfTextReader(const SourceInfo& source, RecordSink& sink)
      : source_(source), sink_(sink), splitter_(source.max_record_bytes) {}

  void feed(std::string_view chunk) override {
    splitter_.feed(chunk, [this](const Line& line) { on_line(line); });
  }

  void finish() override {
    splitter_.finish([this](const Line& line) { on_line(line); });
    end_header(std::nullopt);
    if (has_title_) {
      emit_current();
    } else if (has_metadata_) {
      note(metadata_line_, metadata_offset_, "metadata lines at the end belong to no paper");
    }
  }

 private:
  enum class Layout { unknown, leading, trailing };

  void on_line(const Line& line) {
    if (line.overlong)
      return reject(line.number, line.offset, overlong_line_message(line, splitter_.limit()));
    if (in_header_) {
      header_line(line);
    } else {
      body_line(line);
    }
  }

  // Until the glued "Subscribe" shows the header's end, lines are held back; if
  // it never comes (or a line too long for a header shows up), they are replayed
  // as body lines, so a page without the usual header loses nothing.
  void header_line(const Line& line) {
    const std::string_view text = trim(line.text);
    if (text == "Subscribe") {  // the button on a line of its own ends the header too
      in_header_ = false;
      held_.clear();
      return;
    }
    if (auto title = strip_glued_subscribe(text)) {
      in_header_ = false;
      held_.clear();
      body_line(Line{*title, line.number, line.offset + (title->data() - line.text.data())});
      return;
    }
    if (text.size() > kMaxTitleBytes || held_.size() >= kMaxHeaderLines) {
      end_header(line);
      return;
    }
    held_.push_back(OwnedLine{std::string(line.text), line.number, line.offset});
  }

  void end_header(std::optional<Line> current) {
    if (!in_header_) return;
    in_header_ = false;
    std::vector<OwnedLine> held;
    held.swap(held_);
    for (const auto& h : held) body_line(Line{h.text, h.number, h.offset});
    if (current) body_line(*current);
  }

  void body_line(const Line& line) {
    const std::string_view text = trim(line.text);
    if (text.empty() || is_hf_boilerplate(text)) return;
    if (expect_submitter_) {
      expect_submitter_ = false;
      if (text.size() <= 100 && text.find(' ') == std::string_view::npos) {
        current_.submitter = std::string(text);
        return;
      }
    }
    if (auto meta = parse_hf_metadata(text)) {
      metadata(*meta, line);
      return;
    }
    paper_text(text, line);
  }

  void metadata(const HfMetadata& meta, const Line& line) {
    if (layout_ == Layout::unknown) layout_ = has_title_ ? Layout::trailing : Layout::leading;
    if (layout_ == Layout::leading && has_abstract_) emit_current();
    Paper& target = current_;
    if (!has_title_ && !has_metadata_) {
      metadata_line_ = line.number;
      metadata_offset_ = line.offset;
    }
    has_metadata_ = true;
    if (!meta.published.empty()) target.published = meta.published;
    if (meta.upvotes) target.upvotes = meta.upvotes;
    if (!meta.submitter.empty()) target.submitter = meta.submitter;
    expect_submitter_ = meta.submitter_follows;
    if (!meta.url.empty()) {
      target.links.push_back(Link{meta.url, LinkKind::paper});
      if (!meta.arxiv_id.empty()) {
        target.arxiv_id = meta.arxiv_id;
        target.version = meta.version;
      }
    }
  }

  void paper_text(std::string_view text, const Line& line) {
    if (!has_title_) {
      start_paper(text, line);
    } else if (!has_abstract_ && !reads_as_title(text)) {
      current_.abstract = std::string(text);
      has_abstract_ = true;
    } else {
      emit_current();
      start_paper(text, line);
    }
  }

  void start_paper(std::string_view text, const Line& line) {
    if (text.size() > kMaxTitleBytes) {
      reject(line.number, line.offset,
             "expected a title line, found " + std::to_string(text.size()) +
                 " bytes of text (an abstract without its title?)");
      return;
    }
    current_.title = std::string(text);
    current_.source =
        SourceRef{std::string(format_name(source_.format)), source_.name, line.number, line.offset};
    has_title_ = true;
  }

  void emit_current() {
    if (!has_abstract_) {
      note(current_.source.line, current_.source.byte_offset,
           "title \"" + utf8_excerpt(current_.title, 60) + "\" has no abstract line");
    }
    sink_.record(std::move(current_));
    current_ = Paper{};
    has_title_ = has_abstract_ = has_metadata_ = false;
  }

  Diagnostic diagnostic(Severity severity, std::uint64_t line, std::uint64_t offset,
                        std::string message) const {
    return Diagnostic{severity,     std::string(format_name(source_.format)),
                      source_.name, line,
                      offset,       std::move(message)};
  }
  void reject(std::uint64_t line, std::uint64_t offset, std::string message) {
    sink_.reject(diagnostic(Severity::error, line, offset, std::move(message)));
  }
  void note(std::uint64_t line, std::uint64_t offset, std::string message) {
    sink_.note(diagnostic(Severity::warning, line, offset, std::move(message)));
  }

  SourceInfo source_;
  RecordSink& sink_;
  LineSplitter splitter_;
  bool in_header_ = true;
  std::vector<OwnedLine> held_;
  Layout layout_ = Layout::unknown;
  Paper current_;
  bool has_title_ = false;
  bool has_abstract_ = false;
  bool has_metadata_ = false;
  bool expect_submitter_ = false;
  std::uint64_t metadata_line_ = 0;
  std::uint64_t metadata_offset_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_hf_text_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<HfTextReader>(source, sink);
}

}  // namespace papersieve::detail
