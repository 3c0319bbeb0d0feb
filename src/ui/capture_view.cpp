// [SECTION] Helpers
// [SECTION] Sync, draft and save
// [SECTION] Layout and context (event, session, people)
// [SECTION] Box and markers
// [SECTION] @name completion
// [SECTION] Targets panel
// [SECTION] Recent notes
#include "ui/capture_view.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <stdexcept>

#include "core/text.h"
#include "services/capture_service.h"
#include "services/people_service.h"
#include "services/service_errors.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/store.h"
#include "ui/draft_copy.h"
#include "ui/service_words.h"
#include "ui/theme.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

const void* idOf(RowId id) { return reinterpret_cast<const void*>(static_cast<std::intptr_t>(id)); }

struct Marker {
    const char* text;
    const char* tip;
};
const Marker kMarkers[] = {
    {"#promise", "Something you promised: it becomes a follow-up with the highest priority"},
    {"#intro", "An introduction to make (asked of both sides first)"},
    {"#detail", "A personal detail to remember; a date in the line brings it back as a check-in"},
    {"#ask", "Something you asked for, or were asked"},
};

int captureCallback(ImGuiInputTextCallbackData* data) {
    auto* view = static_cast<CaptureView*>(data->UserData);
    if (auto r = view->takePendingReplacement()) {
        const int from = std::clamp(r->from, 0, data->BufTextLen), to = std::clamp(r->to, from, data->BufTextLen);
        data->DeleteChars(from, to - from);
        data->InsertChars(from, r->text.c_str());
        data->CursorPos = data->SelectionStart = data->SelectionEnd = from + int(r->text.size());
    }
    if (auto pending = view->takePendingCursor()) {
        int c = std::clamp(*pending, 0, data->BufTextLen);
        data->CursorPos = data->SelectionStart = data->SelectionEnd = c;
    }
    view->onCursor(data->CursorPos);
    return 0;
}

const char* plural(const std::string& kind, int n) {
    if (n == 1) return kind.c_str();
    if (kind == "promise") return "promises";
    if (kind == "intro") return "intros";
    if (kind == "detail") return "details";
    if (kind == "ask") return "asks";
    return kind.c_str();
}

// A small rounded label; returns its width.
float drawChip(ImDrawList* dl, ImVec2 pos, const std::string& label, ImU32 colour) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float padX = 0.35f * fs;
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
    ImU32 bg = ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, 0.18f));
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * padX, pos.y + fs * 1.15f), bg, 0.3f * fs);
    dl->AddText(ImVec2(pos.x + padX, pos.y + 0.07f * fs), colour, label.c_str());
    return size.x + 2 * padX;
}


ImU32 itemColour(const Palette& p, const std::string& kind) {
    if (kind == "promise") return p.star;
    if (kind == "intro") return p.selected;
    if (kind == "detail") return p.ok;
    return p.conflict;
}

}  // namespace

// [SECTION] Sync, draft and save

void CaptureView::onCursor(int cursor) { m_cursor = cursor; }

std::optional<CaptureView::Replacement> CaptureView::takePendingReplacement() {
    auto r = std::move(m_pendingReplacement);
    m_pendingReplacement.reset();
    return r;
}

std::optional<int> CaptureView::takePendingCursor() {
    auto p = m_pendingCursor;
    m_pendingCursor.reset();
    return p;
}

void CaptureView::sync(Store& store, AppState& state) {
    // Sessions follow the agenda and stars; targets and recent notes also people and their own kind.
    const auto sessions = state.revision.value(Change::Events | Change::Stars);
    const auto targets = state.revision.value(Change::People | Change::Targets);
    const auto notes = state.revision.value(Change::People | Change::Notes);
    if (m_model.sync(store, state.eventId, sessions, targets, notes) && !m_model.error().empty())
        state.error("Could not load notes: " + m_model.error());
    m_model.syncNow(state.now());

    // Each event keeps its own draft; the one of the event now open comes back.
    std::string key = "capture:" + (state.eventId ? std::to_string(*state.eventId) : std::string("none"));
    if (key != m_draftKey) {
        m_draftKey = key;
        m_cursor = -1;
        m_draftOutside = false;
        try {
            m_text = captureDraft(store, key).value_or("");
        } catch (const std::exception& e) {
            state.error(std::string("Could not read the saved draft: ") + e.what());
        }
        // A copy outside the database is newer: the database refused it.
        if (auto copy = readDraftCopy(draftCopyPath(store.path(), key))) {
            m_text = *copy;
            m_draftOutside = true;
            storeDraft(store, state);  // back into the database if it takes it now
        }
        m_pendingCursor = int(m_text.size());
    }
    if (m_choiceEvent != state.eventId) {
        m_choiceEvent = state.eventId;
        m_sessionChoice = SessionChoice::Automatic;
        m_fixedSession = 0;
    }
    // Plan's "Note about this talk": that session, whatever is running now.
    if (auto session = std::exchange(state.capture.linkSession, std::nullopt); session && m_model.session(*session)) {
        m_sessionChoice = SessionChoice::Fixed;
        m_fixedSession = *session;
        m_focusBox = true;
    }
    updateMatches(store, state);
}

std::string CaptureView::storeDraft(Store& store, AppState& state) {
    std::string failure;
    try {
        keepCaptureDraft(store, m_draftKey, m_text);
        if (m_draftOutside) {
            removeDraftCopy(draftCopyPath(store.path(), m_draftKey));
            m_draftOutside = false;
        }
        return {};
    } catch (const std::exception& e) {
        failure = e.what();
    }
    // A full disk or a read-only database must not cost what was typed.
    std::string where;
    const std::string copy = draftCopyPath(store.path(), m_draftKey);
    try {
        writeDraftCopy(copy, m_text);
        m_draftOutside = true;
        where = "in " + copy;
    } catch (const std::exception& e) {
        where = std::string("only in this window (") + e.what() + "): copy it somewhere before closing Hallway";
    }
    state.error("The draft could not be kept in the database: " + failure + ". Your text is kept " + where + ".");
    return where;
}

bool CaptureView::save(Store& store, AppState& state) {
    NoteInput in;
    in.body = m_text;
    if (m_model.hasEvent()) in.eventId = m_model.event().id;
    in.at = state.now();
    if (m_sessionChoice == SessionChoice::None) in.noSession = true;
    if (m_sessionChoice == SessionChoice::Fixed) in.sessionId = m_fixedSession;
    for (const auto& p : m_chosen) in.people.push_back(p.id);

    SavedNote saved;
    try {
        saved = saveNote(store, in);
    } catch (const UnresolvedPerson& e) {
        state.error(std::string("Not saved: ") + appMessage(e) + ".");
        state.status.details = candidateLines(e);
        if (e.mention() && e.kind() == UnresolvedPerson::Kind::Several) reopenMention(e.typed());
        return false;
    } catch (const std::invalid_argument& e) {
        state.error(std::string("Not saved: ") + appMessage(e) + ".");
        return false;
    } catch (const std::exception& e) {
        // The box keeps the text; the draft must hold it too, outside the
        // database if that is what refused.
        std::string where = storeDraft(store, state);
        state.error(std::string("Not saved: ") + e.what() + ". Your text stays in the box and is kept " +
                    (where.empty() ? std::string("as a draft") : where) + ".");
        return false;
    }

    m_text.clear();
    m_cursor = -1;
    m_chosen.clear();
    m_sessionChoice = SessionChoice::Automatic;
    storeDraft(store, state);
    state.revision.apply(saved.touched, addedNote(saved));
    m_focusBox = true;

    std::string msg = "Saved note " + std::to_string(saved.noteId);
    if (!saved.people.empty()) {
        msg += " \u00b7 linked: ";
        for (size_t i = 0; i < saved.people.size(); ++i) msg += (i ? ", " : "") + saved.people[i].displayName;
    }
    if (!saved.createdPeople.empty()) {
        msg += " \u00b7 new: ";
        for (size_t i = 0; i < saved.createdPeople.size(); ++i)
            msg += (i ? ", " : "") + saved.createdPeople[i].displayName;
    }
    for (const char* kind : {"promise", "intro", "detail", "ask"}) {
        int n = int(std::count_if(saved.items.begin(), saved.items.end(), [&](const auto& i) { return i.kind == kind; }));
        if (n > 0) msg += " \u00b7 " + std::to_string(n) + " " + plural(kind, n);
    }
    if (saved.session) msg += " \u00b7 in " + saved.session->title;
    state.info(msg);
    return true;
}

// [SECTION] Layout and context (event, session, people)

void CaptureView::draw(Store& store, AppState& state) {
    m_boxRect.reset();
    m_saveRect.reset();
    m_pickerRect.reset();
    m_matchRects.clear();
    m_metRects.clear();
    m_markerRects.clear();
    m_mentionRects.clear();
    if (state.capture.focusBox) {
        state.capture.focusBox = false;
        m_focusBox = true;
        if (!m_pendingCursor) m_pendingCursor = int(m_text.size());
    }

    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    float panelWidth = std::clamp(avail.x * 0.26f, 15.0f * fs, 22.0f * fs);
    if (panelWidth > avail.x * 0.45f) panelWidth = avail.x * 0.45f;

    ImGui::BeginChild("##capture_main", ImVec2(avail.x - panelWidth - style.ItemSpacing.x, 0.0f), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawContext(store, state);
    drawBox(store, state);
    drawMentionList(store, state);
    drawMarkers(store, state);
    ImGui::Spacing();
    drawRecent(state);
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 0.8f, fs * 0.6f));
    ImGui::BeginChild("##capture_side", ImVec2(0.0f, 0.0f), true);
    drawTargets(store, state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void CaptureView::drawContext(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const float labelWidth = 4.5f * fs;

    if (m_model.hasEvent()) {
        headingText(m_headingFont, m_model.event().name.c_str());
        ImGui::SameLine(0.0f, fs);
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::Text("%s (%s)", momentLabel(state.now(), m_model.event().timeZone).c_str(),
                    m_model.event().timeZone.c_str());
        ImGui::PopStyleColor();
    } else {
        headingText(m_headingFont, "Capture");
        mutedWrapped("No event is open: notes are saved without an event or session. Import an agenda to tie "
                     "notes to the session running now.");
    }

    if (m_model.hasEvent()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Session");
        ImGui::SameLine(labelWidth);
        drawSessionCombo(state);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("People");
    ImGui::SameLine(labelWidth);
    drawPeoplePicker(store, state);
}

void CaptureView::drawSessionCombo(AppState& state) {
    std::string preview;
    const CaptureSession* running = m_model.runningSession() ? m_model.session(*m_model.runningSession()) : nullptr;
    switch (m_sessionChoice) {
        case SessionChoice::Automatic:
            preview = running ? "Now: " + m_model.label(*running) : "Now: no single session running (the note gets none)";
            break;
        case SessionChoice::None: preview = "No session"; break;
        case SessionChoice::Fixed: {
            const CaptureSession* s = m_model.session(m_fixedSession);
            preview = s ? m_model.label(*s) : "No session";
            break;
        }
    }
    const float comboWidth = std::min(ImGui::GetContentRegionAvail().x, 36.0f * ImGui::GetFontSize());
    ImGui::SetNextItemWidth(comboWidth);
    m_sessionPreview = fittedLabel(preview, comboWidth - ImGui::GetFrameHeight() - 2.0f * ImGui::GetStyle().FramePadding.x);
    const bool comboOpen = ImGui::BeginCombo("##session", m_sessionPreview.c_str(), ImGuiComboFlags_HeightLarge);
    if (!comboOpen && m_sessionPreview != preview && ImGui::IsItemHovered()) wrappedTooltip(preview.c_str());
    if (comboOpen) {
        if (ImGui::Selectable("Automatic: the session running when you save",
                              m_sessionChoice == SessionChoice::Automatic))
            m_sessionChoice = SessionChoice::Automatic;
        if (ImGui::Selectable("No session", m_sessionChoice == SessionChoice::None))
            m_sessionChoice = SessionChoice::None;
        ImGui::Separator();
        const auto& sessions = m_model.sessions();
        ImGuiListClipper clipper;
        clipper.Begin(int(sessions.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const CaptureSession& s = sessions[i];
                ImGui::PushID(idOf(s.id));
                bool selected = m_sessionChoice == SessionChoice::Fixed && m_fixedSession == s.id;
                if (ImGui::Selectable(m_model.label(s).c_str(), selected)) {
                    m_sessionChoice = SessionChoice::Fixed;
                    m_fixedSession = s.id;
                }
                ImGui::PopID();
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The note is tied to this session. Automatic picks your starred session running at the "
                          "moment you save, else the only one running.");
}

void CaptureView::updateMatches(Store& store, AppState& state) {
    std::string query = text::trim(m_pickerText);
    const auto revision = state.revision.value(Change::People);
    if (query == m_matchesFor && m_matchesRevision == revision) return;
    m_matchesFor = query;
    m_matchesRevision = revision;
    m_matches.clear();
    if (query.empty()) return;
    ++m_pickerQueries;
    try {
        PeopleQuery q;
        q.search = query;
        q.limit = 8;
        for (auto& p : PeopleRepo(store).list(q)) {
            bool chosen = std::any_of(m_chosen.begin(), m_chosen.end(), [&](const auto& c) { return c.id == p.id; });
            if (!chosen) m_matches.push_back(std::move(p));
        }
    } catch (const std::exception&) {
        // Half-typed input the full-text syntax rejects: no matches yet.
    }
}

void CaptureView::addPerson(const PersonBrief& person) {
    if (std::none_of(m_chosen.begin(), m_chosen.end(), [&](const auto& c) { return c.id == person.id; }))
        m_chosen.push_back(person);
    m_pickerText.clear();
    m_matchesFor = "\x01";  // look up again: the chosen person leaves the matches
    m_refocusPicker = true;
}

void CaptureView::createPerson(Store& store, AppState& state, const std::string& name) {
    Person p;
    p.displayName = name;
    p.source = "typed";
    try {
        const AddedPerson added = hallway::addPerson(store, p);
        state.revision.apply(added.touched);
        addPerson(PersonBrief{added.id, name, "", ""});
        state.info("Added " + name + " to your people.");
    } catch (const std::exception& e) {
        state.error("Could not add " + name + ": " + e.what());
    }
}

void CaptureView::drawPeoplePicker(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    const float right = ImGui::GetWindowContentRegionMax().x;
    auto fits = [&](float width) { return ImGui::GetCursorPosX() + width <= right; };

    // Chosen people: a click on a chip takes them off.
    std::optional<RowId> remove;
    for (const auto& person : m_chosen) {
        ImGui::PushID(idOf(person.id));
        std::string label = person.displayName + "  \u00d7";
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_HeaderActive]);
        if (ImGui::Button(label.c_str())) remove = person.id;
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s%s%s \u2014 click to unlink", person.displayName.c_str(),
                              person.company.empty() ? "" : ", ", person.company.c_str());
        ImGui::PopID();
        ImGui::SameLine();
    }
    if (remove)
        m_chosen.erase(std::remove_if(m_chosen.begin(), m_chosen.end(), [&](const auto& c) { return c.id == *remove; }),
                       m_chosen.end());

    const float fieldWidth = 12.0f * fs;
    if (!fits(fieldWidth)) ImGui::NewLine(), ImGui::SameLine(4.5f * fs);
    ImGui::SetNextItemWidth(fieldWidth);
    if (m_refocusPicker) {
        ImGui::SetKeyboardFocusHere();
        m_refocusPicker = false;
    }
    const bool enter = ImGui::InputTextWithHint("##person", "Add person\u2026", &m_pickerText,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    m_pickerRect = lastItemRect();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Type a name, company or role; Enter links the first match. @name in the note works too.");
    updateMatches(store, state);
    const std::string query = text::trim(m_pickerText);
    if (enter && !query.empty()) {
        if (!m_matches.empty()) addPerson(m_matches.front());
        else createPerson(store, state, query);
        updateMatches(store, state);
    }

    // Matches on the same line, as many as fit: no popup to steal the keyboard.
    int shown = 0;
    for (const auto& person : m_matches) {
        std::string label = person.displayName;
        if (!person.company.empty()) label += " \u00b7 " + person.company;
        const float w = ImGui::CalcTextSize(label.c_str()).x + style.FramePadding.x * 2.0f;
        ImGui::SameLine();
        if (!fits(w)) break;
        ImGui::PushID(idOf(person.id));
        if (ImGui::Button(label.c_str())) addPerson(person);
        m_matchRects.push_back({person.id, lastItemRect()});
        if (ImGui::IsItemHovered() && !person.role.empty())
            ImGui::SetTooltip("%s, %s", person.role.c_str(), person.company.c_str());
        ImGui::PopID();
        ++shown;
    }
    if (!query.empty() && m_matches.empty()) {
        std::string label = "+ Create \u201c" + query + "\u201d##create";
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.ok);
        if (ImGui::Button(label.c_str())) createPerson(store, state, query);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Nobody matches: add a new person with this name (Enter)");
    } else if (shown < int(m_matches.size())) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("+%d", int(m_matches.size()) - shown);
    }
}

// [SECTION] Box and markers

void CaptureView::drawBox(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::Spacing();
    const float height = std::clamp(ImGui::GetContentRegionAvail().y * 0.4f, 6.0f * fs, 16.0f * fs);
    if (m_focusBox) {
        ImGui::SetKeyboardFocusHere();
        m_focusBox = false;
    }
    const bool boxActive = ImGui::GetActiveID() == ImGui::GetID("##note");
    if (handleMentionKeys(boxActive) && size_t(m_mentionIndex) < m_mentionMatches.size())
        acceptMention(store, state, m_mentionMatches[size_t(m_mentionIndex)], boxActive);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.7f * fs, 0.6f * fs));
    const bool edited =
        ImGui::InputTextMultiline("##note", &m_text, ImVec2(-1.0f, height), ImGuiInputTextFlags_CallbackAlways,
                                  captureCallback, this);
    ImGui::PopStyleVar();
    m_boxRect = lastItemRect();
    if (edited) storeDraft(store, state);
    // The list belongs to typing: none for a draft shown but not being edited,
    // kept while the pointer is on it so a click can pick from it.
    const bool typing = ImGui::IsItemActive();
    findMention();
    if (!typing && !m_mentionListHovered) m_mentionAt = std::string::npos;
    updateMentionMatches(store, state);

    if (m_text.empty()) {
        // A hint, since ImGui 1.86 has none for multi-line inputs.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 pos(m_boxRect->min.x + 0.7f * fs, m_boxRect->min.y + 0.6f * fs);
        const float width = m_boxRect->max.x - pos.x - 0.7f * fs;
        dl->AddText(ImGui::GetFont(), fs, pos, p.mutedText,
                    "What did you just hear? A few words are enough.\n@name links a person \u00b7 #promise "
                    "#intro #detail #ask mark what to follow up \u00b7 Ctrl+Enter saves",
                    nullptr, width);
    }
    (void)style;

    if (state.capture.saveRequested) {
        state.capture.saveRequested = false;
        if (!save(store, state)) m_focusBox = true;  // keep typing where it failed
    }
}

// [SECTION] @name completion

namespace {

bool handleByte(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '-' || c == '_' || c == '.'; }

// "@Ana Lima" as the note grammar reads it: words joined by '-', punctuation
// other than '.' dropped, so it resolves to that name (handleWords reverses it).
std::string handleFor(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (handleByte(c)) out += char(c);
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    return out;
}

// Swallows this frame's press of `key` (a key index) for the widgets after,
// as ImGui 1.86 has no key ownership: the box must not also move its cursor
// or insert a newline. Held keys still repeat.
bool takeKey(int key) {
    if (!ImGui::IsKeyPressed(key, true)) return false;
    ImGui::GetIO().KeysDownDuration[key] = 1e-4f;
    return true;
}

}  // namespace

void CaptureView::reopenMention(const std::string& handle) {
    const std::string written = "@" + handle;
    for (size_t at = m_text.find(written); at != std::string::npos; at = m_text.find(written, at + 1)) {
        const size_t end = at + written.size();
        if (end < m_text.size() && handleByte(static_cast<unsigned char>(m_text[end]))) continue;  // a longer handle
        // The cursor after the handle opens the @ list on its candidates.
        m_cursor = int(end);
        m_pendingCursor = m_cursor;
        m_mentionDismissed = std::string::npos;
        m_focusBox = true;
        return;
    }
}

void CaptureView::findMention() {
    m_mentionAt = std::string::npos;
    m_mentionWord.clear();
    const size_t cursor = (m_cursor < 0 || size_t(m_cursor) > m_text.size()) ? m_text.size() : size_t(m_cursor);
    size_t start = cursor;
    while (start > 0 && handleByte(static_cast<unsigned char>(m_text[start - 1]))) --start;
    if (start == 0 || m_text[start - 1] != '@' || start == cursor) return;
    const size_t at = start - 1;
    if (at > 0 && (handleByte(static_cast<unsigned char>(m_text[at - 1])) || m_text[at - 1] == '/')) return;  // an email
    if (at == m_mentionDismissed) return;
    m_mentionAt = at;
    m_mentionWord = m_text.substr(start, cursor - start);
}

void CaptureView::updateMentionMatches(Store& store, AppState& state) {
    if (m_mentionAt == std::string::npos) {
        m_mentionMatches.clear();
        m_mentionFor.clear();
        return;
    }
    const std::uint64_t revision = state.revision.value(Change::People | Change::Targets | Change::Events);
    if (m_atEventFor != state.eventId || m_atEventRevision != revision) {
        m_atEventFor = state.eventId;
        m_atEventRevision = revision;
        m_atEvent.clear();
        if (state.eventId) {
            try {
                for (const auto& s : AgendaRepo(store).speakersOfEvent(*state.eventId)) m_atEvent.push_back(s.personId);
                for (const Target& t : PeopleRepo(store).targets(*state.eventId)) m_atEvent.push_back(t.personId);
            } catch (const std::exception&) {
            }
            std::sort(m_atEvent.begin(), m_atEvent.end());
        }
        m_mentionFor.clear();
    }
    if (m_mentionFor == m_mentionWord && m_mentionRevision == revision) return;
    m_mentionFor = m_mentionWord;
    m_mentionRevision = revision;
    m_mentionIndex = 0;
    std::string words = m_mentionWord;
    for (char& c : words)
        if (c == '-' || c == '_' || c == '.') c = ' ';
    try {
        m_mentionMatches = PeopleRepo(store).list({text::trim(words), "", 30});
    } catch (const std::exception&) {
        m_mentionMatches.clear();  // text the search syntax refuses: no list
    }
    auto here = [this](const PersonBrief& p) { return std::binary_search(m_atEvent.begin(), m_atEvent.end(), p.id); };
    std::stable_partition(m_mentionMatches.begin(), m_mentionMatches.end(), here);
    if (m_mentionMatches.size() > 6) m_mentionMatches.resize(6);
}

bool CaptureView::handleMentionKeys(bool boxActive) {
    if (!boxActive || m_mentionAt == std::string::npos || m_mentionMatches.empty()) return false;
    const ImGuiIO& io = ImGui::GetIO();
    const int n = int(m_mentionMatches.size());
    if (takeKey(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) m_mentionIndex = (m_mentionIndex + 1) % n;
    if (takeKey(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) m_mentionIndex = (m_mentionIndex + n - 1) % n;
    if (takeKey(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        m_mentionDismissed = m_mentionAt;
        m_mentionMatches.clear();
        return false;
    }
    if (io.KeyCtrl) return false;  // Ctrl+Enter saves
    return takeKey(ImGui::GetKeyIndex(ImGuiKey_Enter)) || takeKey(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)) ||
           takeKey(ImGui::GetKeyIndex(ImGuiKey_Tab));
}

void CaptureView::acceptMention(Store& store, AppState& state, const PersonBrief& person, bool boxActive) {
    const size_t from = m_mentionAt;
    const size_t to = from + 1 + m_mentionWord.size();
    std::string text = "@" + handleFor(person.displayName);
    if (to >= m_text.size() || m_text[to] != ' ') text += ' ';
    if (boxActive) {
        // The active box keeps its own copy of the text: the callback edits that.
        m_pendingReplacement = Replacement{int(from), int(to), text};
    } else {
        m_text.replace(from, to - from, text);
        m_pendingCursor = int(from + text.size());
        m_focusBox = true;
        storeDraft(store, state);
    }
    m_mentionDismissed = from;  // done with this '@'
    m_mentionMatches.clear();
    m_mentionFor.clear();
}

void CaptureView::drawMentionList(Store& store, AppState& state) {
    m_mentionListHovered = false;
    if (m_mentionAt == std::string::npos || m_mentionMatches.empty() || !m_boxRect) return;
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    // Just under the '@' being typed (the box does not wrap, so its line and
    // column place it), kept inside the box so nothing around it moves.
    const float rowHeight = ImGui::GetTextLineHeightWithSpacing();
    const float height = rowHeight * float(m_mentionMatches.size()) + ImGui::GetStyle().WindowPadding.y * 2.0f;
    const float width = std::min(m_boxRect->max.x - m_boxRect->min.x, 28.0f * fs);
    const size_t lineStart = m_text.rfind('\n', m_mentionAt) == std::string::npos ? 0 : m_text.rfind('\n', m_mentionAt) + 1;
    const float line = float(std::count(m_text.begin(), m_text.begin() + long(lineStart), '\n'));
    const float column = ImGui::CalcTextSize(m_text.data() + lineStart, m_text.data() + m_mentionAt).x;
    const ImVec2 pad(0.7f * fs, 0.6f * fs);  // the box's frame padding (drawBox)
    const float x = std::clamp(m_boxRect->min.x + pad.x + column, m_boxRect->min.x, m_boxRect->max.x - width);
    const float y = std::clamp(m_boxRect->min.y + pad.y + (line + 1.0f) * fs + 0.2f * fs, m_boxRect->min.y,
                               std::max(m_boxRect->min.y, m_boxRect->max.y - height));
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyle().Colors[ImGuiCol_PopupBg]);
    ImGui::Begin("##mentions", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());  // over the box, without taking its keyboard
    m_mentionListHovered = ImGui::IsWindowHovered();
    const char* hereTag = "at this event";
    const float tagWidth = ImGui::CalcTextSize(hereTag).x + fs;
    const ImVec4 muted = ImGui::ColorConvertU32ToFloat4(p.mutedText);
    for (size_t i = 0; i < m_mentionMatches.size(); ++i) {
        const PersonBrief& person = m_mentionMatches[i];
        ImGui::PushID(idOf(person.id));
        const bool here = std::binary_search(m_atEvent.begin(), m_atEvent.end(), person.id);
        std::string label = person.displayName;
        if (!person.company.empty()) label += "  \u00b7 " + person.company;
        if (ImGui::Selectable("##mention", int(i) == m_mentionIndex)) {
            acceptMention(store, state, person, false);
            ImGui::PopID();
            break;
        }
        const WidgetRect rect = lastItemRect();
        m_mentionRects.push_back({person.id, rect});
        // A long name or company ends in "..." before the tag instead of running under it.
        const float textEnd = rect.max.x - (here ? tagWidth : 0.0f);
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), rect.min, ImVec2(textEnd, rect.max.y), textEnd, textEnd,
                                  label.c_str(), nullptr, nullptr);
        if (here)
            ImGui::GetWindowDrawList()->AddText(ImVec2(rect.max.x - tagWidth + fs, rect.min.y),
                                                ImGui::GetColorU32(muted), hereTag);
        ImGui::PopID();
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

void CaptureView::insertMarker(Store& store, AppState& state, const char* marker) {
    size_t pos = (m_cursor < 0 || size_t(m_cursor) > m_text.size()) ? m_text.size() : size_t(m_cursor);
    std::string ins = marker;
    auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
    if (pos > 0 && !space(m_text[pos - 1])) ins.insert(ins.begin(), ' ');
    if (pos >= m_text.size() || !space(m_text[pos])) ins += ' ';
    m_text.insert(pos, ins);
    m_cursor = int(pos + ins.size());
    m_pendingCursor = m_cursor;
    m_focusBox = true;
    storeDraft(store, state);
}

void CaptureView::drawMarkers(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const Marker& m : kMarkers) {
        ImGui::PushStyleColor(ImGuiCol_Text, itemColour(p, m.text + 1));
        if (ImGui::Button(m.text)) insertMarker(store, state, m.text);
        ImGui::PopStyleColor();
        m_markerRects.push_back({m.text, lastItemRect()});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.tip);
        ImGui::SameLine();
    }
    const char* saveLabel = "Save  (Ctrl+Enter)##save";
    const float saveWidth = ImGui::CalcTextSize(saveLabel, nullptr, true).x + style.FramePadding.x * 2.0f;
    const float saveX = ImGui::GetWindowContentRegionMax().x - saveWidth;
    const char* hint = "a line starting [ ] is a promise too";
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(hint).x + style.ItemSpacing.x < saveX) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", hint);
        ImGui::SameLine();
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), saveX));
    ImGui::BeginDisabled(text::trim(m_text).empty());
    if (ImGui::Button(saveLabel)) {
        if (!save(store, state)) m_focusBox = true;
    }
    ImGui::EndDisabled();
    m_saveRect = lastItemRect();
}

// [SECTION] Targets panel

std::string CaptureView::targetsHeading(const AppState& state) const {
    // During the event (and before it) it is today's question; after it, which event's.
    const bool over = m_model.hasEvent() && m_model.event().endsAt > 0 && state.now() > m_model.event().endsAt;
    return over ? "Met at " + m_model.event().name + "?" : "Met today?";
}

void CaptureView::drawTargets(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const auto& targets = m_model.targets();
    int met = int(std::count_if(targets.begin(), targets.end(), [](const auto& t) { return t.met; }));
    headingText(m_headingFont, targetsHeading(state).c_str());
    if (!m_model.hasEvent()) {
        mutedWrapped("Open an event to tick off the people you meant to meet there.");
        return;
    }
    if (targets.empty()) {
        mutedWrapped("No targets for this event yet. In People, pick the people you want to meet here "
                     "(or `hallway target add`).");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::Text("%d of %d targets met", met, int(targets.size()));
    ImGui::PopStyleColor();
    ImGui::Spacing();
    for (const CaptureTarget& t : targets) {
        ImGui::PushID(idOf(t.personId));
        bool checked = t.met;
        if (ImGui::Checkbox("##met", &checked)) {
            try {
                const RowId eventId = m_model.event().id;
                state.revision.apply(checked ? markMet(store, eventId, t.personId, state.now())
                                             : unmarkMet(store, eventId, t.personId));
                if (checked) state.info("Met " + t.name + " \u00b7 logged at " + m_model.event().name + ".");
                else state.info(t.name + " is back to \u201cnot met yet\u201d.");
            } catch (const std::exception& e) {
                state.error("Could not update " + t.name + ": " + e.what());
            }
        }
        m_metRects.push_back({t.personId, lastItemRect()});
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, t.met ? p.mutedText : p.text);
        ImGui::TextUnformatted(t.name.c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetTooltip("Open %s in People", t.name.c_str());
        }
        if (ImGui::IsItemClicked()) {
            state.people.selectedPerson = t.personId;
            state.people.targetsTab = state.people.networkTab = false;
            state.mode = Mode::People;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(t.detail.c_str());
        if (!t.why.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(t.why.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::PopStyleColor();
        ImGui::EndGroup();
        ImGui::Spacing();
        ImGui::PopID();
    }
}

// [SECTION] Recent notes

void CaptureView::drawRecent(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const auto& recent = m_model.recent();
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    if (m_model.hasEvent())
        ImGui::Text("Recent notes at %s (%d%s)", m_model.event().name.c_str(), int(recent.size()),
                    int(recent.size()) >= m_model.recentLimit() ? "+" : "");
    else
        ImGui::Text("Recent notes (%d)", int(recent.size()));
    ImGui::PopStyleColor();
    if (recent.empty()) {
        mutedWrapped("Nothing captured here yet. Notes you save appear here, newest first.");
        return;
    }
    const float rowHeight = ImGui::GetFrameHeight();
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersOuterH;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
    const bool open = ImGui::BeginTable("##recent", 4, flags, ImVec2(0.0f, 0.0f));
    ImGui::PopStyleVar();
    if (!open) return;
    if (state.capture.showRecent) {  // opened from search: the highlighted note, else the newest
        state.capture.showRecent = false;
        float y = 0.0f;
        for (size_t i = 0; i < recent.size(); ++i)
            if (state.capture.highlightNote && recent[i].id == *state.capture.highlightNote)
                y = std::max(0.0f, float(i) * (rowHeight + 2.0f) - 2.0f * rowHeight);
        ImGui::SetScrollY(y);
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Wed 30 Sep 00:00").x + fs * 0.5f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("People", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Marked", ImGuiTableColumnFlags_WidthFixed, 9.0f * fs);
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;
    clipper.Begin(int(recent.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const RecentNote& n = recent[i];
            ImGui::TableNextRow(0, rowHeight);
            ImGui::PushID(idOf(n.id));
            ImGui::TableSetColumnIndex(0);
            ImVec2 cell = ImGui::GetCursorScreenPos();
            ImGui::Selectable("##note", state.capture.highlightNote && *state.capture.highlightNote == n.id,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0.0f, rowHeight));
            const bool hovered = ImGui::IsItemHovered();
            ImGui::SetCursorScreenPos(cell);
            cellText(n.when, p.mutedText);
            ImGui::TableSetColumnIndex(1);
            cellText(n.firstLine, 0);
            ImGui::TableSetColumnIndex(2);
            cellText(n.people, p.mutedText);
            ImGui::TableSetColumnIndex(3);
            {
                ImDrawList* dl = ImGui::GetWindowDrawList();
                ImVec2 pos = ImGui::GetCursorScreenPos();
                const float maxX = pos.x + ImGui::GetContentRegionAvail().x;
                pos.y += (rowHeight - fs * 1.15f) * 0.5f;
                for (const auto& kind : n.items) {
                    if (pos.x + ImGui::CalcTextSize(kind.c_str()).x + 0.7f * fs > maxX) break;
                    pos.x += drawChip(dl, pos, kind, itemColour(p, kind)) + 0.25f * fs;
                }
                ImGui::Dummy(ImVec2(1.0f, rowHeight));
            }
            if (hovered) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(32.0f * fs);
                ImGui::TextUnformatted(n.body.c_str());
                if (!n.session.empty() || !n.people.empty()) {
                    ImGui::Separator();
                    if (!n.session.empty()) ImGui::TextDisabled("Session: %s", n.session.c_str());
                    if (!n.people.empty()) ImGui::TextDisabled("People: %s", n.people.c_str());
                }
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

std::optional<WidgetRect> CaptureView::matchRect(RowId personId) const {
    return rectFor(m_matchRects, personId);
}

std::optional<WidgetRect> CaptureView::metRect(RowId personId) const {
    return rectFor(m_metRects, personId);
}

std::optional<WidgetRect> CaptureView::markerRect(const std::string& marker) const {
    return rectFor(m_markerRects, marker);
}

}  // namespace hallway::ui
