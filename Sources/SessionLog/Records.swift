import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB
import SessionEngine

// The session log's records. The concepts themselves (a set, a side, a kind of work, an
// adjustment, a session status) are the engine's types, defined once in SessionEngine and
// ExerciseCatalog; the log adds only what storing them needs (row ids, the session a set belongs
// to, when it was completed) and reads every column by name. A stored value this build does not
// know is an error naming the table, the row and the column (``LogError/unknownValue(table:rowID:column:value:)``),
// never a plausible default.

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
    /// How far down the leg the pain reached before and after (schema v5; nil: not asked).
    public var reachBefore: PainReach?
    public var reachAfter: PainReach?

    public init(
        id: Int64, routineID: String, routineName: String, startedAt: Date, endedAt: Date?,
        status: SessionStatus, painBefore: Int?, painAfter: Int?,
        legPainBefore: Int?, backPainBefore: Int?, legPainAfter: Int?, backPainAfter: Int?,
        plannedSets: Int, planJSON: String?, reachBefore: PainReach? = nil, reachAfter: PainReach? = nil
    ) {
        self.reachBefore = reachBefore
        self.reachAfter = reachAfter
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

/// One rated set as the log keeps it (a row of the `session_set` table): the engine's
/// ``SetRecord`` with the session it belongs to, when it was completed and its row id.
public struct LoggedSet: Sendable, Hashable, Identifiable {
    /// The row id; nil until stored (``SessionStore/appendSet(_:)`` returns it).
    public var id: Int64?
    public var sessionID: Int64
    /// When the person rated it.
    public var completedAt: Date
    /// The set itself, exactly as the engine produced it.
    public var record: SetRecord

    public init(id: Int64? = nil, sessionID: Int64, completedAt: Date, record: SetRecord) {
        self.id = id
        self.sessionID = sessionID
        self.completedAt = completedAt
        self.record = record
    }
}

/// An exercise the person skipped (a row of the `skip` table).
public struct SkipRow: Sendable, Equatable {
    public var id: Int64?
    public var sessionID: Int64
    public var position: Int
    public var exerciseID: String
    public var at: Date
    /// Why, when the skip came partway through a set (schema v5; nil: not asked).
    public var reason: SkipReason?

    public init(id: Int64? = nil, sessionID: Int64, position: Int, exerciseID: String, at: Date, reason: SkipReason? = nil) {
        self.reason = reason
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
    public var sets: [LoggedSet]
    public var skips: [SkipRow]

    public init(session: SessionRecord, sets: [LoggedSet], skips: [SkipRow]) {
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
            maxPain: sets.map(\.record.pain).max(),
            spreadCount: sets.filter(\.record.spreadDownLeg).count,
            stopCount: sets.filter { $0.record.decision.action.stopsExercise }.count,
            reducedCount: sets.filter { $0.record.decision.action.lightens }.count,
            skipCount: skips.count,
            lastActivityAt: max(last, session.startedAt)
        )
    }

    /// Where a resumed session picks up: the plan position after the last logged set or skip and
    /// the sets already done at that position (nil position when nothing was logged yet).
    public var resumePoint: (lastPosition: Int?, setsDoneAtLastPosition: Int) {
        let last = (sets.map(\.record.planIndex) + skips.map(\.position)).max()
        guard let last else { return (nil, 0) }
        return (last, sets.filter { $0.record.planIndex == last }.count)
    }
}

/// What a check-in asked (the `kind` column of `check_in`).
public enum CheckInKind: String, Hashable, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// The daily red-flag screen before the first session of a day (emergency and same-day signs;
    /// rows from before the split held every question).
    case redFlag = "red_flag"
    /// The next-day response: "since your last session, your pain is back to usual / worse".
    case sinceLast = "since_last"
    /// The person passed `--skip-screen` for the day.
    case skipScreen = "skip_screen"
    /// Which movements ease the leg symptoms (issue 12); the outcome is a `ReliefDirection`.
    case direction
    /// The red-flag history check (at setup, every four weeks, or `limber check history`).
    case historyCheck = "history_check"
    /// The person confirmed that a clinician has assessed an earlier answer; `answers_json` holds
    /// what (`{"about":"history"}` or `{"about":"daily"}`) and `outcome` the date (`YYYY-MM-DD`).
    case clinicianAssessed = "clinician_assessed"
    /// Starting pain was 7 or more and the gentle routine was offered first: `outcome` is
    /// `gentle` or `kept`.
    case gentleOffer = "gentle_offer"
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
