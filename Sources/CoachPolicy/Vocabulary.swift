import ExerciseCatalog

// The words every module shares for what happens in a session: a set, its side (BodySide, in
// SessionPlan.swift), its kind of work (WorkKind, in ExerciseCatalog), its adjustment
// (Adjustment, in PainPolicy.swift) and a session's status. Each is defined once; the engine,
// the log, the review and the export all use these.

/// One rated set (or one side of a set), as the log keeps it.
public struct SetRecord: Sendable, Hashable, Codable {
    /// Position of the exercise in the plan (0-based).
    public var planIndex: Int
    /// The exercise actually done: the planned one, or its easier variant after a switch.
    public var exerciseID: String
    public var exerciseName: String
    /// The exercise the routine planned at this position (differs after a switch to the easier variant).
    public var plannedExerciseID: String
    public var side: BodySide
    /// 1-based set number within the exercise (left and right of set 2 are both set 2).
    public var setNumber: Int
    /// What the set asked for.
    public var target: Work
    /// What was done: reps counted (even past the target) or seconds actually held, unpaused.
    public var done: Work
    /// The person's rating right after the set, 0...10.
    public var pain: Int
    /// "It spread further down my leg" was marked.
    public var spreadDownLeg: Bool
    /// "It moved up toward my back" (centralisation) was marked.
    public var movedTowardBack: Bool
    /// What the policy decided because of this rating, and why.
    public var decision: Decision

    public init(
        planIndex: Int, exerciseID: String, exerciseName: String, plannedExerciseID: String,
        side: BodySide, setNumber: Int, target: Work, done: Work, pain: Int, spreadDownLeg: Bool,
        movedTowardBack: Bool = false, decision: Decision
    ) {
        self.movedTowardBack = movedTowardBack
        self.planIndex = planIndex
        self.exerciseID = exerciseID
        self.exerciseName = exerciseName
        self.plannedExerciseID = plannedExerciseID
        self.side = side
        self.setNumber = setNumber
        self.target = target
        self.done = done
        self.pain = pain
        self.spreadDownLeg = spreadDownLeg
        self.decision = decision
    }
}

/// Where a session stands: the one type the engine (how it ended), the log (`status` column),
/// the review and the export use.
public enum SessionStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Running now, or the process died before it ended (found at the next start).
    case inProgress = "in_progress"
    /// Every exercise was done, skipped or stopped by the policy.
    case completed
    /// The person ended it (q, y).
    case endedEarly = "ended_early"
    /// The policy ended it gently (the second stop of the session).
    case endedByPolicy = "ended_by_policy"
    /// Found unfinished at a later launch; it can be resumed the same day.
    case interrupted

    /// True for every status but `in_progress`.
    public var isFinished: Bool { self != .inProgress }
}

