// Building the anchor tables of the gate atoms and scanning a text for them.
#include "rules/atom_index.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace papersieve::rules {
namespace {

int rarity(char c) {
  static constexpr std::string_view kFrequent = "etaoinsrhldcumfpgwybvkxjqz";
  const auto at = kFrequent.find(c);
  return at == std::string_view::npos ? 20 : static_cast<int>(at);
}

// The offset of the rarest window of `width` bytes, and its rarity.
std::pair<std::uint32_t, int> rarest_window(const std::string& atom, std::size_t width) {
  std::uint32_t best = 0;
  int best_score = -1;
  for (std::uint32_t o = 0; o + width <= atom.size(); ++o) {
    int score = 0;
    for (std::size_t k = 0; k < width; ++k) score += rarity(atom[o + k]);
    if (score > best_score) best = o, best_score = score;
  }
  return {best, best_score};
}

// The 16-bit table index of the window of `width` bytes whose first 4 bytes are `quad`: a
// pair as it is, 4 bytes hashed.
inline std::uint32_t window_key(std::uint32_t quad, std::size_t width) {
  return width == 2 ? quad & 0xFFFF : (quad * 0x9E3779B1u) >> 16;
}

inline std::uint32_t load_quad(const char* p) {
  std::uint32_t quad;
  std::memcpy(&quad, p, 4);
  return quad;
}

}  // namespace

int atom_score(const std::string& atom) {
  return 4 * rarest_window(atom, 2).second + static_cast<int>(atom.size());
}

std::uint32_t AtomIndex::add(const std::string& atom) {
  const auto [it, fresh] = ids_.try_emplace(atom, static_cast<std::uint32_t>(atoms_.size()));
  if (fresh) atoms_.push_back(atom);
  return it->second;
}

void AtomIndex::finish() {
  for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
    const std::string& atom = atoms_[a];
    keys_.push_back(token_key<false>(atom.data(), atom.size()));
    const std::size_t width = atom.size() >= 4 ? 4 : 2;
    const std::uint32_t offset = rarest_window(atom, width).first;
    char window[4] = {};
    std::memcpy(window, atom.data() + offset, width);
    (width == 2 ? pairs_ : quads_)
        .anchors.push_back({window_key(load_quad(window), width), a, offset});
  }
  for (Table* each : {&pairs_, &quads_}) {
    Table& table = *each;
    if (table.anchors.empty()) continue;
    std::sort(table.anchors.begin(), table.anchors.end(),
              [](const Anchor& x, const Anchor& y) { return x.window < y.window; });
    table.bits.assign(1024, 0);
    table.first.assign(65536, 0);
    for (auto k = static_cast<std::uint32_t>(table.anchors.size()); k-- > 0;) {
      const std::uint32_t window = table.anchors[k].window;
      table.bits[window >> 6] |= 1ULL << (window & 63);
      table.first[window] = k;
    }
  }
  ids_.clear();
}

void AtomIndex::check(const Table& table, std::uint32_t window, const char* lowered, std::size_t i,
                      std::size_t n, std::uint32_t* seen, std::uint32_t stamp) const {
  for (auto it = table.anchors.begin() + table.first[window];
       it != table.anchors.end() && it->window == window; ++it) {
    const std::string& atom = atoms_[it->atom];
    if (seen[it->atom] == stamp || i < it->offset || i - it->offset + atom.size() > n) continue;
    const char* at = lowered + i - it->offset;
    const TokenKey here = token_key<true>(at, atom.size());
    const TokenKey& key = keys_[it->atom];
    if (here.a == key.a && here.b == key.b &&
        (atom.size() <= 16 || std::memcmp(at, atom.data(), atom.size()) == 0))
      seen[it->atom] = stamp;
  }
}

// One loop per window width in use (a fused loop, and a third width for 3-byte atoms,
// measured slower). Windows running past n read the zero padding: they match no atom (atoms
// hold no NUL), and check() rejects a hash collision there by the bounds.
template <std::size_t kWidth>
void AtomIndex::scan(const char* lowered, std::size_t n, std::uint32_t* seen,
                     std::uint32_t stamp) const {
  const Table& table = this->table(kWidth);
  if (table.anchors.empty()) return;
  const std::uint64_t* bits = table.bits.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t window = window_key(load_quad(lowered + i), kWidth);
    if ((bits[window >> 6] >> (window & 63)) & 1) check(table, window, lowered, i, n, seen, stamp);
  }
}

void AtomIndex::find(const char* lowered, std::size_t n, std::uint32_t* seen,
                     std::uint32_t stamp) const {
  scan<2>(lowered, n, seen, stamp);
  scan<4>(lowered, n, seen, stamp);
}

}  // namespace papersieve::rules
