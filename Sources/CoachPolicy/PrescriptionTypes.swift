import ExerciseCatalog
import Foundation

/// The answer to "Since your last session, your pain is: better / about the same / worse".
public enum SinceLastAnswer: String, Sendable, Hashable, CaseIterable, Codable {
    case better
    case same
    case worse

    /// The words on screen. The next-day question offers `same` ("back to usual") and `worse`;
    /// `better` is only in logs written before the question had two answers.
    public var plainText: String {
        switch self {
        case .better: return "better"
        case .same: return "back to usual"
        case .worse: return "worse than before the last session"
        }
    }
}

/// One past session, as the prescription reads it. A history is a list of these, oldest first.
public struct PastSession: Sendable, Hashable {
    /// The routine it was a session of.
    public var routineID: String
    /// The starting pain (the worse of leg and back before the session when those were asked,
    /// else the overall check-in pain), if any.
    public var startingPain: Int?
    /// The next-launch check before this session said "worse".
    public var flareReported: Bool
    /// Every rated set, in the order they were logged.
    public var sets: [SetRecord]
    /// Positions the person skipped with `s`.
    public var skippedPositions: Set<Int>
    /// Why a position was skipped partway, when the person said (the last skip at that position).
    public var skipReasons: [Int: SkipReason]
    /// When it started (nil in histories built without dates: then no two are "too close").
    public var startedAt: Date?
    /// The sets the plan asked for at each position (from the stored plan), when known.
    public var plannedSets: [Int: Int]

    public init(
        routineID: String, startingPain: Int? = nil, flareReported: Bool = false, sets: [SetRecord],
        skippedPositions: Set<Int> = [], skipReasons: [Int: SkipReason] = [:], startedAt: Date? = nil,
        plannedSets: [Int: Int] = [:]
    ) {
        self.routineID = routineID
        self.startingPain = startingPain
        self.flareReported = flareReported
        self.sets = sets
        self.skippedPositions = skippedPositions
        self.skipReasons = skipReasons
        self.startedAt = startedAt
        self.plannedSets = plannedSets
    }

    /// True when a spread mark (or a skip because it spread) happened anywhere in the session.
    public var hadSpread: Bool { sets.contains(where: \.spreadDownLeg) || skipReasons.values.contains(.spread) }

    /// The sets done at `position`.
    public func sets(at position: Int) -> [SetRecord] { sets.filter { $0.planIndex == position } }
}

/// What the person said before today's session.
public struct TodayCheckIn: Sendable, Hashable {
    /// The next-launch answer, when it was asked (the last session was on an earlier day).
    public var sinceLast: SinceLastAnswer?
    /// Today's starting pain on the same scale as `PastSession.startingPain`, if given.
    public var startingPain: Int?

    public init(sinceLast: SinceLastAnswer? = nil, startingPain: Int? = nil) {
        self.sinceLast = sinceLast
        self.startingPain = startingPain
    }
}

/// Why today counts as a flare, with the words shown for it.
public struct Flare: Sendable, Hashable {
    /// What made it a flare.
    public enum Cause: Sendable, Hashable {
        /// The next-launch check said "worse".
        case reportedWorse
        /// Today's starting pain is at least `ProgressionPolicy.flareRiseOverUsual` above the usual.
        case painAboveUsual(today: Int, usual: Int)
    }

    public var cause: Cause
    /// "you said your pain is worse since last session", "today's pain 6 is 2 or more above your usual 3".
    public var reason: String

    public init(cause: Cause) {
        self.cause = cause
        switch cause {
        case .reportedWorse:
            reason = "you said your pain is worse since your last session"
        case .painAboveUsual(let today, let usual):
            reason = "today's pain \(today) is \(ProgressionPolicy.flareRiseOverUsual) or more above your usual \(usual)"
        }
    }
}

/// Where an exercise position stands: which exercise of its chain, and how much work per set.
public struct ExerciseLevel: Sendable, Hashable, CustomStringConvertible {
    public var exerciseID: String
    public var work: Work
    /// Sets per session, when a step up added sets; nil: the routine's sets for the position.
    public var sets: Int?

    public init(exerciseID: String, work: Work, sets: Int? = nil) {
        self.exerciseID = exerciseID
        self.work = work
        self.sets = sets
    }

    public var description: String { "\(exerciseID) \(sets.map { "\($0) x " } ?? "")\(work.plainText)" }
}

/// What the prescription did to one position compared with the last time it was done.
public enum PrescriptionChange: String, Sendable, Hashable, CaseIterable {
    /// Never done before (or the log no longer matches the catalog): the routine's default.
    case routineDefault = "routine_default"
    /// The same exercise and dose as last time.
    case held
    /// One step up: more reps or seconds, or the harder variant.
    case progressed
    /// One step back: fewer reps or seconds, or the easier variant.
    case steppedBack = "stepped_back"
}

/// The prescription for one position of the routine, with the reason in plain words.
public struct ExercisePrescription: Sendable, Hashable {
    /// The position in the routine (0-based).
    public var position: Int
    /// The routine's own exercise and dose at this position.
    public var routineDefault: PlannedExercise
    /// The level last done at this position, if it was done before.
    public var lastLevel: ExerciseLevel?
    /// The level for today.
    public var level: ExerciseLevel
    /// What happened since last time.
    public var change: PrescriptionChange
    /// The progression rule that decided it (nil for the routine's default on a first time).
    public var rule: ProgressionPolicy.Rule?
    /// One line in plain words, always present ("Glute bridge 2 x 12 reps, up from 10: two easy
    /// sessions in a row (every set 0-3, no spread).").
    public var reason: String
    /// Today's planned exercise (the exercise, the dose, its easier variant, and the note).
    public var planned: PlannedExercise

    public init(
        position: Int, routineDefault: PlannedExercise, lastLevel: ExerciseLevel?, level: ExerciseLevel,
        change: PrescriptionChange, rule: ProgressionPolicy.Rule? = nil, reason: String, planned: PlannedExercise
    ) {
        self.rule = rule
        self.position = position
        self.routineDefault = routineDefault
        self.lastLevel = lastLevel
        self.level = level
        self.change = change
        self.reason = reason
        self.planned = planned
    }

    /// True when today's exercise or dose is not the routine's default.
    public var differsFromDefault: Bool {
        planned.exercise.id != routineDefault.exercise.id || planned.dose != routineDefault.dose
    }
}

/// Today's prescription: the plan to run and, per position, what changed and why.
public struct Prescription: Sendable, Hashable {
    /// The plan for the session engine (each changed exercise carries its `prescriptionNote`).
    public var plan: SessionPlan
    /// One entry per position of the routine, in order.
    public var exercises: [ExercisePrescription]
    /// The flare, when today is one.
    public var flare: Flare?
    /// The usual starting pain the flare rule compared with, when there was enough history.
    public var usualPain: Int?

    public init(plan: SessionPlan, exercises: [ExercisePrescription], flare: Flare?, usualPain: Int?) {
        self.plan = plan
        self.exercises = exercises
        self.flare = flare
        self.usualPain = usualPain
    }

    /// The entries whose exercise or dose differs from the routine's default, or that changed
    /// since last time (what the start screen explains).
    public var changes: [ExercisePrescription] {
        exercises.filter { $0.planned.prescriptionNote != nil }
    }
}
