# cmake -P script run by ctest: the shared library must export exactly the
# functions papersieve.h declares (all named psv_*), and carry the SONAME that
# SOVERSION promises.
#   -DLIBRARY=<path to libpapersieve.so> -DHEADER=<papersieve.h> -DNM=<nm> -DREADELF=<readelf>
foreach(var LIBRARY HEADER NM READELF)
  if(NOT ${var})
    message(FATAL_ERROR "check_exports.cmake needs -D${var}=...")
  endif()
endforeach()

execute_process(COMMAND "${NM}" -D --defined-only "${LIBRARY}"
                OUTPUT_VARIABLE nm_output RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()

# Lines look like "0000000000012340 T psv_corpus_parse@@PAPERSIEVE_0".
set(exported "")
set(unexpected "")
string(REPLACE "\n" ";" nm_lines "${nm_output}")
foreach(line IN LISTS nm_lines)
  if(NOT line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^@ ]+)")
    continue()
  endif()
  set(type "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  if(type STREQUAL "A" AND name STREQUAL "PAPERSIEVE_0")
    continue()  # the version node itself, not a symbol
  elseif(name MATCHES "^psv_")
    list(APPEND exported "${name}")
  else()
    list(APPEND unexpected "${type} ${name}")
  endif()
endforeach()
if(unexpected)
  list(JOIN unexpected "\n  " text)
  message(FATAL_ERROR "exported symbols outside psv_*:\n  ${text}")
endif()
if(NOT exported)
  message(FATAL_ERROR "no psv_* symbol is exported from ${LIBRARY}")
endif()

# Every declared function is defined, and nothing undeclared is exported.
file(READ "${HEADER}" header)
string(REGEX MATCHALL "PSV_API[^;(]* \\**(psv_[a-z0-9_]+)\\(" declarations "${header}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX REPLACE ".*(psv_[a-z0-9_]+)\\($" "\\1" name "${declaration}")
  list(APPEND declared "${name}")
endforeach()
list(SORT declared)
list(REMOVE_DUPLICATES exported)
list(SORT exported)
if(NOT declared STREQUAL exported)
  set(missing ${declared})
  list(REMOVE_ITEM missing ${exported})
  set(extra ${exported})
  list(REMOVE_ITEM extra ${declared})
  message(FATAL_ERROR "header and library disagree\n"
                      "  declared, not exported: ${missing}\n  exported, not declared: ${extra}")
endif()

execute_process(COMMAND "${READELF}" -d "${LIBRARY}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT dynamic MATCHES "\\(SONAME\\)[^\n]*\\[libpapersieve\\.so\\.0\\]")
  message(FATAL_ERROR "SONAME of ${LIBRARY} is not libpapersieve.so.0:\n${dynamic}")
endif()

list(LENGTH exported count)
message(STATUS "${count} psv_* symbols exported, nothing else; SONAME libpapersieve.so.0")
