# Howard Hinnant's date and tz (libhowardhinnant-date-dev): IANA time zones from
# the system's tzdata.
include_guard(GLOBAL)
find_package(date REQUIRED)
add_library(hallway::date_tz INTERFACE IMPORTED)
target_link_libraries(hallway::date_tz INTERFACE date::date-tz)
