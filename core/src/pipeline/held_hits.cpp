#include "pipeline/held_hits.hpp"

#include <algorithm>
#include <limits>

namespace papersieve::detail {
namespace {

constexpr std::size_t kWriteBytes = 1 << 20;  // what the output is handed at a time
constexpr std::size_t kFirstReserve = std::size_t{256} << 20;  // a larger budget grows to it

}  // namespace

HeldHits::HeldHits(SortOrder order, std::optional<std::size_t> top, std::size_t memory_budget)
    : order_(order), top_(top), budget_(memory_budget) {}

std::size_t HeldHits::held_bytes() const {
  return memory_.size() + entries_.size() * sizeof(Entry);
}

void HeldHits::add(const RankKey& key, std::string_view line) {
  if (top_ && *top_ == 0) return;
  // Room for the budget at once: growing by doubling would copy the lines and fault in fresh
  // pages at each step (the pages are touched only as lines come, as before).
  // (Empty entries: the first hit, or the first after a spill, when the room is there already.)
  if (entries_.empty() && memory_.capacity() < std::min(budget_, kFirstReserve))
    memory_.reserve(std::min(budget_, kFirstReserve));
  // A line larger than the budget is held alone and spilled with the next one.
  if (!entries_.empty() && held_bytes() + line.size() + sizeof(Entry) > budget_) spill();
  entries_.push_back(Entry{key, memory_.size(), static_cast<std::uint32_t>(line.size())});
  memory_.append(line);
  // With a top, the entries that can no longer make the cut are dropped as they pile up.
  if (top_ && entries_.size() >= 2 * *top_ + 1024) keep_best(*top_);
}

void HeldHits::keep_best(std::size_t count) {
  if (entries_.size() <= count) return;
  std::nth_element(
      entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(count), entries_.end(),
      [this](const Entry& a, const Entry& b) { return ranks_before(order_, a.key, b.key); });
  entries_.resize(count);
  std::string kept;
  kept.reserve(memory_.size() / 2);
  for (Entry& entry : entries_) {
    const std::uint64_t at = kept.size();
    kept.append(memory_, entry.offset, entry.size);
    entry.offset = at;
  }
  memory_.swap(kept);
}

void HeldHits::sort_entries() {
  std::sort(entries_.begin(), entries_.end(),
            [this](const Entry& a, const Entry& b) { return ranks_before(order_, a.key, b.key); });
  if (top_ && entries_.size() > *top_) entries_.resize(*top_);  // a run never needs more
}

void HeldHits::spill() {
  sort_entries();
  if (!file_) {
    file_ = std::make_unique<SpillFile>();
    writer_ = std::make_unique<RunWriter>(order_, *file_);
  }
  const std::string_view memory(memory_);
  for (const Entry& entry : entries_)
    writer_->add(entry.key, memory.substr(entry.offset, entry.size));
  runs_.push_back(writer_->finish());
  entries_.clear();
  memory_.clear();
}

std::size_t HeldHits::merge(const std::vector<Run>& runs, bool with_memory, std::size_t limit,
                            const Sink& sink) {
  // Sources 0..runs.size()-1 are the runs; the last, when with_memory, the sorted entries.
  std::vector<std::unique_ptr<RunReader>> readers;
  readers.reserve(runs.size());
  for (const Run& run : runs) readers.push_back(std::make_unique<RunReader>(order_, *file_, run));
  std::size_t next_entry = 0;
  const auto key_of = [&](std::size_t source) -> const RankKey& {
    return source < readers.size() ? readers[source]->key() : entries_[next_entry].key;
  };
  // A heap of the sources' heads, the best on top; input positions are unique, so the order
  // is total and ties between runs fall as they would in one sort.
  const auto after = [&](std::size_t a, std::size_t b) {
    return ranks_before(order_, key_of(b), key_of(a));
  };
  std::vector<std::size_t> heap;
  for (std::size_t source = 0; source < readers.size(); ++source)
    if (readers[source]->next()) heap.push_back(source);
  if (with_memory && !entries_.empty()) heap.push_back(readers.size());
  std::make_heap(heap.begin(), heap.end(), after);

  const std::string_view memory(memory_);
  std::size_t count = 0;
  while (!heap.empty() && count < limit) {
    std::pop_heap(heap.begin(), heap.end(), after);
    const std::size_t source = heap.back();
    bool more = false;
    if (source < readers.size()) {
      sink(readers[source]->key(), readers[source]->line());
      more = readers[source]->next();
    } else {
      const Entry& entry = entries_[next_entry];
      sink(entry.key, memory.substr(entry.offset, entry.size));
      more = ++next_entry < entries_.size();
    }
    ++count;
    if (more) {
      std::push_heap(heap.begin(), heap.end(), after);
    } else {
      heap.pop_back();
    }
  }
  return count;
}

std::size_t HeldHits::write_ranked(const OutputWriter& write) {
  if (top_ && *top_ == 0) return 0;
  sort_entries();
  const std::size_t limit = top_.value_or(std::numeric_limits<std::size_t>::max());
  // Too many runs to read at once: the oldest are merged into one longer run first, as few as
  // leave kFanIn, so memory stays at the budget and kFanIn readers (docs/design.md).
  while (runs_.size() > kFanIn) {
    const std::size_t count = std::min(kFanIn, runs_.size() - kFanIn + 1);
    const std::vector<Run> oldest(runs_.begin(),
                                  runs_.begin() + static_cast<std::ptrdiff_t>(count));
    merge(oldest, false, limit,
          [this](const RankKey& key, std::string_view line) { writer_->add(key, line); });
    runs_.erase(runs_.begin(), runs_.begin() + static_cast<std::ptrdiff_t>(count));
    runs_.push_back(writer_->finish());
    for (const Run& run : oldest) file_->release(run.offset, run.bytes);
  }
  std::string out;
  out.reserve(kWriteBytes + 4096);
  const std::size_t written = merge(runs_, true, limit, [&](const RankKey&, std::string_view line) {
    out.append(line);
    if (out.size() >= kWriteBytes) {
      write(out);
      out.clear();
    }
  });
  if (!out.empty()) write(out);
  return written;
}

}  // namespace papersieve::detail
