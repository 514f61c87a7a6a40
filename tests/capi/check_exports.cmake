# cmake -P script run by ctest: the shared library must export exactly the
# functions listed in capi/abi/symbols.txt (all named psv_*), which must be exactly
# the functions papersieve.h declares, and carry the SONAME that SOVERSION promises.
#   -DLIBRARY=<path to libpapersieve.so> -DHEADER=<papersieve.h> -DSYMBOLS=<symbols.txt>
#   -DNM=<nm> -DREADELF=<readelf>
foreach(var LIBRARY HEADER SYMBOLS NM READELF)
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

# Two lists that must be equal, or a message naming what each lacks.
function(compare_lists left_name left right_name right)
  if(NOT "${left}" STREQUAL "${right}")
    set(only_left ${left})
    if(right)
      list(REMOVE_ITEM only_left ${right})
    endif()
    set(only_right ${right})
    if(left)
      list(REMOVE_ITEM only_right ${left})
    endif()
    message(FATAL_ERROR "${left_name} and ${right_name} disagree\n"
                        "  in ${left_name} only: ${only_left}\n"
                        "  in ${right_name} only: ${only_right}")
  endif()
endfunction()

# The committed list: one name per line, '#' comments.
file(STRINGS "${SYMBOLS}" symbol_lines)
set(listed "")
foreach(line IN LISTS symbol_lines)
  string(STRIP "${line}" line)
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  endif()
  if(NOT line MATCHES "^psv_[a-z0-9_]+$")
    message(FATAL_ERROR "${SYMBOLS}: not a psv_* name: '${line}'")
  endif()
  list(APPEND listed "${line}")
endforeach()
set(listed_sorted ${listed})
list(SORT listed_sorted)
list(REMOVE_DUPLICATES listed_sorted)
if(NOT listed STREQUAL listed_sorted)
  message(FATAL_ERROR "${SYMBOLS} must be sorted and without duplicates")
endif()

# Declarations may span lines: join them first.
file(READ "${HEADER}" header)
string(REPLACE "\n" " " header "${header}")
string(REGEX MATCHALL "PSV_API[^;(]* \\**(psv_[a-z0-9_]+)\\(" declarations "${header}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX REPLACE ".*(psv_[a-z0-9_]+)\\($" "\\1" name "${declaration}")
  list(APPEND declared "${name}")
endforeach()
list(SORT declared)
list(REMOVE_DUPLICATES exported)
list(SORT exported)
compare_lists("symbols.txt" "${listed}" "the library's dynamic symbols" "${exported}")
compare_lists("symbols.txt" "${listed}" "the header's declarations" "${declared}")

execute_process(COMMAND "${READELF}" -d "${LIBRARY}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT dynamic MATCHES "\\(SONAME\\)[^\n]*\\[libpapersieve\\.so\\.0\\]")
  message(FATAL_ERROR "SONAME of ${LIBRARY} is not libpapersieve.so.0:\n${dynamic}")
endif()

list(LENGTH exported count)
message(STATUS "${count} psv_* symbols exported, nothing else; SONAME libpapersieve.so.0")
