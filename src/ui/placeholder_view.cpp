#include "ui/placeholder_view.h"

#include "ui/ui_widgets.h"

namespace hallway::ui {

const PlaceholderText& captureText() {
    static const PlaceholderText text{
        "Capture",
        "Between sessions, type a few words about someone you just met \u2014 a name, what you talked about, what "
        "you promised \u2014 and Hallway links the note to the person and to the session running now, saved as "
        "you type.",
        "Not built in this version: there is nowhere to type yet, and nothing here is saved."};
    return text;
}

const PlaceholderText& followUpText() {
    static const PlaceholderText text{
        "Follow up",
        "After the event, a queue of who to thank, what you promised and who to introduce, with due dates, drafts "
        "from your templates, and one polite reminder before letting go.",
        "Not built in this version: the follow-up engine and its queue come later."};
    return text;
}

const PlaceholderText& peopleText() {
    static const PlaceholderText text{
        "People",
        "Everyone you met or want to meet, across events and years: where you met, your notes, what you did for "
        "each other, and who is going cold.",
        "Not built in this version. Speakers from imported agendas are already stored and will appear here."};
    return text;
}

void drawPlaceholder(const PlaceholderText& text, ImFont* headingFont) {
    const float fs = ImGui::GetFontSize();
    beginCenteredBlock(30.0f * fs, 10.0f * fs);
    headingText(headingFont, text.title);
    ImGui::Spacing();
    ImGui::TextWrapped("%s", text.promise);
    ImGui::Spacing();
    mutedWrapped(text.meanwhile);
    endCenteredBlock();
}

}  // namespace hallway::ui
