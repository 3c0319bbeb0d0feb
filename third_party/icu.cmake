# ICU (libicu-dev): Unicode normalisation (NFC) of names, so a name typed with
# a combining accent and the same name typed precomposed are one person (icu-uc),
# and names sorted by a Unicode collation in the user's locale (icu-i18n).
include_guard(GLOBAL)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU IMPORTED_TARGET icu-i18n icu-uc)
if(NOT ICU_FOUND)
  message(FATAL_ERROR "ICU not found: install libicu-dev (scripts/setup.sh does)")
endif()
add_library(hallway::icu INTERFACE IMPORTED)
target_link_libraries(hallway::icu INTERFACE PkgConfig::ICU)
