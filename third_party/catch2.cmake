# Catch2 v2 (catch2, header only) and its CTest discovery module. Tests only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_TESTS)
  find_package(Catch2 REQUIRED)
  add_library(hallway::catch2 INTERFACE IMPORTED)
  target_link_libraries(hallway::catch2 INTERFACE Catch2::Catch2)
endif()
