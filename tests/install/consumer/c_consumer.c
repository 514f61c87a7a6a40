/* Links the installed shared C library and parses the file named on the command line. */
#include <papersieve.h>
#include <stdio.h>

int main(int argc, char** argv) {
  psv_corpus* corpus = NULL;
  psv_stats stats;
  if (argc != 2) return 2;
  if (psv_corpus_parse_file(&corpus, argv[1], NULL) != PSV_OK) {
    fprintf(stderr, "%s\n", psv_error_message());
    return 1;
  }
  psv_corpus_stats(&stats, corpus);
  printf("version=%s papers=%lu\n", psv_version_string(), (unsigned long)stats.papers);
  psv_corpus_free(corpus);
  return 0;
}
