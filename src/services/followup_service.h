// The follow-up engine's use cases: load an event's inputs from the store,
// run the pure rules of core/followup, write the queue; render, draft and
// mark items. Each call is one transaction.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/followup.h"

namespace hallway {

class Store;

// peopleMetAt (core/followup.h) from the store, reading only what it needs; `person` limits it to one.
std::map<RowId, std::string> peopleMetAt(Store& store, RowId eventId, std::optional<RowId> person = std::nullopt);

// Loads, plans and writes in one transaction. Generating twice adds nothing;
// an item the user closed, snoozed or edited is never re-created or changed.
// Throws std::invalid_argument for an unknown event or a bad date. The
// report's `touched` is Queue when anything was added or let go.
QueueReport generateQueue(Store& store, RowId eventId, const std::string& today);

// People going cold: at least one interaction but fewer than three (not yet a
// relationship) and no contact for `silenceDays`, or past their own
// keep-in-touch cadence. Longest silence first.
struct ColdPerson {
    QueuePerson person;
    int daysSilent = 0;
    std::string why;
};
std::vector<ColdPerson> peopleGoingCold(Store& store, const std::string& today, int silenceDays = 60);

// Copies assets/templates/default_templates.json into the templates table
// (builtin=1) for every name not there yet; user edits are kept. The folder
// is assetsDir() (core/assets.h).
void ensureDefaultTemplates(Store& store);

// Stores template `name` as the user's own: a new subject or body replaces the
// old one (empty keeps it); a new name is a template for the kind of that name
// and needs a body (std::invalid_argument otherwise). Returns the placeholders
// it names that no draft fills (they show as typed). Announces Queue: drafts
// render from it.
Written<std::vector<std::string>> saveTemplate(Store& store, const std::string& name, const std::string& subject,
                                               const std::string& body);

// The name drafts are signed with ({my_name}); empty leaves them unsigned.
// Announces Queue.
Changes setMyName(Store& store, const std::string& name);

// Renders item `id` with `templateName` (default: defaultTemplateName)
// without storing it. `templateId` is set to the template used. Throws
// std::invalid_argument for an unknown item or template.
RenderedDraft renderFollowUp(Store& store, RowId id, const std::string& templateName,
                             std::optional<RowId>* templateId = nullptr);

// The item's message as it would go out: the stored draft (rendered or
// edited), else the default template rendered now.
std::string currentDraft(Store& store, const FollowUp& item);

// As currentDraft, for a batch after one ensureDefaultTemplates(store): the
// templates file is not read again per item.
std::string currentDraftPrepared(Store& store, const FollowUp& item);

// Re-renders item `id` with `templateName` (default: its kind's template),
// stores the draft and sets status drafted; without a template name a draft
// the user edited is kept as it is (and nothing is written). Throws
// std::invalid_argument. Announces Queue when it stored a draft.
Written<RenderedDraft> draftFollowUp(Store& store, RowId id, const std::string& templateName, const std::string& today);

// Stores `text` ("Subject: ...\n\nbody") as the draft of each of `ids` in one
// transaction (one message for several items), each keeping its template;
// `edited`: the user's own words, never rendered over. Announces Queue,
// nothing when none of them exists.
Changes setFollowUpDraft(Store& store, const std::vector<RowId>& ids, const std::string& text, bool edited);

// Hides item `id` until the day `until` (YYYY-MM-DD). Announces Queue,
// nothing when there is no such item.
Changes snoozeFollowUp(Store& store, RowId id, const std::string& until, const std::string& today);

// Sets item `id`'s status (open, sent, replied, done, dropped) as of `today`.
// The first time an item is marked sent, the message is logged as a touch
// with the person, dated `today` (an email, an intro made, a referral asked;
// give or ask as the message is), so warmth, the give/ask balance and
// keep-in-touch cadences count it. Marking sent a message that still has a
// blank ("[[...]]") throws DraftHasBlanks (services/service_errors.h), nothing
// written. One transaction. Announces Queue, and Targets when a touch was
// logged; nothing when there is no such item.
Changes markFollowUp(Store& store, RowId id, const std::string& status, const std::string& today);

// The other items for item `id`'s person that can go out in one message with
// it (dueTogetherWith), in queue order; empty for an unknown item.
std::vector<FollowUp> followUpsDueTogether(Store& store, RowId id);

// Item `id` and the items due together with it as one message
// (combineDrafts over each one's current draft).
RenderedDraft combinedDraft(Store& store, RowId id);

// Marks item `id` and every item due together with it as `status` in one
// transaction, as markFollowUp does one (a blank left in any of their drafts
// refuses all, nothing written). Returns the ids marked (empty when there is
// no such item) and what markFollowUp would announce.
Written<std::vector<RowId>> markFollowUpsTogether(Store& store, RowId id, const std::string& status,
                                                  const std::string& today);

}  // namespace hallway
