#include "ui/screenshot.h"

#include <GL/gl.h>

#include <cerrno>
#include <cstring>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stb_image_write.h>
#pragma GCC diagnostic pop

namespace hallway::ui {

bool writeBackBufferPng(const std::string& path, int width, int height, std::string& error) {
    if (width <= 0 || height <= 0) {
        error = "the window has no pixels to capture";
        return false;
    }
    const size_t stride = size_t(width) * 3;
    std::vector<unsigned char> pixels(stride * size_t(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (GLenum e = glGetError(); e != GL_NO_ERROR) {
        error = "glReadPixels failed (GL error " + std::to_string(int(e)) + ")";
        return false;
    }
    // OpenGL's first row is the bottom one.
    std::vector<unsigned char> row(stride);
    for (int y = 0; y < height / 2; ++y) {
        unsigned char* a = pixels.data() + size_t(y) * stride;
        unsigned char* b = pixels.data() + size_t(height - 1 - y) * stride;
        std::memcpy(row.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, row.data(), stride);
    }
    stbi_write_png_compression_level = 9;
    errno = 0;
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), int(stride))) {
        error = "cannot write " + path + (errno ? std::string(": ") + std::strerror(errno) : std::string());
        return false;
    }
    return true;
}

}  // namespace hallway::ui
