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

        func run(_ keys: String, skipScreen: Bool = false, at now: Date = PreSessionTests.now) throws -> (PreSession.Result, FakeTerminal) {
            let clock = ManualClock()
            var at = Instant.seconds(1)
            let script: [FakeTerminal.Event] = keys.map { character in
                at = at.advanced(by: .seconds(1))
                return .key(character == "\n" ? .enter : .character(character), at: at)
            }
            let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: script)
            let base = try SessionPlan(routine: PreSessionTests.core, catalogLookup: PreSessionTests.catalog.exercise)
            let result = try PreSession.run(terminal: terminal, clock: clock, store: store, catalog: PreSessionTests.catalog,
                                            routine: PreSessionTests.core, basePlan: base, skipScreen: skipScreen,
                                            now: now, timeZone: PreSessionTests.utc)
            return (result, terminal)
        }
    }

    static let allNo = String(repeating: "n", count: RedFlags.all.count)

    @Test("an emergency answer stops here and is logged")
    func emergency() throws {
        let setup = Setup()
        let (result, terminal) = try setup.run("y\n")
        guard case .stop(.emergency) = result else { Issue.record("\(result)"); return }
        #expect(terminal.lines.contains("  SEEK EMERGENCY CARE NOW"))
        let logged = try setup.store.checkIns(kind: .redFlag)
        #expect(logged.map(\.outcome) == ["emergency"])
        #expect(logged.first?.answersJSON == #"{"saddle_numbness":true}"#)
        #expect(try setup.store.sessions().isEmpty)
    }

    @Test("all clear: leg and back pain, then the prescription; the check is not asked twice a day")
    func clear() throws {
        let setup = Setup()
        let (result, _) = try setup.run(Self.allNo + "6\n3\n\n")
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(ready.legPainBefore == 6 && ready.backPainBefore == 3 && ready.startingPain == 6)
        #expect(ready.routine.id == "core")
        #expect(ready.plan.exercises[0].dose.work == .seconds(30))
        #expect(ready.checkInIDs.count == 1)
        // Later the same day: straight to the pain questions.
        let (again, _) = try setup.run("2\n2\n\n", at: Self.now.addingTimeInterval(3600))
        guard case .proceed(let second) = again else { Issue.record("\(again)"); return }
        #expect(second.checkInIDs.isEmpty)
        #expect(try setup.store.checkIns(kind: .redFlag).count == 1)
    }

    @Test("see a clinician: only the gentle routine today, after y")
    func seeClinician() throws {
        let setup = Setup()
        let answers = RedFlags.all.map { $0.id == "fever" ? "y" : "n" }.joined()
        let (result, _) = try setup.run(answers + "y" + "1\n1\n\n")
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(ready.routine.id == "gentle-relief")
        #expect(ready.plan.exercises[0].dose == Dose(sets: 1, work: .seconds(20), rest: 15))
        #expect(try setup.store.checkIns(kind: .redFlag).map(\.outcome) == ["see_clinician"])
        let (declined, _) = try Setup().run(answers + "n")
        guard case .stop(.declinedAfterRedFlag) = declined else { Issue.record("\(declined)"); return }
    }

    @Test("--skip-screen is logged; the since-last question comes when the last session was on an earlier day")
    func skipAndSinceLast() throws {
        let setup = Setup()
        let id = try setup.store.startSession(NewSession(routineID: "core", routineName: "Core", startedAt: Self.now.addingTimeInterval(-86_400), plannedSets: 2))
        for side in [BodySide.left, .right] {
            try setup.store.appendSet(loggedSet(sessionID: id, position: 0, exerciseID: "knee-to-chest", exerciseName: "Knee to chest",
                                             side: side, setNumber: 1, target: .seconds(30), done: .seconds(30),
                                             pain: 1, spread: false, adjustment: .keep, reason: "", completedAt: Self.now.addingTimeInterval(-86_000)))
        }
        try setup.store.finishSession(id: id, status: .completed, painAfter: 1, endedAt: Self.now.addingTimeInterval(-85_000))
        let (result, _) = try setup.run("3" + "2\n2\n\n", skipScreen: true)
        guard case .proceed(let ready) = result else { Issue.record("\(result)"); return }
        #expect(ready.sinceLast == .worse)
        #expect(ready.prescription.flare?.cause == .reportedWorse)
        #expect(ready.plan.exercises[0].dose.work == .seconds(21))
        #expect(try setup.store.checkIns(kind: .skipScreen).count == 1)
        #expect(try setup.store.checkIns(kind: .sinceLast).map(\.outcome) == ["worse"])
        #expect(try setup.store.checkIns(kind: .redFlag).isEmpty)
        #expect(ready.checkInIDs.count == 2)
    }

    @Test("after the session: leg and back pain are stored")
    func post() throws {
        let setup = Setup()
        let id = try setup.store.startSession(NewSession(routineID: "core", routineName: "Core", startedAt: Self.now, plannedSets: 2))
        let clock = ManualClock()
        let terminal = FakeTerminal(size: Size(width: 40, height: 12), clock: clock, script: [
            .key(.character("2"), at: .seconds(1)), .key(.enter, at: .seconds(2)),
            .key(.character("5"), at: .seconds(3)), .key(.enter, at: .seconds(4)),
        ])
        let result = try PostSession.run(terminal: terminal, clock: clock, store: setup.store, sessionID: id)
        #expect(result?.leg == 2 && result?.back == 5)
        let record = try #require(try setup.store.session(id: id)).session
        #expect(record.legPainAfter == 2 && record.backPainAfter == 5)
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
