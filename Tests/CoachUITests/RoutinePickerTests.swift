import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import TestSupport
import CoachUI
import SessionEngine

@Suite("routine picker and questions")
struct RoutinePickerTests {
    static let choices = [
        RoutineChoice(id: "five-minute", name: "Five-minute minimum", duration: "~7 min", summary: "The bad-day minimum.", exerciseCount: 4),
        RoutineChoice(id: "gentle-relief", name: "Gentle relief", duration: "~12 min", summary: "For a flare day.", exerciseCount: 6),
        RoutineChoice(id: "core-progress", name: "Core progress", duration: "~21 min", summary: "Harder core work.", exerciseCount: 9),
    ]
    let now = Instant.seconds(1)

    @Test("lists routines with duration and summary; the first is preselected; Enter picks the highlighted one")
    func picksWithArrows() {
        var picker = RoutinePickerProgram(choices: Self.choices)
        var lines = picker.render(size: Size(width: 80, height: 24), now: now).lines
        #expect(lines[0] == "limber · pick a routine")
        #expect(lines[3].hasPrefix("  ▶ 1. Five-minute minimum"))
        #expect(lines[3].hasSuffix("~7 min · 4 exercises"))
        #expect(lines[4] == "     The bad-day minimum.")
        #expect(lines[23] == "↑/↓ choose · enter start · 1-9 start by number · q quit")
        _ = picker.handle(.key(.down, now: now))
        _ = picker.handle(.key(.character("j"), now: now))
        lines = picker.render(size: Size(width: 80, height: 24), now: now).lines
        #expect(lines[9].hasPrefix("  ▶ 3. Core progress"))
        _ = picker.handle(.key(.enter, now: now))
        #expect(picker.isFinished)
        #expect(picker.picked?.id == "core-progress")
    }

    @Test("the last routine in the log is preselected and marked, so Enter alone starts it again")
    func remembersTheLastRoutine() {
        var picker = RoutinePickerProgram(choices: Self.choices, lastRoutineID: "gentle-relief")
        let lines = picker.render(size: Size(width: 80, height: 24), now: now).lines
        #expect(lines[3].hasPrefix("    1. Five-minute minimum "))
        #expect(lines[6].hasPrefix("  ▶ 2. Gentle relief (last time)"))
        _ = picker.handle(.key(.enter, now: now))
        #expect(picker.picked?.id == "gentle-relief")
        let gone = RoutinePickerProgram(choices: Self.choices, lastRoutineID: "deleted-routine")
        #expect(gone.selected == 0, "a routine no longer in the catalog falls back to the first row")
    }

    @Test("at 40x12 one line per routine; a number picks directly; q leaves without a pick")
    func compactAndNumbers() {
        var picker = RoutinePickerProgram(choices: Self.choices)
        let lines = picker.render(size: Size(width: 40, height: 12), now: now).lines
        #expect(lines[1] == " ▶ 1. Five-minute minimum        ~7 min")
        #expect(lines[2] == "   2. Gentle relief             ~12 min")
        _ = picker.handle(.key(.character("2"), now: now))
        #expect(picker.picked?.id == "gentle-relief")
        var leaving = RoutinePickerProgram(choices: Self.choices)
        _ = leaving.handle(.key(.character("q"), now: now))
        #expect(leaving.isFinished && leaving.picked == nil)
    }

    @Test("a question takes one of its keys; others are ignored; Esc gives the last answer")
    func question() {
        var question = QuestionProgram(title: "unfinished session", paragraphs: ["Resume it?"], answers: [
            .init(key: "r", label: "resume"), .init(key: "n", label: "new session"), .init(key: "q", label: "quit"),
        ])
        let lines = question.render(size: Size(width: 80, height: 24), now: now).lines
        #expect(lines[0] == "limber · unfinished session")
        #expect(lines[3] == "  Resume it?")
        #expect(lines[23] == "r resume · n new session · q quit")
        _ = question.handle(.key(.character("x"), now: now))
        #expect(!question.isFinished)
        _ = question.handle(.key(.character("R"), now: now))
        #expect(question.answer?.label == "resume")
        var escaping = question
        escaping = QuestionProgram(title: "t", paragraphs: [], answers: [.init(key: "r", label: "resume"), .init(key: "q", label: "quit")])
        _ = escaping.handle(.key(.escape, now: now))
        #expect(escaping.answer?.key == "q")
    }
}
