import ExerciseCatalog

/// The next-session policy of CLINICAL.md ("Next session"), in one readable place next to
/// `PainPolicy` so a physiotherapist can review both. `Prescriber` applies it, checking `Rule` in
/// order for each exercise of a routine (one position of the routine) from the logged history;
/// each row carries its plain words (`Rule.row`, printed by `limber policy` and the README).
///
/// A step up is one `Step` along the exercise's range (its catalog `progression:` may override the
/// defaults here); at the top, the harder variant at its starting dose. A step back is the easier
/// variant at its starting dose (never more work than now when the work is of the same kind), or
/// ~30% fewer reps or seconds, whichever the cause asks for first. Never more than one step per
/// session, and never outside the routine exercise's easier/harder chain.
public enum ProgressionPolicy {
    /// Sessions in a row, at the same dose, with every set in the safe zone, before a step up.
    public static let easySessionsToProgress = 2
    /// Highest pain of a set that still counts as easy (the pain policy's safe zone, 0-3).
    public static let easyMaximum = PainPolicy.safeMaximum
    /// Highest pain that holds the dose (4-5); a rating above it steps back next time.
    public static let holdMaximum = PainPolicy.acceptableMaximum
    /// Reps added by one step up.
    public static let repStep = 2
    /// Seconds of hold added by one step up.
    public static let secondsStep = 5
    /// How much a step back cuts the reps or seconds (the same ~30% as the in-session policy).
    public static let stepBackPercent = PainPolicy.reductionPercent
    /// A starting pain this many points above the usual is a flare (the smallest change that
    /// matters on the 0-10 scale, Ostelo et al. 2008).
    public static let flareRiseOverUsual = 2
    /// "Usual" pain: the median starting pain of at most this many recent sessions...
    public static let usualPainWindow = 7
    /// ...and only once at least this many sessions have one (fewer say too little).
    public static let usualPainMinimumSessions = 3

    /// A starting set done below this share of its target is unfinished: it never counts as easy.
    public static let finishedPercent = 80
    /// Sets of a rep exercise at the top of its reps range may grow to this many, unless the
    /// exercise's `max.sets` says otherwise.
    public static let defaultMaximumSets = 3
    /// Walking (aerobic, timed) grows up to this many seconds unless its `max.seconds` says otherwise.
    public static let defaultWalkingTopSeconds = 30 * 60

    /// How much one step up adds. The defaults; an exercise's catalog `progression:` overrides them.
    public struct Step: Sendable, Hashable {
        public var reps: Int
        public var seconds: Int
        public var sets: Int

        public init(reps: Int, seconds: Int, sets: Int) {
            self.reps = reps
            self.seconds = seconds
            self.sets = sets
        }
    }

    /// Holds and reps: +5 s, +2 reps, +1 set at the top of the reps range.
    public static let defaultStep = Step(reps: repStep, seconds: secondsStep, sets: 1)
    /// Walking: +2 minutes.
    public static let walkingStep = Step(reps: repStep, seconds: 120, sets: 1)

    /// The step for `exercise`: its catalog override, else walking's for aerobic work, else the default.
    public static func step(for exercise: Exercise) -> Step {
        var step = exercise.kind == .aerobic ? walkingStep : defaultStep
        if let custom = exercise.progression {
            if let reps = custom.reps { step.reps = reps }
            if let seconds = custom.seconds { step.seconds = seconds }
            if let sets = custom.sets { step.sets = sets }
        }
        return step
    }

    /// The top of the range of `exercise` for this kind of work: its `max`, or for walking 30 min.
    public static func ceiling(of exercise: Exercise) -> DoseCeiling? {
        guard exercise.kind == .aerobic else { return exercise.max }
        var ceiling = exercise.max ?? DoseCeiling()
        if ceiling.seconds == nil { ceiling.seconds = defaultWalkingTopSeconds }
        return ceiling
    }

    /// True when `done` is at least `finishedPercent` of `target` (a target of 0 is always done).
    public static func isFinished(done: Work, target: Work) -> Bool {
        guard target.amount > 0 else { return true }
        return done.amount * 100 >= target.amount * finishedPercent
    }

    /// The work after a step up along the range, or nil at (or without) the top of the range.
    public static func steppedUp(_ work: Work, ceiling: DoseCeiling?, step: Step = defaultStep) -> Work? {
        switch work {
        case .reps(let n):
            guard let top = ceiling?.reps, n < top else { return nil }
            return .reps(min(n + step.reps, top))
        case .seconds(let s):
            guard let top = ceiling?.seconds, s < top else { return nil }
            return .seconds(min(s + step.seconds, top))
        }
    }

    /// The set count after a step up at the top of the reps range, or nil when sets cannot grow
    /// (timed work, or already at the exercise's most sets).
    public static func steppedUpSets(_ sets: Int, work: Work, ceiling: DoseCeiling?, step: Step = defaultStep) -> Int? {
        guard case .reps = work, step.sets > 0 else { return nil }
        let top = ceiling?.sets ?? defaultMaximumSets
        guard sets < top else { return nil }
        return min(sets + step.sets, top)
    }

    /// The top of the range for this kind of work, when the exercise has one.
    public static func top(of work: Work, ceiling: DoseCeiling?) -> Int? {
        switch work {
        case .reps: return ceiling?.reps
        case .seconds: return ceiling?.seconds
        }
    }

    /// The work after a ~30% step back, or nil when it is already the smallest amount.
    public static func steppedBack(_ work: Work) -> Work? {
        PainPolicy.reduced(work)
    }

    /// The usual starting pain: the (lower) median of the last `usualPainWindow` starting pains in
    /// `startingPains` (oldest first), or nil with fewer than `usualPainMinimumSessions` of them.
    /// The lower median errs toward calling a flare, which errs toward a gentler session.
    public static func usualPain(_ startingPains: [Int]) -> Int? {
        let recent = startingPains.suffix(usualPainWindow).sorted()
        guard recent.count >= usualPainMinimumSessions else { return nil }
        return recent[(recent.count - 1) / 2]
    }

    /// The rows, in the order `Prescriber` checks them for one exercise.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case flareToday = "flare_today"
        case spread
        case stopped
        case tooMuch = "too_much"
        case acceptable = "acceptable_last_time"
        case eased
        case unfinished
        case skippedPartway = "skipped_partway"
        case spreadElsewhere = "spread_elsewhere"
        case notEasyElsewhere = "not_easy_elsewhere"
        case afterFlare = "after_flare"
        case tooClose = "too_close"
        case oneEasy = "one_easy"
        case stepUp = "step_up"
        case atTop = "at_top"

        /// The row as `limber policy` prints it.
        public var row: PolicyRule {
            let easy = "0-\(easyMaximum)"
            switch self {
            case .flareToday:
                return PolicyRule(
                    id: rawValue, part: .nextSession,
                    signal: "A flare today: the next-day check says worse than before the last session, or your starting pain is \(flareRiseOverUsual) or more above your usual (the middle of your last \(usualPainWindow) starting pains, once there are \(usualPainMinimumSessions))",
                    response: "the exercises of your last session step back one step; nothing steps up.",
                    thresholds: [
                        .init("ProgressionPolicy.flareRiseOverUsual", flareRiseOverUsual, "points"),
                        .init("ProgressionPolicy.usualPainWindow", usualPainWindow, "sessions"),
                        .init("ProgressionPolicy.usualPainMinimumSessions", usualPainMinimumSessions, "sessions"),
                    ])
            case .spread:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time pain spread down your leg in this exercise (a mark, or a skip for that reason)",
                    response: "one step back, the easier variant first.")
            case .stopped:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time the exercise was stopped (pain \(PainPolicy.stopThreshold)+, or skipped as too painful)",
                    response: "one step back, the easier variant first.")
            case .tooMuch:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time a rating of \(holdMaximum + 1) or more",
                    response: "one step back (about \(stepBackPercent)% fewer reps or seconds first, else the easier variant).",
                    thresholds: [.init("ProgressionPolicy.stepBackPercent", stepBackPercent, "%")])
            case .acceptable:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time a rating of \(easyMaximum + 1)-\(holdMaximum) (or a centralising rise)",
                    response: "the same dose.")
            case .eased:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time the dose was eased during the session",
                    response: "the same dose.")
            case .unfinished:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time a set was done below \(finishedPercent)% of its target",
                    response: "the same dose: an unfinished set is not an easy set.",
                    thresholds: [.init("ProgressionPolicy.finishedPercent", finishedPercent, "%")])
            case .skippedPartway:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "Last time it was skipped partway",
                    response: "the same dose.")
            case .spreadElsewhere:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "A spread mark anywhere in the last session",
                    response: "every exercise holds its dose next session.")
            case .notEasyElsewhere:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "The exercise was not easy in another routine since",
                    response: "the same dose.")
            case .afterFlare:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "The last session started on a flare",
                    response: "no step up right after a flare.")
            case .tooClose:
                return PolicyRule(
                    id: rawValue, part: .nextSession,
                    signal: "The two easy sessions were less than \(NextDayResponse.hoursAfterSession) hours apart",
                    response: "they count as one: the same dose (the next-day response of the first was not known yet).",
                    thresholds: [.init("NextDayResponse.hoursAfterSession", NextDayResponse.hoursAfterSession, "hours")])
            case .oneEasy:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "One easy session at this dose",
                    response: "the same dose; one more in a row moves it up.")
            case .stepUp:
                return PolicyRule(
                    id: rawValue, part: .nextSession,
                    signal: "\(easySessionsToProgress) sessions in a row at the same dose, every set \(easy), no spread, every set done",
                    response: "one step up: +\(defaultStep.reps) reps, +\(defaultStep.seconds) s of hold, or +\(walkingStep.seconds / 60) min of walking (up to \(defaultWalkingTopSeconds / 60) min), up to the top of the exercise's range; at the top of the reps range +\(defaultStep.sets) set (up to \(defaultMaximumSets)); then the harder variant at its starting dose. An exercise's catalog file may set its own step (`progression:`).",
                    thresholds: [
                        .init("ProgressionPolicy.easySessionsToProgress", easySessionsToProgress, "sessions"),
                        .init("ProgressionPolicy.repStep", repStep, "reps"),
                        .init("ProgressionPolicy.secondsStep", secondsStep, "s"),
                        .init("ProgressionPolicy.walkingStep", walkingStep.seconds, "s"),
                        .init("ProgressionPolicy.defaultMaximumSets", defaultMaximumSets, "sets"),
                    ])
            case .atTop:
                return PolicyRule(
                    id: rawValue, part: .nextSession, signal: "At the top of its range with no harder variant",
                    response: "it stays there. Never more than one step per session; the level is read from your log every time, nothing else is stored.")
            }
        }
    }
}
