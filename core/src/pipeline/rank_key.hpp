// What ranking needs of a hit, and nothing more: the held output of a large selection costs a
// few dozen bytes a hit beside its JSON line (docs/design.md, "The file pipeline").
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"

namespace papersieve::detail {

struct RankKey {
  double score = 0;
  std::int64_t upvotes = 0;     // SortOrder::upvotes, when has_upvotes
  std::uint64_t input = 0;      // position in the input (ties)
  std::array<char, 10> date{};  // SortOrder::published: the sortable date (YYYY[-MM[-DD]])
  std::uint8_t date_size = 0;   // 0: undated
  bool has_upvotes = false;

  std::string_view sortable_date() const { return {date.data(), date_size}; }
};

RankKey rank_key(SortOrder order, const Paper& paper, double score);

// True when `a` goes before `b` in `order` (the order of RuleSet::filter, docs/rules.md).
bool ranks_before(SortOrder order, const RankKey& a, const RankKey& b);

}  // namespace papersieve::detail
