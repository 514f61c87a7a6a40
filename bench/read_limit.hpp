// The read limit every parsing benchmark compares against: splitting the same
// bytes into lines with memchr and touching each line.
#pragma once

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

namespace papersieve::bench {

inline void memchr_lines(benchmark::State& state, const std::string& data) {
  for (auto _ : state) {
    std::size_t lines = 0, checksum = 0;
    const char* p = data.data();
    const char* end = p + data.size();
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (nl == nullptr) nl = end;
      checksum += static_cast<unsigned char>(*p);
      ++lines;
      p = nl + 1;
    }
    benchmark::DoNotOptimize(lines + checksum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}

}  // namespace papersieve::bench
