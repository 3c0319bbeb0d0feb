// Opening links outside the app: mail drafts (mailto:) and talk pages.
#pragma once
#include <functional>
#include <string>

namespace hallway::ui {

// Opens a URL outside the app; returns an error text, empty on success.
// Views hold one; tests and screenshots set their own or none.
using UrlOpener = std::function<std::string(const std::string& url)>;

// Hands `url` to `xdg-open` (posix_spawnp, no shell) and reaps it on a
// detached thread, so the app never waits for the browser; returns an error
// text, empty when it started. For the app only.
std::string openUrlWithXdgOpen(const std::string& url);

// True for an http:// or https:// link: only those from an agenda are
// opened (a file: or other scheme from a downloaded agenda is not run).
bool isWebLink(const std::string& url);

}  // namespace hallway::ui
