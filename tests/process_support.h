// Helpers for the crash tests: a child process whose stdout the test reads,
// and one-value queries on a database a killed process may have left behind.
#pragma once
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace hallway::testing {

struct ChildProcess {
    pid_t pid = -1;
    FILE* out = nullptr;  // the child's stdout
};

// Starts `program` with `args` (argv[1..]); its stdout is the returned stream.
inline ChildProcess spawnWithPipe(const char* program, const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        std::vector<char*> argv{const_cast<char*>(program)};
        for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(program, argv.data());
        _exit(127);
    }
    close(fds[1]);
    return {pid, fdopen(fds[0], "r")};
}

// The first column of the first row, read with a connection of its own.
inline std::string scalarText(const std::string& db, const char* sqlText) {
    sqlite3* h = nullptr;
    if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) {
        sqlite3_close(h);
        throw std::runtime_error("cannot open " + db);
    }
    sqlite3_stmt* st = nullptr;
    std::string value;
    bool ok = sqlite3_prepare_v2(h, sqlText, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
    if (ok) value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    std::string error = sqlite3_errmsg(h);
    sqlite3_finalize(st);
    sqlite3_close(h);
    if (!ok) throw std::runtime_error(std::string(sqlText) + ": " + error);
    return value;
}

inline long long scalar(const std::string& db, const char* sqlText) { return std::stoll(scalarText(db, sqlText)); }

}  // namespace hallway::testing
