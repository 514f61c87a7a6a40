// Seen-state: which papers earlier runs already showed, kept in one SQLite file that the
// user names (README, "The morning digest"; docs/state.md has the schema and guarantees).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "papersieve/error.hpp"
#include "papersieve/paper.hpp"

namespace papersieve {

// A state file that cannot be used: not a papersieve state, corrupt, written by a newer
// papersieve, or locked by another run for longer than the busy timeout.
class StateError : public Error {
 public:
  explicit StateError(const std::string& message) : Error(Status::io, message) {}
};

// What the state knows of a paper. Its identity is paper.id (the arXiv id without version,
// else doi:..., pmid:..., psv-<title hash>); a paper whose folded title was seen under another
// id (a re-upload) is seen too.
enum class SeenStatus : std::uint8_t {
  fresh,    // never shown
  updated,  // shown before in an older version (v1 shown, this is v2)
  seen,     // shown before, this version or a newer one, or under the same title
};

std::string_view seen_status_name(SeenStatus status) noexcept;  // "new", "updated", "seen"

// One remembered paper.
struct SeenEntry {
  std::string id;
  int version = 0;              // the highest version shown (0: unknown)
  std::string title;            // as shown
  std::string title_hash;       // 16 hex digits: the FNV-1a 64 hash of the folded title
  std::int64_t first_seen = 0;  // seconds since 1970-01-01 UTC
  std::int64_t last_seen = 0;
};

class SeenState {
 public:
  // Opens the state file at `path`, creating it (and its schema) when missing. Another
  // process holding the file waits up to `busy_timeout_ms`. Throws StateError for a file that
  // is not a papersieve state file, is corrupt or comes from a newer papersieve.
  explicit SeenState(const std::string& path, int busy_timeout_ms = 10'000);
  ~SeenState();
  SeenState(SeenState&&) noexcept;
  SeenState& operator=(SeenState&&) noexcept;

  const std::string& path() const;

  SeenStatus status(const Paper& paper) const;

  // Remembers these papers as shown at `now` (seconds since 1970-01-01 UTC), in one
  // transaction: all of them or, on any error (thrown), none.
  void mark(const std::vector<const Paper*>& papers, std::int64_t now);

  // Forgets the papers last shown before `before` (seconds); returns how many.
  std::size_t prune(std::int64_t before);

  std::size_t count() const;
  std::vector<SeenEntry> entries() const;  // most recently shown first

  // The schema version this papersieve writes (PRAGMA user_version).
  static constexpr int kSchemaVersion = 1;

 private:
  struct Db;
  std::unique_ptr<Db> db_;
};

}  // namespace papersieve
