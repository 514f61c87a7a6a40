// Links the installed static C++ core and parses the file named on the command line.
#include <iostream>
#include <papersieve/papersieve.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  try {
    const papersieve::Corpus corpus = papersieve::parse_file(argv[1]);
    std::cout << "version=" << papersieve::version_string << " papers=" << corpus.stats.papers
              << "\n";
  } catch (const papersieve::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
