import ExerciseCatalog
import Foundation

/// A past session with the time it started: the stage rule counts weeks, the prescription does not.
public struct DatedSession: Sendable, Hashable {
    public var startedAt: Date
    public var session: PastSession

    public init(startedAt: Date, session: PastSession) {
        self.startedAt = startedAt
        self.session = session
    }
}

/// A routine limber suggests instead of the one chosen, and why, in plain words. Only ever shown:
/// the person decides (limber never switches routines by itself).
public struct StageSuggestion: Sendable, Hashable {
    /// Toward the next stage (steady weeks) or the stage below (a flare).
    public enum Direction: String, Sendable, Hashable {
        case up
        case down
    }

    public var routine: Routine
    public var direction: Direction
    /// "Two steady weeks at the top of Core foundations: Core progress is the next stage (limber start core-progress)."
    public var reason: String
}

/// When to suggest another stage (issue 12), next to `ProgressionPolicy` so a physiotherapist can
/// review both. Stages run relief -> foundation -> build -> return to activity (`RoutineStage`).
///
/// | what the log shows                                                            | suggestion             |
/// |-------------------------------------------------------------------------------|------------------------|
/// | a flare today                                                                  | a routine of the stage below (the relief routine that matches the direction of relief) |
/// | the last 14 days: >= 4 sessions of this routine, the first >= 13 days ago, every one green (all sets 0-3, no spread, each set >= 80% done, nothing skipped, no flare), and today every exercise at the top of its range | a routine of the next stage |
/// | otherwise                                                                      | none                   |
public enum StagePolicy {
    /// Days of steady sessions before the next stage is suggested.
    public static let steadyDays = 14
    /// Sessions of the routine those days must hold (about two a week).
    public static let minimumSessions = 4
    /// Share of a set's target that counts as done (CLINICAL: an unfinished set is not an easy set).
    public static let donePercent = 80

    /// True when every set was in the safe zone, without a spread mark, done, nothing skipped and
    /// no flare reported before it.
    public static func isGreen(_ session: PastSession) -> Bool {
        !session.sets.isEmpty && session.skippedPositions.isEmpty && !session.flareReported
            && session.sets.allSatisfy { set in
                set.pain <= PainPolicy.safeMaximum && !set.spreadDownLeg
                    && set.done.amount * 100 >= set.target.amount * donePercent
            }
    }

    /// True when every exercise of today's prescription is at the top of its own range (its `max`,
    /// or it has none): the routine has nothing left to give.
    public static func isAtTop(_ prescription: Prescription) -> Bool {
        !prescription.exercises.isEmpty && prescription.exercises.allSatisfy { entry in
            ProgressionPolicy.steppedUp(entry.planned.dose.work, ceiling: entry.planned.exercise.max) == nil
        }
    }

    /// The suggestion for today, if any. `history` is every logged session (any routine), oldest
    /// first; `direction` the person's answer to the direction-of-relief question, if asked.
    public static func suggestion(
        for routine: Routine, prescription: Prescription, history: [DatedSession], catalog: Catalog,
        direction: ReliefDirection?, now: Date
    ) -> StageSuggestion? {
        guard let stage = routine.stage else { return nil }
        if prescription.flare != nil {
            guard let below = stage.previous,
                  let other = below == .relief
                    ? reliefRoutine(for: direction, catalog: catalog)
                    : pick(stage: below, like: routine, direction: direction, catalog: catalog) else { return nil }
            return StageSuggestion(routine: other, direction: .down, reason:
                "A flare today: \(other.name) (the \(below.plainText) stage) may suit better; q, then `limber start \(other.id)`.")
        }
        guard let next = stage.next, isAtTop(prescription) else { return nil }
        let since = now.addingTimeInterval(-Double(steadyDays) * 86_400)
        let recent = history.filter { $0.session.routineID == routine.id && $0.startedAt >= since && $0.startedAt <= now }
        guard recent.count >= minimumSessions, let first = recent.map(\.startedAt).min(),
              now.timeIntervalSince(first) >= Double(steadyDays - 1) * 86_400,
              recent.allSatisfy({ isGreen($0.session) }),
              let other = pick(stage: next, like: routine, direction: direction, catalog: catalog) else { return nil }
        return StageSuggestion(routine: other, direction: .up, reason:
            "Two steady weeks at the top of \(routine.name): \(other.name) is the next stage (\(next.plainText)); try it with `limber start \(other.id)`.")
    }

    /// The routine of `stage` that fits best: for relief, the one matching `direction` (neutral
    /// when unknown); then the same kind as `like`; then the shortest.
    public static func pick(stage: RoutineStage, like: Routine, direction: ReliefDirection?, catalog: Catalog) -> Routine? {
        let wanted = direction ?? .neutral
        let candidates = catalog.routines.filter { $0.stage == stage && $0.id != like.id }
        func rank(_ r: Routine) -> (Int, Int, Int, String) {
            let directionRank = r.direction == wanted ? 0 : r.direction == .neutral ? 1 : 2
            return (directionRank, r.kind == like.kind ? 0 : 1, catalog.estimatedSeconds(of: r), r.id)
        }
        // A routine biased the other way is never suggested.
        return candidates.filter { $0.direction == wanted || $0.direction == .neutral }.min { rank($0) < rank($1) }
    }

    /// The relief routine for flare days and the gentle-only rule: the one matching `direction`,
    /// else the neutral gentle one.
    public static func reliefRoutine(for direction: ReliefDirection?, catalog: Catalog) -> Routine? {
        let relief = catalog.routines.filter { $0.kind == .relief }
        if let direction, direction != .neutral, let match = relief.first(where: { $0.direction == direction }) { return match }
        return catalog.routine("gentle-relief") ?? relief.first { $0.direction == .neutral } ?? relief.first
    }
}
