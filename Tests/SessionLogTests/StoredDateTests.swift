import Foundation
import GRDB
import Testing
@testable import SessionLog

/// The hand-written reading of stored times and writing of ISO times (the `history --json` fast
/// path) must give what GRDB and ``LogDates/iso8601UTC(_:)`` give, or hand the text back to GRDB.
@Suite("Stored times read and written by hand")
struct StoredDateTests {
    @Test("the log's own form reads as GRDB reads it", arguments: [
        "2026-12-01 07:12:46.000", "2021-12-02 07:44:29.123", "2024-02-29 23:59:59.999",
        "2000-01-01 00:00:00.000", "1970-01-01 00:00:00.000", "2026-03-01 07:15:00",
    ])
    func sameAsGRDB(_ text: String) throws {
        let grdb = try #require(Date.fromDatabaseValue(text.databaseValue))
        let mine = try #require(StoredDate.parse(text))
        #expect(abs(mine.timeIntervalSince(grdb)) < 0.000_5)
        #expect(LogDates.iso8601UTC(mine) == LogDates.iso8601UTC(grdb))
    }

    @Test("any other form is left to GRDB", arguments: [
        "2026-02-30 07:00:00.000", "2026-13-01 07:00:00.000", "2026-12-01T07:12:46.000", "2026-12-01",
        "2026-12-01 24:00:00.000", "2026-12-01 07:12:46.0", "x026-12-01 07:12:46.000",
    ])
    func otherForms(_ text: String) {
        #expect(StoredDate.parse(text) == nil)
    }

    @Test("ISO times written in place match iso8601UTC, before 1970 too")
    func writtenInPlace() {
        for seconds in [0.0, -1.5, 1_764_573_166.9, 951_782_400, 4_102_444_799, -2_208_988_800] {
            let date = Date(timeIntervalSince1970: seconds)
            var out = LogExport.Bytes()
            out.appendISO8601UTC(date)
            #expect(out.string == LogDates.iso8601UTC(date), "\(seconds)")
        }
    }
}
