// Errors the services throw with their facts attached, so each front end
// words the remedy its own way: the CLI names options ("--person ID",
// "--tz ZONE"), the app names its controls. what() states the problem alone,
// with no remedy, for logs and for callers that only print it.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "formats/agenda.h"
#include "store/people_repo.h"

namespace hallway {

// A name (an @mention in a note, or a person typed on the command line) that
// fits several people, or nobody.
class UnresolvedPerson : public std::invalid_argument {
public:
    enum class Kind {
        Nobody,      // nobody matches
        SameName,    // several people have exactly this name: only an id tells them apart
        Several,     // several names start with these words: more of the name may do
    };
    UnresolvedPerson(std::string typed, bool mention, Kind kind, std::vector<PersonBrief> candidates);
    const std::string& typed() const { return m_typed; }  // as written, without the @
    bool mention() const { return m_mention; }            // written as @name in a note
    Kind kind() const { return m_kind; }
    const std::vector<PersonBrief>& candidates() const { return m_candidates; }  // empty for Nobody

private:
    std::string m_typed;
    bool m_mention;
    Kind m_kind;
    std::vector<PersonBrief> m_candidates;
};

// "Ana Lima #3 (Acme), Ana Silva #4": the first `most` candidates, then ", ...".
std::string describeCandidates(const std::vector<PersonBrief>& candidates, size_t most = 8);

// A time zone the user chose that the tz database does not know. A
// FormatError (file, no line) so an import's callers report it like any
// reason nothing was imported.
class UnknownTimeZone : public FormatError {
public:
    UnknownTimeZone(std::string file, std::string zone);
    const std::string& zone() const { return m_zone; }

private:
    std::string m_zone;
};

// Marking sent a message that still has a blank only the user can fill
// ("[[what you promised them]]"); nothing was written.
class DraftHasBlanks : public std::invalid_argument {
public:
    DraftHasBlanks(RowId itemId, std::string personName, std::vector<std::string> blanks);
    RowId itemId() const { return m_itemId; }
    const std::string& personName() const { return m_personName; }
    const std::vector<std::string>& blanks() const { return m_blanks; }

private:
    RowId m_itemId;
    std::string m_personName;
    std::vector<std::string> m_blanks;
};

// A session id that names no session (typed, or kept from a list that has
// changed since); nothing was written.
class UnknownSession : public std::invalid_argument {
public:
    explicit UnknownSession(RowId sessionId);
    RowId sessionId() const { return m_sessionId; }

private:
    RowId m_sessionId;
};

}  // namespace hallway
