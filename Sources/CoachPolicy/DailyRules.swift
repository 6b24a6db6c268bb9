import Foundation

// The small rules around a session, each one place: the starting pain, the next-day response,
// the high-pain offer, where the pain reaches, why a set was skipped, and the smallest change that
// matters. Dates are values here (compared, never read from a clock).

/// The day's starting pain: the one number the in-session "rise over the start" rule, the flare
/// rule and the gentle-first offer compare with.
public enum StartingPain {
    /// Starting pain at or above this offers the gentle routine first (CLINICAL: 7 or more).
    public static let gentleFirstAt = 7
    /// How it is computed, in plain words (printed by `limber policy`).
    public static let ruleText = "when only one overall rating was given, that one"

    /// The worse of leg and back pain when either was given, else the overall rating.
    public static func of(leg: Int?, back: Int?, overall: Int? = nil) -> Int? {
        [leg, back].compactMap { $0 }.max() ?? overall
    }

    /// True when the gentle routine should be offered first.
    public static func offersGentleFirst(_ pain: Int) -> Bool { pain >= gentleFirstAt }
}

/// The 24-hour response of the pain-monitoring model (Silbernagel 2007): pain should settle by the
/// next morning; worse than before the last session means the load was too high (a flare).
public enum NextDayResponse {
    /// The question is asked at the first launch this many hours or more after a session; two
    /// sessions closer than this never make two steps toward progression.
    public static let hoursAfterSession = 12

    /// True when `later` is at least `hoursAfterSession` after `earlier`.
    public static func isFarEnough(from earlier: Date, to later: Date) -> Bool {
        later.timeIntervalSince(earlier) >= Double(hoursAfterSession) * 3600
    }

    /// Whether to ask now: a session started at `lastSession`, 12+ hours ago, and the question
    /// was not answered since it (`lastAnswered`).
    public static func isDue(lastSession: Date?, lastAnswered: Date?, now: Date) -> Bool {
        guard let lastSession, isFarEnough(from: lastSession, to: now) else { return false }
        if let lastAnswered, lastAnswered >= lastSession { return false }
        return true
    }
}

/// How far down the leg the pain reaches today (McKenzie: the sciatica signal that matters most).
/// Ordered from the back down: moving up is centralisation, moving down is peripheralisation.
public enum PainReach: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case backOnly = "back_only"
    case buttock
    case thigh
    case belowKnee = "below_knee"
    case foot

    /// 0 (back only) to 4 (foot): how far down.
    public var depth: Int { Self.allCases.firstIndex(of: self)! }

    /// "back only", "buttock", "thigh", "below the knee", "foot".
    public var plainText: String {
        switch self {
        case .backOnly: return "back only"
        case .buttock: return "buttock"
        case .thigh: return "thigh"
        case .belowKnee: return "below the knee"
        case .foot: return "foot"
        }
    }

    /// The key that answers it (1-5).
    public var key: Character { Character(String(depth + 1)) }

    public static func < (lhs: PainReach, rhs: PainReach) -> Bool { lhs.depth < rhs.depth }

    /// "moved up toward the back", "spread further down", or nil for no change.
    public static func movement(from before: PainReach, to after: PainReach) -> String? {
        if after < before { return "moved up toward the back, a good sign" }
        if after > before { return "spread further down the leg" }
        return nil
    }
}

/// Why a set was skipped partway (one key). Pain and spread reasons count as a rating would.
public enum SkipReason: String, Sendable, Hashable, CaseIterable, Codable {
    case tooPainful = "too_painful"
    case spread
    case noTime = "no_time"
    case other

    /// "too painful", "spread down the leg", "no time", "other".
    public var plainText: String {
        switch self {
        case .tooPainful: return "too painful"
        case .spread: return "spread down the leg"
        case .noTime: return "no time"
        case .other: return "other"
        }
    }

    /// The key that answers it.
    public var key: Character {
        switch self {
        case .tooPainful: return "p"
        case .spread: return "l"
        case .noTime: return "t"
        case .other: return "o"
        }
    }

    /// The rating this reason counts as: too painful = pain at the stop threshold, spread = a
    /// spread mark; nil for reasons that say nothing about pain.
    public var countsAsRating: (pain: Int, spreadDownLeg: Bool)? {
        switch self {
        case .tooPainful: return (PainPolicy.stopThreshold, false)
        case .spread: return (0, true)
        case .noTime, .other: return nil
        }
    }
}

/// The smallest change that matters (Ostelo et al. 2008): 2 points on the 0-10 scale, or 30% of
/// the starting value. Ratings move in whole points, so a change under 1 point never counts, even
/// when it is 30% of a small average.
public enum MeaningfulChange {
    public static let points = 2
    public static let percent = 30
    public static let minimumPoints = 1
    /// "meaningful: 2+ points or 30%": the note beside a verdict.
    public static var note: String { "meaningful: \(points)+ points or \(percent)%" }

    /// True when `from` -> `to` is a change that matters.
    public static func isMeaningful(from: Double, to: Double) -> Bool {
        let size = abs(to - from) + 1e-9
        if size >= Double(points) { return true }
        return from > 0 && size >= Double(percent) / 100 * from && size >= Double(minimumPoints)
    }
}

/// A change of pain judged by `MeaningfulChange`: anything smaller is "no clear change" and is
/// never called better or worse.
public struct PainChange: Sendable, Hashable {
    /// The starting value.
    public var from: Double
    /// The later value.
    public var to: Double

    /// The change from `from` to `to`.
    public init(from: Double, to: Double) {
        self.from = from
        self.to = to
    }

    /// `to - from` (negative = less pain).
    public var delta: Double { to - from }

    /// True when the change is at least 2 points, or at least 30% of `from` and 1 point.
    public var isMeaningful: Bool { MeaningfulChange.isMeaningful(from: from, to: to) }

    /// How the change reads.
    public enum Verdict: Sendable, Hashable {
        case better, worse, noClearChange
    }

    /// Better or worse only when meaningful.
    public var verdict: Verdict {
        guard isMeaningful else { return .noClearChange }
        return delta < 0 ? .better : .worse
    }

    /// `better`, `worse` or `no clear change`.
    public var label: String {
        switch verdict {
        case .better: "better"
        case .worse: "worse"
        case .noClearChange: "no clear change"
        }
    }

    /// `↓` for a meaningful fall, `↑` for a meaningful rise, "" otherwise.
    public var arrow: String {
        switch verdict {
        case .better: "↓"
        case .worse: "↑"
        case .noClearChange: ""
        }
    }
}

/// When the red-flag history check is asked: at setup (none on record) and every
/// `RedFlags.historyIntervalDays` days after the last one.
public enum HistoryCheck {
    public static func isDue(lastCheck: Date?, now: Date) -> Bool {
        guard let lastCheck else { return true }
        return now.timeIntervalSince(lastCheck) >= Double(RedFlags.historyIntervalDays) * 86_400
    }
}
