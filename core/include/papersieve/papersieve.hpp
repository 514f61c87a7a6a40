// Umbrella header for the C++ API.
#pragma once

#include "papersieve/corpus.hpp"
#include "papersieve/diagnostic.hpp"
#include "papersieve/error.hpp"
#include "papersieve/filter_file.hpp"
#include "papersieve/format.hpp"
#include "papersieve/limits.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/paper.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/stream.hpp"
#include "papersieve/version.hpp"
#include "papersieve/write.hpp"
