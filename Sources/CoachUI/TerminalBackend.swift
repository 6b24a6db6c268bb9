#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SessionEngine

/// A key press (or a terminal event) as the run loop sees it: the key contract of DESIGN.md.
public enum Key: Sendable, Hashable {
    /// A printable character (never a space: that is `.space`).
    case character(Character)
    /// Enter / Return (10, 13 or the keypad's Enter).
    case enter
    /// Escape.
    case escape
    /// The space bar.
    case space
    /// Backspace or Delete-left.
    case backspace
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page up (for scrolling long lists).
    case pageUp
    /// Page down (for scrolling long lists).
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// The terminal changed size; read the new size from the backend.
    case resize
    /// Text the person pasted (the terminal's bracketed paste), as one event rather than as
    /// keys. No screen has a text field yet, so the run loop never delivers it: a pasted
    /// "see notes" must not press s twice.
    case paste(String)

    /// True for the keys that leave or answer "no" on every screen (q, Q and Escape): the run
    /// loop delivers them at any terminal size.
    public var leavesTheScreen: Bool {
        self == .character("q") || self == .character("Q") || self == .escape
    }
}

/// Where frames are shown and keys come from: ncurses in the app, a scripted fake in tests.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Shows `grid`, writing only the cells that changed since the last draw.
    func draw(_ grid: Grid)
    /// Waits for a key for at most `timeoutMilliseconds` (forever when nil).
    /// - Returns: the key, or nil when the time ran out.
    func readKey(timeoutMilliseconds: Int?) -> Key?
    /// Sounds the terminal bell.
    func bell()
    /// Gives the terminal back to the shell (idempotent).
    func restore()
}

/// A source of monotonic time: the only clock the run loop reads.
public protocol MonotonicClock {
    /// The current instant.
    func now() -> Instant
}

/// The system's monotonic clock (CLOCK_MONOTONIC: unaffected by wall-clock changes).
public struct SystemMonotonicClock: MonotonicClock, Sendable {
    /// The system clock.
    public init() {}

    /// Nanoseconds of CLOCK_MONOTONIC.
    public func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Instant(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// A clock that runs `factor` times faster than `base` from the moment it is made
/// (LIMBER_TIME_SCALE: demos and end-to-end tests play a whole routine in seconds).
public struct ScaledClock<Base: MonotonicClock>: MonotonicClock {
    private let base: Base
    private let origin: Instant
    private let factor: Double

    /// A clock `factor` (> 0) times faster than `base`.
    public init(base: Base, factor: Double) {
        self.base = base
        self.origin = base.now()
        self.factor = factor > 0 ? factor : 1
    }

    /// The origin plus `factor` times the base time elapsed since then.
    public func now() -> Instant {
        let elapsed = Double(base.now().nanoseconds - origin.nanoseconds)
        return Instant(nanoseconds: origin.nanoseconds + Int64(elapsed * factor))
    }
}

/// A clock that moves only when told: tests and `FakeTerminal`.
public final class ManualClock: MonotonicClock {
    /// The instant `now()` returns.
    public private(set) var current: Instant

    /// A clock standing at `start`.
    public init(start: Instant = Instant(nanoseconds: 0)) {
        current = start
    }

    /// The current instant.
    public func now() -> Instant { current }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        current = current + duration
    }

    /// Moves the clock to `instant` (never backwards: earlier instants are ignored).
    public func advance(to instant: Instant) {
        if instant > current { current = instant }
    }
}
