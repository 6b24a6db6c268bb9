import CoachPolicy
import TUIKit

/// One weekly check-in as the review shows it: the local day it was taken on, and the answers.
public struct ReviewOutcome: Sendable, Hashable {
    public var day: ReviewDay
    public var checkIn: OutcomeCheckIn

    public init(day: ReviewDay, checkIn: OutcomeCheckIn) {
        self.day = day
        self.checkIn = checkIn
    }
}

/// The change of one outcome measure from its first score to its latest, called better or worse
/// only when it reaches the smallest meaningful change (``OutcomeChange``).
public struct OutcomeTrend: Sendable, Hashable {
    public enum Measure: Sendable, Hashable {
        /// PEG: lower is better; meaningful at 30% of the first score.
        case peg
        /// PSFS: higher is better; meaningful at 2 points.
        case psfs
    }

    public var measure: Measure
    public var first: Double
    public var latest: Double

    /// True when the change reaches the measure's smallest meaningful change.
    public var isMeaningful: Bool { Self.isMeaningful(measure, from: first, to: latest) }

    static func isMeaningful(_ measure: Measure, from: Double, to: Double) -> Bool {
        switch measure {
        case .peg: OutcomeChange.pegIsMeaningful(from: from, to: to)
        case .psfs: OutcomeChange.psfsIsMeaningful(from: from, to: to)
        }
    }

    /// Better, worse or no clear change (a change below the meaningful size is no clear change).
    public var verdict: PainChange.Verdict {
        guard isMeaningful else { return .noClearChange }
        let improved = measure == .peg ? latest < first : latest > first
        return improved ? .better : .worse
    }

    /// "PEG 7.0 → 4.7: better (meaningful: 30% of the first score)".
    public var line: String {
        let name = measure == .peg ? "PEG" : "Activities"
        let size = measure == .peg ? "\(OutcomeChange.pegPercent)% of the first score" : "\(Int(OutcomeChange.psfsPoints)) points"
        let words: String
        switch verdict {
        case .better: words = "better (a meaningful change: \(size) or more)"
        case .worse: words = "worse (a meaningful change: \(size) or more)"
        case .noClearChange: words = "no clear change yet (meaningful: \(size))"
        }
        return "\(name) \(OutcomeFormat.score(first)) → \(OutcomeFormat.score(latest)): \(words)"
    }
}

/// The weekly check-ins of the log for the review's outcomes view.
public struct OutcomeHistory: Sendable, Hashable {
    /// Check-ins with at least one measure answered, oldest first.
    public var answered: [ReviewOutcome]
    /// Weekly offers skipped altogether.
    public var skipped: Int
    /// First PEG score against the latest (nil below two PEG answers).
    public var peg: OutcomeTrend?
    /// First PSFS score against the latest (nil below two PSFS answers).
    public var psfs: OutcomeTrend?

    public init(checkIns: [ReviewOutcome]) {
        answered = checkIns.filter { $0.checkIn.peg != nil || !$0.checkIn.psfs.isEmpty }
        skipped = checkIns.count - answered.count
        let pegs = answered.compactMap { $0.checkIn.peg?.score }
        let psfsScores = answered.compactMap(\.checkIn.psfsScore)
        peg = pegs.count >= 2 ? OutcomeTrend(measure: .peg, first: pegs[0], latest: pegs[pegs.count - 1]) : nil
        psfs = psfsScores.count >= 2 ? OutcomeTrend(measure: .psfs, first: psfsScores[0], latest: psfsScores[psfsScores.count - 1]) : nil
    }

    /// The first PEG and PSFS scores: each row is compared with them.
    public var baselines: (peg: Double?, psfs: Double?) {
        (answered.lazy.compactMap { $0.checkIn.peg?.score }.first, answered.lazy.compactMap(\.checkIn.psfsScore).first)
    }

    /// The verdict of `value` against the baseline of `measure` (for the marks in the table).
    public func verdict(_ measure: OutcomeTrend.Measure, _ value: Double?) -> PainChange.Verdict? {
        let base = measure == .peg ? baselines.peg : baselines.psfs
        guard let base, let value else { return nil }
        return OutcomeTrend(measure: measure, first: base, latest: value).verdict
    }
}

/// How outcome scores are written: one decimal ("4.7"), without a formatter.
public enum OutcomeFormat {
    public static func score(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
