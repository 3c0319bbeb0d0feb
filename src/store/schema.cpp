// The schema as a ladder of migrations keyed on PRAGMA user_version. Never
// edit a shipped step: add a new one. tests/store/migration_test.cpp upgrades
// a database written by step 1 to the latest and checks rows survive.
#include "store/schema.h"

namespace hallway::schema {
namespace {

// Step 1: the whole data model of DESIGN.md.
const char* const kStep1 = R"SQL(
CREATE TABLE events (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  venue         TEXT NOT NULL DEFAULT '',
  time_zone     TEXT NOT NULL DEFAULT 'UTC',
  starts_at     INTEGER,
  ends_at       INTEGER,
  source_file   TEXT NOT NULL DEFAULT '',
  source_format TEXT NOT NULL DEFAULT '',
  source_hash   TEXT NOT NULL DEFAULT '',
  imported_at   INTEGER,
  goals         TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX events_name ON events(name);

CREATE TABLE event_goals (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,            -- people_met, coffee_chats, follow_ups_sent, text
  target     INTEGER,
  text       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  source_id   TEXT NOT NULL,
  title       TEXT NOT NULL,
  subtitle    TEXT NOT NULL DEFAULT '',
  abstract    TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER NOT NULL,
  room        TEXT NOT NULL DEFAULT '',
  track       TEXT NOT NULL DEFAULT '',
  type        TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  language    TEXT NOT NULL DEFAULT '',
  starred     INTEGER NOT NULL DEFAULT 0,
  attendance  INTEGER NOT NULL DEFAULT 0,  -- 0 none, 1 attending, 2 attended, 3 skipped
  removed_at  INTEGER,                     -- gone from the latest import
  updated_at  INTEGER NOT NULL,
  UNIQUE (event_id, source_id)
);
CREATE INDEX sessions_event_start ON sessions(event_id, starts_at);

CREATE TABLE people (
  id                 INTEGER PRIMARY KEY,
  display_name       TEXT NOT NULL,
  name_key           TEXT NOT NULL,
  given_name         TEXT NOT NULL DEFAULT '',
  family_name        TEXT NOT NULL DEFAULT '',
  company            TEXT NOT NULL DEFAULT '',
  role               TEXT NOT NULL DEFAULT '',
  how_met            TEXT NOT NULL DEFAULT '',
  keep_in_touch_days INTEGER,
  source             TEXT NOT NULL DEFAULT 'typed',  -- agenda, linkedin, vcard, csv, typed
  merged_into        INTEGER REFERENCES people(id),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX people_name_key ON people(name_key);

CREATE TABLE person_contacts (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'url')),
  value     TEXT NOT NULL,
  label     TEXT NOT NULL DEFAULT '',
  UNIQUE (person_id, kind, value)
);
CREATE INDEX person_contacts_value ON person_contacts(kind, value);

CREATE TABLE person_tags (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  PRIMARY KEY (person_id, tag)
);

CREATE TABLE person_facts (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  on_date    TEXT,                       -- YYYY-MM-DD when the fact is dated
  created_at INTEGER NOT NULL
);

CREATE TABLE session_speakers (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_speakers_person ON session_speakers(person_id);

CREATE TABLE targets (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  priority   TEXT NOT NULL DEFAULT 'should' CHECK (priority IN ('must', 'should', 'nice')),
  why        TEXT NOT NULL DEFAULT '',
  questions  TEXT NOT NULL DEFAULT '',   -- one per line
  status     TEXT NOT NULL DEFAULT 'not_yet' CHECK (status IN ('not_yet', 'met', 'missed')),
  created_at INTEGER NOT NULL,
  UNIQUE (event_id, person_id)
);

CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  event_id   INTEGER REFERENCES events(id) ON DELETE SET NULL,
  session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
  body       TEXT NOT NULL,
  tags       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notes_event ON notes(event_id, created_at);

CREATE TABLE note_people (
  note_id   INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (note_id, person_id)
);
CREATE INDEX note_people_person ON note_people(person_id);

CREATE TABLE note_items (
  id       INTEGER PRIMARY KEY,
  note_id  INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL CHECK (kind IN ('promise', 'intro', 'detail', 'ask', 'question')),
  text     TEXT NOT NULL,
  on_date  TEXT,
  done     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE interactions (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  event_id    INTEGER REFERENCES events(id) ON DELETE SET NULL,
  note_id     INTEGER REFERENCES notes(id) ON DELETE SET NULL,
  occurred_at INTEGER NOT NULL,
  kind        TEXT NOT NULL,   -- met, coffee, call, email, intro_made, resource_shared, referral_asked, referral_given
  direction   TEXT NOT NULL DEFAULT 'neutral' CHECK (direction IN ('give', 'ask', 'neutral')),
  summary     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interactions_person ON interactions(person_id, occurred_at);

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL DEFAULT '',
  subject    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  builtin    INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

CREATE TABLE follow_ups (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  event_id      INTEGER REFERENCES events(id) ON DELETE SET NULL,
  rule          TEXT NOT NULL,
  note_id       INTEGER REFERENCES notes(id) ON DELETE SET NULL,
  note_item_id  INTEGER REFERENCES note_items(id) ON DELETE SET NULL,
  kind          TEXT NOT NULL,
  due_date      TEXT NOT NULL,           -- YYYY-MM-DD, the user's calendar day
  priority      REAL NOT NULL DEFAULT 0,
  channel       TEXT NOT NULL DEFAULT 'email',
  status        TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'drafted', 'sent', 'replied', 'snoozed', 'done', 'dropped')),
  snoozed_until TEXT,
  attempt       INTEGER NOT NULL DEFAULT 1,
  template_id   INTEGER REFERENCES templates(id) ON DELETE SET NULL,
  draft         TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',
  dedupe_key    TEXT NOT NULL UNIQUE,    -- makes generation idempotent
  edited        INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX follow_ups_due ON follow_ups(status, due_date);

CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  file        TEXT NOT NULL,
  format      TEXT NOT NULL,
  hash        TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  removed     INTEGER NOT NULL,
  warnings    TEXT NOT NULL DEFAULT ''
);
)SQL";

// Step 2: full-text search over sessions and people, kept in step by triggers.
const char* const kStep2 = R"SQL(
CREATE VIRTUAL TABLE sessions_fts USING fts5(
  title, abstract, description, room, track,
  content='sessions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER sessions_fts_insert AFTER INSERT ON sessions BEGIN
  INSERT INTO sessions_fts(rowid, title, abstract, description, room, track)
  VALUES (new.id, new.title, new.abstract, new.description, new.room, new.track);
END;
CREATE TRIGGER sessions_fts_delete AFTER DELETE ON sessions BEGIN
  INSERT INTO sessions_fts(sessions_fts, rowid, title, abstract, description, room, track)
  VALUES ('delete', old.id, old.title, old.abstract, old.description, old.room, old.track);
END;
CREATE TRIGGER sessions_fts_update AFTER UPDATE OF title, abstract, description, room, track ON sessions BEGIN
  INSERT INTO sessions_fts(sessions_fts, rowid, title, abstract, description, room, track)
  VALUES ('delete', old.id, old.title, old.abstract, old.description, old.room, old.track);
  INSERT INTO sessions_fts(rowid, title, abstract, description, room, track)
  VALUES (new.id, new.title, new.abstract, new.description, new.room, new.track);
END;
INSERT INTO sessions_fts(sessions_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE people_fts USING fts5(
  display_name, company, role,
  content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_fts(rowid, display_name, company, role)
  VALUES (new.id, new.display_name, new.company, new.role);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_fts(people_fts, rowid, display_name, company, role)
  VALUES ('delete', old.id, old.display_name, old.company, old.role);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF display_name, company, role ON people BEGIN
  INSERT INTO people_fts(people_fts, rowid, display_name, company, role)
  VALUES ('delete', old.id, old.display_name, old.company, old.role);
  INSERT INTO people_fts(rowid, display_name, company, role)
  VALUES (new.id, new.display_name, new.company, new.role);
END;
INSERT INTO people_fts(people_fts) VALUES ('rebuild');
)SQL";

// Step 3: search over notes and facts, substring search over names, and the
// capture box's draft (saved while typing, so a crash loses nothing).
const char* const kStep3 = R"SQL(
CREATE VIRTUAL TABLE notes_fts USING fts5(
  body, content='notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;
INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE facts_fts USING fts5(
  text, content='person_facts', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE TRIGGER facts_fts_insert AFTER INSERT ON person_facts BEGIN
  INSERT INTO facts_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER facts_fts_delete AFTER DELETE ON person_facts BEGIN
  INSERT INTO facts_fts(facts_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER facts_fts_update AFTER UPDATE OF text ON person_facts BEGIN
  INSERT INTO facts_fts(facts_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO facts_fts(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO facts_fts(facts_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE people_trigram USING fts5(
  display_name, company, content='people', content_rowid='id', tokenize='trigram');
CREATE TRIGGER people_trigram_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_trigram(rowid, display_name, company) VALUES (new.id, new.display_name, new.company);
END;
CREATE TRIGGER people_trigram_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_trigram(people_trigram, rowid, display_name, company)
  VALUES ('delete', old.id, old.display_name, old.company);
END;
CREATE TRIGGER people_trigram_update AFTER UPDATE OF display_name, company ON people BEGIN
  INSERT INTO people_trigram(people_trigram, rowid, display_name, company)
  VALUES ('delete', old.id, old.display_name, old.company);
  INSERT INTO people_trigram(rowid, display_name, company) VALUES (new.id, new.display_name, new.company);
END;
INSERT INTO people_trigram(people_trigram) VALUES ('rebuild');

-- Contact details matched on import: emails lower-cased, profile URLs in
-- their normal form (url_key() is registered by the store on every connection).
ALTER TABLE person_contacts ADD COLUMN match_key TEXT NOT NULL DEFAULT '';
UPDATE person_contacts SET match_key = CASE kind WHEN 'url' THEN url_key(value) ELSE lower(value) END;
CREATE INDEX person_contacts_match ON person_contacts(kind, match_key);

CREATE TABLE drafts (
  key        TEXT PRIMARY KEY,
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)SQL";

// Step 4: the follow-up queue's status dates (the one-follow-up-then-let-go
// rule counts days from "sent"; check-ins recur from the last one closed) and
// small user settings such as my_name for message drafts.
const char* const kStep4 = R"SQL(
ALTER TABLE follow_ups ADD COLUMN status_on TEXT;   -- YYYY-MM-DD the status last changed
CREATE INDEX follow_ups_event ON follow_ups(event_id, due_date);
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)SQL";

// Step 5: generating an event's queue reads its notes' items and its
// interactions; without these indexes both are full-table scans.
const char* const kStep5 = R"SQL(
CREATE INDEX note_items_note ON note_items(note_id);
CREATE INDEX interactions_event ON interactions(event_id);
)SQL";

// Step 6: lookups by email or profile go through match_key (step 3), so the
// (kind, value) index only cost every contact insert a fourth b-tree write
// (30,000-row LinkedIn import: 25 ms of it).
const char* const kStep6 = R"SQL(
DROP INDEX person_contacts_value;
)SQL";

// Step 7: Capture lists the newest notes of all events; without this index
// that sorts every note (138 ms at 500,000).
const char* const kStep7 = R"SQL(
CREATE INDEX notes_created ON notes(created_at);
)SQL";

// Step 8: nothing ranks people with bm25 any more (search and the person
// picker rank candidates themselves), so the people indexes drop the
// per-row column sizes bm25 needed: one b-tree write less per person
// (30,000-row LinkedIn import: about 25 ms of its search indexing).
// Imports match emails and profiles in memory (MatchIndex reads every key
// once), so the (kind, match_key) index served no query; each contact paid
// a random-order insert into it (about 45 ms of the same import).
const char* const kStep8 = R"SQL(
DROP INDEX person_contacts_match;
DROP TABLE people_fts;
CREATE VIRTUAL TABLE people_fts USING fts5(
  display_name, company, role,
  content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 2', columnsize=0);
INSERT INTO people_fts(people_fts) VALUES ('rebuild');

DROP TABLE people_trigram;
CREATE VIRTUAL TABLE people_trigram USING fts5(
  display_name, company, content='people', content_rowid='id', tokenize='trigram', columnsize=0);
INSERT INTO people_trigram(people_trigram) VALUES ('rebuild');
)SQL";

// Step 9: "met" has one meaning. A person linked to a note was either
// talked with (Capture's People field, "#met @name") or only mentioned;
// only the first counts as met. Notes written before this step cannot tell:
// a note with no "@" in it had its people picked in Capture, so those count.
// Markers are parsed once, at save time: the words in quotes after a marker
// (`#promise "the slides"`) are written for the recipient and may go into a
// draft; `#met @ana "fuzzing"` gives the note a topic for the thank-you.
const char* const kStep9 = R"SQL(
ALTER TABLE note_people ADD COLUMN met INTEGER NOT NULL DEFAULT 0;
UPDATE note_people SET met = 1 WHERE note_id IN (SELECT id FROM notes WHERE instr(body, '@') = 0);
ALTER TABLE note_items ADD COLUMN quote TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN topic TEXT NOT NULL DEFAULT '';
)SQL";

// Step 10: an event imported from a URL remembers where it came from, the
// validators for conditional requests (so an unchanged agenda is one small
// request) and how the last fetch went (the top bar says so when it failed).
const char* const kStep10 = R"SQL(
CREATE TABLE event_sources (
  event_id      INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  url           TEXT NOT NULL,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  checked_at    INTEGER,                  -- last attempt, success or not
  refreshed_at  INTEGER,                  -- last attempt that worked (new agenda or 304)
  error         TEXT NOT NULL DEFAULT ''  -- why the last attempt failed; '' when it worked
);
)SQL";

// Step 11: CardDAV/CalDAV sync. One account (the password is never here),
// the collections Hallway writes to, and per synced record where it lives on
// the server, its ETag and the text last agreed on both sides: the common
// ancestor for a field-by-field merge, and (by hash) how a local change is
// found, so a change made offline is pushed by the next round that works.
// Conflicts keep both values until the user settles them.
const char* const kStep11 = R"SQL(
CREATE TABLE sync_account (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  url              TEXT NOT NULL,
  user_name        TEXT NOT NULL,
  principal        TEXT NOT NULL DEFAULT '',
  addressbook_home TEXT NOT NULL DEFAULT '',
  calendar_home    TEXT NOT NULL DEFAULT '',
  ca_file          TEXT NOT NULL DEFAULT '',
  allow_http       INTEGER NOT NULL DEFAULT 0,
  secret_store     TEXT NOT NULL DEFAULT '',  -- where the password is kept: libsecret, file, none
  last_round_at    INTEGER,
  last_ok_at       INTEGER,
  last_error       TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL
);
CREATE TABLE sync_collections (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('contacts', 'tasks', 'events')),
  event_id     INTEGER REFERENCES events(id) ON DELETE CASCADE,
  url          TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  sync_token   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sync_items (
  id            INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES sync_collections(id) ON DELETE CASCADE,
  local_id      INTEGER,                 -- person, follow-up or session
  href          TEXT NOT NULL,
  uid           TEXT NOT NULL,
  etag          TEXT NOT NULL DEFAULT '',
  hash          TEXT NOT NULL DEFAULT '',  -- of `base`; '' until the server has it
  base          TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT 'linked' CHECK (state IN ('linked', 'removed_remote')),
  UNIQUE (collection_id, href)
);
CREATE INDEX sync_items_local ON sync_items(collection_id, local_id);
CREATE TABLE sync_conflicts (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  local_id     INTEGER NOT NULL,
  field        TEXT NOT NULL,
  local_value  TEXT NOT NULL,
  remote_value TEXT NOT NULL,
  found_at     INTEGER NOT NULL,
  UNIQUE (kind, local_id, field, remote_value)
);
)SQL";

// Step 12: prefix indexes for search as you type, which queries the word being
// typed as a prefix. Sessions and people had none: a one-letter prefix walked
// every term starting with it (8.5-15 ms over 20,000 sessions, 0.2 ms with
// them). Every index now covers prefixes of up to four letters: "comp"* over
// the power tier's sessions 3.0 -> 0.4 ms, over its notes 3.9 -> 0.3 ms. The
// rebuild takes about 6 s of CPU once at the power tier (500,000 notes).
const char* const kStep12 = R"SQL(
DROP TABLE sessions_fts;
CREATE VIRTUAL TABLE sessions_fts USING fts5(
  title, abstract, description, room, track,
  content='sessions', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4');
INSERT INTO sessions_fts(sessions_fts) VALUES ('rebuild');

DROP TABLE people_fts;
CREATE VIRTUAL TABLE people_fts USING fts5(
  display_name, company, role,
  content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 2', columnsize=0, prefix='1 2 3 4');
INSERT INTO people_fts(people_fts) VALUES ('rebuild');

DROP TABLE notes_fts;
CREATE VIRTUAL TABLE notes_fts USING fts5(
  body, content='notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4');
INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');

DROP TABLE facts_fts;
CREATE VIRTUAL TABLE facts_fts USING fts5(
  text, content='person_facts', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4');
INSERT INTO facts_fts(facts_fts) VALUES ('rebuild');
)SQL";

// Step 13: the days an agenda defines itself (frab <day index date start end>):
// a congress day runs 11:00 to 06:00, so the 05:00 rule would put its night on
// the next day. Replaced by each import; none for a file without days.
const char* const kStep13 = R"SQL(
CREATE TABLE event_days (
  event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  day_index INTEGER NOT NULL,   -- the file's number: what --day N names
  date      TEXT NOT NULL,      -- YYYY-MM-DD, local date of its start in the event's zone
  starts_at INTEGER NOT NULL,
  ends_at   INTEGER NOT NULL,
  PRIMARY KEY (event_id, day_index)
) WITHOUT ROWID;
)SQL";

// Step 14: a change stamp per person's card, so a sync round renders only
// the cards of people whose synced rows changed. Every write to people,
// person_contacts or person_tags, whoever makes it (edits, imports, merges,
// deletions and their cascades), gives the person a new highest rev through
// the view person_card_bump. A deleted person's row stays, so an id SQLite
// hands out again never meets an old rev. The bump uses no conflict clause:
// an outer INSERT OR IGNORE would turn it into IGNORE and skip the bump.
// sync_items.stamp is the stamp its hash was rendered at ('' = unknown).
const char* const kStep14 = R"SQL(
CREATE TABLE person_card_revs (
  person_id INTEGER PRIMARY KEY,   -- no foreign key: kept after the person is deleted
  rev       INTEGER NOT NULL
);
CREATE INDEX person_card_revs_rev ON person_card_revs(rev);
CREATE VIEW person_card_bump (person_id) AS SELECT person_id FROM person_card_revs WHERE 0;
CREATE TRIGGER person_card_bump_insert INSTEAD OF INSERT ON person_card_bump BEGIN
  UPDATE person_card_revs SET rev = (SELECT max(rev) FROM person_card_revs) + 1 WHERE person_id = new.person_id;
  INSERT INTO person_card_revs (person_id, rev)
    SELECT new.person_id, coalesce((SELECT max(rev) FROM person_card_revs), 0) + 1
    WHERE NOT EXISTS (SELECT 1 FROM person_card_revs WHERE person_id = new.person_id);
END;
CREATE TRIGGER card_rev_people_insert AFTER INSERT ON people BEGIN
  INSERT INTO person_card_bump VALUES (new.id);
END;
CREATE TRIGGER card_rev_people_update AFTER UPDATE ON people BEGIN
  INSERT INTO person_card_bump VALUES (old.id), (new.id);
END;
CREATE TRIGGER card_rev_people_delete AFTER DELETE ON people BEGIN
  INSERT INTO person_card_bump VALUES (old.id);
END;
CREATE TRIGGER card_rev_contacts_insert AFTER INSERT ON person_contacts BEGIN
  INSERT INTO person_card_bump VALUES (new.person_id);
END;
CREATE TRIGGER card_rev_contacts_update AFTER UPDATE ON person_contacts BEGIN
  INSERT INTO person_card_bump VALUES (old.person_id), (new.person_id);
END;
CREATE TRIGGER card_rev_contacts_delete AFTER DELETE ON person_contacts BEGIN
  INSERT INTO person_card_bump VALUES (old.person_id);
END;
CREATE TRIGGER card_rev_tags_insert AFTER INSERT ON person_tags BEGIN
  INSERT INTO person_card_bump VALUES (new.person_id);
END;
CREATE TRIGGER card_rev_tags_update AFTER UPDATE ON person_tags BEGIN
  INSERT INTO person_card_bump VALUES (old.person_id), (new.person_id);
END;
CREATE TRIGGER card_rev_tags_delete AFTER DELETE ON person_tags BEGIN
  INSERT INTO person_card_bump VALUES (old.person_id);
END;
ALTER TABLE sync_items ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
)SQL";

// Step 15: the session index merges less eagerly. FTS5 keeps an index as
// segments and, after each write, merges about (pages written x levels) pages
// of older segments as soon as any level holds `automerge` (4) segments; at
// the power tier (20,000 sessions, 3-4 levels) that made a 1,000-session
// import merge ~3,000 pages of old index besides its own ~820, and cost 2.4x
// the same import into an empty database. Levels of 16 segments leave
// fewer levels and fewer rewrites per page; crisismerge above automerge keeps
// a full level from being merged in one go; an 8 MiB write buffer turns an
// import of up to ~2,000 sessions into one segment instead of four. Search
// reads a few more segments (at most 15 a level).
const char* const kStep15 = R"SQL(
INSERT INTO sessions_fts(sessions_fts, rank) VALUES ('automerge', 16);
INSERT INTO sessions_fts(sessions_fts, rank) VALUES ('crisismerge', 32);
INSERT INTO sessions_fts(sessions_fts, rank) VALUES ('hashsize', 8388608);
)SQL";

// Step 16: sync_collections.ctag is the server's CTag after a round that
// listed the collection and wrote nothing to it: while the server still
// gives that CTag, nothing there changed and a round skips the listing
// (Radicale answers the CTag question for 2,000 cards in ~90 ms, a
// sync-collection REPORT in ~115 ms, and Hallway then reads no links).
const char* const kStep16 = R"SQL(
ALTER TABLE sync_collections ADD COLUMN ctag TEXT NOT NULL DEFAULT '';
)SQL";

// Step 17: a person's facts by person: search reads them for each of up to
// 180 people it ranks, and without the index each read scanned every fact.
const char* const kStep17 = R"SQL(
CREATE INDEX person_facts_person ON person_facts(person_id);
)SQL";

// Step 18: what Plan shows of every session, in its order, without the rows'
// abstracts: the first frame at the power tier read 44 MB of session rows for
// 2.6 MB of columns (75-130 ms); from this index, 18-21 ms.
const char* const kStep18 = R"SQL(
CREATE INDEX sessions_plan ON sessions(event_id, starts_at, room, title, id, source_id, subtitle, ends_at, track,
                                       type, url, language, starred, attendance)
  WHERE removed_at IS NULL;
)SQL";

// Step 19: People's list in name order with what its rows and scope filter
// show, without reading each person's row: at the power tier (50,000 people)
// the list query went from 66-88 ms to 9-17 ms for 4 MB of index.
const char* const kStep19 = R"SQL(
CREATE INDEX people_list ON people(name_key, id, display_name, company, role, source);
)SQL";

// Step 20: explicit merges of the session index (Store::resumeSearchIndexing
// after a bulk import) take levels of 16 segments, as automerge does, not
// FTS5's default of 4.
const char* const kStep20 = R"SQL(
INSERT INTO sessions_fts(sessions_fts, rank) VALUES ('usermerge', 16);
)SQL";

// Step 21: which person each speaker id of an event's agenda is (frab and
// pretalx person ids, Sessionize speaker ids, Indico person ids), so a
// re-import finds a speaker by id first: renamed ("Jon" -> "John") or moved
// to a new session, they stay the same person with their notes and target.
// agenda_name is the name the agenda gave last; a person whose name is still
// that one takes the agenda's new name, one renamed by the user keeps theirs.
// A merge moves the rows to the kept person; deleting a person drops them.
const char* const kStep21 = R"SQL(
CREATE TABLE speaker_source_ids (
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  source_id   TEXT NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agenda_name TEXT NOT NULL,
  PRIMARY KEY (event_id, source_id)
) WITHOUT ROWID;
CREATE INDEX speaker_source_ids_person ON speaker_source_ids(person_id);
)SQL";

// Step 22: what private text the user lets sync send in cards, per field (off
// until they opt in), and facts moving the card revision as the person's own
// row does, since an opted-in card carries them.
const char* const kStep22 = R"SQL(
ALTER TABLE sync_account ADD COLUMN send_how_met INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_account ADD COLUMN send_facts INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER card_rev_facts_insert AFTER INSERT ON person_facts BEGIN
  INSERT INTO person_card_bump VALUES (new.person_id);
END;
CREATE TRIGGER card_rev_facts_update AFTER UPDATE ON person_facts BEGIN
  INSERT INTO person_card_bump VALUES (old.person_id), (new.person_id);
END;
CREATE TRIGGER card_rev_facts_delete AFTER DELETE ON person_facts BEGIN
  INSERT INTO person_card_bump VALUES (old.person_id);
END;
)SQL";

const char* const kSteps[] = {kStep1,  kStep2,  kStep3,  kStep4,  kStep5,  kStep6,  kStep7,
                              kStep8,  kStep9,  kStep10, kStep11, kStep12, kStep13, kStep14,
                              kStep15, kStep16, kStep17, kStep18, kStep19, kStep20, kStep21, kStep22};

}  // namespace

int latestVersion() { return int(sizeof kSteps / sizeof kSteps[0]); }

const char* stepSql(int version) {
    if (version < 1 || version > latestVersion()) return nullptr;
    return kSteps[version - 1];
}

}  // namespace hallway::schema
