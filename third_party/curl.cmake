# libcurl (libcurl4-openssl-dev): fetching agendas by URL over HTTPS.
include_guard(GLOBAL)
find_package(CURL)
if(NOT CURL_FOUND)
  message(FATAL_ERROR "libcurl not found: install the Debian package libcurl4-openssl-dev")
endif()
add_library(hallway::curl INTERFACE IMPORTED)
target_link_libraries(hallway::curl INTERFACE CURL::libcurl)
