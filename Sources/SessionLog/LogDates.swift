import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Date helpers shared by the log, the history table and the exports.
public enum LogDates {
    /// Parses a strict `YYYY-MM-DD` local calendar day and returns its first instant in `timeZone`,
    /// or nil when the text is not such a day (wrong shape, or a day like 2026-02-30).
    public static func parseDay(_ text: String, timeZone: TimeZone = .current) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return calendar.startOfDay(for: date)
    }

    /// The local calendar day of `date` as `YYYY-MM-DD`.
    public static func day(of date: Date, timeZone: TimeZone = .current) -> String {
        let c = components(of: date, timeZone: timeZone)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// `YYYY-MM-DD HH:MM` in `timeZone` (the history table's date column).
    public static func localDateTime(_ date: Date, timeZone: TimeZone = .current) -> String {
        let c = components(of: date, timeZone: timeZone)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute)
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

    private static func components(of date: Date, timeZone: TimeZone) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return (c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
