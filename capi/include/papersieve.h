/*
 * papersieve.h: the stable C ABI of papersieve (C99).
 *
 * Conventions (docs/design.md, "Interfaces"; docs/c-api.md):
 *  - Functions are psv_<object>_<verb>, types psv_<object>, constants PSV_*; every
 *    constant's value is pinned and never reused.
 *  - Functions that can fail return an int status: PSV_OK (0) or a negative PSV_E*
 *    code; psv_error_message() then describes the failure. Out-parameters come first.
 *  - psv_x_parse(&out, ...) creates an object that psv_x_free(x) destroys; every
 *    *_free accepts NULL.
 *  - Borrowed pointers (const char*, const psv_paper*) stay valid as long as the
 *    object they came from; never free them.
 *  - Option structs start with `unsigned version`; initialize them with their
 *    *_INIT macro so that new fields get their defaults.
 *  - No call throws, aborts or prints. Corpora, rule sets and results are never
 *    changed after they are made: any number of threads may read (and filter with)
 *    the same ones at once, as long as none is freed while another thread uses it.
 *    A psv_stream is used by one thread at a time.
 *  - docs/c-api.md has the ownership table and the stability promise.
 */
#ifndef PAPERSIEVE_H
#define PAPERSIEVE_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define PSV_API __attribute__((visibility("default")))
#else
#define PSV_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------- */

/* The version of this header; psv_version_*() give the library's. */
#define PSV_VERSION_MAJOR 0
#define PSV_VERSION_MINOR 1
#define PSV_VERSION_PATCH 0
#define PSV_VERSION_STRING "0.1.0"
#define PSV_VERSION_NUMBER (PSV_VERSION_MAJOR * 10000 + PSV_VERSION_MINOR * 100 + PSV_VERSION_PATCH)

/* The library's version as major*10000 + minor*100 + patch. */
PSV_API unsigned psv_version_number(void);

/* The library's version as "MAJOR.MINOR.PATCH"; a static string. */
PSV_API const char* psv_version_string(void);

/* ---- Status and errors --------------------------------------------------------- */

#define PSV_OK 0
/* Success, but the requested value is unknown (see psv_paper_upvotes). */
#define PSV_NONE 1
#define PSV_EINVAL (-1)       /* a NULL or out-of-range argument, an unknown name */
#define PSV_EIO (-2)          /* a file that cannot be opened or read */
#define PSV_EPARSE (-3)       /* input that cannot be read as the format */
#define PSV_ERULE (-4)        /* a rule or query that cannot be compiled */
#define PSV_ELIMIT (-5)       /* an engine limit was exceeded */
#define PSV_EUNSUPPORTED (-6) /* a format this build has no reader for */
#define PSV_ENOMEM (-7)       /* out of memory */
#define PSV_EINTERNAL (-8)    /* a bug in papersieve */

/*
 * A description of the last failed call on the calling thread, or "" when none has
 * failed yet. Never NULL. Owned by the library; valid until the next failing call on
 * the same thread. Successful calls leave it unchanged.
 */
PSV_API const char* psv_error_message(void);

/*
 * A short static description of a status code: "ok", "invalid argument", "I/O error",
 * "parse error", "rule error", "engine limit", "unsupported", "out of memory",
 * "internal error", "no value" (PSV_NONE); "unknown status" for any other value.
 * Never NULL, never fails, never changes psv_error_message().
 */
PSV_API const char* psv_status_string(int code);

/* ---- Formats ------------------------------------------------------------------- */

/*
 * 1 when this build has a reader for the format called `name` ("hf-text", ...),
 * else 0. An unknown or NULL name also gives 0 and sets psv_error_message().
 * "auto" gives 0: it is no format, but parse options always accept it.
 */
PSV_API int psv_format_supported(const char* name);

/* ---- Limits -------------------------------------------------------------------- */

/*
 * One engine limit: the field of the same name in psv_parse_options (version 3) or
 * psv_rule_options, where 0 keeps `default_value`. This table is where the defaults are
 * read from (they are declared once, in the C++ core); docs/reliability.md, "Limits",
 * says what each bounds and the error when it is exceeded.
 */
typedef struct psv_limit {
  const char* name;      /* "max_record_bytes", "max_rules", ...: the option field */
  const char* scope;     /* "parse": psv_parse_options; "rules": psv_rule_options */
  int64_t default_value; /* what a field of 0 means */
  const char* doc;       /* one line: what it bounds */
} psv_limit;

/* How many limits there are: the parse limits, then the rule limits, in field order. */
PSV_API size_t psv_limit_count(void);

/* Fills *out with the i-th limit; its strings are static. Errors: PSV_EINVAL (NULL out,
 * i out of range). */
PSV_API int psv_limit_get(psv_limit* out, size_t i);

/* ---- Parsing ------------------------------------------------------------------- */

typedef struct psv_corpus psv_corpus; /* opaque: the parsed papers and diagnostics */
typedef struct psv_paper psv_paper;   /* opaque: one paper, borrowed from its corpus */

#define PSV_PARSE_OPTIONS_VERSION 3

typedef struct psv_parse_options {
  unsigned version;        /* PSV_PARSE_OPTIONS_VERSION */
  const char* format;      /* a format name; NULL or "auto" detects it from the input */
  const char* source_name; /* named in diagnostics and sources; NULL: "<memory>" or the path */
  /* Version 2: threads that normalize records; 0 = every core (the default, also for
   * version-1 structs), 1 = the calling thread only. Results are identical for any value. */
  size_t threads;
  /* Version 3: limits; 0 keeps the default (psv_limit_get has the defaults). A line (or a
   * kv-text block, a mailing record) longer than max_record_bytes is rejected as one
   * record with a diagnostic; hf-json and json documents larger than max_document_bytes
   * fail with PSV_ELIMIT. */
  size_t max_record_bytes;
  size_t max_document_bytes;
} psv_parse_options;

#define PSV_PARSE_OPTIONS_INIT \
  { PSV_PARSE_OPTIONS_VERSION, NULL, NULL, 0, 0, 0 }

/*
 * Parses `size` bytes at `data` (which may be NULL when size is 0) into a new corpus
 * stored in *out; free it with psv_corpus_free. `options` may be NULL for defaults.
 * Malformed records become diagnostics, not errors. Errors: PSV_EINVAL (NULL out,
 * unknown format name, bad options version), PSV_EPARSE (format "auto" and input that
 * no reader recognizes: the message names the readers tried), PSV_EUNSUPPORTED (no
 * reader for the format), PSV_ENOMEM. On error *out is set to NULL.
 */
PSV_API int psv_corpus_parse(psv_corpus** out, const char* data, size_t size,
                             const psv_parse_options* options);

/*
 * Like psv_corpus_parse, reading the file at `path` in chunks. Errors as
 * psv_corpus_parse, plus PSV_EIO when the file cannot be opened or read.
 */
PSV_API int psv_corpus_parse_file(psv_corpus** out, const char* path,
                                  const psv_parse_options* options);

/*
 * Like psv_corpus_parse_file for a Semantic Scholar datasets `papers` file, whose
 * records carry no abstract: each paper gets the abstract with its corpusid from
 * the matching `abstracts` file at `abstracts_path` (JSON lines of {"corpusid",
 * "abstract"}; docs/formats.md, "S2 datasets"). The abstracts file is indexed
 * first (16 bytes of memory per abstract, the text in a temporary file); lines of
 * it that cannot be read are warnings. Errors as psv_corpus_parse_file (PSV_EIO
 * also for the abstracts file).
 */
PSV_API int psv_corpus_parse_file_joined(psv_corpus** out, const char* papers_path,
                                         const char* abstracts_path,
                                         const psv_parse_options* options);

/* Frees a corpus and everything borrowed from it. NULL is a no-op. */
PSV_API void psv_corpus_free(psv_corpus* corpus);

/* ---- Corpus -------------------------------------------------------------------- */

/* Number of papers (duplicates folded, rejected records left out); 0 for NULL. */
PSV_API size_t psv_corpus_size(const psv_corpus* corpus);

/* The i-th paper, borrowed from the corpus; NULL (and an error) when out of range. */
PSV_API const psv_paper* psv_corpus_paper(const psv_corpus* corpus, size_t i);

/* Name of the format actually read, e.g. "hf-text"; borrowed. "" for NULL. */
PSV_API const char* psv_corpus_format(const psv_corpus* corpus);

/* Accounting of a parse; always records == papers + duplicates + rejected. */
typedef struct psv_stats {
  uint64_t records;    /* records seen in the input */
  uint64_t papers;     /* distinct papers kept */
  uint64_t duplicates; /* records folded into an earlier paper */
  uint64_t rejected;   /* records that could not be read (each has an error diagnostic) */
} psv_stats;

/* Fills *out with the corpus's stats. Errors: PSV_EINVAL for a NULL argument. */
PSV_API int psv_corpus_stats(psv_stats* out, const psv_corpus* corpus);

/* ---- Streaming ----------------------------------------------------------------- */

typedef struct psv_stream psv_stream; /* opaque: a file read batch by batch */

/*
 * Opens the file at `path` for reading in batches, in bounded memory (the batch,
 * one 1 MiB read chunk, and 8 bytes per key of each paper already returned, for
 * duplicate detection). The format is detected (or checked) here. Free the stream
 * with psv_stream_free. Errors: as psv_corpus_parse_file. On error *out is NULL.
 */
PSV_API int psv_stream_open(psv_stream** out, const char* path, const psv_parse_options* options);

/* psv_stream_open with the abstracts join of psv_corpus_parse_file_joined. */
PSV_API int psv_stream_open_joined(psv_stream** out, const char* papers_path,
                                   const char* abstracts_path, const psv_parse_options* options);

/*
 * Stores in *out the next batch as a new corpus (free it with psv_corpus_free):
 * at most `max_papers` papers, the diagnostics raised since the previous batch,
 * and stats for exactly this batch. At the end of input *out is NULL and the call
 * returns PSV_OK. Duplicates of papers returned in an earlier batch are counted
 * and dropped with a warning. Errors: PSV_EINVAL (NULL argument, max_papers 0),
 * PSV_EIO, PSV_ENOMEM.
 */
PSV_API int psv_stream_next(psv_corpus** out, psv_stream* stream, size_t max_papers);

/* Stats summed over the batches returned so far. Errors: PSV_EINVAL for NULL. */
PSV_API int psv_stream_totals(psv_stats* out, const psv_stream* stream);

/* Closes the file and frees the stream. NULL is a no-op. Batches already returned
 * stay valid. */
PSV_API void psv_stream_free(psv_stream* stream);

/* ---- Diagnostics --------------------------------------------------------------- */

typedef enum psv_severity {
  PSV_SEVERITY_WARNING = 0, /* a record kept with a caveat, or a skipped line */
  PSV_SEVERITY_ERROR = 1    /* a rejected record */
} psv_severity;

/* A note about the input. Strings are borrowed from the corpus. */
typedef struct psv_diagnostic {
  psv_severity severity;
  const char* format;      /* the reader that produced it */
  const char* source_name; /* file path or options->source_name */
  uint64_t line;           /* 1-based; 0 when not tied to a line */
  uint64_t byte_offset;    /* 0-based offset of that line in the input */
  const char* message;
} psv_diagnostic;

/* Number of diagnostics, in input order; 0 for NULL. */
PSV_API size_t psv_corpus_diagnostic_count(const psv_corpus* corpus);

/* Fills *out with the i-th diagnostic. Errors: PSV_EINVAL (NULL, i out of range). */
PSV_API int psv_corpus_diagnostic(psv_diagnostic* out, const psv_corpus* corpus, size_t i);

/* ---- Papers -------------------------------------------------------------------- */

typedef enum psv_field {
  PSV_FIELD_ID = 0,       /* arXiv id, else "doi:…", "pmid:…", else "psv-" + title hash */
  PSV_FIELD_ARXIV_ID = 1, /* "" when unknown */
  PSV_FIELD_TITLE = 2,
  PSV_FIELD_ABSTRACT = 3,
  PSV_FIELD_SHORT_NAME = 4, /* "DualPrompt" for "DualPrompt: ...", else "" */
  PSV_FIELD_PUBLISHED = 5,  /* ISO 8601 date, "" when unknown */
  PSV_FIELD_SUBMITTER = 6   /* "" when unknown */
} psv_field;

/*
 * A text field of a paper as NUL-terminated UTF-8, borrowed from the corpus; "" for
 * an empty field. Stores its length in bytes in *length unless `length` is NULL.
 * Returns NULL (length 0, and an error) for a NULL paper or an unknown field.
 */
PSV_API const char* psv_paper_text(const psv_paper* paper, psv_field field, size_t* length);

/* The arXiv version (the 2 of "v2"); 0 when unknown or paper is NULL. */
PSV_API int psv_paper_version(const psv_paper* paper);

/*
 * Stores the upvote count in *out and returns PSV_OK, or stores 0 and returns
 * PSV_NONE (positive: not an error) when the input gave no count.
 * Errors: PSV_EINVAL for a NULL argument.
 */
PSV_API int psv_paper_upvotes(int64_t* out, const psv_paper* paper);

/* Number of authors; 0 for NULL. */
PSV_API size_t psv_paper_author_count(const psv_paper* paper);

/* The i-th author (borrowed, length as psv_paper_text); NULL when out of range. */
PSV_API const char* psv_paper_author(const psv_paper* paper, size_t i, size_t* length);

/* Number of categories (e.g. "cs.CL"); 0 for NULL. */
PSV_API size_t psv_paper_category_count(const psv_paper* paper);

/* The i-th category (borrowed, length as psv_paper_text); NULL when out of range. */
PSV_API const char* psv_paper_category(const psv_paper* paper, size_t i, size_t* length);

typedef enum psv_link_kind {
  PSV_LINK_CODE = 0,
  PSV_LINK_PROJECT = 1,
  PSV_LINK_DATA = 2,
  PSV_LINK_PAPER = 3,
  PSV_LINK_OTHER = 4
} psv_link_kind;

typedef struct psv_link {
  const char* url; /* borrowed */
  psv_link_kind kind;
} psv_link;

/* Number of links; 0 for NULL. */
PSV_API size_t psv_paper_link_count(const psv_paper* paper);

/* Fills *out with the i-th link. Errors: PSV_EINVAL (NULL, i out of range). */
PSV_API int psv_paper_link(psv_link* out, const psv_paper* paper, size_t i);

/* Where a paper came from: enough to find it again in the input. */
typedef struct psv_source {
  const char* format;   /* reader name, e.g. "hf-text"; borrowed */
  const char* name;     /* file path or options->source_name; borrowed */
  uint64_t line;        /* 1-based line of the record's first line */
  uint64_t byte_offset; /* 0-based byte offset of that line's text */
} psv_source;

/* Fills *out with the paper's source. Errors: PSV_EINVAL for a NULL argument. */
PSV_API int psv_paper_source(psv_source* out, const psv_paper* paper);

/* ---- Rules --------------------------------------------------------------------- */

typedef struct psv_rules psv_rules; /* opaque: a compiled, immutable rule set */

/*
 * Compiles a one-line query (e.g. `title:diffusion AND NOT survey`) into a rule set of
 * one rule named "query", stored in *out; free it with psv_rules_free. Errors:
 * PSV_EINVAL (NULL argument), PSV_ERULE (the query does not compile; the message
 * names the rule, part and column: `rule "query": query column 3: unbalanced "("`),
 * PSV_ELIMIT, PSV_ENOMEM. On error *out is NULL.
 */
PSV_API int psv_rules_from_query(psv_rules** out, const char* query);

/*
 * Compiles the JSON rule file of `size` bytes at `json` (docs/rules.md). Errors as
 * psv_rules_from_query; a PSV_ERULE message lists every problem, one per line, each
 * as `rule "NAME": PART column N: MESSAGE`. psv_rules_check gives them one by one.
 */
PSV_API int psv_rules_from_json(psv_rules** out, const char* json, size_t size);

/* Like psv_rules_from_json, reading the file at `path`; plus PSV_EIO when the file
 * cannot be read. A PSV_ERULE message starts with the path. */
PSV_API int psv_rules_from_file(psv_rules** out, const char* path);

#define PSV_RULE_OPTIONS_VERSION 2

/* Limits for compiling rules; 0 in a field keeps its default (psv_limit_get has the
 * defaults and what each bounds). Exceeding one is PSV_ERULE with a message naming the
 * rule, part and limit. Version 2 adds `now`, the clock. */
typedef struct psv_rule_options {
  unsigned version;             /* PSV_RULE_OPTIONS_VERSION */
  size_t max_query_bytes;       /* one query */
  size_t max_query_depth;       /* nesting of ( ), NOT, -, field: */
  size_t max_rule_file_bytes;   /* a whole rule file */
  size_t max_rules;             /* rules in a rule file */
  size_t max_patterns_per_rule; /* items of one keywords/regex/tags list */
  size_t max_pattern_bytes;     /* one keyword, regex or query term */
  size_t max_terms;             /* terms in the whole rule set */
  int64_t regex_max_mem;        /* RE2 memory per regex */
  /* Version 2: the clock that relative dates in rules (published:>today-7d) are resolved
   * against when compiling, in seconds since 1970-01-01 UTC; 0: the system clock. */
  int64_t now;
} psv_rule_options;

#define PSV_RULE_OPTIONS_INIT \
  { PSV_RULE_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* psv_rules_from_query, psv_rules_from_json, psv_rules_from_file and psv_rules_check
 * with limits other than the defaults; `options` may be NULL for the defaults. Errors as
 * theirs, plus PSV_EINVAL for a bad options version. */
PSV_API int psv_rules_from_query_opts(psv_rules** out, const char* query,
                                      const psv_rule_options* options);
PSV_API int psv_rules_from_json_opts(psv_rules** out, const char* json, size_t size,
                                     const psv_rule_options* options);
PSV_API int psv_rules_from_file_opts(psv_rules** out, const char* path,
                                     const psv_rule_options* options);

/* Frees a rule set. NULL is a no-op. Results filtered with it stay valid. */
PSV_API void psv_rules_free(psv_rules* rules);

/* Number of rules, in rule-file order; 0 for NULL. */
PSV_API size_t psv_rules_count(const psv_rules* rules);

/* One rule of a rule set. The name is borrowed from the rule set. */
typedef struct psv_rule_info {
  const char* name;
  double weight;    /* added to a paper's score when the rule matches */
  int exclude;      /* 1: a match removes the paper */
  int require;      /* 1: papers must match this rule */
  size_t tag_count; /* see psv_rules_tag */
} psv_rule_info;

/* Fills *out with the i-th rule. Errors: PSV_EINVAL (NULL, i out of range). */
PSV_API int psv_rules_rule(psv_rule_info* out, const psv_rules* rules, size_t i);

/* The j-th tag of the i-th rule (borrowed from the rule set, length as
 * psv_paper_text); NULL (and an error) when out of range. */
PSV_API const char* psv_rules_tag(const psv_rules* rules, size_t i, size_t j, size_t* length);

/* The lowest score a paper needs to be selected; 0 for NULL. */
PSV_API double psv_rules_min_score(const psv_rules* rules);

/*
 * Stores the rule file's "top" (the most hits filtering keeps) in *out and returns
 * PSV_OK, or stores 0 and returns PSV_NONE when the file sets none.
 * Errors: PSV_EINVAL for a NULL argument.
 */
PSV_API int psv_rules_top(size_t* out, const psv_rules* rules);

/* ---- Rule problems ------------------------------------------------------------- */

typedef struct psv_problems psv_problems; /* opaque: the problems of a rule file */

/*
 * Checks the JSON rule file of `size` bytes at `json` without keeping the compiled
 * rules, and stores every problem found in *out (none when the file compiles; that
 * is still PSV_OK). Free it with psv_problems_free. Errors: PSV_EINVAL (NULL out, NULL
 * json with a non-zero size), PSV_ENOMEM. On error *out is NULL.
 */
PSV_API int psv_rules_check(psv_problems** out, const char* json, size_t size);

/* psv_rules_check with limits (psv_rule_options; NULL: the defaults). */
PSV_API int psv_rules_check_opts(psv_problems** out, const char* json, size_t size,
                                 const psv_rule_options* options);

/* Frees a problem list. NULL is a no-op. */
PSV_API void psv_problems_free(psv_problems* problems);

/* Number of problems, in file order; 0 for NULL. */
PSV_API size_t psv_problems_count(const psv_problems* problems);

/* One problem of a rule file; every string is borrowed from the psv_problems. */
typedef struct psv_problem {
  const char* rule;        /* rule name, "rules[3]" for an unnamed rule, "" for the file */
  const char* part;        /* "query", "keywords[2]", "regex[0]", "weight", ...; may be "" */
  uint32_t column;         /* 1-based column within the part, 0 when none */
  const char* message;     /* what is wrong */
  const char* description; /* all of it: rule "t2i": query column 14: unbalanced "(" */
} psv_problem;

/* Fills *out with the i-th problem. Errors: PSV_EINVAL (NULL, i out of range). */
PSV_API int psv_problems_get(psv_problem* out, const psv_problems* problems, size_t i);

/* ---- Filtering ----------------------------------------------------------------- */

typedef struct psv_results psv_results; /* opaque: the selected papers, best first */
typedef struct psv_hit psv_hit;         /* opaque: one selected paper, borrowed from its results */

typedef struct psv_state psv_state; /* opaque: an open seen-state file (psv_state_open) */

/* The order of the results (docs/rules.md, "Ordering"); every order is stable. */
typedef enum psv_sort {
  PSV_SORT_SCORE = 0,     /* score, highest first; then input order */
  PSV_SORT_PUBLISHED = 1, /* newest first, undated last; then score, then input order */
  PSV_SORT_UPVOTES = 2,   /* most first, none last; then score, then input order */
  PSV_SORT_INPUT = 3      /* input order (psv_filter_file writes hits as it reads) */
} psv_sort;

#define PSV_FILTER_OPTIONS_VERSION 3

typedef struct psv_filter_options {
  unsigned version; /* PSV_FILTER_OPTIONS_VERSION */
  size_t top;       /* keep at most this many hits; 0: the rule file's "top" (else all) */
  /* Version 2: threads that match papers; 0 = every core (the default, also for
   * version-1 structs), 1 = the calling thread only. Results are identical for any value. */
  size_t threads;
  /* Version 3: the order (a psv_sort value; 0: by score). */
  int sort;
  /* Version 3: drop the papers this seen-state has shown (NULL: none), before the order and
   * `top` apply; newer versions of shown papers too, unless show_updated is non-zero (then
   * they stay, psv_hit_updated says so). Only read: mark with psv_state_mark_results once
   * the output is written. */
  const psv_state* state;
  int show_updated;
} psv_filter_options;

#define PSV_FILTER_OPTIONS_INIT \
  { PSV_FILTER_OPTIONS_VERSION, 0, 0, 0, NULL, 0 }

/*
 * Filters the corpus with the rule set into new results stored in *out, ranked by
 * score, then input order; free them with psv_results_free. `options` may be NULL
 * for defaults. Lifetime: the results hold their own reference to the corpus's
 * papers, so they (and papers borrowed through psv_hit_paper) stay valid after
 * psv_corpus_free and psv_rules_free; the corpus's memory is released when the last
 * of the corpus and its results is freed. The rule set and corpus are only read:
 * many threads may filter the same ones at once. Errors: PSV_EINVAL (NULL out,
 * rules or corpus; bad options version), PSV_ELIMIT, PSV_ENOMEM. On error *out is NULL.
 */
PSV_API int psv_rules_filter(psv_results** out, const psv_rules* rules, const psv_corpus* corpus,
                             const psv_filter_options* options);

/* Frees results and everything borrowed from them. NULL is a no-op. */
PSV_API void psv_results_free(psv_results* results);

/* Number of hits; 0 for NULL. */
PSV_API size_t psv_results_count(const psv_results* results);

/* Number of papers the filter looked at (the corpus's size); 0 for NULL. */
PSV_API size_t psv_results_considered(const psv_results* results);

/* The i-th hit (0 is the best), borrowed from the results; NULL (and an error) when
 * out of range. */
PSV_API const psv_hit* psv_results_hit(const psv_results* results, size_t i);

/* Position of the hit's paper in the filtered corpus (psv_corpus_paper); 0 for NULL. */
PSV_API size_t psv_hit_index(const psv_hit* hit);

/* The hit's paper, borrowed from the results (valid until psv_results_free, even
 * after psv_corpus_free); NULL for NULL. */
PSV_API const psv_paper* psv_hit_paper(const psv_hit* hit);

/* Sum of the weights of the matched rules; 0 for NULL. */
PSV_API double psv_hit_score(const psv_hit* hit);

/* 1 when the hit is a newer version of a paper the seen-state had shown (filtered with
 * show_updated), else 0 (also for NULL). */
PSV_API int psv_hit_updated(const psv_hit* hit);

/* Number of matched rules; 0 for NULL. */
PSV_API size_t psv_hit_rule_count(const psv_hit* hit);

/* Name of the j-th matched rule, in rule-file order (borrowed from the results,
 * length as psv_paper_text); NULL (and an error) when out of range. */
PSV_API const char* psv_hit_rule(const psv_hit* hit, size_t j, size_t* length);

/* Number of tags (the union of the matched rules' tags); 0 for NULL. */
PSV_API size_t psv_hit_tag_count(const psv_hit* hit);

/* The j-th tag, first-seen order (borrowed from the results, length as
 * psv_paper_text); NULL (and an error) when out of range. */
PSV_API const char* psv_hit_tag(const psv_hit* hit, size_t j, size_t* length);

/* The fields a query can name. A span's field is never PSV_MATCH_TEXT. */
typedef enum psv_match_field {
  PSV_MATCH_TITLE = 0,
  PSV_MATCH_ABSTRACT = 1,
  PSV_MATCH_TEXT = 2, /* title and abstract */
  PSV_MATCH_AUTHORS = 3,
  PSV_MATCH_ID = 4,
  PSV_MATCH_CATEGORY = 5,
  PSV_MATCH_LINK = 6
} psv_match_field;

/* The field's name as queries spell it ("title", "authors", ...); a static string,
 * NULL (and an error) for an unknown value. */
PSV_API const char* psv_match_field_name(psv_match_field field);

/*
 * Where a hit matched: [start, end) in UTF-8 bytes of the paper's *displayed field*:
 * the title, abstract and id as psv_paper_text gives them; the authors joined by ", ",
 * the categories by " ", the link URLs by " " (psv_paper_match_text builds these).
 */
typedef struct psv_span {
  psv_match_field field;
  size_t start;
  size_t end;
} psv_span;

/* Number of spans; 0 for NULL. */
PSV_API size_t psv_hit_span_count(const psv_hit* hit);

/* Fills *out with the j-th span; spans are sorted by field, then start, and never
 * overlap. Errors: PSV_EINVAL (NULL, j out of range). */
PSV_API int psv_hit_span(psv_span* out, const psv_hit* hit, size_t j);

/*
 * The displayed text of a match field of a paper, which spans index, as a new
 * NUL-terminated string stored in *out (free it with psv_string_free); its length in
 * *length unless `length` is NULL. Errors: PSV_EINVAL (NULL out or paper, unknown
 * field), PSV_ENOMEM. On error *out is NULL.
 */
PSV_API int psv_paper_match_text(char** out, size_t* length, const psv_paper* paper,
                                 psv_match_field field);

/* ---- Filtering a file (docs/design.md, "The file pipeline") --------------------- */

/* Receives the output of psv_filter_file, `size` bytes at a time (about a MiB); returns 0 to
 * go on, anything else to stop (psv_filter_file then fails with PSV_EIO). */
typedef int (*psv_write_fn)(void* context, const char* bytes, size_t size);

/* Receives each diagnostic as the input is read, in input order; its strings are borrowed
 * for the call only. */
typedef void (*psv_diagnostic_fn)(void* context, const psv_diagnostic* diagnostic);

#define PSV_FILE_FILTER_OPTIONS_VERSION 1

typedef struct psv_file_filter_options {
  unsigned version; /* PSV_FILE_FILTER_OPTIONS_VERSION */
  /* Format, limits, and the threads of the whole pipeline (0 = every core); NULL: defaults. */
  const psv_parse_options* parse;
  /* top, sort, state, show_updated (its threads are not read); NULL: the defaults.
   * PSV_SORT_INPUT writes hits as they are found. */
  const psv_filter_options* filter;
  /* Bytes of held (ranked) hits kept in memory before they spill, sorted, to
   * a temporary file in $TMPDIR (else /tmp); 0: the default (docs/design.md, "The file
   * pipeline"). */
  size_t memory_budget;
  psv_diagnostic_fn on_diagnostic; /* NULL: diagnostics are only counted */
  void* context;                   /* passed to on_diagnostic */
} psv_file_filter_options;

#define PSV_FILE_FILTER_OPTIONS_INIT \
  { PSV_FILE_FILTER_OPTIONS_VERSION, NULL, NULL, 0, NULL, NULL }

/* What psv_filter_file read and wrote. */
typedef struct psv_file_filter_summary {
  psv_stats stats;   /* records == papers + duplicates + rejected */
  uint64_t selected; /* papers the rules selected (before top) */
  uint64_t written;  /* hits written */
  uint64_t warnings; /* diagnostics of severity warning */
} psv_file_filter_summary;

/*
 * Reads the file at `path` (any format, compressed or not), filters it with the rule set and
 * hands `write` the selected papers with their hits as JSON lines (psv_results_to_jsonl's
 * form), ranked as options->filter says, in bounded memory and on every core; the output is
 * the same for any number of threads. With `rules` NULL nothing is selected or written: the
 * file is only read and counted (write may then be NULL). Errors: as psv_corpus_parse_file,
 * PSV_EINVAL (NULL path or out, NULL write with rules, bad options version), PSV_EIO (write
 * returned non-zero, or the temporary file failed). *out is filled on success only.
 */
PSV_API int psv_filter_file(psv_file_filter_summary* out, const psv_rules* rules, const char* path,
                            const psv_file_filter_options* options, psv_write_fn write,
                            void* write_context);

/* ---- Output -------------------------------------------------------------------- */

/*
 * Serializes the corpus's papers as JSON lines (one object per paper, each line
 * ending in '\n') into a new NUL-terminated string stored in *out; free it with
 * psv_string_free. Stores its length in *length unless `length` is NULL.
 * Errors: PSV_EINVAL (NULL out or corpus), PSV_ENOMEM. On error *out is NULL.
 */
PSV_API int psv_corpus_to_jsonl(char** out, size_t* length, const psv_corpus* corpus);

/*
 * Serializes results as JSON lines, one object per hit, best first: the paper's keys
 * followed by "score", "rules", "tags" and "spans" ([{field, start, end}] in UTF-8
 * bytes). Same output, buffer and errors as psv_corpus_to_jsonl (NULL results:
 * PSV_EINVAL).
 */
PSV_API int psv_results_to_jsonl(char** out, size_t* length, const psv_results* results);

/*
 * Serializes results as a Markdown digest headed by `title` (NULL: "papersieve
 * digest"): hits grouped by their first tag (first rule when untagged), ranked by
 * score, titles linked, matched text in bold. Buffer and errors as
 * psv_results_to_jsonl.
 */
PSV_API int psv_results_to_markdown(char** out, size_t* length, const psv_results* results,
                                    const char* title);

/*
 * Serializes results as one self-contained HTML page headed by `title` (NULL:
 * "papersieve digest"): inline styles, no scripts or external assets, all paper
 * text escaped, matched text in <mark>. Buffer and errors as psv_results_to_jsonl.
 */
PSV_API int psv_results_to_html(char** out, size_t* length, const psv_results* results,
                                const char* title);

/*
 * Serializes results as RFC 4180 CSV (header row, CRLF): rank, score, rules, tags,
 * then the paper columns of docs/formats.md. Buffer and errors as psv_results_to_jsonl.
 */
PSV_API int psv_results_to_csv(char** out, size_t* length, const psv_results* results);

/* ---- Digests, feeds and citations (docs/writers.md) ------------------------------- */

#define PSV_DIGEST_OPTIONS_VERSION 1

/* What a digest says about its run. Every string may be NULL (the default). */
typedef struct psv_digest_options {
  unsigned version;      /* PSV_DIGEST_OPTIONS_VERSION */
  const char* title;     /* NULL: "papersieve digest" */
  const char* inputs;    /* the inputs read, one per line, named in the footer */
  const char* rules;     /* the rule file or query, named in the footer */
  const char* generated; /* RFC 3339 UTC time ("2026-12-07T05:00:00Z"); NULL: now */
  int full_abstracts;    /* nonzero: whole abstracts instead of snippets around matches */
  const char* feed_url;  /* where a feed is published: its Atom id and self link */
} psv_digest_options;

#define PSV_DIGEST_OPTIONS_INIT \
  { PSV_DIGEST_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 0, NULL }

/*
 * The HTML digest with options (NULL: defaults, as psv_results_to_html): an overview
 * linking down to each paper, titles linked, snippets around the matches, a footer
 * naming the inputs, rules and time. Buffer and errors as psv_results_to_jsonl, plus
 * PSV_EINVAL for a bad options version.
 */
PSV_API int psv_results_to_html_opts(char** out, size_t* length, const psv_results* results,
                                     const psv_digest_options* options);

/* The Markdown digest with options; as psv_results_to_html_opts. */
PSV_API int psv_results_to_markdown_opts(char** out, size_t* length, const psv_results* results,
                                         const psv_digest_options* options);

/* The digest as plain text (an e-mail's text/plain part); as psv_results_to_html_opts. */
PSV_API int psv_results_to_text(char** out, size_t* length, const psv_results* results,
                                const psv_digest_options* options);

/* An Atom 1.0 feed of the hits, entry ids stable across runs; as psv_results_to_html_opts. */
PSV_API int psv_results_to_atom(char** out, size_t* length, const psv_results* results,
                                const psv_digest_options* options);

/* An RSS 2.0 feed of the hits; as psv_results_to_html_opts. */
PSV_API int psv_results_to_rss(char** out, size_t* length, const psv_results* results,
                               const psv_digest_options* options);

/* BibTeX entries of the hits (stable citation keys, arXiv eprint fields, tags as
 * keywords). Buffer and errors as psv_results_to_jsonl. */
PSV_API int psv_results_to_bibtex(char** out, size_t* length, const psv_results* results);

/* RIS records of the hits (CRLF lines). Buffer and errors as psv_results_to_jsonl. */
PSV_API int psv_results_to_ris(char** out, size_t* length, const psv_results* results);

/* A CSL-JSON array of the hits. Buffer and errors as psv_results_to_jsonl. */
PSV_API int psv_results_to_csl_json(char** out, size_t* length, const psv_results* results);

/* Frees a string the library returned. NULL is a no-op. */
PSV_API void psv_string_free(char* string);

/* ---- Seen-state (docs/state.md) ----------------------------------------------------- */

/* What a seen-state knows of a paper. */
typedef enum psv_seen {
  PSV_SEEN_NEW = 0,     /* never shown */
  PSV_SEEN_UPDATED = 1, /* an older version was shown */
  PSV_SEEN_SEEN = 2     /* shown: this version, a newer one, or the same title under another id */
} psv_seen;

/* Opens the seen-state file at `path` into *out, creating it when missing; free it with
 * psv_state_free. Another run holding the file is waited for up to busy_timeout_ms
 * (0: 10000). Errors: PSV_EINVAL (NULL out or path), PSV_EIO (cannot open; not a
 * papersieve state file; corrupt; written by a newer papersieve). */
PSV_API int psv_state_open(psv_state** out, const char* path, int busy_timeout_ms);

/* Closes the state; NULL is accepted. */
PSV_API void psv_state_free(psv_state* state);

/* What the state knows of `paper`, as a psv_seen value in *out. */
PSV_API int psv_state_status(int* out, const psv_state* state, const psv_paper* paper);

/* Remembers every paper of `results` as shown at `now` (seconds since 1970-01-01 UTC;
 * 0: the system clock), in one transaction: all or, on error, none. Call it after the
 * output was written completely. Errors: PSV_EINVAL, PSV_EIO (e.g. busy past the timeout). */
PSV_API int psv_state_mark_results(psv_state* state, const psv_results* results, int64_t now);

/* Forgets the papers last shown before `before` (seconds since 1970-01-01 UTC); how many
 * in *removed (may be NULL). */
PSV_API int psv_state_prune(size_t* removed, psv_state* state, int64_t before);

/* How many papers the state remembers, in *out. */
PSV_API int psv_state_count(size_t* out, const psv_state* state);

#ifdef __cplusplus
}
#endif

#endif /* PAPERSIEVE_H */
