// Helpers shared by the Boost.Test suites.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "papersieve/diagnostic.hpp"
#include "papersieve/error.hpp"
#include "papersieve/format.hpp"

// Printers so that failed BOOST_TEST comparisons show the values.
namespace papersieve {
inline std::ostream& operator<<(std::ostream& os, Format f) { return os << format_name(f); }
inline std::ostream& operator<<(std::ostream& os, Status s) { return os << status_name(s); }
inline std::ostream& operator<<(std::ostream& os, Severity s) { return os << severity_name(s); }
}  // namespace papersieve

namespace test_support {

inline bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Path of a real dump in ../shared/data, or "" (with a message) when it is missing.
inline std::string shared_data(const std::string& name) {
  const std::string path = std::string(PSV_SHARED_DATA_DIR) + "/" + name;
  if (!file_exists(path)) {
    BOOST_TEST_MESSAGE("SKIP: " << path << " is missing (shared data lives beside the checkout)");
    return {};
  }
  return path;
}

// The contents of a document we wrote, in tests/data.
inline std::string test_data(const std::string& name) {
  return read_file(std::string(PSV_TEST_DATA_DIR) + "/" + name);
}

// A 64-bit LCG: the reproducible random numbers of the randomized tests.
struct Lcg {
  std::uint64_t state;
  std::uint64_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
};

// Fewer than `limit` of `pieces`, picked by `random`, whose state advances.
inline std::string random_pieces(const std::vector<std::string>& pieces, std::uint64_t limit,
                                 Lcg& random) {
  std::string text;
  const std::uint64_t length = random.state % limit;
  for (std::uint64_t i = 0; i < length; ++i) text += pieces[random.next() % pieces.size()];
  random.next();
  return text;
}

}  // namespace test_support
