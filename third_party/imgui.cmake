# Dear ImGui 1.86 (libimgui-dev) with its GLFW and OpenGL 3 backends, laid out
# as Debian ships it: headers in include/imgui, backends in
# include/imgui/backends, one static libimgui.a holding the core and the
# backends. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  include(${CMAKE_CURRENT_LIST_DIR}/glfw.cmake)
  include(${CMAKE_CURRENT_LIST_DIR}/opengl.cmake)
  include(${CMAKE_CURRENT_LIST_DIR}/stb.cmake)
  find_path(IMGUI_INCLUDE_DIR imgui.h PATH_SUFFIXES imgui)
  find_library(IMGUI_LIB imgui)
  if(NOT IMGUI_INCLUDE_DIR OR NOT IMGUI_LIB OR NOT EXISTS ${IMGUI_INCLUDE_DIR}/backends/imgui_impl_glfw.h)
    message(FATAL_ERROR "Dear ImGui with its GLFW backend not found: install libimgui-dev (scripts/setup.sh does)")
  endif()
  add_library(hallway::imgui INTERFACE IMPORTED)
  target_include_directories(hallway::imgui INTERFACE ${IMGUI_INCLUDE_DIR} ${IMGUI_INCLUDE_DIR}/backends)
  target_link_libraries(hallway::imgui INTERFACE ${IMGUI_LIB} hallway::glfw hallway::opengl hallway::stb ${CMAKE_DL_LIBS})
endif()
