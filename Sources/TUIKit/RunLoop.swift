import PlainText
import MonotonicTime

/// What the run loop tells a program: every message carries the monotonic `now`.
public enum ProgramMessage: Sendable, Hashable {
    /// A key was pressed.
    case key(Key, now: Instant)
    /// The wait asked for by `nextWake(after:)` ended without a key.
    case tick(now: Instant)
    /// The terminal changed size.
    case resize(Size, now: Instant)

    /// The instant the message carries.
    public var now: Instant {
        switch self {
        case .key(_, let now), .tick(let now), .resize(_, let now): now
        }
    }
}

/// What a program asks the run loop to do (effects as data, as in bubbletea).
public enum ProgramCommand: Sendable, Hashable {
    /// Sound the terminal bell.
    case bell
    /// Stop the loop now.
    case quit
}

/// A screen-level program in the Elm style: messages in, commands out, a grid as its view.
public protocol InteractiveProgram {
    /// Updates the program for `message` and returns the effects to perform.
    mutating func handle(_ message: ProgramMessage) -> [ProgramCommand]
    /// The frame for a terminal of `size` at `now`. Called only when `size` is at least the
    /// loop's minimum.
    func render(size: Size, now: Instant) -> Grid
    /// The next instant at which the picture changes by itself (the next second of a countdown),
    /// or nil when only a key can change it. The loop sleeps until then.
    func nextWake(after now: Instant) -> Instant?
    /// True once the program is done; the loop then returns.
    var isFinished: Bool { get }
    /// A question the program is waiting on, a short line and then its answer keys
    /// ("End the session now?\ny yes · n no"), or nil. Below the loop's minimum size the notice
    /// shows it, and every key is delivered while it is asked, so a question opened with q can
    /// be answered at any size. Nil by default.
    var pendingQuestion: String? { get }
}

extension InteractiveProgram {
    public var pendingQuestion: String? { nil }
}

/// Drives an `InteractiveProgram` on a `TerminalBackend` with an injected clock, like tig's
/// single `wtimeout` loop: render, draw (only changed cells), wait for a key no longer than until
/// the program's next wake, turn the key or the timeout into a message, repeat. It never polls:
/// a program with nothing to wake for blocks until a key arrives.
///
/// Below `minimumSize` the loop shows `TooSmallNotice` instead of the program's frame; ticks
/// (and resizes) keep flowing to the program so timers keep running. Only q and Esc are
/// delivered there (they leave every screen, through its own confirmation where it has one),
/// plus every key while the program has a `pendingQuestion`, which the notice shows; other keys
/// are not (the person cannot see what they would act on).
///
/// Pasted text (`Key.paste`) is never delivered: no screen takes text.
public struct RunLoop {
    /// The terminal.
    public let terminal: any TerminalBackend
    /// The clock every message's `now` comes from.
    public let clock: any MonotonicClock
    /// The smallest terminal the program is drawn on (40x12 by default).
    public var minimumSize: Size
    /// A safety net for tests: stop after this many waits. Nil (no limit) in the app.
    public var maximumIterations: Int?

    /// A loop over `terminal` reading time from `clock`.
    public init(
        terminal: any TerminalBackend, clock: any MonotonicClock,
        minimumSize: Size = .smallestSupported, maximumIterations: Int? = nil
    ) {
        self.terminal = terminal
        self.clock = clock
        self.minimumSize = minimumSize
        self.maximumIterations = maximumIterations
    }

    /// How the loop ended.
    public enum Outcome: Sendable, Hashable {
        /// The program reported `isFinished`.
        case finished
        /// The program sent `.quit`.
        case quit
        /// `maximumIterations` ran out.
        case iterationLimit
        /// The terminal said no input will come (`Key.endOfInput`); the program is unfinished.
        case endOfInput
    }

    /// Runs `program` until it finishes or quits. The terminal is not restored here: the
    /// caller owns the terminal's lifetime (it may run several programs in a row).
    @discardableResult
    public func run<Program: InteractiveProgram>(_ program: inout Program) -> Outcome {
        var iterations = 0
        while !program.isFinished {
            if let maximumIterations, iterations >= maximumIterations { return .iterationLimit }
            iterations += 1

            let now = clock.now()
            let size = terminal.size
            let fitsMinimum = size.isAtLeast(minimumSize)
            let question = program.pendingQuestion
            if fitsMinimum {
                terminal.draw(program.render(size: size, now: now))
            } else {
                terminal.draw(TooSmallNotice(minimum: minimumSize).render(size: size, question: question))
            }

            let timeout = RunLoop.timeoutMilliseconds(until: program.nextWake(after: now), now: now)
            let key = terminal.readKey(timeoutMilliseconds: timeout)
            let after = clock.now()

            let message: ProgramMessage
            switch key {
            case .resize?:
                message = .resize(terminal.size, now: after)
            case .endOfInput?:
                return .endOfInput
            case .paste?:
                // Nothing takes text: pasted characters are not keys (time still passes).
                message = .tick(now: after)
            case let key?:
                // Keys are not delivered while the program cannot be seen, except the ones that
                // leave it and the answers to a question the notice shows; time still passes.
                let delivered = fitsMinimum || key.leavesTheScreen || question != nil
                message = delivered ? .key(key, now: after) : .tick(now: after)
            case nil:
                message = .tick(now: after)
            }
            for command in program.handle(message) {
                switch command {
                case .bell: terminal.bell()
                case .quit: return .quit
                }
            }
        }
        return .finished
    }

    /// The wait until `wake` in whole milliseconds, rounded up so the loop wakes at or just
    /// after the visible change, never just before it; 0 when `wake` has passed; nil (block)
    /// when there is nothing to wake for.
    public static func timeoutMilliseconds(until wake: Instant?, now: Instant) -> Int? {
        guard let wake else { return nil }
        let nanoseconds = wake.nanoseconds - now.nanoseconds
        guard nanoseconds > 0 else { return 0 }
        let milliseconds = (nanoseconds + 999_999) / 1_000_000
        return Int(min(milliseconds, Int64(Int32.max)))
    }
}

/// The notice shown instead of a program when the terminal is smaller than the minimum:
/// "make the terminal larger (need 40x12, have 30x8)" and "q quit" (or the question the program
/// is asking), wrapped and centred in whatever room there is.
public struct TooSmallNotice: Sendable {
    /// The size the program needs.
    public var minimum: Size

    /// A notice for programs that need `minimum`.
    public init(minimum: Size) {
        self.minimum = minimum
    }

    /// The message for a terminal of `size`.
    public func message(for size: Size) -> String {
        "make the terminal larger (need \(minimum), have \(size))"
    }

    /// What the notice says a person can do there: the program's question, or how to leave.
    public static let quitHint = "q quit"

    /// The notice as a grid of `size`, with the program's `question` (if any) instead of the
    /// quit hint. When there is no room for everything, the hint (or question) is kept and the
    /// size message is cut.
    public func render(size: Size, question: String? = nil) -> Grid {
        var grid = Grid(size: size)
        let width = max(1, size.width)
        let message = WrappedText.wrap(message(for: size), width: width).map { ($0, Style.bold) }
        let hint = WrappedText.wrap(question ?? TooSmallNotice.quitHint, width: width)
            .map { ($0, question == nil ? Style.muted : Style.bold) }
        var lines = message + [("", Style.normal)] + hint
        if lines.count > size.height { lines = Array(message.prefix(max(0, size.height - hint.count))) + hint }
        lines = Array(lines.prefix(size.height))
        let top = max(0, (size.height - lines.count) / 2)
        for (index, (line, style)) in lines.enumerated() {
            let left = max(0, (size.width - line.displayWidth) / 2)
            grid.write(line, column: left, row: top + index, style: style)
        }
        return grid
    }
}
