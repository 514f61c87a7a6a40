// The gate literals of a rule set's regexes (regex_term.hpp) and the scan that finds which of
// them occur in a paper: strings of [a-z0-9] looked for in the ASCII-lowercased text.
//
// Each literal is anchored on one window of its bytes: literals of 4 bytes or more on their rarest
// 4 bytes (hashed to 16 bits), shorter ones on their rarest byte pair.
// A pass over the text per width looks each position's window up in a 64 Kbit table, which
// rejects almost every position; the few that pass compare the literals filed under that window
// in place. Rarity is by English letter frequency, so the
// anchors of ordinary words are rare windows.
//
// The AVX-512 scan filters 64 positions a step without memory lookups: each byte cut to its
// low 5 bits, every byte pair of a window is looked up in a 1024-bit table held in two
// registers (one table per pair of each width: literals of 2 and 3 bytes are anchored on all
// their bytes there, 4 and more on the rarest 4). A position passes when all pairs of its
// window do; its window is then looked up exactly. With many literals those tables fill up, and
// the scan takes the hashed tables above instead, 16 positions a step with gathers. The AVX2
// scan filters 32 positions a step the same way, with 256-bit tables by the low 4 bits of
// each byte (vpshufb), up to 64 anchors per width; past that it scans one position at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/compile/feature_table.hpp"
#include "rules/match/folded_text.hpp"

namespace papersieve::rules {

// Higher for literals that fail more often as a gate: rarer letters, longer.
int literal_score(const std::string& literal);

// An occurrence of a literal: its id and first byte.
struct LiteralHit {
  std::uint32_t literal, start;
};

class LiteralIndex {
 public:
  // Id of a literal (at least 2 bytes), added when new.
  std::uint32_t add(const std::string& literal);
  std::size_t size() const { return literals_.size(); }
  const std::string& literal(std::uint32_t id) const { return literals_[id]; }
  // Builds the anchor tables; call once after the last add.
  void finish();

  // seen[a] = stamp for every literal a that occurs in lowered[0, n), and every occurrence
  // appended to `hits` (those of one literal in ascending order); `lowered` is readable 16 bytes
  // past n.
  // `kernels`: the build that lowered the text (the AVX-512 one scans 64 positions a step
  // with the pair filter, 16 with the hashed tables; kernels/).
  void find(const char* lowered, std::size_t n, FieldKernels kernels, std::uint32_t* seen,
            std::uint32_t stamp, std::vector<LiteralHit>& hits) const;

  // find() of each build (kernels/kernels.hpp: the builds' tables hold them); call find().
  void find_portable(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                     std::vector<LiteralHit>& hits) const;
  void find_avx2(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                 std::vector<LiteralHit>& hits) const;
  void find_avx512(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                   std::vector<LiteralHit>& hits) const;

 private:
  struct Anchor {
    std::uint32_t window, literal, offset;
  };
  struct Table {
    std::vector<Anchor> anchors;       // sorted by window
    std::vector<std::uint64_t> bits;   // 65536 bits: some anchor has this window
    std::vector<std::uint32_t> first;  // by window (when its bit is set): its first anchor
  };
  template <std::size_t kWidth>
  void scan(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
            std::vector<LiteralHit>& hits) const;
  void scan_avx512(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                   std::vector<LiteralHit>& hits) const;
  void build_pair_filter();
  void scan_pairs_avx2(const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                       std::vector<LiteralHit>& hits) const;
  void scan_pairs_avx512(const char* lowered, std::size_t n, std::uint32_t* seen,
                         std::uint32_t stamp, std::vector<LiteralHit>& hits) const;
  template <class Mask>
  void check_passed(const Mask* passed, std::size_t stride, std::size_t steps, std::size_t round,
                    const char* lowered, std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
                    std::vector<LiteralHit>& hits) const;
  void check_exact(std::size_t width, const char* lowered, std::size_t i, std::size_t n,
                   std::uint32_t* seen, std::uint32_t stamp, std::vector<LiteralHit>& hits) const;
  void check(const Table& table, std::uint32_t window, const char* lowered, std::size_t i,
             std::size_t n, std::uint32_t* seen, std::uint32_t stamp,
             std::vector<LiteralHit>& hits) const;

  std::vector<std::string> literals_;
  std::vector<TokenKey> keys_;  // token_key of each literal: compared in place up to 16 bytes
  std::unordered_map<std::string, std::uint32_t> ids_;
  Table pairs_, quads_;  // anchored on 2-byte and on 4-byte windows
  const Table& table(std::size_t width) const { return width == 2 ? pairs_ : quads_; }
  void compare(const Anchor& anchor, const char* lowered, std::size_t i, std::size_t n,
               std::uint32_t* seen, std::uint32_t stamp, std::vector<LiteralHit>& hits) const;

  // The pair filter: by anchor width (2, 3, 4) the anchors, their window's bytes as `window`,
  // in 256 hash buckets (those of bucket b at exact_first_[b] .. exact_first_[b + 1]); and a
  // 1024-bit table for each byte pair of the window it looks up (literal_index_tables.hpp: kPairs).
  static constexpr std::size_t kMaxFilterAnchors = 128;  // per width: tables ~1/8 full at most
  bool pair_filter_ = false;
  std::vector<Anchor> exact_[3];
  std::uint16_t exact_first_[3][257] = {};
  struct alignas(64) PairTables {
    std::uint8_t bits[3][6][128];
  } pair_tables_{};
  // The AVX2 build's pair filter: tables of 256 bits, by the low 4 bits of each byte (row x,
  // bit y); it fills up sooner.
  static constexpr std::size_t kMaxNibbleFilterAnchors = 64;
  bool nibble_filter_ = false;
  struct alignas(32) NibbleTables {
    std::uint8_t bits[3][6][2][16];  // [y's bit 3][x's low 4 bits]: bit (y & 7)
  } nibble_tables_{};
};

}  // namespace papersieve::rules
