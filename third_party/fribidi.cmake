# GNU FriBidi (libfribidi-dev): right-to-left names put in drawing order and
# Arabic letters joined into presentation forms. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(FRIBIDI IMPORTED_TARGET fribidi)
  if(NOT FRIBIDI_FOUND)
    message(FATAL_ERROR "GNU FriBidi not found: install libfribidi-dev (scripts/setup.sh does)")
  endif()
  add_library(hallway::fribidi INTERFACE IMPORTED)
  target_link_libraries(hallway::fribidi INTERFACE PkgConfig::FRIBIDI)
endif()
