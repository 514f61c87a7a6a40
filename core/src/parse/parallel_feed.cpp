#include "parse/parallel_feed.hpp"

#include <utility>

#include "parallel.hpp"

namespace papersieve::detail {
namespace {

constexpr std::size_t kSliceBytes = 64 << 10;  // what the reader is fed at a time
constexpr std::size_t kBlock = 8;              // records a thread claims at a time

}  // namespace

ParallelFeed::ParallelFeed(CorpusBuilder& builder, std::size_t threads, NextChunk next_chunk)
    : builder_(builder), threads_(threads), next_chunk_(std::move(next_chunk)) {}

void ParallelFeed::record(Paper&& raw) {
  filling_->papers.push_back(filling_->events.size());
  filling_->events.push_back(Event{Event::Kind::paper, {std::move(raw), {}, {}, {}}, {}});
}

void ParallelFeed::reject(Diagnostic&& why) {
  filling_->events.push_back(Event{Event::Kind::reject, {}, std::move(why)});
}

void ParallelFeed::note(Diagnostic&& note) {
  filling_->events.push_back(Event{Event::Kind::note, {}, std::move(note)});
}

ParallelFeed::Batch ParallelFeed::read_batch() {
  Batch batch;
  filling_ = &batch;
  try {
    const std::string_view chunk = next_chunk_();
    if (chunk.empty()) {
      reader_->finish();
      batch.final = true;
    } else {
      for (std::size_t at = 0; at < chunk.size(); at += kSliceBytes)
        reader_->feed(chunk.substr(at, kSliceBytes));
    }
  } catch (...) {
    batch.error = std::current_exception();
  }
  filling_ = nullptr;
  return batch;
}

bool ParallelFeed::step() {
  if (ahead_.empty()) ahead_.push_back(read_batch());
  if (!ahead_.front().prepared) {  // the first step: normalize it while reading the next
    Batch& front = ahead_.front();
    const bool read_on = !front.final && !front.error;
    Batch next;
    with_lead(
        front.papers.size(), threads_, kBlock,
        [&] {
          if (read_on) next = read_batch();
        },
        [&](std::size_t i) { CorpusBuilder::prepare(front.events[front.papers[i]].record); });
    front.prepared = true;
    if (read_on) ahead_.push_back(std::move(next));
  }
  // Hand the front batch to the builder and read the batch after next on this thread,
  // while the other threads (and this one, when done) normalize the next batch.
  Batch front = std::move(ahead_.front());
  ahead_.pop_front();
  Batch* next = ahead_.empty() ? nullptr : &ahead_.front();
  // The first step reads only two chunks (a stream that returns its first batch has read
  // no more than 2 MiB); the second, which has nothing to normalize, reads one to refill.
  const bool read_on =
      next != nullptr ? !next->final && !next->error && !first_step_ : !front.final && !front.error;
  first_step_ = false;
  Batch after;
  with_lead(
      next != nullptr ? next->papers.size() : 0, threads_, kBlock,
      [&] {
        replay(front);
        if (read_on) after = read_batch();
      },
      [&](std::size_t i) { CorpusBuilder::prepare(next->events[next->papers[i]].record); });
  if (next != nullptr) next->prepared = true;
  if (read_on) ahead_.push_back(std::move(after));
  if (front.error) std::rethrow_exception(front.error);
  return !front.final;
}

void ParallelFeed::replay(Batch& batch) {
  for (auto& event : batch.events) {
    switch (event.kind) {
      case Event::Kind::paper: builder_.add_prepared(std::move(event.record)); break;
      case Event::Kind::reject: builder_.reject(std::move(event.diagnostic)); break;
      case Event::Kind::note: builder_.note(std::move(event.diagnostic)); break;
    }
  }
}

}  // namespace papersieve::detail
