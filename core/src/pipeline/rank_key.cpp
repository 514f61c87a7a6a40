#include "pipeline/rank_key.hpp"

#include <algorithm>

#include "rules/query/condition.hpp"

namespace papersieve::detail {

RankKey rank_key(SortOrder order, const Paper& paper, double score) {
  RankKey key;
  key.score = score;
  if (order == SortOrder::upvotes && paper.upvotes) {
    key.upvotes = *paper.upvotes;
    key.has_upvotes = true;
  }
  if (order == SortOrder::published) {
    const std::string_view date = rules::sortable_date(paper.published);
    key.date_size = static_cast<std::uint8_t>(std::min(date.size(), key.date.size()));
    std::copy_n(date.data(), key.date_size, key.date.data());
  }
  return key;
}

bool ranks_before(SortOrder order, const RankKey& a, const RankKey& b) {
  if (order == SortOrder::published && a.sortable_date() != b.sortable_date())
    return b.date_size == 0 || (a.date_size != 0 && a.sortable_date() > b.sortable_date());
  if (order == SortOrder::upvotes &&
      (a.has_upvotes != b.has_upvotes || (a.has_upvotes && a.upvotes != b.upvotes)))
    return !b.has_upvotes || (a.has_upvotes && a.upvotes > b.upvotes);
  if (order != SortOrder::input && a.score != b.score) return a.score > b.score;
  return a.input < b.input;
}

}  // namespace papersieve::detail
