# stb (libstb-dev, header only): stb_image_write for screenshots, stb_truetype
# and stb_rect_pack for the one-byte font atlas. GUI only.
include_guard(GLOBAL)
if(HALLWAY_BUILD_GUI)
  find_path(STB_INCLUDE_DIR stb_image_write.h PATH_SUFFIXES stb)
  if(NOT STB_INCLUDE_DIR)
    message(FATAL_ERROR "stb not found: install libstb-dev (scripts/setup.sh does)")
  endif()
  add_library(hallway::stb INTERFACE IMPORTED)
  target_include_directories(hallway::stb INTERFACE ${STB_INCLUDE_DIR})
endif()
