// The one place that chooses a build (kernels.hpp): what the CPU has, what the environment
// allows, and the entry points that run the chosen build's kernels.
#include <cstdlib>
#include <string_view>

#include "rules/kernels/kernels.hpp"

namespace papersieve::rules {
namespace kernels {
namespace {

// The builds from the lowest up; a build is usable when the CPU has its instruction sets.
#ifdef PSV_X86_KERNELS
const Table* const kBuilds[] = {&kPortable, &kSse2, &kAvx2, &kAvx512};

bool x86_has(FieldKernels name) {
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
                    __builtin_cpu_supports("popcnt");
  switch (name) {
    case FieldKernels::portable:
    case FieldKernels::sse2: return true;
    case FieldKernels::avx2: return avx2;
    case FieldKernels::avx512:
      return avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2");
  }
  return false;
}
#else
const Table* const kBuilds[] = {&kPortable};
#endif

// The highest build named in PAPERSIEVE_SIMD, or avx512 (no cap) when it is unset or unknown.
FieldKernels cap_from_environment() {
  const char* value = std::getenv("PAPERSIEVE_SIMD");
  const std::string_view cap = value != nullptr ? value : "";
  if (cap == "portable") return FieldKernels::portable;
  if (cap == "sse2" || cap == "baseline") return FieldKernels::sse2;
  if (cap == "avx2") return FieldKernels::avx2;
  return FieldKernels::avx512;
}

}  // namespace

bool cpu_has(FieldKernels name) {
#ifdef PSV_X86_KERNELS
  static const bool has[] = {x86_has(FieldKernels::portable), x86_has(FieldKernels::sse2),
                             x86_has(FieldKernels::avx2), x86_has(FieldKernels::avx512)};
  return has[static_cast<int>(name)];
#else
  return name == FieldKernels::portable;
#endif
}

const Table& table(FieldKernels name) {
  const Table* best = kBuilds[0];
  for (const Table* build : kBuilds)
    if (build->name <= name && cpu_has(build->name)) best = build;
  return *best;
}

const Table& chosen() {
  static const Table& build = table(cap_from_environment());
  return build;
}

}  // namespace kernels

// The field remembers its build, so that its later steps use the same one.
void prepare_field(std::string_view text, FieldBits& bits, FieldKernels name) {
  const kernels::Table& build = kernels::table(name);
  bits.kernels = build.name;
  build.prepare(text, bits);
}
void prepare_field(std::string_view text, FieldBits& bits) {
  prepare_field(text, bits, kernels::chosen().name);
}
void find_segments(FieldBits& bits) { kernels::table(bits.kernels).segments(bits); }
void keep_segments(const FieldBits& bits, const FeatureTable::Bloom& bloom, bool keep_all,
                   KeptSegments& kept) {
  kernels::table(bits.kernels).keep(bits, bloom, keep_all, kept);
}
FieldKernels field_kernels() { return kernels::chosen().name; }
bool field_kernels_available(FieldKernels name) { return kernels::cpu_has(name); }
void byte_occurrences(std::string_view text, unsigned char b, std::vector<Occurrence>& out) {
  kernels::chosen().byte_occurrences(text, b, out);
}

}  // namespace papersieve::rules
