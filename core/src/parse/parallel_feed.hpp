// Threaded parsing. The reader stays on the calling thread (it is fast); the
// records it reads from one input chunk are normalized on several threads while
// the calling thread hands the previous chunk to the CorpusBuilder, in input
// order, and reads the chunk after: de-duplication, diagnostics and counts are
// exactly those of one thread.
#pragma once

#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <string_view>
#include <vector>

#include "parse/corpus_builder.hpp"
#include "parse/reader.hpp"

namespace papersieve::detail {

class ParallelFeed final : public RecordSink {
 public:
  // The next chunk of input (empty at its end; may throw IoError).
  using NextChunk = std::function<std::string_view()>;

  ParallelFeed(CorpusBuilder& builder, std::size_t threads, NextChunk next_chunk);

  // The reader that feeds this sink (made with it as the sink).
  void set_reader(Reader& reader) { reader_ = &reader; }

  // Hands the records of the next input chunk to the builder (reading at most
  // one chunk ahead); false once the end of the input has been handed over. A
  // read error is rethrown here, after the records read before it.
  bool step();

  void record(Paper&& raw) override;
  void reject(Diagnostic&& why) override;
  void note(Diagnostic&& note) override;

 private:
  struct Event {
    enum class Kind : unsigned char { paper, reject, note } kind;
    CorpusBuilder::Prepared record;  // kind paper
    Diagnostic diagnostic;           // kind reject or note
  };
  // What the reader produced from one input chunk.
  struct Batch {
    std::vector<Event> events;
    std::vector<std::size_t> papers;  // indices of the paper events
    bool final = false;               // the reader finished: nothing follows
    bool prepared = false;            // the papers are normalized
    std::exception_ptr error;         // reading failed after the events
  };

  Batch read_batch();
  void replay(Batch& batch);  // its events, in order, into the builder

  CorpusBuilder& builder_;
  std::size_t threads_;
  NextChunk next_chunk_;
  Reader* reader_ = nullptr;
  Batch* filling_ = nullptr;
  bool first_step_ = true;
  std::deque<Batch> ahead_;  // read, not yet handed over: at most two (~2 MiB of input)
};

}  // namespace papersieve::detail
