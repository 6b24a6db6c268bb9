import Foundation
import MonotonicTime
import PlainText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Date helpers shared by the log, the history table and the exports.
public enum LogDates {
    /// Parses a strict `YYYY-MM-DD` local calendar day and returns its first instant in `zone`,
    /// or nil when the text is not such a day (wrong shape, or a day like 2026-02-30).
    public static func parseDay(_ text: String, in zone: LocalZone = .system) -> Date? {
        civilDay(text).flatMap(zone.startOfDay(days:))
    }

    /// Whether `text` is a strict `YYYY-MM-DD` calendar day (the check-ins' `day` column).
    public static func isDay(_ text: String) -> Bool {
        civilDay(text) != nil
    }

    /// Days since 1970-01-01 of a strict `YYYY-MM-DD` day that exists, else nil.
    private static func civilDay(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        // A day past the month's end rolls over into the next month: 2026-02-30 is not a day.
        return CivilDate.components(days: days) == (year, month, day) ? days : nil
    }

    /// The local calendar day of `date` as `YYYY-MM-DD`.
    public static func day(of date: Date, in zone: LocalZone = .system) -> String {
        dayText(zone.civilTime(of: date).days)
    }

    /// `YYYY-MM-DD HH:MM` in `zone` (the history table's date column).
    public static func localDateTime(_ date: Date, in zone: LocalZone = .system) -> String {
        let (days, second) = zone.civilTime(of: date)
        return dayText(days) + " " + TimeText.padded(second / 3_600, 2) + ":" + TimeText.padded(second / 60 % 60, 2)
    }

    private static func dayText(_ days: Int) -> String {
        let (year, month, day) = CivilDate.components(days: days)
        return TimeText.padded(year, 4) + "-" + TimeText.padded(month, 2) + "-" + TimeText.padded(day, 2)
    }

    /// ISO 8601 in UTC to the second, `2026-03-01T07:15:00Z` (the export format).
    public static func iso8601UTC(_ date: Date) -> String {
        utcText(date, separator: "T", milliseconds: false) + "Z"
    }

    /// The log's own date text, `YYYY-MM-DD HH:MM:SS.SSS` in UTC (GRDB's storage format, see
    /// Schema.swift), for binding a date to a query without GRDB's DateFormatter, which loads ICU.
    public static func storageText(_ date: Date) -> String {
        utcText(date, separator: " ", milliseconds: true)
    }

    private static func utcText(_ date: Date, separator: Character, milliseconds: Bool) -> String {
        // With milliseconds, from the whole milliseconds since 1970 (as DateFormatter takes them).
        let totalMilliseconds = milliseconds ? Int((date.timeIntervalSince1970 * 1000).rounded(.down)) : 0
        let millisecond = ((totalMilliseconds % 1000) + 1000) % 1000
        var seconds = milliseconds ? time_t((totalMilliseconds - millisecond) / 1000) : time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Built by hand: String(format:) is slow on Linux and exports format ~120,000 dates.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func put(_ value: Int, _ width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var v = value
            for i in stride(from: width - 1, through: 0, by: -1) {
                digits[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
            bytes.append(contentsOf: digits)
        }
        put(Int(parts.tm_year) + 1900, 4); bytes.append(UInt8(ascii: "-"))
        put(Int(parts.tm_mon) + 1, 2); bytes.append(UInt8(ascii: "-"))
        put(Int(parts.tm_mday), 2); bytes.append(separator.asciiValue!)
        put(Int(parts.tm_hour), 2); bytes.append(UInt8(ascii: ":"))
        put(Int(parts.tm_min), 2); bytes.append(UInt8(ascii: ":"))
        put(Int(parts.tm_sec), 2)
        if milliseconds {
            bytes.append(UInt8(ascii: "."))
            put(millisecond, 3)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
