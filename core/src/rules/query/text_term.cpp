// Literal text to a term: the words between separators; '*' may only end the
// last word (a prefix). Shared by bare query words, quoted phrases and the
// `keywords` of rule files, so all three read text the same way.
#include <utility>

#include "rules/query/characters.hpp"
#include "rules/query/parser.hpp"

namespace papersieve::rules {

namespace {

struct Piece {
  std::size_t start = 0;
  std::size_t end = 0;
};

std::vector<Piece> split_words(std::string_view raw) {
  std::vector<Piece> words;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    if (std::size_t n = separator_at(raw, pos)) {
      pos += n;
      continue;
    }
    Piece word{pos, pos};
    while (word.end < raw.size() && separator_at(raw, word.end) == 0)
      word.end += codepoint_length(raw, word.end);
    words.push_back(word);
    pos = word.end;
  }
  return words;
}

// Throws for a '*' anywhere but at the very end of the last word.
void check_stars(std::string_view raw, const std::vector<Piece>& words, std::uint32_t column) {
  for (std::size_t w = 0; w < words.size(); ++w) {
    const Piece& word = words[w];
    for (std::size_t i = word.start; i < word.end; ++i) {
      if (raw[i] != '*') continue;
      const bool last = w + 1 == words.size() && i + 1 == word.end;
      if (last && i > word.start) continue;
      const std::uint32_t at = column + codepoints_between(raw, 0, i);
      if (word.end - word.start == 1) throw QueryError(at, "lone \"*\": write prefix* instead");
      throw QueryError(at, "\"*\" can only end the last word (prompt*, \"diffusion model*\")");
    }
  }
}

}  // namespace

Term text_term(std::string_view raw, std::uint32_t column, std::string_view if_empty) {
  const std::vector<Piece> pieces = split_words(raw);
  if (pieces.empty()) throw QueryError(column, std::string(if_empty));
  check_stars(raw, pieces, column);
  Term term;
  term.column = column;
  for (const Piece& piece : pieces)
    term.words.emplace_back(raw.substr(piece.start, piece.end - piece.start));
  std::string& last = term.words.back();
  const bool prefix = last.back() == '*';
  if (prefix) last.pop_back();
  if (term.words.size() == 1) {
    term.kind = prefix ? TermKind::prefix : TermKind::word;
    term.text = std::move(last);
    term.words.clear();
    return term;
  }
  term.kind = TermKind::phrase;
  term.last_word_prefix = prefix;
  for (const std::string& word : term.words) {
    if (!term.text.empty()) term.text += ' ';
    term.text += word;
  }
  return term;
}

}  // namespace papersieve::rules
