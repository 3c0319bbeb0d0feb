// Small widgets shared by the views. Sizes follow the current font.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hallway::ui {

struct WidgetRect {
    ImVec2 min, max;
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

// The rect of the item just drawn.
inline WidgetRect lastItemRect() { return WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}; }

// Where the widget for `key` was drawn in the last frame, if it was (views
// record these so tests can click what a user would).
template <class Key, class Wanted>
std::optional<WidgetRect> rectFor(const std::vector<std::pair<Key, WidgetRect>>& rects, const Wanted& key) {
    for (const auto& [k, rect] : rects)
        if (k == key) return rect;
    return std::nullopt;
}

// An ImGui ID for a database row (PushID(rowKey(id))), not a loop index.
inline const void* rowKey(std::int64_t id) { return reinterpret_cast<const void*>(static_cast<std::intptr_t>(id)); }

// A button that looks pressed when `selected` (segmented controls, day picker).
bool segmentButton(const char* label, bool selected);

// A modal dialog near the top third of the window, `widthEm` font sizes wide
// (at most 90% of it). Opens it when `open` is set (and clears it). True when
// it shows: draw its content, then ImGui::EndPopup().
bool beginDialog(const char* id, bool& open, float widthEm);
// Wrapped text in the muted colour; keeps an outer wrap position when one is set.
void mutedWrapped(const char* text);
// `text` in `font` (the current font when null). This and cellText draw
// right-to-left and Devanagari text in visual order (text_shaping.h).
void headingText(ImFont* font, const char* text);
// `text` in `font` on one line at most `width` wide (<= 0: the rest of the
// line), cut with "…" when longer; hovering a cut heading shows it whole.
// True when it was cut.
bool fittedHeading(ImFont* font, const char* text, float width);
// `text` cut to at most `width` pixels in the current font, ending in "…"
// when it was cut (combo previews, which ImGui clips mid-letter).
std::string fittedLabel(const std::string& text, float width);
// A tooltip with `text` wrapped at about 32 font sizes.
void wrappedTooltip(const char* text);
// Text in the current table cell, cut with "…" to the cell's width and
// centred in a frame-high row; colour 0 = normal text. True when it was cut.
bool cellText(const std::string& text, ImU32 colour);
// A group of about `width` x `height` centred in the remaining space; text in
// it wraps at its right edge. Pair with endCenteredBlock().
void beginCenteredBlock(float width, float height);
void endCenteredBlock();

// A row of buttons that wraps as a whole: which row each button takes is
// worked out from the labels before any is drawn, so what sits above the
// buttons can leave them their height in the same frame.
class ButtonFlow {
public:
    // `labels` in drawing order ("Copy##copy": the part after ## is not
    // shown), wrapped at `width` pixels.
    ButtonFlow(const std::vector<const char*>& labels, float width);
    int rows() const { return m_rows; }
    // From the top of the first row to the bottom of the last.
    float height() const;
    // Call before each button, in the order given: SameLine() unless the
    // button starts a row.
    void place();
    // The row of the index-th button (tests).
    int rowOf(size_t index) const { return index < m_rowOf.size() ? m_rowOf[index] : -1; }

private:
    std::vector<int> m_rowOf;
    int m_rows = 0;
    size_t m_next = 0;
};

}  // namespace hallway::ui

namespace hallway::ui {

// A multi-line text box that wraps long lines at its width, as ImGui's own
// does not. The text stays as typed: a wrap turns a space into a line break
// on screen only (the same length, so the cursor never moves), and text()
// gives the spaces back. "[[...]]" is never wrapped inside, and highlight()
// marks such blanks over the box.
class WrappedTextEdit {
public:
    // Draws the box for `text` (the real text, without wraps) at `size`
    // (x -1: all the width). True when the user changed `text`.
    bool draw(const char* label, std::string& text, ImVec2 size);
    // Paints a translucent `colour` over every "[[...]]" in the box as last
    // drawn, clipped to it. Call right after draw().
    void highlightBlanks(ImU32 colour) const;
    // The text as shown, with wraps as line breaks (tests).
    const std::string& shown() const { return m_shown; }

    // Wraps `text` at `width` pixels with `measure`(begin, end) widths; marks
    // which '\n' of the result are wraps. Exposed for tests.
    template <class Measure>
    static std::string wrap(const std::string& text, float width, Measure measure, std::string& softMask);

private:
    static int onEdit(ImGuiInputTextCallbackData* data);
    void rewrap(const std::string& text);
    std::string unwrapped() const;

    std::string m_shown;   // what the box edits
    std::string m_soft;    // per byte of m_shown: '1' where a '\n' is a wrap
    std::string m_last;    // the text m_shown was built from
    float m_width = -1.0f;
    ImVec2 m_origin{0, 0}, m_clipMin{0, 0}, m_clipMax{0, 0};
};

template <class Measure>
std::string WrappedTextEdit::wrap(const std::string& text, float width, Measure measure, std::string& softMask) {
    std::string out = text;
    softMask.assign(text.size(), '0');
    size_t lineStart = 0;
    size_t lastBreak = std::string::npos;  // a space where the line may wrap
    int blankDepth = 0;
    for (size_t i = 0; i <= out.size(); ++i) {
        const bool end = i == out.size();
        const char c = end ? '\n' : out[i];
        if (!end && c == '[' && i + 1 < out.size() && out[i + 1] == '[') blankDepth = 1;
        if (!end && c == ']' && i + 1 < out.size() && out[i + 1] == ']') blankDepth = 0;
        if (c == '\n' || c == ' ') {
            // Does the word ending here still fit on the line?
            if (i > lineStart && measure(out.data() + lineStart, out.data() + i) > width &&
                lastBreak != std::string::npos && lastBreak > lineStart) {
                out[lastBreak] = '\n';
                softMask[lastBreak] = '1';
                lineStart = lastBreak + 1;
                lastBreak = std::string::npos;
                // The rest of this word may still be too long: it stays, unbroken.
            }
            if (c == '\n') {
                lineStart = i + 1;
                lastBreak = std::string::npos;
                blankDepth = 0;
            } else if (!blankDepth) {
                lastBreak = i;
            }
        }
    }
    return out;
}

}  // namespace hallway::ui
