import MonotonicTime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scripted `TerminalBackend` for tests (like ratatui's TestBackend): keys arrive at given
/// instants of a `ManualClock`, waits advance that clock, and every drawn frame, requested
/// timeout and bell is recorded.
///
/// A read returns the next scripted event if it is due before the timeout ends (moving the
/// clock to its instant, or leaving it when that instant has passed); otherwise it moves the
/// clock by the whole timeout and returns nil, as a real `wtimeout` would. A blocking read with
/// no event left would wait forever on a real terminal; here it returns `Key.endOfInput` (the run
/// loop stops, the program unfinished) and reports the screen that was waiting, so a test that
/// forgot a key fails with that screen instead of spinning and allocating frames without end.
public final class FakeTerminal: TerminalBackend {
    /// One scripted input.
    public struct Event: Sendable, Hashable {
        /// When it arrives.
        public var at: Instant
        /// The key (`.resize` for a resize).
        public var key: Key
        /// The terminal's new size, for a resize.
        public var newSize: Size?

        /// `key` pressed at `at`.
        public static func key(_ key: Key, at: Instant) -> Event {
            Event(at: at, key: key, newSize: nil)
        }

        /// The terminal resized to `size` at `at`.
        public static func resize(to size: Size, at: Instant) -> Event {
            Event(at: at, key: .resize, newSize: size)
        }
    }

    /// The clock the fake advances.
    public let clock: ManualClock
    /// The current size.
    public private(set) var size: Size
    /// Events not yet read.
    public private(set) var pendingEvents: [Event]
    /// Every frame drawn, in order.
    public private(set) var drawnGrids: [Grid] = []
    /// For every draw, how many cells changed from the frame before (what a real backend writes).
    public private(set) var changedCellCounts: [Int] = []
    /// Every timeout the loop asked for (nil = block), in order.
    public private(set) var requestedTimeouts: [Int?] = []
    /// How many times the bell rang.
    public private(set) var bellCount = 0
    /// True once `restore()` was called.
    public private(set) var isRestored = false
    /// True once a blocking read found no scripted event left (a test that forgot its last key).
    public private(set) var ranOutOfScript = false
    /// When the script ran out: which screen waited for a key, with its last frame.
    public private(set) var ranOutMessage: String?
    /// Told `ranOutMessage` when the script runs out (tests: record it as a failure). The default
    /// prints it to standard error, so it is never silent.
    public var onRanOutOfScript: (String) -> Void = { writeToStandardError($0) }

    /// A fake of `size` reading `script` against `clock`.
    public init(size: Size, clock: ManualClock, script: [Event] = []) {
        self.size = size
        self.clock = clock
        self.pendingEvents = script.sorted { $0.at < $1.at }
    }

    /// The last frame drawn.
    public var screen: Grid? { drawnGrids.last }
    /// The lines of the last frame drawn (empty before the first draw).
    public var lines: [String] { screen?.lines ?? [] }

    /// Adds events to the script.
    public func enqueue(_ events: [Event]) {
        pendingEvents = (pendingEvents + events).sorted { $0.at < $1.at }
    }

    /// Records the frame.
    public func draw(_ grid: Grid) {
        changedCellCounts.append(grid.changedCellCount(from: drawnGrids.last))
        drawnGrids.append(grid)
    }

    /// The next scripted event due within the timeout, or nil after advancing the clock.
    public func readKey(timeoutMilliseconds: Int?) -> Key? {
        requestedTimeouts.append(timeoutMilliseconds)
        let now = clock.now()
        let deadline = timeoutMilliseconds.map { now + .milliseconds($0) }
        if let next = pendingEvents.first, deadline.map({ next.at <= $0 }) ?? true {
            pendingEvents.removeFirst()
            clock.advance(to: next.at)
            if let newSize = next.newSize { size = newSize }
            return next.key
        }
        if let deadline {
            clock.advance(to: deadline)
            return nil
        }
        ranOutOfScript = true
        let frame = lines.map { "  |" + $0 }.joined(separator: "\n")
        let message = "FakeTerminal: the script ran out of keys while a screen waited for one (after \(drawnGrids.count) frames); "
            + "add the key it waits for. Its last frame:\n" + frame
        ranOutMessage = message
        onRanOutOfScript(message)
        return .endOfInput
    }

    /// Counts the bell.
    public func bell() { bellCount += 1 }

    /// Records the restore.
    public func restore() { isRestored = true }
}

/// Writes the fake's one message to standard error (write(2) on descriptor 2: the C global
/// `stderr` is not concurrency-safe in Swift 6).
private func writeToStandardError(_ text: String) {
    var bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}
