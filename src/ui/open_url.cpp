#include "ui/open_url.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "core/text.h"

namespace hallway::ui {

std::string openUrlWithXdgOpen(const std::string& url) {
    std::string program = "xdg-open";
    std::string arg = url;
    char* argv[] = {program.data(), arg.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ);
    if (rc != 0) return std::string("xdg-open: ") + std::strerror(rc);
    std::thread([pid] {
        int status = 0;
        waitpid(pid, &status, 0);
    }).detach();
    return {};
}

bool isWebLink(const std::string& url) {
    const std::string head = text::lower(url.substr(0, 8));
    return (head.rfind("https://", 0) == 0 && url.size() > 8) || (head.rfind("http://", 0) == 0 && url.size() > 7);
}

}  // namespace hallway::ui
