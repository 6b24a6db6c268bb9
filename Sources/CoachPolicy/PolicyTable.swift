/// A number a rule uses, with its name, so a reviewer sees every threshold next to its rule.
public struct PolicyThreshold: Sendable, Hashable {
    /// The Swift constant that holds it (`PainPolicy.stopThreshold`): where to change it.
    public var name: String
    public var value: Int
    /// "pain", "%", "points", "hours", "sessions", "s", "days".
    public var unit: String

    public init(_ name: String, _ value: Int, _ unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// `PainPolicy.stopThreshold = 8 pain`.
    public var plainText: String { "\(name) = \(value) \(unit)" }
}

/// One rule of limber's policy, as a physical therapist reviews it: the signal, what limber does,
/// and the thresholds it uses. The engine and the prescription read the same constants, and the
/// rules that decide (`PainPolicy.Rule`, `ProgressionPolicy.Rule`) are checked in this table's
/// order, so `limber policy` and the README (both built from this table) cannot drift from the code.
public struct PolicyRule: Sendable, Hashable, Identifiable {
    /// Where in the day the rule applies; the order of the printed policy.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case painScale = "pain_scale"
        case redFlagsDaily = "red_flags_daily"
        case redFlagsHistory = "red_flags_history"
        case beforeSession = "before_session"
        case inSession = "in_session"
        case nextSession = "next_session"
        case review

        /// The heading of the part.
        public var title: String {
            switch self {
            case .painScale: return "Pain scale"
            case .redFlagsDaily: return "Red flags, daily (before the first session of a day; never adjustable)"
            case .redFlagsHistory: return "Red flags, history (at setup, then every \(RedFlags.historyIntervalDays) days or `limber check history`)"
            case .beforeSession: return "Before a session"
            case .inSession: return "During a session (after each set, checked in this order)"
            case .nextSession: return "From one session to the next (per exercise, checked in this order)"
            case .review: return "Review"
            }
        }
    }

    /// A stable id: the `rule` column of a logged set for in-session rules (`spread_down_leg`).
    public var id: String
    public var part: Part
    /// What limber notices, in plain words ("Pain spread further down your leg").
    public var signal: String
    /// What limber does then, in plain words.
    public var response: String
    /// The numbers the rule uses.
    public var thresholds: [PolicyThreshold]

    public init(id: String, part: Part, signal: String, response: String, thresholds: [PolicyThreshold] = []) {
        self.id = id
        self.part = part
        self.signal = signal
        self.response = response
        self.thresholds = thresholds
    }

    /// "Signal: response." as one sentence.
    public var sentence: String { "\(signal): \(response)" }
}

/// Every rule, in reading order: the one table `limber policy`, `limber policy --markdown` and the
/// README's "How limber adapts" print.
public enum PolicyTable {
    public static var rules: [PolicyRule] {
        painScale + RedFlags.rules + beforeSession + PainPolicy.Rule.allCases.map(\.row) + inSessionNotes
            + ProgressionPolicy.Rule.allCases.map(\.row) + review
    }

    /// The rules of one part, in order.
    public static func rules(in part: PolicyRule.Part) -> [PolicyRule] { rules.filter { $0.part == part } }

    /// The rule with this id.
    public static func rule(_ id: String) -> PolicyRule? { rules.first { $0.id == id } }

    static var painScale: [PolicyRule] {
        let safe = PainPolicy.safeMaximum, acceptable = PainPolicy.acceptableMaximum
        return [
            PolicyRule(
                id: "pain_zones", part: .painScale, signal: "Every set is rated 0-10 (leg pain)",
                response: "0-\(safe) is safe, \(safe + 1)-\(acceptable) is acceptable, \(acceptable + 1) and above is too much. You may also mark that it spread further down your leg, or moved up toward your back.",
                thresholds: [.init("PainPolicy.safeMaximum", safe, "pain"), .init("PainPolicy.acceptableMaximum", acceptable, "pain")]),
            PolicyRule(
                id: "starting_pain", part: .painScale, signal: "Starting pain",
                response: "the worse of your leg and back pain before the session (\(StartingPain.ruleText)).",
                thresholds: []),
        ]
    }

    static var beforeSession: [PolicyRule] {
        [
            PolicyRule(
                id: "next_day_response", part: .beforeSession,
                signal: "The first launch \(NextDayResponse.hoursAfterSession) hours or more after a session",
                response: "asks how your pain settled: back to usual, or worse than before the last session. Worse is a flare.",
                thresholds: [.init("NextDayResponse.hoursAfterSession", NextDayResponse.hoursAfterSession, "hours")]),
            PolicyRule(
                id: "high_starting_pain", part: .beforeSession,
                signal: "Starting pain \(StartingPain.gentleFirstAt) or more",
                response: "the gentle routine is offered first (one key); you may keep the routine you chose.",
                thresholds: [.init("StartingPain.gentleFirstAt", StartingPain.gentleFirstAt, "pain")]),
            PolicyRule(
                id: "pain_reach", part: .beforeSession,
                signal: "Before and after a session",
                response: "one key says how far down the leg the pain reaches today (\(PainReach.allCases.map(\.plainText).joined(separator: " / "))). Moving up toward the back is centralisation, a good sign; moving down is peripheralisation.",
                thresholds: []),
        ]
    }

    static var inSessionNotes: [PolicyRule] {
        [
            PolicyRule(
                id: "second_stop_ends_session", part: .inSession,
                signal: "The \(ordinal(PainPolicy.stopsThatEndTheSession)) exercise stopped in one session",
                response: "the session ends, gently.",
                thresholds: [.init("PainPolicy.stopsThatEndTheSession", PainPolicy.stopsThatEndTheSession, "stops")]),
            PolicyRule(
                id: "skip_reason", part: .inSession, signal: "A set skipped partway (s)",
                response: "one key says why: \(SkipReason.allCases.map(\.plainText).joined(separator: " / ")). Too painful counts as pain \(PainPolicy.stopThreshold) (a stop); spread counts as a spread mark; the others are only logged.",
                thresholds: []),
            PolicyRule(
                id: "never_rises_in_session", part: .inSession, signal: "Within a session",
                response: "the amount never goes up; every change is down, or to the easier variant.",
                thresholds: []),
        ]
    }

    static var review: [PolicyRule] {
        [
            PolicyRule(
                id: "meaningful_change", part: .review, signal: "A change of pain",
                response: "is called better or worse only when it is \(MeaningfulChange.points) points or more, or \(MeaningfulChange.percent)% of the starting value (and at least \(MeaningfulChange.minimumPoints) point); anything smaller is no clear change.",
                thresholds: [
                    .init("MeaningfulChange.points", MeaningfulChange.points, "points"),
                    .init("MeaningfulChange.percent", MeaningfulChange.percent, "%"),
                ]),
        ]
    }

    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "first"
        case 2: return "second"
        case 3: return "third"
        default: return "\(n)th"
        }
    }
}
