#include "services/followup_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>
#include <tuple>

#include "core/assets.h"
#include "core/template_text.h"
#include "core/time_util.h"
#include "services/people_service.h"
#include "services/service_errors.h"
#include "store/followups_repo.h"
#include "store/notes_repo.h"
#include "store/store.h"

// The follow-up engine, from the store to the queue and back:
//
//   generateQueue(store, event, today)
//     FollowUpsRepo::loadInputs(event)  one read: targets, interactions, the notes
//        |                              with who was talked with and their markers
//        v                              (parsed when the note was saved), people,
//     planQueue(inputs, today)          the existing items, the templates
//        |     core/followup: met = peopleMetAt(inputs); kRules[], one function
//        |     per rule (thank everyone met, keep every promise, intro double
//        |     opt-in, ask then let go, dated details and facts, missed
//        |     must-meets, keep-in-touch); Plan::add dedupes by key against
//        v     existing items and scores from the kind's row and the person
//     FollowUpsRepo::insertNew, setStatus   what is new, the asks let go;
//                                           one transaction
//
//   renderFollowUp(store, item)   DraftFacts from the repo -> draftValues ->
//                                 renderDraft with the kind's template; no write
//   draftFollowUp                 renderFollowUp, then the draft is stored
//   markFollowUp(store, item, status)
//                                 sent: refuses a draft with a [[blank]], logs
//                                 the message as an interaction; replied/done
//                                 on an intro ask runs generateQueue again

namespace hallway {

std::map<RowId, std::string> peopleMetAt(Store& store, RowId eventId, std::optional<RowId> person) {
    return peopleMetAt(FollowUpsRepo(store).loadMetInputs(eventId, person));
}

QueueReport generateQueue(Store& store, RowId eventId, const std::string& today) {
    if (!isValidDate(today)) throw std::invalid_argument("today must be a date YYYY-MM-DD, got '" + today + "'");
    ensureDefaultTemplates(store);
    FollowUpsRepo repo(store);
    Store::Transaction tx(store);
    QueueInputs in = repo.loadInputs(eventId);
    QueueReport rep = planQueue(in, today);
    // Inserted in batches; an item another writer made first is left out.
    repo.insertNew(rep.added);
    rep.added.erase(std::remove_if(rep.added.begin(), rep.added.end(), [](const FollowUp& f) { return f.id == 0; }),
                    rep.added.end());
    for (auto& d : rep.dropped) repo.setStatus(d.id, d.status, today, d.reason);
    tx.commit();
    if (!rep.added.empty() || !rep.dropped.empty()) rep.touched = Change::Queue;
    return rep;
}

std::vector<ColdPerson> peopleGoingCold(Store& store, const std::string& today, int silenceDays) {
    dateParts(today);  // throws for a bad date
    std::vector<ColdPerson> out;
    for (auto& p : FollowUpsRepo(store).peopleWithInteractions()) {
        if (!p.warmth.lastContact) continue;
        int days = daysBetween(localDateString(p.warmth.lastContact, "UTC"), today);
        std::string why;
        if (p.keepInTouchDays && *p.keepInTouchDays > 0 && days > *p.keepInTouchDays)
            why = "past the keep-in-touch cadence of " + std::to_string(*p.keepInTouchDays) + " days";
        else if (p.warmth.interactions < 3 && days >= silenceDays)
            why = std::to_string(p.warmth.interactions) + " interaction" + (p.warmth.interactions == 1 ? "" : "s") +
                  ", not yet a relationship";
        if (why.empty()) continue;
        out.push_back({p, days, why});
    }
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.daysSilent > b.daysSilent; });
    return out;
}

void ensureDefaultTemplates(Store& store) {
    std::string path = assetPath("templates/default_templates.json");
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read the default message templates at " + path);
    nlohmann::json list;
    try {
        list = nlohmann::json::parse(file);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not valid JSON (" + e.what() + ")");
    }
    FollowUpsRepo repo(store);
    std::map<std::string, MessageTemplate> stored;
    for (auto& t : repo.templates()) stored[t.name] = t;
    std::vector<MessageTemplate> due;
    for (auto& t : list) {
        MessageTemplate m;
        m.name = t.value("name", "");
        m.kind = t.value("kind", m.name);
        m.subject = t.value("subject", "");
        m.body = t.value("body", "");
        m.builtin = true;
        if (m.name.empty()) continue;
        // A builtin template follows the shipped text; the user's own version is kept.
        auto have = stored.find(m.name);
        if (have == stored.end() || (have->second.builtin && (have->second.kind != m.kind ||
                                                             have->second.subject != m.subject ||
                                                             have->second.body != m.body)))
            due.push_back(std::move(m));
    }
    // Nothing to change: no write at all, so drafts render on a full disk too.
    if (due.empty()) return;
    Store::Transaction tx(store);
    for (auto& m : due) repo.refreshBuiltinTemplate(m);
    tx.commit();
}

Written<std::vector<std::string>> saveTemplate(Store& store, const std::string& name, const std::string& subject,
                                               const std::string& body) {
    ensureDefaultTemplates(store);
    FollowUpsRepo repo(store);
    MessageTemplate t;
    if (auto existing = repo.findTemplate(name)) t = *existing;
    else t.kind = name;
    t.name = name;
    if (!subject.empty()) t.subject = subject;
    if (!body.empty()) t.body = body;
    if (t.body.empty()) throw std::invalid_argument("a new template needs a body");
    t.builtin = false;
    std::vector<std::string> unknown;
    for (auto* part : {&t.subject, &t.body})
        for (auto& placeholder : templatePlaceholders(*part))
            if (std::find(knownPlaceholders().begin(), knownPlaceholders().end(), placeholder) ==
                    knownPlaceholders().end() &&
                std::find(unknown.begin(), unknown.end(), placeholder) == unknown.end())
                unknown.push_back(placeholder);
    Store::Transaction tx(store);
    repo.upsertTemplate(t);
    tx.commit();
    return {unknown, Change::Queue};
}

Changes setMyName(Store& store, const std::string& name) {
    Store::Transaction tx(store);
    FollowUpsRepo(store).setSetting("my_name", name);
    tx.commit();
    return Change::Queue;
}

namespace {

// `item` rendered from `facts` once the default templates are in the database.
RenderedDraft renderItem(FollowUpsRepo& repo, const FollowUp& item, const DraftFacts& facts,
                         const std::string& templateName, std::optional<RowId>* templateId) {
    const std::string name = templateName.empty() ? defaultTemplateName(item, facts) : templateName;
    auto tpl = repo.findTemplate(name);
    if (!tpl) throw std::invalid_argument("no template named '" + name + "' (see `hallway templates`)");
    if (templateId) *templateId = tpl->id;
    return renderDraft(*tpl, draftValues(item, facts));
}

// renderFollowUp once the default templates are in the database.
RenderedDraft renderWithTemplates(Store& store, RowId id, const std::string& templateName,
                                  std::optional<RowId>* templateId) {
    FollowUpsRepo repo(store);
    auto item = repo.find(id);
    if (!item) throw std::invalid_argument("no queue item " + std::to_string(id) + " (see `hallway queue`)");
    return renderItem(repo, *item, repo.draftFacts(*item), templateName, templateId);
}

}  // namespace

std::string currentDraftPrepared(Store& store, const FollowUp& item) {
    if (!item.draft.empty()) return item.draft;
    return renderWithTemplates(store, item.id, "", nullptr).text();
}

RenderedDraft renderFollowUp(Store& store, RowId id, const std::string& templateName, std::optional<RowId>* templateId) {
    ensureDefaultTemplates(store);
    return renderWithTemplates(store, id, templateName, templateId);
}

std::string currentDraft(Store& store, const FollowUp& item) {
    if (!item.draft.empty()) return item.draft;
    return renderFollowUp(store, item.id, "").text();
}

Written<RenderedDraft> draftFollowUp(Store& store, RowId id, const std::string& templateName, const std::string&) {
    if (templateName.empty()) {
        // The user's own words are never rendered over unless they pick a template.
        auto item = FollowUpsRepo(store).find(id);
        if (item && item->edited && !item->draft.empty()) {
            RenderedDraft kept;
            std::tie(kept.subject, kept.body) = splitDraft(item->draft);
            return {kept, {}};
        }
    }
    std::optional<RowId> templateId;
    RenderedDraft d = renderFollowUp(store, id, templateName, &templateId);
    Store::Transaction tx(store);
    FollowUpsRepo(store).setDraft(id, d.text(), templateId, false);
    tx.commit();
    return {d, Change::Queue};
}

Changes setFollowUpDraft(Store& store, const std::vector<RowId>& ids, const std::string& text, bool edited) {
    FollowUpsRepo repo(store);
    Changes touched;
    Store::Transaction tx(store);
    for (RowId id : ids)
        if (auto item = repo.find(id); item && repo.setDraft(id, text, item->templateId, edited)) touched = Change::Queue;
    tx.commit();
    return touched;
}

Changes snoozeFollowUp(Store& store, RowId id, const std::string& until, const std::string& today) {
    dateParts(until);  // throws for a bad date
    Store::Transaction tx(store);
    const bool snoozed = FollowUpsRepo(store).snooze(id, until, today);
    tx.commit();
    return snoozed ? Changes(Change::Queue) : Changes();
}

namespace {

// What sending a message of this kind was, as an interaction, on `day`: now
// when that is today, else noon of that day in the user's zone.
Interaction sentAsInteraction(const FollowUp& f, const std::string& day) {
    Interaction i;
    i.personId = f.personId;
    i.eventId = f.eventId;
    i.noteId = f.noteId;
    const std::string zone = systemTimeZone();
    i.occurredAt = nowInstant();
    if (localDateString(i.occurredAt, zone) != day) {
        DayParts d = dateParts(day);
        i.occurredAt = localToInstant({d.year, d.month, d.day, 12, 0, 0}, zone);
    }
    const FollowUpKindInfo* k = followUpKind(f.kind);
    i.kind = k ? k->interaction : "email";
    i.direction = k ? k->direction : "neutral";
    i.summary = "Sent: " + followUpKindLabel(f.kind);
    return i;
}

}  // namespace

namespace {

// Refuses, naming it, a message still holding a blank only the user can fill.
void checkNoBlanks(const FollowUp& item, const std::string& draft) {
    auto blanks = draftBlanks(draft);
    if (blanks.empty()) return;
    throw DraftHasBlanks(item.id, item.personName, std::move(blanks));
}

// Sets the statuses of `items` (as they were before) in one transaction, then
// lets an introduction's next step appear.
Changes setStatuses(Store& store, const std::vector<FollowUp>& items, const std::string& status,
                    const std::string& today) {
    FollowUpsRepo repo(store);
    Changes touched = Change::Queue;
    std::vector<RowId> people;
    for (const auto& before : items) people.push_back(before.personId);
    const NetworkMembership network(store, people);
    Store::Transaction tx(store);
    for (const auto& before : items) {
        repo.setStatus(before.id, status, today);
        if (status == "sent" && before.status != "sent") {
            NotesRepo(store).addInteraction(sentAsInteraction(before, today));
            touched |= Change::Targets;  // a touch with the person: goals and warmth count it
        }
    }
    tx.commit();
    if (network.changed(store)) touched |= Change::People;  // the touch brought them into your network
    // An introduction's side said yes (replied or done): the rules run again,
    // so its next step is in the queue without pressing Generate.
    for (const auto& before : items)
        if ((status == "replied" || status == "done") && before.kind.rfind("intro_ask_", 0) == 0 && before.eventId) {
            generateQueue(store, *before.eventId, today);
            break;
        }
    return touched;
}

}  // namespace

Changes markFollowUp(Store& store, RowId id, const std::string& status, const std::string& today) {
    dateParts(today);  // throws for a bad date
    auto before = FollowUpsRepo(store).find(id);
    if (!before) return {};
    if (status == "sent" && before->status != "sent") checkNoBlanks(*before, currentDraft(store, *before));
    return setStatuses(store, {*before}, status, today);
}

namespace {

// currentDraft of each of `items`, all one person's at one event: what a
// draft says about them is loaded once, not once per item (a busy contact
// has hundreds due together).
std::vector<std::string> currentDraftsOfOne(Store& store, const std::vector<FollowUp>& items) {
    FollowUpsRepo repo(store);
    std::optional<DraftFacts> aboutThem;
    std::vector<std::string> drafts;
    for (const auto& f : items) {
        if (!f.draft.empty()) {
            drafts.push_back(f.draft);
            continue;
        }
        if (!aboutThem) {
            ensureDefaultTemplates(store);
            aboutThem = repo.personDraftFacts(f.personId, f.eventId);
        }
        DraftFacts facts = *aboutThem;
        repo.addItemDraftFacts(f, facts);
        drafts.push_back(renderItem(repo, f, facts, "", nullptr).text());
    }
    return drafts;
}

}  // namespace

std::vector<FollowUp> followUpsDueTogether(Store& store, RowId id) {
    FollowUpsRepo repo(store);
    auto item = repo.find(id);
    if (!item) return {};
    FollowUpQuery q;
    q.eventId = item->eventId;
    q.personId = item->personId;
    return dueTogetherWith(*item, repo.list(q));
}

RenderedDraft combinedDraft(Store& store, RowId id) {
    auto item = FollowUpsRepo(store).find(id);
    if (!item) throw std::invalid_argument("no queue item " + std::to_string(id) + " (see `hallway queue`)");
    std::vector<FollowUp> items = {*item};
    for (auto& f : followUpsDueTogether(store, id)) items.push_back(std::move(f));
    return combineDrafts(currentDraftsOfOne(store, inMessageOrder(items)));
}

Written<std::vector<RowId>> markFollowUpsTogether(Store& store, RowId id, const std::string& status,
                                                  const std::string& today) {
    dateParts(today);
    auto item = FollowUpsRepo(store).find(id);
    if (!item) return {};
    std::vector<FollowUp> items = {*item};
    for (auto& f : followUpsDueTogether(store, id)) items.push_back(std::move(f));
    if (status == "sent") {
        const std::vector<std::string> drafts = currentDraftsOfOne(store, items);
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].status != "sent") checkNoBlanks(items[i], drafts[i]);
    }
    Written<std::vector<RowId>> marked;
    marked.touched = setStatuses(store, items, status, today);
    for (const auto& f : items) marked.value.push_back(f.id);
    return marked;
}

}  // namespace hallway
