/// Every way limber writes a length of time, on one minutes-and-seconds rule: the countdown's
/// digits, the session clock, a session's length in the review and in `limber history`.
public enum TimeText {
    /// "1:05", "61:00": whole minutes (not capped at 59), then two-digit seconds.
    public static func minutesSeconds(_ seconds: Int) -> String {
        let total = max(0, seconds)
        return "\(total / 60):" + padded(total % 60, 2)
    }

    /// "45" under a minute, "1:30" from a minute up: what a countdown's big digits show.
    public static func countdown(seconds: Int) -> String {
        seconds < 60 ? "\(seconds)" : minutesSeconds(seconds)
    }

    /// "04:12", or "1:02:03" from an hour on: the session's clock of active time.
    public static func clock(_ duration: Duration) -> String {
        let total = max(0, Int(duration.secondsDouble))
        guard total >= 3600 else { return padded(total / 60, 2) + ":" + padded(total % 60, 2) }
        return hoursMinutesSeconds(total)
    }

    /// "11:20" below an hour, "1:05:00" from an hour on: a session's length (review, history).
    public static func duration(_ seconds: Int) -> String {
        let total = max(0, seconds)
        guard total >= 3600 else { return minutesSeconds(total) }
        return hoursMinutesSeconds(total)
    }

    /// `value` with leading zeros to `width` digits ("07"; "-07" below zero).
    public static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func hoursMinutesSeconds(_ total: Int) -> String {
        "\(total / 3600):" + padded(total % 3600 / 60, 2) + ":" + padded(total % 60, 2)
    }
}

