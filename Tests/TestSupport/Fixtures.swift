import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import SessionLog

// Fixtures shared by the test targets: temporary folders, logged sets spelled out, generated
// histories. Written once here so every target builds the same shapes the same way.

/// A fresh temporary folder, removed when the value is deinitialised.
public final class TempFolder {
    public let url: URL
    public init() {
        url = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("limber-log-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        // Folders made read-only by a test must be writable again to be removed.
        _ = chmod(url.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }
    public func sub(_ name: String) -> URL { url.appendingPathComponent(name, isDirectory: true) }
}

/// A fixed instant: 2026-03-01 07:00:00 UTC plus `seconds`.
public func t(_ seconds: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_772_348_400 + seconds)
}

/// A logged set with every field spelled out; the rule is the one the pain policy gives the
/// rating unless one is named.
public func loggedSet(
    id: Int64? = nil, sessionID: Int64, position: Int, exerciseID: String, exerciseName: String,
    side: BodySide, setNumber: Int, target: Work, done: Work, pain: Int, spread: Bool,
    adjustment: Adjustment, reason: String, completedAt: Date, plannedExerciseID: String? = nil,
    rule: PainPolicy.Rule? = nil, nextDose: Dose? = nil
) -> LoggedSet {
    LoggedSet(id: id, sessionID: sessionID, completedAt: completedAt, record: SetRecord(
        planIndex: position, exerciseID: exerciseID, exerciseName: exerciseName,
        plannedExerciseID: plannedExerciseID ?? exerciseID, side: side, setNumber: setNumber, target: target,
        done: done, pain: pain, spreadDownLeg: spread,
        decision: Decision(action: adjustment, rule: rule ?? PainPolicy.rule(pain: pain, spreadDownLeg: spread),
                           reason: reason, nextDose: nextDose)))
}

/// A deterministic pseudo-random generator (SplitMix64) for generated histories.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generated histories for scale tests and benchmarks (never used by the commands).
public enum HistoryGenerator {
    public static let exercises: [(id: String, name: String, kind: WorkKind, amount: Int, sides: Bool)] = [
        ("sciatic-nerve-glide", "Sciatic nerve glide", .reps, 10, true),
        ("knee-to-chest", "Knee to chest", .seconds, 30, true),
        ("piriformis-stretch", "Piriformis stretch", .seconds, 30, true),
        ("glute-bridge", "Glute bridge", .reps, 10, false),
        ("bird-dog", "Bird dog, \"slow\"", .reps, 8, true),
        ("pelvic-tilt", "Pelvic tilt", .reps, 10, false),
        ("cat-cow", "Cat-cow", .reps, 10, false),
        ("hamstring-stretch", "Hamstring stretch", .seconds, 30, false),
    ]

    /// One session a day for `days` days from `start`, each with 8 exercises x 2-3 sets (both sides
    /// where relevant): about 33 sets a session, so 5 years = ~1,826 sessions and ~60,000 sets.
    public static func make(days: Int, start: Date, seed: UInt64 = 42) -> [SessionWithSets] {
        var rng = SplitMix64(state: seed)
        var result: [SessionWithSets] = []
        result.reserveCapacity(days)
        for day in 0..<days {
            let started = start.addingTimeInterval(Double(day) * 86_400 + Double(Int.random(in: 0..<3600, using: &rng)))
            var clock = started
            var sets: [LoggedSet] = []
            var skips: [SkipRow] = []
            let before = Int.random(in: 1...6, using: &rng)
            for (position, exercise) in exercises.enumerated() {
                if Int.random(in: 0..<40, using: &rng) == 0 {
                    skips.append(SkipRow(sessionID: 0, position: position, exerciseID: exercise.id, at: clock))
                    continue
                }
                let setCount = exercise.sides || exercise.kind == .seconds ? 3 : 2
                for side in exercise.sides ? [BodySide.left, .right] : [.both] {
                    for number in 1...setCount {
                        clock.addTimeInterval(Double(exercise.amount) + 20)
                        let pain = min(10, max(0, before + Int.random(in: -2...3, using: &rng)))
                        let spread = Int.random(in: 0..<200, using: &rng) == 0
                        let adjustment: Adjustment = spread ? .stopExercise : pain >= 8 ? .stopExercise : pain >= 6 ? .reduce : .keep
                        let reason = adjustment == .keep ? "" : spread ? "Symptoms spread down the leg: stop this exercise" : "Pain \(pain) is above 5, next sets shorter"
                        sets.append(loggedSet(
                            sessionID: 0, position: position, exerciseID: exercise.id, exerciseName: exercise.name,
                            side: side, setNumber: number, target: Work(kind: exercise.kind, amount: exercise.amount),
                            done: Work(kind: exercise.kind, amount: adjustment == .reduce ? exercise.amount * 7 / 10 : exercise.amount),
                            pain: pain, spread: spread, adjustment: adjustment, reason: reason, completedAt: clock))
                    }
                }
            }
            let planned = exercises.reduce(0) { $0 + ($1.sides ? 6 : $1.kind == .seconds ? 3 : 2) }
            let session = SessionRecord(
                id: 0, routineID: "gentle-relief", routineName: "Gentle relief", startedAt: started,
                endedAt: clock.addingTimeInterval(30), status: .completed, painBefore: before,
                painAfter: max(0, before - 1), legPainBefore: before, backPainBefore: before - 1 < 0 ? 0 : before - 1,
                legPainAfter: max(0, before - 2), backPainAfter: before, plannedSets: planned,
                planJSON: #"{"routine":"gentle-relief"}"#)
            result.append(SessionWithSets(session: session, sets: sets, skips: skips))
        }
        return result
    }

    /// Fills `store` with `days` generated daily sessions in chunks of 100 per transaction.
    public static func fill(_ store: SessionStore, days: Int, start: Date) throws {
        let all = make(days: days, start: start)
        var index = 0
        while index < all.count {
            let end = min(all.count, index + 100)
            try store.importSessions(Array(all[index..<end]))
            index = end
        }
    }
}

/// A logged set as the prescription reads it: the engine's own SetRecord, with the details the
/// prescription does not read filled in plainly.
public func pastSet(position: Int, exerciseID: String, plannedExerciseID: String? = nil, target: Work, pain: Int,
                    spread: Bool = false, action: Adjustment = .keep) -> SetRecord {
    SetRecord(planIndex: position, exerciseID: exerciseID, exerciseName: exerciseID,
              plannedExerciseID: plannedExerciseID ?? exerciseID, side: .both, setNumber: 1, target: target,
              done: target, pain: pain, spreadDownLeg: spread,
              decision: Decision(action: action, rule: PainPolicy.rule(pain: pain, spreadDownLeg: spread), reason: ""))
}

/// A set as the review's detail view shows it: what was asked and done, in `unit`.
public func setRecord(
    exerciseID: String, exerciseName: String, setNumber: Int, side: BodySide, unit: WorkKind, target: Int, done: Int,
    pain: Int, spread: Bool = false, adjustment: Adjustment = .keep, reason: String = "", position: Int = 0
) -> SetRecord {
    SetRecord(planIndex: position, exerciseID: exerciseID, exerciseName: exerciseName, plannedExerciseID: exerciseID,
              side: side, setNumber: setNumber, target: Work(kind: unit, amount: target),
              done: Work(kind: unit, amount: done), pain: pain, spreadDownLeg: spread,
              decision: Decision(action: adjustment, rule: PainPolicy.rule(pain: pain, spreadDownLeg: spread), reason: reason))
}
