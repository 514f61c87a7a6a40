/*
 * papersieve.h: the stable C ABI of papersieve (C99).
 *
 * Conventions (DESIGN.md §6):
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
 *  - No call throws, aborts or prints; the library is safe to use from several
 *    threads as long as a psv_corpus is not freed while another thread reads it.
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

/* ---- Formats ------------------------------------------------------------------- */

/*
 * 1 when this build has a reader for the format called `name` ("hf-text", ...),
 * else 0. An unknown or NULL name also gives 0 and sets psv_error_message().
 * "auto" gives 0: it is no format, but parse options always accept it.
 */
PSV_API int psv_format_supported(const char* name);

/* ---- Parsing ------------------------------------------------------------------- */

typedef struct psv_corpus psv_corpus; /* opaque: the parsed papers and diagnostics */
typedef struct psv_paper psv_paper;   /* opaque: one paper, borrowed from its corpus */

#define PSV_PARSE_OPTIONS_VERSION 1

typedef struct psv_parse_options {
  unsigned version;        /* PSV_PARSE_OPTIONS_VERSION */
  const char* format;      /* a format name; NULL or "auto" detects it from the input */
  const char* source_name; /* named in diagnostics and sources; NULL: "<memory>" or the path */
} psv_parse_options;

#define PSV_PARSE_OPTIONS_INIT \
  { PSV_PARSE_OPTIONS_VERSION, NULL, NULL }

/*
 * Parses `size` bytes at `data` (which may be NULL when size is 0) into a new corpus
 * stored in *out; free it with psv_corpus_free. `options` may be NULL for defaults.
 * Malformed records become diagnostics, not errors. Errors: PSV_EINVAL (NULL out,
 * unknown format name, bad options version), PSV_EUNSUPPORTED (no reader for the
 * format), PSV_ENOMEM. On error *out is set to NULL.
 */
PSV_API int psv_corpus_parse(psv_corpus** out, const char* data, size_t size,
                             const psv_parse_options* options);

/*
 * Like psv_corpus_parse, reading the file at `path` in chunks. Errors as
 * psv_corpus_parse, plus PSV_EIO when the file cannot be opened or read.
 */
PSV_API int psv_corpus_parse_file(psv_corpus** out, const char* path,
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
  PSV_FIELD_ID = 0,       /* arXiv id without version, else "psv-" + title hash */
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

/* ---- Output -------------------------------------------------------------------- */

/*
 * Serializes the corpus's papers as JSON lines (one object per paper, each line
 * ending in '\n') into a new NUL-terminated string stored in *out; free it with
 * psv_string_free. Stores its length in *length unless `length` is NULL.
 * Errors: PSV_EINVAL (NULL out or corpus), PSV_ENOMEM. On error *out is NULL.
 */
PSV_API int psv_corpus_to_jsonl(char** out, size_t* length, const psv_corpus* corpus);

/* Frees a string the library returned. NULL is a no-op. */
PSV_API void psv_string_free(char* string);

#ifdef __cplusplus
}
#endif

#endif /* PAPERSIEVE_H */
