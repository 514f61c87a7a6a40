// Building the anchor tables of the gate literals, and the exact checks every build's scan
// (kernels/) makes of the positions its filter passes.
#include "rules/compile/literal_index.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "rules/compile/literal_index_tables.hpp"
#include "rules/kernels/kernels.hpp"

namespace papersieve::rules {
namespace {

int rarity(char c) {
  static constexpr std::string_view kFrequent = "etaoinsrhldcumfpgwybvkxjqz";
  const auto at = kFrequent.find(c);
  return at == std::string_view::npos ? 20 : static_cast<int>(at);
}

// The offset of the rarest window of `width` bytes, and its rarity.
std::pair<std::uint32_t, int> rarest_window(const std::string& literal, std::size_t width) {
  std::uint32_t best = 0;
  int best_score = -1;
  for (std::uint32_t o = 0; o + width <= literal.size(); ++o) {
    int score = 0;
    for (std::size_t k = 0; k < width; ++k) score += rarity(literal[o + k]);
    if (score > best_score) best = o, best_score = score;
  }
  return {best, best_score};
}

}  // namespace

int literal_score(const std::string& literal) {
  // Surprisal in tenths of a bit per byte, from English letter frequencies (digits and other
  // bytes count as rare): how unlikely the literal is in a text, were its bytes independent. The
  // sum favours long literals ("mafousceaer" over "ing"), which a text holds far less often.
  static constexpr int kTenthBits[26] = {
      36, 61, 52, 45,  30, 55, 56, 40, 38, 94, 70, 46, 54,    // a-m
      39, 37, 57, 100, 41, 40, 35, 52, 67, 54, 94, 56, 104};  // n-z
  int score = 0;
  for (char c : literal) score += c >= 'a' && c <= 'z' ? kTenthBits[c - 'a'] : 70;
  return score;
}

std::uint32_t LiteralIndex::add(const std::string& literal) {
  const auto [it, fresh] = ids_.try_emplace(literal, static_cast<std::uint32_t>(literals_.size()));
  if (fresh) literals_.push_back(literal);
  return it->second;
}

void LiteralIndex::finish() {
  for (std::uint32_t a = 0; a < literals_.size(); ++a) {
    const std::string& literal = literals_[a];
    keys_.push_back(token_key<false>(literal.data(), literal.size()));
    const std::size_t width = literal.size() >= 4 ? 4 : 2;
    const std::uint32_t offset = rarest_window(literal, width).first;
    char window[4] = {};
    std::memcpy(window, literal.data() + offset, width);
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
  build_pair_filter();
  ids_.clear();
}

void LiteralIndex::build_pair_filter() {
  for (std::uint32_t a = 0; a < literals_.size(); ++a) {
    const std::string& literal = literals_[a];
    const std::size_t width = std::min<std::size_t>(literal.size(), 4);
    const std::uint32_t offset = width == 4 ? rarest_window(literal, 4).first : 0;
    char window[4] = {};
    std::memcpy(window, literal.data() + offset, width);
    exact_[width - 2].push_back({load_quad(window), a, offset});
    for (std::size_t k = 0; k < kPairs[width - 2]; ++k) {
      const unsigned e = pair_entry(static_cast<unsigned char>(window[kPairFirst[k]]),
                                    static_cast<unsigned char>(window[kPairSecond[k]]));
      // The scan reads the byte at e % 128 and its bit e / 128.
      pair_tables_.bits[width - 2][k][e & 127] |= static_cast<std::uint8_t>(1u << (e >> 7));
      const auto x = static_cast<unsigned char>(window[kPairFirst[k]]),
                 y = static_cast<unsigned char>(window[kPairSecond[k]]);
      nibble_tables_.bits[width - 2][k][(y >> 3) & 1][x & 15] |=
          static_cast<std::uint8_t>(1u << (y & 7));
    }
  }
  const auto at_most = [this](std::size_t limit) {
    return std::all_of(std::begin(exact_), std::end(exact_),
                       [limit](const auto& anchors) { return anchors.size() <= limit; });
  };
  // Both filters look passing windows up in the buckets below, built for the wider one.
  static_assert(kMaxNibbleFilterAnchors <= kMaxFilterAnchors);
  pair_filter_ = at_most(kMaxFilterAnchors);
  nibble_filter_ = at_most(kMaxNibbleFilterAnchors);
  if (!pair_filter_) return;
  for (std::size_t w = 0; w < 3; ++w) {
    std::vector<Anchor>& anchors = exact_[w];
    std::sort(anchors.begin(), anchors.end(), [](const Anchor& x, const Anchor& y) {
      return exact_bucket(x.window) < exact_bucket(y.window);
    });
    // first[b] .. first[b + 1]: the anchors of bucket b.
    auto& first = exact_first_[w];
    for (std::size_t b = 0, k = 0; b <= 256; ++b) {
      while (k < anchors.size() && exact_bucket(anchors[k].window) < b) ++k;
      first[b] = static_cast<std::uint16_t>(k);
    }
  }
}

void LiteralIndex::find(const char* lowered, std::size_t n, FieldKernels kernels,
                        std::uint32_t* seen, std::uint32_t stamp,
                        std::vector<LiteralHit>& hits) const {
  (this->*kernels::table(kernels).find_literals)(lowered, n, seen, stamp, hits);
}

}  // namespace papersieve::rules
