// TeX math -> Unicode (tex_math.hpp). All-or-nothing per formula: a formula renders when
// every part of it has an exact Unicode form, otherwise the caller keeps it as written.
#include "normalize/tex_math.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <optional>

#include "papersieve/normalize.hpp"

namespace papersieve::tex {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Nested groups and arguments deeper than this are not rendered (hostile input).
constexpr int kMaxDepth = 16;

// Formulas longer than this are kept as written: inline math in abstracts is short, and the
// bound keeps the cost of each formula (or bare macro) tried independent of the text's size.
constexpr std::size_t kMaxFormula = 1024;

// Sorted by name (byte order), checked at compile time below.
constexpr std::array<MathSymbol, 304> kMathSymbols = {{
    {"Big", "", MathKind::sizing},
    {"Bigg", "", MathKind::sizing},
    {"Biggl", "", MathKind::sizing},
    {"Biggr", "", MathKind::sizing},
    {"Bigl", "", MathKind::sizing},
    {"Bigr", "", MathKind::sizing},
    {"Box", "\u25A1", MathKind::ordinary},
    {"Delta", "\u0394", MathKind::ordinary},
    {"Diamond", "\u25C7", MathKind::ordinary},
    {"Downarrow", "\u21D3", MathKind::spaced},
    {"Finv", "\u2132", MathKind::ordinary},
    {"Gamma", "\u0393", MathKind::ordinary},
    {"Im", "\u2111", MathKind::ordinary},
    {"Lambda", "\u039B", MathKind::ordinary},
    {"Leftarrow", "\u21D0", MathKind::spaced},
    {"Leftrightarrow", "\u21D4", MathKind::spaced},
    {"Longleftarrow", "\u27F8", MathKind::spaced},
    {"Longleftrightarrow", "\u27FA", MathKind::spaced},
    {"Longrightarrow", "\u27F9", MathKind::spaced},
    {"Omega", "\u03A9", MathKind::ordinary},
    {"P", "\u00B6", MathKind::ordinary},
    {"Phi", "\u03A6", MathKind::ordinary},
    {"Pi", "\u03A0", MathKind::ordinary},
    {"Pr", "Pr", MathKind::limit_operator},
    {"Psi", "\u03A8", MathKind::ordinary},
    {"Re", "\u211C", MathKind::ordinary},
    {"Rightarrow", "\u21D2", MathKind::spaced},
    {"S", "\u00A7", MathKind::ordinary},
    {"Sigma", "\u03A3", MathKind::ordinary},
    {"Theta", "\u0398", MathKind::ordinary},
    {"Uparrow", "\u21D1", MathKind::spaced},
    {"Upsilon", "\u03A5", MathKind::ordinary},
    {"Vert", "\u2016", MathKind::ordinary},
    {"Xi", "\u039E", MathKind::ordinary},
    {"aleph", "\u2135", MathKind::ordinary},
    {"alpha", "\u03B1", MathKind::ordinary},
    {"angle", "\u2220", MathKind::ordinary},
    {"approx", "\u2248", MathKind::spaced},
    {"arccos", "arccos", MathKind::operator_name},
    {"arcsin", "arcsin", MathKind::operator_name},
    {"arctan", "arctan", MathKind::operator_name},
    {"arg", "arg", MathKind::operator_name},
    {"ast", "\u2217", MathKind::ordinary},
    {"asymp", "\u224D", MathKind::spaced},
    {"because", "\u2235", MathKind::ordinary},
    {"beta", "\u03B2", MathKind::ordinary},
    {"beth", "\u2136", MathKind::ordinary},
    {"big", "", MathKind::sizing},
    {"bigcap", "\u22C2", MathKind::big_operator},
    {"bigcup", "\u22C3", MathKind::big_operator},
    {"bigg", "", MathKind::sizing},
    {"biggl", "", MathKind::sizing},
    {"biggr", "", MathKind::sizing},
    {"bigl", "", MathKind::sizing},
    {"bigoplus", "\u2A01", MathKind::big_operator},
    {"bigotimes", "\u2A02", MathKind::big_operator},
    {"bigr", "", MathKind::sizing},
    {"bigsqcup", "\u2A06", MathKind::big_operator},
    {"biguplus", "\u2A04", MathKind::big_operator},
    {"bigvee", "\u22C1", MathKind::big_operator},
    {"bigwedge", "\u22C0", MathKind::big_operator},
    {"bot", "\u22A5", MathKind::ordinary},
    {"bullet", "\u2022", MathKind::ordinary},
    {"cap", "\u2229", MathKind::spaced},
    {"cdot", "\u22C5", MathKind::spaced},
    {"cdots", "\u22EF", MathKind::ordinary},
    {"checkmark", "\u2713", MathKind::ordinary},
    {"chi", "\u03C7", MathKind::ordinary},
    {"circ", "\u2218", MathKind::ordinary},
    {"colon", ":", MathKind::ordinary},
    {"coloneqq", "\u2254", MathKind::spaced},
    {"cong", "\u2245", MathKind::spaced},
    {"coprod", "\u2210", MathKind::big_operator},
    {"copyright", "\u00A9", MathKind::ordinary},
    {"cos", "cos", MathKind::operator_name},
    {"cosh", "cosh", MathKind::operator_name},
    {"cot", "cot", MathKind::operator_name},
    {"coth", "coth", MathKind::operator_name},
    {"csc", "csc", MathKind::operator_name},
    {"cup", "\u222A", MathKind::spaced},
    {"dag", "\u2020", MathKind::ordinary},
    {"dagger", "\u2020", MathKind::ordinary},
    {"dashv", "\u22A3", MathKind::spaced},
    {"ddag", "\u2021", MathKind::ordinary},
    {"ddagger", "\u2021", MathKind::ordinary},
    {"ddots", "\u22F1", MathKind::ordinary},
    {"deg", "deg", MathKind::operator_name},
    {"degree", "\u00B0", MathKind::ordinary},
    {"delta", "\u03B4", MathKind::ordinary},
    {"det", "det", MathKind::limit_operator},
    {"diamond", "\u22C4", MathKind::ordinary},
    {"digamma", "\u03DD", MathKind::ordinary},
    {"dim", "dim", MathKind::operator_name},
    {"displaystyle", "", MathKind::sizing},
    {"div", "\u00F7", MathKind::spaced},
    {"doteq", "\u2250", MathKind::spaced},
    {"dots", "\u2026", MathKind::ordinary},
    {"downarrow", "\u2193", MathKind::spaced},
    {"ell", "\u2113", MathKind::ordinary},
    {"emptyset", "\u2205", MathKind::ordinary},
    {"epsilon", "\u03F5", MathKind::ordinary},
    {"equiv", "\u2261", MathKind::spaced},
    {"eta", "\u03B7", MathKind::ordinary},
    {"eth", "\u00F0", MathKind::ordinary},
    {"euro", "\u20AC", MathKind::ordinary},
    {"exists", "\u2203", MathKind::ordinary},
    {"exp", "exp", MathKind::operator_name},
    {"flat", "\u266D", MathKind::ordinary},
    {"forall", "\u2200", MathKind::ordinary},
    {"gamma", "\u03B3", MathKind::ordinary},
    {"gcd", "gcd", MathKind::limit_operator},
    {"ge", "\u2265", MathKind::spaced},
    {"geq", "\u2265", MathKind::spaced},
    {"geqslant", "\u2A7E", MathKind::spaced},
    {"gets", "\u2190", MathKind::spaced},
    {"gg", "\u226B", MathKind::spaced},
    {"gtrsim", "\u2273", MathKind::spaced},
    {"hbar", "\u210F", MathKind::ordinary},
    {"hom", "hom", MathKind::operator_name},
    {"hookleftarrow", "\u21A9", MathKind::ordinary},
    {"hookrightarrow", "\u21AA", MathKind::spaced},
    {"hslash", "\u210F", MathKind::ordinary},
    {"iff", "\u27FA", MathKind::spaced},
    {"iiint", "\u222D", MathKind::big_operator},
    {"iint", "\u222C", MathKind::big_operator},
    {"imath", "\u0131", MathKind::ordinary},
    {"implies", "\u27F9", MathKind::spaced},
    {"in", "\u2208", MathKind::spaced},
    {"inf", "inf", MathKind::limit_operator},
    {"infty", "\u221E", MathKind::ordinary},
    {"int", "\u222B", MathKind::big_operator},
    {"iota", "\u03B9", MathKind::ordinary},
    {"jmath", "\u0237", MathKind::ordinary},
    {"kappa", "\u03BA", MathKind::ordinary},
    {"ker", "ker", MathKind::operator_name},
    {"lVert", "\u2016", MathKind::ordinary},
    {"lambda", "\u03BB", MathKind::ordinary},
    {"land", "\u2227", MathKind::spaced},
    {"langle", "\u27E8", MathKind::ordinary},
    {"lbrace", "{", MathKind::ordinary},
    {"lbrack", "[", MathKind::ordinary},
    {"lceil", "\u2308", MathKind::ordinary},
    {"ldots", "\u2026", MathKind::ordinary},
    {"le", "\u2264", MathKind::spaced},
    {"left", "", MathKind::sizing},
    {"leftarrow", "\u2190", MathKind::spaced},
    {"leftrightarrow", "\u2194", MathKind::spaced},
    {"leftrightarrows", "\u21C6", MathKind::spaced},
    {"leq", "\u2264", MathKind::spaced},
    {"leqslant", "\u2A7D", MathKind::spaced},
    {"lessgtr", "\u2276", MathKind::spaced},
    {"lesssim", "\u2272", MathKind::spaced},
    {"lfloor", "\u230A", MathKind::ordinary},
    {"lg", "lg", MathKind::operator_name},
    {"lim", "lim", MathKind::limit_operator},
    {"liminf", "liminf", MathKind::limit_operator},
    {"limits", "", MathKind::sizing},
    {"limsup", "limsup", MathKind::limit_operator},
    {"ll", "\u226A", MathKind::spaced},
    {"ln", "ln", MathKind::operator_name},
    {"lnot", "\u00AC", MathKind::ordinary},
    {"log", "log", MathKind::operator_name},
    {"longleftarrow", "\u27F5", MathKind::spaced},
    {"longleftrightarrow", "\u27F7", MathKind::spaced},
    {"longmapsto", "\u27FC", MathKind::spaced},
    {"longrightarrow", "\u27F6", MathKind::spaced},
    {"lor", "\u2228", MathKind::spaced},
    {"ltimes", "\u22C9", MathKind::spaced},
    {"lvert", "|", MathKind::ordinary},
    {"mapsto", "\u21A6", MathKind::spaced},
    {"max", "max", MathKind::limit_operator},
    {"mho", "\u2127", MathKind::ordinary},
    {"mid", "\u2223", MathKind::spaced},
    {"min", "min", MathKind::limit_operator},
    {"models", "\u22A8", MathKind::spaced},
    {"mp", "\u2213", MathKind::spaced},
    {"mu", "\u03BC", MathKind::ordinary},
    {"nabla", "\u2207", MathKind::ordinary},
    {"natural", "\u266E", MathKind::ordinary},
    {"ne", "\u2260", MathKind::spaced},
    {"nearrow", "\u2197", MathKind::spaced},
    {"neg", "\u00AC", MathKind::ordinary},
    {"neq", "\u2260", MathKind::spaced},
    {"nexists", "\u2204", MathKind::ordinary},
    {"ngeq", "\u2271", MathKind::spaced},
    {"ngtr", "\u226F", MathKind::spaced},
    {"ni", "\u220B", MathKind::spaced},
    {"nleq", "\u2270", MathKind::spaced},
    {"nless", "\u226E", MathKind::spaced},
    {"nmid", "\u2224", MathKind::spaced},
    {"nolimits", "", MathKind::sizing},
    {"notin", "\u2209", MathKind::spaced},
    {"nsim", "\u2241", MathKind::spaced},
    {"nu", "\u03BD", MathKind::ordinary},
    {"nwarrow", "\u2196", MathKind::spaced},
    {"odot", "\u2299", MathKind::spaced},
    {"oint", "\u222E", MathKind::big_operator},
    {"omega", "\u03C9", MathKind::ordinary},
    {"omicron", "\u03BF", MathKind::ordinary},
    {"ominus", "\u2296", MathKind::spaced},
    {"oplus", "\u2295", MathKind::spaced},
    {"oslash", "\u2298", MathKind::spaced},
    {"otimes", "\u2297", MathKind::spaced},
    {"parallel", "\u2225", MathKind::spaced},
    {"partial", "\u2202", MathKind::ordinary},
    {"perp", "\u22A5", MathKind::spaced},
    {"phi", "\u03D5", MathKind::ordinary},
    {"pi", "\u03C0", MathKind::ordinary},
    {"pm", "\u00B1", MathKind::spaced},
    {"pounds", "\u00A3", MathKind::ordinary},
    {"prec", "\u227A", MathKind::spaced},
    {"preceq", "\u2AAF", MathKind::spaced},
    {"prime", "\u2032", MathKind::ordinary},
    {"prod", "\u220F", MathKind::big_operator},
    {"propto", "\u221D", MathKind::spaced},
    {"psi", "\u03C8", MathKind::ordinary},
    {"qquad", " ", MathKind::ordinary},
    {"quad", " ", MathKind::ordinary},
    {"rVert", "\u2016", MathKind::ordinary},
    {"rangle", "\u27E9", MathKind::ordinary},
    {"rbrace", "}", MathKind::ordinary},
    {"rbrack", "]", MathKind::ordinary},
    {"rceil", "\u2309", MathKind::ordinary},
    {"rfloor", "\u230B", MathKind::ordinary},
    {"rho", "\u03C1", MathKind::ordinary},
    {"right", "", MathKind::sizing},
    {"rightarrow", "\u2192", MathKind::spaced},
    {"rightleftarrows", "\u21C4", MathKind::spaced},
    {"rightleftharpoons", "\u21CC", MathKind::spaced},
    {"rtimes", "\u22CA", MathKind::spaced},
    {"rvert", "|", MathKind::ordinary},
    {"scriptstyle", "", MathKind::sizing},
    {"searrow", "\u2198", MathKind::spaced},
    {"sec", "sec", MathKind::operator_name},
    {"setminus", "\u2216", MathKind::spaced},
    {"sharp", "\u266F", MathKind::ordinary},
    {"sigma", "\u03C3", MathKind::ordinary},
    {"sim", "\u223C", MathKind::spaced},
    {"simeq", "\u2243", MathKind::spaced},
    {"sin", "sin", MathKind::operator_name},
    {"sinh", "sinh", MathKind::operator_name},
    {"sqcap", "\u2293", MathKind::spaced},
    {"sqcup", "\u2294", MathKind::spaced},
    {"sqsubseteq", "\u2291", MathKind::spaced},
    {"sqsupseteq", "\u2292", MathKind::spaced},
    {"square", "\u25A1", MathKind::ordinary},
    {"star", "\u22C6", MathKind::ordinary},
    {"subset", "\u2282", MathKind::spaced},
    {"subseteq", "\u2286", MathKind::spaced},
    {"subsetneq", "\u228A", MathKind::spaced},
    {"succ", "\u227B", MathKind::spaced},
    {"succeq", "\u2AB0", MathKind::spaced},
    {"sum", "\u2211", MathKind::big_operator},
    {"sup", "sup", MathKind::limit_operator},
    {"supset", "\u2283", MathKind::spaced},
    {"supseteq", "\u2287", MathKind::spaced},
    {"supsetneq", "\u228B", MathKind::spaced},
    {"surd", "\u221A", MathKind::ordinary},
    {"swarrow", "\u2199", MathKind::spaced},
    {"tan", "tan", MathKind::operator_name},
    {"tanh", "tanh", MathKind::operator_name},
    {"tau", "\u03C4", MathKind::ordinary},
    {"textasciitilde", "~", MathKind::ordinary},
    {"textbullet", "\u2022", MathKind::ordinary},
    {"textcopyright", "\u00A9", MathKind::ordinary},
    {"textdegree", "\u00B0", MathKind::ordinary},
    {"textemdash", "\u2014", MathKind::ordinary},
    {"textendash", "\u2013", MathKind::ordinary},
    {"texteuro", "\u20AC", MathKind::ordinary},
    {"textparagraph", "\u00B6", MathKind::ordinary},
    {"textperiodcentered", "\u00B7", MathKind::ordinary},
    {"textregistered", "\u00AE", MathKind::ordinary},
    {"textsection", "\u00A7", MathKind::ordinary},
    {"textsterling", "\u00A3", MathKind::ordinary},
    {"textstyle", "", MathKind::sizing},
    {"texttrademark", "\u2122", MathKind::ordinary},
    {"therefore", "\u2234", MathKind::ordinary},
    {"theta", "\u03B8", MathKind::ordinary},
    {"times", "\u00D7", MathKind::spaced},
    {"to", "\u2192", MathKind::spaced},
    {"top", "\u22A4", MathKind::ordinary},
    {"triangle", "\u25B3", MathKind::ordinary},
    {"triangleq", "\u225C", MathKind::spaced},
    {"uparrow", "\u2191", MathKind::spaced},
    {"updownarrow", "\u2195", MathKind::spaced},
    {"uplus", "\u228E", MathKind::spaced},
    {"upsilon", "\u03C5", MathKind::ordinary},
    {"varepsilon", "\u03B5", MathKind::ordinary},
    {"varkappa", "\u03F0", MathKind::ordinary},
    {"varnothing", "\u2205", MathKind::ordinary},
    {"varphi", "\u03C6", MathKind::ordinary},
    {"varpi", "\u03D6", MathKind::ordinary},
    {"varrho", "\u03F1", MathKind::ordinary},
    {"varsigma", "\u03C2", MathKind::ordinary},
    {"vartheta", "\u03D1", MathKind::ordinary},
    {"vdash", "\u22A2", MathKind::spaced},
    {"vdots", "\u22EE", MathKind::ordinary},
    {"vee", "\u2228", MathKind::spaced},
    {"vert", "|", MathKind::ordinary},
    {"wedge", "\u2227", MathKind::spaced},
    {"wp", "\u2118", MathKind::ordinary},
    {"wr", "\u2240", MathKind::spaced},
    {"xi", "\u03BE", MathKind::ordinary},
    {"zeta", "\u03B6", MathKind::ordinary},
}};

enum class CommandKind : std::uint8_t {
  accent,           // \bar{x} -> x + combining mark
  alphabet,         // \mathbb{Z} -> ℤ
  alphabet_switch,  // {\cal K} -> 𝒦: the rest of the group
  unwrap,           // \mathrm{x} \text{x} -> x
  unwrap_switch,    // {\rm x} -> x
  root,             // \sqrt{2} -> √2
};

enum class Alphabet : std::uint8_t { none, double_struck, script, fraktur };

struct Command {
  std::string_view name;
  CommandKind kind;
  char32_t mark;  // accent: the combining mark
  Alphabet alphabet;
};

constexpr std::array<Command, 45> kCommands = {{
    {"Bbb", CommandKind::alphabet, 0, Alphabet::double_struck},
    {"acute", CommandKind::accent, 0x0301, Alphabet::none},
    {"bar", CommandKind::accent, 0x0304, Alphabet::none},
    {"bf", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"bm", CommandKind::unwrap, 0, Alphabet::none},
    {"boldsymbol", CommandKind::unwrap, 0, Alphabet::none},
    {"breve", CommandKind::accent, 0x0306, Alphabet::none},
    {"cal", CommandKind::alphabet_switch, 0, Alphabet::script},
    {"check", CommandKind::accent, 0x030C, Alphabet::none},
    {"ddot", CommandKind::accent, 0x0308, Alphabet::none},
    {"dot", CommandKind::accent, 0x0307, Alphabet::none},
    {"em", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"emph", CommandKind::unwrap, 0, Alphabet::none},
    {"grave", CommandKind::accent, 0x0300, Alphabet::none},
    {"hat", CommandKind::accent, 0x0302, Alphabet::none},
    {"hbox", CommandKind::unwrap, 0, Alphabet::none},
    {"it", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"mathbb", CommandKind::alphabet, 0, Alphabet::double_struck},
    {"mathbbm", CommandKind::alphabet, 0, Alphabet::double_struck},
    {"mathbf", CommandKind::unwrap, 0, Alphabet::none},
    {"mathcal", CommandKind::alphabet, 0, Alphabet::script},
    {"mathfrak", CommandKind::alphabet, 0, Alphabet::fraktur},
    {"mathit", CommandKind::unwrap, 0, Alphabet::none},
    {"mathnormal", CommandKind::unwrap, 0, Alphabet::none},
    {"mathring", CommandKind::accent, 0x030A, Alphabet::none},
    {"mathrm", CommandKind::unwrap, 0, Alphabet::none},
    {"mathscr", CommandKind::alphabet, 0, Alphabet::script},
    {"mathsf", CommandKind::unwrap, 0, Alphabet::none},
    {"mathtt", CommandKind::unwrap, 0, Alphabet::none},
    {"mbox", CommandKind::unwrap, 0, Alphabet::none},
    {"mit", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"operatorname", CommandKind::unwrap, 0, Alphabet::none},
    {"overline", CommandKind::accent, 0x0305, Alphabet::none},
    {"rm", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"sf", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"sqrt", CommandKind::root, 0, Alphabet::none},
    {"text", CommandKind::unwrap, 0, Alphabet::none},
    {"textbf", CommandKind::unwrap, 0, Alphabet::none},
    {"textit", CommandKind::unwrap, 0, Alphabet::none},
    {"textrm", CommandKind::unwrap, 0, Alphabet::none},
    {"textsf", CommandKind::unwrap, 0, Alphabet::none},
    {"tilde", CommandKind::accent, 0x0303, Alphabet::none},
    {"tt", CommandKind::unwrap_switch, 0, Alphabet::none},
    {"vec", CommandKind::accent, 0x20D7, Alphabet::none},
    {"widehat", CommandKind::accent, 0x0302, Alphabet::none},
}};

struct ScriptForm {
  char32_t plain, script;
};

// Superscript forms Unicode has (sorted by `plain`): digits, signs, parentheses, the Latin
// letters but q (capitals but C F Q S X Y Z), a few Greek; primes, * and † are raised already.
constexpr std::array<ScriptForm, 75> kSuperscripts = {{
    {'(', 0x207D},    {')', 0x207E},    {'*', '*'},       {'+', 0x207A},    {'-', 0x207B},
    {'0', 0x2070},    {'1', 0x00B9},    {'2', 0x00B2},    {'3', 0x00B3},    {'4', 0x2074},
    {'5', 0x2075},    {'6', 0x2076},    {'7', 0x2077},    {'8', 0x2078},    {'9', 0x2079},
    {'=', 0x207C},    {'A', 0x1D2C},    {'B', 0x1D2E},    {'D', 0x1D30},    {'E', 0x1D31},
    {'G', 0x1D33},    {'H', 0x1D34},    {'I', 0x1D35},    {'J', 0x1D36},    {'K', 0x1D37},
    {'L', 0x1D38},    {'M', 0x1D39},    {'N', 0x1D3A},    {'O', 0x1D3C},    {'P', 0x1D3E},
    {'R', 0x1D3F},    {'T', 0x1D40},    {'U', 0x1D41},    {'V', 0x2C7D},    {'W', 0x1D42},
    {'a', 0x1D43},    {'b', 0x1D47},    {'c', 0x1D9C},    {'d', 0x1D48},    {'e', 0x1D49},
    {'f', 0x1DA0},    {'g', 0x1D4D},    {'h', 0x02B0},    {'i', 0x2071},    {'j', 0x02B2},
    {'k', 0x1D4F},    {'l', 0x02E1},    {'m', 0x1D50},    {'n', 0x207F},    {'o', 0x1D52},
    {'p', 0x1D56},    {'r', 0x02B3},    {'s', 0x02E2},    {'t', 0x1D57},    {'u', 0x1D58},
    {'v', 0x1D5B},    {'w', 0x02B7},    {'x', 0x02E3},    {'y', 0x02B8},    {'z', 0x1DBB},
    {0x03B2, 0x1D5D}, {0x03B3, 0x1D5E}, {0x03B4, 0x1D5F}, {0x03B8, 0x1DBF}, {0x03C6, 0x1D60},
    {0x03C7, 0x1D61}, {0x03D5, 0x1D60}, {0x2020, 0x2020}, {0x2032, 0x2032}, {0x2033, 0x2033},
    {0x2034, 0x2034}, {0x2212, 0x207B}, {0x2217, '*'},    {0x2218, 0x00B0}, {0x22C6, '*'},
}};

// Subscript forms Unicode has (sorted by `plain`).
constexpr std::array<ScriptForm, 38> kSubscripts = {{
    {'(', 0x208D},    {')', 0x208E},    {'+', 0x208A},    {'-', 0x208B},    {'0', 0x2080},
    {'1', 0x2081},    {'2', 0x2082},    {'3', 0x2083},    {'4', 0x2084},    {'5', 0x2085},
    {'6', 0x2086},    {'7', 0x2087},    {'8', 0x2088},    {'9', 0x2089},    {'=', 0x208C},
    {'a', 0x2090},    {'e', 0x2091},    {'h', 0x2095},    {'i', 0x1D62},    {'j', 0x2C7C},
    {'k', 0x2096},    {'l', 0x2097},    {'m', 0x2098},    {'n', 0x2099},    {'o', 0x2092},
    {'p', 0x209A},    {'r', 0x1D63},    {'s', 0x209B},    {'t', 0x209C},    {'u', 0x1D64},
    {'v', 0x1D65},    {'x', 0x2093},    {0x03B2, 0x1D66}, {0x03B3, 0x1D67}, {0x03C1, 0x1D68},
    {0x03C6, 0x1D69}, {0x03C7, 0x1D6A}, {0x2212, 0x208B},
}};

template <typename T, std::size_t N, typename Key>
constexpr bool sorted_by(const std::array<T, N>& table, Key key) {
  for (std::size_t i = 1; i < N; ++i)
    if (!(key(table[i - 1]) < key(table[i]))) return false;
  return true;
}
static_assert(sorted_by(kMathSymbols, [](const MathSymbol& s) { return s.name; }));
static_assert(sorted_by(kCommands, [](const Command& c) { return c.name; }));
static_assert(sorted_by(kSuperscripts, [](const ScriptForm& s) { return s.plain; }));
static_assert(sorted_by(kSubscripts, [](const ScriptForm& s) { return s.plain; }));

template <typename T, std::size_t N, typename Key, typename K>
const T* find_sorted(const std::array<T, N>& table, const K& wanted, Key key) {
  const auto it = std::lower_bound(table.begin(), table.end(), wanted,
                                   [&](const T& entry, const K& k) { return key(entry) < k; });
  return it != table.end() && key(*it) == wanted ? &*it : nullptr;
}

const Command* find_command(std::string_view name) {
  return find_sorted(kCommands, name, [](const Command& c) { return c.name; });
}

template <std::size_t N>
std::optional<char32_t> script_form(const std::array<ScriptForm, N>& table, char32_t plain) {
  const ScriptForm* form = find_sorted(table, plain, [](const ScriptForm& s) { return s.plain; });
  if (form == nullptr) return std::nullopt;
  return form->script;
}

// The letter in a Unicode math alphabet; the letters Unicode had before (ℤ, ℛ, ℭ, ...) are
// holes in the Mathematical Alphanumeric Symbols block and are taken from Letterlike Symbols.
std::optional<char32_t> alphabet_letter(Alphabet alphabet, char32_t c) {
  struct Hole {
    char32_t letter, code_point;
  };
  static constexpr std::array<Hole, 7> kDoubleStruck = {{{'C', 0x2102},
                                                         {'H', 0x210D},
                                                         {'N', 0x2115},
                                                         {'P', 0x2119},
                                                         {'Q', 0x211A},
                                                         {'R', 0x211D},
                                                         {'Z', 0x2124}}};
  static constexpr std::array<Hole, 11> kScript = {{{'B', 0x212C},
                                                    {'E', 0x2130},
                                                    {'F', 0x2131},
                                                    {'H', 0x210B},
                                                    {'I', 0x2110},
                                                    {'L', 0x2112},
                                                    {'M', 0x2133},
                                                    {'R', 0x211B},
                                                    {'e', 0x212F},
                                                    {'g', 0x210A},
                                                    {'o', 0x2134}}};
  static constexpr std::array<Hole, 5> kFraktur = {
      {{'C', 0x212D}, {'H', 0x210C}, {'I', 0x2111}, {'R', 0x211C}, {'Z', 0x2128}}};
  const auto hole = [c](const auto& holes) -> std::optional<char32_t> {
    for (const Hole& h : holes)
      if (h.letter == c) return h.code_point;
    return std::nullopt;
  };
  const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
  switch (alphabet) {
    case Alphabet::double_struck:
      if (auto h = hole(kDoubleStruck)) return h;
      if (upper) return 0x1D538 + (c - 'A');
      if (lower) return 0x1D552 + (c - 'a');
      if (c >= '0' && c <= '9') return 0x1D7D8 + (c - '0');
      return std::nullopt;
    case Alphabet::script:
      if (auto h = hole(kScript)) return h;
      if (upper) return 0x1D49C + (c - 'A');
      if (lower) return 0x1D4B6 + (c - 'a');
      return std::nullopt;
    case Alphabet::fraktur:
      if (auto h = hole(kFraktur)) return h;
      if (upper) return 0x1D504 + (c - 'A');
      if (lower) return 0x1D51E + (c - 'a');
      return std::nullopt;
    case Alphabet::none: break;
  }
  return std::nullopt;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void append_code_point(std::string& out, char32_t code_point) {
  utf8proc_uint8_t buffer[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
}

// The code points of valid UTF-8 text, or nullopt.
std::optional<std::u32string> code_points(std::string_view text) {
  std::u32string points;
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp = -1;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + i,
                                    static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) return std::nullopt;
    points.push_back(static_cast<char32_t>(cp));
    i += static_cast<std::size_t>(n);
  }
  return points;
}

bool is_word_code_point(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ND: return true;
    default: return false;
  }
}

// One symbol or one word (letters, digits, marks): what may follow _ or ^ written out when
// Unicode has no script form for it ("Λ_α", "V_rot"), as plain-text math writes it.
bool is_one_word(const std::u32string& points) {
  return points.size() == 1 || std::all_of(points.begin(), points.end(), is_word_code_point);
}

class MathRenderer {
 public:
  MathRenderer(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}

  // Renders text_[pos_, end) into out; false when something has no exact form.
  bool sequence(std::size_t end, int depth, std::string& out) {
    if (depth > kMaxDepth) return false;
    while (pos_ < end)
      if (!atom(end, depth, out)) return false;
    return true;
  }

  std::size_t pos() const { return pos_; }

  // A macro with its argument, then nothing else: how far it reaches (npos when unknown).
  std::size_t macro_extent(std::size_t end) {
    std::string ignored;
    return macro(end, 0, ignored) ? pos_ : npos;
  }

 private:
  bool atom(std::size_t end, int depth, std::string& out) {
    const char c = text_[pos_];
    switch (c) {
      case '\\': return macro(end, depth, out);
      case '{': return group(end, depth, out);
      case '^':
      case '_': return script(c, end, depth, out);
      case '\'': return primes(end, out);
      case '~': out += ' ', ++pos_; return true;
      case '}':
      case '&':  // alignment: an array
      case '#':
      case '%':
      case '$': return false;
      default: out += c, ++pos_; return true;
    }
  }

  std::size_t closing_brace(std::size_t open, std::size_t end) const {
    int level = 0;
    for (std::size_t i = open; i < end; ++i) {
      if (text_[i] == '\\') {
        ++i;
      } else if (text_[i] == '{') {
        ++level;
      } else if (text_[i] == '}' && --level == 0) {
        return i;
      }
    }
    return npos;
  }

  // {..}: grouping only, drawn as its content.
  bool group(std::size_t end, int depth, std::string& out) {
    const std::size_t close = closing_brace(pos_, end);
    if (close == npos) return false;
    ++pos_;
    if (!sequence(close, depth + 1, out)) return false;
    pos_ = close + 1;
    return true;
  }

  // f' f'' -> f′ f″
  bool primes(std::size_t end, std::string& out) {
    std::size_t n = 0;
    while (pos_ < end && text_[pos_] == '\'') ++pos_, ++n;
    if (n > 3) return false;
    append_code_point(out, n == 1 ? 0x2032 : n == 2 ? 0x2033 : 0x2034);
    return true;
  }

  void skip_spaces(std::size_t end) {
    while (pos_ < end && is_space(text_[pos_])) ++pos_;
  }

  // The argument of ^, _ or a command: a group's content, one macro, or one character.
  bool argument(std::size_t end, int depth, std::string& arg) {
    if (depth > kMaxDepth) return false;
    skip_spaces(end);
    if (pos_ >= end) return false;
    const char c = text_[pos_];
    if (c == '{') return group(end, depth, arg);
    if (c == '\\') return macro(end, depth + 1, arg);
    if (c == '}' || c == '^' || c == '_' || c == '&' || c == '$' || c == '#' || c == '%')
      return false;
    std::size_t n = 1;  // one UTF-8 character
    while (pos_ + n < end && (static_cast<unsigned char>(text_[pos_ + n]) & 0xC0) == 0x80) ++n;
    arg.append(text_, pos_, n);
    pos_ += n;
    return true;
  }

  // x^2 -> x², x_{ij} -> xᵢⱼ; x_α -> "x_α" where Unicode lacks the form and it is one word.
  bool script(char kind, std::size_t end, int depth, std::string& out) {
    ++pos_;
    std::string arg;
    if (!argument(end, depth + 1, arg)) return false;
    arg.erase(std::remove_if(arg.begin(), arg.end(), is_space), arg.end());
    const auto points = code_points(arg);
    if (!points) return false;
    std::string forms;
    bool all = true;
    for (const char32_t cp : *points) {
      const auto form = kind == '^' ? script_form(kSuperscripts, cp) : script_form(kSubscripts, cp);
      if (!form) {
        all = false;
        break;
      }
      append_code_point(forms, *form);
    }
    if (all) {
      out += forms;
      return true;
    }
    if (!is_one_word(*points)) return false;
    out += kind;
    out += arg;
    return true;
  }

  bool macro(std::size_t end, int depth, std::string& out) {
    if (pos_ + 1 >= end) return false;
    const std::size_t start = pos_;
    if (!is_letter(text_[pos_ + 1])) return control_symbol(out);
    std::size_t name_end = pos_ + 1;
    while (name_end < end && is_letter(text_[name_end])) ++name_end;
    const std::string_view name = text_.substr(start + 1, name_end - start - 1);
    pos_ = name_end;
    // Spaces after a control word end its name (TeX drops them) before a letter, digit or
    // macro ("\alpha x" is αx); before anything else they are the author's ("\epsilon = 1").
    const bool space_after = pos_ < text_.size() && is_space(text_[pos_]);
    std::size_t next = pos_;
    while (next < end && is_space(text_[next])) ++next;
    const MathSymbol* symbol = find_math_symbol(name);
    const bool ends_name =
        next == end || is_letter(text_[next]) || is_digit(text_[next]) || text_[next] == '\\';
    if (ends_name || symbol == nullptr || symbol->kind != MathKind::ordinary) pos_ = next;
    if (symbol != nullptr) return math_symbol(*symbol, space_after, end, out);
    if (const Command* command = find_command(name))
      return this->command(*command, end, depth, out);
    return false;
  }

  bool control_symbol(std::string& out) {
    const char c = text_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case ',':
      case ';':
      case ':':
      case ' ': out += ' '; return true;
      case '!': return true;
      case '{':
      case '}':
      case '%':
      case '&':
      case '#':
      case '_':
      case '$': out += c; return true;
      case '|': append_code_point(out, 0x2016); return true;
      default: return false;  // \\ (a new row) and the rest
    }
  }

  bool limits_follow(std::size_t end) {
    std::size_t i = pos_;
    while (i < end && is_space(text_[i])) ++i;
    return i < end && (text_[i] == '_' || text_[i] == '^' || text_.substr(i, 7) == "\\limits");
  }

  bool math_symbol(const MathSymbol& symbol, bool space_after, std::size_t end, std::string& out) {
    switch (symbol.kind) {
      case MathKind::ordinary: out += symbol.text; return true;
      case MathKind::spaced: {
        const bool spaced = (!out.empty() && out.back() == ' ') || space_after;
        if (spaced && !out.empty() && out.back() != ' ') out += ' ';
        out += symbol.text;
        if (spaced) out += ' ';
        return true;
      }
      case MathKind::big_operator:
        if (limits_follow(end)) return false;
        out += symbol.text;
        return true;
      case MathKind::limit_operator:
        if (limits_follow(end)) return false;
        [[fallthrough]];
      case MathKind::operator_name:  // a word between words: "m log n"
        if (!out.empty() && (is_letter(out.back()) || is_digit(out.back()))) out += ' ';
        out += symbol.text;
        if (pos_ < end && (is_letter(text_[pos_]) || is_digit(text_[pos_]) || text_[pos_] == '\\'))
          out += ' ';
        return true;
      case MathKind::sizing:
        if (pos_ < end && text_[pos_] == '.') ++pos_;  // \left. : no delimiter
        return true;
    }
    return false;
  }

  bool command(const Command& command, std::size_t end, int depth, std::string& out) {
    switch (command.kind) {
      case CommandKind::unwrap: return argument(end, depth + 1, out);
      case CommandKind::unwrap_switch: return true;  // the rest of the group goes on as it is
      case CommandKind::accent: {
        std::string base;
        if (!argument(end, depth + 1, base)) return false;
        const auto points = code_points(base);
        if (!points || points->size() != 1 || !is_word_code_point(points->front())) return false;
        append_code_point(base, command.mark);
        out += to_nfc(base);  // x̄ stays two code points, ā is one
        return true;
      }
      case CommandKind::alphabet:
      case CommandKind::alphabet_switch: {
        std::string letters;
        const bool ok = command.kind == CommandKind::alphabet ? argument(end, depth + 1, letters)
                                                              : sequence(end, depth + 1, letters);
        if (!ok) return false;
        for (const char c : letters) {
          if (is_space(c)) continue;
          const auto letter = alphabet_letter(command.alphabet, static_cast<unsigned char>(c));
          if (!letter) return false;
          append_code_point(out, *letter);
        }
        return true;
      }
      case CommandKind::root: {
        skip_spaces(end);
        char32_t sign = 0x221A;
        if (pos_ < end && text_[pos_] == '[') {  // \sqrt[3]{x} -> ∛x, \sqrt[4]{x} -> ∜x
          if (text_.substr(pos_, 3) == "[3]") {
            sign = 0x221B;
          } else if (text_.substr(pos_, 3) == "[4]") {
            sign = 0x221C;
          } else {
            return false;
          }
          pos_ += 3;
        }
        std::string radicand;
        if (!argument(end, depth + 1, radicand)) return false;
        const auto points = code_points(radicand);
        if (!points || points->empty() || !is_one_word(*points)) return false;
        append_code_point(out, sign);
        out += radicand;
        return true;
      }
    }
    return false;
  }

  std::string_view text_;
  std::size_t pos_;
};

}  // namespace

const MathSymbol* find_math_symbol(std::string_view name) {
  // The run of names with the same first letter, then a binary search in it (a few compares).
  struct Run {
    std::uint16_t begin = 0, end = 0;
  };
  static constexpr std::array<Run, 128> kByFirstLetter = [] {
    std::array<Run, 128> runs{};
    for (std::size_t i = 0; i < kMathSymbols.size(); ++i) {
      Run& run = runs[static_cast<unsigned char>(kMathSymbols[i].name[0]) & 0x7F];
      if (run.end == 0) run.begin = static_cast<std::uint16_t>(i);
      run.end = static_cast<std::uint16_t>(i + 1);
    }
    return runs;
  }();
  if (name.empty() || static_cast<unsigned char>(name[0]) >= 0x80) return nullptr;
  const Run run = kByFirstLetter[static_cast<unsigned char>(name[0])];
  const auto first = kMathSymbols.begin() + run.begin, last = kMathSymbols.begin() + run.end;
  const auto it = std::lower_bound(
      first, last, name, [](const MathSymbol& s, std::string_view n) { return s.name < n; });
  return it != last && it->name == name ? &*it : nullptr;
}

std::size_t math_symbol_count() { return kMathSymbols.size(); }

const MathSymbol& math_symbol_at(std::size_t i) { return kMathSymbols.at(i); }

bool is_math_macro(std::string_view name) {
  return find_math_symbol(name) != nullptr || find_command(name) != nullptr;
}

bool render_math(std::string_view text, std::size_t begin, std::size_t end, std::string& out) {
  if (end - begin > kMaxFormula) return false;
  const std::size_t size = out.size();
  MathRenderer renderer(text, begin);
  if (renderer.sequence(end, 0, out)) return true;
  out.resize(size);
  return false;
}

std::size_t math_macro_length(std::string_view text, std::size_t pos, std::size_t end) {
  end = std::min(end, pos + kMaxFormula);
  std::size_t name_end = pos + 1;
  while (name_end < end && is_letter(text[name_end])) ++name_end;
  const std::string_view name = text.substr(pos + 1, name_end - pos - 1);
  if (find_math_symbol(name) != nullptr) return name_end - pos;
  const Command* command = find_command(name);
  if (command == nullptr) return 0;
  // Text has its own font switches ({\rm x}); {\cal K} takes the rest of its group.
  if (command->kind == CommandKind::unwrap_switch) return 0;
  if (command->kind == CommandKind::alphabet_switch) return end - pos;
  MathRenderer renderer(text, pos);
  const std::size_t extent = renderer.macro_extent(end);
  return extent == npos ? 0 : extent - pos;
}

}  // namespace papersieve::tex
