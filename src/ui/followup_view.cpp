// [SECTION] Helpers
// [SECTION] Sync and layout
// [SECTION] Generate and the last run
// [SECTION] Queue list
// [SECTION] Draft panel
// [SECTION] Actions
#include "ui/followup_view.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>
#include <thread>

#include "formats/followup_export.h"
#include "services/followup_service.h"
#include "store/followups_repo.h"
#include "store/store.h"
#include "ui/open_url.h"
#include "ui/theme.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

// GLFW key codes, as io.KeysDown is indexed (see shell.cpp).
constexpr int kKeyUp = 265;
constexpr int kKeyDown = 264;
constexpr int kKeyJ = 'J';
constexpr int kKeyK = 'K';

const void* idOf(RowId id) { return reinterpret_cast<const void*>(static_cast<std::intptr_t>(id)); }

// A hue per kind family for the chip: thanks green, promises orange, intros
// blue, asks violet, check-ins teal, missed red.
float kindHue(const std::string& kind) {
    if (kind == "thank_you") return 0.33f;
    if (kind == "promise") return 0.08f;
    if (kind.rfind("intro", 0) == 0) return 0.58f;
    if (kind == "meeting_request" || kind == "info_interview" || kind == "referral_ask") return 0.76f;
    if (kind == "missed_target") return 0.0f;
    if (kind == "detail_check_in") return 0.9f;
    return 0.48f;
}

void sectionTitle(const Palette& p, const char* title) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

// Text cut with "…" at `maxX`, at `pos`. True when it was cut.
bool clippedText(ImDrawList* dl, ImVec2 pos, float maxX, ImU32 colour, std::string_view text) {
    if (maxX <= pos.x) return !text.empty();
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    const char* b = text.data();
    const char* e = b + text.size();
    ImVec2 size = ImGui::CalcTextSize(b, e);
    ImGui::RenderTextEllipsis(dl, pos, ImVec2(maxX, pos.y + ImGui::GetFontSize()), maxX, maxX, b, e, &size);
    ImGui::PopStyleColor();
    return pos.x + size.x > maxX;
}

// What the queue and the draft show: follow-ups, people's names and emails, the event.
std::uint64_t queueRevision(const AppState& state) {
    return state.revision.value(Change::Queue | Change::People | Change::Events);
}

// The notes beside the draft: notes, and people and events (a merge, an event renamed).
std::uint64_t notesRevision(const AppState& state) {
    return state.revision.value(Change::Notes | Change::People | Change::Events);
}

}  // namespace

// [SECTION] Sync and layout

ChipAndName splitChipAndName(float width, float chipWanted, float nameWanted, float minChip) {
    width = std::max(width, 0.0f);
    if (chipWanted + nameWanted <= width) return {chipWanted, nameWanted};
    const float chip = std::min({chipWanted, width, std::max(minChip, width - nameWanted)});
    return {chip, width - chip};
}

void FollowUpView::sync(Store& store, AppState& state) {
    const auto revision = queueRevision(state);
    if (m_eventId != state.eventId) {
        m_eventId = state.eventId;
        m_selected.reset();
        m_selectedIndex = 0;
        m_report.reset();
    }
    if (m_queue.sync(store, state.eventId, state.now(), revision) && !m_queue.error().empty())
        state.error("Could not list the follow-up queue: " + m_queue.error());
    if (m_showItem && m_queue.indexOf(m_showItem->first) >= 0) {
        m_selected = m_showItem->first;
        m_together = m_showItem->second;
        m_togetherFor = m_showItem->first;
        m_showItem.reset();
    }
    const auto& rows = m_queue.rows();
    // Keep the selection on its item; when it left the queue (sent, done,
    // snoozed away) take the one now in its place, so the next is ready.
    int index = m_selected ? m_queue.indexOf(*m_selected) : -1;
    if (index < 0 && !rows.empty()) {
        const bool wasSelected = m_selected.has_value();
        index = std::clamp(m_selectedIndex, 0, int(rows.size()) - 1);
        m_selected = rows[size_t(index)].id;
        m_scrollToSelected = wasSelected;
    }
    if (index >= 0) m_selectedIndex = index;
    if (rows.empty() && m_selected && !m_draft.has()) m_selected.reset();
    syncDraft(store, state);
}

void FollowUpView::syncDraft(Store& store, AppState& state) {
    if (m_draft.sync(store, m_selected, queueRevision(state), notesRevision(state)) && !m_draft.error().empty())
        state.error("Could not open this follow-up: " + m_draft.error());
    if (m_loadedDraftBuild != m_draft.rebuildCount()) {
        m_loadedDraftBuild = m_draft.rebuildCount();
        if (!m_draft.has() || m_togetherFor != m_draft.item().id || m_draft.together().empty()) m_together = false;
        loadDraftText();
    }
}

void FollowUpView::loadDraftText() {
    m_togetherFor = m_draft.has() ? m_draft.item().id : 0;
    m_subject = m_together ? m_draft.combined().subject : m_draft.subject();
    m_body = m_together ? m_draft.combined().body : m_draft.body();
}

std::optional<WidgetRect> FollowUpView::rowRect(RowId itemId) const {
    return rectFor(m_rowRects, itemId);
}

std::optional<bool> FollowUpView::rowNameCut(RowId itemId) const {
    for (const auto& [id, cut] : m_rowNameCut)
        if (id == itemId) return cut;
    return std::nullopt;
}

std::optional<WidgetRect> FollowUpView::buttonRect(const std::string& label) const {
    return rectFor(m_buttonRects, label);
}

bool FollowUpView::button(const char* label, const char* tooltip) {
    const bool pressed = ImGui::Button(label);
    const char* end = ImGui::FindRenderedTextEnd(label);
    m_buttonRects.push_back({std::string(label, end), lastItemRect()});
    if (tooltip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tooltip);
    return pressed;
}

void FollowUpView::draw(Store& store, AppState& state) {
    m_rowRects.clear();
    m_rowNameCut.clear();
    m_buttonRects.clear();
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();

    drawTop(store, state);
    if (!m_queue.hasEvent()) return;
    drawReport(state);

    if (m_queue.rows().empty()) {
        beginCenteredBlock(30.0f * fs, 8.0f * fs);
        headingText(m_headingFont, "Nothing to follow up yet");
        ImGui::Spacing();
        mutedWrapped("After the event, press Generate queue: it turns the people you met, your promises and intros "
                     "into a list of messages.");
        endCenteredBlock();
        return;
    }
    handleKeys();

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    float listWidth = std::clamp(avail.x * 0.4f, 22.0f * fs, 34.0f * fs);
    if (listWidth > avail.x * 0.6f) listWidth = avail.x * 0.6f;
    ImGui::BeginChild("##followup_list", ImVec2(listWidth, 0.0f), true);
    drawList(state);
    ImGui::EndChild();
    // A key or a click picked another item in this frame: its draft shows
    // in this frame too, not the last item's for one frame more.
    syncDraft(store, state);

    ImGui::SameLine(0.0f, style.ItemSpacing.x);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 0.8f, fs * 0.6f));
    ImGui::BeginChild("##followup_draft", ImVec2(0.0f, 0.0f), true);
    drawDraft(store, state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

// [SECTION] Generate and the last run

void FollowUpView::drawTop(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    if (!m_queue.hasEvent()) {
        beginCenteredBlock(30.0f * ImGui::GetFontSize(), 6.0f * ImGui::GetFontSize());
        headingText(m_headingFont, "Follow up after an event");
        ImGui::Spacing();
        mutedWrapped("Import an agenda and open its event: the follow-up queue is made per event.");
        endCenteredBlock();
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(("Follow-ups for " + m_queue.eventName()).c_str());
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    const int n = m_queue.total();
    ImGui::Text("\u00b7 %d to send \u00b7 today is %s", n, dayLabel(m_queue.today()).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (button("Generate queue##generate",
               "Run the follow-up rules for this event: thank everyone you met, keep your #promises, ask before "
               "#intros. Running it again adds only what is new."))
        generate(store, state);
}

void FollowUpView::drawReport(AppState& state) {
    if (!m_report) return;
    const Palette& p = palette(state.theme);
    const QueueReport& r = *m_report;
    std::string title = "Last run (as of " + dayLabel(m_reportToday) + "): added " + std::to_string(r.added.size());
    if (!r.dropped.empty()) title += ", let go " + std::to_string(r.dropped.size());
    if (!r.skipped.empty()) title += ", " + std::to_string(r.skipped.size()) + " note" + (r.skipped.size() == 1 ? "" : "s");
    title += "##last_run";
    if (!ImGui::CollapsingHeader(title.c_str())) return;
    const float fs = ImGui::GetFontSize();
    const float height = std::min(ImGui::GetContentRegionAvail().y * 0.35f, 12.0f * fs);
    ImGui::BeginChild("##last_run_list", ImVec2(0.0f, height), false);
    ImGui::PushTextWrapPos(0.0f);
    if (r.added.empty() && r.dropped.empty())
        mutedWrapped("Nothing new: everything the rules found is already in the queue (closed items are never "
                     "re-created).");
    for (const auto& f : r.added) {
        ImGui::PushID(idOf(f.id));
        ImGui::Text("+ %s \u00b7 %s \u00b7 due %s", followUpKindLabel(f.kind).c_str(), f.personName.c_str(),
                    dayLabel(f.dueDate).c_str());
        ImGui::Indent(fs);
        mutedWrapped(f.reason.c_str());
        ImGui::Unindent(fs);
        ImGui::PopID();
    }
    for (const auto& f : r.dropped) {
        ImGui::Text("\u2212 let go: %s \u00b7 %s", followUpKindLabel(f.kind).c_str(), f.personName.c_str());
        ImGui::Indent(fs);
        mutedWrapped(f.reason.c_str());
        ImGui::Unindent(fs);
    }
    for (const auto& s : r.skipped) mutedWrapped(("note: " + s).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, p.error);
    for (const auto& u : r.unknownPlaceholders)
        ImGui::Text("\u26a0 unknown placeholder %s left in drafts: fix the template", u.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

// [SECTION] Queue list

void FollowUpView::handleKeys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    int step = 0;
    if (ImGui::IsKeyPressed(kKeyDown) || ImGui::IsKeyPressed(kKeyJ)) step = 1;
    if (ImGui::IsKeyPressed(kKeyUp) || ImGui::IsKeyPressed(kKeyK)) step = -1;
    const auto& rows = m_queue.rows();
    if (!step || rows.empty()) return;
    int index = m_selected ? m_queue.indexOf(*m_selected) : -1;
    index = std::clamp(index + step, 0, int(rows.size()) - 1);
    m_selected = rows[size_t(index)].id;
    m_selectedIndex = index;
    m_scrollToSelected = true;
}

void FollowUpView::drawList(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto& rows = m_queue.rows();
    const auto& lines = m_queue.lines();
    // Every line is two text lines high (headers too), so the clipper can skip any of them.
    const float lineHeight = 2.0f * fs + style.ItemSpacing.y + 2.0f * style.FramePadding.y;

    if (m_scrollToSelected && m_selected) {
        for (size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].header || rows[size_t(lines[i].row)].id != *m_selected) continue;
            const float y = float(i) * lineHeight;
            if (y < ImGui::GetScrollY() || y + lineHeight > ImGui::GetScrollY() + ImGui::GetWindowHeight())
                ImGui::SetScrollY(std::max(0.0f, y - 2.0f * lineHeight));
            break;
        }
    }
    m_scrollToSelected = false;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiListClipper clipper;
    clipper.Begin(int(lines.size()), lineHeight);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const QueueLine& line = lines[size_t(i)];
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float width = ImGui::GetContentRegionAvail().x;
            const float right = pos.x + width;
            if (line.header) {
                ImGui::PushID(int(line.group) - 100);
                ImGui::Dummy(ImVec2(width, lineHeight - style.ItemSpacing.y));
                const float y = pos.y + lineHeight - style.ItemSpacing.y - fs - style.FramePadding.y;
                const ImU32 colour = line.group == DueGroup::Overdue ? p.conflict : p.selected;
                std::string title = std::string(dueGroupTitle(line.group)) + "  (" + std::to_string(line.count) + ")";
                dl->AddText(ImVec2(pos.x, y), colour, title.c_str());
                dl->AddLine(ImVec2(pos.x, y + fs + 2.0f), ImVec2(right, y + fs + 2.0f), p.gridLine);
                ImGui::PopID();
                continue;
            }
            const QueueRow& row = rows[size_t(line.row)];
            ImGui::PushID(idOf(row.id));
            const bool selected = m_selected && *m_selected == row.id;
            if (ImGui::Selectable("##row", selected, 0, ImVec2(width, lineHeight - style.ItemSpacing.y))) {
                m_selected = row.id;
                m_selectedIndex = line.row;
            }
            m_rowRects.push_back({row.id, lastItemRect()});
            const bool hovered = ImGui::IsItemHovered();
            const std::string_view why = row.why();
            const float pad = style.FramePadding.x;
            const float y1 = pos.y + style.FramePadding.y;
            const float y2 = y1 + fs + style.ItemSpacing.y * 0.5f;

            // Line 1: kind chip, person; due date on the right. In a narrow
            // list the name keeps its width and the chip gives way.
            const std::string kindLabel = followUpKindLabel(row.kind);
            const bool overdue = row.group == DueGroup::Overdue;
            const std::string due = (overdue ? "was due " : "due ") + row.due;
            const float dueW = ImGui::CalcTextSize(due.c_str()).x;
            const float chipInset = fs * 0.3f, gap = fs * 0.5f;
            const ChipAndName split = splitChipAndName(
                width - 2.0f * pad - dueW - 2.0f * gap, ImGui::CalcTextSize(kindLabel.c_str()).x + 2.0f * chipInset,
                ImGui::CalcTextSize(row.personName.c_str()).x, std::min(5.0f * fs, width * 0.3f));
            const ImU32 chipColour = trackColour(state.theme, kindHue(row.kind));
            const ImVec2 c0(pos.x + pad, y1 - 1.0f), c1(pos.x + pad + split.chip, y1 + fs + 1.0f);
            dl->AddRectFilled(c0, c1, (chipColour & 0x00FFFFFFu) | 0x55000000u, fs * 0.3f);
            dl->AddRect(c0, c1, chipColour, fs * 0.3f);
            bool cut = clippedText(dl, ImVec2(c0.x + chipInset, y1), c1.x - chipInset, p.text, kindLabel);
            clippedText(dl, ImVec2(right - pad - dueW, y1), right - pad, overdue ? p.conflict : p.mutedText, due);
            const bool nameCut = clippedText(dl, ImVec2(c1.x + gap, y1), c1.x + gap + split.name + 0.5f, p.text,
                                             row.personName);
            m_rowNameCut.push_back({row.id, nameCut});

            // Line 2: why; status on the right.
            const float statusW = ImGui::CalcTextSize(row.status.c_str()).x;
            const ImU32 statusColour = row.drafted ? p.ok : p.mutedText;
            clippedText(dl, ImVec2(right - pad - statusW, y2), right - pad, statusColour, row.status);
            cut = clippedText(dl, ImVec2(pos.x + pad, y2), right - pad - statusW - fs * 0.5f, p.mutedText, why) ||
                  cut || nameCut;
            // Whatever was cut, whole in the tooltip.
            if (hovered && cut) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(28.0f * fs);
                ImGui::Text("%s \u00b7 %s", kindLabel.c_str(), row.personName.c_str());
                ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
                ImGui::TextUnformatted(row.reason.c_str());
                ImGui::PopStyleColor();
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::PopID();
        }
    }
}

// [SECTION] Draft panel

void FollowUpView::drawDraft(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    if (!m_draft.has()) {
        beginCenteredBlock(24.0f * fs, 6.0f * fs);
        mutedWrapped("Select a follow-up to see its draft (Up/Down or J/K move through the queue).");
        endCenteredBlock();
        return;
    }
    const FollowUp& f = m_draft.item();
    fittedHeading(m_headingFont, (followUpKindLabel(f.kind) + " \u00b7 " + f.personName).c_str(), 0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::Text("due %s \u00b7 %s%s", dayLabel(effectiveDue(f)).c_str(), queueStatusLabel(f).c_str(),
                f.edited ? " \u00b7 edited by you" : "");
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(f.reason.c_str());
    ImGui::PopTextWrapPos();

    // The message on the left, the notes behind it on the right: the notes
    // are the user's private memory and never part of the draft. The
    // actions run across the foot of both, so at 1024 px they take two rows.
    const DraftFacts facts = draftFacts(state);
    ButtonFlow actions(actionLabels(facts), ImGui::GetContentRegionAvail().x);
    const float columnsHeight = -(actions.height() + ImGui::GetStyle().ItemSpacing.y);
    const float panelWidth = ImGui::GetContentRegionAvail().x;
    const bool sideBySide = panelWidth > 30.0f * fs;
    const float notesWidth = sideBySide ? std::clamp(panelWidth * 0.36f, 12.0f * fs, 22.0f * fs) : 0.0f;
    const float messageWidth = sideBySide ? panelWidth - notesWidth - ImGui::GetStyle().ItemSpacing.x : panelWidth;
    ImGui::BeginChild("##message", ImVec2(messageWidth, columnsHeight), false);
    drawMessage(store, state, facts);
    ImGui::EndChild();
    if (sideBySide) {
        ImGui::SameLine();
        ImGui::BeginChild("##notes", ImVec2(0.0f, columnsHeight), false);
        drawNotes(state);
        ImGui::EndChild();
    }
    drawActions(store, state, facts, actions);
}

FollowUpView::DraftFacts FollowUpView::draftFacts(const AppState& state) const {
    const Palette& p = palette(state.theme);
    DraftFacts facts;
    const Reach& reach = m_draft.reach();
    facts.linkedIn = reach.channel == Channel::LinkedIn;
    facts.closed = m_draft.item().status == "sent" || m_draft.item().status == "replied" ||
                   m_draft.item().status == "done" || m_draft.item().status == "dropped";
    facts.blanks = draftBlanks(m_subject + "\n" + m_body);
    if (facts.linkedIn) {
        facts.linkedInCut = linkedInText(m_body, reach.connection);
        const LinkedInText& cut = facts.linkedInCut;
        char line[200];
        if (cut.cutCharacters)
            std::snprintf(line, sizeof line, "%zu of %zu characters: Copy takes the first %zu, cut at a word (%zu left out)",
                          cut.characters, cut.limit, cut.characters - cut.cutCharacters, cut.cutCharacters);
        else
            std::snprintf(line, sizeof line, "%zu of %zu characters%s", cut.characters, cut.limit,
                          reach.connection ? "" : " (a note with a connection request)");
        facts.below.push_back({line, cut.cutCharacters ? p.error : p.mutedText});
    }
    // Warnings: blanks only the user can fill, placeholders no value fills.
    if (!facts.blanks.empty())
        facts.below.push_back({std::string("\u26a0 Write over the highlighted ") +
                                   (facts.blanks.size() == 1 ? "blank" : "blanks") +
                                   " before sending: " + facts.blanks.front(),
                               p.error});
    for (const auto& u : m_draft.unknownPlaceholders())
        facts.below.push_back({"\u26a0 {" + u + "} is not a placeholder Hallway knows: it would be sent as is. Edit it "
                               "out or fix the template.",
                               p.error});
    return facts;
}

std::vector<const char*> FollowUpView::actionLabels(const DraftFacts& facts) const {
    std::vector<const char*> labels = {"Save edit##save", "Copy##copy"};
    if (facts.linkedIn) labels.push_back(m_openUrl ? "Open profile##profile" : "Copy profile link##profile");
    else labels.push_back(m_openUrl ? "Open in mail##mail" : "Copy mail link##mail");
    for (const char* status : {"Mark sent##sent", "Replied##replied", "Done##done", "Snooze 1 day##snooze1",
                               "Snooze 1 week##snooze7", "Drop##drop"})
        labels.push_back(status);
    if (facts.closed) labels.push_back("Reopen##reopen");
    return labels;
}

void FollowUpView::drawNotes(AppState& state) {
    const Palette& p = palette(state.theme);
    sectionTitle(p, "Your notes (private, not sent)");
    ImGui::PushTextWrapPos(0.0f);
    if (m_draft.notes().empty()) mutedWrapped("No note of this event links them.");
    // A busy contact has hundreds of notes: laying out each one's wrapped
    // text every frame took most of the view's frame. Heights are measured
    // once per width and read of the notes (kept across one person's items);
    // a note out of sight is a gap of its height.
    const auto& notes = m_draft.notes();
    const float wrapWidth = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    if (m_noteHeightsWidth != wrapWidth || m_noteHeightsBuild != m_draft.notesReadCount() ||
        m_noteHeights.size() != notes.size()) {
        m_noteHeightsWidth = wrapWidth;
        m_noteHeightsBuild = m_draft.notesReadCount();
        m_noteHeights.clear();
        for (const auto& n : notes)
            m_noteHeights.push_back(ImGui::CalcTextSize(n.body.c_str(), nullptr, false, wrapWidth).y);
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float clipTop = ImGui::GetWindowDrawList()->GetClipRectMin().y;
    const float clipBottom = ImGui::GetWindowDrawList()->GetClipRectMax().y;
    for (size_t i = 0; i < notes.size(); ++i) {
        const auto& n = notes[i];
        // The time line, the body and Spacing(): three item spacings.
        const float block = ImGui::GetFontSize() + m_noteHeights[i] + 2.0f * spacing;
        const float top = ImGui::GetCursorScreenPos().y;
        if (top + block < clipTop || top > clipBottom) {
            ImGui::Dummy(ImVec2(wrapWidth, block));
            continue;
        }
        ImGui::PushID(idOf(n.id));
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(n.when.c_str());
        ImGui::PopStyleColor();
        ImGui::TextUnformatted(n.body.c_str());
        ImGui::Spacing();
        ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
}

void FollowUpView::drawMessage(Store& store, AppState& state, const DraftFacts& facts) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const FollowUp& f = m_draft.item();
    const Reach& reach = m_draft.reach();
    const bool linkedIn = reach.channel == Channel::LinkedIn;
    std::string to = "no email address or LinkedIn profile";
    if (reach.channel == Channel::Email) to = "to " + reach.address;
    else if (linkedIn) to = std::string(reach.connection ? "LinkedIn message to " : "LinkedIn connection note to ") +
                            profileUrlKey(reach.address);
    // Whom it goes to beside the title when it fits: a line more for the draft.
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted("Message");
    const bool toInTitle = ImGui::CalcTextSize(to.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2.0f <=
                           ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x;
    if (toInTitle) {
        ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 2.0f);
        ImGui::TextUnformatted(to.c_str());
    }
    ImGui::PopStyleColor();
    ImGui::Separator();
    // Template choice: re-renders the draft from it (an edited draft is replaced).
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Template");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(14.0f * fs, ImGui::GetContentRegionAvail().x * 0.5f));
    const std::string preview = m_draft.templateName().empty() ? "(none)" : m_draft.templateName();
    if (ImGui::BeginCombo("##template", preview.c_str())) {
        for (const auto& t : m_draft.templates()) {
            ImGui::PushID(idOf(t.id));
            const std::string label = t.name + (t.builtin ? "" : "  (yours)");
            if (ImGui::Selectable(label.c_str(), t.name == m_draft.templateName())) redraft(store, state, t.name);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.subject.c_str());
            ImGui::PopID();
        }
        if (m_draft.templates().empty()) ImGui::TextDisabled("No template for this kind");
        ImGui::EndCombo();
    }
    if (!toInTitle) {
        // Beside the template when it fits, else on a line of its own: never cut.
        ImGui::SameLine();
        if (ImGui::CalcTextSize(to.c_str()).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(to.c_str());
        ImGui::PopStyleColor();
    }

    // Several items due together for one person: offer one message.
    if (!m_draft.together().empty()) {
        std::string kinds;
        for (const auto& t : m_draft.together()) kinds += (kinds.empty() ? "" : ", ") + followUpKindLabel(t.kind);
        const size_t others = m_draft.together().size();
        std::string label = "One message with: " + kinds;
        // Cut nothing: at a narrow width the kinds move to the tooltip.
        const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
        if (box + ImGui::CalcTextSize(label.c_str()).x > ImGui::GetContentRegionAvail().x)
            label = others == 1 ? "One message with the other item" : "One message with " + std::to_string(others) + " more";
        label += "##together";
        if (ImGui::Checkbox(label.c_str(), &m_together)) loadDraftText();
        m_buttonRects.push_back({"One message", lastItemRect()});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("With %s for %s: greeting and closing once, each item's own words once; Mark sent "
                              "marks them all",
                              kinds.c_str(), f.personName.c_str());
    }

    if (linkedIn) {
        mutedWrapped("LinkedIn messages have no subject: only the message below goes out.");
    } else {
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputTextWithHint("##subject", "Subject", &m_subject);
    }
    // What goes under the box (counts, warnings) is measured before it, at
    // this width: the box gets the rest in the frame that first shows an item.
    const float wrapWidth = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    float below = 0.0f;
    for (const auto& line : facts.below)
        below += ImGui::CalcTextSize(line.first.c_str(), nullptr, false, wrapWidth).y + ImGui::GetStyle().ItemSpacing.y;
    const float bodyHeight = std::max(6.0f * fs, ImGui::GetContentRegionAvail().y - below);
    m_bodyEdit.draw("##body", m_body, ImVec2(-1.0f, bodyHeight));
    m_buttonRects.push_back({"Draft", lastItemRect()});
    m_bodyEdit.highlightBlanks((p.conflict & 0x00FFFFFFu) | 0x66000000u);
    ImGui::PushTextWrapPos(0.0f);
    for (const auto& [line, colour] : facts.below) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
}

void FollowUpView::drawActions(Store& store, AppState& state, const DraftFacts& facts, ButtonFlow& flow) {
    const FollowUp& f = m_draft.item();
    const Reach& reach = m_draft.reach();
    const bool linkedIn = facts.linkedIn;
    const LinkedInText& linkedInCut = facts.linkedInCut;
    const std::vector<std::string>& blanks = facts.blanks;
    const std::string& baseSubject = m_together ? m_draft.combined().subject : m_draft.subject();
    const std::string& baseBody = m_together ? m_draft.combined().body : m_draft.body();
    const bool changed = m_draft.fresh() || m_subject != baseSubject || m_body != baseBody;

    // Sending.
    const std::string text = linkedIn ? linkedInCut.text : "Subject: " + m_subject + "\n\n" + m_body;
    flow.place();
    ImGui::BeginDisabled(!changed || m_together);
    if (button("Save edit##save", m_together ? "A combined message is not stored: send it, or edit the items one by one"
                                             : "Keep your draft (generating again never overwrites it)"))
        saveEdit(store, state);
    ImGui::EndDisabled();
    flow.place();
    if (button("Copy##copy", linkedIn ? "Copy the message to paste into LinkedIn"
                                      : "Copy the subject and message to the clipboard")) {
        ImGui::SetClipboardText(text.c_str());
        if (linkedInCut.cutCharacters)
            state.info("Copied the first " + std::to_string(linkedInCut.characters - linkedInCut.cutCharacters) +
                       " characters for " + f.personName + ": LinkedIn takes " + std::to_string(linkedInCut.limit) + ".");
        else
            state.info("Copied the draft for " + f.personName + ".");
    }
    flow.place();
    if (linkedIn) {
        const std::string profile = reach.address.find("://") == std::string::npos ? "https://" + reach.address : reach.address;
        if (m_openUrl) {
            if (button("Open profile##profile", "Open their LinkedIn profile in the browser, then paste the message")) {
                std::string err = m_openUrl(profile);
                if (err.empty()) state.info("Opened " + f.personName + "'s LinkedIn profile.");
                else {
                    ImGui::SetClipboardText(profile.c_str());
                    state.error("Could not open the browser (" + err + "); the profile link is on the clipboard.");
                }
            }
        } else if (button("Copy profile link##profile", "Copy the LinkedIn profile link")) {
            ImGui::SetClipboardText(profile.c_str());
            state.info("Copied " + f.personName + "'s LinkedIn profile link.");
        }
    } else {
        ImGui::BeginDisabled(m_draft.email().empty());
        const std::string url = m_draft.email().empty() ? std::string() : mailtoUrl(m_draft.email(), m_subject, m_body);
        const char* noEmail =
            "Add an email address or a LinkedIn profile first: Edit details on their page, or hallway people set "
            "PERSON --email";
        if (m_openUrl) {
            if (button("Open in mail##mail", m_draft.email().empty() ? noEmail : "Open the draft in your mail program")) {
                std::string err = m_openUrl(url);
                if (err.empty()) state.info("Opened the draft to " + f.personName + " in your mail program.");
                else {
                    ImGui::SetClipboardText(url.c_str());
                    state.error("Could not open the mail program (" + err + "); the mailto: link is on the clipboard.");
                }
            }
        } else if (button("Copy mail link##mail", m_draft.email().empty() ? noEmail : "Copy a mailto: link with this draft")) {
            ImGui::SetClipboardText(url.c_str());
            state.info("Copied a mailto: link to " + m_draft.email() + ".");
        }
        ImGui::EndDisabled();
    }

    // Status.
    flow.place();
    ImGui::BeginDisabled(!blanks.empty());
    if (button("Mark sent##sent", blanks.empty() ? "You sent it: Hallway stops reminding you"
                                                 : "Write over the highlighted blank first"))
        setStatus(store, state, "sent");
    ImGui::EndDisabled();
    flow.place();
    if (button("Replied##replied", "They answered")) setStatus(store, state, "replied");
    flow.place();
    if (button("Done##done", "Nothing more to do")) setStatus(store, state, "done");
    flow.place();
    if (button("Snooze 1 day##snooze1", "Bring it back tomorrow")) snooze(store, state, 1);
    flow.place();
    if (button("Snooze 1 week##snooze7", "Bring it back in a week")) snooze(store, state, 7);
    flow.place();
    if (button("Drop##drop", "Not going to send this one")) setStatus(store, state, "dropped");
    if (facts.closed) {
        flow.place();
        if (button("Reopen##reopen", "Put it back in the queue")) setStatus(store, state, "open");
    }
}

// [SECTION] Actions

void FollowUpView::generate(Store& store, AppState& state) {
    if (!state.eventId) return;
    const std::string today = m_queue.today();
    try {
        QueueReport r = generateQueue(store, *state.eventId, today);
        const size_t n = r.added.size();
        state.revision.apply(r.touched);
        if (n == 0)
            state.info("Nothing new for " + m_queue.eventName() + " as of " + dayLabel(today) + ".");
        else
            state.info("Added " + std::to_string(n) + (n == 1 ? " follow-up" : " follow-ups") + " for " +
                       m_queue.eventName() + " (as of " + dayLabel(today) + "); see Last run for why.");
        m_report = std::move(r);
        m_reportToday = today;
    } catch (const std::exception& e) {
        state.error(std::string("Could not generate the queue: ") + e.what());
    }
}

void FollowUpView::setStatus(Store& store, AppState& state, const std::string& status) {
    if (!m_draft.has()) return;
    const FollowUp f = m_draft.item();
    try {
        const std::string onScreen = "Subject: " + m_subject + "\n\n" + m_body;
        if (m_together) {
            // One message went out for all of them: it is each one's draft now.
            Changes touched;
            if (status == "sent") {
                std::vector<RowId> ids = {f.id};
                for (const auto& t : m_draft.together()) ids.push_back(t.id);
                touched = setFollowUpDraft(store, ids, onScreen, true);
            }
            const auto marked = markFollowUpsTogether(store, f.id, status, m_queue.today());
            state.revision.apply(touched | marked.touched);
            if (marked.value.empty()) throw std::runtime_error("the item is gone");
            state.info(std::to_string(m_draft.together().size() + 1) + " follow-ups for " + f.personName + ": " +
                       status + " (one message).");
            return;
        }
        // What goes out is what is on screen: keep it before marking it sent.
        Changes touched;
        if (status == "sent" && (m_draft.fresh() || m_subject != m_draft.subject() || m_body != m_draft.body()))
            touched = setFollowUpDraft(store, {f.id}, onScreen, !m_draft.fresh());
        // Marked sent, the message is also logged as a touch with the person.
        const Changes marked = markFollowUp(store, f.id, status, m_queue.today());
        const auto before = queueRevision(state);
        state.revision.apply(touched | marked);
        if (marked.empty()) throw std::runtime_error("the item is gone");
        // A closed item only leaves the list: no need to reload thousands of others.
        // An intro step agreed to adds the next step: that one needs the reload.
        const bool nextStep = f.kind.rfind("intro_ask_", 0) == 0 && (status == "replied" || status == "done");
        if (!nextStep && (status == "sent" || status == "replied" || status == "done" || status == "dropped"))
            m_queue.applyClosed(f.id, before, queueRevision(state));
        const std::string what = followUpKindLabel(f.kind) + " for " + f.personName;
        if (status == "open") state.info(what + " is back in the queue.");
        else state.info(what + ": " + status + ".");
    } catch (const std::exception& e) {
        state.error("Could not mark it " + status + ": " + e.what());
    }
}

void FollowUpView::snooze(Store& store, AppState& state, int days) {
    if (!m_draft.has()) return;
    const FollowUp& f = m_draft.item();
    try {
        const std::string until = addDays(m_queue.today(), days);
        const Changes touched = snoozeFollowUp(store, f.id, until, m_queue.today());
        if (touched.empty()) throw std::runtime_error("the item is gone");
        state.revision.apply(touched);
        state.info(followUpKindLabel(f.kind) + " for " + f.personName + " snoozed to " + dayLabel(until) + ".");
    } catch (const std::exception& e) {
        state.error(std::string("Could not snooze it: ") + e.what());
    }
}

void FollowUpView::redraft(Store& store, AppState& state, const std::string& templateName) {
    if (!m_draft.has()) return;
    const FollowUp& f = m_draft.item();
    try {
        state.revision.apply(draftFollowUp(store, f.id, templateName, m_queue.today()).touched);
        state.info("Drafted from the template " + templateName + ".");
    } catch (const std::exception& e) {
        state.error(std::string("Could not draft it: ") + e.what());
    }
}

void FollowUpView::saveEdit(Store& store, AppState& state) {
    if (!m_draft.has()) return;
    const FollowUp& f = m_draft.item();
    try {
        const Changes touched = setFollowUpDraft(store, {f.id}, "Subject: " + m_subject + "\n\n" + m_body, true);
        if (touched.empty()) throw std::runtime_error("the item is gone");
        state.revision.apply(touched);
        state.info("Saved your draft for " + f.personName + ".");
    } catch (const std::exception& e) {
        state.error(std::string("Could not save the draft: ") + e.what());
    }
}

}  // namespace hallway::ui
