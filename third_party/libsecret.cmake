# libsecret (libsecret-1-dev): the sync password in the desktop's Secret
# Service (GNOME Keyring, KWallet) instead of a file.
include_guard(GLOBAL)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBSECRET IMPORTED_TARGET libsecret-1)
if(NOT LIBSECRET_FOUND)
  message(FATAL_ERROR "libsecret not found: install libsecret-1-dev (scripts/setup.sh does)")
endif()
add_library(hallway::libsecret INTERFACE IMPORTED)
target_link_libraries(hallway::libsecret INTERFACE PkgConfig::LIBSECRET)
