import Foundation
import MonotonicTime
import TUIKit
import CoachPolicy
import SessionLog
import Testing
@testable import CoachApp
import TestSupport

/// The weekly outcome check before a session, and `limber status`.
@Suite("weekly outcomes before a session, and limber status")
struct OutcomeFlowTests {
    typealias P = PreSessionTests

    @Test("the first session of a week asks the PEG, then names and rates the activities; logged, and not asked again that week")
    func firstSessionOfTheWeek() throws {
        let setup = P.Setup()
        try P.historyDone(setup)
        let keys = "n" + "627" + "n" + "sit for an hour\nput on socks\nwalk\n\n" + "345" + "112\n"
        let (result, terminal) = try setup.run(keys, outcomes: true)
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        let text = P.seenText(terminal)
        #expect(text.contains("What number best describes your pain on average in the past week?"))
        #expect(text.contains("Which everyday activities are hard because of your back or leg?"))
        #expect(ready.notes.contains("Weekly check logged: PEG 5.0, activities 4.0."))
        #expect(try setup.store.psfsActivities() == ["sit for an hour", "put on socks", "walk"])
        let logged = try setup.store.outcomeCheckIns()
        #expect(logged == [OutcomeCheckIn(takenAt: P.now, peg: PEGAnswers(pain: 6, enjoyment: 2, activity: 7), psfs: [
            PSFSRating(activity: "sit for an hour", rating: 3), PSFSRating(activity: "put on socks", rating: 4),
            PSFSRating(activity: "walk", rating: 5),
        ])])
        #expect(ready.legPainBefore == 1 && ready.backPainBefore == 1, "then the session's own questions")

        // Later the same (Sunday-ending) week: straight to leg and back pain.
        let (later, screen) = try setup.run("112\n", outcomes: true, at: P.now.addingTimeInterval(3 * 3600))
        guard case .proceed = later else { Issue.record("\(later)"); return }
        #expect(!P.seenText(screen).contains("PEG"))
        #expect(try setup.store.outcomeCheckIns().count == 1)
    }

    @Test("a skip counts as the week's offer; the next calendar week (Monday) asks again; q asks again next time")
    func skipCountsForTheWeek() throws {
        let setup = P.Setup()
        try P.historyDone(setup)
        let monday = P.now.addingTimeInterval(86_400)  // 2026-03-02, a Monday
        // The daily screen is asked again on the new day; q on the PEG leaves without logging.
        let (quit, _) = try setup.run("n" + "q", outcomes: true, at: monday)
        #expect({ if case .stop(.quit) = quit { true } else { false } }())
        #expect(try setup.store.outcomeCheckIns().isEmpty, "q logs nothing: offered again")
        let (skipped, _) = try setup.run("s" + "\u{1B}" + "112\n", outcomes: true, at: monday.addingTimeInterval(60))
        guard case .proceed(let ready) = skipped else { Issue.record("\(skipped)"); return }
        #expect(ready.notes.contains { $0.hasPrefix("Weekly check skipped for this week") })
        #expect(try setup.store.outcomeCheckIns() == [OutcomeCheckIn(takenAt: monday.addingTimeInterval(60), peg: nil, psfs: [])])
        // Friday: a new day, so the daily screen again (n), then straight to the session's questions.
        let (again, screen) = try setup.run("n" + "112\n", outcomes: true, at: monday.addingTimeInterval(4 * 86_400))
        guard case .proceed = again else { Issue.record("\(again)"); return }
        #expect(!P.seenText(screen).contains("PEG"), "Friday of the same week: not again")
    }

    @Test("the PEG is stored the moment it is answered: a window closed on the activities screen keeps it")
    func pegKeptWhenTheActivitiesScreenIsLeftOpen() throws {
        let setup = P.Setup()
        let clock = ManualClock()
        let script: [FakeTerminal.Event] = "627".enumerated().map { .key(.character($1), at: .seconds(Double($0 + 2))) }
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: script)
        var storedWhileAskingActivities: [OutcomeCheckIn]?
        terminal.onRanOutOfScript = { _ in storedWhileAskingActivities = try? setup.store.outcomeCheckIns() }
        _ = try OutcomeFlow.ask(terminal: terminal, clock: clock, store: setup.store, now: P.now)
        #expect(P.seenText(terminal).contains("Which everyday activities are hard because of your back or leg?"))
        #expect(storedWhileAskingActivities == [OutcomeCheckIn(takenAt: P.now, peg: PEGAnswers(pain: 6, enjoyment: 2, activity: 7), psfs: [])])
        #expect(try setup.store.outcomeCheckIns().count == 1, "one check-in, not a second one when the screen ends")
    }

    @Test("ratings are added to the stored PEG check-in once, never to a check-in that has them or does not exist")
    func ratingsAddedOnce() throws {
        let setup = P.Setup()
        let id = try setup.store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: P.now, peg: PEGAnswers(pain: 6, enjoyment: 2, activity: 7), psfs: []))
        let ratings = [PSFSRating(activity: "walk", rating: 5)]
        try setup.store.addPSFSRatings(ratings, toCheckIn: id)
        #expect(try setup.store.outcomeCheckIns().first?.psfs == ratings)
        #expect(throws: LogError.self) { try setup.store.addPSFSRatings(ratings, toCheckIn: id) }
        #expect(throws: LogError.self) { try setup.store.addPSFSRatings(ratings, toCheckIn: id + 1) }
        #expect(throws: LogError.self) { try setup.store.addPSFSRatings([PSFSRating(activity: "walk", rating: 11)], toCheckIn: id) }
    }

    // MARK: - limber status

    static let utc: @Sendable (Date) -> Int = { _ in 0 }

    static func facts(_ store: SessionStore, now: Date) throws -> StatusFacts {
        let monday = OutcomeSchedule.weekStart(of: now, utcOffset: 0)
        return try store.statusFacts(weekStart: Date(timeIntervalSince1970: Double(monday * 86_400)),
                                     today: LogDates.day(of: now, in: .fixed(P.utc)))
    }

    @Test("status: not done today, then done today, with the week against the plan")
    func statusDoneOrNot() throws {
        let setup = P.Setup()
        let now = P.now  // Sunday 07:00
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                == "limber: not done today · 0 of 3 this week")
        try P.pastSession(setup, hoursAgo: 48)  // Friday
        try P.pastSession(setup, hoursAgo: 30)  // Saturday
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                == "limber: not done today · 2 of 3 this week")
        try P.pastSession(setup, hoursAgo: 1)
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                == "limber: today done · 3 of 3 this week")
        let monday = now.addingTimeInterval(86_400)
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: monday), target: 4, now: monday, utcOffset: Self.utc)
                == "limber: not done today · 0 of 4 this week", "a new week starts on Monday")
    }

    @Test("status names a flare, a red-flag answer of today, or a history answer waiting for a clinician")
    func statusHolds() throws {
        let setup = P.Setup()
        let now = P.now
        let day = LogDates.day(of: now, in: .fixed(P.utc))
        try setup.store.appendCheckIn(CheckInRow(at: now, day: day, kind: .sinceLast, answersJSON: "{}", outcome: "worse"))
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                == "limber: not done today · 0 of 3 this week · flare today: exercises step back")
        try setup.store.appendCheckIn(CheckInRow(at: now, day: day, kind: .historyCheck, answersJSON: #"{"cancer_history":true}"#, outcome: "see_clinician"))
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                .hasSuffix("gentle routines only until a clinician has assessed your history answers"))
        try setup.store.appendCheckIn(CheckInRow(at: now.addingTimeInterval(1), day: day, kind: .redFlag, answersJSON: "{}", outcome: "emergency"))
        #expect(StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                .hasSuffix("RED FLAG today: seek emergency care, no session"))
        try setup.store.appendCheckIn(CheckInRow(at: now.addingTimeInterval(2), day: day, kind: .clinicianAssessed,
                                                 answersJSON: #"{"about":"daily"}"#, outcome: day))
        #expect(!StatusFlow.line(facts: try Self.facts(setup.store, now: now), target: 3, now: now, utcOffset: Self.utc)
                .contains("RED FLAG"), "assessed since: no longer a hold")
    }

    @Test("status without a log, or with a data folder that is a file: a short line, never an error")
    func statusNoLog() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-status-\(UUID().uuidString)")
        #expect(StatusFlow.line(dataDir: folder.path) == "limber: no log yet · `limber` starts your first session")
        try Data("x".utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(StatusFlow.line(dataDir: folder.path).hasPrefix("limber: cannot read the log ("))
    }
}
