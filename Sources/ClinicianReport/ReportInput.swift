import CoachPolicy
import ExerciseCatalog
import Foundation

/// What the clinician's report is built from: the log's values in the policy's own vocabulary
/// (CoachApp's ReportFlow reads them from the SessionLog), the weekly outcome check-ins, the
/// weekly target and today's prescription. Everything the report shows comes from here; the
/// builder reads no clock and does no I/O.
public struct ReportInput: Sendable {
    /// When the report is made (its "made on" line and the end of the adherence weeks).
    public var generatedAt: Date
    /// The zone whose calendar days and weeks the report shows.
    public var timeZone: TimeZone
    /// `--since`: the first instant shown, or nil for the whole log.
    public var since: Date?
    /// The sessions shown, oldest first (already from `since` on).
    public var sessions: [ReportSession]
    /// Red-flag answers and clinician assessments, oldest first (already from `since` on).
    public var checks: [ReportCheck]
    /// The weekly PEG/PSFS check-ins, oldest first.
    public var outcomes: [OutcomeCheckIn]
    /// Days a week the person means to exercise (Settings.weeklyTarget).
    public var weeklyTarget: Int
    /// Today's prescription, as `limber start` computes it, or why there is none.
    public var prescription: ReportPrescription

    public init(generatedAt: Date, timeZone: TimeZone, since: Date?, sessions: [ReportSession], checks: [ReportCheck],
                outcomes: [OutcomeCheckIn], weeklyTarget: Int, prescription: ReportPrescription) {
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.since = since
        self.sessions = sessions
        self.checks = checks
        self.outcomes = outcomes
        self.weeklyTarget = weeklyTarget
        self.prescription = prescription
    }
}

/// One logged session with its sets and skips.
public struct ReportSession: Sendable, Hashable {
    public var id: Int64
    public var startedAt: Date
    public var routineName: String
    public var status: SessionStatus
    public var legPainBefore: Int?
    public var legPainAfter: Int?
    public var backPainBefore: Int?
    public var backPainAfter: Int?
    /// The one overall pain of sessions logged before leg and back were asked apart.
    public var painBefore: Int?
    public var painAfter: Int?
    public var reachBefore: PainReach?
    public var reachAfter: PainReach?
    public var sets: [ReportSet]
    public var skips: [ReportSkip]
    /// Why the session started on a flare (`Prescriber.pastFlares`' rule), nil when it did not.
    public var flare: Flare?

    public init(id: Int64, startedAt: Date, routineName: String, status: SessionStatus,
                legPainBefore: Int? = nil, legPainAfter: Int? = nil, backPainBefore: Int? = nil, backPainAfter: Int? = nil,
                painBefore: Int? = nil, painAfter: Int? = nil, reachBefore: PainReach? = nil, reachAfter: PainReach? = nil,
                sets: [ReportSet] = [], skips: [ReportSkip] = [], flare: Flare? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.routineName = routineName
        self.status = status
        self.legPainBefore = legPainBefore
        self.legPainAfter = legPainAfter
        self.backPainBefore = backPainBefore
        self.backPainAfter = backPainAfter
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.reachBefore = reachBefore
        self.reachAfter = reachAfter
        self.sets = sets
        self.skips = skips
        self.flare = flare
    }
}

/// One set as the engine recorded it, with when it was done.
public struct ReportSet: Sendable, Hashable {
    public var record: SetRecord
    public var completedAt: Date

    public init(record: SetRecord, completedAt: Date) {
        self.record = record
        self.completedAt = completedAt
    }
}

/// An exercise skipped in a session, with the person's reason when one was given.
public struct ReportSkip: Sendable, Hashable {
    public var exerciseID: String
    public var exerciseName: String
    public var at: Date
    public var reason: SkipReason?

    public init(exerciseID: String, exerciseName: String, at: Date, reason: SkipReason?) {
        self.exerciseID = exerciseID
        self.exerciseName = exerciseName
        self.at = at
        self.reason = reason
    }
}

/// A red-flag answer or a clinician's assessment, as the check-in table holds it.
public struct ReportCheck: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The daily red-flag screen.
        case daily
        /// The red-flag history check (every four weeks).
        case history
        /// The person confirmed a clinician assessed an earlier answer (`about`: daily or history)
        /// on `date` (YYYY-MM-DD).
        case clinicianAssessed(about: String, date: String)
        /// The person passed `--skip-screen` for the day.
        case skippedScreen
    }

    public var at: Date
    public var kind: Kind
    /// The flags answered "yes" (their ids in `RedFlags.all`).
    public var yes: [String]
    /// What the answers added up to (nil for an assessment or a skipped screen).
    public var outcome: RedFlags.Outcome?

    public init(at: Date, kind: Kind, yes: [String] = [], outcome: RedFlags.Outcome? = nil) {
        self.at = at
        self.kind = kind
        self.yes = yes
        self.outcome = outcome
    }
}

/// Today's prescription for the routine `limber start` would preselect (the last one logged).
public enum ReportPrescription: Sendable, Hashable {
    case prescribed(Prescription)
    /// No prescription, in plain words ("nothing logged yet", "routine x is no longer in the catalog").
    case unavailable(String)
}
