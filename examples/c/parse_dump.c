/*
 * parse_dump FILE: parses a paper dump with the papersieve C API and prints each
 * paper's id and title, then the parse statistics. Diagnostics (rejected records,
 * repaired text) go to stderr. Exits non-zero when the file cannot be parsed.
 *
 * Build against an installed papersieve with
 *   cc parse_dump.c $(pkg-config --cflags --libs papersieve)
 */
#include <inttypes.h>
#include <papersieve.h>
#include <stdio.h>

int main(int argc, char** argv) {
  psv_corpus* corpus = NULL;
  psv_stats stats;
  size_t i;

  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }

  /* NULL options: detect the format, name the source after the path. */
  if (psv_corpus_parse_file(&corpus, argv[1], NULL) != PSV_OK) {
    fprintf(stderr, "parse_dump: %s\n", psv_error_message());
    return 1;
  }

  /* Papers are borrowed from the corpus: no need to free them one by one. */
  for (i = 0; i < psv_corpus_size(corpus); ++i) {
    const psv_paper* paper = psv_corpus_paper(corpus, i);
    printf("%s\t%s\n", psv_paper_text(paper, PSV_FIELD_ID, NULL),
           psv_paper_text(paper, PSV_FIELD_TITLE, NULL));
  }

  /* Diagnostics do not make the parse fail: malformed records are reported, not fatal. */
  for (i = 0; i < psv_corpus_diagnostic_count(corpus); ++i) {
    psv_diagnostic d;
    if (psv_corpus_diagnostic(&d, corpus, i) != PSV_OK) continue;
    fprintf(stderr, "%s:%" PRIu64 ": %s: %s\n", d.source_name, d.line,
            d.severity == PSV_SEVERITY_ERROR ? "error" : "warning", d.message);
  }

  /* Cannot fail for a valid corpus. The counts are uint64_t: PRIu64 prints them. */
  psv_corpus_stats(&stats, corpus);
  printf("records=%" PRIu64 " papers=%" PRIu64 " duplicates=%" PRIu64 " rejected=%" PRIu64 "\n",
         stats.records, stats.papers, stats.duplicates, stats.rejected);

  psv_corpus_free(corpus); /* also invalidates every paper and string borrowed from it */
  return 0;
}
