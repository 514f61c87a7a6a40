// BibTeX and BibLaTeX files: entries from an '@' at the start of a line to the
// '}' (or ')') that closes it; text between entries is a comment. An entry is
// held whole (up to max_record_bytes) and then read by read_bib_entry. One that
// is not closed before the next "@type{" line is rejected there, and reading
// goes on with that entry (docs/formats.md, "Input: bibtex").
#include "parse/bibtex_reader.hpp"

#include <string>
#include <vector>

#include "parse/bibtex_entry.hpp"
#include "parse/bibtex_record.hpp"
#include "parse/line_splitter.hpp"

namespace papersieve::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && is_blank(text[at])) ++at;
  return at;
}

}  // namespace

bool starts_bib_entry(std::string_view text) {
  std::size_t at = skip_blanks(text, 0);
  if (at >= text.size() || text[at] != '@') return false;
  const std::size_t type = ++at;
  while (at < text.size() && is_letter(text[at])) ++at;
  if (at == type) return false;
  at = skip_blanks(text, at);
  return at < text.size() && (text[at] == '{' || text[at] == '(');
}

namespace {

class BibtexReader final : public Reader {
 public:
  BibtexReader(const SourceInfo& source, RecordSink& sink)
      : emitter_(source, sink), splitter_(source.max_record_bytes) {}

  void feed(std::string_view chunk) override {
    if (head_.size() < 3) {  // LineSplitter drops a BOM: offsets on line 1 move by 3
      head_.append(chunk.substr(0, 3 - head_.size()));
      bom_ = head_ == "\xEF\xBB\xBF";
    }
    splitter_.feed(chunk, [this](const Line& line) { on_line(line); });
  }

  void finish() override {
    splitter_.finish([this](const Line& line) { on_line(line); });
    if (state_ == State::type || state_ == State::body) unclosed("before the end of the input");
    if (entries_ == 0) emitter_.note(Position{1, 0}, "no BibTeX \"@type{...}\" entries found");
  }

 private:
  enum class State { between, type, body, skipping };

  void on_line(const Line& line) {
    if (line.overlong) return overlong(line);
    if (state_ != State::between && starts_bib_entry(line.text)) {
      if (state_ != State::skipping)
        unclosed("before the next entry at line " + std::to_string(line.number));
      state_ = State::between;
    }
    if (state_ != State::skipping) scan(line);
  }

  // Walks the line: finds entry starts between entries and the closing delimiter inside one.
  void scan(const Line& line) {
    const std::string_view text = line.text;
    const std::uint64_t offset = line.offset + (line.number == 1 && bom_ ? 3 : 0);
    std::size_t piece = 0;  // where this line's part of the entry starts
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (state_ == State::between) {
        if (is_blank(c)) continue;
        if (c != '@') return;  // text between entries
        start_entry(Position{line.number, offset + i});
        piece = i;
      } else if (state_ == State::type) {
        const TypeStep step = type_step(c);
        if (step == TypeStep::stray) {
          emitter_.note(start_, "'@' not followed by an entry type; skipped");
          state_ = State::between;
          return;
        }
        if (step == TypeStep::bad) {
          append(text.substr(piece, i - piece), Position{line.number, offset + piece});
          return reject_entry(Position{line.number, offset + i},
                              "expected '{' or '(' after the entry type");
        }
      } else if (closes(c)) {
        append(text.substr(piece, i + 1 - piece), Position{line.number, offset + piece});
        end_entry();
      }
    }
    if (state_ == State::type || state_ == State::body) {
      append(text.substr(piece), Position{line.number, offset + piece});
      append("\n", Position{line.number, offset + text.size()});
    }
  }

  enum class TypeStep { more, stray, bad };

  // Between '@' and the opening delimiter: the type name, blanks around it.
  TypeStep type_step(char c) {
    if ((c == '{' || c == '(') && type_length_ > 0) {
      closer_ = c == '{' ? '}' : ')';
      state_ = State::body;
      ++entries_;
    } else if (is_letter(c) && !type_ended_) {
      ++type_length_;
    } else if (is_blank(c) && type_length_ > 0) {
      type_ended_ = true;
    } else {
      return type_length_ == 0 && c != '{' && c != '(' ? TypeStep::stray : TypeStep::bad;
    }
    return TypeStep::more;
  }

  // Brace depth (and quotes, in an entry delimited by parentheses) up to the
  // closer; the '{' that opened the entry is not counted.
  bool closes(char c) {
    switch (c) {
      case '{': ++depth_; return false;
      case '}':
        if (depth_ == 0) return closer_ == '}';
        --depth_;
        return false;
      case '"':
        if (depth_ == 0) quoted_ = !quoted_;
        return false;
      case ')': return closer_ == ')' && depth_ == 0 && !quoted_;
      default: return false;
    }
  }

  void start_entry(Position where) {
    state_ = State::type;
    start_ = where;
    text_.clear();
    pieces_.clear();
    oversize_ = false;
    type_length_ = 0;
    type_ended_ = false;
    depth_ = 0;
    quoted_ = false;
  }

  void append(std::string_view piece, Position where) {
    if (oversize_ || piece.empty()) return;
    if (text_.size() + piece.size() > splitter_.limit()) {
      oversize_ = true;  // rejected at its end; never held whole
      return;
    }
    pieces_.push_back(Piece{text_.size(), where});
    text_.append(piece);
  }

  void end_entry() {
    state_ = State::between;
    if (oversize_) return emitter_.reject(start_, oversize_record_message(splitter_.limit()));
    BibEntry entry = read_bib_entry(text_, macros_);
    if (!entry.error.empty()) {
      return emitter_.reject(where(entry.error_at), label() + ": " + entry.error + "; skipped");
    }
    if (is_bib_directive(entry.type)) {
      for (const auto& note : entry.notes) emitter_.note(start_, note);
      return;  // not a reference: neither a paper nor a rejected record
    }
    RecordReport report;
    Paper paper = paper_from_bib_entry(entry, report);
    emitter_.emit(std::move(paper), report, start_);
  }

  void unclosed(const std::string& where) {
    reject_entry(start_, state_ == State::type ? "no '{' or '(' after the entry type " + where
                                               : "not closed (unbalanced braces): no matching '" +
                                                     std::string(1, closer_) + "' " + where);
    state_ = State::between;
  }

  void reject_entry(Position at, const std::string& message) {
    if (state_ == State::type) ++entries_;  // a record, if a broken one
    emitter_.reject(at, label() + ": " + message + "; skipped up to the next entry");
    state_ = State::skipping;
  }

  void overlong(const Line& line) {
    const std::string message = overlong_line_message(line, splitter_.limit());
    if (state_ == State::type || state_ == State::body) {
      reject_entry(Position{line.number, line.offset}, message);
    } else if (state_ == State::between && starts_bib_entry(line.text)) {
      ++entries_;
      emitter_.reject(Position{line.number, line.offset}, message);
      state_ = State::skipping;
    }  // else text between entries
  }

  // "entry @article{smith2020" from the start of the entry text.
  std::string label() const {
    std::string_view head = std::string_view(text_).substr(0, 80);
    head = head.substr(0, head.find_first_of(",\n"));
    return "entry " + std::string(head);
  }

  // Line and byte offset of a position in the entry text.
  Position where(std::size_t at) const {
    Position found = start_;
    for (const Piece& p : pieces_) {
      if (p.at > at) break;
      found = Position{p.where.line, p.where.offset + (at - p.at)};
    }
    return found;
  }

  struct Piece {
    std::size_t at;  // in text_
    Position where;  // in the input
  };

  RecordEmitter emitter_;
  LineSplitter splitter_;
  BibMacros macros_;
  State state_ = State::between;
  Position start_;
  std::string text_;  // the current entry
  std::vector<Piece> pieces_;
  bool oversize_ = false;
  std::size_t type_length_ = 0;
  bool type_ended_ = false;
  char closer_ = '}';
  int depth_ = 0;
  bool quoted_ = false;
  std::uint64_t entries_ = 0;
  std::string head_;
  bool bom_ = false;
};

}  // namespace

std::unique_ptr<Reader> make_bibtex_reader(const SourceInfo& source, RecordSink& sink) {
  return std::make_unique<BibtexReader>(source, sink);
}

}  // namespace papersieve::detail
