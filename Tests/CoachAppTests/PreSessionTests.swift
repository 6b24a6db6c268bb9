import MonotonicTime
import CoachPolicy
import TUIKit
import CoachUI
import ExerciseCatalog
import Foundation
import SessionEngine
import SessionLog
import Testing
@testable import CoachApp
import TestSupport

/// The checks around a session, driven through a scripted terminal against a temporary database.
@Suite("pre-session flow")
struct PreSessionTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Date(timeIntervalSince1970: 1_772_348_400)  // 2026-03-01 07:00 UTC

    static let kneeToChest = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
        dose: Dose(sets: 3, work: .seconds(30), rest: 15), max: DoseCeiling(seconds: 45), steps: ["Pull."])
    static let core = Routine(id: "core", name: "Core", kind: .strength, summary: "Core.", items: [RoutineItem(exercise: "knee-to-chest")])
    static let gentle = Routine(id: "gentle-relief", name: "Gentle relief", kind: .relief, summary: "Gentle.",
                                items: [RoutineItem(exercise: "knee-to-chest", override: DoseOverride(sets: 1, seconds: 20))])
    static let catalog = Catalog(exercises: [kneeToChest], routines: [core, gentle])

    final class Setup {
        let folder: URL
        let store: SessionStore
        init() {
            folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-presession-\(UUID().uuidString)")
            store = try! SessionStore(folder: folder)
        }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func run(_ keys: String, skipScreen: Bool = false, outcomes: Bool = false,
                 at now: Date = PreSessionTests.now) throws -> (PreSession.Result, FakeTerminal) {
            let clock = ManualClock()
            var at = Instant.seconds(1)
            let script: [FakeTerminal.Event] = keys.map { character in
                at = at.advanced(by: .seconds(1))
                return .key(character == "\n" ? .enter : character == "\u{1B}" ? .escape : .character(character), at: at)
            }
            let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: script)
            terminal.onRanOutOfScript = { Issue.record(Comment(rawValue: $0)) }
            let base = try SessionPlan(routine: PreSessionTests.core, catalogLookup: PreSessionTests.catalog.exercise)
            let result = try PreSession.run(terminal: terminal, clock: clock, store: store, catalog: PreSessionTests.catalog,
                                            routine: PreSessionTests.core, basePlan: base, skipScreen: skipScreen,
                                            offerOutcomes: outcomes, now: now, zone: .fixed(PreSessionTests.utc))
            return (result, terminal)
        }
    }

    /// Every line of every screen drawn, in order.
    static func seen(_ terminal: FakeTerminal) -> [String] { terminal.drawnGrids.flatMap(\.lines) }
    /// Everything drawn as one text, runs of spaces as one (so a sentence is found across a wrap).
    static func seenText(_ terminal: FakeTerminal) -> String {
        seen(terminal).joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The history check answered "no" to everything.
    static let historyNo = String(repeating: "n", count: RedFlags.history.count)

    /// Logs a clear history check `daysAgo` days before `now`, so the daily tests see only the daily screen.
    static func historyDone(_ setup: Setup, daysAgo: Double = 1) throws {
        let at = now.addingTimeInterval(-daysAgo * 86_400)
        _ = try setup.store.appendCheckIn(CheckInRow(at: at, day: LogDates.day(of: at, in: .fixed(utc)), kind: .historyCheck,
                                                     answersJSON: "{}", outcome: "clear"))
    }

    /// A finished session of `core` that started `hoursAgo` hours before `now`, every set at pain 1.
    static func pastSession(_ setup: Setup, hoursAgo: Double) throws {
        let start = now.addingTimeInterval(-hoursAgo * 3600)
        let id = try setup.store.startSession(NewSession(routineID: "core", routineName: "Core", startedAt: start, plannedSets: 2))
        for side in [BodySide.left, .right] {
            try setup.store.appendSet(loggedSet(sessionID: id, position: 0, exerciseID: "knee-to-chest", exerciseName: "Knee to chest",
                                             side: side, setNumber: 1, target: .seconds(30), done: .seconds(30),
                                             pain: 1, spread: false, adjustment: .keep, reason: "", completedAt: start.addingTimeInterval(120)))
        }
        try setup.store.finishSession(id: id, status: .completed, painAfter: 1, endedAt: start.addingTimeInterval(600))
    }

    @Test("an emergency answer stops here, is logged, and stays on record for the day until assessed")
    func emergency() throws {
        let setup = Setup()
        try Self.historyDone(setup)
        let (result, terminal) = try setup.run("yy\n")
        guard case .stop(.emergency) = result else { Issue.record("\(result)"); return }
        #expect(Self.seen(terminal).contains("  SEEK EMERGENCY CARE NOW"))
        let logged = try setup.store.checkIns(kind: .redFlag)
        #expect(logged.map(\.outcome) == ["emergency"])
        #expect(logged.first?.answersJSON == #"{"saddle_numbness":true}"#)
        #expect(try setup.store.sessions().isEmpty)

        // A later launch the same day: the answer is shown again, never a silent normal session.
        let (again, screen) = try setup.run("n", at: Self.now.addingTimeInterval(2 * 3600))
        guard case .stop(.emergency) = again else { Issue.record("\(again)"); return }
        #expect(Self.seen(screen).contains("  SEEK EMERGENCY CARE NOW"))
        #expect(Self.seen(screen).contains { $0.contains("Earlier today") })
        #expect(Self.seenText(screen).contains("Have you been assessed by a clinician since?"))
        #expect(try setup.store.checkIns(kind: .redFlag).count == 1, "not asked again: the answer is on record")

        // Assessed since: logged with its date, and the day goes on.
        let (assessed, _) = try setup.run("a" + "1\n1\n2\n", at: Self.now.addingTimeInterval(5 * 3600))
        guard case .proceed(let ready) = assessed else { Issue.record("\(assessed)"); return }
        #expect(ready.routine.id == "core")
        let confirmation = try #require(try setup.store.checkIns(kind: .clinicianAssessed).last)
        #expect(confirmation.outcome == "2026-03-01")
        #expect(confirmation.answersJSON.contains(#""about":"daily""#))
    }

    @Test("same-day signs: no exercise today, what to do, logged; a later launch shows it again")
    func sameDay() throws {
        let setup = Setup()
        try Self.historyDone(setup)
        // y on the list, then no to the four emergency items, yes to the weakening leg, no to fever.
        let (result, terminal) = try setup.run("y" + "nnnn" + "y" + "n" + "\n")
        guard case .stop(.sameDay) = result else { Issue.record("\(result)"); return }
        #expect(Self.seen(terminal).contains("  GET SEEN TODAY · NO EXERCISE TODAY"))
        #expect(Self.seen(terminal).contains("  Call your doctor or an urgent care service today: this needs to be seen"))
        #expect(PreSession.StopReason.sameDay.message.contains("call your doctor or an urgent care service today"))
        let logged = try #require(try setup.store.checkIns(kind: .redFlag).first)
        #expect(logged.outcome == "same_day")
        #expect(logged.answersJSON.contains(#""weak_leg":true"#))
        let (again, screen) = try setup.run("n", at: Self.now.addingTimeInterval(3600))
        guard case .stop(.sameDay) = again else { Issue.record("\(again)"); return }
        #expect(Self.seen(screen).contains("  GET SEEN TODAY · NO EXERCISE TODAY"))
    }

    @Test("all clear: one key on the daily screen, the history check at setup, then leg and back pain; nothing asked twice a day")
    func clear() throws {
        let setup = Setup()
        let (result, _) = try setup.run("n" + Self.historyNo + "6\n3\n2\n")
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(ready.legPainBefore == 6 && ready.backPainBefore == 3 && ready.startingPain == 6)
        #expect(ready.reachBefore == .buttock, "one key: 2 = buttock")
        #expect(ready.routine.id == "core")
        #expect(ready.plan.exercises[0].dose.work == .seconds(30))
        #expect(ready.checkInIDs.count == 2)
        #expect(try setup.store.checkIns(kind: .redFlag).map(\.outcome) == ["clear"])
        #expect(try setup.store.checkIns(kind: .historyCheck).map(\.outcome) == ["clear"])
        // Later the same day: straight to the pain questions.
        let (again, _) = try setup.run("2\n2\n2\n", at: Self.now.addingTimeInterval(3600))
        guard case .proceed(let second) = again else { Issue.record("\(again)"); return }
        #expect(second.checkInIDs.isEmpty)
        // The next day: one key for the daily screen, no history check (not due for four weeks).
        let (tomorrow, _) = try setup.run("n" + "2\n2\n2\n", at: Self.now.addingTimeInterval(86_400))
        guard case .proceed = tomorrow else { Issue.record("\(tomorrow)"); return }
        #expect(try setup.store.checkIns(kind: .redFlag).count == 2)
        #expect(try setup.store.checkIns(kind: .historyCheck).count == 1)
        // Four weeks on: the history check again.
        let (later, terminal) = try setup.run("n" + Self.historyNo + "2\n2\n2\n", at: Self.now.addingTimeInterval(28 * 86_400))
        guard case .proceed = later else { Issue.record("\(later)"); return }
        #expect(try setup.store.checkIns(kind: .historyCheck).count == 2)
        _ = terminal
    }

    @Test("a history yes: gentle routines only, every day, until a clinician has assessed it (logged with its date)")
    func historyYes() throws {
        let setup = Setup()
        // Daily clear; history: cancer yes, the rest no; the notice; pain.
        let (result, terminal) = try setup.run("n" + "y" + String(Self.historyNo.dropFirst()) + "\n" + "1\n1\n2\n")
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(ready.routine.id == "gentle-relief")
        #expect(ready.plan.exercises[0].dose == Dose(sets: 1, work: .seconds(20), rest: 15))
        #expect(ready.notes.contains { $0.contains("Today only the gentle routine") })
        _ = terminal
        let history = try #require(try setup.store.checkIns(kind: .historyCheck).first)
        #expect(history.outcome == "see_clinician")
        #expect(history.answersJSON.contains(#""cancer_history":true"#))
        // The next day: not yet assessed, so the gentle routine again (one key).
        let day2 = Self.now.addingTimeInterval(86_400)
        let (notYet, screen) = try setup.run("n" + "g" + "1\n1\n2\n", at: day2)
        guard case .proceed(let gentle) = notYet else { Issue.record("\(notYet)"); return }
        #expect(gentle.routine.id == "gentle-relief")
        #expect(Self.seen(screen).contains { $0.contains("Has a clinician assessed it since?") })
        // The day after: assessed; the chosen routine again, and the confirmation is logged with its date.
        let (assessed, _) = try setup.run("n" + "a" + "1\n1\n2\n", at: day2.addingTimeInterval(86_400))
        guard case .proceed(let normal) = assessed else { Issue.record("\(assessed)"); return }
        #expect(normal.routine.id == "core")
        let confirmation = try #require(try setup.store.checkIns(kind: .clinicianAssessed).first)
        #expect(confirmation.outcome == "2026-03-03")
        // And never asked again.
        let (after, _) = try setup.run("n" + "1\n1\n2\n", at: day2.addingTimeInterval(2 * 86_400))
        guard case .proceed(let fine) = after else { Issue.record("\(after)"); return }
        #expect(fine.routine.id == "core")
    }

    @Test("--skip-screen is logged; the next-day response is asked at the first launch 12+ hours after a session")
    func skipAndSinceLast() throws {
        let setup = Setup()
        try Self.historyDone(setup)
        try Self.pastSession(setup, hoursAgo: 24)
        let (result, terminal) = try setup.run("2" + "2\n2\n2\n", skipScreen: true)
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(Self.seen(terminal).contains { $0.contains("worse than before the last session") })
        #expect(ready.sinceLast == .worse)
        #expect(ready.prescription.flare?.cause == .reportedWorse)
        #expect(ready.plan.exercises[0].dose.work == .seconds(21))
        #expect(try setup.store.checkIns(kind: .skipScreen).count == 1)
        #expect(try setup.store.checkIns(kind: .sinceLast).map(\.outcome) == ["worse"])
        #expect(try setup.store.checkIns(kind: .redFlag).isEmpty)
        #expect(ready.checkInIDs.count == 2)
        // Answered: a second launch before another session does not ask again.
        let (again, _) = try setup.run("2\n2\n2\n", skipScreen: true, at: Self.now.addingTimeInterval(600))
        guard case .proceed(let second) = again else { Issue.record("\(again)"); return }
        #expect(second.sinceLast == nil)
    }

    @Test("--skip-screen skips only the daily screen: a history check that is due (here at setup) is still asked and logged")
    func skipScreenKeepsTheHistoryCheck() throws {
        let setup = Setup()
        let (result, terminal) = try setup.run(Self.historyNo + "2\n2\n2\n", skipScreen: true)
        guard case .proceed = result else { Issue.record("\(result)"); return }
        #expect(Self.seenText(terminal).contains("health history"))
        #expect(try setup.store.checkIns(kind: .historyCheck).map(\.outcome) == ["clear"])
        #expect(try setup.store.checkIns(kind: .skipScreen).count == 1)
        #expect(try setup.store.checkIns(kind: .redFlag).isEmpty, "the daily screen is skipped")
        // Done for four weeks: the next launch with --skip-screen asks nothing before the pain.
        let (again, later) = try setup.run("2\n2\n2\n", skipScreen: true, at: Self.now.addingTimeInterval(3600))
        guard case .proceed = again else { Issue.record("\(again)"); return }
        #expect(!Self.seenText(later).contains("health history"))
    }

    @Test("the next-day response waits for 12 hours, even across midnight, and 1 answers 'back to usual'")
    func nextDayWaits() throws {
        let setup = Setup()
        try Self.historyDone(setup)
        try Self.pastSession(setup, hoursAgo: 9)  // 22:00 the evening before: too soon
        let (soon, _) = try setup.run("n" + "2\n2\n2\n")
        guard case .proceed(let early) = soon else { Issue.record("\(soon)"); return }
        #expect(early.sinceLast == nil)
        #expect(try setup.store.checkIns(kind: .sinceLast).isEmpty)
        let (later, _) = try setup.run("1" + "2\n2\n2\n", at: Self.now.addingTimeInterval(4 * 3600))
        guard case .proceed(let ready) = later else { Issue.record("\(later)"); return }
        #expect(ready.sinceLast == .same)
        #expect(ready.prescription.flare == nil)
        #expect(try setup.store.checkIns(kind: .sinceLast).map(\.outcome) == ["same"])
    }

    @Test("starting pain 7 or more offers the gentle routine first; the person may keep their choice")
    func highPain() throws {
        let setup = Setup()
        try Self.historyDone(setup)
        let (gentle, terminal) = try setup.run("n" + "8\n3\n2" + "g" + "\n")
        guard case .proceed(let ready) = gentle else { Issue.record("\(gentle)"); return }
        #expect(ready.routine.id == "gentle-relief")
        #expect(Self.seen(terminal).contains { $0.contains("Your pain is 8 today (7 or more).") })
        #expect(try setup.store.checkIns(kind: .gentleOffer).map(\.outcome) == ["gentle"])
        let (kept, _) = try setup.run("3\n7\n2" + "k" + "\n", at: Self.now.addingTimeInterval(3600))
        guard case .proceed(let mine) = kept else { Issue.record("\(kept)"); return }
        #expect(mine.routine.id == "core")
        #expect(try setup.store.checkIns(kind: .gentleOffer).map(\.outcome) == ["gentle", "kept"])
        let (low, _) = try setup.run("6\n2\n2" + "\n", at: Self.now.addingTimeInterval(7200))
        guard case .proceed(let calm) = low else { Issue.record("\(low)"); return }
        #expect(calm.routine.id == "core", "no offer below 7")
        #expect(try setup.store.checkIns(kind: .gentleOffer).count == 2)
    }

    @Test("`limber check history`: the questions now; a yes, then 'assessed' logged with its date; the next start is not gentle-only")
    func checkHistoryCommand() throws {
        let setup = Setup()
        let clock = ManualClock()
        var at = Instant.seconds(1)
        let keys = "y" + String(Self.historyNo.dropFirst()) + "\n" + "a"
        let terminal = FakeTerminal(size: Size(width: 40, height: 12), clock: clock, script: keys.map { character in
            at = at.advanced(by: .seconds(1))
            return .key(character == "\n" ? .enter : character == "\u{1B}" ? .escape : .character(character), at: at)
        })
        let line = try HistoryCheckFlow.ask(terminal: terminal, clock: clock, store: setup.store, now: Self.now, zone: .fixed(Self.utc))
        #expect(line == "Health history logged, with your confirmation that a clinician has assessed it (2026-03-01).")
        #expect(try setup.store.checkIns(kind: .historyCheck).map(\.outcome) == ["see_clinician"])
        #expect(try setup.store.checkIns(kind: .clinicianAssessed).map(\.outcome) == ["2026-03-01"])
        let (result, _) = try setup.run("n" + "1\n1\n2\n", at: Self.now.addingTimeInterval(3600))
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(ready.routine.id == "core")
    }

    @Test("after the session: leg and back pain are stored")
    func post() throws {
        let setup = Setup()
        let id = try setup.store.startSession(NewSession(routineID: "core", routineName: "Core", startedAt: Self.now, plannedSets: 2))
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 40, height: 12), clock: clock, script: [
            .key(.character("2"), at: .seconds(1)), .key(.enter, at: .seconds(2)),
            .key(.character("5"), at: .seconds(3)), .key(.enter, at: .seconds(4)),
            .key(.character("3"), at: .seconds(5)),
        ])
        let result = try PostSession.run(terminal: terminal, clock: clock, store: setup.store, sessionID: id, reachBefore: .belowKnee)
        #expect(result?.leg == 2 && result?.back == 5 && result?.reach == .thigh)
        let record = try #require(try setup.store.session(id: id)).session
        #expect(record.legPainAfter == 2 && record.backPainAfter == 5)
        #expect(record.reachBefore == .belowKnee && record.reachAfter == .thigh, "where the pain reaches, before and after")
        #expect(terminal.drawnGrids.last?.lines.contains { $0.contains("How far down your leg") } == true)
    }

    @Test("the welcome shows only on the very first run")
    func welcome() throws {
        let setup = Setup()
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [.key(.character("2"), at: .seconds(1)), .key(.character("v"), at: .seconds(1.5)), .key(.enter, at: .seconds(2))])
        let outcome = try PreSession.welcomeIfFirstRun(terminal: terminal, clock: clock, store: setup.store, catalog: Self.catalog, dataLocation: "/tmp/x")
        #expect(outcome == .chose(Self.gentle, voice: true), "v on the welcome turns spoken guidance on")
        _ = try setup.store.appendCheckIn(CheckInRow(at: Self.now, day: "2026-03-01", kind: .skipScreen, answersJSON: "{}", outcome: "skipped"))
        #expect(try PreSession.welcomeIfFirstRun(terminal: terminal, clock: clock, store: setup.store, catalog: Self.catalog, dataLocation: "/tmp/x") == .notFirstRun)
    }
}
