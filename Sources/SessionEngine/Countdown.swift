import MonotonicTime
import CoachPolicy
/// A countdown kept as data: a total and either an absolute deadline (running) or the remainder
/// it had when paused. Remaining time is always `deadline - now`, never a sum of sleeps.
public struct Countdown: Sendable, Hashable {
    /// Whether the countdown is running toward a deadline or frozen with a remainder.
    public enum Timing: Sendable, Hashable {
        case running(deadline: Instant)
        case paused(remaining: Duration)
    }

    /// The full length, for a gauge ("20 of 30 s").
    public let total: Duration
    public private(set) var timing: Timing

    /// A countdown of `total` that starts running at `start`.
    public init(total: Duration, startingAt start: Instant) {
        self.total = total
        self.timing = .running(deadline: start + total)
    }

    /// The absolute instant it ends, or nil while paused.
    public var deadline: Instant? {
        if case .running(let deadline) = timing { return deadline }
        return nil
    }

    public var isPaused: Bool { deadline == nil }

    /// Time left at `now`, between zero and `total`.
    public func remaining(at now: Instant) -> Duration {
        switch timing {
        case .running(let deadline): return min(max(now.duration(to: deadline), .zero), total)
        case .paused(let remaining): return remaining
        }
    }

    /// Time counted down so far at `now` (pauses excluded).
    public func elapsed(at now: Instant) -> Duration { total - remaining(at: now) }

    /// The number a countdown display shows: remaining seconds rounded up, so a 30 s hold shows
    /// 30 at its start and 1 during its last second, and reaches 0 exactly at the deadline.
    public func displaySeconds(at now: Instant) -> Int {
        let nanoseconds = remaining(at: now).nanosecondsRounded
        return Int((nanoseconds + 999_999_999) / 1_000_000_000)
    }

    /// The next instant after `now` at which `displaySeconds` changes (a whole-second boundary
    /// counted back from the deadline); the deadline itself when it is due; nil while paused.
    public func nextWholeSecondBoundary(after now: Instant) -> Instant? {
        guard let deadline else { return nil }
        let nanosecondsLeft = now.duration(to: deadline).nanosecondsRounded
        guard nanosecondsLeft > 0 else { return deadline }
        let wholeSecondsAfterBoundary = (nanosecondsLeft + 999_999_999) / 1_000_000_000 - 1
        return Instant(nanoseconds: deadline.nanoseconds - wholeSecondsAfterBoundary * 1_000_000_000)
    }

    /// Freeze the remainder at `now`.
    public mutating func pause(at now: Instant) {
        guard case .running = timing else { return }
        timing = .paused(remaining: remaining(at: now))
    }

    /// Run again from `now` with the remainder it had when paused.
    public mutating func resume(at now: Instant) {
        guard case .paused(let remaining) = timing else { return }
        timing = .running(deadline: now + remaining)
    }
}
