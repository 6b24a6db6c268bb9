import MonotonicTime
import TUIKit
import Testing

/// A tiny countdown, as the session screens will be: a deadline, big digits for the whole
/// seconds left, a bell at zero, `q` quits.
struct CountdownProgram: InteractiveProgram {
    let deadline: Instant
    var finished = false
    var received: [ProgramMessage] = []

    func secondsLeft(at now: Instant) -> Int {
        let nanoseconds = max(0, deadline.nanoseconds - now.nanoseconds)
        return Int((nanoseconds + 999_999_999) / 1_000_000_000)
    }

    mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        received.append(message)
        switch message {
        case .key(.character("q"), _):
            finished = true
            return [.quit]
        case .tick(let now) where now >= deadline:
            finished = true
            return [.bell]
        default:
            return []
        }
    }

    func render(size: Size, now: Instant) -> Grid {
        var grid = Grid(size: size)
        let rows = grid.bounds.splitRows([.fixed(1), .fill(), .fixed(1)])
        grid.render(Label("countdown"), in: rows[0])
        grid.render(BigDigits(String(secondsLeft(at: now)), alignment: .center), in: rows[1].centered(width: size.width, height: 5))
        grid.render(KeyFooter([KeyHint("q", "quit")]), in: rows[2])
        return grid
    }

    func nextWake(after now: Instant) -> Instant? {
        guard now < deadline else { return nil }
        // The shown number changes when the time left crosses a whole second.
        return deadline + .seconds(-(secondsLeft(at: now) - 1))
    }

    var isFinished: Bool { finished }
}

/// A screen that never changes by itself: the loop must block.
struct StaticProgram: InteractiveProgram {
    var done = false
    mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        if case .key(.enter, _) = message { done = true }
        return []
    }
    func render(size: Size, now: Instant) -> Grid { Grid(size: size) }
    func nextWake(after now: Instant) -> Instant? { nil }
    var isFinished: Bool { done }
}

/// Records the keys it is given; Enter finishes it.
struct KeyRecorder: InteractiveProgram {
    var keys: [Key] = []
    var done = false
    mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        if case .key(let key, _) = message {
            keys.append(key)
            if key == .enter { done = true }
        }
        return []
    }
    func render(size: Size, now: Instant) -> Grid { Grid(size: size) }
    func nextWake(after now: Instant) -> Instant? { nil }
    var isFinished: Bool { done }
}

/// Asks "Really quit?" on q and finishes on y.
struct AskingProgram: InteractiveProgram {
    var keys: [Key] = []
    var asking = false
    var done = false
    mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        keys.append(key)
        if key == .character("q") { asking = true }
        if asking && key == .character("y") { done = true }
        return []
    }
    func render(size: Size, now: Instant) -> Grid { Grid(size: size) }
    func nextWake(after now: Instant) -> Instant? { nil }
    var isFinished: Bool { done }
    var pendingQuestion: String? { asking ? "Really quit?\ny yes · n no" : nil }
}

@Suite("RunLoop")
struct RunLoopTests {
    let big = Size(width: 80, height: 24)

    @Test func timeoutRoundsUpToTheNextVisibleChange() {
        let now = Instant.seconds(10)
        #expect(RunLoop.timeoutMilliseconds(until: nil, now: now) == nil)
        #expect(RunLoop.timeoutMilliseconds(until: .seconds(11), now: now) == 1000)
        #expect(RunLoop.timeoutMilliseconds(until: now + .nanoseconds(1_000_000_001), now: now) == 1001)
        #expect(RunLoop.timeoutMilliseconds(until: now + .nanoseconds(1), now: now) == 1)
        #expect(RunLoop.timeoutMilliseconds(until: .seconds(9), now: now) == 0)
    }

    @Test func sleepsUntilEachSecondBoundaryThenRingsAtZero() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock)
        var program = CountdownProgram(deadline: .seconds(2.5))
        let outcome = RunLoop(terminal: terminal, clock: clock).run(&program)
        #expect(outcome == .finished)
        // 2.5 s left shows "3" until 0.5 s, then whole seconds: no polling in between.
        #expect(terminal.requestedTimeouts == [500, 1000, 1000])
        #expect(clock.now() == .seconds(2.5))
        #expect(terminal.bellCount == 1)
        #expect(program.received == [.tick(now: .seconds(0.5)), .tick(now: .seconds(1.5)), .tick(now: .seconds(2.5))])
        // The digits sit in rows 9-13, centred: (80 - 6) / 2 = 37 columns in.
        let shown = terminal.drawnGrids.map { Array($0.lines[9...13]) }
        let expected = ["3", "2", "1"].map { digit in
            BigDigits(digit).rows.map { (String(repeating: " ", count: 37) + $0).replacingTrailingSpaces() }
        }
        #expect(shown == expected)
    }

    @Test func redrawsOnlyTheDigitsBetweenFrames() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock)
        var program = CountdownProgram(deadline: .seconds(3))
        RunLoop(terminal: terminal, clock: clock).run(&program)
        #expect(terminal.changedCellCounts[0] == 80 * 24)
        #expect(terminal.changedCellCounts.dropFirst().allSatisfy { $0 > 0 && $0 <= 6 * 5 })
    }

    @Test func aKeyEndsTheLoopAtTheKeysInstant() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock, script: [.key(.character("q"), at: .seconds(1.2))])
        var program = CountdownProgram(deadline: .seconds(10))
        let outcome = RunLoop(terminal: terminal, clock: clock).run(&program)
        #expect(outcome == .quit)
        #expect(clock.now() == .seconds(1.2))
        #expect(terminal.requestedTimeouts == [1000, 1000])
        #expect(program.received.last == .key(.character("q"), now: .seconds(1.2)))
        #expect(terminal.bellCount == 0)
        #expect(!terminal.isRestored)  // the caller owns the terminal
    }

    @Test func blocksWhenNothingChangesByItself() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock, script: [
            .key(.space, at: .seconds(30)), .key(.enter, at: .seconds(95)),
        ])
        var program = StaticProgram()
        #expect(RunLoop(terminal: terminal, clock: clock).run(&program) == .finished)
        #expect(terminal.requestedTimeouts == [nil, nil])
        #expect(terminal.drawnGrids.count == 2)
        #expect(terminal.changedCellCounts.last == 0)
    }

    @Test func showsTheTooSmallNoticeWhileTimersRunAndRecoversOnResize() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 30, height: 8), clock: clock, script: [
            .key(.character("s"), at: .seconds(1.5)),  // not seen: the program is not visible
            .resize(to: Size(width: 40, height: 12), at: .seconds(2.2)),
            .key(.character("q"), at: .seconds(3.4)),
        ])
        var program = CountdownProgram(deadline: .seconds(5))
        let outcome = RunLoop(terminal: terminal, clock: clock).run(&program)
        #expect(outcome == .quit)

        let first = terminal.drawnGrids[0].lines.joined(separator: " ")
        #expect(first.contains("make the terminal larger (need"))
        #expect(first.contains("40x12, have 30x8)"))
        #expect(program.received == [
            .tick(now: .seconds(1)),
            .tick(now: .seconds(1.5)),  // the swallowed key still brings time forward
            .tick(now: .seconds(2)),
            .resize(Size(width: 40, height: 12), now: .seconds(2.2)),
            .tick(now: .seconds(3)),
            .key(.character("q"), now: .seconds(3.4)),
        ])
        let afterResize = terminal.drawnGrids[4]
        #expect(afterResize.size == Size(width: 40, height: 12))
        #expect(afterResize.lines[0] == "countdown")
        #expect(afterResize.lines.contains { $0.contains("█") })
        #expect(!afterResize.lines.joined().contains("larger"))
    }

    @Test func goingBelowTheMinimumMidwayShowsTheNoticeForTheNewSize() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock, script: [
            .resize(to: Size(width: 39, height: 24), at: .seconds(0.3)),
            .key(.space, at: .seconds(0.6)),
        ])
        var program = CountdownProgram(deadline: .seconds(5))
        let outcome = RunLoop(terminal: terminal, clock: clock, maximumIterations: 20).run(&program)
        // A key is swallowed while too small, and the countdown runs to its end behind the notice.
        #expect(outcome == .finished)
        #expect(terminal.drawnGrids[1].lines.joined(separator: " ").contains("have 39x24"))
        #expect(program.received.contains(.resize(Size(width: 39, height: 24), now: .seconds(0.3))))
        #expect(!program.received.contains { if case .key = $0 { true } else { false } })
        #expect(program.received.last == .tick(now: .seconds(5)))
        #expect(terminal.bellCount == 1)
    }

    @Test func qQuitsAtAnySize() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 30, height: 8), clock: clock, script: [
            .key(.space, at: .seconds(0.5)),  // other keys stay swallowed
            .key(.character("q"), at: .seconds(1.5)),
        ])
        var program = CountdownProgram(deadline: .seconds(5))
        #expect(RunLoop(terminal: terminal, clock: clock, maximumIterations: 20).run(&program) == .quit)
        #expect(clock.now() == .seconds(1.5))
        #expect(program.received == [.tick(now: .seconds(0.5)), .tick(now: .seconds(1)), .key(.character("q"), now: .seconds(1.5))])
        let notice = terminal.drawnGrids[0].lines.joined(separator: " ")
        #expect(notice.contains("make the terminal larger"))
        #expect(notice.contains("q quit"), "the notice says how to leave: \(notice)")
    }

    @Test func escapeReachesTheProgramAtAnySize() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 12, height: 3), clock: clock, script: [
            .key(.enter, at: .seconds(1)),  // would finish StaticProgram, but is not delivered
            .key(.escape, at: .seconds(2)),
            .resize(to: big, at: .seconds(3)),
            .key(.enter, at: .seconds(4)),
        ])
        var program = KeyRecorder()
        #expect(RunLoop(terminal: terminal, clock: clock, maximumIterations: 20).run(&program) == .finished)
        #expect(program.keys == [.escape, .enter])
        #expect(clock.now() == .seconds(4))
    }

    @Test func aQuestionAskedBelowTheMinimumIsShownAndEveryKeyAnswersIt() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 30, height: 8), clock: clock, script: [
            .key(.character("y"), at: .seconds(1)),  // no question yet: swallowed
            .key(.character("q"), at: .seconds(2)),  // asks
            .key(.character("y"), at: .seconds(3)),  // answers
        ])
        var program = AskingProgram()
        #expect(RunLoop(terminal: terminal, clock: clock, maximumIterations: 20).run(&program) == .finished)
        #expect(program.keys == [.character("q"), .character("y")])
        let asked = terminal.drawnGrids[2].lines.joined(separator: " ")
        #expect(asked.contains("make the terminal larger"))
        #expect(asked.contains("Really quit?") && asked.contains("y yes · n no"), "\(asked)")
        #expect(!asked.contains("q quit"))
    }

    @Test func pastedTextIsNeverDeliveredAsKeys() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock, script: [
            .key(.paste("see notes"), at: .seconds(1)),
            .key(.paste("q"), at: .seconds(2)),
            .key(.enter, at: .seconds(3)),
        ])
        var program = KeyRecorder()
        #expect(RunLoop(terminal: terminal, clock: clock, maximumIterations: 20).run(&program) == .finished)
        #expect(program.keys == [.enter])
    }

    /// A blocking read with no scripted key left would wait forever on a real terminal: the fake
    /// ends the input instead, so the loop stops at once (no spinning, no frames piling up) and
    /// says which screen waited.
    @Test func anUnfinishedScriptEndsTheInputAndNamesTheScreen() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock)
        var reported: [String] = []
        terminal.onRanOutOfScript = { reported.append($0) }
        var program = StaticProgram()
        #expect(RunLoop(terminal: terminal, clock: clock, maximumIterations: 1_000).run(&program) == .endOfInput)
        #expect(terminal.ranOutOfScript)
        #expect(terminal.drawnGrids.count == 1, "one frame, then the end: no spinning")
        #expect(reported.count == 1 && reported == [terminal.ranOutMessage ?? ""])
        #expect(reported.first?.hasPrefix("FakeTerminal: the script ran out of keys while a screen waited for one (after 1 frames)") == true)
        #expect(reported.first?.split(separator: "\n", omittingEmptySubsequences: false).count == 1 + big.height,
                "the waiting screen's last frame, row by row")
    }

    @Test func timedWaitsWithoutKeysAreNotTheEndOfInput() {
        let clock = ManualClock()
        let terminal = FakeTerminal(size: big, clock: clock)
        #expect(terminal.readKey(timeoutMilliseconds: 500) == nil)
        #expect(!terminal.ranOutOfScript && clock.now() == .seconds(0.5))
    }

    @Test func scaledClockRunsFaster() {
        let base = ManualClock(start: .seconds(100))
        let fast = ScaledClock(base: base, factor: 10)
        base.advance(by: .seconds(2))
        #expect(fast.now() == .seconds(120))
        let system = SystemMonotonicClock()
        let a = system.now(), b = system.now()
        #expect(b >= a)
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
