#include "ui/theme.h"

namespace hallway::ui {
namespace {

const Palette kDark = {
    IM_COL32(28, 30, 35, 255),     // windowBg
    IM_COL32(226, 228, 232, 255),  // text
    IM_COL32(150, 156, 166, 255),  // mutedText
    IM_COL32(70, 74, 84, 255),     // gridLine
    IM_COL32(46, 49, 56, 255),     // gridLineMinor
    IM_COL32(34, 36, 42, 255),     // gutterBg
    IM_COL32(48, 53, 63, 255),     // boxBg
    IM_COL32(60, 66, 79, 255),     // boxBgHover
    IM_COL32(72, 78, 92, 255),     // boxBorder
    IM_COL32(84, 68, 28, 255),     // starBg
    IM_COL32(222, 178, 64, 255),   // starBorder
    IM_COL32(240, 196, 72, 255),   // star
    IM_COL32(120, 170, 255, 255),  // selected
    IM_COL32(240, 98, 84, 255),    // conflict
    IM_COL32(182, 188, 198, 255),  // boxMutedText: 4.9:1 on starBg, mutedText was 3.4:1
    IM_COL32(255, 160, 145, 255),  // boxConflict: 4.8:1 on starBg, conflict was 3.0:1
    IM_COL32(236, 84, 84, 220),    // nowLine
    IM_COL32(255, 120, 110, 255),  // error
    IM_COL32(130, 200, 140, 255),  // ok
    0.45f, 0.80f,
};

const Palette kLight = {
    IM_COL32(246, 246, 243, 255),  // windowBg
    IM_COL32(30, 32, 36, 255),     // text
    IM_COL32(96, 100, 108, 255),   // mutedText
    IM_COL32(196, 198, 204, 255),  // gridLine
    IM_COL32(226, 227, 230, 255),  // gridLineMinor
    IM_COL32(236, 236, 232, 255),  // gutterBg
    IM_COL32(255, 255, 255, 255),  // boxBg
    IM_COL32(236, 242, 252, 255),  // boxBgHover
    IM_COL32(200, 204, 212, 255),  // boxBorder
    IM_COL32(255, 240, 196, 255),  // starBg
    IM_COL32(196, 140, 20, 255),   // starBorder
    IM_COL32(150, 96, 0, 255),     // star: also text (markers, "Starred"), so 4.5:1 on the window
    IM_COL32(30, 100, 210, 255),   // selected
    IM_COL32(206, 50, 40, 255),    // conflict
    IM_COL32(96, 100, 108, 255),   // boxMutedText
    IM_COL32(196, 44, 34, 255),    // boxConflict: conflict is 4.50:1 on starBg, this 5.0:1
    IM_COL32(220, 50, 50, 220),    // nowLine
    IM_COL32(190, 30, 30, 255),    // error
    IM_COL32(25, 120, 55, 255),    // ok
    0.55f, 0.75f,
};

ImVec4 rgb(int r, int g, int b, float a = 1.0f) { return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a); }

}  // namespace

const Palette& palette(ThemeKind kind) { return kind == ThemeKind::Light ? kLight : kDark; }

GridBoxColours gridBoxColours(ThemeKind kind, bool starred, bool hovered) {
    const Palette& p = palette(kind);
    return {starred ? p.starBg : hovered ? p.boxBgHover : p.boxBg, p.text, p.boxMutedText,
            starred ? p.star : p.boxMutedText, p.boxConflict};
}

void applyTheme(ThemeKind kind, float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (kind == ThemeKind::Light) ImGui::StyleColorsLight(&style);
    else ImGui::StyleColorsDark(&style);

    style.WindowRounding = 0.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.TabRounding = 4.0f;
    style.ScrollbarRounding = 6.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = kind == ThemeKind::Light ? 1.0f : 0.0f;
    style.FramePadding = ImVec2(8.0f, 4.0f);
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    style.WindowPadding = ImVec2(10.0f, 8.0f);
    style.CellPadding = ImVec2(6.0f, 3.0f);

    ImVec4* c = style.Colors;
    const Palette& p = palette(kind);
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(p.windowBg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(p.text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(p.mutedText);
    if (kind == ThemeKind::Dark) {
        c[ImGuiCol_PopupBg] = rgb(36, 39, 46, 0.98f);
        c[ImGuiCol_FrameBg] = rgb(44, 48, 57);
        c[ImGuiCol_FrameBgHovered] = rgb(56, 61, 72);
        c[ImGuiCol_FrameBgActive] = rgb(64, 70, 84);
        c[ImGuiCol_Button] = rgb(50, 56, 68);
        c[ImGuiCol_ButtonHovered] = rgb(66, 86, 122);
        c[ImGuiCol_ButtonActive] = rgb(74, 104, 156);
        c[ImGuiCol_Header] = rgb(52, 70, 104);
        c[ImGuiCol_HeaderHovered] = rgb(60, 82, 122);
        c[ImGuiCol_HeaderActive] = rgb(70, 96, 144);
        c[ImGuiCol_Separator] = rgb(58, 62, 72);
        c[ImGuiCol_TableHeaderBg] = rgb(38, 41, 48);
        c[ImGuiCol_TableRowBgAlt] = rgb(255, 255, 255, 0.03f);
        c[ImGuiCol_TableBorderLight] = rgb(50, 54, 62);
        c[ImGuiCol_TableBorderStrong] = rgb(60, 64, 74);
        c[ImGuiCol_CheckMark] = rgb(130, 176, 255);
        c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0.0f);
        c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.45f);
        c[ImGuiCol_TitleBgActive] = rgb(52, 70, 104);
    } else {
        c[ImGuiCol_PopupBg] = rgb(255, 255, 255, 0.99f);
        c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
        c[ImGuiCol_FrameBgHovered] = rgb(240, 244, 250);
        c[ImGuiCol_FrameBgActive] = rgb(228, 236, 248);
        c[ImGuiCol_Border] = rgb(0, 0, 0, 0.16f);
        c[ImGuiCol_Button] = rgb(232, 233, 236);
        c[ImGuiCol_ButtonHovered] = rgb(206, 222, 246);
        c[ImGuiCol_ButtonActive] = rgb(180, 204, 240);
        c[ImGuiCol_Header] = rgb(206, 222, 246);
        c[ImGuiCol_HeaderHovered] = rgb(218, 230, 250);
        c[ImGuiCol_HeaderActive] = rgb(190, 212, 244);
        c[ImGuiCol_TableHeaderBg] = rgb(234, 234, 230);
        c[ImGuiCol_TableRowBgAlt] = rgb(0, 0, 0, 0.025f);
        c[ImGuiCol_ModalWindowDimBg] = rgb(40, 40, 40, 0.25f);
        c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0.0f);
    }
    style.ScaleAllSizes(scale);
}

ImU32 trackColour(ThemeKind kind, float hue) {
    const Palette& p = palette(kind);
    float r, g, b;
    ImGui::ColorConvertHSVtoRGB(hue, p.trackSaturation, p.trackValue, r, g, b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, 1.0f));
}

}  // namespace hallway::ui
