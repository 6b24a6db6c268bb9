import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
import Foundation
import SessionEngine
import SessionLog
import Testing
@testable import CoachApp
import TestSupport

/// Where an interrupted session continues, rebuilt from its logged rows alone.
@Suite("session resume point")
struct SessionResumeTests {
    static let bridge = Exercise(
        id: "bridge", name: "Bridge", kind: .strength, sides: .both,
        dose: Dose(sets: 3, work: .reps(10), rest: 30), steps: ["Lift."], easier: "pelvic-tilt")
    static let tilt = Exercise(
        id: "pelvic-tilt", name: "Pelvic tilt", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .seconds(20), rest: 20), steps: ["Tilt."])
    static let stretch = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
        dose: Dose(sets: 2, work: .seconds(30), rest: 15), steps: ["Pull."])
    static let eachEasier = Exercise(
        id: "side-lying", name: "Side lying", kind: .stretch, sides: .each,
        dose: Dose(sets: 2, work: .seconds(20), rest: 15), steps: ["Lie."])
    static let bothWithEachEasier = Exercise(
        id: "cat-cow", name: "Cat cow", kind: .stretch, sides: .both,
        dose: Dose(sets: 2, work: .reps(8), rest: 15), steps: ["Arch."], easier: "side-lying")

    static let plan = SessionPlan(routineID: "r", routineName: "R", exercises: [
        PlannedExercise(exercise: bridge, dose: bridge.dose, easierVariant: tilt),
        PlannedExercise(exercise: stretch, dose: stretch.dose),
        PlannedExercise(exercise: bothWithEachEasier, dose: bothWithEachEasier.dose, easierVariant: eachEasier),
    ])

    /// A logged set of `exercise` at `position`. A decision that changed the dose leaves it as
    /// the engine writes it: `nextSets` sets of `nextAmount` (of the easier variant's kind of work
    /// after a switch), at the planned rest.
    static func row(
        _ position: Int, _ exercise: Exercise, set: Int, side: BodySide = .both, pain: Int = 2,
        adjustment: Adjustment = .keep, nextSets: Int? = nil, nextAmount: Int? = nil
    ) -> LoggedSet {
        let planned = plan.exercises[position]
        var nextDose: Dose?
        if let nextSets {
            let work = adjustment == .switchEasier ? planned.easierVariant!.dose.work : exercise.dose.work
            nextDose = Dose(sets: nextSets, work: work.with(amount: nextAmount ?? work.amount), rest: planned.dose.rest)
        }
        var row = loggedSet(
            sessionID: 1, position: position, exerciseID: exercise.id, exerciseName: exercise.name, side: side,
            setNumber: set, target: exercise.dose.work, done: exercise.dose.work, pain: pain, spread: false,
            adjustment: adjustment, reason: "", completedAt: Date(timeIntervalSince1970: 0),
            plannedExerciseID: planned.exercise.id, nextDose: nextDose)
        if adjustment == .switchEasier { row.record.decision.switchedToID = planned.easierVariant?.id }
        return row
    }

    static func point(_ sets: [LoggedSet], skips: [SkipRow] = []) -> ResumePoint? {
        let session = SessionRecord(
            id: 1, routineID: "r", routineName: "R", startedAt: Date(timeIntervalSince1970: 0), endedAt: nil,
            status: .interrupted, painBefore: 2, painAfter: nil, legPainBefore: nil, backPainBefore: nil,
            legPainAfter: nil, backPainAfter: nil, plannedSets: 9, planJSON: nil)
        return SessionResume.resumePoint(for: SessionWithSets(session: session, sets: sets, skips: skips), plan: plan)
    }

    @Test("nothing logged: the first exercise, set 1, both sides")
    func nothingLogged() throws {
        let point = try #require(Self.point([]))
        #expect((point.exerciseIndex, point.setNumber, point.side) == (0, 1, .both))
    }

    @Test("after set 1 of a both-sides exercise: set 2, both sides (not 'left')")
    func nextSetOfBothSides() throws {
        let point = try #require(Self.point([Self.row(0, Self.bridge, set: 1)]))
        #expect((point.exerciseIndex, point.setNumber, point.side) == (0, 2, .both))
    }

    @Test("sides each: left then right of the same set, then left of the next")
    func eachSide() throws {
        let left = try #require(Self.point([Self.row(1, Self.stretch, set: 1, side: .left)]))
        #expect((left.exerciseIndex, left.setNumber, left.side) == (1, 1, .right))
        let right = try #require(Self.point([Self.row(1, Self.stretch, set: 1, side: .left),
                                             Self.row(1, Self.stretch, set: 1, side: .right)]))
        #expect((right.exerciseIndex, right.setNumber, right.side) == (1, 2, .left))
    }

    @Test("a stop moves to the next exercise, even on the left side")
    func stopMovesOn() throws {
        let point = try #require(Self.point([Self.row(1, Self.stretch, set: 1, side: .left, pain: 8, adjustment: .stopExercise)]))
        #expect((point.exerciseIndex, point.setNumber, point.side) == (2, 1, .both))
    }

    @Test("one set fewer stays in force after a later set kept its dose")
    func reducedSetsCarry() throws {
        // 3 planned sets, reduced to 2 after set 1; set 2 kept: the bridge is done.
        let point = try #require(Self.point([
            Self.row(0, Self.bridge, set: 1, pain: 6, adjustment: .reduce, nextSets: 2, nextAmount: 10),
            Self.row(0, Self.bridge, set: 2),
        ]))
        #expect((point.exerciseIndex, point.setNumber, point.side) == (1, 1, .left))
    }

    @Test("a switch to the easier variant carries the variant's kind of work")
    func switchKeepsVariantWork() throws {
        let rows = [Self.row(0, Self.bridge, set: 1, pain: 6, adjustment: .switchEasier, nextSets: 3, nextAmount: 20)]
        let point = try #require(Self.point(rows))
        let last = try #require(point.completedSets.last)
        #expect(last.decision.nextDose?.work == .seconds(20))
        #expect(last.decision.switchedToID == "pelvic-tilt")
        #expect((point.exerciseIndex, point.setNumber) == (0, 2))
    }

    @Test("an easier variant done on each side: left, then its right side")
    func variantSides() throws {
        let point = try #require(Self.point([
            Self.row(2, Self.bothWithEachEasier, set: 1, pain: 6, adjustment: .switchEasier, nextSets: 2, nextAmount: 20),
            Self.row(2, Self.eachEasier, set: 2, side: .left),
        ]))
        #expect((point.exerciseIndex, point.setNumber, point.side) == (2, 2, .right))
        let next = try #require(Self.point([
            Self.row(2, Self.bothWithEachEasier, set: 1, pain: 6, adjustment: .switchEasier, nextSets: 3, nextAmount: 20),
        ]))
        #expect((next.exerciseIndex, next.setNumber, next.side) == (2, 2, .left))
    }

    @Test("a skip moves past its exercise; the session's end stops the resume")
    func skipAndEnd() throws {
        let skip = SkipRow(sessionID: 1, position: 0, exerciseID: "bridge", at: Date(timeIntervalSince1970: 0))
        let point = try #require(Self.point([Self.row(0, Self.bridge, set: 1)], skips: [skip]))
        #expect((point.exerciseIndex, point.setNumber, point.side) == (1, 1, .left))
        #expect(Self.point([Self.row(0, Self.bridge, set: 1, pain: 8, adjustment: .endSession)]) == nil)
        #expect(Self.point([Self.row(2, Self.bothWithEachEasier, set: 2)]) == nil)
    }

    @Test("a set is still saved when another limber start marked the running session interrupted")
    func sinkReopensInterruptedSession() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SessionStore(folder: folder)
        let sink = SessionLogSink(store: store, plan: Self.plan)
        try sink.perform(.logCheckIn(pain: 2))
        let id = try #require(sink.sessionID)
        #expect(try store.markInterrupted(id: id))
        let record = Self.row(0, Self.bridge, set: 1).record
        try sink.perform(.logSet(record))
        let saved = try #require(try store.session(id: id))
        #expect(saved.sets.count == 1)
        #expect(saved.session.status == .inProgress)
    }

    @Test("the interrupted session is offered until a newer session starts (a resume question left with q asks again)")
    func offeredUntilANewerSession() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SessionStore(folder: folder)
        let now = Calendar.current.date(bySettingHour: 12, minute: 0, second: 0, of: Date())!  // mid-day: no midnight in between
        let new = NewSession(routineID: "r", routineName: "R", startedAt: now.addingTimeInterval(-60), painBefore: 2,
                             plannedSets: 9, planJSON: PlanSnapshot(plan: Self.plan).json)
        let first = try store.startSession(new)
        try store.appendSet(Self.row(0, Self.bridge, set: 1).with(sessionID: first))
        let offered = try #require(try StartFlow.closeUnfinishedSessions(store: store, now: now))
        #expect(offered.session.id == first)
        #expect(offered.session.status == .interrupted)
        #expect(offered.sets.count == 1)
        #expect(PlanSnapshot(json: offered.session.planJSON) == PlanSnapshot(plan: Self.plan))
        // Left with q: asked again.
        #expect(try StartFlow.closeUnfinishedSessions(store: store, now: now)?.session.id == first)
        // "new session": the newer row puts it aside, also once the newer one is interrupted in turn.
        var newer = new
        newer.startedAt = now
        let second = try store.startSession(newer)
        #expect(try StartFlow.closeUnfinishedSessions(store: store, now: now)?.session.id == second)
        try store.finishSession(id: second, status: .completed, painAfter: 1, endedAt: now)
        #expect(try StartFlow.closeUnfinishedSessions(store: store, now: now) == nil)
        // Yesterday's interrupted session is never offered.
        #expect(try StartFlow.closeUnfinishedSessions(store: store, now: now.addingTimeInterval(2 * 86_400)) == nil)
    }

    @Test("an interrupted session is offered whatever the millisecond it started at (every reader of the log reads one time)")
    func offeredAtEveryMillisecond() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SessionStore(folder: folder)
        let noon = Calendar.current.date(bySettingHour: 12, minute: 0, second: 0, of: Date())!
        var notOffered: [Int] = []
        for millisecond in 0..<1_000 {
            let start = noon.addingTimeInterval(Double(millisecond) / 1_000)
            let id = try store.startSession(NewSession(routineID: "r", routineName: "R", startedAt: start, painBefore: 2,
                                                       plannedSets: 9, planJSON: PlanSnapshot(plan: Self.plan).json))
            if try StartFlow.closeUnfinishedSessions(store: store, now: noon.addingTimeInterval(5))?.session.id != id {
                notOffered.append(millisecond)
            }
        }
        #expect(notOffered.isEmpty, "not offered when started at these milliseconds past noon: \(notOffered.prefix(20))")
    }
}

private extension LoggedSet {
    func with(sessionID: Int64) -> LoggedSet {
        var row = self
        row.sessionID = sessionID
        return row
    }
}
