# Compiles through ccache when it is installed (scripts/setup installs it), so
# that rebuilds of unchanged sources, in any checkout of the project on this
# machine, are cache hits. Paths are made relative to the source tree, so two
# checkouts share entries. PSV_CCACHE=OFF (or a launcher set by the caller)
# turns it off.
option(PSV_CCACHE "Compile through ccache when it is installed" ON)
if(PSV_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(PSV_CCACHE_PROGRAM ccache)
  if(PSV_CCACHE_PROGRAM)
    set(_psv_launcher "${CMAKE_COMMAND}" -E env "CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}"
        "CCACHE_NOHASHDIR=1" "${PSV_CCACHE_PROGRAM}")
    set(CMAKE_C_COMPILER_LAUNCHER ${_psv_launcher})
    set(CMAKE_CXX_COMPILER_LAUNCHER ${_psv_launcher})
  endif()
endif()
