import CoachPolicy
import ExerciseCatalog
import PlainText
import Foundation

/// The clinician's report: every figure the HTML and the text pages show, worked out once from a
/// ``ReportInput`` (so both renderers say the same). Sections follow what a physical therapist asks
/// at a follow-up: pain around sessions, how far down the leg it reaches, function (PEG, PSFS),
/// whether the plan is kept, the dose of each exercise, what went wrong and when, red flags, and
/// what the coach prescribes next.
public struct ClinicianReport: Sendable {
    /// A local calendar day, counted from 1970-01-01.
    public struct Day: Sendable, Hashable, Comparable {
        public var ordinal: Int
        public init(ordinal: Int) { self.ordinal = ordinal }
        public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

        /// YYYY-MM-DD (the civil calendar from the day count; no Calendar, which is slow on Linux).
        public var text: String {
            let (year, month, day) = CivilDate.components(days: ordinal)
            return String(format: "%04d-%02d-%02d", year, month, day)
        }

        /// The Monday of this day's week.
        public var weekStart: Day {
            // 1970-01-01 was a Thursday: (ordinal + 3) mod 7 is 0 on Mondays.
            Day(ordinal: ordinal - ((ordinal + 3) % 7 + 7) % 7)
        }
    }

    /// Before -> after of one pain scale around a session, judged by `MeaningfulChange`.
    public struct Change: Sendable, Hashable {
        public var before: Int
        public var after: Int
        public var change: PainChange { PainChange(from: Double(before), to: Double(after)) }
        /// `better`, `worse` or nil (no clear change: under 2 points and 30%).
        public var mark: String? {
            switch change.verdict {
            case .better: return "better"
            case .worse: return "worse"
            case .noClearChange: return nil
            }
        }
        /// "4 → 2".
        public var text: String { "\(before) → \(after)" }
    }

    /// One session's pain and reach.
    public struct PainRow: Sendable, Hashable {
        public var day: Day
        public var routineName: String
        public var status: SessionStatus
        /// Leg pain (or the overall pain of sessions from before leg and back were asked apart).
        public var leg: Change?
        public var back: Change?
        public var reachBefore: PainReach?
        public var reachAfter: PainReach?
    }

    /// The PEG at one check-in, with its change from the first in the report.
    public struct PEGRow: Sendable, Hashable {
        public var day: Day
        public var answers: PEGAnswers
        public var score: Double { answers.score }
        /// `score - first score` (nil for the first).
        public var changeFromFirst: Double?
        /// At least 30% of the first score (`OutcomeChange.pegIsMeaningful`).
        public var meaningful: Bool
    }

    /// The PSFS at one check-in.
    public struct PSFSRow: Sendable, Hashable {
        public var day: Day
        public var ratings: [PSFSRating]
        public var score: Double
        public var changeFromFirst: Double?
        /// At least 2 points from the first mean (`OutcomeChange.psfsIsMeaningful`).
        public var meaningful: Bool
    }

    /// One week (Monday to Sunday) of the plan.
    public struct Week: Sendable, Hashable {
        public var start: Day
        /// Days with at least one set done.
        public var days: Int
        public var sessions: Int
        public var target: Int
        /// The week that holds the report's day (still going on).
        public var isCurrent: Bool
        public var met: Bool { days >= target }
    }

    /// One exercise in one session.
    public struct ExercisePoint: Sendable, Hashable {
        public var day: Day
        public var sets: Int
        /// Reps or seconds done, over all sets.
        public var done: Int
        public var target: Int
        /// The most-done set's target amount (the dose per set).
        public var perSet: Int
        public var maxPain: Int
        public var spread: Bool
    }

    /// One exercise over the report's period.
    public struct ExerciseTrend: Sendable, Hashable {
        public var id: String
        public var name: String
        public var unit: WorkKind
        public var points: [ExercisePoint]
        /// "10 reps" per set at the first and the last session.
        public var firstDose: String { Self.dose(points.first, unit) }
        public var lastDose: String { Self.dose(points.last, unit) }

        static func dose(_ point: ExercisePoint?, _ unit: WorkKind) -> String {
            guard let point else { return "-" }
            return "\(point.sets) x \(Work(kind: unit, amount: point.perSet).plainText)"
        }
    }

    /// Something a clinician asks about: a stop, a spread, a skip, a flare, a session ended early.
    public struct Event: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case stop, spread, skip, flare, ended = "ended early"
        }
        public var at: Date
        public var day: Day
        /// HH:MM local time.
        public var time: String = ""
        public var kind: Kind
        /// The exercise it happened in (nil for a flare or a session).
        public var exercise: String?
        public var reason: String
    }

    /// A red-flag answer or an assessment, in plain words.
    public struct CheckRow: Sendable, Hashable {
        public var day: Day
        /// "daily red-flag screen", "history check", "clinician assessed", "screen skipped".
        public var what: String
        /// "all no", or the items answered yes, or the assessment's date.
        public var answer: String
        /// "emergency", "same day", "see a clinician", or nil (clear, or an assessment).
        public var concern: String?
    }

    /// Today's prescription, one row per exercise.
    public struct PrescriptionRow: Sendable, Hashable {
        public var exercise: String
        public var dose: String
        /// `held`, `progressed`, `stepped back`, `routine default`.
        public var change: String
        public var reason: String
    }

    public var generated: Day
    public var from: Day?
    public var to: Day?
    /// `--since`, when given.
    public var since: Day?
    public var sessionCount: Int
    public var completedCount: Int
    public var setCount: Int
    public var pain: [PainRow]
    public var peg: [PEGRow]
    public var psfs: [PSFSRow]
    public var weeks: [Week]
    public var weeklyTarget: Int
    public var exercises: [ExerciseTrend]
    public var events: [Event]
    public var checks: [CheckRow]
    public var prescriptionRoutine: String?
    public var prescription: [PrescriptionRow]
    /// The flare today's prescription eased for, or why there is no prescription.
    public var prescriptionNote: String?

    // MARK: Summaries both pages show

    /// Weeks whose target was met, of the finished weeks (the current one is still going on).
    public var weeksMet: (met: Int, of: Int) {
        let finished = weeks.filter { !$0.isCurrent }
        return (finished.filter(\.met).count, finished.count)
    }

    /// Sessions whose leg (or back) pain changed meaningfully for the better / the worse.
    public var meaningfulCounts: (better: Int, worse: Int) {
        var better = 0, worse = 0
        for row in pain {
            let marks = [row.leg?.mark, row.back?.mark]
            if marks.contains("worse") { worse += 1 } else if marks.contains("better") { better += 1 }
        }
        return (better, worse)
    }

    /// Reach before the first and the last session that recorded it.
    public var reachFirstLast: (first: PainReach, last: PainReach)? {
        let reaches = pain.compactMap { $0.reachBefore ?? $0.reachAfter }
        guard let first = reaches.first, let last = reaches.last else { return nil }
        return (first, last)
    }

    /// Sessions where the pain moved up toward the back / spread further down.
    public var reachMoves: (up: Int, down: Int) {
        var up = 0, down = 0
        for row in pain {
            guard let before = row.reachBefore, let after = row.reachAfter else { continue }
            if after < before { up += 1 } else if after > before { down += 1 }
        }
        return (up, down)
    }

    public func count(_ kind: Event.Kind) -> Int { events.filter { $0.kind == kind }.count }

    /// "2026-01-05 to 2026-03-01", or "nothing logged".
    public var periodText: String {
        guard let from, let to else { return since.map { "since \($0.text): nothing logged" } ?? "nothing logged yet" }
        return from == to ? from.text : "\(from.text) to \(to.text)"
    }
}

/// Works out a ``ClinicianReport`` from its input. Pure: the same input gives the same report.
public enum ReportBuilder {
    public static func build(_ input: ReportInput) -> ClinicianReport {
        let zone = input.timeZone
        func day(_ date: Date) -> ClinicianReport.Day {
            let local = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
            return ClinicianReport.Day(ordinal: Int((Double(local) / 86_400).rounded(.down)))
        }
        let sessions = input.sessions
        let days = sessions.map { day($0.startedAt) }

        var pain: [ClinicianReport.PainRow] = []
        var events: [ClinicianReport.Event] = []
        var trends: [String: ClinicianReport.ExerciseTrend] = [:]
        var order: [String] = []
        var setCount = 0
        for (index, session) in sessions.enumerated() {
            let today = days[index]
            let leg = change(session.legPainBefore ?? session.painBefore, session.legPainAfter ?? session.painAfter)
            let back = change(session.backPainBefore, session.backPainAfter)
            pain.append(.init(day: today, routineName: session.routineName, status: session.status, leg: leg, back: back,
                              reachBefore: session.reachBefore, reachAfter: session.reachAfter))
            if let flare = session.flare {
                events.append(.init(at: session.startedAt, day: today, kind: .flare, exercise: nil, reason: flare.reason))
            }
            setCount += session.sets.count
            var pointIndex: [String: Int] = [:]  // exercise id -> its point for this session
            var perSetCounts: [String: [Int: Int]] = [:]
            for logged in session.sets {
                let set = logged.record
                if set.spreadDownLeg {
                    events.append(.init(at: logged.completedAt, day: today, kind: .spread, exercise: set.exerciseName,
                                        reason: set.decision.reason.isEmpty ? "symptoms spread down the leg" : set.decision.reason))
                } else if set.decision.action.stopsExercise {
                    events.append(.init(at: logged.completedAt, day: today, kind: .stop, exercise: set.exerciseName,
                                        reason: set.decision.reason.isEmpty ? "pain \(set.pain)" : "pain \(set.pain): \(set.decision.reason)"))
                }
                if trends[set.exerciseID] == nil {
                    trends[set.exerciseID] = .init(id: set.exerciseID, name: set.exerciseName, unit: set.target.kind, points: [])
                    order.append(set.exerciseID)
                }
                trends[set.exerciseID]!.name = set.exerciseName  // the name it was last logged with
                perSetCounts[set.exerciseID, default: [:]][set.target.amount, default: 0] += 1
                if let at = pointIndex[set.exerciseID] {
                    var point = trends[set.exerciseID]!.points[at]
                    point.sets = max(point.sets, set.setNumber)  // left and right of set 2 are one set of the dose
                    point.done += set.done.amount
                    point.target += set.target.amount
                    point.maxPain = max(point.maxPain, set.pain)
                    point.spread = point.spread || set.spreadDownLeg
                    trends[set.exerciseID]!.points[at] = point
                } else {
                    pointIndex[set.exerciseID] = trends[set.exerciseID]!.points.count
                    trends[set.exerciseID]!.points.append(.init(
                        day: today, sets: set.setNumber, done: set.done.amount, target: set.target.amount,
                        perSet: set.target.amount, maxPain: set.pain, spread: set.spreadDownLeg))
                }
            }
            for (id, counts) in perSetCounts {
                let at = pointIndex[id]!
                trends[id]!.points[at].perSet = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }!.key
            }
            for skip in session.skips {
                events.append(.init(at: skip.at, day: today, kind: .skip, exercise: skip.exerciseName,
                                    reason: skip.reason?.plainText ?? "no reason given"))
            }
            switch session.status {
            case .endedEarly:
                events.append(.init(at: session.startedAt, day: today, kind: .ended, exercise: nil, reason: "the person ended it"))
            case .endedByPolicy:
                events.append(.init(at: session.startedAt, day: today, kind: .ended, exercise: nil,
                                    reason: "ended gently by the pain rules (a second stop)"))
            case .interrupted:
                events.append(.init(at: session.startedAt, day: today, kind: .ended, exercise: nil, reason: "interrupted, not resumed"))
            case .completed, .inProgress:
                break
            }
        }
        events.sort { $0.at < $1.at }
        for index in events.indices {
            let date = events[index].at
            let seconds = ((Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)) % 86_400 + 86_400) % 86_400
            events[index].time = String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
        }

        // Outcomes: each change from the first check-in of the report that answered the measure.
        var peg: [ClinicianReport.PEGRow] = []
        var psfs: [ClinicianReport.PSFSRow] = []
        for checkIn in input.outcomes.sorted(by: { $0.takenAt < $1.takenAt }) {
            if let answers = checkIn.peg {
                let first = peg.first?.score
                peg.append(.init(day: day(checkIn.takenAt), answers: answers, changeFromFirst: first.map { answers.score - $0 },
                                 meaningful: first.map { OutcomeChange.pegIsMeaningful(from: $0, to: answers.score) } ?? false))
            }
            if let score = checkIn.psfsScore {
                let first = psfs.first?.score
                psfs.append(.init(day: day(checkIn.takenAt), ratings: checkIn.psfs, score: score,
                                  changeFromFirst: first.map { score - $0 },
                                  meaningful: first.map { OutcomeChange.psfsIsMeaningful(from: $0, to: score) } ?? false))
            }
        }

        // Adherence: every week from the first (or --since) to the report's week, empty ones too.
        let generated = day(input.generatedAt)
        var weeks: [ClinicianReport.Week] = []
        let firstDay = input.since.map(day) ?? days.first
        if let firstDay {
            var activeDays: [Int: Set<Int>] = [:]
            var sessionsByWeek: [Int: Int] = [:]
            for (index, session) in sessions.enumerated() {
                let week = days[index].weekStart.ordinal
                sessionsByWeek[week, default: 0] += 1
                if !session.sets.isEmpty { activeDays[week, default: []].insert(days[index].ordinal) }
            }
            let last = max(generated, days.last ?? generated).weekStart
            var week = firstDay.weekStart
            while week <= last {
                weeks.append(.init(start: week, days: activeDays[week.ordinal]?.count ?? 0, sessions: sessionsByWeek[week.ordinal] ?? 0,
                                   target: input.weeklyTarget, isCurrent: week == generated.weekStart))
                week = ClinicianReport.Day(ordinal: week.ordinal + 7)
            }
        }

        let checks = input.checks.map { check(from: $0, day: day($0.at)) }

        var rows: [ClinicianReport.PrescriptionRow] = []
        var routine: String?
        var note: String?
        switch input.prescription {
        case .prescribed(let prescription):
            routine = prescription.plan.routineName
            rows = prescription.exercises.map {
                .init(exercise: $0.planned.exercise.name, dose: $0.planned.dose.plainText,
                      change: $0.change.rawValue.replacingOccurrences(of: "_", with: " "), reason: $0.reason)
            }
            if let flare = prescription.flare { note = "Eased for a flare: \(flare.reason)." }
        case .unavailable(let why):
            note = why
        }

        return ClinicianReport(
            generated: generated, from: days.first, to: days.last, since: input.since.map(day),
            sessionCount: sessions.count, completedCount: sessions.filter { $0.status == .completed }.count, setCount: setCount,
            pain: pain, peg: peg, psfs: psfs, weeks: weeks, weeklyTarget: input.weeklyTarget,
            exercises: order.map { trends[$0]! }, events: events, checks: checks,
            prescriptionRoutine: routine, prescription: rows, prescriptionNote: note)
    }

    static func change(_ before: Int?, _ after: Int?) -> ClinicianReport.Change? {
        guard let before, let after else { return nil }
        return .init(before: before, after: after)
    }

    static func check(from check: ReportCheck, day: ClinicianReport.Day) -> ClinicianReport.CheckRow {
        let yes = RedFlags.all.filter { check.yes.contains($0.id) }.map(\.shortText)
        let answer = yes.isEmpty ? "all no" : "yes: " + yes.joined(separator: "; ")
        let concern: String?
        switch check.outcome {
        case .emergency: concern = "emergency"
        case .sameDay: concern = "same day"
        case .seeClinician: concern = "see a clinician"
        case .clear, nil: concern = nil
        }
        switch check.kind {
        case .daily: return .init(day: day, what: "daily red-flag screen", answer: answer, concern: concern)
        case .history: return .init(day: day, what: "history check", answer: answer, concern: concern)
        case .clinicianAssessed(let about, let date):
            return .init(day: day, what: "clinician assessed", answer: "the \(about) answer, assessed \(date)", concern: nil)
        case .skippedScreen: return .init(day: day, what: "screen skipped", answer: "--skip-screen", concern: nil)
        }
    }
}
