# GIO (libglib2.0-dev, which libsecret-1-dev brings): its D-Bus client sends
# the app's reminders to the desktop's notification service
# (org.freedesktop.Notifications) without another library.
include_guard(GLOBAL)
find_package(PkgConfig REQUIRED)
pkg_check_modules(GIO IMPORTED_TARGET gio-2.0)
if(NOT GIO_FOUND)
  message(FATAL_ERROR "gio-2.0 not found: install libglib2.0-dev (scripts/setup.sh installs libsecret-1-dev, which needs it)")
endif()
add_library(hallway::gio INTERFACE IMPORTED)
target_link_libraries(hallway::gio INTERFACE PkgConfig::GIO)
