# Finds what papersieve builds on. A missing dependency stops configuration
# with the Debian package that provides it.
function(psv_missing what package)
  message(FATAL_ERROR "papersieve needs ${what}; on Debian/Ubuntu: apt-get install ${package} "
                      "(or run scripts/setup, which installs everything)")
endfunction()

find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
  psv_missing("pkg-config" "pkg-config")
endif()

# RE2: Debian ships a pkg-config file but no CMake package.
pkg_check_modules(RE2 QUIET IMPORTED_TARGET GLOBAL re2)
if(NOT RE2_FOUND)
  psv_missing("RE2" "libre2-dev")
endif()

# utf8proc: the static archive is PIC on Debian, so it links into shared objects
# and the Python module needs no libutf8proc at run time.
find_path(UTF8PROC_INCLUDE_DIR utf8proc.h)
find_library(UTF8PROC_STATIC_LIBRARY NAMES libutf8proc.a)
find_library(UTF8PROC_SHARED_LIBRARY NAMES utf8proc)
if(NOT UTF8PROC_INCLUDE_DIR OR NOT (UTF8PROC_STATIC_LIBRARY OR UTF8PROC_SHARED_LIBRARY))
  psv_missing("utf8proc" "libutf8proc-dev")
endif()
if(NOT TARGET utf8proc::utf8proc)
  add_library(utf8proc::utf8proc UNKNOWN IMPORTED GLOBAL)
  if(UTF8PROC_STATIC_LIBRARY)
    set(_psv_utf8proc ${UTF8PROC_STATIC_LIBRARY})
  else()
    set(_psv_utf8proc ${UTF8PROC_SHARED_LIBRARY})
  endif()
  set_target_properties(utf8proc::utf8proc PROPERTIES
    IMPORTED_LOCATION "${_psv_utf8proc}"
    INTERFACE_INCLUDE_DIRECTORIES "${UTF8PROC_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS "UTF8PROC_STATIC")
endif()

# expat (the arxiv-atom reader). Debian's libexpat.a is PIC: preferring it keeps
# the Python module and the C library free of a libexpat run-time dependency.
find_library(EXPAT_LIBRARY NAMES libexpat.a expat)
find_package(EXPAT 2.4 QUIET)  # 2.4 brought billion-laughs protection
if(NOT EXPAT_FOUND)
  psv_missing("expat 2.4 or later" "libexpat1-dev")
endif()

# Compressed input: zlib (gzip), libzstd and libbz2. Debian's libz.a and
# libzstd.a are PIC and link in; its libbz2.a is not, so libbz2.so is linked
# and the wheel carries it (like libre2).
find_path(PSV_ZLIB_INCLUDE_DIR zlib.h)
find_library(PSV_ZLIB_LIBRARY NAMES libz.a z)
if(NOT PSV_ZLIB_INCLUDE_DIR OR NOT PSV_ZLIB_LIBRARY)
  psv_missing("zlib" "zlib1g-dev")
endif()
find_path(PSV_ZSTD_INCLUDE_DIR zstd.h)
find_library(PSV_ZSTD_LIBRARY NAMES libzstd.a zstd)
if(NOT PSV_ZSTD_INCLUDE_DIR OR NOT PSV_ZSTD_LIBRARY)
  psv_missing("libzstd" "libzstd-dev")
endif()
find_path(PSV_BZIP2_INCLUDE_DIR bzlib.h)
find_library(PSV_BZIP2_LIBRARY NAMES bz2)
if(NOT PSV_BZIP2_INCLUDE_DIR OR NOT PSV_BZIP2_LIBRARY)
  psv_missing("libbz2" "libbz2-dev")
endif()
set(PSV_COMPRESSION_INCLUDE_DIRS ${PSV_ZLIB_INCLUDE_DIR} ${PSV_ZSTD_INCLUDE_DIR}
    ${PSV_BZIP2_INCLUDE_DIR})
# SQLite (the seen-state, docs/state.md). Debian's libsqlite3.a is position-independent, so it
# links into the shared objects and the wheel needs no libsqlite3 at run time.
find_package(Threads REQUIRED)
find_path(SQLITE3_INCLUDE_DIR sqlite3.h)
find_library(SQLITE3_LIBRARY NAMES libsqlite3.a sqlite3)
if(NOT SQLITE3_INCLUDE_DIR OR NOT SQLITE3_LIBRARY)
  psv_missing("SQLite 3" "libsqlite3-dev")
endif()
if(NOT TARGET papersieve_sqlite3)
  add_library(papersieve_sqlite3 UNKNOWN IMPORTED GLOBAL)
  set_target_properties(papersieve_sqlite3 PROPERTIES
    IMPORTED_LOCATION "${SQLITE3_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SQLITE3_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "m;${CMAKE_DL_LIBS};Threads::Threads")
endif()

# simdjson (the arxiv-jsonl reader's fast path). The arm64 multiarch tree has only the run-time
# package (libsimdjson14), so the library is also looked for by its versioned name; the header
# is the same on every architecture.
find_path(SIMDJSON_INCLUDE_DIR simdjson.h)
find_library(SIMDJSON_LIBRARY NAMES simdjson libsimdjson.so.14)
if(NOT SIMDJSON_INCLUDE_DIR OR NOT SIMDJSON_LIBRARY)
  psv_missing("simdjson" "libsimdjson-dev")
endif()

# RapidJSON: header-only, used privately by core.
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/document.h)
if(NOT RAPIDJSON_INCLUDE_DIR)
  psv_missing("RapidJSON" "rapidjson-dev")
endif()

if(PSV_BUILD_TESTS)
  find_package(Boost 1.71 CONFIG QUIET COMPONENTS unit_test_framework)
  if(NOT Boost_FOUND)
    psv_missing("Boost.Test" "libboost-test-dev")
  endif()
endif()

if(PSV_BUILD_PYTHON)
  find_package(Python 3.8 REQUIRED COMPONENTS Interpreter Development.Module)
  if(NOT pybind11_DIR)
    # pybind11 from PyPI (build isolation or a venv) tells where its CMake files are.
    execute_process(COMMAND "${Python_EXECUTABLE}" -m pybind11 --cmakedir
                    OUTPUT_VARIABLE _psv_pybind11_dir OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE _psv_pybind11_status ERROR_QUIET)
    if(_psv_pybind11_status EQUAL 0)
      set(pybind11_DIR "${_psv_pybind11_dir}")
    endif()
  endif()
  find_package(pybind11 2.10 CONFIG QUIET)
  if(NOT pybind11_FOUND)
    psv_missing("pybind11" "pybind11-dev (or: pip install pybind11)")
  endif()
endif()

if(PSV_BUILD_BENCH)
  find_package(benchmark CONFIG QUIET)
  if(NOT benchmark_FOUND)
    psv_missing("Google Benchmark" "libbenchmark-dev")
  endif()
endif()
