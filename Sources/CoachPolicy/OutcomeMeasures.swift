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

/// When the weekly outcome check-in is offered (CLINICAL.md, "Review and outcomes"): at the first
/// session of each calendar week, Monday to Sunday in local time. An offer the person skipped
/// counts as made for that week, so a skip is never asked again the same week.
public enum OutcomeSchedule {
    /// True when no check-in (answered or skipped) was logged in the local calendar week of `now`.
    /// - Parameter utcOffset: seconds east of UTC in effect at an instant (the local zone), so
    ///   the rule reads no clock and no time-zone database of its own.
    public static func isDue(lastOffered: Date?, now: Date, utcOffset: (Date) -> Int) -> Bool {
        guard let lastOffered else { return true }
        return weekStart(of: lastOffered, utcOffset: utcOffset(lastOffered)) < weekStart(of: now, utcOffset: utcOffset(now))
    }

    /// The local day number (days since 1970-01-01) of the Monday starting the week of `date`.
    public static func weekStart(of date: Date, utcOffset: Int) -> Int {
        let day = localDay(of: date, utcOffset: utcOffset)
        // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
        return day - ((day % 7 + 7 + 3) % 7)
    }

    /// The local day number (days since 1970-01-01) of `date`.
    public static func localDay(of date: Date, utcOffset: Int) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset
        return Int((Double(seconds) / 86_400).rounded(.down))
    }
}

extension OutcomeChange {
    /// The longest activity name the PSFS keeps (it has to fit a line of the 40-column screen).
    public static let psfsNameLength = 40

    /// The problem with an activity name, or nil when it is fine: 1-40 characters of plain text on
    /// one line (no control characters).
    public static func problem(withActivityName name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "an activity needs a few words, e.g. \"sit for an hour\"" }
        if trimmed.count > psfsNameLength { return "\"\(trimmed.prefix(20))…\" is longer than \(psfsNameLength) characters: say it in fewer words" }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "an activity name is plain text on one line (no tabs or control characters)"
        }
        return nil
    }
}
