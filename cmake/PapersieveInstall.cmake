# install(): headers, libraries, papersieveConfig.cmake (+ version file) and papersieve.pc.
# The Python wheel build (SKBUILD) installs only the Python package, from python/.
if(SKBUILD)
  return()
endif()

include(CMakePackageConfigHelpers)
set(PSV_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/papersieve")

install(DIRECTORY core/include/papersieve DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.def")
install(FILES "${PROJECT_BINARY_DIR}/generated/papersieve/version.hpp"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/papersieve)
set(_psv_targets papersieve_core)
if(PSV_BUILD_SHARED)
  install(FILES capi/include/papersieve.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  list(APPEND _psv_targets papersieve)
endif()
install(TARGETS ${_psv_targets} EXPORT papersieveTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT papersieveTargets NAMESPACE papersieve:: DESTINATION ${PSV_CMAKE_DIR})

configure_package_config_file(cmake/papersieveConfig.cmake.in
  "${PROJECT_BINARY_DIR}/papersieveConfig.cmake" INSTALL_DESTINATION ${PSV_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/papersieveConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/papersieveConfig.cmake"
              "${PROJECT_BINARY_DIR}/papersieveConfigVersion.cmake"
        DESTINATION ${PSV_CMAKE_DIR})

if(PSV_BUILD_SHARED)
  file(RELATIVE_PATH PSV_PC_TO_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
  configure_file(cmake/papersieve.pc.in "${PROJECT_BINARY_DIR}/papersieve.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/papersieve.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()
