import MonotonicTime
import CoachPolicy
import TUIKit
import CoachUI
import ExerciseCatalog
import Foundation
import SessionEngine
import SessionLog

/// The plan as stored with its session (`plan_json`), so that a resume rebuilds exactly the plan
/// the person started with, even if the routine or the prescription would differ today.
struct PlanSnapshot: Codable, Equatable {
    struct Item: Codable, Equatable {
        var exercise: String
        var easier: String?
        var dose: Dose
        var note: String?
    }

    var routineID: String
    var routineName: String
    var items: [Item]

    init(plan: SessionPlan) {
        routineID = plan.routineID
        routineName = plan.routineName
        items = plan.exercises.map {
            Item(exercise: $0.exercise.id, easier: $0.easierVariant?.id, dose: $0.dose, note: $0.prescriptionNote)
        }
    }

    init?(json: String?) {
        guard let data = json?.data(using: .utf8),
              let decoded = try? JSONDecoder().decode(PlanSnapshot.self, from: data) else { return nil }
        self = decoded
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The plan again, with today's catalog text for each exercise; nil when an exercise is gone.
    func plan(catalog: Catalog) -> SessionPlan? {
        var exercises: [PlannedExercise] = []
        for item in items {
            guard let exercise = catalog.exercise(item.exercise) else { return nil }
            exercises.append(PlannedExercise(exercise: exercise, dose: item.dose,
                                             easierVariant: item.easier.flatMap(catalog.exercise),
                                             prescriptionNote: item.note))
        }
        return SessionPlan(routineID: routineID, routineName: routineName, exercises: exercises)
    }
}

/// Writes what the engine asks for to the SQLite log, at once: the session row when the check-in
/// is answered, every rated set before the next screen, skips, and the end.
///
/// A session the person leaves at the check-in is not logged: nothing was done. A resumed
/// session keeps writing to its original row.
final class SessionLogSink: SessionEffectSink {
    let store: SessionStore
    let plan: SessionPlan
    private let planJSON: String
    private let wallClock: () -> Date
    /// Extra fields for the session row (leg and back pain before), set by the pre-session checks.
    var legPainBefore: Int?
    var backPainBefore: Int?
    /// Today's check-ins (red flags, since-last), linked to the session once its row exists.
    var checkInIDs: [Int64] = []
    /// The session's row, once there is one.
    private(set) var sessionID: Int64?
    /// How the session ended, once it has.
    private(set) var ending: SessionEndRecord?

    init(store: SessionStore, plan: SessionPlan, resumingSessionID: Int64? = nil, wallClock: @escaping () -> Date = Date.init) {
        self.store = store
        self.plan = plan
        self.planJSON = PlanSnapshot(plan: plan).json
        self.sessionID = resumingSessionID
        self.wallClock = wallClock
    }

    /// Writes not done yet, oldest first, each with the moment it happened (so a retried set keeps
    /// its own completion time).
    private var pending: [(effect: SessionEffect, at: Date)] = []

    /// Rated sets and skips kept in memory because they could not be written yet (a full disk).
    var unsavedCount: Int {
        pending.filter {
            switch $0.effect {
            case .logSet, .logSkip: return true
            default: return false
            }
        }.count
    }

    /// The sets kept in memory, in words, for the line printed when the person leaves anyway.
    var unsavedDescription: [String] {
        pending.compactMap { entry in
            guard case .logSet(let record) = entry.effect else { return nil }
            var place = "\(record.exerciseName) set \(record.setNumber)"
            if record.side != .both { place += " \(record.side.rawValue)" }
            return "\(place): \(record.done.amount) of \(record.target.amount), pain \(record.pain)\(record.spreadDownLeg ? ", spread" : "")"
        }
    }

    func perform(_ effect: SessionEffect) throws {
        if case .cue = effect { return }
        if case .logSessionEnd(let record) = effect { ending = record }
        pending.append((effect, wallClock()))
        try retryUnsaved()
    }

    /// Writes what is pending, in order, stopping at the first failure (which is thrown) so that
    /// nothing is written out of order; called again on every effect and by the session's retry.
    func retryUnsaved() throws {
        while let first = pending.first {
            try write(first.effect, at: first.at)
            pending.removeFirst()
        }
    }

    private func write(_ effect: SessionEffect, at date: Date) throws {
        switch effect {
        case .logCheckIn(let pain):
            if sessionID == nil { try startSession(painBefore: pain, at: date) }
        case .logSet(let record):
            let id = try ensureSession(at: date)
            let row = LoggedSet(sessionID: id, completedAt: date, record: record)
            try reopeningIfInterrupted(id) { try store.appendSet(row) }
        case .logSkip(let skip):
            let id = try ensureSession(at: date)
            let row = SkipRow(sessionID: id, position: skip.planIndex, exerciseID: skip.exerciseID, at: date, reason: skip.reason)
            try reopeningIfInterrupted(id) { try store.appendSkip(row) }
        case .logSessionEnd(let record):
            guard let id = sessionID else { return }
            try store.finishSession(id: id, status: record.outcome, painAfter: record.painAfter, endedAt: date)
        case .cue:
            break
        }
    }

    /// Runs a write; when another `limber start` has meanwhile marked this running session as
    /// interrupted (it closes every session left in progress), puts it back in progress and writes
    /// again, so that the set is not lost.
    private func reopeningIfInterrupted(_ id: Int64, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch LogError.wrongSessionState(id, SessionStatus.interrupted.rawValue, _) {
            try store.reopenSession(id: id)
            try write()
        }
    }

    private func ensureSession(at date: Date) throws -> Int64 {
        if let sessionID { return sessionID }
        return try startSession(painBefore: nil, at: date)
    }

    @discardableResult
    private func startSession(painBefore: Int?, at date: Date) throws -> Int64 {
        let id = try store.startSession(NewSession(
            routineID: plan.routineID, routineName: plan.routineName, startedAt: date, painBefore: painBefore,
            legPainBefore: legPainBefore, backPainBefore: backPainBefore,
            plannedSets: plan.plannedSetCount, planJSON: planJSON))
        sessionID = id
        if !checkInIDs.isEmpty { try store.attachCheckIns(checkInIDs, toSession: id) }
        return id
    }
}

/// Rebuilding where an interrupted session stopped, from its logged rows alone, by the engine's
/// own rule (``SessionEngine/resumePoint(plan:completedSets:lastSkippedPosition:checkIn:)``).
enum SessionResume {
    /// Where to continue: after the last logged set or skip. Nil when nothing is left to do.
    static func resumePoint(for logged: SessionWithSets, plan: SessionPlan) -> ResumePoint? {
        SessionEngine.resumePoint(
            plan: plan, completedSets: logged.sets.map(\.record),
            lastSkippedPosition: logged.skips.map(\.position).max(),
            checkIn: logged.session.painBefore.map { .alreadyGiven($0) } ?? .skip)
    }
}
