import Foundation
import GRDB
import Testing
@testable import SessionLog
#if canImport(Glibc)
import Glibc
#endif

@Suite("LocalTime and the log's date text")
struct LocalTimeTests {
    private func utc(_ text: String) -> Date {
        let n = text.split(whereSeparator: { "-T:".contains($0) }).map { Int32($0)! }
        var parts = tm()
        (parts.tm_year, parts.tm_mon, parts.tm_mday) = (n[0] - 1900, n[1] - 1, n[2])
        (parts.tm_hour, parts.tm_min, parts.tm_sec) = (n[3], n[4], n[5])
        return Date(timeIntervalSince1970: Double(timegm(&parts)))
    }

    /// Run as `TZ=Europe/Berlin swift test --filter LocalTimeTests`: the C library's zone is the
    /// process's, and changing TZ inside the test run would change it under the suites running
    /// beside this one (and under the limber processes the end-to-end tests start meanwhile).
    @Test("the start of the day and the day's text are Berlin's local day, across midnight and both daylight-saving changes",
          .enabled(if: ProcessInfo.processInfo.environment["TZ"] == "Europe/Berlin", "needs TZ=Europe/Berlin"))
    func berlinDays() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        var instants: [Date] = []
        for (from, to) in [("2026-03-27T20:00:00", "2026-03-30T04:00:00"), ("2026-10-23T20:00:00", "2026-10-26T04:00:00")] {
            var t = utc(from)
            while t <= utc(to) {
                instants += [t, t.addingTimeInterval(-0.001)]
                t += 600
            }
        }
        let ours = instants.map { (LocalTime.startOfDay(of: $0), LogDates.day(of: $0), LogDates.localDateTime($0)) }
        for (instant, (start, day, dateTime)) in zip(instants, ours) {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            let calendarDay = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            #expect(start == calendar.startOfDay(for: instant), "start of day at \(instant)")
            #expect(day == calendarDay, "day at \(instant)")
            #expect(dateTime == calendarDay + String(format: " %02d:%02d", c.hour!, c.minute!), "date and time at \(instant)")
            #expect(LogDates.parseDay(day) == calendar.startOfDay(for: instant), "the day \(day) parsed")
            #expect(LogDates.day(of: instant, in: .fixed(berlin)) == day, "day in the fixed zone at \(instant)")
        }
        // By hand: one second before and at local midnight, and the short and the long day.
        let named = [utc("2026-03-28T22:59:59"), utc("2026-03-28T23:00:00"), utc("2026-03-29T12:00:00"), utc("2026-10-25T12:00:00")]
        let starts = named.map(LocalTime.startOfDay(of:))
        #expect(starts == [utc("2026-03-27T23:00:00"), utc("2026-03-28T23:00:00"), utc("2026-03-28T23:00:00"), utc("2026-10-24T22:00:00")])
    }

    @Test("dates bound as the log's text are what GRDB stores")
    func storageText() {
        for seconds in [0, 1_780_000_000, 1_780_000_000.5, 1_780_000_000.25, 1_774_738_799.875, 951_782_400] as [Double] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(LogDates.storageText(date) == String.fromDatabaseValue(date.databaseValue), "\(seconds)")
        }
        #expect(LogDates.storageText(utc("2026-03-28T23:00:00")) == "2026-03-28 23:00:00.000")
    }
}
