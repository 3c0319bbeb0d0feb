// What the file chooser shows of a folder: its entries read once per visit
// (folders first, then files, each by name ignoring ASCII case), the file
// type filters, and the recent places kept in the settings. No ImGui here,
// so tests check it without a frame.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hallway::ui {

struct FolderEntry {
    std::string name;
    bool folder = false;    // a folder, or a link to one
    bool hidden = false;    // the name starts with '.'
    std::int64_t size = -1; // bytes; -1 for folders and when unknown
    std::int64_t modified = 0;  // seconds since the epoch, 0 when unknown
};

struct FolderListing {
    std::string path;                  // absolute, without a trailing '/' (except "/")
    std::vector<FolderEntry> entries;  // folders first, then files, by name
    std::string error;                 // set when the folder could not be read ("Permission denied")
};

// Reads `folder` once. An unreadable or missing folder gives no entries and
// the reason in `error`; an entry that cannot be examined is listed as a file
// of unknown size.
FolderListing listFolder(const std::string& folder);

// The folder above `path` ("/a/b" -> "/a", "/" -> "/").
std::string parentFolder(const std::string& path);
// `folder` joined with `name`.
std::string joinPath(const std::string& folder, const std::string& name);
// The last part of `path` ("/a/b.ics" -> "b.ics"; "/" -> "/").
std::string baseName(const std::string& path);
// `path` made absolute and without "." / ".." parts or a trailing '/'
// (lexically; links are kept as named).
std::string normalPath(const std::string& path);
// The user's home folder, else "/".
std::string homeFolder();

// A choice in the chooser's type filter: a label and the file name endings
// it lets through (lower case, with the dot); no endings lets every file through.
struct FileFilter {
    std::string label;
    std::vector<std::string> endings;
};
// True when `name` ends (ignoring ASCII case) with one of the filter's endings.
bool filterAccepts(const FileFilter& filter, const std::string& name);
// The agenda and contacts formats Hallway reads, then "All files".
std::vector<FileFilter> importFilters();

// Recent folders and files, newest first, kept in the GUI's settings file.
struct RecentPlaces {
    static constexpr size_t kMax = 8;
    std::vector<std::string> folders;
    std::vector<std::string> files;
    bool operator==(const RecentPlaces&) const = default;
};
// Puts `path` first in `list`, dropping an older copy and anything past kMax.
// Paths holding a line break are not kept (the settings file is line based).
void rememberPlace(std::vector<std::string>& list, const std::string& path);

// "12 KB", "3.4 MB": a short size for the chooser's list.
std::string shortSize(std::int64_t bytes);

}  // namespace hallway::ui
