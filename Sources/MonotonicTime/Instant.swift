/// A point on a monotonic timeline, as the run loop's clock reports it.
///
/// The engine never reads a clock: every event carries an `Instant`, and deadlines are absolute
/// instants, so a countdown is `deadline - now` and never drifts the way summed sleeps do.
/// The origin is arbitrary (the clock's own); only differences mean anything.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's arbitrary origin.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// An instant a number of seconds after the origin (handy in tests).
    public static func seconds(_ seconds: Double) -> Instant {
        Instant(nanoseconds: Int64((seconds * 1_000_000_000).rounded()))
    }

    /// The instant `duration` after this one.
    public func advanced(by duration: Duration) -> Instant {
        Instant(nanoseconds: nanoseconds + duration.nanosecondsRounded)
    }

    /// The time from this instant to `other` (negative when `other` is earlier).
    public func duration(to other: Instant) -> Duration {
        .nanoseconds(other.nanoseconds - nanoseconds)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Instant, rhs: Duration) -> Instant { lhs.advanced(by: rhs) }

    public static func - (lhs: Instant, rhs: Instant) -> Duration { rhs.duration(to: lhs) }

    public var description: String { "t+\(Double(nanoseconds) / 1e9)s" }
}

extension Duration {
    /// The duration in whole nanoseconds (rounded toward zero below a nanosecond).
    public var nanosecondsRounded: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in seconds as a `Double`.
    public var secondsDouble: Double { Double(nanosecondsRounded) / 1e9 }
}
