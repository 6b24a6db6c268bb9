import MonotonicTime
import CoachPolicy
import TUIKit
import CoachUI
import Foundation
import SessionLog

/// The review's view of the SQLite log: maps SessionLog records to CoachUI's review values,
/// with local days in `zone`. Without a database (nothing logged yet) every list is empty.
final class LogReviewSource: ReviewDataSource {
    private let store: SessionStore?
    private let zone: LocalZone
    private var redFlags: (bySession: [Int64: ReviewRedFlag], byDay: [String: ReviewRedFlag])?

    init(store: SessionStore?, zone: LocalZone = .system) {
        self.store = store
        self.zone = zone
    }

    // MARK: - Days

    /// The local day of `date` (plain arithmetic on the zone's offset at that instant: this runs
    /// for every session of the log, and Calendar is slow on Linux).
    func day(of date: Date) -> ReviewDay {
        ReviewDay(ordinal: zone.civilTime(of: date).days)
    }

    /// Minutes after local midnight.
    func minuteOfDay(_ date: Date) -> Int {
        zone.civilTime(of: date).secondOfDay / 60
    }

    /// The first instant of `day` in the zone.
    func start(of day: ReviewDay) -> Date {
        zone.startOfDay(days: day.ordinal) ?? Date(timeIntervalSince1970: Double(day.ordinal) * 86_400)
    }

    // MARK: - ReviewDataSource

    func sessionCount() throws -> Int {
        try store?.sessionCount() ?? 0
    }

    func sessions(offset: Int, limit: Int) throws -> [ReviewSession] {
        guard let store else { return [] }
        return try store.sessions(limit: limit, offset: offset).map(review)
    }

    func sessions(since day: ReviewDay) throws -> [ReviewSession] {
        guard let store else { return [] }
        // A day early: the zone's offset may differ between the window's start and now.
        return try store.sessions(since: start(of: day.adding(days: -1))).map(review).filter { $0.day >= day }
    }

    func activeDays() throws -> [ReviewDay] {
        try store?.startsOfSessionsWithSets().map(day(of:)) ?? []
    }

    func detail(sessionID: Int64) throws -> ReviewSessionDetail? {
        guard let store, let item = try store.session(id: sessionID) else { return nil }
        let names = Dictionary(item.sets.map { ($0.record.exerciseID, $0.record.exerciseName) }, uniquingKeysWith: { first, _ in first })
        return ReviewSessionDetail(
            session: try review(item.summary),
            sets: item.sets.map(\.record),
            skipped: item.skips.map { names[$0.exerciseID] ?? $0.exerciseID })
    }

    func exercises() throws -> [ReviewExercise] {
        try store?.exerciseSummaries().map {
            ReviewExercise(id: $0.exerciseID, name: $0.exerciseName, sessionCount: $0.sessionCount, lastDay: day(of: $0.lastCompletedAt))
        } ?? []
    }

    func progress(exerciseID: String) throws -> [ReviewExercisePoint] {
        guard let store else { return [] }
        var points: [ReviewExercisePoint] = []
        var index: [Int64: Int] = [:]
        for logged in try store.sets(exerciseID: exerciseID) {
            let set = logged.record
            if let at = index[logged.sessionID] {
                points[at].volume += set.done.amount
                points[at].targetVolume += set.target.amount
                points[at].sets += 1
                points[at].maxPain = max(points[at].maxPain, set.pain)
                points[at].spread = points[at].spread || set.spreadDownLeg
            } else {
                index[logged.sessionID] = points.count
                points.append(ReviewExercisePoint(
                    sessionID: logged.sessionID, day: day(of: logged.completedAt), unit: set.target.kind,
                    volume: set.done.amount, targetVolume: set.target.amount, sets: 1, maxPain: set.pain,
                    spread: set.spreadDownLeg))
            }
        }
        return points
    }

    func outcomes() throws -> [ReviewOutcome] {
        try store?.outcomeCheckIns().map { ReviewOutcome(day: day(of: $0.takenAt), checkIn: $0) } ?? []
    }

    // MARK: - Mapping

    private func review(_ summary: SessionSummary) throws -> ReviewSession {
        let s = summary.session
        let day = day(of: s.startedAt)
        let end = s.endedAt ?? summary.lastActivityAt
        return ReviewSession(
            id: s.id, day: day, startMinute: minuteOfDay(s.startedAt), routineName: s.routineName,
            durationSeconds: Int(max(0, end.timeIntervalSince(s.startedAt)).rounded()),
            setsDone: summary.setsDone, setsPlanned: s.plannedSets, status: s.status,
            painBefore: s.painBefore, painAfter: s.painAfter,
            legPainBefore: s.legPainBefore, legPainAfter: s.legPainAfter,
            backPainBefore: s.backPainBefore, backPainAfter: s.backPainAfter,
            spreadCount: summary.spreadCount, stopCount: summary.stopCount, reducedCount: summary.reducedCount,
            skipCount: summary.skipCount, redFlag: try redFlag(sessionID: s.id, day: day),
            reachBefore: s.reachBefore, reachAfter: s.reachAfter)
    }

    /// A red flag raised by the check-in of this session (or, when the check-in names no
    /// session, by one on the same local day). Check-ins are read once: one a day at most.
    private func redFlag(sessionID: Int64, day: ReviewDay) throws -> ReviewRedFlag? {
        if redFlags == nil {
            var bySession: [Int64: ReviewRedFlag] = [:], byDay: [String: ReviewRedFlag] = [:]
            for checkIn in try store?.checkIns(kind: .redFlag) ?? [] {
                let flag: ReviewRedFlag
                switch checkIn.outcome {
                case "emergency": flag = .emergency
                case "see_clinician": flag = .seeClinician
                default: continue
                }
                if let id = checkIn.sessionID { bySession[id] = flag } else { byDay[checkIn.day] = flag }
            }
            redFlags = (bySession, byDay)
        }
        return redFlags!.bySession[sessionID] ?? redFlags!.byDay[day.isoText]
    }
}
