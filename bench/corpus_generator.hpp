// Deterministic synthetic paper dumps for benchmarks (no real abstracts copied).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace papersieve::bench {

// An hf-text page of about `bytes` bytes: header, glued Subscribe, title/abstract
// pairs with ~1.5 KB English-like abstracts, a few % non-ASCII words.
std::string generate_hf_text(std::size_t bytes, std::uint64_t seed = 42);

}  // namespace papersieve::bench
