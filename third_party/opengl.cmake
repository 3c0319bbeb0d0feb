# OpenGL (libgl-dev through libglfw3-dev; Mesa at run time): what ImGui draws with. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  find_package(OpenGL REQUIRED)
  add_library(hallway::opengl INTERFACE IMPORTED)
  target_link_libraries(hallway::opengl INTERFACE OpenGL::GL)
endif()
