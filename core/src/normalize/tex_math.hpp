// TeX math -> Unicode text, where Unicode says it exactly (docs/formats.md, "TeX and math").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace papersieve::tex {

// How a math symbol macro is written out.
enum class MathKind : std::uint8_t {
  ordinary,        // \alpha -> α, as it is
  spaced,          // \pm \le \to: a space on both sides when the source has one on either side
  big_operator,    // \sum \int: rendered alone; with limits (_ or ^ after it) not renderable
  limit_operator,  // \lim \max: its name; with limits not renderable
  operator_name,   // \sin \log: its name, a space before it after a letter or digit
  sizing,          // \left \big \displaystyle: nothing (\left. drops the dot)
};

struct MathSymbol {
  std::string_view name;  // without the backslash
  std::string_view text;  // UTF-8
  MathKind kind;
};

// The symbol macro of that name, or nullptr (one binary search in a sorted table).
const MathSymbol* find_math_symbol(std::string_view name);

// The whole table, in name order (tests check that every text is NFC).
std::size_t math_symbol_count();
const MathSymbol& math_symbol_at(std::size_t i);

// True for a name find_math_symbol knows or a math command (\bar, \mathbb, \sqrt, \cal, ...).
bool is_math_macro(std::string_view name);

// Renders the math text[begin, end) (without its $ delimiters) and appends it to `out`; false,
// with `out` as it was, when some of it has no exact Unicode form (\frac, \sum_{..}, an
// author's own macro, a subscript Unicode lacks that is more than one word, ...). Characters
// after `end` are only looked at to space a relation like \le or \pm. What it appends is NFC
// (accents are composed, the tables hold NFC text): rendered ASCII TeX needs no to_nfc.
bool render_math(std::string_view text, std::size_t begin, std::size_t end, std::string& out);

// The length of a bare math macro (outside $..$) at text[pos] == '\\', with its argument
// (\bar\theta, \mathbb{Z}, \sqrt{2}); \cal takes the rest up to `end`. 0 when the name is no
// math macro render_math knows, or a text font switch (\rm, \bf: text handles those).
std::size_t math_macro_length(std::string_view text, std::size_t pos, std::size_t end);

}  // namespace papersieve::tex
