# GLFW 3 (libglfw3-dev): the window, input and the OpenGL context. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
  add_library(hallway::glfw INTERFACE IMPORTED)
  target_link_libraries(hallway::glfw INTERFACE PkgConfig::GLFW)
endif()
