import MonotonicTime
import CoachPolicy
import ExerciseCatalog

/// The pain question: after every set (and every side), and at the check-in before the session.
/// Its key rules (one key answers: 0-9, `t` for 10; arrows move from a starting value and Enter
/// confirms) also serve the screens that ask for pain outside a session (leg and back pain).
public struct PainPrompt: Sendable, Hashable {
    /// The value chosen so far (0...10), nil until the person picks one; Enter needs a value.
    public internal(set) var selection: Int?
    /// True while `selection` is the answer given to the previous set of this exercise, offered
    /// again so that Enter alone keeps it (shown as such; nothing is logged without Enter).
    public internal(set) var isPreselected: Bool
    /// "It spread further down my leg" is marked (only offered after a set).
    public internal(set) var spreadDownLeg: Bool
    /// "It moved up toward my back" (centralisation) is marked (only offered after a set).
    public internal(set) var movedTowardBack: Bool = false
    /// What the set just done asked for and achieved; nil at the check-in.
    public let completedWork: CompletedWork?

    /// An empty prompt; `completedWork` nil asks without a set (no spread mark). `preselected`
    /// puts the last answer up for Enter to keep.
    public init(completedWork: CompletedWork? = nil, preselected: Int? = nil) {
        self.selection = preselected.map { min(max($0, 0), Self.maximum) }
        self.isPreselected = preselected != nil
        self.spreadDownLeg = false
        self.completedWork = completedWork
    }

    /// The prompt after a set offers the spread mark; the check-in does not.
    public var offersSpreadMark: Bool { completedWork != nil }

    /// Highest value on the scale.
    public static let maximum = 10
    /// The key that answers 10 in one press ("t" for ten): every digit key answers at once, so
    /// "1" then "0" cannot make 10.
    public static let tenKey: Character = "t"
    /// Previous answers up to this one are offered again on the same exercise's next set (the
    /// safe zone: a higher answer is always asked afresh).
    public static let preselectUpTo = 3

    /// Sets the value outright (nil clears it); out-of-range values are ignored.
    public mutating func set(_ value: Int?) {
        guard let value else { selection = nil; isPreselected = false; return }
        guard (0...Self.maximum).contains(value) else { return }
        selection = value
        isPreselected = false
    }

    /// Moves the value by `step`; with nothing chosen yet the first press shows `startingValue`
    /// (the last rating), so the arrows start from where the person was.
    public mutating func adjust(by step: Int, startingValue: Int) {
        isPreselected = false
        guard let current = selection else {
            selection = min(max(startingValue, 0), Self.maximum)
            return
        }
        selection = min(max(current + step, 0), Self.maximum)
    }

    public mutating func toggleSpread() {
        if offersSpreadMark { spreadDownLeg.toggle() }
        if spreadDownLeg { movedTowardBack = false }
    }

    /// b: "it moved up toward my back". The two marks say opposite things, so one clears the other.
    public mutating func toggleTowardBack() {
        guard offersSpreadMark else { return }
        movedTowardBack.toggle()
        if movedTowardBack { spreadDownLeg = false }
    }
}

/// A finished set's target and what was actually done.
public struct CompletedWork: Sendable, Hashable {
    public var target: Work
    public var done: Work

    public init(target: Work, done: Work) {
        self.target = target
        self.done = done
    }
}

/// Reps counted in a self-paced set.
public struct RepProgress: Sendable, Hashable {
    /// Reps counted with Space (u takes one back); never more than `maximum`.
    public internal(set) var counted: Int
    public let target: Int

    /// The most a set may count: twice the target. A held-down Space bar must not log 410 reps.
    public var maximum: Int { max(1, target) * 2 }
    /// The count capped at the target, for a gauge that does not overflow.
    public var displayedCount: Int { min(counted, target) }
    public var isTargetReached: Bool { counted >= target }
    /// Reps counted beyond the target (shown as such).
    public var overTarget: Int { max(0, counted - target) }
    public var isAtMaximum: Bool { counted >= maximum }
}

/// The three phases of a guided rep.
public enum TempoPhase: String, Sendable, Hashable, CaseIterable {
    case up
    case hold
    case down

    /// Seconds this phase lasts at `tempo`.
    public func seconds(in tempo: Tempo) -> Int {
        switch self {
        case .up: return tempo.up
        case .hold: return tempo.hold
        case .down: return tempo.down
        }
    }

    /// "UP", "HOLD", "DOWN".
    public var label: String { rawValue.uppercased() }
}

/// Where a tempo-guided set is: which rep, which phase, and the phase's own countdown.
public struct TempoProgress: Sendable, Hashable {
    public let tempo: Tempo
    /// The rep in progress, 1-based.
    public internal(set) var rep: Int
    /// Reps the set asks for.
    public let target: Int
    public internal(set) var phase: TempoPhase
    /// Counts down the current phase.
    public internal(set) var phaseCountdown: Countdown

    /// Reps fully done so far (what Enter logs when it finishes the set early).
    public var completedReps: Int { rep - 1 }
}

/// The exercise in progress and its dose as adjusted so far this session.
public struct ExerciseProgress: Sendable, Hashable {
    /// Position in the plan (0-based).
    public let planIndex: Int
    /// What the plan asked for at this position.
    public let planned: PlannedExercise
    /// The exercise being done: the planned one, or its easier variant after a switch.
    public internal(set) var exercise: Exercise
    /// The current dose; only ever falls during a session.
    public internal(set) var dose: Dose
    /// The set in progress (or just done), 1-based.
    public internal(set) var setNumber: Int
    /// The side of the set in progress.
    public internal(set) var side: BodySide
    /// True after the policy switched to the easier variant.
    public internal(set) var isEasierVariant: Bool
    /// Sets (each side counts) rated for this exercise so far.
    public internal(set) var setsRated: Int

    /// Sets (each side counts) still to do, counting the one in progress when it is not rated yet.
    public func setsLeft(includingCurrent: Bool) -> Int {
        exercise.sides.setsLeft(after: setNumber, on: side, of: dose.sets) + (includingCurrent ? 1 : 0)
    }
}

/// Which screen the session is on, with the data only that screen needs. The rest (exercise,
/// dose, set, side, decisions) lives on `SessionState`.
public enum SessionPhase: Sendable, Hashable {
    /// Created, waiting for `.start`.
    case notStarted
    /// Today's pain before starting (0...10, Enter to confirm).
    case checkIn(PainPrompt)
    /// The exercise's name, steps, cues and figure; Enter begins, and the countdown (when
    /// running; nil once a key stopped it or when the setting is off) begins by itself.
    case intro(Countdown?)
    /// "Get ready" before a set; the work starts at its deadline (Enter starts at once).
    case getReady(Countdown)
    /// "Now the RIGHT side", with a get-ready countdown; the work starts at its deadline.
    case sideSwitch(to: BodySide, Countdown)
    /// A timed hold counting down; Enter finishes early.
    case hold(Countdown)
    /// Space counts reps, Enter finishes.
    case selfPacedReps(RepProgress)
    /// Reps guided up/hold/down; the set ends by itself after the last rep, or on Enter.
    case tempoReps(TempoProgress)
    /// Pain right after the set (and the spread mark).
    case painPrompt(PainPrompt)
    /// The policy's decision and its reason; Enter or the countdown continues.
    case adjustmentNotice(Decision, Countdown)
    /// s during a set: why, in one key (`SkipReason`); the set's work so far is kept.
    case skipReason(CompletedWork)
    /// Rest between sets; Enter skips it.
    case rest(Countdown)
    /// The session is over; nothing more happens.
    case summary(SessionEndRecord)

    /// The phase without its data, for comparisons and switch statements that need no payload.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case notStarted, checkIn, intro, getReady, sideSwitch, hold, selfPacedReps, tempoReps
        case painPrompt, adjustmentNotice, skipReason, rest, summary
    }

    public var kind: Kind {
        switch self {
        case .notStarted: return .notStarted
        case .checkIn: return .checkIn
        case .intro: return .intro
        case .getReady: return .getReady
        case .sideSwitch: return .sideSwitch
        case .hold: return .hold
        case .selfPacedReps: return .selfPacedReps
        case .tempoReps: return .tempoReps
        case .painPrompt: return .painPrompt
        case .adjustmentNotice: return .adjustmentNotice
        case .skipReason: return .skipReason
        case .rest: return .rest
        case .summary: return .summary
        }
    }

    /// The countdown this phase shows (the tempo phase's own for tempo reps), if any.
    public var countdown: Countdown? {
        switch self {
        case .getReady(let c), .sideSwitch(_, let c), .hold(let c), .adjustmentNotice(_, let c), .rest(let c):
            return c
        case .tempoReps(let progress):
            return progress.phaseCountdown
        case .intro(let c):
            return c
        case .notStarted, .checkIn, .selfPacedReps, .painPrompt, .skipReason, .summary:
            return nil
        }
    }

    /// The same phase with its countdown changed by `change` (pausing and resuming).
    func withCountdown(_ change: (inout Countdown) -> Void) -> SessionPhase {
        switch self {
        case .getReady(var c): change(&c); return .getReady(c)
        case .sideSwitch(let side, var c): change(&c); return .sideSwitch(to: side, c)
        case .hold(var c): change(&c); return .hold(c)
        case .adjustmentNotice(let d, var c): change(&c); return .adjustmentNotice(d, c)
        case .rest(var c): change(&c); return .rest(c)
        case .tempoReps(var p): change(&p.phaseCountdown); return .tempoReps(p)
        case .intro(var c?): change(&c); return .intro(c)
        case .notStarted, .checkIn, .intro(nil), .selfPacedReps, .painPrompt, .skipReason, .summary: return self
        }
    }
}

/// Everything the screens need, read-only. Time-dependent values are functions of `now` so a
/// screen can be drawn for any instant without touching the engine.
public struct SessionState: Sendable, Hashable {
    /// The plan as built before the session.
    public let plan: SessionPlan
    /// The current screen and its data.
    public internal(set) var phase: SessionPhase = .notStarted
    /// True while paused (`p`): countdowns keep their remainders and active time stops.
    public internal(set) var isPaused = false
    /// The exercise in progress; nil before the first one and after the last.
    public internal(set) var current: ExerciseProgress?
    /// The day's starting pain, once given (or passed in when resuming).
    public internal(set) var checkInPain: Int?
    /// Every rated set so far, in order, with its decision (the summary lists them).
    public internal(set) var setRecords: [SetRecord] = []
    /// Exercises skipped so far.
    public internal(set) var skipRecords: [SkipRecord] = []
    /// The latest decision, shown on the adjustment notice.
    public internal(set) var lastDecision: Decision?
    /// Exercises the policy stopped so far (the second ends the session).
    public internal(set) var stopCount = 0
    /// True once any set's work has begun: only the session's first get-ready is the long one.
    public internal(set) var workStarted = false
    /// Unpaused time banked up to `activeSince`.
    var activeTimeBanked: Duration = .zero
    /// When the current unpaused stretch began; nil before start, while paused and after the end.
    var activeSince: Instant?

    init(plan: SessionPlan) {
        self.plan = plan
    }

    // MARK: - Where we are

    /// Index (0-based) of the exercise in progress; the plan's count once past the last.
    public var exerciseIndex: Int { current?.planIndex ?? (isOver ? plan.exercises.count : 0) }
    public var exerciseCount: Int { plan.exercises.count }
    /// The exercise being done (the easier variant after a switch).
    public var exercise: Exercise? { current?.exercise }
    /// The current dose, after this session's adjustments.
    public var dose: Dose? { current?.dose }
    /// The set in progress, 1-based ("set 2 of 3").
    public var setNumber: Int? { current?.setNumber }
    /// Sets per side the current dose asks for.
    public var totalSets: Int? { current?.dose.sets }
    /// The side of the set in progress.
    public var side: BodySide? { current?.side }

    // MARK: - Countdowns, reps, tempo, pain

    /// The countdown on screen (get ready, hold, tempo phase, notice, rest), if any.
    public var countdown: Countdown? { phase.countdown }
    /// Time left on the countdown at `now`; nil when nothing counts down.
    public func remaining(at now: Instant) -> Duration? { countdown?.remaining(at: now) }
    /// The full length of the countdown on screen, for a gauge.
    public var countdownTotal: Duration? { countdown?.total }
    /// Reps counted and target in a self-paced set.
    public var reps: RepProgress? {
        if case .selfPacedReps(let progress) = phase { return progress }
        return nil
    }
    /// Rep and phase in a tempo-guided set.
    public var tempo: TempoProgress? {
        if case .tempoReps(let progress) = phase { return progress }
        return nil
    }
    /// The pain question on screen (check-in or after a set).
    public var painPrompt: PainPrompt? {
        switch phase {
        case .checkIn(let prompt), .painPrompt(let prompt): return prompt
        default: return nil
        }
    }

    // MARK: - Decisions and totals

    /// Every decision so far, in order.
    public var decisions: [Decision] { setRecords.map(\.decision) }
    /// The rated sets whose decision changed something or was worth saying (the summary's list).
    public var adjustments: [SetRecord] { setRecords.filter { $0.decision.deservesNotice } }
    /// Rated sets (each side counts).
    public var setsDone: Int { setRecords.count }
    /// Sets the plan asked for (each side counts), before adjustments.
    public var setsPlanned: Int { plan.plannedSetCount }
    /// The last rating given, if any.
    public var lastPain: Int? { setRecords.last?.pain }
    /// Time spent in the session so far, pauses excluded.
    public func activeTime(at now: Instant) -> Duration {
        guard let activeSince else { return activeTimeBanked }
        return activeTimeBanked + max(.zero, activeSince.duration(to: now))
    }

    // MARK: - The end

    /// The end record once the session is over.
    public var ending: SessionEndRecord? {
        if case .summary(let record) = phase { return record }
        return nil
    }
    /// How the session ended; nil while it runs.
    public var outcome: SessionStatus? { ending?.outcome }
    public var isOver: Bool { ending != nil }
}
