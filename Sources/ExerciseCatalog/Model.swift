/// The exercise catalog as values: what an exercise is, how much of it to do, and the routines
/// that string exercises together. Loading and validating the YAML files lives in `CatalogLoader`;
/// these types are plain data so the engine and the screens can build them directly in tests.

/// What an exercise mainly does; decides how it is introduced and logged.
public enum ExerciseKind: String, Sendable, Hashable, CaseIterable, Codable {
    case stretch
    case mobility
    case nerveGlide = "nerve-glide"
    case strength
    case aerobic
}

/// Whether the exercise is done once for the body (`both`) or left then right (`each`).
public enum Sides: String, Sendable, Hashable, CaseIterable, Codable {
    case both
    case each
}

/// Where the body is during an exercise. Routines keep exercises of one position together (all
/// on the back, then on the side, face down, on hands and knees, sitting, standing), because
/// getting up and down is what hurts most on a bad day; the session intro says when it changes.
public enum Position: String, Sendable, Hashable, CaseIterable, Codable {
    case back
    case side
    case front
    case handsKnees = "hands-knees"
    case sitting
    case standing

    /// "lying on your back", as the intro says where to go next.
    public var phrase: String {
        switch self {
        case .back: return "lying on your back"
        case .side: return "lying on your side"
        case .front: return "lying face down"
        case .handsKnees: return "on your hands and knees"
        case .sitting: return "sitting on a firm chair"
        case .standing: return "standing"
        }
    }
}

/// The amount of work in one set: a number of repetitions or a timed hold in seconds.
public enum Work: Sendable, Hashable, Codable {
    case reps(Int)
    case seconds(Int)

    /// The work of `kind` with `amount` reps or seconds.
    public init(kind: WorkKind, amount: Int) {
        switch kind {
        case .reps: self = .reps(amount)
        case .seconds: self = .seconds(amount)
        }
    }

    /// Whether this counts repetitions or seconds.
    public var kind: WorkKind {
        switch self {
        case .reps: return .reps
        case .seconds: return .seconds
        }
    }

    /// The number of reps or seconds, whichever this is.
    public var amount: Int {
        switch self {
        case .reps(let n), .seconds(let n): return n
        }
    }

    /// The same kind of work with a different amount.
    public func with(amount: Int) -> Work {
        switch self {
        case .reps: return .reps(amount)
        case .seconds: return .seconds(amount)
        }
    }

    /// "10 reps" or "30 s", as a person reads it.
    public var plainText: String {
        switch self {
        case .reps(let n): return n == 1 ? "1 rep" : "\(n) reps"
        case .seconds(let n): return "\(n) s"
        }
    }
}

/// The kind of work a set asks for, as the log's `target_kind` column stores it.
public enum WorkKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Repetitions (self-paced or tempo-guided).
    case reps
    /// Seconds of a timed hold.
    case seconds
}

/// How much of an exercise to do: sets of work with a rest between sets.
public struct Dose: Sendable, Hashable, Codable {
    /// Number of sets (for `sides: each`, per side).
    public var sets: Int
    /// Reps or hold seconds in each set.
    public var work: Work
    /// Seconds of rest after each set (none after the last set of the routine).
    public var rest: Int

    public init(sets: Int, work: Work, rest: Int) {
        self.sets = sets
        self.work = work
        self.rest = rest
    }

    /// "2 x 10 reps" or "3 x 30 s".
    public var plainText: String { "\(sets) x \(work.plainText)" }
}

/// Seconds for each phase of one guided rep: move up, hold, move down.
public struct Tempo: Sendable, Hashable, Codable {
    public var up: Int
    public var hold: Int
    public var down: Int

    public init(up: Int, hold: Int, down: Int) {
        self.up = up
        self.hold = hold
        self.down = down
    }

    /// Seconds one rep takes at this tempo.
    public var repSeconds: Int { up + hold + down }

    /// "2-5-2", the way therapists write tempo.
    public var plainText: String { "\(up)-\(hold)-\(down)" }
}

/// The top of an exercise's progression range: the largest dose the next-session policy may
/// prescribe before it moves to the harder variant. Every field is optional.
public struct DoseCeiling: Sendable, Hashable, Codable {
    public var sets: Int?
    public var reps: Int?
    public var seconds: Int?

    public init(sets: Int? = nil, reps: Int? = nil, seconds: Int? = nil) {
        self.sets = sets
        self.reps = reps
        self.seconds = seconds
    }
}

/// How much one step up adds for this exercise (`progression:` in its file); each field given
/// replaces the policy's default step (CoachPolicy's `ProgressionPolicy.Step`).
public struct ProgressionStep: Sendable, Hashable, Codable {
    public var sets: Int?
    public var reps: Int?
    public var seconds: Int?

    public init(sets: Int? = nil, reps: Int? = nil, seconds: Int? = nil) {
        self.sets = sets
        self.reps = reps
        self.seconds = seconds
    }
}

/// One exercise of the catalog, as read from `Exercises/<id>.yaml`.
public struct Exercise: Sendable, Hashable, Identifiable, Codable {
    /// Stable id, also the file name (`glute-bridge`).
    public var id: String
    /// Name shown to the person (`Glute bridge`).
    public var name: String
    public var kind: ExerciseKind
    /// Body areas it works (`core`, `hips`, `hamstrings`, ...).
    public var area: [String]
    public var sides: Sides
    /// The default dose; a routine item may override it.
    public var dose: Dose
    /// Guided tempo for reps; `nil` means self-paced reps (or a timed hold).
    public var tempo: Tempo?
    /// The top of the progression range, if the exercise has one.
    public var max: DoseCeiling?
    /// 3-6 plain steps, in order.
    public var steps: [String]
    /// 1-3 short cues shown during the work.
    public var cues: [String]
    /// Signs that mean: stop this exercise now.
    public var stopIf: [String]
    /// Id of the easier variant (regression), if any.
    public var easier: String?
    /// Id of the harder variant (progression), if any.
    public var harder: String?
    /// ASCII figure of the position, one string per row (at most 12 rows x 40 columns).
    public var figure: [String]
    /// Where the body is; `nil` in files written before the field existed.
    public var position: Position?
    /// The file it was loaded from, for error messages; `nil` when built in code.
    public var sourcePath: String?
    /// Its own step up, when the file overrides the policy's default step.
    public var progression: ProgressionStep?

    public init(
        id: String, name: String, kind: ExerciseKind, area: [String] = [], sides: Sides, dose: Dose,
        tempo: Tempo? = nil, max: DoseCeiling? = nil, steps: [String], cues: [String] = [],
        stopIf: [String] = [], easier: String? = nil, harder: String? = nil, figure: [String] = [],
        position: Position? = nil, sourcePath: String? = nil, progression: ProgressionStep? = nil
    ) {
        self.progression = progression
        self.id = id
        self.name = name
        self.kind = kind
        self.area = area
        self.sides = sides
        self.dose = dose
        self.tempo = tempo
        self.max = max
        self.steps = steps
        self.cues = cues
        self.stopIf = stopIf
        self.easier = easier
        self.harder = harder
        self.figure = figure
        self.position = position
        self.sourcePath = sourcePath
    }
}

/// What a routine is for; helps a person pick one.
public enum RoutineKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The bad-day minimum that still counts.
    case minimum
    /// Gentle relief for a flare day.
    case relief
    /// Mobility and stretching.
    case mobility
    /// Core strengthening.
    case strength
}

/// Where a routine sits on the way from a flare back to normal activity. limber suggests the
/// next stage after two steady weeks at the top of a routine's doses, and the stage below after a
/// flare; it never switches by itself.
public enum RoutineStage: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case relief
    case foundation
    case build
    case returnToActivity = "return-to-activity"

    /// "return to activity", as a person reads it.
    public var plainText: String { rawValue.replacingOccurrences(of: "-", with: " ") }

    /// The stage after this one, if any.
    public var next: RoutineStage? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    /// The stage before this one, if any.
    public var previous: RoutineStage? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index > 0 ? all[index - 1] : nil
    }

    public static func < (a: RoutineStage, b: RoutineStage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Which movements ease the leg symptoms (the direction of relief, or "directional preference"):
/// bending back (extension), bending forward (flexion), or neither / not sure (neutral). A
/// relief routine biased one way carries that direction; the person's answer is the same type.
public enum ReliefDirection: String, Sendable, Hashable, CaseIterable, Codable {
    case `extension`
    case flexion
    case neutral

    /// "bending back", as the question puts it.
    public var plainText: String {
        switch self {
        case .`extension`: return "bending back"
        case .flexion: return "bending forward"
        case .neutral: return "neither, or not sure"
        }
    }
}

/// A partial dose in a routine item; each field given replaces the exercise's default.
public struct DoseOverride: Sendable, Hashable, Codable {
    public var sets: Int?
    public var reps: Int?
    public var seconds: Int?
    public var rest: Int?

    public init(sets: Int? = nil, reps: Int? = nil, seconds: Int? = nil, rest: Int? = nil) {
        self.sets = sets
        self.reps = reps
        self.seconds = seconds
        self.rest = rest
    }

    /// True when no field is set.
    public var isEmpty: Bool { sets == nil && reps == nil && seconds == nil && rest == nil }

    /// The exercise's dose with this override's fields applied. Validation guarantees that `reps`
    /// is only given for rep exercises and `seconds` only for timed ones.
    public func applied(to base: Dose) -> Dose {
        var dose = base
        if let sets { dose.sets = sets }
        if let reps { dose.work = .reps(reps) }
        if let seconds { dose.work = .seconds(seconds) }
        if let rest { dose.rest = rest }
        return dose
    }
}

/// One step of a routine: an exercise id and an optional dose override.
public struct RoutineItem: Sendable, Hashable, Codable {
    public var exercise: String
    public var override: DoseOverride

    public init(exercise: String, override: DoseOverride = DoseOverride()) {
        self.exercise = exercise
        self.override = override
    }
}

/// A routine, as read from `Exercises/routines/<id>.yaml`.
public struct Routine: Sendable, Hashable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var kind: RoutineKind
    /// One line: when to use this routine.
    public var summary: String
    public var items: [RoutineItem]
    /// Where it sits on the way back to normal activity; `nil` when the file gives none.
    public var stage: RoutineStage?
    /// The length the routine promises, in minutes (the estimate must stay close to it).
    public var minutes: Int?
    /// The direction of relief it is biased toward; `.neutral` when the file gives none.
    public var direction: ReliefDirection
    public var sourcePath: String?

    public init(
        id: String, name: String, kind: RoutineKind, summary: String, items: [RoutineItem],
        stage: RoutineStage? = nil, minutes: Int? = nil, direction: ReliefDirection = .neutral, sourcePath: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.summary = summary
        self.items = items
        self.stage = stage
        self.minutes = minutes
        self.direction = direction
        self.sourcePath = sourcePath
    }
}

/// Rough seconds a person spends on things the dose does not count.
public enum TimingEstimate {
    /// Reading the intro and the get-ready countdown, per exercise.
    public static let introSeconds = 15
    /// The get-ready countdown before each set (and each side), in seconds.
    public static let getReadySeconds = 5
    /// A self-paced rep (no tempo), in seconds.
    public static let selfPacedRepSeconds = 3
    /// Answering the pain question after a set.
    public static let painPromptSeconds = 4

    /// Seconds of work in one set of this dose at this tempo.
    public static func workSeconds(_ work: Work, tempo: Tempo?) -> Int {
        switch work {
        case .seconds(let s): return s
        case .reps(let n): return n * (tempo?.repSeconds ?? selfPacedRepSeconds)
        }
    }

    /// Estimated seconds for an exercise at a dose: intro, then for every set and side the
    /// get-ready countdown, the work, the pain prompt and the rest.
    public static func seconds(for exercise: Exercise, dose: Dose) -> Int {
        let sides = exercise.sides == .each ? 2 : 1
        let perSet = getReadySeconds + workSeconds(dose.work, tempo: exercise.tempo) + painPromptSeconds + dose.rest
        return introSeconds + dose.sets * sides * perSet
    }
}
