#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
