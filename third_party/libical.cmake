# libical (libical-dev): iCalendar agendas and VTODO export.
include_guard(GLOBAL)
find_package(LibIcal REQUIRED)
add_library(hallway::libical INTERFACE IMPORTED)
target_link_libraries(hallway::libical INTERFACE ical)
