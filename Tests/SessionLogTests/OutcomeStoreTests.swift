import CoachPolicy
import Foundation
@testable import SessionLog
import Testing
import TestSupport

@Suite("weekly outcome measures in the log (schema v6)")
struct OutcomeStoreTests {
    @Test("a v5 log upgraded to v6 keeps every session, set, skip and check-in, and then takes outcomes")
    func upgradeFromV5() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        try store.appendSet(set(id, pain: 4))
        try store.appendSet(set(id, number: 2, pain: 2, at: t(120)))
        try store.appendSkip(SkipRow(sessionID: id, position: 1, exerciseID: "pelvic-tilt", at: t(130), reason: .noTime))
        try store.finishSession(id: id, status: .completed, painAfter: 2, endedAt: t(200))
        try store.appendCheckIn(CheckInRow(at: t(-10), day: "2026-03-01", kind: .redFlag, answersJSON: "{}", outcome: "clear"))
        let history = try store.history()
        let checkIns = try store.checkIns()
        // Forge the log as limber with schema v5 left it.
        try store.executeForTesting("""
            DROP TABLE psfs_rating; DROP TABLE outcome_check_in; DROP TABLE psfs_activity;
            DELETE FROM grdb_migrations WHERE identifier = 'v6'
            """)
        #expect(try store.schemaVersions() == ["v1", "v2", "v3", "v4", "v5"])

        let reopened = try SessionStore(folder: tmp.url)
        #expect(try reopened.schemaVersions() == Schema.versions)
        #expect(try reopened.history() == history)
        #expect(try reopened.checkIns() == checkIns)
        #expect(try reopened.outcomeCheckIns().isEmpty)
        #expect(try reopened.psfsActivities().isEmpty)
        try reopened.logOutcomeCheckIn(OutcomeCheckIn(takenAt: t(300), peg: PEGAnswers(pain: 5, enjoyment: 4, activity: 6), psfs: []))
        #expect(try reopened.outcomeCheckIns().count == 1)
    }

    @Test("check-ins come back oldest first with their PEG and ratings; since filters; a skipped offer is kept")
    func checkInsRoundTrip() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let ratings = [PSFSRating(activity: "sit for an hour", rating: 3), PSFSRating(activity: "put on socks", rating: 5),
                       PSFSRating(activity: "walk to the shop", rating: 4)]
        let second = OutcomeCheckIn(takenAt: t(7 * 86_400), peg: PEGAnswers(pain: 4, enjoyment: 3, activity: 5), psfs: ratings)
        let first = OutcomeCheckIn(takenAt: t(0), peg: PEGAnswers(pain: 7, enjoyment: 6, activity: 8), psfs: ratings.map {
            PSFSRating(activity: $0.activity, rating: $0.rating - 2)
        })
        let skipped = OutcomeCheckIn(takenAt: t(14 * 86_400), peg: nil, psfs: [])
        try store.logOutcomeCheckIn(second)
        try store.logOutcomeCheckIn(first)
        try store.logOutcomeCheckIn(skipped)
        #expect(try store.outcomeCheckIns() == [first, second, skipped])
        #expect(try store.outcomeCheckIns(since: t(86_400)) == [second, skipped])
        #expect(try store.lastOutcomeOffer() == t(14 * 86_400))
        let onlyPSFS = OutcomeCheckIn(takenAt: t(21 * 86_400), peg: nil, psfs: ratings)
        try store.logOutcomeCheckIn(onlyPSFS)
        #expect(try store.outcomeCheckIns(since: t(20 * 86_400)) == [onlyPSFS])
    }

    @Test("bad answers are refused with the field and what to do, and nothing is written")
    func refusesBadAnswers() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        #expect(throws: LogError.invalidValue(field: "peg_enjoyment", value: "11", expected: "a whole number from 0 to 10")) {
            try store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: t(), peg: PEGAnswers(pain: 1, enjoyment: 11, activity: 1), psfs: []))
        }
        #expect(throws: LogError.self) {
            try store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: t(), peg: nil, psfs: [PSFSRating(activity: "sit", rating: -1)]))
        }
        #expect(throws: LogError.self) {
            try store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: t(), peg: nil, psfs: [PSFSRating(activity: "  ", rating: 4)]))
        }
        #expect(try store.outcomeCheckIns().isEmpty)
    }

    @Test("activities: 3-5 named once, renamed later as a new list; old ratings keep their words")
    func activities() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        #expect(try store.psfsActivities().isEmpty)
        #expect(throws: LogError.invalidValue(field: "psfs_activity", value: "2 activities", expected: "3 to 5 activities")) {
            try store.setPSFSActivities(["sit", "stand"])
        }
        #expect(throws: LogError.self) { try store.setPSFSActivities(["a", "b", "c", "d", "e", "f"]) }
        #expect(throws: LogError.self) { try store.setPSFSActivities(["sit", "Sit", "stand"]) }
        #expect(throws: LogError.self) { try store.setPSFSActivities(["sit", "stand", "run\u{1B}[2J"]) }
        #expect(throws: LogError.self) { try store.setPSFSActivities(["sit", "stand", String(repeating: "x", count: 41)]) }
        try store.setPSFSActivities([" sit for an hour ", "put on socks", "walk to the shop"])
        #expect(try store.psfsActivities() == ["sit for an hour", "put on socks", "walk to the shop"])
        try store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: t(), peg: nil, psfs: try store.psfsActivities().map {
            PSFSRating(activity: $0, rating: 4)
        }))
        try store.setPSFSActivities(["sit for two hours", "put on socks", "walk to the shop", "carry shopping"])
        #expect(try store.psfsActivities() == ["sit for two hours", "put on socks", "walk to the shop", "carry shopping"])
        #expect(try store.outcomeCheckIns().first?.psfs.first == PSFSRating(activity: "sit for an hour", rating: 4))
    }

    @Test("the weekly offer: due at the first session of a calendar week (Monday start), a skip counts for the week")
    func weeklyOffer() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let utc: (Date) -> Int = { _ in 0 }
        // 2026-03-02 is a Monday.
        let monday = try #require(LogDates.parseDay("2026-03-02", in: .fixed(TimeZone(identifier: "UTC")!))).addingTimeInterval(8 * 3600)
        #expect(OutcomeSchedule.isDue(lastOffered: try store.lastOutcomeOffer(), now: monday, utcOffset: utc), "never offered: due")
        try store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: monday, peg: nil, psfs: []))  // skipped
        for later: TimeInterval in [3600, 86_400 * 2, 86_400 * 6 + 15 * 3600] {
            #expect(!OutcomeSchedule.isDue(lastOffered: try store.lastOutcomeOffer(), now: monday.addingTimeInterval(later), utcOffset: utc),
                    "the same week (Monday to Sunday): not again, even after a skip")
        }
        let nextMonday = monday.addingTimeInterval(7 * 86_400 - 8 * 3600)
        #expect(OutcomeSchedule.isDue(lastOffered: try store.lastOutcomeOffer(), now: nextMonday, utcOffset: utc), "a new week at Monday 00:00")
        // Local time decides: Sunday 23:30 in UTC+2 is Sunday 21:30 UTC; Monday 00:30 local is Sunday 22:30 UTC.
        let sundayLate = nextMonday.addingTimeInterval(-2.5 * 3600)
        #expect(!OutcomeSchedule.isDue(lastOffered: monday, now: sundayLate, utcOffset: { _ in 7200 }))
        #expect(OutcomeSchedule.isDue(lastOffered: monday, now: nextMonday.addingTimeInterval(-1.5 * 3600), utcOffset: { _ in 7200 }))
    }
}
