import Foundation

// Plain value types of the session log. They carry primitive fields only, so the log does not
// depend on SessionEngine's types; the executable maps engine effects to them.

/// How a session ended (or that it has not).
public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    /// Running now, or the process died before it ended (see ``SessionStore/unfinishedSessions()``).
    case inProgress = "in_progress"
    /// Every planned set was done or skipped.
    case completed
    /// The person ended it early (`q`).
    case endedEarly = "ended_early"
    /// The pain policy ended it (for example two stopped exercises).
    case endedByPolicy = "ended_by_policy"
    /// It was found unfinished at a later launch; it can be resumed with ``SessionStore/reopenSession(id:)``.
    case interrupted

    /// True for every status but `in_progress`.
    public var isFinished: Bool { self != .inProgress }
}

/// Which side a set worked.
public enum SetSide: String, Sendable, Codable, CaseIterable {
    /// Both sides at once, or an exercise without sides.
    case both
    /// The left side (of a `sides: each` exercise).
    case left
    /// The right side.
    case right
}

/// Whether a set's target counts repetitions or seconds.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
    /// Repetitions (self-paced or tempo-guided).
    case reps
    /// Seconds of a timed hold.
    case seconds
}

/// What the engine decided after a set's pain rating.
public enum SetAdjustment: String, Sendable, Codable, CaseIterable {
    /// Keep the prescription.
    case keep
    /// Fewer reps or seconds, or one set fewer, for the rest of the exercise.
    case reduce
    /// Switch to the easier variant.
    case switchEasier = "switch_easier"
    /// Stop this exercise.
    case stopExercise = "stop_exercise"
    /// End the session gently.
    case endSession = "end_session"

    /// True when the decision stopped the exercise or the session.
    public var isStop: Bool { self == .stopExercise || self == .endSession }
}

/// A session about to start (``SessionStore/startSession(_:)``).
public struct NewSession: Sendable, Equatable {
    /// The routine's catalog id (`five-minute`).
    public var routineID: String
    /// The routine's display name at the time (kept even if the catalog changes later).
    public var routineName: String
    /// When the session started (passed in; the store never reads the clock).
    public var startedAt: Date
    /// Overall pain 0-10 at the start, if asked.
    public var painBefore: Int?
    public var legPainBefore: Int?
    public var backPainBefore: Int?
    /// Sets in the plan (the denominator of "sets done / planned").
    public var plannedSets: Int
    /// An opaque text blob (JSON by convention) that lets the app rebuild the plan to resume.
    public var planJSON: String?

    public init(
        routineID: String, routineName: String, startedAt: Date,
        painBefore: Int? = nil, legPainBefore: Int? = nil, backPainBefore: Int? = nil,
        plannedSets: Int, planJSON: String? = nil
    ) {
        self.routineID = routineID
        self.routineName = routineName
        self.startedAt = startedAt
        self.painBefore = painBefore
        self.legPainBefore = legPainBefore
        self.backPainBefore = backPainBefore
        self.plannedSets = plannedSets
        self.planJSON = planJSON
    }
}

/// One stored session (a row of the `session` table).
public struct SessionRecord: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var routineID: String
    public var routineName: String
    public var startedAt: Date
    /// When it ended; nil while in progress and for interrupted sessions.
    public var endedAt: Date?
    public var status: SessionStatus
    public var painBefore: Int?
    public var painAfter: Int?
    public var legPainBefore: Int?
    public var backPainBefore: Int?
    public var legPainAfter: Int?
    public var backPainAfter: Int?
    public var plannedSets: Int
    public var planJSON: String?

    public init(
        id: Int64, routineID: String, routineName: String, startedAt: Date, endedAt: Date?,
        status: SessionStatus, painBefore: Int?, painAfter: Int?,
        legPainBefore: Int?, backPainBefore: Int?, legPainAfter: Int?, backPainAfter: Int?,
        plannedSets: Int, planJSON: String?
    ) {
        self.id = id
        self.routineID = routineID
        self.routineName = routineName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.legPainBefore = legPainBefore
        self.backPainBefore = backPainBefore
        self.legPainAfter = legPainAfter
        self.backPainAfter = backPainAfter
        self.plannedSets = plannedSets
        self.planJSON = planJSON
    }
}

/// One completed set with its pain rating (a row of the `session_set` table).
public struct SetRow: Sendable, Equatable {
    /// The row id; nil until stored (``SessionStore/appendSet(_:)`` returns it).
    public var id: Int64?
    public var sessionID: Int64
    /// Index of the exercise in the session's plan (0-based).
    public var position: Int
    public var exerciseID: String
    public var exerciseName: String
    public var side: SetSide
    /// 1-based set number within the exercise (and side).
    public var setNumber: Int
    public var targetKind: TargetKind
    /// Target repetitions or seconds.
    public var targetAmount: Int
    /// Repetitions or seconds actually done.
    public var doneAmount: Int
    /// Pain right after the set, 0-10.
    public var pain: Int
    /// "Symptoms spread further down the leg" was marked.
    public var spread: Bool
    public var adjustment: SetAdjustment
    /// The one-line reason shown for the adjustment ("" when there was nothing to say).
    public var reason: String
    public var completedAt: Date
    /// The exercise the routine planned at this position, when it differs from `exerciseID`
    /// (after a switch to the easier variant); nil in rows written before schema v3.
    public var plannedExerciseID: String?
    /// The policy rule that fired (`safe`, `acceptable`, `pain_above_acceptable`, ...).
    public var rule: String?
    /// Sets per side the decision left for the rest of the exercise, when it changed the dose.
    public var nextSets: Int?
    /// Reps or seconds per set the decision left for the rest of the exercise, when it changed them.
    public var nextAmount: Int?

    public init(
        id: Int64? = nil, sessionID: Int64, position: Int, exerciseID: String, exerciseName: String,
        side: SetSide, setNumber: Int, targetKind: TargetKind, targetAmount: Int, doneAmount: Int,
        pain: Int, spread: Bool, adjustment: SetAdjustment, reason: String, completedAt: Date,
        plannedExerciseID: String? = nil, rule: String? = nil, nextSets: Int? = nil, nextAmount: Int? = nil
    ) {
        self.plannedExerciseID = plannedExerciseID
        self.rule = rule
        self.nextSets = nextSets
        self.nextAmount = nextAmount
        self.id = id
        self.sessionID = sessionID
        self.position = position
        self.exerciseID = exerciseID
        self.exerciseName = exerciseName
        self.side = side
        self.setNumber = setNumber
        self.targetKind = targetKind
        self.targetAmount = targetAmount
        self.doneAmount = doneAmount
        self.pain = pain
        self.spread = spread
        self.adjustment = adjustment
        self.reason = reason
        self.completedAt = completedAt
    }
}

/// An exercise the person skipped (a row of the `skip` table).
public struct SkipRow: Sendable, Equatable {
    public var id: Int64?
    public var sessionID: Int64
    public var position: Int
    public var exerciseID: String
    public var at: Date

    public init(id: Int64? = nil, sessionID: Int64, position: Int, exerciseID: String, at: Date) {
        self.id = id
        self.sessionID = sessionID
        self.position = position
        self.exerciseID = exerciseID
        self.at = at
    }
}

/// A session with counts, for lists (``SessionStore/sessions(since:limit:)``).
public struct SessionSummary: Sendable, Equatable {
    public var session: SessionRecord
    /// Sets logged.
    public var setsDone: Int
    /// Highest pain after any set, nil without sets.
    public var maxPain: Int?
    /// Sets with the spread-down-the-leg mark.
    public var spreadCount: Int
    /// Sets after which the exercise or the session was stopped.
    public var stopCount: Int
    /// Sets whose remaining volume was reduced or switched to an easier variant.
    public var reducedCount: Int
    /// Skipped exercises.
    public var skipCount: Int
    /// The last moment something was logged: the end, else the last set or skip, else the start.
    public var lastActivityAt: Date

    public init(
        session: SessionRecord, setsDone: Int, maxPain: Int?, spreadCount: Int, stopCount: Int,
        reducedCount: Int, skipCount: Int, lastActivityAt: Date
    ) {
        self.session = session
        self.setsDone = setsDone
        self.maxPain = maxPain
        self.spreadCount = spreadCount
        self.stopCount = stopCount
        self.reducedCount = reducedCount
        self.skipCount = skipCount
        self.lastActivityAt = lastActivityAt
    }
}

/// A session with all its sets and skips, in the order they were logged.
public struct SessionWithSets: Sendable, Equatable {
    public var session: SessionRecord
    public var sets: [SetRow]
    public var skips: [SkipRow]

    public init(session: SessionRecord, sets: [SetRow], skips: [SkipRow]) {
        self.session = session
        self.sets = sets
        self.skips = skips
    }

    /// The same counts ``SessionStore/sessions(since:limit:)`` computes in SQL.
    public var summary: SessionSummary {
        let last = [session.endedAt, sets.map(\.completedAt).max(), skips.map(\.at).max()]
            .compactMap { $0 }.max() ?? session.startedAt
        return SessionSummary(
            session: session,
            setsDone: sets.count,
            maxPain: sets.map(\.pain).max(),
            spreadCount: sets.filter(\.spread).count,
            stopCount: sets.filter { $0.adjustment.isStop }.count,
            reducedCount: sets.filter { $0.adjustment == .reduce || $0.adjustment == .switchEasier }.count,
            skipCount: skips.count,
            lastActivityAt: max(last, session.startedAt)
        )
    }

    /// Where a resumed session picks up: the plan position after the last logged set or skip and
    /// the sets already done at that position (nil position when nothing was logged yet).
    public var resumePoint: (lastPosition: Int?, setsDoneAtLastPosition: Int) {
        let last = (sets.map(\.position) + skips.map(\.position)).max()
        guard let last else { return (nil, 0) }
        return (last, sets.filter { $0.position == last }.count)
    }
}

/// The kind of a check-in (an open set of names; issue 4 adds more as needed).
public struct CheckInKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The red-flag screen before the first session of a day.
    public static let redFlag = CheckInKind(rawValue: "red_flag")
    /// "Since your last session, your pain is: better / about the same / worse".
    public static let sinceLast = CheckInKind(rawValue: "since_last")
    /// The person passed `--skip-screen` for the day.
    public static let skipScreen = CheckInKind(rawValue: "skip_screen")
    public var description: String { rawValue }
}

/// A check-in answered before a session (a row of the `check_in` table, schema v2).
public struct CheckInRow: Sendable, Equatable {
    public var id: Int64?
    /// When it was answered.
    public var at: Date
    /// The local calendar day it counts for, `YYYY-MM-DD` (computed by the caller, who knows the
    /// time zone; see ``LogDates/day(of:timeZone:)``).
    public var day: String
    public var kind: CheckInKind
    /// The answers as JSON text.
    public var answersJSON: String
    /// The result, e.g. `clear`, `emergency`, `see_clinician`, `better`, `same`, `worse`.
    public var outcome: String
    /// The session it led to, if any.
    public var sessionID: Int64?

    public init(id: Int64? = nil, at: Date, day: String, kind: CheckInKind, answersJSON: String, outcome: String, sessionID: Int64? = nil) {
        self.id = id
        self.at = at
        self.day = day
        self.kind = kind
        self.answersJSON = answersJSON
        self.outcome = outcome
        self.sessionID = sessionID
    }
}

/// One exercise across the log (``SessionStore/exerciseSummaries()``).
public struct ExerciseSummary: Sendable, Equatable {
    public var exerciseID: String
    /// The name it was last logged with.
    public var exerciseName: String
    /// Sessions with at least one set of it.
    public var sessionCount: Int
    /// When its last set was completed.
    public var lastCompletedAt: Date

    public init(exerciseID: String, exerciseName: String, sessionCount: Int, lastCompletedAt: Date) {
        self.exerciseID = exerciseID
        self.exerciseName = exerciseName
        self.sessionCount = sessionCount
        self.lastCompletedAt = lastCompletedAt
    }
}
