import MonotonicTime
import CoachPolicy
import TUIKit
import CoachUI
import TestSupport
import SessionEngine

/// A review data source over arrays, counting what is read (to test lazy loading).
final class FixtureReviewSource: ReviewDataSource {
    var all: [ReviewSession]
    var details: [Int64: ReviewSessionDetail]
    var exerciseList: [ReviewExercise]
    var points: [String: [ReviewExercisePoint]]
    var failure: (any Error)?
    /// The weekly outcome check-ins, oldest first.
    var outcomeList: [ReviewOutcome] = []
    private(set) var pageRequests: [(offset: Int, limit: Int)] = []
    private(set) var windowRequests = 0

    /// `sessions` newest first.
    init(sessions: [ReviewSession] = [], details: [Int64: ReviewSessionDetail] = [:],
         exercises: [ReviewExercise] = [], points: [String: [ReviewExercisePoint]] = [:]) {
        all = sessions
        self.details = details
        exerciseList = exercises
        self.points = points
    }

    func sessionCount() throws -> Int {
        if let failure { throw failure }
        return all.count
    }

    func outcomes() throws -> [ReviewOutcome] {
        if let failure { throw failure }
        return outcomeList
    }

    func sessions(offset: Int, limit: Int) throws -> [ReviewSession] {
        if let failure { throw failure }
        pageRequests.append((offset, limit))
        guard offset < all.count else { return [] }
        return Array(all[offset..<min(all.count, offset + limit)])
    }

    func sessions(since day: ReviewDay) throws -> [ReviewSession] {
        if let failure { throw failure }
        windowRequests += 1
        return all.filter { $0.day >= day }
    }

    func activeDays() throws -> [ReviewDay] { all.filter(\.counts).map(\.day) }

    func detail(sessionID: Int64) throws -> ReviewSessionDetail? {
        if let failure { throw failure }
        if let detail = details[sessionID] { return detail }
        guard let session = all.first(where: { $0.id == sessionID }) else { return nil }
        return ReviewSessionDetail(session: session, sets: ReviewFixtures.plainSets(count: session.setsDone))
    }

    func exercises() throws -> [ReviewExercise] { exerciseList }

    func progress(exerciseID: String) throws -> [ReviewExercisePoint] { points[exerciseID] ?? [] }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String { "disk I/O error" }
}

/// A fixed history seen on Wednesday 2026-03-04: five hand-made recent sessions (a good one
/// today, a flagged one yesterday, an interrupted one, a reduced one, a missed day) on top of 12
/// weeks of generated daily sessions in which leg pain falls from about 6 to about 3 and back
/// pain stays at 4, with a missed day every 9 days.
enum ReviewFixtures {
    static let today = ReviewDay(year: 2026, month: 3, day: 4)

    static func day(_ daysAgo: Int) -> ReviewDay { today.adding(days: -daysAgo) }

    static var recent: [ReviewSession] {
        [
            ReviewSession(id: 500, day: day(0), startMinute: 7 * 60 + 30, routineName: "Gentle relief", durationSeconds: 11 * 60 + 20,
                          setsDone: 20, setsPlanned: 20, status: .completed, painBefore: 3, painAfter: 1,
                          legPainBefore: 3, legPainAfter: 1, backPainBefore: 4, backPainAfter: 3),
            ReviewSession(id: 499, day: day(1), startMinute: 18 * 60 + 5, routineName: "Core basics", durationSeconds: 6 * 60 + 2,
                          setsDone: 8, setsPlanned: 20, status: .endedEarly, painBefore: 4, painAfter: 6,
                          legPainBefore: 4, legPainAfter: 6, backPainBefore: 4, backPainAfter: 5,
                          spreadCount: 1, stopCount: 1, skipCount: 1, redFlag: .seeClinician),
            ReviewSession(id: 498, day: day(2), startMinute: 8 * 60, routineName: "Gentle relief", durationSeconds: 95,
                          setsDone: 3, setsPlanned: 20, status: .interrupted, painBefore: 5,
                          legPainBefore: 5, backPainBefore: 4),
            ReviewSession(id: 497, day: day(3), startMinute: 7 * 60 + 45, routineName: "Gentle relief", durationSeconds: 12 * 60,
                          setsDone: 20, setsPlanned: 20, status: .completed, painBefore: 5, painAfter: 4,
                          legPainBefore: 5, legPainAfter: 4, backPainBefore: 4, backPainAfter: 4, reducedCount: 2),
        ]
    }

    /// Daily sessions from 5 to 90 days ago (not every 9th day), newest first.
    static var generated: [ReviewSession] {
        var result: [ReviewSession] = []
        for ago in 5...90 where ago % 9 != 0 {
            let leg = 3 + (ago - 5) * 3 / 85
            result.append(ReviewSession(
                id: Int64(1000 - ago), day: day(ago), startMinute: 7 * 60, routineName: "Gentle relief", durationSeconds: 600,
                setsDone: ago % 7 == 0 ? 12 : 20, setsPlanned: 20, status: ago % 7 == 0 ? .endedEarly : .completed,
                painBefore: leg, painAfter: leg - 1, legPainBefore: leg, legPainAfter: leg - 1, backPainBefore: 4, backPainAfter: 4))
        }
        return result
    }

    static var sessions: [ReviewSession] { recent + generated }

    static func plainSets(count: Int) -> [SetRecord] {
        (0..<count).map { i in
            setRecord(exerciseID: "pelvic-tilt", exerciseName: "Pelvic tilt", setNumber: i % 2 + 1, side: .both, unit: .reps,
                      target: 10, done: 10, pain: 2)
        }
    }

    /// Yesterday's session in full: a spread mark that stopped knee to chest, a reduced set, a skip.
    static var flaggedDetail: ReviewSessionDetail {
        ReviewSessionDetail(session: recent[1], sets: [
            setRecord(exerciseID: "sciatic-nerve-glide", exerciseName: "Sciatic nerve glide", setNumber: 1, side: .left, unit: .reps,
                      target: 10, done: 10, pain: 3),
            setRecord(exerciseID: "sciatic-nerve-glide", exerciseName: "Sciatic nerve glide", setNumber: 1, side: .right, unit: .reps,
                      target: 10, done: 10, pain: 4),
            setRecord(exerciseID: "knee-to-chest", exerciseName: "Knee to chest", setNumber: 1, side: .left, unit: .seconds,
                      target: 30, done: 30, pain: 4),
            setRecord(exerciseID: "knee-to-chest", exerciseName: "Knee to chest", setNumber: 1, side: .right, unit: .seconds,
                      target: 30, done: 22, pain: 6, spread: true, adjustment: .stopExercise,
                      reason: "Symptoms spread further down the leg: knee to chest stops here; next time the easier variant."),
            setRecord(exerciseID: "glute-bridge", exerciseName: "Glute bridge", setNumber: 1, side: .both, unit: .reps,
                      target: 10, done: 10, pain: 6, adjustment: .reduce,
                      reason: "Pain 6 is above 5 → the next set is 7 reps instead of 10."),
            setRecord(exerciseID: "glute-bridge", exerciseName: "Glute bridge", setNumber: 2, side: .both, unit: .reps,
                      target: 7, done: 7, pain: 5),
            setRecord(exerciseID: "pelvic-tilt", exerciseName: "Pelvic tilt", setNumber: 1, side: .both, unit: .reps,
                      target: 10, done: 10, pain: 5),
            setRecord(exerciseID: "pelvic-tilt", exerciseName: "Pelvic tilt", setNumber: 2, side: .both, unit: .reps,
                      target: 10, done: 10, pain: 5),
        ], skipped: ["Bird dog"])
    }

    static let exercises = [
        ReviewExercise(id: "knee-to-chest", name: "Knee to chest", sessionCount: 79, lastDay: day(0)),
        ReviewExercise(id: "pelvic-tilt", name: "Pelvic tilt", sessionCount: 80, lastDay: day(0)),
        ReviewExercise(id: "glute-bridge", name: "Glute bridge", sessionCount: 42, lastDay: day(1)),
    ]

    /// Knee to chest over 40 sessions: 120 s a session growing to 180 s, highest pain 5 falling to 2.
    static var kneeToChestPoints: [ReviewExercisePoint] {
        (0..<40).map { i in
            ReviewExercisePoint(sessionID: Int64(600 + i), day: day(2 * (39 - i)), unit: .seconds,
                                volume: 120 + i * 60 / 39, targetVolume: 120 + i * 60 / 39, sets: 4,
                                maxPain: 5 - i * 3 / 39, spread: i == 10)
        }
    }

    static func source() -> FixtureReviewSource {
        FixtureReviewSource(sessions: sessions, details: [499: flaggedDetail], exercises: exercises,
                            points: ["knee-to-chest": kneeToChestPoints])
    }
}

/// Drives a `ReviewProgram` with keys, like a person would.
struct ReviewDriver {
    var program: ReviewProgram
    let source: FixtureReviewSource
    var now = Instant.seconds(100)

    init(source: FixtureReviewSource = ReviewFixtures.source(), today: ReviewDay = ReviewFixtures.today,
         size: Size = Size(width: 80, height: 24), weeklyTarget: Int = 7) {
        self.source = source
        program = ReviewProgram(source: source, today: today, size: size, weeklyTarget: weeklyTarget)
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [ProgramCommand] {
        var commands: [ProgramCommand] = []
        for key in keys {
            now = now.advanced(by: .milliseconds(100))
            commands += program.handle(.key(key, now: now))
        }
        return commands
    }

    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    mutating func resize(_ width: Int, _ height: Int) {
        _ = program.handle(.resize(Size(width: width, height: height), now: now))
    }

    func screen(_ width: Int = 80, _ height: Int = 24) -> [String] {
        program.render(size: Size(width: width, height: height), now: now).lines
    }

    func text(_ width: Int = 80, _ height: Int = 24) -> String { screen(width, height).joined(separator: "\n") }
}
