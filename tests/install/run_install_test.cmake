# cmake -P script driven by ctest (see CMakeLists.txt beside it).
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${STAGE_DIR}" "${CONSUMER_BUILD}")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${STAGE_DIR}")
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE}" -B "${CONSUMER_BUILD}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${STAGE_DIR}" "-DCMAKE_C_FLAGS=${CONSUMER_FLAGS}"
    "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}" "-DPSV_DIGEST_SOURCE=${DIGEST_SOURCE}")
run(${CMAKE_COMMAND} --build "${CONSUMER_BUILD}")

run("${CONSUMER_BUILD}/c_consumer" "${SAMPLE}")
if(NOT last_output MATCHES "papers=[1-9]")
  message(FATAL_ERROR "c_consumer printed no papers: ${last_output}")
endif()
run("${CONSUMER_BUILD}/digest" "${SAMPLE}" "${RULES}")
set(digest_output "${last_output}")
if(NOT digest_output MATCHES "^# papersieve digest\n.*### 1\\. ")
  message(FATAL_ERROR "digest (find_package) printed no ranked digest: ${digest_output}")
endif()
run("${CONSUMER_BUILD}/cpp_consumer" "${SAMPLE}")
if(NOT last_output MATCHES "papers=[1-9]")
  message(FATAL_ERROR "cpp_consumer printed no papers: ${last_output}")
endif()

# The pkg-config file points at the staged headers and library.
find_program(PKG_CONFIG pkg-config REQUIRED)
file(GLOB_RECURSE pc_files "${STAGE_DIR}/*/papersieve.pc")
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
run(${PKG_CONFIG} --cflags --libs papersieve)
if(NOT last_output MATCHES "-lpapersieve" OR NOT last_output MATCHES "-I([^ \n]+)")
  message(FATAL_ERROR "papersieve.pc gives unexpected flags: ${last_output}")
endif()
if(NOT EXISTS "${CMAKE_MATCH_1}/papersieve.h")
  message(FATAL_ERROR "papersieve.pc include dir ${CMAKE_MATCH_1} has no papersieve.h")
endif()

# digest.c again, compiled with exactly the flags pkg-config gives (plus an rpath to
# the staged libdir, as an installed program would have), must print the same digest.
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs papersieve
                OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${PKG_CONFIG} --variable=libdir papersieve
                OUTPUT_VARIABLE pc_libdir OUTPUT_STRIP_TRAILING_WHITESPACE)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(consumer_flags UNIX_COMMAND "${CONSUMER_FLAGS}")
set(pc_digest "${CONSUMER_BUILD}/digest-pkg-config")
run("${C_COMPILER}" -std=c99 -Wall -Wextra -pedantic -Werror ${consumer_flags}
    "${DIGEST_SOURCE}" -o "${pc_digest}" ${pc_flags} "-Wl,-rpath,${pc_libdir}")
run("${pc_digest}" "${SAMPLE}" "${RULES}")
if(NOT last_output STREQUAL digest_output)
  message(FATAL_ERROR "digest (pkg-config) differs from digest (find_package):\n"
                      "${last_output}\n---\n${digest_output}")
endif()
# And it really uses the staged library.
execute_process(COMMAND ldd "${pc_digest}" OUTPUT_VARIABLE ldd_output)
get_filename_component(stage_real "${STAGE_DIR}" REALPATH)
if(NOT ldd_output MATCHES "libpapersieve\\.so\\.0 => (${STAGE_DIR}|${stage_real})/")
  message(FATAL_ERROR "digest (pkg-config) does not load the staged library:\n${ldd_output}")
endif()
message(STATUS "install test passed")
