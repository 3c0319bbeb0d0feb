// What a write changed, by kind of data. Every service write returns it with
// its result, so a front end refreshes what moved without knowing the
// service's side effects (the app's DataRevision; the CLI ignores it).
#pragma once

namespace hallway {

// One kind of data a view may show.
enum class Change : unsigned {
    Events = 1,   // events and their agendas: sessions, rooms, speakers
    Stars = 2,    // the user's own session state
    People = 4,   // people and their details
    Notes = 8,
    Queue = 16,   // follow-ups, drafts, templates
    Targets = 32, // targets, goals and interactions: who you want to meet, who you met
};

// A set of Change kinds; empty when a write changed nothing (a star set twice).
class Changes {
public:
    constexpr Changes() = default;
    constexpr Changes(Change kind) : m_bits(unsigned(kind)) {}
    // Every kind: a write whose effects are not worth telling apart.
    static constexpr Changes all() { return Changes(kAllBits); }

    constexpr bool has(Change kind) const { return (m_bits & unsigned(kind)) != 0; }
    constexpr bool empty() const { return m_bits == 0; }
    constexpr unsigned bits() const { return m_bits; }

    constexpr Changes operator|(Changes other) const { return Changes(m_bits | other.m_bits); }
    constexpr Changes& operator|=(Changes other) {
        m_bits |= other.m_bits;
        return *this;
    }
    constexpr bool operator==(const Changes&) const = default;

    static constexpr int kKinds = 6;

private:
    static constexpr unsigned kAllBits = (1u << kKinds) - 1;
    constexpr explicit Changes(unsigned bits) : m_bits(bits) {}
    unsigned m_bits = 0;
};

constexpr Changes operator|(Change a, Change b) { return Changes(a) | b; }

// A write's plain result with what it changed, for writes whose result is
// not a report of its own (an id, a list of ids, a rendered draft).
template <class T>
struct Written {
    T value;
    Changes touched;
};

}  // namespace hallway
