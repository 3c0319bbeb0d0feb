# JSON for Modern C++ (nlohmann-json3-dev, header only): JSON agendas, --json, templates.
include_guard(GLOBAL)
find_package(nlohmann_json REQUIRED)
add_library(hallway::nlohmann_json INTERFACE IMPORTED)
target_link_libraries(hallway::nlohmann_json INTERFACE nlohmann_json::nlohmann_json)
