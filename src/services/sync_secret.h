// Where the sync password lives: never in the database, logs or --json.
// Scripts give it (a file, HALLWAY_SYNC_PASSWORD); otherwise it is kept in the
// desktop's Secret Service through libsecret when a session bus runs, else in
// a file readable only by the user in the config folder.
#pragma once
#include <optional>
#include <string>

namespace hallway {

struct StoredSecret {
    std::string where;    // "libsecret" or "file"
    std::string warning;  // set when it fell back to a file
};

// $XDG_CONFIG_HOME/hallway/sync-passwords, else ~/.config/hallway/sync-passwords.
std::string syncPasswordFile();

// The first line of `path`; throws std::runtime_error naming the file when it cannot be read or is empty.
std::string readPasswordFile(const std::string& path);

// Keeps `password` for (server, user): libsecret when a Secret Service
// answers, else the 0600 file (and says so in `warning`).
StoredSecret storeSyncPassword(const std::string& server, const std::string& user, const std::string& password);

// The kept password for (server, user), from `where` ("libsecret", "file").
std::optional<std::string> lookupSyncPassword(const std::string& server, const std::string& user,
                                              const std::string& where);

}  // namespace hallway
