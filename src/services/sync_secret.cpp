#include "services/sync_secret.h"

#include <libsecret/secret.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/atomic_file.h"

namespace hallway {
namespace {

const SecretSchema* schema() {
    static const SecretSchema s = {"org.example.Hallway.Sync",
                                   SECRET_SCHEMA_NONE,
                                   {{"server", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                    {"user", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                    {nullptr, SecretSchemaAttributeType(0)}},
                                   0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
    return &s;
}

// libsecret would try to start a bus (and may wait) where none runs: only
// ask it inside a desktop session.
bool sessionBusRuns() {
    const char* bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    return bus && *bus;
}

std::string key(const std::string& server, const std::string& user) { return user + " " + server; }

// "USER SERVER\tPASSWORD" per line.
std::map<std::string, std::string> readFileEntries() {
    std::map<std::string, std::string> out;
    std::ifstream in(syncPasswordFile());
    std::string line;
    while (std::getline(in, line)) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) out[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return out;
}

}  // namespace

std::string syncPasswordFile() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    std::string base = xdg && *xdg ? xdg : std::string(std::getenv("HOME") ? std::getenv("HOME") : ".") + "/.config";
    return base + "/hallway/sync-passwords";
}

std::string readPasswordFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read the password file");
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) throw std::runtime_error(path + ": the password file is empty (the first line is the password)");
    return line;
}

StoredSecret storeSyncPassword(const std::string& server, const std::string& user, const std::string& password) {
    std::string why;
    if (sessionBusRuns()) {
        GError* error = nullptr;
        std::string label = "Hallway sync: " + user + " at " + server;
        gboolean ok = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), password.c_str(),
                                                 nullptr, &error, "server", server.c_str(), "user", user.c_str(),
                                                 nullptr);
        if (ok) return {"libsecret", ""};
        why = error && error->message ? error->message : "the Secret Service refused it";
        if (error) g_error_free(error);
    } else {
        why = "no desktop session bus";
    }
    auto entries = readFileEntries();
    entries[key(server, user)] = password;
    std::string text;
    for (auto& [k, v] : entries) text += k + "\t" + v + "\n";
    std::string path = syncPasswordFile();
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    writeFileAtomically(path, text, 0600);
    return {"file", "no Secret Service to keep the password in (" + why + "); it is in " + path +
                        ", readable only by you"};
}

std::optional<std::string> lookupSyncPassword(const std::string& server, const std::string& user,
                                              const std::string& where) {
    if (where == "libsecret") {
        if (!sessionBusRuns()) return std::nullopt;
        GError* error = nullptr;
        gchar* pw = secret_password_lookup_sync(schema(), nullptr, &error, "server", server.c_str(), "user",
                                                user.c_str(), nullptr);
        if (error) g_error_free(error);
        if (!pw) return std::nullopt;
        std::string out = pw;
        secret_password_free(pw);
        return out;
    }
    if (where == "file") {
        auto entries = readFileEntries();
        auto it = entries.find(key(server, user));
        if (it != entries.end()) return it->second;
    }
    return std::nullopt;
}

}  // namespace hallway
