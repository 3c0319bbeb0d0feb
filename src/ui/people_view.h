// The People view: a searchable, tag-filtered table of everyone (or the open
// event's targets with where to find them) on the left, and the selected
// person's page on the right: details, warmth, timeline, and merging. The
// list is in people_view.cpp, the page in person_page.cpp; the Add, Export
// and Merge dialogs are classes of their own.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "store/people_repo.h"
#include "core/person_edit.h"
#include "ui/add_person_dialog.h"
#include "ui/app_state.h"
#include "ui/export_people_dialog.h"
#include "ui/file_chooser.h"
#include "ui/merge_people_dialog.h"
#include "ui/people_model.h"
#include "ui/ui_widgets.h"
#include "ui/view.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

struct Palette;

class PeopleView : public View {
public:
    void sync(Store& store, AppState& state) override;
    void draw(Store& store, AppState& state) override;
    // The shell's current AgendaRepo(store).listEvents(), which the person page needs (null: query it).
    void setEvents(const std::vector<EventSummary>* events) { m_events = events; }

    const PeopleListModel& list() const { return m_list; }
    const PersonPageModel& page() const { return m_page; }
    const TargetsModel& targets() const { return m_targets; }
    const GoalsModel& goals() const { return m_goals; }
    const NetworkModel& network() const { return m_network; }
    std::optional<WidgetRect> networkTabRect() const { return m_networkTabRect; }
    // The Network tab's tooltip: how many people your network has, now.
    std::string networkTabTooltip() const;
    std::optional<WidgetRect> scopeRect(PeopleScope scope) const { return rectFor(m_scopeRects, int(scope)); }
    std::optional<WidgetRect> networkRowRect(const std::string& group) const;
    // The Network tab's group shown beside it ('' before the groups load), its
    // people as listed there, and where they and its list button were drawn.
    const std::string& networkGroup() const { return m_networkGroup; }
    const std::vector<PersonBrief>& networkGroupPeople() const { return m_groupPeople; }
    std::optional<WidgetRect> groupPersonRect(RowId personId) const { return rectFor(m_groupPersonRects, personId); }
    std::optional<WidgetRect> groupListButtonRect() const { return m_groupListButtonRect; }
    std::optional<WidgetRect> addGoalRect() const { return m_addGoalRect; }
    std::optional<WidgetRect> addPersonRect() const { return m_addPersonRect; }
    std::optional<WidgetRect> exportRect() const { return m_exportRect; }
    std::optional<WidgetRect> exportConfirmRect() const { return m_exportDialog.confirmRect(); }
    std::optional<WidgetRect> exportBrowseRect() const { return m_exportDialog.browseRect(); }
    FileChooser& exportChooser() { return m_exportDialog.chooser(); }
    const std::string& exportPathField() const { return m_exportDialog.pathField(); }
    const std::string& exportError() const { return m_exportDialog.error(); }
    std::optional<WidgetRect> addPersonConfirmRect() const { return m_addDialog.confirmRect(); }
    std::optional<WidgetRect> addBadgeRect() const { return m_addDialog.badgeRect(); }
    // Same-named people the add popup shows before adding another.
    const std::vector<PersonBrief>& addNameClashes() const { return m_addDialog.nameClashes(); }

    // Testing hooks: where widgets were drawn in the last frame.
    std::optional<WidgetRect> searchRect() const { return m_searchRect; }
    std::optional<WidgetRect> rowRect(RowId personId) const;
    std::optional<WidgetRect> mergeButtonRect() const { return m_mergeButtonRect; }
    std::optional<WidgetRect> importButtonRect() const { return m_importButtonRect; }
    std::optional<WidgetRect> mergeMatchRect(RowId personId) const { return m_mergeDialog.matchRect(personId); }
    std::optional<WidgetRect> mergeConfirmRect() const { return m_mergeDialog.confirmRect(); }
    std::optional<WidgetRect> metRect(RowId personId) const;  // a target card's Met checkbox

    // The person page's target editor ("Want to meet here", Edit, and its fields).
    enum class TargetWidget { WantToMeet, Edit, Must, Should, Nice, Why, Questions, Save, Cancel, Remove };
    std::optional<WidgetRect> targetWidgetRect(TargetWidget w) const;
    bool editingTarget() const { return m_targetDraft.has_value(); }

    // The person page's details editor ("Edit details").
    std::optional<WidgetRect> editDetailsRect() const { return m_editDetailsRect; }
    std::optional<WidgetRect> detailsSaveRect() const { return m_detailsSaveRect; }
    // The person page's name heading, as last drawn (layout tests).
    std::optional<WidgetRect> headingRect() const { return m_headingRect; }
    bool editingDetails() const { return m_personDraft.has_value(); }
    // The fields' text while editing (tests fill the multi-line fields through it).
    PersonEditText* detailsText() { return m_personDraft ? &m_personDraft->text : nullptr; }
    const std::string& detailsError() const { return m_detailsError; }

private:
    void drawList(Store& store, AppState& state);
    void drawScopeRow(AppState& state);
    void drawPeopleTable(AppState& state);
    void drawTargets(Store& store, AppState& state);
    void drawGoals(Store& store, AppState& state);
    void drawNetwork(AppState& state);
    // Beside the Network tab: the chosen group's people.
    void drawNetworkGroup(AppState& state);
    void syncNetworkGroup(Store& store, AppState& state);
    // Leaves the Network tab for the People list showing the chosen group.
    void listNetworkGroup(AppState& state);
    void drawTargetCard(Store& store, AppState& state, const TargetRow& t, bool showName);
    void drawPage(Store& store, AppState& state);
    void drawTimeline(AppState& state);
    void setMet(Store& store, AppState& state, const TargetRow& t, bool met);
    void drawTargetEditor(Store& store, AppState& state, const Person& person);
    void openTargetEditor(const Target& target, const std::string& personName);
    void drawDetailsEditor(Store& store, AppState& state, const Person& person);
    // A muted heading over a rule, between the page's and the targets tab's sections.
    static void sectionTitle(const Palette& p, const char* title);
    // `rows`: where to find each target is shown; else only their number is.
    void syncTargets(Store& store, AppState& state, bool rows);

    PeopleListModel m_list;
    PersonPageModel m_page;
    TargetsModel m_targets;
    std::vector<float> m_cardHeights;  // of the targets tab's cards, as last drawn (0: not yet)
    float m_cardWidth = 0.0f;
    int m_cardsBuilt = -1;  // m_targets.rebuildCount() the heights are for
    GoalsModel m_goals;
    NetworkModel m_network;
    // The group beside the Network tab: its name under m_groupBy, and its
    // people (the list model's rows whose company, role or tag is exactly it).
    std::string m_networkGroup, m_groupBy;
    PeopleListModel m_groupList;
    int m_groupListBuilt = -1;
    std::vector<PersonBrief> m_groupPeople;
    std::vector<std::pair<RowId, WidgetRect>> m_groupPersonRects;
    std::optional<WidgetRect> m_groupListButtonRect;
    // The targets tab's "add a goal" row.
    int m_goalKind = 0;  // index into the goal kinds
    int m_goalNumber = 5;
    std::string m_goalText;
    const std::vector<EventSummary>* m_events = nullptr;
    bool m_scrollToSelected = false;
    std::optional<RowId> m_lastSelected;

    MergePeopleDialog m_mergeDialog;
    AddPersonDialog m_addDialog;
    ExportPeopleDialog m_exportDialog;

    // A target being written: priority, why and questions, saved together.
    struct TargetDraft {
        Target target;
        std::string personName;
        std::string why;
        std::string questions;  // one per line
        bool focusWhy = true;
    };
    std::optional<TargetDraft> m_targetDraft;
    struct PersonDraft {
        RowId personId = 0;
        PersonEditText text;
        bool focusName = true;
    };
    std::optional<PersonDraft> m_personDraft;
    std::string m_detailsError;
    std::optional<WidgetRect> m_headingRect;
    std::optional<WidgetRect> m_editDetailsRect, m_detailsSaveRect, m_networkTabRect, m_addGoalRect;
    std::optional<WidgetRect> m_addPersonRect, m_exportRect;  // the list's + and Export… buttons
    std::vector<std::pair<std::string, WidgetRect>> m_networkRects;
    std::vector<std::pair<int, WidgetRect>> m_scopeRects;
    std::vector<std::pair<TargetWidget, WidgetRect>> m_targetRects;

    std::optional<WidgetRect> m_searchRect, m_mergeButtonRect, m_importButtonRect;
    std::vector<std::pair<RowId, WidgetRect>> m_rowRects, m_metRects;
};

}  // namespace hallway::ui
