# POSIX threads (libc): the app rasterises its fonts while the window opens. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  find_package(Threads REQUIRED)
  add_library(hallway::threads INTERFACE IMPORTED)
  target_link_libraries(hallway::threads INTERFACE Threads::Threads)
endif()
