// The People view's person page (PeopleView members, kept apart from the
// list): details, facts, warmth, talks, targets and timeline, and the target
// and details editors.
// [SECTION] Target editor
// [SECTION] Person page
#include "ui/people_view.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/text.h"
#include "core/time_util.h"
#include "services/people_service.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {

// [SECTION] Target editor

void PeopleView::openTargetEditor(const Target& target, const std::string& personName) {
    TargetDraft d;
    d.target = target;
    d.personName = personName;
    d.why = target.why;
    for (const auto& q : target.questions) d.questions += q + "\n";
    m_targetDraft = std::move(d);
}

void PeopleView::drawTargetEditor(Store& store, AppState& state, const Person& person) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    TargetDraft& d = *m_targetDraft;
    ImGui::PushID("target_editor");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Priority");
    ImGui::SameLine(6.0f * fs);
    const std::pair<TargetPriority, TargetWidget> priorities[] = {
        {TargetPriority::Must, TargetWidget::Must}, {TargetPriority::Should, TargetWidget::Should},
        {TargetPriority::Nice, TargetWidget::Nice}};
    for (const auto& [priority, widget] : priorities) {
        const char* label = priority == TargetPriority::Must     ? "must meet##prio"
                            : priority == TargetPriority::Should ? "should meet##prio"
                                                                 : "nice to meet##prio";
        ImGui::PushID(int(widget));
        if (segmentButton(label, d.target.priority == priority)) d.target.priority = priority;
        ImGui::PopID();
        m_targetRects.push_back({widget, lastItemRect()});
        ImGui::SameLine(0.0f, 0.0f);
    }
    ImGui::NewLine();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Why");
    ImGui::SameLine(6.0f * fs);
    ImGui::SetNextItemWidth(-1.0f);
    if (d.focusWhy) {
        ImGui::SetKeyboardFocusHere();
        d.focusWhy = false;
    }
    ImGui::InputTextWithHint("##why", "what you want to learn from them, offer them or ask", &d.why);
    m_targetRects.push_back({TargetWidget::Why, lastItemRect()});

    ImGui::TextUnformatted("Questions");
    ImGui::SameLine(6.0f * fs);
    ImGui::InputTextMultiline("##questions", &d.questions, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 3.6f));
    m_targetRects.push_back({TargetWidget::Questions, lastItemRect()});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 6.0f * fs);
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted("One question or talking point per line.");
    ImGui::PopStyleColor();

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 6.0f * fs);
    const bool save = ImGui::Button("Save##target");
    m_targetRects.push_back({TargetWidget::Save, lastItemRect()});
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##target");
    m_targetRects.push_back({TargetWidget::Cancel, lastItemRect()});
    const bool existing = m_targets.find(person.id) != nullptr;
    bool remove = false;
    if (existing) {
        ImGui::SameLine();
        remove = ImGui::Button("Remove target##target");
        m_targetRects.push_back({TargetWidget::Remove, lastItemRect()});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Stop wanting to meet %s here; notes and interactions stay", d.personName.c_str());
    }
    ImGui::PopID();

    if (save) {
        Target t = d.target;
        t.why = text::collapseSpaces(d.why);
        t.questions.clear();
        for (auto& q : text::lines(d.questions))
            if (!q.empty()) t.questions.push_back(std::move(q));
        try {
            state.revision.apply(saveTarget(store, t));
            state.info(std::string(existing ? "Saved the target " : "Added the target ") + d.personName + " at " +
                       m_targets.eventName() + ".");
            m_targetDraft.reset();
        } catch (const std::exception& e) {
            state.error("Could not save the target: " + std::string(e.what()) + ". Your text is still here.");
        }
    } else if (remove) {
        try {
            state.revision.apply(removeTarget(store, d.target.eventId, d.target.personId));
            state.info(d.personName + " is no longer a target at " + m_targets.eventName() + ".");
            m_targetDraft.reset();
        } catch (const std::exception& e) {
            state.error("Could not remove the target: " + std::string(e.what()));
        }
    } else if (cancel) {
        m_targetDraft.reset();
    }
}

// [SECTION] Person page

void PeopleView::drawPage(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    if (!m_page.has()) {
        beginCenteredBlock(26.0f * fs, 8.0f * fs);
        headingText(m_headingFont, "Everyone you have met, in one place");
        ImGui::Spacing();
        mutedWrapped("Select a person to see their details, how warm the connection is, and every talk, note, "
                     "target and interaction with them, newest first.");
        endCenteredBlock();
        return;
    }
    const Person& person = m_page.person();
    if (m_personDraft && m_personDraft->personId != person.id) {
        m_personDraft.reset();  // another person opened: the unsaved edit is dropped
        m_detailsError.clear();
    }

    // Name on the left, actions on the right.
    const char* editLabel = "Edit details##person";
    const char* mergeLabel = "Merge into\u2026##merge";
    auto buttonWidth = [&](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f;
    };
    const float actionsWidth = buttonWidth(editLabel) + style.ItemSpacing.x + buttonWidth(mergeLabel);
    // A long name is cut before the buttons, never drawn under them.
    const float actionsX = ImGui::GetWindowContentRegionMax().x - actionsWidth;
    fittedHeading(m_headingFont, person.displayName.c_str(),
                  actionsX - style.ItemSpacing.x - ImGui::GetCursorPosX());
    m_headingRect = lastItemRect();
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), actionsX));
    ImGui::BeginDisabled(m_personDraft.has_value());
    if (ImGui::Button(editLabel) || state.people.editDetails) {
        state.people.editDetails = false;
        m_personDraft = PersonDraft{person.id, editTextOf(person), true};
        m_detailsError.clear();
    }
    ImGui::EndDisabled();
    m_editDetailsRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Name, company, contacts, tags, how you met, facts to remember");
    ImGui::SameLine();
    if (ImGui::Button(mergeLabel)) {
        m_mergeDialog.open();
    }
    m_mergeButtonRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("This person is a duplicate of someone: move everything onto them");
    ImGui::PushTextWrapPos(0.0f);
    if (!m_page.subtitle().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(m_page.subtitle().c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, m_page.warmth().interactions >= 2 ? p.ok : p.text);
    ImGui::TextUnformatted(m_page.warmthText().c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();

    // Editing details: the form comes right under the name, nothing between,
    // so its Save button is in view on a laptop screen.
    if (m_personDraft) {
        drawDetailsEditor(store, state, person);
        drawTimeline(state);
        return;
    }

    // A draft for someone else (another person opened) is dropped, unsaved.
    if (m_targetDraft && m_targetDraft->target.personId != person.id) m_targetDraft.reset();
    if (state.people.editTarget && state.eventId) {
        state.people.editTarget = false;
        Target target;
        target.eventId = *state.eventId;
        target.personId = person.id;
        if (const TargetRow* t = m_targets.find(person.id)) {
            target.priority = t->priority;
            target.status = t->status;
            target.why = t->why;
            target.questions = t->questions;
        }
        openTargetEditor(target, person.displayName);
    }
    if (m_targetDraft && state.eventId && m_targetDraft->target.eventId == *state.eventId) {
        const bool isNew = m_targets.find(person.id) == nullptr;
        sectionTitle(p, ((isNew ? "New target at " : "Target at ") + m_targets.eventName()).c_str());
        drawTargetEditor(store, state, person);
    } else if (const TargetRow* t = m_targets.find(person.id)) {
        m_targetDraft.reset();
        sectionTitle(p, ("Target at " + m_targets.eventName()).c_str());
        drawTargetCard(store, state, *t, false);
        ImGui::Indent(1.6f * fs);
        if (ImGui::SmallButton("Edit##target")) state.people.editTarget = true;  // opens next frame
        m_targetRects.push_back({TargetWidget::Edit, lastItemRect()});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Change the priority, why you want to meet them, your questions");
        ImGui::Unindent(1.6f * fs);
    } else if (state.eventId) {
        m_targetDraft.reset();
        ImGui::Spacing();
        if (ImGui::SmallButton("Want to meet here##target")) state.people.editTarget = true;  // opens next frame
        m_targetRects.push_back({TargetWidget::WantToMeet, lastItemRect()});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Add %s to the people you want to meet at %s, with why and your questions",
                              person.displayName.c_str(), m_targets.eventName().c_str());
    }

    // Details: a two-column table of whatever the person has.
    const bool hasDetails = !person.emails.empty() || !person.phones.empty() || !person.urls.empty() ||
                            !person.tags.empty() || !person.howMet.empty() || person.keepInTouchDays;
    if (hasDetails) {
        sectionTitle(p, "Details");
        if (ImGui::BeginTable("##details", 2, ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 5.0f * fs);
            ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
            auto row = [&](const char* label, const std::string& value, const std::string& note) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
                ImGui::TextUnformatted(label);
                ImGui::PopStyleColor();
                ImGui::TableSetColumnIndex(1);
                ImGui::PushTextWrapPos(0.0f);
                if (note.empty()) ImGui::TextUnformatted(value.c_str());
                else ImGui::Text("%s  (%s)", value.c_str(), note.c_str());
                ImGui::PopTextWrapPos();
            };
            for (const auto& e : person.emails) row("Email", e.value, e.label);
            for (const auto& ph : person.phones) row("Phone", ph.value, ph.label);
            for (const auto& u : person.urls) row("Link", u.value, u.label);
            if (!person.tags.empty()) {
                std::string tags;
                for (const auto& t : person.tags) tags += (tags.empty() ? "#" : "  #") + t;
                row("Tags", tags, "");
            }
            if (!person.howMet.empty()) row("How met", person.howMet, "");
            if (person.keepInTouchDays)
                row("In touch", "every " + std::to_string(*person.keepInTouchDays) + " days", "");
            ImGui::EndTable();
        }
    }
    if (!person.facts.empty()) {
        sectionTitle(p, "Facts to remember");
        ImGui::PushTextWrapPos(0.0f);
        for (const auto& f : person.facts) {
            if (f.onDate) ImGui::Text("\u2022 %s (%s)", f.text.c_str(), f.onDate->c_str());
            else ImGui::Text("\u2022 %s", f.text.c_str());
        }
        ImGui::PopTextWrapPos();
    }
    drawTimeline(state);
}

void PeopleView::drawDetailsEditor(Store& store, AppState& state, const Person& person) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    PersonEditText& t = m_personDraft->text;
    sectionTitle(p, "Details");
    ImGui::PushID("details_editor");
    const float labelWidth = 7.0f * fs;
    const float line = ImGui::GetTextLineHeight();
    auto label = [&](const char* text, bool multiline) {
        if (!multiline) ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        ImGui::SameLine(labelWidth);
        ImGui::SetNextItemWidth(-1.0f);
    };
    label("Name", false);
    if (m_personDraft->focusName) {
        ImGui::SetKeyboardFocusHere();
        m_personDraft->focusName = false;
    }
    ImGui::InputText("##name", &t.name);
    label("Company", false);
    ImGui::InputText("##company", &t.company);
    label("Role", false);
    ImGui::InputText("##role", &t.role);
    label("Emails", true);
    ImGui::InputTextMultiline("##emails", &t.emails, ImVec2(-1.0f, line * 2.6f));
    label("Phones", true);
    ImGui::InputTextMultiline("##phones", &t.phones, ImVec2(-1.0f, line * 2.6f));
    label("Links", true);
    ImGui::InputTextMultiline("##links", &t.links, ImVec2(-1.0f, line * 2.6f));
    label("Tags", false);
    ImGui::InputTextWithHint("##tags", "comma-separated: rust, speaker, hiring", &t.tags);
    label("How we met", true);
    ImGui::InputTextMultiline("##how_met", &t.howMet, ImVec2(-1.0f, line * 1.8f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Keep in touch");
    ImGui::SameLine(labelWidth);
    ImGui::TextUnformatted("every");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(4.0f * fs);
    ImGui::InputTextWithHint("##cadence", "\u2014", &t.keepInTouchDays, ImGuiInputTextFlags_CharsDecimal);
    ImGui::SameLine();
    ImGui::TextUnformatted("days");
    ImGui::SameLine();
    ImGui::TextDisabled("(blank: no reminder)");
    label("Facts", true);
    ImGui::InputTextMultiline("##facts", &t.facts, ImVec2(-1.0f, line * 3.6f));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelWidth);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted("One per line. A date in a fact (\u201cmarathon on 12 April\u201d) dates it: the follow-up "
                           "queue checks in after it. Contacts may end in a label: ana@acme.example (work).");
    ImGui::PopStyleColor();
    if (!m_detailsError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelWidth);
        ImGui::TextUnformatted(m_detailsError.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelWidth);
    const bool save = ImGui::Button("Save##details");
    m_detailsSaveRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##details");
    ImGui::PopID();

    if (save) {
        auto result = personFromEditText(t, person, localDateString(state.now(), systemTimeZone()));
        if (auto* why = std::get_if<std::string>(&result)) {
            m_detailsError = *why + ". Nothing was saved yet.";
            return;
        }
        try {
            state.revision.apply(savePersonDetails(store, std::get<Person>(result)));
            state.info("Saved " + std::get<Person>(result).displayName + ".");
            m_personDraft.reset();
            m_detailsError.clear();
        } catch (const std::exception& e) {
            m_detailsError = std::string("Could not save: ") + e.what() + ". Your edits are still here.";
        }
    } else if (cancel) {
        m_personDraft.reset();
        m_detailsError.clear();
    }
}

void PeopleView::drawTimeline(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const auto& rows = m_page.rows();
    char title[64];
    std::snprintf(title, sizeof title, "Timeline (%d), newest first", int(rows.size()));
    sectionTitle(p, title);
    if (rows.empty()) {
        mutedWrapped("Nothing yet: no talks, targets, notes or interactions with them.");
        return;
    }
    const float rowHeight = ImGui::GetFrameHeight();
    const float height = std::max(ImGui::GetContentRegionAvail().y, 8.0f * rowHeight);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
    const bool open = ImGui::BeginTable("##timeline", 4, flags, ImVec2(0.0f, height));
    ImGui::PopStyleVar();
    if (!open) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("30 Sep 2024").x + 0.5f * fs);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("interaction").x + 0.5f * fs);
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Event", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const TimelineRow& r = rows[i];
            ImGui::TableNextRow(0, rowHeight);
            ImGui::PushID(i);  // timeline rows mix kinds whose ids may collide: their position is stable per build
            ImGui::TableSetColumnIndex(0);
            cellText(r.date, p.mutedText);
            ImGui::TableSetColumnIndex(1);
            cellText(r.kind == "follow_up" ? "follow-up" : r.kind, r.kind == "note" ? p.selected : p.mutedText);
            ImGui::TableSetColumnIndex(2);
            bool cut = cellText(r.line, 0);
            if (ImGui::IsItemHovered() && (cut || r.line.size() != r.text.size())) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(32.0f * fs);
                ImGui::TextUnformatted(r.text.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::TableSetColumnIndex(3);
            cellText(r.event, p.mutedText);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace hallway::ui
