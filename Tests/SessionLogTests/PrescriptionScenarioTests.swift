import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

/// Histories written through `SessionStore` into a temporary database, read back with
/// `pastSessions`, and prescribed with `Prescriber`: the prescription and every reason follow
/// the policy.
@Suite("prescription scenarios through the log")
struct PrescriptionScenarioTests {
    static let utc = TimeZone(identifier: "UTC")!

    static let bridgeHold = Exercise(
        id: "bridge-hold", name: "Bridge hold", kind: .strength, sides: .both,
        dose: Dose(sets: 3, work: .seconds(15), rest: 30), max: DoseCeiling(seconds: 30),
        steps: ["Lift.", "Hold."], harder: "glute-bridge")
    static let gluteBridge = Exercise(
        id: "glute-bridge", name: "Glute bridge", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 45), max: DoseCeiling(reps: 14),
        steps: ["Lift.", "Lower."], easier: "bridge-hold", harder: "single-leg-bridge")
    static let singleLegBridge = Exercise(
        id: "single-leg-bridge", name: "Single-leg bridge", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .reps(8), rest: 45), max: DoseCeiling(reps: 10),
        steps: ["Lift on one leg."], easier: "glute-bridge")
    static let kneeToChest = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
        dose: Dose(sets: 3, work: .seconds(30), rest: 15), max: DoseCeiling(seconds: 45), steps: ["Pull one knee in."])
    static let routine = Routine(id: "core", name: "Core", kind: .strength, summary: "Core.", items: [
        RoutineItem(exercise: "glute-bridge"),
        RoutineItem(exercise: "knee-to-chest", override: DoseOverride(sets: 1)),
    ])
    static let catalog = Catalog(exercises: [bridgeHold, gluteBridge, singleLegBridge, kneeToChest], routines: [routine])
    static var plan: SessionPlan { try! SessionPlan(routine: routine, catalogLookup: catalog.exercise) }

    /// A store in a fresh folder, and a way to log whole sessions into it, one a day.
    final class Log {
        let folder = TempFolder()
        let store: SessionStore
        /// Hours since the epoch-ish start of the fixture; one session a day unless told otherwise.
        var hours: Double = 0

        init() { store = try! SessionStore(folder: folder.url) }

        /// One bridge set: pain, exercise, work, spread mark, adjustment.
        struct Bridge {
            var pain: Int
            var exercise = "glute-bridge"
            var work: Work = .reps(10)
            var spread = false
            var adjustment: Adjustment = .keep
            /// What was done, when less than the target (an unfinished set).
            var done: Work? = nil
        }

        /// Logs a session of the routine on the next day; `sinceLast` is answered before it.
        @discardableResult
        func session(_ bridge: [Bridge], knee: [Int] = [1], leg: Int = 2, back: Int = 2, sinceLast: SinceLastAnswer? = nil,
                     skipBridge: Bool = false, skipReason: SkipReason? = nil, hoursAfterLast: Double = 24, kneeSpread: Bool = false) throws -> Int64 {
            hours += hoursAfterLast
            let start = t(hours * 3600)
            if let sinceLast {
                try store.appendCheckIn(CheckInRow(at: start.addingTimeInterval(-60), day: LogDates.day(of: start, in: .fixed(PrescriptionScenarioTests.utc)),
                                                   kind: .sinceLast, answersJSON: "{}", outcome: sinceLast.rawValue))
            }
            let id = try store.startSession(NewSession(routineID: "core", routineName: "Core", startedAt: start,
                                                       legPainBefore: leg, backPainBefore: back, plannedSets: 3))
            var clock = start
            for (index, set) in bridge.enumerated() {
                clock.addTimeInterval(60)
                // The session's plan had its first set's exercise at position 0; a switch keeps it as planned.
                try store.appendSet(loggedSet(sessionID: id, position: 0, exerciseID: set.exercise, exerciseName: set.exercise,
                                           side: .both, setNumber: index + 1, target: set.work,
                                           done: set.done ?? set.work, pain: set.pain, spread: set.spread, adjustment: set.adjustment,
                                           reason: "", completedAt: clock, plannedExerciseID: bridge[0].exercise))
            }
            if skipBridge || skipReason != nil {
                try store.appendSkip(SkipRow(sessionID: id, position: 0, exerciseID: "glute-bridge", at: clock, reason: skipReason))
            }
            for (index, pain) in knee.enumerated() {
                clock.addTimeInterval(60)
                for side in [BodySide.left, .right] {
                    try store.appendSet(loggedSet(sessionID: id, position: 1, exerciseID: "knee-to-chest", exerciseName: "Knee to chest",
                                               side: side, setNumber: index + 1, target: .seconds(30), done: .seconds(30), pain: pain, spread: kneeSpread,
                                               adjustment: kneeSpread ? .stopExercise : .keep, reason: "", completedAt: clock))
                }
            }
            try store.finishSession(id: id, status: .completed, painAfter: 1, endedAt: clock.addingTimeInterval(30))
            return id
        }

        func easy(_ exercise: String = "glute-bridge", _ work: Work = .reps(10)) throws {
            try session([Bridge(pain: 1, exercise: exercise, work: work), Bridge(pain: 2, exercise: exercise, work: work)])
        }

        /// Today's prescription from what the log holds.
        func prescribe(sinceLast: SinceLastAnswer? = nil, startingPain: Int? = 2) throws -> Prescription {
            let history = try store.pastSessions(zone: .fixed(PrescriptionScenarioTests.utc))
            return Prescriber.prescribe(base: PrescriptionScenarioTests.plan, history: history,
                                        today: TodayCheckIn(sinceLast: sinceLast, startingPain: startingPain),
                                        catalog: PrescriptionScenarioTests.catalog)
        }
    }

    @Test("two easy sessions on two days step up exactly one step, with the reason; the rule is named")
    func oneStepWithReason() throws {
        let log = Log()
        try log.easy()
        try log.easy()
        let p = try log.prescribe()
        #expect(p.plan.exercises[0].dose.work == .reps(12), "+2 reps, not more")
        #expect(p.exercises[0].rule == .stepUp)
        #expect(p.exercises[0].reason.hasSuffix("up from 10: two easy sessions in a row (every set 0-3, no spread)."))
    }

    @Test("a set done below 80% of its target never counts as easy")
    func unfinishedSets() throws {
        let log = Log()
        // 3 of 10 reps at pain 1, twice: the old rule stepped these up.
        let short = Log.Bridge(pain: 1, done: .reps(3))
        try log.session([short, short])
        try log.session([short, short])
        let p = try log.prescribe()
        #expect(p.plan.exercises[0].dose.work == .reps(10))
        #expect(p.exercises[0].rule == .unfinished)
        #expect(p.exercises[0].reason.contains("a set was done below 80% of its target"))
        let sets = try log.store.history().first?.sets.filter { $0.record.planIndex == 0 }.map(\.record.done)
        #expect(sets == [.reps(3), .reps(3)], "logged as done")
        // 8 of 10 is done.
        let log2 = Log()
        let almost = Log.Bridge(pain: 1, done: .reps(8))
        try log2.session([almost, almost])
        try log2.session([almost, almost])
        #expect(try log2.prescribe().plan.exercises[0].dose.work == .reps(12))
    }

    @Test("sessions under 12 hours apart never make two steps toward progression")
    func tooClose() throws {
        let log = Log()
        try log.easy()
        try log.session([Log.Bridge(pain: 1), Log.Bridge(pain: 2)], hoursAfterLast: 0.05)  // three minutes later
        let p = try log.prescribe()
        #expect(p.plan.exercises[0].dose.work == .reps(10))
        #expect(p.exercises[0].rule == .tooClose)
        #expect(p.exercises[0].reason.contains("less than 12 hours apart, so they count as one"))
        try log.easy()  // the next day: now two easy sessions 12+ hours apart
        #expect(try log.prescribe().plan.exercises[0].dose.work == .reps(12))
    }

    @Test("a spread mark anywhere holds every exercise at its dose next session")
    func spreadAnywhereHoldsAll() throws {
        let log = Log()
        try log.easy()
        // The bridge is easy again, but the knee stretch spread: the bridge holds too.
        try log.session([Log.Bridge(pain: 1), Log.Bridge(pain: 1)], kneeSpread: true)
        let p = try log.prescribe()
        #expect(p.plan.exercises[0].dose.work == .reps(10))
        #expect(p.exercises[0].rule == .spreadElsewhere)
        #expect(p.exercises[0].reason.contains("pain spread down your leg in your last session, so every exercise holds its dose"))
        #expect(p.exercises[1].change == .steppedBack, "the exercise that spread steps back")
    }

    @Test("a skip mid-set because of pain or spread counts like a rating; no time does not")
    func skipReasons() throws {
        let log = Log()
        try log.easy()
        try log.session([Log.Bridge(pain: 1)], skipReason: .tooPainful)
        let painful = try log.prescribe()
        #expect(painful.exercises[0].rule == .stopped)
        #expect(painful.exercises[0].change == .steppedBack)
        #expect(try log.store.history().first?.skips.first?.reason == .tooPainful, "the reason is logged")
        let spreadLog = Log()
        try spreadLog.easy()
        try spreadLog.session([Log.Bridge(pain: 1)], skipReason: .spread)
        let spread = try spreadLog.prescribe()
        #expect(spread.exercises[0].rule == .spread)
        #expect(spread.plan.exercises[0].exercise.id == "bridge-hold", "the easier variant first")
        #expect(spread.exercises[1].rule == .spreadElsewhere)
        let busy = Log()
        try busy.easy()
        try busy.session([Log.Bridge(pain: 1)], skipReason: .noTime)
        #expect(try busy.prescribe().exercises[0].rule == .skippedPartway)
    }

    @Test("the review's trend of where the pain reaches, and the marks, are logged and exported")
    func reachLogged() throws {
        let log = Log()
        let id = try log.session([Log.Bridge(pain: 1)])
        try log.store.updatePainReach(sessionID: id, before: .belowKnee, after: .thigh)
        let stored = try #require(try log.store.history().first)
        #expect(stored.session.reachBefore == .belowKnee && stored.session.reachAfter == .thigh)
        let csv = LogExport.csv([stored])
        #expect(csv.hasPrefix(LogExport.sessionFieldNames.joined(separator: ",") + "," + LogExport.setFieldNames.joined(separator: ",")))
        #expect(csv.contains(",below_knee,thigh,"))
        #expect(LogExport.jsonObject(stored).contains(#""reach_before":"below_knee","reach_after":"thigh""#))
    }

    @Test("two green sessions: the bridge goes up by 2 reps and says why")
    func twoGreen() throws {
        let log = Log()
        try log.easy()
        try log.easy()
        let p = try log.prescribe()
        #expect(p.plan.exercises[0].dose.work == .reps(12))
        #expect(p.plan.exercises[0].prescriptionNote == "Glute bridge 2 x 12 reps, up from 10: two easy sessions in a row (every set 0-3, no spread).")
        #expect(p.exercises[1].change == .progressed, "the stretch was easy twice too")
        #expect(p.plan.exercises[1].prescriptionNote == "Knee to chest 1 x 35 s each, up from 30 s: two easy sessions in a row (every set 0-3, no spread).")
    }

    @Test("green then amber: no progression")
    func greenThenAmber() throws {
        let log = Log()
        try log.easy()
        try log.session([.init(pain: 2), .init(pain: 4)])
        let p = try log.prescribe()
        #expect(p.exercises[0].change == .held)
        #expect(p.plan.exercises[0].dose.work == .reps(10))
        #expect(p.exercises[0].reason == "Glute bridge 2 x 10 reps, same as last time: pain reached 4 (4-5 is acceptable; no step up from that session).")
        #expect(p.plan.exercises[0].prescriptionNote == nil, "the routine's own dose needs no note")
    }

    @Test("a stop: the easier variant next time, with the reason")
    func stop() throws {
        let log = Log()
        try log.easy()
        try log.session([.init(pain: 3), .init(pain: 8, adjustment: .stopExercise)])
        let p = try log.prescribe()
        #expect(p.plan.exercises[0].exercise.id == "bridge-hold")
        #expect(p.plan.exercises[0].dose == Dose(sets: 2, work: .seconds(15), rest: 45))
        #expect(p.plan.exercises[0].prescriptionNote == "Bridge hold 2 x 15 s, the easier variant, instead of Glute bridge: last time it was stopped (pain 8).")
        #expect(p.plan.exercises[0].easierVariant == nil, "bridge hold is the bottom of the chain")
    }

    @Test("a spread mark after an in-session switch: the log keeps the planned exercise, next time is easier")
    func spreadAfterSwitch() throws {
        let log = Log()
        try log.session([.init(pain: 6, adjustment: .switchEasier),
                         .init(pain: 2, exercise: "bridge-hold", work: .seconds(15), spread: true, adjustment: .stopExercise)])
        let history = try log.store.pastSessions(zone: .fixed(Self.utc))
        #expect(history[0].sets[1].plannedExerciseID == "glute-bridge")
        #expect(history[0].sets[1].decision.action == .stopExercise)
        let p = try log.prescribe()
        #expect(p.exercises[0].lastLevel == ExerciseLevel(exerciseID: "glute-bridge", work: .reps(10)))
        #expect(p.plan.exercises[0].exercise.id == "bridge-hold")
        #expect(p.plan.exercises[0].prescriptionNote?.hasSuffix("last time pain spread down your leg.") == true)
    }

    @Test("a flare: one step back with the reason, and no progression the next time")
    func flare() throws {
        let log = Log()
        try log.easy()
        try log.easy()
        // Today the person says "worse": everything done last session steps back.
        let flareDay = try log.prescribe(sinceLast: .worse)
        #expect(flareDay.flare?.cause == .reportedWorse)
        #expect(flareDay.plan.exercises[0].dose.work == .reps(7))
        #expect(flareDay.plan.exercises[0].prescriptionNote == "Glute bridge 2 x 7 reps, down from 10: a flare: you said your pain is worse since your last session.")
        #expect(flareDay.plan.exercises[1].dose.work == .seconds(21))
        // They do it, easily.
        try log.session([.init(pain: 1, work: .reps(7)), .init(pain: 1, work: .reps(7))], sinceLast: .worse)
        #expect(try log.store.pastSessions(zone: .fixed(Self.utc)).last?.flareReported == true)
        let next = try log.prescribe(sinceLast: .better)
        #expect(next.flare == nil)
        #expect(next.exercises[0].change == .held)
        #expect(next.plan.exercises[0].dose.work == .reps(7))
        #expect(next.plan.exercises[0].prescriptionNote == "Glute bridge 2 x 7 reps, same as last time: the last session started on a flare, and limber never steps up right after a flare.")
        // Two more easy sessions after the flare day: one more moves it up (the flare day does not count).
        try log.session([.init(pain: 1, work: .reps(7)), .init(pain: 1, work: .reps(7))], sinceLast: .same)
        #expect(try log.prescribe().exercises[0].change == .held)
        try log.session([.init(pain: 1, work: .reps(7)), .init(pain: 1, work: .reps(7))])
        #expect(try log.prescribe().plan.exercises[0].dose.work == .reps(9))
    }

    @Test("a flare from starting pain 2+ above the usual (leg and back before)")
    func flareFromPain() throws {
        let log = Log()
        for _ in 0..<3 { try log.session([.init(pain: 1), .init(pain: 1)], leg: 3, back: 1) }
        let history = try log.store.pastSessions(zone: .fixed(Self.utc))
        #expect(history.map(\.startingPain) == [3, 3, 3], "the worse of leg and back")
        let p = try log.prescribe(startingPain: 5)
        #expect(p.flare?.reason == "today's pain 5 is 2 or more above your usual 3")
        #expect(p.exercises.allSatisfy { $0.change == .steppedBack })
    }

    @Test("a chain that reaches its top: the harder variant, then the top of the chain stays")
    func chainTop() throws {
        let log = Log()
        try log.easy("glute-bridge", .reps(14))
        try log.easy("glute-bridge", .reps(14))
        let moreSets = try log.prescribe()
        #expect(moreSets.plan.exercises[0].dose.sets == 3, "+1 set at the top of the reps range")
        #expect(moreSets.exercises[0].rule == .stepUp)
        let three = Log.Bridge(pain: 1, work: .reps(14))
        try log.session([three, three, three])
        try log.session([three, three, three])
        let harder = try log.prescribe()
        #expect(harder.plan.exercises[0].exercise.id == "single-leg-bridge")
        #expect(harder.plan.exercises[0].dose.work == .reps(8))
        #expect(harder.plan.exercises[0].prescriptionNote == "Single-leg bridge 2 x 8 reps, the harder variant, instead of Glute bridge at its top (14): two easy sessions in a row (every set 0-3, no spread).")
        try log.easy("single-leg-bridge", .reps(8))
        try log.easy("single-leg-bridge", .reps(8))
        #expect(try log.prescribe().plan.exercises[0].dose.work == .reps(10))
        let topSet = Log.Bridge(pain: 1, exercise: "single-leg-bridge", work: .reps(10))
        try log.session([topSet, topSet, topSet])
        try log.session([topSet, topSet, topSet])
        let top = try log.prescribe()
        #expect(top.exercises[0].change == .held)
        #expect(top.plan.exercises[0].exercise.id == "single-leg-bridge")
        #expect(top.plan.exercises[0].dose.work == .reps(10))
        #expect(top.plan.exercises[0].prescriptionNote == "Single-leg bridge 3 x 10 reps, kept: it is at the top of its range (10) and has no harder variant.")
    }

    @Test("a skipped exercise does not break or count toward the streak")
    func skips() throws {
        let log = Log()
        try log.easy()
        try log.session([], skipBridge: true)
        try log.easy()
        #expect(try log.prescribe().plan.exercises[0].dose.work == .reps(12))
        try log.session([.init(pain: 1, work: .reps(12))], skipBridge: true)
        let history = try log.store.pastSessions(zone: .fixed(Self.utc))
        #expect(history.last?.skippedPositions == [0])
        #expect(try log.prescribe().exercises[0].reason.contains("skipped partway"))
    }

    @Test("sessions in progress are left out; the limit keeps the newest")
    func inProgressAndLimit() throws {
        let log = Log()
        try log.easy()
        try log.easy()
        try log.store.startSession(NewSession(routineID: "core", routineName: "Core", startedAt: t(10 * 86_400), plannedSets: 3))
        #expect(try log.store.pastSessions(zone: .fixed(Self.utc)).count == 2)
        #expect(try log.store.pastSessions(limit: 2, zone: .fixed(Self.utc)).count == 1)
    }

    @Test("leg and back pain before and after are stored; check-ins link to their session")
    func bodyPainAndLinks() throws {
        let folder = TempFolder()
        let store = try SessionStore(folder: folder.url)
        #expect(try store.isFirstRun())
        #expect(try store.lastSessionStart() == nil)
        let checkIn = try store.appendCheckIn(CheckInRow(at: t(), day: "2026-03-01", kind: .redFlag, answersJSON: "{}", outcome: "clear"))
        #expect(try store.isFirstRun() == false)
        let id = try store.startSession(newSession(t(60)))
        #expect(try store.lastSessionStart() == t(60))
        try store.updateBodyPain(sessionID: id, legBefore: 6, backBefore: 3)
        try store.finishSession(id: id, status: .completed, painAfter: 2, endedAt: t(600))
        try store.updateBodyPain(sessionID: id, legAfter: 4, backAfter: 5)
        let record = try #require(try store.session(id: id)).session
        #expect([record.legPainBefore, record.backPainBefore, record.legPainAfter, record.backPainAfter] == [6, 3, 4, 5])
        #expect(throws: LogError.self) { try store.updateBodyPain(sessionID: id, legAfter: 11) }
        #expect(throws: LogError.self) { try store.updateBodyPain(sessionID: 999, legAfter: 1) }
        try store.attachCheckIns([checkIn], toSession: id)
        #expect(try store.checkIns(kind: .redFlag).first?.sessionID == id)
        #expect(throws: LogError.self) { try store.attachCheckIns([checkIn], toSession: 999) }
    }
}
