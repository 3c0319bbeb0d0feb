// Reads the current OpenGL back buffer and writes it as a PNG file.
#pragma once
#include <string>

namespace hallway::ui {

// Reads `width` x `height` pixels of the back buffer (call after rendering,
// before swapping) and writes them top row first as an RGB PNG. Returns false
// and sets `error` to a sentence when the file could not be written.
bool writeBackBufferPng(const std::string& path, int width, int height, std::string& error);

}  // namespace hallway::ui
