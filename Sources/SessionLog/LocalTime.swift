import CoachPolicy
import Foundation
import PlainText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The zone in which limber counts local days and shows clock times.
///
/// `.system` is the person's own zone, read through the C library (`TZ`, /etc/localtime):
/// Foundation's `TimeZone.current` is an ICU zone on Linux, and asking it once loads ICU's code
/// and time-zone data, about 2.5 MB of a session's resident memory. `.fixed` is a given Foundation
/// zone, for tests and for callers that were handed one.
public enum LocalZone: Sendable, Equatable {
    case system
    case fixed(TimeZone)

    /// Seconds east of UTC at `date`.
    public func utcOffset(at date: Date) -> Int {
        switch self {
        case .system: LocalTime.utcOffset(date)
        case .fixed(let zone): zone.secondsFromGMT(for: date)
        }
    }

    /// The local calendar day and time of day of `date` (whole seconds).
    public func civilTime(of date: Date) -> (days: Int, secondOfDay: Int) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset(at: date)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (days, local - days * 86_400)
    }

    /// The first instant of the local day `days` after 1970-01-01 (as `Calendar.startOfDay`
    /// gives it: where midnight does not exist, the day's first instant).
    public func startOfDay(days: Int) -> Date? {
        switch self {
        case .system:
            // Local noon is on that day whatever the zone's offset; the C library finds its start.
            let noon = Date(timeIntervalSince1970: Double(days * 86_400 + 12 * 3_600))
            return LocalTime.startOfDay(of: noon.addingTimeInterval(-Double(utcOffset(at: noon))))
        case .fixed(let zone):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let (year, month, day) = CivilDate.components(days: days)
            return calendar.date(from: DateComponents(year: year, month: month, day: day)).map(calendar.startOfDay(for:))
        }
    }
}

/// Local time through the C library (TZ and /etc/localtime), without Foundation's calendar:
/// `TimeZone.current` is an ICU time zone on Linux, and the paths that must start fast
/// (`limber status`, `limber start` up to its first screen) would load ICU's data for it.
public enum LocalTime {
    /// Seconds east of UTC at `date`.
    public static func utcOffset(_ date: Date) -> Int {
        Int(parts(of: date).tm_gmtoff)
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
