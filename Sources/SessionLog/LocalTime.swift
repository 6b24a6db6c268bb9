import CoachPolicy
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Local time through the C library (TZ and /etc/localtime), without Foundation's calendar:
/// `TimeZone.current` is an ICU time zone on Linux, and the paths that must start fast
/// (`limber status`, `limber start` up to its first screen) would load ICU's data for it.
public enum LocalTime {
    /// Seconds east of UTC at `date`.
    public static func utcOffset(_ date: Date) -> Int {
        Int(parts(of: date).tm_gmtoff)
    }

    /// `YYYY-MM-DD`, the local day of `date` (the check-ins' `day` column).
    public static func dayText(of date: Date) -> String {
        let parts = parts(of: date)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }

    /// `YYYY-MM-DD HH:MM`, local (as ``LogDates/localDateTime(_:timeZone:)`` gives it in the
    /// current zone).
    public static func dateTimeText(of date: Date) -> String {
        let parts = parts(of: date)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return dayText(of: date) + " \(two(parts.tm_hour)):\(two(parts.tm_min))"
    }

    /// The first instant of the local day of `date`, as `Calendar.current.startOfDay(for:)` gives it.
    public static func startOfDay(of date: Date) -> Date {
        let day = parts(of: date)
        var midnight = day
        midnight.tm_hour = 0
        midnight.tm_min = 0
        midnight.tm_sec = 0
        midnight.tm_isdst = -1
        var start = Int(mktime(&midnight))
        // Where midnight itself does not exist (a daylight-saving change at 00:00), mktime may
        // answer an hour early, on the day before: the day then starts at the first quarter hour
        // that is on it (every UTC offset is a whole number of quarter hours).
        var steps = 0
        while !sameDay(parts(of: Date(timeIntervalSince1970: Double(start))), day), steps < 8 {
            start += 900
            steps += 1
        }
        return Date(timeIntervalSince1970: Double(start))
    }

    /// The first instant of the local Monday that starts the week of `date`.
    public static func weekStart(of date: Date) -> Date {
        let offset = utcOffset(date)
        let monday = OutcomeSchedule.weekStart(of: date, utcOffset: offset)
        // A day early so a daylight-saving change since Monday cannot cut the week short; the
        // callers count local days from Monday themselves.
        return Date(timeIntervalSince1970: Double((monday - 1) * 86_400 - offset))
    }

    private static func parts(of date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return parts
    }

    private static func sameDay(_ a: tm, _ b: tm) -> Bool {
        a.tm_year == b.tm_year && a.tm_mon == b.tm_mon && a.tm_mday == b.tm_mday
    }
}
