#include "ui/ui_widgets.h"

#include <imgui_internal.h>

#include <algorithm>

namespace hallway::ui {

bool segmentButton(const char* label, bool selected) {
    if (selected) {
        const ImVec4* c = ImGui::GetStyle().Colors;
        ImGui::PushStyleColor(ImGuiCol_Button, c[ImGuiCol_HeaderActive]);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, c[ImGuiCol_HeaderActive]);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, c[ImGuiCol_HeaderActive]);
    }
    bool pressed = ImGui::Button(label);
    if (selected) ImGui::PopStyleColor(3);
    return pressed;
}

void mutedWrapped(const char* text) {
    const bool needWrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
    if (needWrap) ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    if (needWrap) ImGui::PopTextWrapPos();
}

void headingText(ImFont* font, const char* text) {
    if (font) ImGui::PushFont(font);
    ImGui::TextUnformatted(text);
    if (font) ImGui::PopFont();
}

bool cellText(const std::string& text, ImU32 colour) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const char* begin = text.data();
    const char* end = begin + text.size();
    const ImVec2 size = ImGui::CalcTextSize(begin, end);
    const ImVec2 textPos(pos.x, pos.y + style.FramePadding.y);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), textPos,
                              ImVec2(pos.x + width, textPos.y + ImGui::GetFontSize()), pos.x + width, pos.x + width,
                              begin, end, &size);
    if (colour) ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(1.0f, ImGui::GetFrameHeight()));
    return size.x > width;
}

void beginCenteredBlock(float width, float height) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 cursor = ImGui::GetCursorPos();
    width = std::min(width, avail.x);
    const float x = cursor.x + std::max(0.0f, (avail.x - width) * 0.5f);
    const float y = cursor.y + std::max(0.0f, (avail.y - height) * 0.4f);
    ImGui::SetCursorPos(ImVec2(x, y));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(x + width);
}

void endCenteredBlock() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

bool beginDialog(const char* id, bool& open, float widthEm) {
    if (open) {
        open = false;
        ImGui::OpenPopup(id);
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(widthEm * ImGui::GetFontSize(), io.DisplaySize.x * 0.9f), 0.0f));
    return ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoSavedSettings);
}

}  // namespace hallway::ui
