// The scan for gate literals (literal_index.hpp) against a plain search: every occurrence of every
// literal, overlapping ones included, in each build of the scan. Literal sets small enough for the
// AVX-512 pair filter and large enough to send it to the hashed tables; texts built around
// the literals, with near misses (one byte changed) and bytes past the text's end that would
// complete a literal.
#define BOOST_TEST_MODULE literal_index
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rules/compile/literal_index.hpp"
#include "rules/match/folded_text.hpp"
#include "test_support.hpp"

using namespace papersieve::rules;

namespace {

const std::string kLiteralBytes = "abcdefghijklmnopqrstuvwxyz0123456789";

std::vector<LiteralHit> plain_search(const std::vector<std::string>& literals,
                                     const std::string& text) {
  std::vector<LiteralHit> hits;
  for (std::uint32_t a = 0; a < literals.size(); ++a)
    for (auto at = text.find(literals[a]); at != std::string::npos;
         at = text.find(literals[a], at + 1))
      hits.push_back({a, static_cast<std::uint32_t>(at)});
  return hits;
}

bool before(const LiteralHit& x, const LiteralHit& y) {
  return x.literal != y.literal ? x.literal < y.literal : x.start < y.start;
}

struct Case {
  std::vector<std::string> literals;
  LiteralIndex index;
};

// `count` distinct literals of `lengths` bytes; the index's ids are their places in `literals`.
void make_literals(Case& c, std::mt19937& rng, std::size_t count, std::size_t min_length,
                   std::size_t max_length) {
  std::uniform_int_distribution<std::size_t> length(min_length, max_length);
  std::uniform_int_distribution<std::size_t> byte(0, kLiteralBytes.size() - 1);
  while (c.literals.size() < count) {
    std::string literal(length(rng), ' ');
    for (char& ch : literal) ch = kLiteralBytes[byte(rng)];
    if (std::find(c.literals.begin(), c.literals.end(), literal) != c.literals.end()) continue;
    BOOST_TEST_REQUIRE(c.index.add(literal) == c.literals.size());
    c.literals.push_back(literal);
  }
}

// Random bytes (literal bytes, separators, UTF-8) with literals, near misses of literals and
// repeats (overlapping occurrences) spliced in.
std::string make_text(const std::vector<std::string>& literals, std::mt19937& rng,
                      std::size_t size) {
  static const std::string kOther = " -_.,\xc3\xa9\x80";
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_int_distribution<std::size_t> which(0, literals.size() - 1);
  std::string text;
  while (text.size() < size) {
    const int p = pick(rng);
    if (p < 3) {
      text += literals[which(rng)];
    } else if (p == 3) {  // a near miss: one byte changed
      std::string miss = literals[which(rng)];
      miss[rng() % miss.size()] = kLiteralBytes[rng() % kLiteralBytes.size()];
      text += miss;
    } else if (p == 4) {  // a literal's tail and head run together ("abab" for "aba")
      const std::string& literal = literals[which(rng)];
      text += literal + literal.substr(1 + rng() % (literal.size() - 1));
    } else if (p < 8) {
      text += kLiteralBytes[rng() % kLiteralBytes.size()];
    } else {
      text += kOther[rng() % kOther.size()];
    }
  }
  text.resize(size);
  return text;
}

// Every build of the scan finds exactly the plain search's occurrences, each literal's in order,
// and stamps exactly the literals that occur.
void check_case(Case& c, std::mt19937& rng, std::size_t texts) {
  c.index.finish();
  std::vector<std::uint32_t> seen(c.literals.size(), 0);
  std::uint32_t stamp = 0;
  std::size_t found = 0;
  for (std::size_t t = 0; t < texts; ++t) {
    const std::size_t size = rng() % 300;
    const std::string text = make_text(c.literals, rng, size);
    std::vector<LiteralHit> expected = plain_search(c.literals, text);
    std::sort(expected.begin(), expected.end(), before);
    found += expected.size();
    // Past the end: the padding the scan may read, here the head of a literal, not zeros, so
    // that only the bounds keep it from completing an occurrence.
    std::string lowered = text + c.literals[rng() % c.literals.size()];
    lowered.resize(text.size() + FieldBits::kPadding, 'e');
    for (const FieldKernels kernels :
         {FieldKernels::portable, FieldKernels::sse2, FieldKernels::avx2, FieldKernels::avx512}) {
      if (!field_kernels_available(kernels)) continue;
      std::vector<LiteralHit> hits;
      ++stamp;
      c.index.find(lowered.data(), text.size(), kernels, seen.data(), stamp, hits);
      for (std::size_t k = 1; k < hits.size(); ++k)  // each literal's in ascending order
        if (hits[k].literal == hits[k - 1].literal)
          BOOST_TEST_REQUIRE(hits[k].start > hits[k - 1].start);
      std::stable_sort(hits.begin(), hits.end(), before);
      BOOST_TEST_REQUIRE(hits.size() == expected.size(),
                         "kernels " << static_cast<int>(kernels) << " text \"" << text << "\"");
      for (std::size_t k = 0; k < hits.size(); ++k) {
        BOOST_TEST_REQUIRE(hits[k].literal == expected[k].literal);
        BOOST_TEST_REQUIRE(hits[k].start == expected[k].start);
      }
      for (std::uint32_t a = 0; a < c.literals.size(); ++a) {
        const bool occurs = text.find(c.literals[a]) != std::string::npos;
        BOOST_TEST_REQUIRE((seen[a] == stamp) == occurs, "literal " << c.literals[a]);
      }
    }
  }
  BOOST_TEST(found > texts);  // the texts do hold literals
}

}  // namespace

BOOST_AUTO_TEST_CASE(few_literals_of_every_length) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    Case c;
    make_literals(c, rng, 1 + rng() % 40, 2, 12);
    check_case(c, rng, 100);
  }
}

BOOST_AUTO_TEST_CASE(short_literals_only) {
  std::mt19937 rng(12);
  for (const std::size_t length : {2, 3}) {
    Case c;
    make_literals(c, rng, 20, length, length);
    check_case(c, rng, 300);
  }
}

// Past 64 anchors of one width the AVX2 scan takes the hashed tables (the AVX-512 one keeps
// its pair filter up to 128): 100 literals of 4+ bytes, all anchored on 4-byte windows.
BOOST_AUTO_TEST_CASE(literals_past_the_nibble_filter) {
  std::mt19937 rng(15);
  Case c;
  make_literals(c, rng, 100, 4, 12);
  check_case(c, rng, 300);
}

// Past 128 anchors of one width the AVX-512 scan takes the hashed tables.
BOOST_AUTO_TEST_CASE(many_literals) {
  std::mt19937 rng(13);
  for (const auto& [min_length, max_length] :
       std::vector<std::pair<std::size_t, std::size_t>>{{4, 10}, {2, 2}, {3, 3}, {2, 16}}) {
    Case c;
    make_literals(c, rng, 400, min_length, max_length);
    check_case(c, rng, 200);
  }
}

BOOST_AUTO_TEST_CASE(long_texts) {
  std::mt19937 rng(14);
  Case c;
  make_literals(c, rng, 30, 2, 20);
  c.index.finish();
  const std::string text = make_text(c.literals, rng, 100000);
  std::string lowered = text;
  lowered.resize(text.size() + FieldBits::kPadding, '\0');
  std::vector<LiteralHit> expected = plain_search(c.literals, text);
  std::sort(expected.begin(), expected.end(), before);
  std::vector<std::uint32_t> seen(c.literals.size(), 0);
  for (const FieldKernels kernels :
       {FieldKernels::portable, FieldKernels::sse2, FieldKernels::avx2, FieldKernels::avx512}) {
    if (!field_kernels_available(kernels)) continue;
    std::vector<LiteralHit> hits;
    c.index.find(lowered.data(), text.size(), kernels, seen.data(), 1, hits);
    std::stable_sort(hits.begin(), hits.end(), before);
    BOOST_TEST_REQUIRE(hits.size() == expected.size());
    BOOST_TEST(std::equal(hits.begin(), hits.end(), expected.begin(),
                          [](const LiteralHit& x, const LiteralHit& y) {
                            return x.literal == y.literal && x.start == y.start;
                          }));
  }
}
