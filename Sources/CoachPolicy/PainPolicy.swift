import ExerciseCatalog

/// What the pain policy changed after a set: the one type the engine, the log (`adjustment`
/// column), the review and the export use.
public enum Adjustment: String, Sendable, Hashable, CaseIterable, Codable {
    /// Same dose for the remaining sets.
    case keep
    /// Fewer reps or seconds, or one set fewer, for the remaining sets.
    case reduce
    /// The remaining sets use the exercise's easier variant.
    case switchEasier = "switch_easier"
    /// No more sets of this exercise today.
    case stopExercise = "stop_exercise"
    /// This exercise stops, and so does the session (gently).
    case endSession = "end_session"

    /// True when the exercise ends with it (a stop, or the end of the session).
    public var stopsExercise: Bool { self == .stopExercise || self == .endSession }
    /// True when the rest of the exercise got lighter (less work, or the easier variant).
    public var lightens: Bool { self == .reduce || self == .switchEasier }
}

/// What the engine does after a set's pain rating, and the words it shows for it.
public struct Decision: Sendable, Hashable, Codable {
    public var action: Adjustment
    /// The policy row that fired (a physiotherapist reviewing a log reads this).
    public var rule: PainPolicy.Rule
    /// One line in plain words, shown on screen and kept in the log.
    public var reason: String
    /// The dose for the rest of the exercise, when the decision changed it.
    public var nextDose: Dose?
    /// The id of the easier variant the remaining sets switch to (`action == .switchEasier`).
    public var switchedToID: String?

    public init(action: Adjustment, rule: PainPolicy.Rule, reason: String, nextDose: Dose? = nil, switchedToID: String? = nil) {
        self.action = action
        self.rule = rule
        self.reason = reason
        self.nextDose = nextDose
        self.switchedToID = switchedToID
    }

    /// False when this rating rules out progressing next session: anything but the safe zone.
    public var countsTowardProgression: Bool { rule == .safe }

    /// True when the exercise ends with this decision (a stop, or the end of the session).
    public var stopsExercise: Bool { action.stopsExercise }

    /// True when the person should see this decision before going on: anything but "safe, keep going".
    public var deservesNotice: Bool { !(action == .keep && rule == .safe) }
}

/// The in-session pain policy of CLINICAL.md ("Default policy"), in one readable place so a
/// physiotherapist can review it. Applied after every rated set (and every side): the rows are
/// `Rule`, checked in order, each with its plain words (`Rule.row`, printed by `limber policy`
/// and copied into the README from the same table, so the words cannot drift from this code).
///
/// Volume never rises within a session: every change is downward or sideways to a variant whose
/// dose is capped by the current one.
public enum PainPolicy {
    /// Highest pain in the safe zone (Silbernagel's pain-monitoring model: 0-3 is safe).
    public static let safeMaximum = 3
    /// Highest pain that is still acceptable during exercise (4-5); above it is too much.
    public static let acceptableMaximum = 5
    /// Pain at or above this stops the exercise for today.
    public static let stopThreshold = 8
    /// A rise of this many points over the day's check-in pain counts as too much even when the
    /// number is low (2 points is the smallest change that matters; 3 leaves a margin).
    public static let riseOverCheckInThatReduces = 3
    /// How much a reduction cuts the reps or hold seconds (CLINICAL: cut volume by 30-50%).
    public static let reductionPercent = 30
    /// A reduction never goes below this many reps...
    public static let minimumReps = 1
    /// ...or this many seconds of hold (shorter holds do nothing useful).
    public static let minimumHoldSeconds = 5
    /// The stop that ends the session: the second exercise stopped by the policy.
    public static let stopsThatEndTheSession = 2

    /// The policy rows, in the order they are checked (`decide` takes the first that applies).
    /// The raw values are the `rule` column of a logged set.
    public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
        case spreadDownLeg = "spread_down_leg"
        case painAtStopThreshold = "pain_at_stop_threshold"
        case centralizing
        case painAboveAcceptable = "pain_above_acceptable"
        case riseOverCheckIn = "rise_over_check_in"
        case acceptable
        case safe

        /// True when this row applies to `signal` (rows are checked in `allCases` order).
        public func applies(to signal: Signal) -> Bool {
            switch self {
            case .spreadDownLeg: return signal.spreadDownLeg
            case .painAtStopThreshold: return signal.pain >= stopThreshold
            case .centralizing:
                return signal.movedTowardBack && (signal.pain > safeMaximum || signal.rise >= riseOverCheckInThatReduces)
            case .painAboveAcceptable: return signal.pain > acceptableMaximum
            case .riseOverCheckIn: return signal.rise >= riseOverCheckInThatReduces
            case .acceptable: return signal.pain > safeMaximum
            case .safe: return true
            }
        }

        /// The row as `limber policy` prints it.
        public var row: PolicyRule {
            let cut = reductionPercent
            switch self {
            case .spreadDownLeg:
                return PolicyRule(
                    id: rawValue, part: .inSession, signal: "Pain spread further down your leg (l), at any number",
                    response: "stop that exercise now, even at pain 1; next time starts from the easier variant, and every exercise holds its dose next session.")
            case .painAtStopThreshold:
                return PolicyRule(
                    id: rawValue, part: .inSession, signal: "Pain \(stopThreshold) or more",
                    response: "stop that exercise for today.",
                    thresholds: [.init("PainPolicy.stopThreshold", stopThreshold, "pain")])
            case .centralizing:
                return PolicyRule(
                    id: rawValue, part: .inSession,
                    signal: "Pain moved up toward your back (b) and the number is above \(safeMaximum) or has risen",
                    response: "keep the same dose: centralisation is a good sign, so a rise in back pain is not a reason to reduce; that session does not count toward a step up.")
            case .painAboveAcceptable:
                return PolicyRule(
                    id: rawValue, part: .inSession, signal: "Pain \(acceptableMaximum + 1)-\(stopThreshold - 1)",
                    response: "the easier variant if there is one, else about \(cut)% fewer reps or seconds (never below \(minimumReps) rep or \(minimumHoldSeconds) s), else one set fewer.",
                    thresholds: [
                        .init("PainPolicy.acceptableMaximum", acceptableMaximum, "pain"),
                        .init("PainPolicy.reductionPercent", cut, "%"),
                        .init("PainPolicy.minimumReps", minimumReps, "reps"),
                        .init("PainPolicy.minimumHoldSeconds", minimumHoldSeconds, "s"),
                    ])
            case .riseOverCheckIn:
                return PolicyRule(
                    id: rawValue, part: .inSession, signal: "Pain \(riseOverCheckInThatReduces) or more above your starting pain",
                    response: "the same as pain \(acceptableMaximum + 1)-\(stopThreshold - 1): easier variant, else less.",
                    thresholds: [.init("PainPolicy.riseOverCheckInThatReduces", riseOverCheckInThatReduces, "points")])
            case .acceptable:
                return PolicyRule(
                    id: rawValue, part: .inSession, signal: "Pain \(safeMaximum + 1)-\(acceptableMaximum)",
                    response: "keep the same dose; that session does not count toward a step up.")
            case .safe:
                return PolicyRule(
                    id: rawValue, part: .inSession, signal: "Pain 0-\(safeMaximum)",
                    response: "keep going; it counts toward a step up (when the set was done).",
                    thresholds: [.init("PainPolicy.safeMaximum", safeMaximum, "pain")])
            }
        }
    }

    /// What one rating says: the number, the two marks, and the rise over the day's start.
    public struct Signal: Sendable, Hashable {
        public var pain: Int
        public var spreadDownLeg: Bool
        /// "It moved up toward my back" (centralisation).
        public var movedTowardBack: Bool
        /// Points above the day's starting pain (0 when there was none, or when lower).
        public var rise: Int

        public init(pain: Int, spreadDownLeg: Bool, movedTowardBack: Bool = false, rise: Int = 0) {
            self.pain = pain
            self.spreadDownLeg = spreadDownLeg
            self.movedTowardBack = movedTowardBack
            self.rise = rise
        }

        /// The first row of the table that applies.
        public var rule: Rule { Rule.allCases.first { $0.applies(to: self) } ?? .safe }
    }

    /// Everything the policy needs to know about where the person is.
    public struct Situation: Sendable, Hashable {
        /// The exercise being done (the planned one or its easier variant).
        public var exercise: Exercise
        /// Its current dose, after any earlier adjustment this session.
        public var dose: Dose
        /// The dose the plan started with (scales the easier variant's dose).
        public var plannedDose: Dose
        /// The easier variant still available to switch to (nil when none, or already switched).
        public var easierVariant: Exercise?
        /// The set just rated (1-based) and its side.
        public var setNumber: Int
        public var side: BodySide
        /// The day's starting pain, when the check-in gave one.
        public var checkInPain: Int?
        /// Exercises the policy has already stopped this session.
        public var stopsSoFar: Int

        public init(
            exercise: Exercise, dose: Dose, plannedDose: Dose, easierVariant: Exercise?, setNumber: Int,
            side: BodySide, checkInPain: Int?, stopsSoFar: Int
        ) {
            self.exercise = exercise
            self.dose = dose
            self.plannedDose = plannedDose
            self.easierVariant = easierVariant
            self.setNumber = setNumber
            self.side = side
            self.checkInPain = checkInPain
            self.stopsSoFar = stopsSoFar
        }

        /// Sets still to do after the one just rated (each side counts).
        public var remainingSets: Int { exercise.sides.setsLeft(after: setNumber, on: side, of: dose.sets) }
    }

    /// The decision for a rating of `pain` (0...10), with `spreadDownLeg` and `movedTowardBack`
    /// marked or not: the first row of `Rule.allCases` that applies, and what it does.
    public static func decide(pain: Int, spreadDownLeg: Bool, movedTowardBack: Bool = false, in situation: Situation) -> Decision {
        let name = situation.exercise.name
        let rise = max(0, situation.checkInPain.map { pain - $0 } ?? 0)
        let signal = Signal(pain: pain, spreadDownLeg: spreadDownLeg, movedTowardBack: movedTowardBack, rise: rise)
        let rule = signal.rule
        switch rule {
        case .spreadDownLeg:
            let nextTime = situation.easierVariant.map { "next time starts from \($0.name), the easier variant" }
                ?? "next time starts gentler"
            return stop(
                rule: rule,
                reason: "Pain spread down your leg: stopping \(name) for today; \(nextTime).",
                situation: situation)
        case .painAtStopThreshold:
            return stop(
                rule: rule,
                reason: "Pain \(pain) is too much (\(stopThreshold) or more): stopping \(name) for today.",
                situation: situation)
        case .centralizing:
            return Decision(
                action: .keep, rule: rule,
                reason: "Pain \(pain), moving up toward your back: a good sign (centralisation), so the same dose; no step up from this session.")
        case .painAboveAcceptable:
            return lighten(rule: rule, why: "Pain \(pain) is above \(acceptableMaximum)", situation: situation)
        case .riseOverCheckIn:
            return lighten(rule: rule, why: "Pain \(pain) is \(rise) above today's start (\(situation.checkInPain ?? 0))", situation: situation)
        case .acceptable:
            return Decision(
                action: .keep, rule: rule,
                reason: "Pain \(pain) is acceptable (\(safeMaximum + 1)-\(acceptableMaximum)): same dose; no progression from this session.")
        case .safe:
            return Decision(
                action: .keep, rule: rule,
                reason: "Pain \(pain) is in the safe zone (0-\(safeMaximum)): keep going.")
        }
    }

    /// The row a rating falls in when only the rating is known (sets logged before the log kept
    /// the rule): the same order as ``decide(pain:spreadDownLeg:in:)``, without the check-in rise.
    public static func rule(pain: Int, spreadDownLeg: Bool) -> Rule {
        Signal(pain: pain, spreadDownLeg: spreadDownLeg).rule
    }

    /// The work after a ~30% cut (rounded down, not below the minimum), or nil when it cannot fall.
    public static func reduced(_ work: Work) -> Work? {
        let cut = work.amount * (100 - reductionPercent) / 100  // integer division rounds down
        let floored = min(max(cut, minimum(for: work)), work.amount)
        return floored < work.amount ? work.with(amount: floored) : nil
    }

    /// The smallest amount a reduction may leave: 1 rep or 5 s.
    public static func minimum(for work: Work) -> Int {
        switch work {
        case .reps: return minimumReps
        case .seconds: return minimumHoldSeconds
        }
    }

    /// The easier variant's dose for the remaining sets: its own catalog work, scaled by how far
    /// this session has already cut the planned amount, never more than the current amount when
    /// the work is of the same kind; the current set count and rest.
    public static func easierDose(for easier: Exercise, current: Dose, planned: Dose) -> Dose {
        var amount = easier.dose.work.amount
        if planned.work.amount > 0, current.work.amount < planned.work.amount {
            let scaled = amount * current.work.amount / planned.work.amount
            amount = min(max(scaled, minimum(for: easier.dose.work)), amount)
        }
        if easier.dose.work.kind == current.work.kind { amount = min(amount, current.work.amount) }
        return Dose(sets: current.sets, work: easier.dose.work.with(amount: amount), rest: current.rest)
    }

    // MARK: - Rows

    private static func stop(rule: Rule, reason: String, situation: Situation) -> Decision {
        if situation.stopsSoFar + 1 >= stopsThatEndTheSession {
            return Decision(
                action: .endSession, rule: rule,
                reason: reason + " That is the second stop today, so the session ends here, gently.")
        }
        return Decision(action: .stopExercise, rule: rule, reason: reason)
    }

    /// Pain 6-7 or a rise over the check-in: the easier variant if there is one, else fewer reps or
    /// seconds, else one set fewer, else (already at the smallest dose) keep and say so.
    private static func lighten(rule: Rule, why: String, situation: Situation) -> Decision {
        let name = situation.exercise.name
        let dose = situation.dose
        let remaining = situation.remainingSets
        guard remaining > 0 else {
            return Decision(
                action: .keep, rule: rule,
                reason: "\(why): that was the last set of \(name), so there is nothing left to reduce.")
        }
        let whatIsLeft: String
        if remaining == 1 {
            whatIsLeft = situation.side == .left ? "the right side is" : "the last set is"
        } else {
            whatIsLeft = "next sets"
        }
        if let easier = situation.easierVariant {
            let easierDose = easierDose(for: easier, current: dose, planned: situation.plannedDose)
            return Decision(
                action: .switchEasier, rule: rule,
                reason: "\(why): switching to \(easier.name), the easier variant; \(whatIsLeft) \(easierDose.work.plainText).", nextDose: easierDose, switchedToID: easier.id)
        }
        if let lighter = reduced(dose.work) {
            var next = dose
            next.work = lighter
            // "7 reps instead of 10", "21 s instead of 30 s": the way a person says it.
            let oldAmount: String
            switch dose.work {
            case .reps(let n): oldAmount = "\(n)"
            case .seconds(let n): oldAmount = "\(n) s"
            }
            return Decision(
                action: .reduce, rule: rule,
                reason: "\(why): \(whatIsLeft) \(lighter.plainText) instead of \(oldAmount).", nextDose: next)
        }
        if dose.sets > situation.setNumber {
            var next = dose
            next.sets -= 1
            return Decision(
                action: .reduce, rule: rule,
                reason: "\(why): one set fewer (\(next.sets) instead of \(dose.sets)); \(dose.work.plainText) is already the smallest amount.", nextDose: next)
        }
        return Decision(
            action: .keep, rule: rule,
            reason: "\(why), but \(name) is already at its smallest dose: go gently, or press s to skip it.")
    }

}
