// The shape read from a regex's pattern (regex_shape.hpp) and the windowed search built on it
// (regex_windows.hpp): hand-checked shapes, then random patterns over random texts, where every
// match RE2 reports must fit the shape and the windowed search must agree with RE2's own.
#define BOOST_TEST_MODULE regex_windows
#include <random>
#include <string>
#include <vector>

#include "rules/compile/regex_shape.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/match/regex_windows.hpp"
#include "test_support.hpp"

using namespace papersieve::rules;

namespace {

std::string bytes_of(const RegexShape& s) {
  std::string out;
  for (unsigned c = 0; c < 256; ++c)
    if (s.bytes[c]) out += static_cast<char>(c);
  return out;
}

bool has_high(const RegexShape& s) { return s.bytes[0xC3] && s.bytes[0x80] && s.bytes[0xFF]; }

}  // namespace

BOOST_AUTO_TEST_CASE(literal_with_word_boundaries) {
  const RegexShape s = regex_shape(R"(\bDPO\b)", false);
  BOOST_TEST(bytes_of(s) == "DOP");
  BOOST_TEST(s.required_byte == 'P');  // the rarest of D, P, O in English
  BOOST_TEST(s.min_length == 3u);
}

BOOST_AUTO_TEST_CASE(case_insensitive_letters_take_both_cases_and_fold_partners) {
  const RegexShape s = regex_shape(R"((?i)\bgpt-?4o?\b)", false);
  BOOST_TEST(bytes_of(s) == "-4GOPTgopt");
  BOOST_TEST(s.required_byte == '4');  // letters are not exact under (?i); `-` is optional
  BOOST_TEST(s.min_length == 4u);
  // k, s and i have fold partners outside ASCII (U+212A, U+017F): every high byte.
  BOOST_TEST(has_high(regex_shape("kelvin", true)));
  BOOST_TEST(!has_high(regex_shape("kelvin", false)));
  // A code point outside ASCII may fold to an ASCII letter.
  const RegexShape kelvin = regex_shape("(?i)\u212A", false);
  BOOST_TEST(kelvin.bytes['k']);
  BOOST_TEST(kelvin.bytes['K']);
}

BOOST_AUTO_TEST_CASE(quantifiers_set_the_least_length_and_drop_optional_bytes) {
  BOOST_TEST(regex_shape("x{2,}-", false).min_length == 3u);
  BOOST_TEST(regex_shape("ab{3}", false).min_length == 4u);
  BOOST_TEST(regex_shape("ab*", false).min_length == 1u);
  BOOST_TEST(regex_shape("ab*?c", false).min_length == 2u);
  BOOST_TEST(regex_shape("a\\b{2}", false).min_length == 1u);  // a repeat of \b is no byte
  BOOST_TEST(regex_shape("q?", false).required_byte == -1);
  BOOST_TEST(regex_shape("q{0,3}z", false).required_byte == 'z');
  BOOST_TEST(regex_shape("a{,3}", false).min_length == 5u);  // `{,3}` is literal text in RE2
  // A group's length is not read; a top-level `|` leaves neither length nor required byte.
  BOOST_TEST(regex_shape("(?:abc)+d", false).min_length == 1u);
  const RegexShape alt = regex_shape("zzz|qqq", false);
  BOOST_TEST(alt.min_length == 0u);
  BOOST_TEST(alt.required_byte == -1);
  BOOST_TEST(bytes_of(alt) == "qz");
}

BOOST_AUTO_TEST_CASE(classes_and_escapes) {
  BOOST_TEST(bytes_of(regex_shape(R"(\d)", false)) == "0123456789");
  BOOST_TEST(bytes_of(regex_shape(R"([a-c\]x-])", false)) == "-]abcx");
  BOOST_TEST(bytes_of(regex_shape(R"([]a])", false)) == "]a");
  BOOST_TEST(bytes_of(regex_shape(R"(\Q.*\E)", false)) == "*.");
  BOOST_TEST(bytes_of(regex_shape(R"(\x41\x{42}\101)", false)) == "AB");
  BOOST_TEST(bytes_of(regex_shape(R"([[:digit:]])", false)).size() == 128u);
  const RegexShape negated = regex_shape("[^a-z]", false);
  BOOST_TEST(!negated.bytes['a']);
  BOOST_TEST(negated.bytes['A']);
  BOOST_TEST(has_high(negated));
  BOOST_TEST(!regex_shape(R"(\S+)", false).bytes[' ']);
  BOOST_TEST(regex_shape(R"(\S+)", false).bytes['\v']);  // RE2's \s leaves out \v
  for (const char* whole : {".", R"(\pL)", R"(\p{Greek})", R"(\C)", "[^[:alpha:]]", R"([^\D])"})
    BOOST_TEST(!regex_shape(whole, false).bounded(), whole);
  BOOST_TEST(has_high(regex_shape("é", false)));
  BOOST_TEST(has_high(regex_shape("[à-ü]", false)));
}

BOOST_AUTO_TEST_CASE(groups_and_flags) {
  const RegexShape s = regex_shape(R"((?P<v>v\d+)(?<w>x)(?s:y)(?-i:Z))", false);
  BOOST_TEST(bytes_of(s) == "0123456789Zvxy");
  BOOST_TEST(s.min_length == 0u);  // groups only
  BOOST_TEST(regex_shape("(?i:q)", false).bytes['Q']);
}

BOOST_AUTO_TEST_CASE(word_start_is_the_literal_after_a_leading_word_boundary) {
  BOOST_TEST(regex_shape(R"(\bDPO\b)", false).word_start == "dpo");
  BOOST_TEST(regex_shape(R"((?i)\bhil(?:s|es)?\b)", false).word_start == "hil");
  BOOST_TEST(regex_shape(R"(\btrea[a-z]*ing\b)", false).word_start == "trea");
  BOOST_TEST(regex_shape(R"(\b\x41b7)", false).word_start == "ab7");
  BOOST_TEST(regex_shape(R"(\bab+c)", false).word_start == "a");    // b is repeated
  BOOST_TEST(regex_shape(R"(\bab?c)", false).word_start == "a");    // b is optional
  BOOST_TEST(regex_shape(R"(\ba{2}b)", false).word_start == "");    // "aa", not "a"
  BOOST_TEST(regex_shape(R"(\b?ab)", false).word_start == "");      // no boundary for sure
  BOOST_TEST(regex_shape(R"(\Bab)", false).word_start == "");       // a non-boundary
  BOOST_TEST(regex_shape(R"(a\bb)", false).word_start == "");       // not leading
  BOOST_TEST(regex_shape(R"(\bab|cd)", false).word_start == "");    // a top-level |
  BOOST_TEST(regex_shape(R"(\b_ab)", false).word_start == "");      // _ is no letter or digit
  BOOST_TEST(regex_shape(R"(\b(?:ab)c)", false).word_start == "");  // a group first
  BOOST_TEST(regex_shape(R"(\b\Qab\E.)", false).word_start == "ab");
  BOOST_TEST(begins_word("x ab", 2));
  BOOST_TEST(begins_word("ab", 0));
  BOOST_TEST(begins_word("-ab", 1));
  BOOST_TEST(!begins_word("xab", 1));
  BOOST_TEST(!begins_word("_ab", 1));
  BOOST_TEST(!begins_word("9ab", 1));
}

// Every position of the byte, in order, whatever the text's length (16-byte steps, then the
// tail) and the byte (>= 0x80 included).
BOOST_AUTO_TEST_CASE(byte_occurrences_are_every_position) {
  std::mt19937 rng(5);
  const std::string alphabet = "-a \xc3\xa9\xff";
  for (int round = 0; round < 2000; ++round) {
    std::string text(rng() % 80, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    const auto b = static_cast<unsigned char>(alphabet[rng() % alphabet.size()]);
    std::vector<Occurrence> at;
    byte_occurrences(text, b, at);
    std::vector<std::uint32_t> expected, got;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (static_cast<unsigned char>(text[i]) == b)
        expected.push_back(static_cast<std::uint32_t>(i));
    for (const Occurrence& o : at) {
      BOOST_TEST_REQUIRE(o.end == o.start + 1);
      got.push_back(o.start);
    }
    BOOST_TEST_REQUIRE(got == expected, "byte " << int(b) << " in \"" << text << "\"");
  }
}

BOOST_AUTO_TEST_CASE(windows_find_what_the_whole_search_finds) {
  const RE2 re(R"(\b[A-Z]{2,}-\d+\b)");
  const RegexShape s = regex_shape(re.pattern(), false);
  BOOST_REQUIRE(s.required_byte == '-');
  auto windowed = [&](std::string_view text) {
    std::vector<Occurrence> at;
    byte_occurrences(text, '-', at);
    return match_in_windows(re, s, text, at);
  };
  BOOST_TEST(windowed("we train GPT-4 on text-to-image pairs"));
  BOOST_TEST(!windowed("we train gpt-4 on text-to-image pairs"));
  BOOST_TEST(!windowed("xGPT-4"));  // \b reads the byte before the window
  BOOST_TEST(!windowed("GPT-4x"));  // ... and the one after
  BOOST_TEST(windowed("(ViT-B, ViT-L, ABC-12)"));
  // Past the window limit the rest of the field is searched at once.
  std::string many;
  for (int i = 0; i < 40; ++i) many += "a-b ";
  BOOST_TEST(!windowed(many));
  BOOST_TEST(windowed(many + "ZZ-9"));
}

namespace {

using Positions = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Positions window_matches(const RE2& re, const RegexShape& s, std::string_view text,
                         const std::vector<Occurrence>& at) {
  Positions out;
  matches_in_windows(re, s, text, at, out);
  return out;
}

Positions start_matches(const RE2& re, std::string_view text, const std::vector<Occurrence>& at) {
  Positions out;
  matches_at_starts(re, text, at, out);
  return out;
}

// Random patterns from pieces of RE2 syntax, and texts over an alphabet that meets them.
const std::vector<std::string> kPieces = {
    "a",     "b",     "K",        "s",    "-",           " ",      "é", "\\d", "\\w", "\\s", "\\S",
    "\\W",   "[a-c]", "[^ab]",    "[-x]", "[[:upper:]]", "\\.",    ".", "\\b", "\\B", "^",   "$",
    "\\x41", "[é-ü]", "\\Qa.\\E", "ſ",    "\\pL",        "[\\d_]", "k", "ab",  "0",   "_"};
const std::vector<std::string> kQuantifiers = {"",    "",      "",     "?",  "*", "+",
                                               "{2}", "{1,3}", "{2,}", "??", "+?"};
const std::vector<std::string> kText = {"a", "b", "A", "B", "k", "K", "s", "S", "\u212A", "ſ",
                                        "é", "É", "-", " ", "0", "9", "_", ".", "x",      "\n"};

std::string random_pattern(std::mt19937_64& rng, int depth = 0) {
  std::uniform_int_distribution<int> d(0, 99);
  std::string p;
  if (depth == 0 && d(rng) < 25) p += "(?i)";
  const int items = 1 + d(rng) % 5;
  for (int k = 0; k < items; ++k) {
    const int roll = d(rng);
    if (roll < 12 && depth < 2) {
      p += (d(rng) < 50 ? "(?:" : "(") + random_pattern(rng, depth + 1) + ")";
    } else if (roll < 16 && depth < 2) {
      p += "(?i:" + random_pattern(rng, depth + 1) + ")";
    } else {
      p += kPieces[static_cast<std::size_t>(d(rng)) % kPieces.size()];
    }
    p += kQuantifiers[static_cast<std::size_t>(d(rng)) % kQuantifiers.size()];
    if (d(rng) < 8) p += "|";
  }
  return p;
}

std::string random_text(std::mt19937_64& rng) {
  std::uniform_int_distribution<std::size_t> pick(0, kText.size() - 1), length(0, 40);
  std::string s;
  for (std::size_t n = length(rng); n-- > 0;) s += kText[pick(rng)];
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(matches_from_known_starts_are_those_of_the_whole_search) {
  const RE2 re(R"((?i)\bgpt-?4o?\b)");
  const std::string text = "GPT, gpt4o and GPT-4 beat gpt-5; gpt4x gpt-4o.";
  std::vector<Occurrence> starts;  // "gpt" at word starts, as regex_anchors gives them
  for (std::size_t p = 0; (p = text.find_first_of("gG", p)) != std::string::npos; ++p)
    if (begins_word(text, static_cast<std::uint32_t>(p)))
      starts.push_back({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + 3)});
  BOOST_REQUIRE(starts.size() == 6u);
  const auto got = start_matches(re, text, starts);
  BOOST_TEST((got == regex_matches(re, text)));
  // The starts without a match (the first, "gpt-5", "gpt4x") give none and move nothing.
  BOOST_TEST_REQUIRE(got.size() == 3u);
  BOOST_TEST(text.substr(got[0].first, got[0].second - got[0].first) == "gpt4o");
  BOOST_TEST(text.substr(got[2].first, got[2].second - got[2].first) == "gpt-4o");
}

BOOST_AUTO_TEST_CASE(random_patterns_fit_their_shape_and_windows_agree) {
  std::mt19937_64 rng(20261126);
  std::size_t checked = 0, windowed = 0, matched = 0, filtered = 0, unfiltered = 0, from_starts = 0;
  const std::vector<std::string> kWordStarts = {"\\bab", "\\bkab", "\\bs0", "\\bAB", "\\bba"};
  for (int round = 0; round < 4000; ++round) {
    // A third open with \b and a literal: their windows open at word starts only.
    const std::string pattern =
        (round % 3 == 0 ? kWordStarts[static_cast<std::size_t>(round) % kWordStarts.size()] : "") +
        random_pattern(rng);
    Term term;
    term.kind = TermKind::regex;
    term.text = pattern;
    term.case_insensitive = round % 7 == 0;
    std::unique_ptr<RE2> re;
    try {
      re = compile_regex(term, 8 << 20);
    } catch (const std::invalid_argument&) {
      continue;  // RE2 refused it: the lexer only reads accepted patterns
    }
    const RegexShape s = regex_shape(pattern, term.case_insensitive);
    const RegexGate gate = regex_gate(term);
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_text(rng);
      ++checked;
      for (const auto& [start, end] : regex_matches(*re, text)) {
        ++matched;
        const std::string_view m = std::string_view(text).substr(start, end - start);
        BOOST_TEST(m.size() >= s.min_length, pattern << " on \"" << text << "\"");
        for (char c : m)
          BOOST_TEST(s.bytes[static_cast<unsigned char>(c)], pattern << " holds byte " << int(c));
        if (s.required_byte >= 0)
          BOOST_TEST(m.find(static_cast<char>(s.required_byte)) != std::string_view::npos,
                     pattern << " on \"" << text << "\"");
      }
      // Windows around the required byte, or around the gate literals where no code point folds
      // to ASCII: the verdict of the whole search.
      std::vector<Occurrence> at;
      std::string first;  // the literal that begins the word start, if one does
      if (s.required_byte >= 0) {
        byte_occurrences(text, static_cast<unsigned char>(s.required_byte), at);
      } else if (gate.gated && !text_folds_to_ascii(text)) {
        std::string lowered = text;
        for (char& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        // As regex_anchors does: only the literal that begins the word start, where one does,
        // at word starts.
        for (const auto& list : {gate.all, gate.any})
          for (const std::string& literal : list)
            if (s.word_start.compare(0, literal.size(), literal) == 0) first = literal;
        ++(first.empty() ? unfiltered : filtered);
        for (const auto& list : {gate.all, gate.any})
          for (const std::string& literal : list)
            for (auto p = lowered.find(literal); p != std::string::npos;
                 p = lowered.find(literal, p + 1))
              if (first.empty() ||
                  (literal == first && begins_word(text, static_cast<std::uint32_t>(p))))
                at.push_back({static_cast<std::uint32_t>(p),
                              static_cast<std::uint32_t>(p + literal.size())});
        std::sort(at.begin(), at.end(),
                  [](const Occurrence& x, const Occurrence& y) { return x.start < y.start; });
      } else {
        continue;
      }
      ++windowed;
      BOOST_TEST(match_in_windows(*re, s, text, at) == RE2::PartialMatch(text, *re),
                 pattern << " on \"" << text << "\"");
      BOOST_TEST((window_matches(*re, s, text, at) == regex_matches(*re, text)),
                 pattern << " positions on \"" << text << "\"");
      // Where only the word-start literal's occurrences were kept, they are every match's start.
      if (s.required_byte < 0 && !first.empty()) {
        ++from_starts;
        BOOST_TEST((start_matches(*re, text, at) == regex_matches(*re, text)),
                   pattern << " positions from starts on \"" << text << "\"");
      }
    }
  }
  BOOST_TEST(checked > 20000u);
  BOOST_TEST(windowed > 5000u);
  BOOST_TEST(matched > 20000u);
  BOOST_TEST(filtered > 800u);  // texts searched from word starts only
  BOOST_TEST(unfiltered > 400u);
  BOOST_TEST(from_starts > 800u);
}
