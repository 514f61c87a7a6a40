// The matcher's per-byte and per-token work in one build per instruction set, and the one
// place that chooses among them (docs/design.md, "Kernels").
//
// A build is a table of kernels. `portable` is plain C++ and is the build on every CPU that is
// not x86-64; on x86-64 the project also compiles `sse2` (every x86-64 has it), `avx2` (AVX2,
// BMI1, POPCNT) and `avx512` (F, BW, VL, DQ, VBMI, VBMI2), each in its own file. All builds
// compute exactly the same results; the tests run every build the CPU has on the same inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/compile/feature_table.hpp"
#include "rules/compile/literal_index.hpp"
#include "rules/match/folded_text.hpp"
#include "rules/match/keep_segments.hpp"
#include "rules/match/regex_windows.hpp"

namespace papersieve::rules::kernels {

struct Table {
  FieldKernels name;
  // prepare_field: the lowered copy and the word/high bit masks of a field.
  void (*prepare)(std::string_view text, FieldBits& bits);
  // find_segments: the segments' start and end positions (and which hold a byte >= 0x80).
  void (*segments)(FieldBits& bits);
  // keep_segments: the segments that may hold a feature.
  void (*keep)(const FieldBits& bits, const FeatureTable::Bloom& bloom, bool keep_all,
               KeptSegments& kept);
  // LiteralIndex::find: the occurrences of the gate literals in a lowered field.
  void (LiteralIndex::*find_literals)(const char* lowered, std::size_t n, std::uint32_t* seen,
                                      std::uint32_t stamp, std::vector<LiteralHit>& hits) const;
  // byte_occurrences: every position of one byte.
  void (*byte_occurrences)(std::string_view text, unsigned char b, std::vector<Occurrence>& out);
};

// The builds (x86_*.cpp exist only where CMake compiles them: PSV_X86_KERNELS).
extern const Table kPortable;
#ifdef PSV_X86_KERNELS
extern const Table kSse2, kAvx2, kAvx512;
#endif

// True when this CPU can run the build (and this binary has it).
bool cpu_has(FieldKernels name);

// The build named, or the best lower one the CPU has.
const Table& table(FieldKernels name);

// The process's build: the best the CPU has, at most the one named by the environment variable
// PAPERSIEVE_SIMD (portable, sse2 or baseline, avx2, avx512). Chosen once.
const Table& chosen();

// Kernels every build shares (portable.cpp).
void keep_segments_scalar(const FieldBits& bits, const FeatureTable::Bloom& bloom, bool keep_all,
                          KeptSegments& kept);
void byte_occurrences_scalar(std::string_view text, unsigned char b, std::vector<Occurrence>& out);
void segments_scalar(FieldBits& bits);
#ifdef PSV_X86_KERNELS
void byte_occurrences_sse2(std::string_view text, unsigned char b, std::vector<Occurrence>& out);
#endif

}  // namespace papersieve::rules::kernels
