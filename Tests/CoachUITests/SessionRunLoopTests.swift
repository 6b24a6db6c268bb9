import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import TestSupport
import CoachUI
import ExerciseCatalog
import SessionEngine

/// The whole session program under the real run loop, with a scripted terminal and a manual
/// clock: what a person sees and what gets logged, and how the loop waits between frames.
@Suite("session run loop")
struct SessionRunLoopTests {
    static let hold = Exercise(
        id: "bridge-hold", name: "Bridge hold", kind: .strength, area: ["glutes"], sides: .both,
        dose: Dose(sets: 1, work: .seconds(60), rest: 0), steps: ["Lift your hips and hold."])

    static var plan: SessionPlan {
        SessionPlan(routineID: "one-hold", routineName: "One hold", exercises: [PlannedExercise(exercise: hold, dose: hold.dose)])
    }

    @Test("a 60 s hold: the loop sleeps until each second boundary, a pause holds the remainder, the set is logged with its pain")
    func holdUnderTheRunLoop() {
        let clock = ManualClock(start: .seconds(100))
        let t = { (seconds: Double) in Instant.seconds(100 + seconds) }
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [
            .key(.character("3"), at: t(1)), .key(.enter, at: t(1.5)),   // check-in: 3
            .key(.enter, at: t(2)),                                          // intro -> get ready (5 s)
            .key(.character("p"), at: t(27)),                                // 20 s into the hold: pause
            .key(.character("p"), at: t(57)),                                // resume after 30 s
            .key(.character("2"), at: t(120)), .key(.enter, at: t(121)),   // pain 2
            .key(.enter, at: t(125)),                                        // close the summary
        ])
        let sink = RecordingSink()
        var program = SessionProgram(engine: SessionEngine(plan: Self.plan, options: ProgramDriver.fixedOptions), sink: sink, ringsBells: true, startingAt: clock.now())
        let outcome = RunLoop(terminal: terminal, clock: clock, maximumIterations: 1000).run(&program)

        #expect(outcome == .finished)
        #expect(!terminal.ranOutOfScript)
        let set = sink.loggedSets.first
        #expect(sink.loggedSets.count == 1)
        #expect(set?.pain == 2)
        #expect(set?.done == .seconds(60), "paused time is not counted as held")
        #expect(sink.sessionEnds.first?.outcome == .completed)
        // The hold began at 7 s (after 5 s of get ready) and, with 30 s paused, ended at 97 s:
        // the pain prompt was the first frame drawn at or after 97 s.
        let promptFrames = terminal.drawnGrids.filter { $0.lines.contains { $0.contains("Leg pain right now?") } }
        #expect(!promptFrames.isEmpty)
        // During a running countdown the loop never waits longer than a second, and never
        // wakes in a busy loop: no zero timeouts in a row while nothing is due.
        let waits = terminal.requestedTimeouts.compactMap { $0 }
        #expect(waits.allSatisfy { $0 <= 1000 })
        let zeroRuns = zip(waits, waits.dropFirst()).filter { $0 == 0 && $1 == 0 }.count
        #expect(zeroRuns == 0)
        // About one frame per second of countdown (60 s hold + 5 s get ready), not hundreds.
        #expect(terminal.drawnGrids.count < 200)
        #expect(terminal.bellCount >= 4, "hold start and the last 3 seconds")
    }

    @Test("in a hold the loop wakes once a second, on the countdown's boundaries, though the session clock started on another")
    func oneWakeASecondInAHold() {
        let clock = ManualClock(start: .seconds(100))
        let t = { (seconds: Double) in Instant.seconds(100 + seconds) }
        // The session clock counts from 100 s; the hold starts 5 s after 102.4 s, a boundary
        // 0.4 s away from the clock's.
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [
            .key(.character("3"), at: t(1)), .key(.enter, at: t(1.5)),
            .key(.enter, at: t(2.4)),
            .key(.character("q"), at: t(90)), .key(.character("y"), at: t(91)), .key(.enter, at: t(92)),
        ])
        let sink = RecordingSink()
        var program = SessionProgram(engine: SessionEngine(plan: Self.plan, options: ProgramDriver.fixedOptions), sink: sink, ringsBells: false, startingAt: clock.now())
        RunLoop(terminal: terminal, clock: clock, maximumIterations: 1000).run(&program)
        let holdFrames = terminal.drawnGrids.filter { $0.lines.joined().contains("HOLD") }
        // 60 s of hold: one frame a second (and the one that starts it), not two.
        #expect(holdFrames.count >= 60)
        #expect(holdFrames.count <= 62)
        // The header clock still moves on: a second passes between one hold frame and the next.
        let clocks = Set(holdFrames.compactMap { $0.lines.first })
        #expect(clocks.count >= 59)
    }

    @Test("below 40x12 the notice shows while the hold keeps running, and the session comes back on resize")
    func tooSmallKeepsTimersRunning() {
        let clock = ManualClock(start: .seconds(0))
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [
            .key(.character("1"), at: .seconds(1)), .key(.enter, at: .seconds(1)), .key(.enter, at: .seconds(2)),
            .resize(to: Size(width: 30, height: 8), at: .seconds(10)),
            .resize(to: Size(width: 80, height: 24), at: .seconds(80)),
            .key(.character("q"), at: .seconds(81)), .key(.character("y"), at: .seconds(82)),
            .key(.enter, at: .seconds(83)),
        ])
        let sink = RecordingSink()
        var program = SessionProgram(engine: SessionEngine(plan: Self.plan, options: ProgramDriver.fixedOptions), sink: sink, ringsBells: false, startingAt: clock.now())
        RunLoop(terminal: terminal, clock: clock, maximumIterations: 1000).run(&program)
        #expect(terminal.drawnGrids.contains { $0.lines.joined().contains("make the terminal larger") })
        // The 60 s hold (from 7 s) ran out while the terminal was small: the pain prompt was waiting.
        let afterResize = terminal.drawnGrids.first { $0.width == 80 && $0.lines.contains { $0.contains("Leg pain right now?") } }
        #expect(afterResize != nil)
        #expect(sink.sessionEnds.first?.outcome == .endedEarly)
    }

    @Test("below 40x12, q asks on the notice (the hold pauses), Esc keeps going, y ends the session; other keys are ignored")
    func quitWhileTooSmall() {
        let clock = ManualClock(start: .seconds(0))
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [
            .key(.character("1"), at: .seconds(1)), .key(.enter, at: .seconds(1)), .key(.enter, at: .seconds(2)),
            .resize(to: Size(width: 30, height: 8), at: .seconds(10)),
            .key(.character("s"), at: .seconds(11)),  // not delivered: no skip
            .key(.character("q"), at: .seconds(12)),
            .key(.escape, at: .seconds(20)),
            .key(.character("q"), at: .seconds(21)),
            .key(.character("y"), at: .seconds(22)),
            .key(.character("q"), at: .seconds(23)),  // closes the summary behind the notice
        ])
        let sink = RecordingSink()
        var program = SessionProgram(engine: SessionEngine(plan: Self.plan, options: ProgramDriver.fixedOptions), sink: sink, ringsBells: false, startingAt: clock.now())
        #expect(RunLoop(terminal: terminal, clock: clock, maximumIterations: 1000).run(&program) == .finished)
        #expect(!terminal.ranOutOfScript)
        let asking = terminal.drawnGrids.filter { $0.lines.joined().contains("End the session now?") }
        #expect(!asking.isEmpty)
        #expect(asking.allSatisfy { $0.width == 30 && $0.lines.joined().contains("make the terminal larger") })
        let skips = sink.effects.filter { if case .logSkip = $0 { true } else { false } }
        #expect(skips.isEmpty, "s was not delivered while too small")
        #expect(sink.loggedSets.isEmpty)
        #expect(sink.sessionEnds.first?.outcome == .endedEarly)
    }
}
