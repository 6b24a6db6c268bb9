import Foundation

/// The weekly outcome measures of CLINICAL.md ("Review and outcomes"), both free to use: the PEG
/// and the Patient-Specific Functional Scale. These are the one vocabulary for an outcome check-in:
/// the store logs them, the review and the report show them, the export writes them.

/// The PEG (Krebs et al. 2009): three 0-10 items about the past week; the score is their mean.
public struct PEGAnswers: Sendable, Hashable, Codable {
    /// Average pain in the past week (0 = no pain, 10 = as bad as you can imagine).
    public var pain: Int
    /// How much pain interfered with enjoyment of life (0 = not at all, 10 = completely).
    public var enjoyment: Int
    /// How much pain interfered with general activity (0 = not at all, 10 = completely).
    public var activity: Int

    /// Three answers, each 0-10.
    public init(pain: Int, enjoyment: Int, activity: Int) {
        self.pain = pain
        self.enjoyment = enjoyment
        self.activity = activity
    }

    /// The mean of the three items (0-10; lower is better).
    public var score: Double { Double(pain + enjoyment + activity) / 3 }

    /// The three questions, in the order they are asked, with the words at each end of the scale.
    public static let questions: [(text: String, low: String, high: String)] = [
        ("What number best describes your pain on average in the past week?", "no pain", "pain as bad as you can imagine"),
        ("What number best describes how, during the past week, pain has interfered with your enjoyment of life?", "does not interfere", "completely interferes"),
        ("What number best describes how, during the past week, pain has interfered with your general activity?", "does not interfere", "completely interferes"),
    ]
}

/// One rating of the Patient-Specific Functional Scale (Stratford et al. 1995): an activity the
/// person named as hard because of their back or leg, rated 0 (unable) to 10 (as before).
public struct PSFSRating: Sendable, Hashable, Codable {
    /// The activity in the person's own words ("sit for an hour", "put on socks").
    public var activity: String
    /// 0 = unable to do it, 10 = able to do it as before the problem.
    public var rating: Int

    /// One activity and its rating.
    public init(activity: String, rating: Int) {
        self.activity = activity
        self.rating = rating
    }
}

/// The PSFS score of a set of ratings: their mean (0-10; higher is better), nil when empty.
public func psfsScore(_ ratings: [PSFSRating]) -> Double? {
    guard !ratings.isEmpty else { return nil }
    return Double(ratings.map(\.rating).reduce(0, +)) / Double(ratings.count)
}

/// One weekly outcome check-in: either measure may be skipped (nil / empty).
public struct OutcomeCheckIn: Sendable, Hashable {
    /// When the answers were given.
    public var takenAt: Date
    /// The PEG answers, or nil when skipped.
    public var peg: PEGAnswers?
    /// The PSFS ratings (3-5 activities), or empty when skipped.
    public var psfs: [PSFSRating]

    /// A check-in taken at `takenAt`.
    public init(takenAt: Date, peg: PEGAnswers?, psfs: [PSFSRating]) {
        self.takenAt = takenAt
        self.peg = peg
        self.psfs = psfs
    }

    /// The PSFS score (mean of the ratings), nil when skipped.
    public var psfsScore: Double? { CoachPolicy.psfsScore(psfs) }
}

/// The smallest changes of the outcome measures that matter (CLINICAL.md): about 30% of the
/// baseline PEG score, and 2 points of the PSFS mean.
public enum OutcomeChange {
    /// A PEG change of at least this share of the baseline is meaningful.
    public static let pegPercent = 30
    /// A PSFS change of at least this many points is meaningful.
    public static let psfsPoints = 2.0
    /// How many activities the PSFS asks for.
    public static let psfsActivities = 3...5

    /// True when the PEG moved from `baseline` to `now` by at least 30% of the baseline (a baseline
    /// of 0 has no room to improve: any rise of 1 point or more is meaningful).
    public static func pegIsMeaningful(from baseline: Double, to now: Double) -> Bool {
        let size = abs(now - baseline) + 1e-9
        guard baseline > 0 else { return size >= 1 }
        return size >= Double(pegPercent) / 100 * baseline
    }

    /// True when the PSFS mean moved by at least 2 points.
    public static func psfsIsMeaningful(from baseline: Double, to now: Double) -> Bool {
        abs(now - baseline) + 1e-9 >= psfsPoints
    }

    /// "meaningful: PEG 30% of the first score, PSFS 2 points": the note beside the measures.
    public static var note: String { "meaningful: PEG \(pegPercent)% of the first score, PSFS \(Int(psfsPoints)) points" }
}
