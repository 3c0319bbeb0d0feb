# CLI11 (libcli11-dev, header only): the command line, --help, and the man page
# and shell completions generated from it.
include_guard(GLOBAL)
find_package(CLI11 QUIET)
add_library(hallway::cli11 INTERFACE IMPORTED)
if(TARGET CLI11::CLI11)
  target_link_libraries(hallway::cli11 INTERFACE CLI11::CLI11)
else()
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp)
  if(NOT CLI11_INCLUDE_DIR)
    message(FATAL_ERROR "CLI11 not found: install libcli11-dev (scripts/setup.sh does)")
  endif()
  target_include_directories(hallway::cli11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()
