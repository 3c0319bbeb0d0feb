# Fontconfig (libfontconfig-dev): finds the system's DejaVu and CJK fonts. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
  add_library(hallway::fontconfig INTERFACE IMPORTED)
  target_link_libraries(hallway::fontconfig INTERFACE PkgConfig::FONTCONFIG)
endif()
