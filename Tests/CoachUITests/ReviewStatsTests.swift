import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import TestSupport
import CoachUI

/// The numbers behind the review: days, the meaningful-change rule, trend, adherence, progress.
@Suite("review stats")
struct ReviewStatsTests {
    @Test("day numbers round-trip through year/month/day, with weekdays, across leap years")
    func days() {
        #expect(ReviewDay(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(ReviewDay(year: 2026, month: 3, day: 4).isoText == "2026-03-04")
        #expect(ReviewDay(year: 2026, month: 3, day: 4).weekday == 2, "a Wednesday")
        #expect(ReviewDay(year: 2024, month: 2, day: 29).adding(days: 1).isoText == "2024-03-01")
        #expect(ReviewDay(year: 1969, month: 12, day: 31).weekday == 2)
        for ordinal in stride(from: -800, through: 30_000, by: 7) {
            let day = ReviewDay(ordinal: ordinal)
            let c = day.components
            #expect(ReviewDay(year: c.year, month: c.month, day: c.day) == day)
        }
        #expect(ReviewDay(year: 2026, month: 3, day: 4).weekStart.isoText == "2026-03-02")
        #expect(ReviewDay(year: 2026, month: 3, day: 1).weekStart.isoText == "2026-02-23", "Sunday belongs to the week before")
        #expect(ReviewDay(year: 2026, month: 3, day: 4).shortText == "Mar 4")
    }

    @Test("a change is meaningful at 2 points or 30% (and at least 1 point); smaller is no clear change")
    func meaningfulChange() {
        #expect(PainChange(from: 6, to: 4).verdict == .better)
        #expect(PainChange(from: 8, to: 6.5).verdict == .noClearChange, "1.5 points is 19%")
        #expect(PainChange(from: 5, to: 3.5).verdict == .better, "1.5 points is 30% of 5")
        #expect(PainChange(from: 5, to: 4).verdict == .noClearChange, "1 point is 20% of 5")
        #expect(PainChange(from: 3, to: 2).verdict == .better, "1 point is 33% of 3")
        #expect(PainChange(from: 1.2, to: 0.8).verdict == .noClearChange, "33% but under one point")
        #expect(PainChange(from: 0, to: 1).verdict == .noClearChange)
        #expect(PainChange(from: 0, to: 2).verdict == .worse)
        #expect(PainChange(from: 4, to: 6).label == "worse")
        #expect(PainChange(from: 4, to: 4).label == "no clear change")
        #expect(ReviewFormat.painPair(5, 2) == "5 → 2 ↓")
        #expect(ReviewFormat.painPair(5, 4) == "5 → 4")
        #expect(ReviewFormat.painPair(3, 5) == "3 → 5 ↑")
        #expect(ReviewFormat.painPair(nil, 5) == "- → 5")
    }

    @Test("formatting without Foundation")
    func formatting() {
        #expect(ReviewFormat.thousands(1826) == "1,826")
        #expect(ReviewFormat.thousands(60_123) == "60,123")
        #expect(ReviewFormat.thousands(999) == "999")
        #expect(ReviewFormat.oneDecimal(3.55) == "3.6")
        #expect(ReviewFormat.oneDecimal(-0.04) == "0.0")
        #expect(ReviewFormat.signedChange(-1.25) == "−1.3")
        #expect(TimeText.duration(680) == "11:20")
        #expect(TimeText.duration(3900) == "1:05:00", "one rule for a length of time: the history table writes it the same way")
    }

    static let wednesday = ReviewDay(year: 2026, month: 3, day: 4)

    static func session(_ day: ReviewDay, done: Int = 10, planned: Int = 10, leg: (Int, Int)? = nil, back: (Int, Int)? = nil,
                        overall: (Int, Int)? = nil) -> ReviewSession {
        ReviewSession(id: Int64(day.ordinal), day: day, startMinute: 420, routineName: "R", durationSeconds: 600,
                      setsDone: done, setsPlanned: planned, status: .completed,
                      painBefore: overall?.0, painAfter: overall?.1, legPainBefore: leg?.0, legPainAfter: leg?.1,
                      backPainBefore: back?.0, backPainAfter: back?.1)
    }

    @Test("the weekly streak allows one missed day a week, not two")
    func streak() {
        let today = Self.wednesday
        // Every day for four weeks before this one, minus one day in each: 4 weeks + this week.
        var days = (1...30).map { today.adding(days: -$0) }.filter { ![3, 10, 17, 24].contains(today.ordinal - $0.ordinal) }
        days.append(today)
        var adherence = Adherence(sessions: [], activeDays: days, today: today)
        #expect(adherence.weeklyStreak == 5)
        // Two missed days in the week before last end the streak there.
        days.removeAll { $0 == today.adding(days: -11) }
        adherence = Adherence(sessions: [], activeDays: days, today: today)
        #expect(adherence.weeklyStreak == 2)
        // Two missed days already this week (Monday and Tuesday): the streak is 0.
        let broken = days.filter { $0 != today.adding(days: -1) && $0 != today.adding(days: -2) }
        #expect(Adherence(sessions: [], activeDays: broken, today: today).weeklyStreak == 0)
        // Today not done yet is not a missed day; this week counts once it has a session.
        let notYet = days.filter { $0 != today }
        #expect(Adherence(sessions: [], activeDays: notYet, today: today).weeklyStreak == 2)
        // Days before the very first session are not missed: a Thursday start makes a full week.
        let start = ReviewDay(year: 2026, month: 2, day: 26)
        let fresh = (0...6).map { start.adding(days: $0) }
        #expect(Adherence(sessions: [], activeDays: fresh, today: today).weeklyStreak == 2)
        #expect(Adherence(sessions: [], activeDays: [], today: today).weeklyStreak == 0)
    }

    @Test("14 days done/planned, this week, heatmap levels by share of sets, future days blank")
    func adherenceCounts() {
        let today = Self.wednesday
        let sessions = [
            Self.session(today, done: 10), Self.session(today.adding(days: -1), done: 5),
            Self.session(today.adding(days: -2), done: 1), Self.session(today.adding(days: -13), done: 7),
            Self.session(today.adding(days: -14), done: 10), Self.session(today.adding(days: -5), done: 0),
        ]
        let adherence = Adherence(sessions: sessions, activeDays: sessions.filter(\.counts).map(\.day), today: today)
        #expect(adherence.daysDoneLast14 == 4, "13 days ago counts, 14 does not, a session without sets does not")
        #expect(adherence.daysPlannedLast14 == 14)
        #expect(adherence.daysThisWeek == 3)
        #expect(adherence.daysElapsedThisWeek == 3)
        #expect(adherence.levels[11] == [1, 2, 4, nil, nil, nil, nil])
        #expect(adherence.levels[9][3] == 3, "7 of 10 sets, 13 days ago (a Thursday), is most")
        #expect(adherence.sessionsPerWeek[11] == 3)
        #expect(adherence.sessionsPerWeek[10] == 0, "the session without sets is not counted")
    }

    @Test("the trend shows how far down the leg the pain reaches, first to last, with the direction")
    func reachTrend() {
        let today = Self.wednesday
        var sessions: [ReviewSession] = []
        for (offset, reach) in [(-20, PainReach.belowKnee), (-10, .thigh), (-3, .buttock)] {
            var session = Self.session(today.adding(days: offset), leg: (4, 3))
            session.reachBefore = reach
            sessions.append(session)
        }
        sessions.append(Self.session(today.adding(days: -1), leg: (3, 3)))  // not asked: left out
        let trend = PainTrend(sessions: sessions.shuffled(), today: today)
        #expect(trend.reachBefore == [.belowKnee, .thigh, .buttock])
        #expect(trend.reachLine == "Pain reaches (before sessions): below the knee → buttock, moved up toward the back, a good sign")
        #expect(PainTrend(sessions: [sessions[0]], today: today).reachLine == nil, "one answer is not a trend")
    }

    @Test("the trend compares the first and last rated weeks and counts meaningful changes within sessions")
    func trend() {
        let today = Self.wednesday
        let monday = today.weekStart
        let sessions = [
            Self.session(monday.adding(days: -77), leg: (7, 6)), Self.session(monday.adding(days: -70), leg: (7, 4)),
            Self.session(monday.adding(days: -7), leg: (4, 2)), Self.session(today, leg: (4, 4)),
        ]
        let trend = PainTrend(sessions: sessions, today: today)
        #expect(trend.series.map(\.region) == [.leg])
        let leg = trend.series[0]
        #expect(leg.before.first == 7)
        #expect(leg.before.last == 4)
        #expect(leg.before[5] == nil)
        #expect(leg.beforeChange == PainChange(from: 7, to: 4))
        #expect(leg.beforeChange?.verdict == .better)
        #expect(leg.afterChange == PainChange(from: 5, to: 3))
        #expect(leg.pairedSessions == 4)
        #expect(leg.sessionsBetter == 2)
        #expect(leg.sessionsWorse == 0)
        // Only the overall rating: one "Pain" series.
        let overall = PainTrend(sessions: [Self.session(today, overall: (5, 3))], today: today)
        #expect(overall.series.map(\.region) == [.overall])
        #expect(overall.series[0].beforeChange == nil, "one rated week is not enough for a change")
        #expect(PainTrend(sessions: [Self.session(today)], today: today).isEmpty)
        // Sessions outside the window are ignored.
        #expect(PainTrend(sessions: [Self.session(monday.adding(days: -78), leg: (5, 5))], today: today).isEmpty)
    }

    @Test("exercise progress compares the first and last two weeks, or halves of a short history")
    func exerciseProgress() {
        let today = Self.wednesday
        let short = (0..<8).map { i in
            ReviewExercisePoint(sessionID: Int64(i), day: today.adding(days: -i), unit: .reps, volume: 40 - i * 2,
                                targetVolume: 40, sets: 4, maxPain: 2 + i)
        }
        let progress = ExerciseTrend(points: short)
        #expect(progress.points.first?.day == today.adding(days: -7), "sorted oldest first")
        #expect(progress.comparedText == "first 4 → last 4 sessions")
        #expect(progress.volumeChange?.from == 29)
        #expect(progress.volumeChange?.to == 37)
        #expect(progress.painChange == PainChange(from: 7.5, to: 3.5))
        #expect(ExerciseTrend(points: [short[0]]).painChange == nil)
        // 60 days, one session every other day: 7 sessions in each two-week end.
        let long = (0..<30).map { i in
            ReviewExercisePoint(sessionID: Int64(i), day: today.adding(days: -2 * i), unit: .seconds, volume: i < 7 ? 100 : i > 22 ? 60 : 80,
                                targetVolume: 90, sets: 3, maxPain: 3)
        }
        let weeks = ExerciseTrend(points: long)
        #expect(weeks.comparedText == "first 2 weeks → last 2 weeks")
        #expect(weeks.volumeChange?.from == 60)
        #expect(weeks.volumeChange?.to == 100)
        #expect(weeks.painChange?.verdict == .noClearChange)
    }
}

@Suite("pain colours")
struct PainColourTests {
    @Test("pain colours follow the pain policy's zones: 0-3 good, 4-5 caution, 6-10 danger, also in charts")
    func painBands() {
        #expect((0...3).allSatisfy { PaletteColor.forPain($0) == .good })
        #expect((4...5).allSatisfy { PaletteColor.forPain($0) == .caution })
        #expect((6...10).allSatisfy { PaletteColor.forPain($0) == .danger })
        #expect([0.4, 3.4].allSatisfy { ValueStyling.painBands.style(for: $0) == Style(foreground: .good) })
        #expect(ValueStyling.painBands.style(for: 4.6) == Style(foreground: .caution))
        #expect(ValueStyling.painBands.style(for: 5.6) == Style(foreground: .danger))
        #expect(Style.pain(8).resolved(for: .monochrome) == Style(bold: true))
    }
}
