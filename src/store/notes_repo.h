// Notes, their items and people, interactions and drafts. SQL lives here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

class Store;

class NotesRepo {
public:
    explicit NotesRepo(Store& store) : m_store(store) {}

    // Inserts the note, its people and items; the caller holds the transaction.
    RowId insertNote(const Note& note, const std::vector<NoteItemRecord>& items);
    std::optional<Note> findNote(RowId id);
    std::vector<NoteItemRecord> items(RowId noteId);
    // Newest first.
    std::vector<Note> recentNotes(int limit, std::optional<RowId> eventId = std::nullopt);
    std::vector<Note> notesAbout(RowId personId);
    // The same, only those of one event (of none when `eventId` is null).
    std::vector<Note> notesAboutAt(RowId personId, std::optional<RowId> eventId);
    int countNotes();

    RowId addInteraction(const Interaction& interaction);
    std::vector<Interaction> interactionsWith(RowId personId);
    // True when an interaction of `kind` with the person is logged at the event.
    bool hasInteraction(RowId eventId, RowId personId, const std::string& kind);
    // Removes the person's interactions of `kind` at the event; how many went.
    int removeInteractions(RowId eventId, RowId personId, const std::string& kind);
    Warmth warmth(RowId personId);

    // The capture box's unsaved text, keyed by where it is typed.
    void saveDraft(const std::string& key, const std::string& body);
    std::optional<std::string> draft(const std::string& key);
    void clearDraft(const std::string& key);

private:
    Store& m_store;
};

}  // namespace hallway
