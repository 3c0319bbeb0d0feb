#include "ui/folder_listing.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/text.h"

namespace hallway::ui {

FolderListing listFolder(const std::string& folder) {
    FolderListing out;
    out.path = normalPath(folder);
    DIR* dir = ::opendir(out.path.c_str());
    if (!dir) {
        out.error = std::strerror(errno);
        return out;
    }
    const int fd = ::dirfd(dir);
    while (dirent* d = ::readdir(dir)) {
        const char* name = d->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
        FolderEntry e;
        e.name = name;
        e.hidden = name[0] == '.';
        // stat follows links, so a link to a folder opens like one.
        struct stat st {};
        if (::fstatat(fd, name, &st, 0) == 0) {
            e.folder = S_ISDIR(st.st_mode);
            if (!e.folder) e.size = std::int64_t(st.st_size);
            e.modified = std::int64_t(st.st_mtime);
        } else if (d->d_type == DT_DIR) {
            e.folder = true;
        }
        out.entries.push_back(std::move(e));
    }
    ::closedir(dir);
    // Keys made once, not per comparison: 10,000 entries sort in a few ms.
    std::vector<std::pair<std::string, size_t>> keys;
    keys.reserve(out.entries.size());
    for (size_t i = 0; i < out.entries.size(); ++i) keys.emplace_back(text::lower(out.entries[i].name), i);
    std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
        const FolderEntry& x = out.entries[a.second];
        const FolderEntry& y = out.entries[b.second];
        if (x.folder != y.folder) return x.folder;
        if (a.first != b.first) return a.first < b.first;
        return x.name < y.name;
    });
    std::vector<FolderEntry> sorted;
    sorted.reserve(keys.size());
    for (const auto& k : keys) sorted.push_back(std::move(out.entries[k.second]));
    out.entries = std::move(sorted);
    return out;
}

std::string normalPath(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path p(path.empty() ? std::string(".") : path);
    if (p.is_relative()) {
        std::error_code ec;
        fs::path cwd = fs::current_path(ec);
        p = (ec ? fs::path(homeFolder()) : cwd) / p;
    }
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s.empty() ? "/" : s;
}

std::string parentFolder(const std::string& path) {
    const std::string p = normalPath(path);
    const size_t slash = p.rfind('/');
    if (slash == std::string::npos || slash == 0) return "/";
    return p.substr(0, slash);
}

std::string joinPath(const std::string& folder, const std::string& name) {
    if (folder.empty() || folder.back() == '/') return folder + name;
    return folder + "/" + name;
}

std::string baseName(const std::string& path) {
    const std::string p = normalPath(path);
    if (p == "/") return p;
    return p.substr(p.rfind('/') + 1);
}

std::string homeFolder() {
    if (const char* home = std::getenv("HOME"); home && *home) return normalPath(home);
    return "/";
}

bool filterAccepts(const FileFilter& filter, const std::string& name) {
    if (filter.endings.empty()) return true;
    const std::string low = text::lower(name);
    for (const std::string& end : filter.endings)
        if (low.size() > end.size() && low.compare(low.size() - end.size(), end.size(), end) == 0) return true;
    return false;
}

std::vector<FileFilter> importFilters() {
    return {
        {"Agendas and contacts (.ics .ical .xml .json .csv .vcf .vcard .txt)",
         {".ics", ".ical", ".xml", ".json", ".csv", ".vcf", ".vcard", ".txt"}},
        {"All files", {}},
    };
}

void rememberPlace(std::vector<std::string>& list, const std::string& path) {
    if (path.empty() || path.find_first_of("\r\n") != std::string::npos) return;
    list.erase(std::remove(list.begin(), list.end(), path), list.end());
    list.insert(list.begin(), path);
    if (list.size() > RecentPlaces::kMax) list.resize(RecentPlaces::kMax);
}

std::string shortSize(std::int64_t bytes) {
    if (bytes < 0) return {};
    char buffer[32];
    if (bytes < 1000) {
        std::snprintf(buffer, sizeof buffer, "%lld B", static_cast<long long>(bytes));
    } else if (bytes < 1000 * 1000) {
        std::snprintf(buffer, sizeof buffer, "%.0f KB", double(bytes) / 1000.0);
    } else if (bytes < 1000LL * 1000 * 1000) {
        std::snprintf(buffer, sizeof buffer, "%.1f MB", double(bytes) / 1e6);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f GB", double(bytes) / 1e9);
    }
    return buffer;
}

}  // namespace hallway::ui
