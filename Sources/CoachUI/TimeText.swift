/// Every way the screens write a length of time, on one minutes-and-seconds rule.
public enum TimeText {
    /// "1:05", "61:00": whole minutes (not capped at 59), then two-digit seconds.
    public static func minutesSeconds(_ seconds: Int) -> String {
        let total = max(0, seconds)
        return "\(total / 60):" + ReviewFormat.padded(total % 60, 2)
    }

    /// "45" under a minute, "1:30" from a minute up: what a countdown's big digits show.
    public static func countdown(seconds: Int) -> String {
        seconds < 60 ? "\(seconds)" : minutesSeconds(seconds)
    }

    /// "04:12", or "1:02:03" from an hour on: the session's clock of active time.
    public static func clock(_ duration: Duration) -> String {
        let total = max(0, Int(duration.secondsDouble))
        guard total >= 3600 else { return ReviewFormat.padded(total / 60, 2) + ":" + ReviewFormat.padded(total % 60, 2) }
        return "\(total / 3600):" + ReviewFormat.padded(total % 3600 / 60, 2) + ":" + ReviewFormat.padded(total % 60, 2)
    }

    /// "11:20" below an hour, "1h05" from an hour on: a session's length in the review.
    public static func duration(_ seconds: Int) -> String {
        let total = max(0, seconds)
        guard total >= 3600 else { return minutesSeconds(total) }
        return "\(total / 3600)h" + ReviewFormat.padded(total % 3600 / 60, 2)
    }
}
