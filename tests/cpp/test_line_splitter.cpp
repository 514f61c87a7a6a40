#define BOOST_TEST_MODULE line_splitter
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "parse/line_splitter.hpp"

using papersieve::detail::Line;
using papersieve::detail::LineSplitter;

namespace {

struct Owned {
  std::string text;
  std::uint64_t number, offset;
  bool operator==(const Owned& o) const {
    return text == o.text && number == o.number && offset == o.offset;
  }
};
std::ostream& operator<<(std::ostream& os, const Owned& l) {
  return os << l.number << "@" << l.offset << ":" << l.text;
}

std::vector<Owned> split(const std::vector<std::string>& chunks) {
  std::vector<Owned> lines;
  LineSplitter splitter;
  auto keep = [&](const Line& l) { lines.push_back({std::string(l.text), l.number, l.offset}); };
  for (const auto& c : chunks) splitter.feed(c, keep);
  splitter.finish(keep);
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lines_numbers_and_offsets) {
  const auto lines = split({"ab\ncd\r\n\nlast"});
  const std::vector<Owned> expected = {{"ab", 1, 0}, {"cd", 2, 3}, {"", 3, 7}, {"last", 4, 8}};
  BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bom_is_stripped_but_counted_in_offsets) {
  const auto lines = split({"\xEF\xBB\xBFtitle\nnext\n"});
  BOOST_TEST(lines.size() == 2u);
  BOOST_TEST(lines[0].text == "title");
  BOOST_TEST(lines[1].offset == 9u);
}

BOOST_AUTO_TEST_CASE(every_chunking_gives_the_same_lines) {
  const std::string input = "\xEF\xBB\xBFone\r\ntwo\n\nthree\r\nfour";
  const auto whole = split({input});
  for (std::size_t cut = 0; cut <= input.size(); ++cut) {
    for (std::size_t cut2 = cut; cut2 <= input.size(); ++cut2) {
      const auto pieces =
          split({input.substr(0, cut), input.substr(cut, cut2 - cut), input.substr(cut2)});
      BOOST_TEST(pieces == whole, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(empty_input_has_no_lines_and_trailing_newline_adds_none) {
  BOOST_TEST(split({""}).empty());
  BOOST_TEST(split({"a\n"}).size() == 1u);
}
