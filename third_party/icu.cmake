# ICU (libicu-dev): Unicode normalisation (NFC) of names, so a name typed with
# a combining accent and the same name typed precomposed are one person.
include_guard(GLOBAL)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU_UC IMPORTED_TARGET icu-uc)
if(NOT ICU_UC_FOUND)
  message(FATAL_ERROR "ICU not found: install libicu-dev (scripts/setup.sh does)")
endif()
add_library(hallway::icu INTERFACE IMPORTED)
target_link_libraries(hallway::icu INTERFACE PkgConfig::ICU_UC)
