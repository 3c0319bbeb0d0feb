// A copy of a capture draft outside the database, for when the database
// cannot take it (disk full, read-only): one small file per database and
// draft key in $XDG_STATE_HOME/hallway/drafts/ (else ~/.local/state/...),
// written to a temporary file and renamed. A copy that exists is newer than
// the draft in the database: it is only written when the database refused.
#pragma once
#include <optional>
#include <string>

namespace hallway::ui {

// The copy's file name; empty when neither XDG_STATE_HOME nor HOME is set.
std::string draftCopyPath(const std::string& dbPath, const std::string& key);
// Throws std::runtime_error naming the file and the reason.
void writeDraftCopy(const std::string& path, const std::string& text);
std::optional<std::string> readDraftCopy(const std::string& path);
void removeDraftCopy(const std::string& path);

}  // namespace hallway::ui
