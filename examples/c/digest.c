/*
 * digest DUMP RULES [TOP]: parses a paper dump, compiles a JSON rule file and
 * prints the ranked digest of the selected papers as Markdown on stdout. A summary
 * line ("digest: N of M papers selected") goes to stderr, and so do rule problems
 * and parse errors. TOP overrides the rule file's "top".
 *
 * Build against an installed papersieve with
 *   cc digest.c $(pkg-config --cflags --libs papersieve)
 */
#include <papersieve.h>
#include <stdio.h>
#include <stdlib.h>

/* Prints what went wrong, with the status's name, and gives the exit code. */
static int report(const char* what, int status) {
  fprintf(stderr, "digest: %s: %s (%s)\n", what, psv_error_message(), psv_status_string(status));
  return 1;
}

int main(int argc, char** argv) {
  psv_corpus* corpus = NULL;
  psv_rules* rules = NULL;
  psv_results* results = NULL;
  psv_filter_options options = PSV_FILTER_OPTIONS_INIT; /* top 0: the rule file's */
  char* markdown = NULL;
  int status, exit_code = 0;

  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: %s DUMP RULES [TOP]\n", argv[0]);
    return 2;
  }
  if (argc == 4) options.top = (size_t)strtoul(argv[3], NULL, 10);

  status = psv_corpus_parse_file(&corpus, argv[1], NULL);
  if (status != PSV_OK) return report("cannot parse the dump", status);

  /* On PSV_ERULE the message already lists every problem with rule, part and column. */
  status = psv_rules_from_file(&rules, argv[2]);
  if (status != PSV_OK) {
    exit_code = report("cannot compile the rules", status);
    goto done;
  }

  /* The rule set and the corpus are only read: other threads could filter them too. */
  status = psv_rules_filter(&results, rules, corpus, &options);
  if (status != PSV_OK) {
    exit_code = report("cannot filter", status);
    goto done;
  }

  status = psv_results_to_markdown(&markdown, NULL, results, NULL);
  if (status != PSV_OK) {
    exit_code = report("cannot write the digest", status);
    goto done;
  }
  fputs(markdown, stdout);
  fflush(stdout); /* the summary comes after the digest, also on a shared terminal */
  fprintf(stderr, "digest: %lu of %lu papers selected\n", (unsigned long)psv_results_count(results),
          (unsigned long)psv_results_considered(results));

done:
  /* Each object has its own free; all accept NULL. Results need neither the corpus
   * nor the rules once made, so the order does not matter. */
  psv_string_free(markdown);
  psv_results_free(results);
  psv_rules_free(rules);
  psv_corpus_free(corpus);
  return exit_code;
}
