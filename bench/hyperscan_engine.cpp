#include "hyperscan_engine.hpp"

#include <hs/hs.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace papersieve::bench {

struct HyperscanRules::State {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  std::vector<std::size_t> rule_of;  // pattern id -> rule
};

namespace {

struct Context {
  const std::vector<std::size_t>* rule_of;
  std::vector<char>* matched;
};

int on_match(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  auto* c = static_cast<Context*>(ctx);
  (*c->matched)[(*c->rule_of)[id]] = 1;
  return 0;
}

// FNV-1a over the compile inputs and the library version: the name of a cached database.
std::string cache_key(const std::vector<const char*>& expressions,
                      const std::vector<unsigned>& flags) {
  std::uint64_t h = 1469598103934665603ULL;
  auto add = [&h](const void* data, std::size_t n) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ bytes[i]) * 1099511628211ULL;
  };
  const std::string version = hs_version();
  add(version.data(), version.size() + 1);
  for (std::size_t i = 0; i < expressions.size(); ++i) {
    add(expressions[i], std::char_traits<char>::length(expressions[i]) + 1);
    add(&flags[i], sizeof flags[i]);
  }
  char name[40];
  std::snprintf(name, sizeof name, "hs-%016llx.db", static_cast<unsigned long long>(h));
  return name;
}

// A database serialized by an earlier run, or nullptr (absent, or refused by this library).
hs_database_t* load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

void save(const hs_database_t* db, const std::string& path) {
  char* bytes = nullptr;
  std::size_t size = 0;
  if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
  const std::string tmp = path + "." + std::to_string(getpid()) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes, static_cast<std::streamsize>(size));
  }
  std::free(bytes);
  std::rename(tmp.c_str(), path.c_str());
}

}  // namespace

HyperscanRules::HyperscanRules(const std::vector<RulePattern>& patterns)
    : state_(std::make_unique<State>()) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].pattern.c_str());
    // SINGLEMATCH: a pattern is reported once per field, all a rule needs.
    flags.push_back(HS_FLAG_SINGLEMATCH | (patterns[i].keyword ? HS_FLAG_CASELESS : 0u));
    ids.push_back(static_cast<unsigned>(i));
    state_->rule_of.push_back(patterns[i].rule);
  }
  // PSV_BENCH_HS_CACHE: a directory where compiled databases are kept between runs (compiling
  // 50,000 keyword patterns takes minutes; no row times the compile).
  const char* cache_dir = std::getenv("PSV_BENCH_HS_CACHE");
  const std::string cached =
      cache_dir != nullptr && *cache_dir != '\0'
          ? std::string(cache_dir) + "/" + cache_key(expressions, flags)
          : std::string();
  if (!cached.empty() && (state_->db = load(cached)) != nullptr) {
    if (hs_alloc_scratch(state_->db, &state_->scratch) != HS_SUCCESS)
      throw std::runtime_error("hyperscan: cannot allocate scratch");
    return;
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &state_->db, &error) != HS_SUCCESS) {
    const std::string message = error != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw std::runtime_error("hyperscan: " + message);
  }
  if (!cached.empty()) save(state_->db, cached);
  if (hs_alloc_scratch(state_->db, &state_->scratch) != HS_SUCCESS)
    throw std::runtime_error("hyperscan: cannot allocate scratch");
}

HyperscanRules::~HyperscanRules() {
  hs_free_scratch(state_->scratch);
  hs_free_database(state_->db);
}

void HyperscanRules::scan(const std::string& text, std::vector<char>& matched) const {
  Context ctx{&state_->rule_of, &matched};
  hs_scan(state_->db, text.data(), static_cast<unsigned>(text.size()), 0, state_->scratch, on_match,
          &ctx);
}

}  // namespace papersieve::bench
