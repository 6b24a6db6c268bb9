import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
// The numbers behind the review's charts: weekly pain, adherence and per-exercise progress.
// Pure functions of the view-model values and "today", so every figure is tested directly.

/// Where a pain rating is felt.
public enum PainRegion: Sendable, Hashable, CaseIterable {
    /// Leg pain (sciatica).
    case leg
    /// Back pain.
    case back
    /// The overall rating, used when neither leg nor back pain was asked.
    case overall

    /// `Leg pain`, `Back pain`, `Pain`.
    public var title: String {
        switch self {
        case .leg: "Leg pain"
        case .back: "Back pain"
        case .overall: "Pain"
        }
    }

    /// `Leg`, `Back`, `Pain`.
    public var shortTitle: String {
        switch self {
        case .leg: "Leg"
        case .back: "Back"
        case .overall: "Pain"
        }
    }

    /// The session's rating of this region before and after.
    public func values(of session: ReviewSession) -> (before: Int?, after: Int?) {
        switch self {
        case .leg: (session.legPainBefore, session.legPainAfter)
        case .back: (session.backPainBefore, session.backPainAfter)
        case .overall: (session.painBefore, session.painAfter)
        }
    }
}

/// Pain before and after sessions over the last weeks, week by week (Monday to Sunday, the
/// current week last), for leg and back pain (or the overall rating when neither was asked).
public struct PainTrend: Sendable, Hashable {
    /// One region's series and its changes.
    public struct Series: Sendable, Hashable {
        /// The region.
        public var region: PainRegion
        /// Weekly mean pain before sessions (nil: no rating that week), oldest first.
        public var before: [Double?]
        /// Weekly mean pain after sessions.
        public var after: [Double?]
        /// Before-session pain, first weeks with ratings against the last ones (nil with fewer
        /// than two rated weeks).
        public var beforeChange: PainChange?
        /// The same for after-session pain.
        public var afterChange: PainChange?
        /// Sessions with both a before and an after rating.
        public var pairedSessions: Int
        /// Of those, sessions whose pain fell by a meaningful amount.
        public var sessionsBetter: Int
        /// Of those, sessions whose pain rose by a meaningful amount.
        public var sessionsWorse: Int
    }

    /// The Monday of every week, oldest first.
    public var weekStarts: [ReviewDay]
    /// Leg and back (those with any rating), or the overall rating when neither has one.
    public var series: [Series]
    /// How far down the leg the pain reached before each session in the window, oldest first
    /// (the centralisation trend; sessions without the question are left out).
    public var reachBefore: [PainReach] = []

    /// Weeks compared at each end of the window for the change lines.
    public static let comparedWeeks = 2

    /// The trend of `sessions` (any order) over the `weeks` weeks that end with today's week.
    public init(sessions: [ReviewSession], today: ReviewDay, weeks: Int = 12) {
        let firstMonday = today.weekStart.adding(days: -7 * (weeks - 1))
        weekStarts = (0..<weeks).map { firstMonday.adding(days: 7 * $0) }
        let inWindow = sessions.filter { $0.day >= firstMonday && $0.day <= today }
        func build(_ region: PainRegion) -> Series? {
            var beforeValues = Array(repeating: [Double](), count: weeks)
            var afterValues = Array(repeating: [Double](), count: weeks)
            var paired = 0, better = 0, worse = 0
            for session in inWindow {
                let week = (session.day.ordinal - firstMonday.ordinal) / 7
                let (before, after) = region.values(of: session)
                if let before { beforeValues[week].append(Double(before)) }
                if let after { afterValues[week].append(Double(after)) }
                if let before, let after {
                    paired += 1
                    switch PainChange(from: Double(before), to: Double(after)).verdict {
                    case .better: better += 1
                    case .worse: worse += 1
                    case .noClearChange: break
                    }
                }
            }
            guard beforeValues.contains(where: { !$0.isEmpty }) || afterValues.contains(where: { !$0.isEmpty }) else {
                return nil
            }
            return Series(
                region: region, before: beforeValues.map(PainTrend.mean), after: afterValues.map(PainTrend.mean),
                beforeChange: PainTrend.change(beforeValues), afterChange: PainTrend.change(afterValues),
                pairedSessions: paired, sessionsBetter: better, sessionsWorse: worse)
        }
        let legAndBack = [build(.leg), build(.back)].compactMap { $0 }
        series = legAndBack.isEmpty ? [build(.overall)].compactMap { $0 } : legAndBack
        reachBefore = inWindow.sorted { ($0.day, $0.startMinute) < ($1.day, $1.startMinute) }.compactMap(\.reachBefore)
    }

    /// "Pain reaches: below the knee → buttock (moved up toward the back (a good sign))": the first
    /// and last answers in the window, with the direction; nil with fewer than two answers.
    public var reachLine: String? {
        guard reachBefore.count >= 2, let first = reachBefore.first, let last = reachBefore.last else { return nil }
        let movement = PainReach.movement(from: first, to: last).map { ", \($0)" } ?? ", no change"
        return "Pain reaches (before sessions): \(first.plainText) → \(last.plainText)\(movement)"
    }

    /// True when no session in the window has a pain rating.
    public var isEmpty: Bool { series.isEmpty }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The mean of the ratings in the first `comparedWeeks` rated weeks against the mean of
    /// the last ones (fewer at each end when only two or three weeks have ratings).
    static func change(_ weekly: [[Double]]) -> PainChange? {
        let rated = weekly.filter { !$0.isEmpty }
        guard rated.count >= 2 else { return nil }
        let k = min(comparedWeeks, rated.count / 2)
        guard let first = mean(rated.prefix(k).flatMap { $0 }), let last = mean(rated.suffix(k).flatMap { $0 }) else { return nil }
        return PainChange(from: first, to: last)
    }
}

/// How regularly sessions happen: a calendar of the last weeks, sessions per week, days with a
/// session over the last 14 days against the person's weekly plan (`weekly_target` days a week),
/// and a weekly streak.
public struct Adherence: Sendable, Hashable {
    /// The Monday of every week, oldest first.
    public var weekStarts: [ReviewDay]
    /// Per week, per day (Monday first): 0 no session, 1-4 by the share of planned sets done
    /// (4 = all), nil for days after today.
    public var levels: [[Int?]]
    /// Sessions with at least one set, per week.
    public var sessionsPerWeek: [Int]
    /// Days with a session among the last 14 (today included).
    public var daysDoneLast14: Int
    /// Planned days among the last 14: two weeks of the weekly plan.
    public var daysPlannedLast14: Int
    /// Days a week the person plans to exercise (the `weekly_target` setting, 1-7).
    public var weeklyTarget: Int
    /// Weeks in a row, up to this one, in which at most one day was missed (see `init`).
    public var weeklyStreak: Int
    /// Days with a session this week so far.
    public var daysThisWeek: Int
    /// Days of this week so far, today included.
    public var daysElapsedThisWeek: Int
    /// True when any session counted in the window.
    public var hasSessions: Bool

    /// Planned days a week that may be missed without breaking the streak.
    public static let toleratedMissedDays = 1

    /// "2 of 3 this week": days with a session this week against the plan (the start screen and
    /// `limber status` say it the same way).
    public static func weekText(done: Int, target: Int) -> String { "\(done) of \(target) this week" }

    /// Adherence over the `weeks` weeks ending with today's week.
    ///
    /// - Parameters:
    ///   - sessions: sessions in the window (any order); only those with a set count.
    ///   - activeDays: every day with a logged set, in all history (for the streak).
    ///
    /// The streak counts weeks backwards from this one. A past week counts when it had at least
    /// the plan's days less one (at least one day; days before the very first session cannot be
    /// done, so the first week's plan is at most the days left of it). This week counts once it has a
    /// session; when the days left (today included) can no longer reach the plan less one, the
    /// streak is 0. A plan of 7 days is "at most one missed day a week".
    /// - Parameter weeklyTarget: planned days a week (1-7; 7, every day, when not given).
    public init(sessions: [ReviewSession], activeDays: [ReviewDay], today: ReviewDay, weeks: Int = 12, weeklyTarget: Int = 7) {
        let weeklyTarget = min(7, max(1, weeklyTarget))
        self.weeklyTarget = weeklyTarget
        let firstMonday = today.weekStart.adding(days: -7 * (weeks - 1))
        weekStarts = (0..<weeks).map { firstMonday.adding(days: 7 * $0) }
        var done: [ReviewDay: Int] = [:], planned: [ReviewDay: Int] = [:]
        var perWeek = Array(repeating: 0, count: weeks)
        for session in sessions where session.counts && session.day >= firstMonday && session.day <= today {
            done[session.day, default: 0] += session.setsDone
            planned[session.day, default: 0] += max(session.setsPlanned, session.setsDone)
            perWeek[(session.day.ordinal - firstMonday.ordinal) / 7] += 1
        }
        sessionsPerWeek = perWeek
        hasSessions = !done.isEmpty
        levels = weekStarts.map { monday in
            (0..<7).map { offset -> Int? in
                let day = monday.adding(days: offset)
                if day > today { return nil }
                guard let d = done[day], let p = planned[day], p > 0 else { return 0 }
                let share = Double(d) / Double(p)
                return share >= 1 ? 4 : share >= 2.0 / 3 ? 3 : share >= 1.0 / 3 ? 2 : 1
            }
        }
        let active = Set(activeDays).union(done.keys)
        daysPlannedLast14 = 2 * weeklyTarget
        daysDoneLast14 = (0..<14).filter { active.contains(today.adding(days: -$0)) }.count
        let monday = today.weekStart
        daysElapsedThisWeek = today.ordinal - monday.ordinal + 1
        daysThisWeek = (0..<daysElapsedThisWeek).filter { active.contains(monday.adding(days: $0)) }.count
        weeklyStreak = Adherence.streak(active: active, today: today, weeklyTarget: weeklyTarget)
    }

    static func streak(active: Set<ReviewDay>, today: ReviewDay, weeklyTarget: Int = 7) -> Int {
        guard let first = active.min() else { return 0 }
        func done(_ from: ReviewDay, _ through: ReviewDay) -> Int {
            guard from <= through else { return 0 }
            return (from.ordinal...through.ordinal).filter { active.contains(ReviewDay(ordinal: $0)) }.count
        }
        /// Days of the week from `monday` on which a session could have been done (not before the first).
        func possible(_ monday: ReviewDay) -> Int { min(7, max(0, monday.adding(days: 6).ordinal - max(monday, first).ordinal + 1)) }
        /// The plan less the tolerated miss, out of the days that were possible (at least one).
        func needed(_ monday: ReviewDay) -> Int { max(1, min(weeklyTarget, possible(monday)) - toleratedMissedDays) }
        let monday = today.weekStart
        let doneThisWeek = done(monday, today)
        let daysLeft = 7 - (today.ordinal - monday.ordinal)  // today included
        if doneThisWeek + daysLeft - (active.contains(today) ? 1 : 0) < needed(monday) { return 0 }
        var streak = doneThisWeek > 0 ? 1 : 0
        var week = monday.adding(days: -7)
        while week.adding(days: 6) >= first {
            guard done(week, week.adding(days: 6)) >= needed(week) else { break }
            streak += 1
            week = week.adding(days: -7)
        }
        return streak
    }
}

/// One exercise's volume and pain over the sessions it was done in.
///
/// The change lines compare the sessions of its first two weeks with those of its last two
/// (a few sessions at each end would be noise over years of history); when it has been done for
/// less than four weeks, the first half of its sessions with the second half.
public struct ExerciseTrend: Sendable, Hashable {
    /// The points, oldest first.
    public var points: [ReviewExercisePoint]

    /// Days at each end compared by the change lines.
    public static let comparedDays = 14

    /// Progress over `points` (sorted oldest first here).
    public init(points: [ReviewExercisePoint]) {
        self.points = points.sorted { ($0.day, $0.sessionID) < ($1.day, $1.sessionID) }
    }

    /// The unit of the latest point (reps or seconds).
    public var unit: WorkKind { points.last?.unit ?? WorkKind.reps }

    /// The sessions compared at each end, and whether they are whole two-week spans (nil below
    /// two sessions).
    public var comparedEnds: (first: [ReviewExercisePoint], last: [ReviewExercisePoint], byWeeks: Bool)? {
        guard points.count >= 2, let firstDay = points.first?.day, let lastDay = points.last?.day else { return nil }
        if lastDay.ordinal - firstDay.ordinal + 1 >= 2 * ExerciseTrend.comparedDays {
            let first = points.filter { $0.day.ordinal < firstDay.ordinal + ExerciseTrend.comparedDays }
            let last = points.filter { $0.day.ordinal > lastDay.ordinal - ExerciseTrend.comparedDays }
            return (first, last, true)
        }
        let half = points.count / 2
        return (Array(points.prefix(half)), Array(points.suffix(half)), false)
    }

    /// `first 2 weeks → last 2 weeks` or `first 4 → last 4 sessions`.
    public var comparedText: String {
        guard let ends = comparedEnds else { return "" }
        return ends.byWeeks ? "first 2 weeks → last 2 weeks" : "first \(ends.first.count) → last \(ends.last.count) sessions"
    }

    /// Mean volume a session at each end (sessions in the latest unit only).
    public var volumeChange: (from: Double, to: Double)? {
        guard let ends = comparedEnds else { return nil }
        let first = ends.first.filter { $0.unit == unit }, last = ends.last.filter { $0.unit == unit }
        guard !first.isEmpty, !last.isEmpty else { return nil }
        return (Double(first.reduce(0) { $0 + $1.volume }) / Double(first.count),
                Double(last.reduce(0) { $0 + $1.volume }) / Double(last.count))
    }

    /// The change of the highest pain a session, one end against the other.
    public var painChange: PainChange? {
        guard let ends = comparedEnds else { return nil }
        return PainChange(from: Double(ends.first.reduce(0) { $0 + $1.maxPain }) / Double(ends.first.count),
                          to: Double(ends.last.reduce(0) { $0 + $1.maxPain }) / Double(ends.last.count))
    }
}
