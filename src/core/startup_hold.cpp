#include "core/startup_hold.h"

#include <condition_variable>
#include <mutex>

namespace hallway::startup_hold {

namespace {
std::mutex g_mutex;
std::condition_variable g_opened;
bool g_closed = false;
}  // namespace

void close() {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_closed = true;
}

void open() {
    {
        std::lock_guard<std::mutex> lock(g_mutex);
        g_closed = false;
    }
    g_opened.notify_all();
}

void waitWhileClosed() {
    std::unique_lock<std::mutex> lock(g_mutex);
    g_opened.wait_for(lock, kLimit, [] { return !g_closed; });
}

}  // namespace hallway::startup_hold
