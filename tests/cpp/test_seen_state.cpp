#define BOOST_TEST_MODULE seen_state
#include <sqlite3.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <string>

#include "papersieve/rules.hpp"
#include "papersieve/state.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

// A fresh path in the temporary directory, removed at the end of the test.
struct TempPath {
  std::string path;
  TempPath() {
    static int n = 0;
    path = "/tmp/psv_state_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".db";
    std::remove(path.c_str());
  }
  ~TempPath() {
    std::remove(path.c_str());
    std::remove((path + "-journal").c_str());
  }
};

Paper paper(std::string id, int version, std::string title) {
  Paper p;
  p.id = std::move(id);
  p.arxiv_id = p.id;
  p.version = version;
  p.title = std::move(title);
  p.abstract = "About diffusion.";
  return p;
}

std::string error_of(const std::string& path) {
  try {
    SeenState state(path);
  } catch (const StateError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

namespace papersieve {
std::ostream& operator<<(std::ostream& out, SeenStatus s) { return out << seen_status_name(s); }
}  // namespace papersieve

BOOST_AUTO_TEST_CASE(new_updated_seen_and_reuploads) {
  TempPath file;
  const Paper v1 = paper("2612.00001", 1, "Diffusion for Everything");
  const Paper v2 = paper("2612.00001", 2, "Diffusion for Everything");
  const Paper reupload = paper("2612.09999", 1, "Diffusion  for everything");  // folds the same
  const Paper other = paper("2612.00002", 1, "Another Paper");
  {
    SeenState state(file.path);
    BOOST_TEST(state.count() == 0u);
    BOOST_TEST(state.status(v1) == SeenStatus::fresh);
    state.mark({&v1}, 1000);
  }
  SeenState state(file.path);  // survives reopening
  BOOST_TEST(state.count() == 1u);
  BOOST_TEST(state.status(v1) == SeenStatus::seen);
  BOOST_TEST(state.status(v2) == SeenStatus::updated);
  BOOST_TEST(state.status(reupload) == SeenStatus::seen);
  BOOST_TEST(state.status(other) == SeenStatus::fresh);
  state.mark({&v2, &other}, 2000);
  BOOST_TEST(state.status(v2) == SeenStatus::seen);
  BOOST_TEST(state.status(v1) == SeenStatus::seen);  // an older version is never new
  const auto entries = state.entries();
  BOOST_REQUIRE(entries.size() == 2u);
  BOOST_TEST(entries[0].id == "2612.00001");  // last_seen 2000, then id
  BOOST_TEST(entries[0].version == 2);
  BOOST_TEST(entries[0].first_seen == 1000);
  BOOST_TEST(entries[0].last_seen == 2000);
  BOOST_TEST(entries[0].title_hash.size() == 16u);
  BOOST_TEST(state.prune(1500) == 0u);
  BOOST_TEST(state.prune(2001) == 2u);
  BOOST_TEST(state.count() == 0u);
}

BOOST_AUTO_TEST_CASE(filter_drops_seen_papers_and_sorts) {
  TempPath file;
  SeenState state(file.path);
  Corpus corpus;
  corpus.papers = {paper("1", 1, "Diffusion one"), paper("2", 2, "Diffusion two"),
                   paper("3", 1, "Diffusion three")};
  corpus.papers[0].published = "2026-12-01";
  corpus.papers[1].published = "2026-12";
  corpus.papers[2].published = "2026-12-05";
  corpus.papers[0].upvotes = 5;
  corpus.papers[2].upvotes = 9;
  const Paper shown_v1 = paper("2", 1, "Diffusion two");
  state.mark({&shown_v1}, 10);
  const RuleSet rules = RuleSet::from_query("diffusion");
  FilterOptions options;
  options.state = &state;
  auto ids = [&](const Results& r) {
    std::string out;
    for (const Hit& h : r.hits) out += corpus.papers[h.index].id + (h.updated ? "u " : " ");
    return out;
  };
  BOOST_TEST(ids(rules.filter(corpus, options)) == "1 3 ");
  options.show_updated = true;
  BOOST_TEST(ids(rules.filter(corpus, options)) == "1 2u 3 ");
  options.sort = SortOrder::published;
  BOOST_TEST(ids(rules.filter(corpus, options)) == "3 1 2u ");  // 2026-12 sorts before the 1st
  options.sort = SortOrder::upvotes;
  BOOST_TEST(ids(rules.filter(corpus, options)) == "3 1 2u ");  // no upvotes: last
  options.top = 1;
  BOOST_TEST(ids(rules.filter(corpus, options)) == "3 ");
  options.state = nullptr;
  options.top.reset();
  options.sort = SortOrder::score;
  BOOST_TEST(ids(rules.filter(corpus, options)) == "1 2 3 ");
  BOOST_TEST((sort_order_from_name("published") == SortOrder::published));
  BOOST_TEST(!sort_order_from_name("date").has_value());
}

BOOST_AUTO_TEST_CASE(foreign_corrupt_and_newer_files_are_refused) {
  TempPath text;
  std::ofstream(text.path) << "this is not a database, it is a digest.md file\n"
                           << std::string(2000, 'x');
  BOOST_TEST(error_of(text.path).find("not a papersieve state file, or a corrupt one") !=
             std::string::npos);

  TempPath foreign;
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(foreign.path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE notes (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  BOOST_TEST(error_of(foreign.path) == foreign.path +
                                           ": not a papersieve state file (an SQLite database "
                                           "of something else)");

  TempPath newer;
  { SeenState state(newer.path); }
  BOOST_REQUIRE(sqlite3_open(newer.path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 7", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  BOOST_TEST(error_of(newer.path) == newer.path +
                                         ": written by a newer papersieve (state schema 7; this "
                                         "one reads up to 1)");
  BOOST_TEST(error_of("/nonexistent-dir/x.db").find("cannot open the state file") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failed_mark_leaves_nothing) {
  TempPath file;
  SeenState state(file.path);
  const Paper a = paper("a", 1, "A");
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(file.path.c_str(), &db) == SQLITE_OK);
  // Another connection holds the write lock: mark waits, then fails as a whole.
  sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  SeenState busy(file.path, 50);
  BOOST_CHECK_THROW(busy.mark({&a}, 1), StateError);
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  BOOST_TEST(state.count() == 0u);
  busy.mark({&a}, 1);
  BOOST_TEST(state.count() == 1u);
}
