// A small fixed corpus the rule targets match against: ASCII, accents (NFC and
// decomposed input), CJK, dashes, hyphenated words, URLs, authors, categories.
#pragma once

#include "papersieve/parse.hpp"

namespace fuzz_support {

inline const papersieve::Corpus& sample_corpus() {
  static const papersieve::Corpus corpus = papersieve::parse(
      R"([{"title":"Text-to-Image Diffusion Models: A Survey","abstract":"We review text to image (t2i) diffusion models, prompt tuning and DPO. Code: https://github.com/x/y.","authors":["Ada Lovelace","Kurt Gödel"],"id":"2401.00001","categories":"cs.CV cs.LG"},
{"title":"Schrödinger Bridges for GPT-4o","abstract":"Optimisation — and optimization — of C++ and .NET code; e.g. 大規模言語モデル. Schro\u0308dinger again.","authors":["Émile Zola"],"id":"2401.00002","categories":"cs.CL"},
{"title":"DualPrompt: Complementary Prompting","abstract":"aaaa aaaa; prompt_optimization, PROMPT-tuning, ﬁne-tuning (ligature), İstanbul, ß and ẞ.","url":"https://example.org/paper.pdf"},
{"title":"A","abstract":""}])",
      {papersieve::Format::json, "sample"});
  return corpus;
}

}  // namespace fuzz_support
