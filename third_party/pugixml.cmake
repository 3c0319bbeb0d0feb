# pugixml (libpugixml-dev): frab/pentabarf schedule XML.
include_guard(GLOBAL)
find_package(pugixml REQUIRED)
add_library(hallway::pugixml INTERFACE IMPORTED)
target_link_libraries(hallway::pugixml INTERFACE pugixml::pugixml)
