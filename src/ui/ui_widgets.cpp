#include "ui/ui_widgets.h"

#include <imgui_internal.h>

#include <algorithm>

#include "ui/text_shaping.h"

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
    std::string buffer;
    const std::string_view drawn = shaped(text, buffer);
    ImGui::TextUnformatted(drawn.data(), drawn.data() + drawn.size());
    if (font) ImGui::PopFont();
}

bool fittedHeading(ImFont* font, const char* text, float width) {
    if (font) ImGui::PushFont(font);
    std::string buffer;
    const std::string_view drawn = shaped(text, buffer);
    const char* begin = drawn.data();
    const char* end = begin + drawn.size();
    const ImVec2 size = ImGui::CalcTextSize(begin, end);
    if (width <= 0.0f) width = ImGui::GetContentRegionAvail().x;
    width = std::max(width, ImGui::GetFontSize());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float lineHeight = ImGui::GetTextLineHeight();
    const float right = pos.x + std::min(size.x, width);
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(right, pos.y + lineHeight), right, right, begin,
                              end, &size);
    ImGui::Dummy(ImVec2(std::min(size.x, width), lineHeight));
    if (font) ImGui::PopFont();
    const bool cut = size.x > width;
    if (cut && ImGui::IsItemHovered()) wrappedTooltip(text);
    return cut;
}

std::string fittedLabel(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const char* ellipsis = "\u2026";
    ImFont* font = ImGui::GetFont();
    const char* stop = text.c_str();
    font->CalcTextSizeA(ImGui::GetFontSize(), std::max(0.0f, width - ImGui::CalcTextSize(ellipsis).x), 0.0f,
                        text.c_str(), text.c_str() + text.size(), &stop);
    std::string cut(text.c_str(), stop);
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    return cut + ellipsis;
}

void wrappedTooltip(const char* text) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(32.0f * ImGui::GetFontSize());
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

bool cellText(const std::string& text, ImU32 colour) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    std::string buffer;  // right-to-left and Devanagari names in drawing order
    const std::string_view drawn = shaped(text, buffer);
    const char* begin = drawn.data();
    const char* end = begin + drawn.size();
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

ButtonFlow::ButtonFlow(const std::vector<const char*>& labels, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float x = 0.0f;
    for (const char* label : labels) {
        const float w = ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * style.FramePadding.x;
        if (m_rows == 0 || (x > 0.0f && x + style.ItemSpacing.x + w > width)) {
            ++m_rows;
            x = w;
        } else {
            x += style.ItemSpacing.x + w;
        }
        m_rowOf.push_back(m_rows - 1);
    }
}

float ButtonFlow::height() const {
    if (m_rows == 0) return 0.0f;
    return float(m_rows) * ImGui::GetFrameHeight() + float(m_rows - 1) * ImGui::GetStyle().ItemSpacing.y;
}

void ButtonFlow::place() {
    if (m_next > 0 && m_next < m_rowOf.size() && m_rowOf[m_next] == m_rowOf[m_next - 1]) ImGui::SameLine();
    ++m_next;
}

bool beginDialog(const char* id, bool& open, float widthEm) {
    if (open) {
        open = false;
        ImGui::OpenPopup(id);
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    const float width = std::min(widthEm * ImGui::GetFontSize(), io.DisplaySize.x * 0.9f);
    const float margin = 0.5f * ImGui::GetFontSize();
    // A dialog taller than the window scrolls instead of losing its title and buttons.
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f),
                                        ImVec2(width, std::max(4.0f * margin, io.DisplaySize.y - 2.0f * margin)));
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoSavedSettings)) return false;
    // Placed near the top third when it appeared: once its height is known it
    // may reach past an edge, and is moved back in.
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const float top = std::clamp(pos.y, margin, std::max(margin, io.DisplaySize.y - margin - size.y));
    if (top != pos.y) ImGui::SetWindowPos(ImVec2(pos.x, top));
    return true;
}

}  // namespace hallway::ui

#include <imgui_stdlib.h>

#include <cstdio>

namespace hallway::ui {

namespace {

float textWidth(const char* b, const char* e) { return ImGui::CalcTextSize(b, e, false, -1.0f).x; }

}  // namespace

void WrappedTextEdit::rewrap(const std::string& text) {
    m_shown = wrap(text, m_width, textWidth, m_soft);
    m_last = text;
}

std::string WrappedTextEdit::unwrapped() const {
    std::string out = m_shown;
    for (size_t i = 0; i < out.size() && i < m_soft.size(); ++i)
        if (m_soft[i] == '1') out[i] = ' ';
    return out;
}

int WrappedTextEdit::onEdit(ImGuiInputTextCallbackData* data) {
    auto* self = static_cast<WrappedTextEdit*>(data->UserData);
    // Which bytes kept their place: the common head and tail of the old and
    // new text. Their wrap marks carry over; what was typed has none.
    const std::string before = self->m_shown;
    const std::string after(data->Buf, size_t(data->BufTextLen));
    size_t head = 0;
    while (head < before.size() && head < after.size() && before[head] == after[head]) ++head;
    size_t tail = 0;
    while (tail < before.size() - head && tail < after.size() - head &&
           before[before.size() - 1 - tail] == after[after.size() - 1 - tail])
        ++tail;
    std::string soft = self->m_soft.substr(0, head) + std::string(after.size() - head - tail, '0') +
                       self->m_soft.substr(self->m_soft.size() - tail);
    std::string text = after;
    for (size_t i = 0; i < text.size(); ++i)
        if (soft[i] == '1') text[i] = ' ';
    self->rewrap(text);
    // Same length as typed: write the new wraps in place, the cursor stays.
    if (self->m_shown.size() == size_t(data->BufTextLen) && self->m_shown != after) {
        std::copy(self->m_shown.begin(), self->m_shown.end(), data->Buf);
        data->BufDirty = true;
    }
    return 0;
}

bool WrappedTextEdit::draw(const char* label, std::string& text, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float boxWidth = size.x < 0 ? ImGui::GetContentRegionAvail().x : size.x;
    const float width = std::max(4.0f * ImGui::GetFontSize(),
                                 boxWidth - 2.0f * style.FramePadding.x - style.ScrollbarSize);
    if (text != m_last || width != m_width) {
        m_width = width;
        rewrap(text);
    }
    // The box's scrolling child window, found by the name ImGui gives it, for highlights.
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    const ImGuiID id = ImGui::GetID(label);
    ImGui::InputTextMultiline(label, &m_shown, ImVec2(boxWidth, size.y), ImGuiInputTextFlags_CallbackEdit, onEdit, this);
    m_clipMin = ImGui::GetItemRectMin();
    m_clipMax = ImGui::GetItemRectMax();
    char name[512];
    std::snprintf(name, sizeof name, "%s/%s_%08X", parent->Name, label, id);
    if (ImGuiWindow* child = ImGui::FindWindowByName(name)) {
        m_origin = ImVec2(child->DC.CursorStartPos.x + style.FramePadding.x, child->DC.CursorStartPos.y + style.FramePadding.y);
        m_clipMin = child->InnerClipRect.Min;
        m_clipMax = child->InnerClipRect.Max;
    } else {
        m_origin = ImVec2(m_clipMin.x + style.FramePadding.x, m_clipMin.y + style.FramePadding.y);
    }
    std::string now = unwrapped();
    if (now == text) return false;
    text = now;
    m_last = now;
    return true;
}

void WrappedTextEdit::highlightBlanks(ImU32 colour) const {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->PushClipRect(m_clipMin, m_clipMax, true);
    const float lineHeight = ImGui::GetFontSize();
    for (size_t at = m_shown.find("[["); at != std::string::npos; at = m_shown.find("[[", at + 2)) {
        const size_t end = m_shown.find("]]", at + 2);
        if (end == std::string::npos) break;
        // A blank is never wrapped inside; a hard line break in it ends the search.
        if (m_shown.find('\n', at) < end) continue;
        const size_t lineStart = m_shown.rfind('\n', at) == std::string::npos ? 0 : m_shown.rfind('\n', at) + 1;
        const int line = int(std::count(m_shown.begin(), m_shown.begin() + long(at), '\n'));
        const char* base = m_shown.data();
        const float x0 = m_origin.x + textWidth(base + lineStart, base + at);
        const float x1 = m_origin.x + textWidth(base + lineStart, base + end + 2);
        const float y0 = m_origin.y + float(line) * lineHeight;
        dl->AddRectFilled(ImVec2(x0 - 2.0f, y0), ImVec2(x1 + 2.0f, y0 + lineHeight), colour, 3.0f);
    }
    dl->PopClipRect();
}

}  // namespace hallway::ui
