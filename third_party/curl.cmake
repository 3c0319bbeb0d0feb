# libcurl (libcurl4-openssl-dev): fetching agendas by URL over HTTPS, CardDAV/CalDAV sync.
include_guard(GLOBAL)
find_package(CURL)
if(NOT CURL_FOUND)
  message(FATAL_ERROR "libcurl not found: install the Debian package libcurl4-openssl-dev")
endif()
# Only its headers at build time: services/curl_api.cpp loads libcurl.so.4
# (Debian's libcurl4, which the -dev package brings) with dlopen when the first
# download or sync starts, so a start does not link it and its TLS, IDN, LDAP
# and SSH libraries.
add_library(hallway::curl INTERFACE IMPORTED)
target_include_directories(hallway::curl INTERFACE ${CURL_INCLUDE_DIRS})
target_link_libraries(hallway::curl INTERFACE ${CMAKE_DL_LIBS})
