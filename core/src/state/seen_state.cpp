// Seen-state in SQLite (docs/state.md): one table keyed by paper id, with the highest version
// shown and the folded-title hash (a re-upload under a new id is the same paper). Schema
// versioned by PRAGMA user_version and marked by PRAGMA application_id, so a newer or foreign
// file is refused, never rewritten. Writes are IMMEDIATE transactions: two runs on one file
// take turns (busy timeout), and a run that dies before COMMIT leaves the file as it was.
#include <sqlite3.h>

#include <cinttypes>
#include <cstdio>
#include <utility>

#include "normalize/hash.hpp"
#include "papersieve/state.hpp"

namespace papersieve {
namespace {

constexpr int kApplicationId = 0x50535653;  // "PSVS"

constexpr const char* kSchema =
    "CREATE TABLE seen ("
    " id TEXT PRIMARY KEY,"
    " version INTEGER NOT NULL,"
    " title TEXT NOT NULL,"
    " title_hash TEXT NOT NULL,"
    " first_seen INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX seen_title ON seen (title_hash);"
    "CREATE INDEX seen_last ON seen (last_seen);";

std::string title_hash(const Paper& paper) {
  if (paper.title.empty()) return {};
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016" PRIx64, fold_title_hash(paper.title));
  return buffer;
}

}  // namespace

std::string_view seen_status_name(SeenStatus status) noexcept {
  switch (status) {
    case SeenStatus::fresh: return "new";
    case SeenStatus::updated: return "updated";
    case SeenStatus::seen: return "seen";
  }
  return "new";
}

struct SeenState::Db {
  std::string path;
  sqlite3* db = nullptr;
  int busy_timeout_ms = 0;

  ~Db() { sqlite3_close(db); }

  [[noreturn]] void fail(const std::string& what, int rc) const {
    std::string message = path + ": " + what + ": ";
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      message += "the state file is in use by another run (waited " +
                 std::to_string(busy_timeout_ms) + " ms)";
    } else if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
      message +=
          "not a papersieve state file, or a corrupt one (" + std::string(sqlite3_errstr(rc)) + ")";
    } else {
      message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    }
    throw StateError(message);
  }

  void check(int rc, const std::string& what) const {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) fail(what, rc);
  }

  void exec(const char* sql, const std::string& what) const {
    check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), what);
  }

  // A prepared statement, finalized on scope exit.
  class Statement {
   public:
    Statement(const Db& db, const char* sql) : db_(db) {
      db.check(sqlite3_prepare_v2(db.db, sql, -1, &stmt_, nullptr), "preparing a query");
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& text(int i, std::string_view value) {
      db_.check(sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()),
                                  SQLITE_TRANSIENT),
                "binding a value");
      return *this;
    }
    Statement& integer(int i, std::int64_t value) {
      db_.check(sqlite3_bind_int64(stmt_, i, value), "binding a value");
      return *this;
    }
    // True while there is a row.
    bool step(const std::string& what) {
      const int rc = sqlite3_step(stmt_);
      db_.check(rc, what);
      return rc == SQLITE_ROW;
    }
    void reset() {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
    std::int64_t column_int(int i) const { return sqlite3_column_int64(stmt_, i); }
    std::string column_text(int i) const {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
      return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)))
                  : std::string();
    }

   private:
    const Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
  };

  std::int64_t pragma(const char* sql) const {
    Statement s(*this, sql);
    return s.step("reading the schema version") ? s.column_int(0) : 0;
  }

  // Rolls back unless committed (a throw between BEGIN and COMMIT leaves nothing behind).
  class Transaction {
   public:
    explicit Transaction(const Db& db) : db_(db) {
      db.exec("BEGIN IMMEDIATE", "starting a transaction");
    }
    ~Transaction() {
      if (!done_) sqlite3_exec(db_.db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
      db_.exec("COMMIT", "committing");
      done_ = true;
    }

   private:
    const Db& db_;
    bool done_ = false;
  };

  // Creates the schema in a new file, or checks that an existing one is ours and not newer.
  void open_schema() {
    std::int64_t version = pragma("PRAGMA user_version");
    if (version == 0) {
      Transaction t(*this);
      version = pragma("PRAGMA user_version");  // another run may have made it meanwhile
      if (version == 0) {
        if (pragma("SELECT count(*) FROM sqlite_master") != 0)
          throw StateError(path +
                           ": not a papersieve state file (an SQLite database of "
                           "something else)");
        exec(kSchema, "creating the schema");
        exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str(),
             "creating the schema");
        exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str(),
             "creating the schema");
        version = kSchemaVersion;
      }
      t.commit();
    }
    if (pragma("PRAGMA application_id") != kApplicationId)
      throw StateError(path +
                       ": not a papersieve state file (an SQLite database of something "
                       "else)");
    if (version > kSchemaVersion)
      throw StateError(path + ": written by a newer papersieve (state schema " +
                       std::to_string(version) + "; this one reads up to " +
                       std::to_string(kSchemaVersion) + ")");
  }
};

SeenState::SeenState(const std::string& path, int busy_timeout_ms) : db_(std::make_unique<Db>()) {
  db_->path = path;
  db_->busy_timeout_ms = busy_timeout_ms;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) db_->fail("cannot open the state file", rc);
  sqlite3_busy_timeout(db_->db, busy_timeout_ms);
  sqlite3_extended_result_codes(db_->db, 0);
  db_->open_schema();
}

SeenState::~SeenState() = default;
SeenState::SeenState(SeenState&&) noexcept = default;
SeenState& SeenState::operator=(SeenState&&) noexcept = default;

const std::string& SeenState::path() const { return db_->path; }

SeenStatus SeenState::status(const Paper& paper) const {
  Db::Statement by_id(*db_, "SELECT version FROM seen WHERE id = ?");
  by_id.text(1, paper.id);
  if (by_id.step("looking a paper up")) {
    const std::int64_t shown = by_id.column_int(0);
    return paper.version > shown && shown > 0 ? SeenStatus::updated : SeenStatus::seen;
  }
  const std::string hash = title_hash(paper);
  if (hash.empty()) return SeenStatus::fresh;
  Db::Statement by_title(*db_, "SELECT 1 FROM seen WHERE title_hash = ? LIMIT 1");
  by_title.text(1, hash);
  return by_title.step("looking a paper up") ? SeenStatus::seen : SeenStatus::fresh;
}

void SeenState::mark(const std::vector<const Paper*>& papers, std::int64_t now) {
  Db::Transaction t(*db_);
  Db::Statement upsert(
      *db_,
      "INSERT INTO seen (id, version, title, title_hash, first_seen, last_seen)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
      " ON CONFLICT (id) DO UPDATE SET version = max(version, excluded.version),"
      " title = excluded.title, title_hash = excluded.title_hash, last_seen = excluded.last_seen");
  for (const Paper* paper : papers) {
    upsert.text(1, paper->id)
        .integer(2, paper->version)
        .text(3, paper->title)
        .text(4, title_hash(*paper))
        .integer(5, now);
    upsert.step("remembering a paper");
    upsert.reset();
  }
  t.commit();
}

std::size_t SeenState::prune(std::int64_t before) {
  Db::Transaction t(*db_);
  Db::Statement remove(*db_, "DELETE FROM seen WHERE last_seen < ?");
  remove.integer(1, before);
  remove.step("forgetting old papers");
  const auto removed = static_cast<std::size_t>(sqlite3_changes(db_->db));
  t.commit();
  return removed;
}

std::size_t SeenState::count() const {
  return static_cast<std::size_t>(db_->pragma("SELECT count(*) FROM seen"));
}

std::vector<SeenEntry> SeenState::entries() const {
  Db::Statement all(*db_,
                    "SELECT id, version, title, title_hash, first_seen, last_seen FROM seen"
                    " ORDER BY last_seen DESC, id");
  std::vector<SeenEntry> out;
  while (all.step("listing papers")) {
    out.push_back(SeenEntry{all.column_text(0), static_cast<int>(all.column_int(1)),
                            all.column_text(2), all.column_text(3), all.column_int(4),
                            all.column_int(5)});
  }
  return out;
}

}  // namespace papersieve
