#include "parse/seen_keys.hpp"

#include <algorithm>
#include <iterator>

namespace papersieve::detail {

void SeenKeys::insert(std::uint64_t key) {
  if (contains(key)) return;
  recent_.insert(key);
  if (recent_.size() >= kMergeAt) merge_recent();
}

bool SeenKeys::contains(std::uint64_t key) const {
  return recent_.count(key) > 0 || std::binary_search(sorted_.begin(), sorted_.end(), key);
}

void SeenKeys::merge_recent() {
  std::vector<std::uint64_t> batch(recent_.begin(), recent_.end());
  std::sort(batch.begin(), batch.end());
  std::vector<std::uint64_t> merged;
  merged.reserve(sorted_.size() + batch.size());
  std::merge(sorted_.begin(), sorted_.end(), batch.begin(), batch.end(),
             std::back_inserter(merged));
  sorted_.swap(merged);
  recent_.clear();
}

}  // namespace papersieve::detail
