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
            let row = SessionLogSink.row(record, sessionID: id, at: date)
            try reopeningIfInterrupted(id) { try store.appendSet(row) }
        case .logSkip(let skip):
            let id = try ensureSession(at: date)
            let row = SkipRow(sessionID: id, position: skip.planIndex, exerciseID: skip.exerciseID, at: date)
            try reopeningIfInterrupted(id) { try store.appendSkip(row) }
        case .logSessionEnd(let record):
            guard let id = sessionID else { return }
            try store.finishSession(id: id, status: SessionLogSink.status(record.outcome), painAfter: record.painAfter,
                                    endedAt: date)
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

    static func status(_ outcome: SessionOutcome) -> SessionStatus {
        switch outcome {
        case .completed: return .completed
        case .endedEarly: return .endedEarly
        case .endedByPolicy: return .endedByPolicy
        }
    }

    /// The engine's record of a rated set as a log row.
    static func row(_ record: SetRecord, sessionID: Int64, at date: Date) -> SetRow {
        let side: SetSide
        switch record.side {
        case .both: side = .both
        case .left: side = .left
        case .right: side = .right
        }
        let kind: TargetKind
        switch record.target {
        case .reps: kind = .reps
        case .seconds: kind = .seconds
        }
        return SetRow(
            sessionID: sessionID, position: record.planIndex, exerciseID: record.exerciseID,
            exerciseName: record.exerciseName, side: side, setNumber: record.setNumber, targetKind: kind,
            targetAmount: record.target.amount, doneAmount: record.done.amount, pain: record.pain,
            spread: record.spreadDownLeg, adjustment: SetAdjustment(rawValue: record.decision.action.rawValue) ?? .keep,
            reason: record.decision.reason, completedAt: date,
            plannedExerciseID: record.plannedExerciseID, rule: record.decision.rule.rawValue,
            nextSets: record.decision.nextDose?.sets, nextAmount: record.decision.nextDose?.work.amount)
    }
}

/// Rebuilding where an interrupted session stopped, from its logged rows alone.
enum SessionResume {
    /// The engine's view of a logged set (enough for totals, stops and the dose left).
    static func record(_ row: SetRow, plan: SessionPlan) -> SetRecord {
        let planned = plan.exercises.indices.contains(row.position) ? plan.exercises[row.position] : nil
        let action = Decision.Action(rawValue: row.adjustment.rawValue) ?? .keep
        let rule = row.rule.flatMap(PainPolicy.Rule.init(rawValue:)) ?? derivedRule(row)
        let work: (Int) -> Work = { row.targetKind == .reps ? .reps($0) : .seconds($0) }
        // A switch to the easier variant carries the variant's own kind of work (a hold instead of reps).
        let easier = action == .switchEasier ? planned?.easierVariant : nil
        let nextWork: (Int) -> Work = { amount in easier.map { $0.dose.work.with(amount: amount) } ?? work(amount) }
        var nextDose: Dose?
        if let amount = row.nextAmount ?? (row.nextSets != nil ? row.targetAmount : nil) {
            nextDose = Dose(sets: row.nextSets ?? planned?.dose.sets ?? 1, work: nextWork(amount), rest: planned?.dose.rest ?? 30)
        }
        let side: BodySide = row.side == .left ? .left : (row.side == .right ? .right : .both)
        return SetRecord(
            planIndex: row.position, exerciseID: row.exerciseID, exerciseName: row.exerciseName,
            plannedExerciseID: row.plannedExerciseID ?? planned?.exercise.id ?? row.exerciseID, side: side,
            setNumber: row.setNumber, target: work(row.targetAmount), done: work(row.doneAmount), pain: row.pain,
            spreadDownLeg: row.spread,
            decision: Decision(action: action, rule: rule, reason: row.reason,
                               countsTowardProgression: row.pain <= PainPolicy.safeMaximum && !row.spread,
                               nextDose: nextDose, switchedTo: easier))
    }

    /// The rule for rows written before the log kept it.
    private static func derivedRule(_ row: SetRow) -> PainPolicy.Rule {
        if row.spread { return .spreadDownLeg }
        if row.pain >= PainPolicy.stopThreshold { return .painAtStopThreshold }
        if row.pain > PainPolicy.acceptableMaximum { return .painAboveAcceptable }
        if row.pain > PainPolicy.safeMaximum { return .acceptable }
        return .safe
    }

    /// Where to continue: after the last logged set or skip. Nil when nothing is left to do.
    static func resumePoint(for logged: SessionWithSets, plan: SessionPlan) -> ResumePoint? {
        let records = logged.sets.map { record($0, plan: plan) }
        let checkIn: ResumePoint.CheckIn = logged.session.painBefore.map { .alreadyGiven($0) } ?? .skip
        let lastSet = logged.sets.last
        let lastSkip = logged.skips.max { $0.position < $1.position }
        var index = 0, setNumber = 1, side = BodySide.left
        var continuing: Exercise?  // set when the next set is of the exercise in use at `index`
        if let lastSkip, lastSkip.position >= (lastSet?.position ?? -1) {
            index = lastSkip.position + 1
        } else if let lastSet, let last = records.last {
            index = lastSet.position
            let planned = plan.exercises.indices.contains(index) ? plan.exercises[index] : nil
            // The exercise now in use: the easier variant once switched to (it may have other sides).
            let inUse = last.decision.switchedTo
                ?? (planned?.easierVariant?.id == last.exerciseID ? planned?.easierVariant : planned?.exercise)
            // The set count now in force: the latest adjusted dose of this exercise (a later "keep"
            // carries none), else the planned one.
            let adjusted = records.last { $0.planIndex == index && $0.decision.nextDose != nil }?.decision.nextDose
            let sets = adjusted?.sets ?? planned?.dose.sets ?? 0
            if last.decision.stopsExercise {
                index += 1
            } else if inUse?.sides == .each && last.side == .left {
                setNumber = last.setNumber
                side = .right
                continuing = inUse
            } else if last.setNumber < sets {
                setNumber = last.setNumber + 1
                continuing = inUse
            } else {
                index += 1
            }
        }
        if records.last?.decision.action == .endSession { return nil }
        guard index < plan.exercises.count else { return nil }
        // A new set starts on the left side, or on both for an exercise done on both sides at once.
        if side != .right { side = (continuing ?? plan.exercises[index].exercise).sides == .each ? .left : .both }
        return ResumePoint(exerciseIndex: index, setNumber: setNumber, side: side, checkIn: checkIn, completedSets: records)
    }
}
