import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
import PlainText
import SessionEngine

// The review's view-model: what the screens show of the session log, built by the application
// from the log so that CoachUI never depends on SessionLog (DESIGN.md). A set, a side, a kind of
// work, an adjustment and a session status are the engine's own types, not copies. Calendar
// days are local day numbers computed by the caller, who knows the time zone; nothing here reads a
// clock or a calendar.

/// A local calendar day as a day number (days since 1970-01-01), with proleptic Gregorian
/// arithmetic for its year, month, day and weekday. Comparable and cheap to step through.
public struct ReviewDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int

    /// The day with this day number.
    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// The day `year`-`month`-`day` (month 1-12, day 1-31; out-of-range days roll over).
    public init(year: Int, month: Int, day: Int) {
        ordinal = CivilDate.days(year: year, month: month, day: day)
    }

    /// Year, month (1-12) and day of month.
    public var components: (year: Int, month: Int, day: Int) { CivilDate.components(days: ordinal) }

    /// 0 for Monday through 6 for Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (3).
        ((ordinal + 3) % 7 + 7) % 7
    }

    /// The Monday of this day's week.
    public var weekStart: ReviewDay { adding(days: -weekday) }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> ReviewDay { ReviewDay(ordinal: ordinal + days) }

    /// `2026-03-01`.
    public var isoText: String {
        let c = components
        return "\(TimeText.padded(c.year, 4))-\(TimeText.padded(c.month, 2))-\(TimeText.padded(c.day, 2))"
    }

    /// `Mar 1`.
    public var shortText: String {
        let c = components
        return "\(ReviewFormat.monthNames[c.month - 1]) \(c.day)"
    }

    /// `Mar`.
    public var monthName: String { ReviewFormat.monthNames[components.month - 1] }

    public static func < (lhs: ReviewDay, rhs: ReviewDay) -> Bool { lhs.ordinal < rhs.ordinal }

    public var description: String { isoText }
}

extension SessionStatus {
    /// The word in the review's list ("done", "ended early", …).
    public var reviewLabel: String {
        switch self {
        case .completed: "done"
        case .endedEarly: "ended early"
        case .endedByPolicy: "stopped"
        case .interrupted: "interrupted"
        case .inProgress: "in progress"
        }
    }
}

/// What a red-flag check-in before the session said (CLINICAL.md, "Red flags").
public enum ReviewRedFlag: String, Sendable, Hashable {
    /// "See a clinician soon": the session started after the person confirmed.
    case seeClinician
    /// "Seek emergency care now".
    case emergency
}

/// One session as the list and the charts show it.
public struct ReviewSession: Sendable, Hashable, Identifiable {
    /// The log's session id.
    public var id: Int64
    /// The local day it started.
    public var day: ReviewDay
    /// Local start time in minutes after midnight.
    public var startMinute: Int
    /// The routine's display name.
    public var routineName: String
    /// Seconds from start to end (or to the last thing logged).
    public var durationSeconds: Int
    /// Sets logged.
    public var setsDone: Int
    /// Sets in the plan.
    public var setsPlanned: Int
    /// How it ended.
    public var status: SessionStatus
    /// Overall pain 0-10 before and after, when asked.
    public var painBefore: Int?
    public var painAfter: Int?
    /// Leg pain 0-10 before and after, when asked.
    public var legPainBefore: Int?
    public var legPainAfter: Int?
    /// Back pain 0-10 before and after, when asked.
    public var backPainBefore: Int?
    public var backPainAfter: Int?
    /// Sets marked "spread further down the leg".
    public var spreadCount: Int
    /// Sets after which an exercise or the session was stopped.
    public var stopCount: Int
    /// Sets after which the rest was reduced or switched to an easier variant.
    public var reducedCount: Int
    /// Skipped exercises.
    public var skipCount: Int
    /// A red flag raised by the check-in before this session, if any.
    public var redFlag: ReviewRedFlag?
    /// How far down the leg the pain reached before and after, when asked.
    public var reachBefore: PainReach?
    public var reachAfter: PainReach?

    /// A session; counts and pains default to none.
    public init(
        id: Int64, day: ReviewDay, startMinute: Int, routineName: String, durationSeconds: Int,
        setsDone: Int, setsPlanned: Int, status: SessionStatus,
        painBefore: Int? = nil, painAfter: Int? = nil, legPainBefore: Int? = nil, legPainAfter: Int? = nil,
        backPainBefore: Int? = nil, backPainAfter: Int? = nil,
        spreadCount: Int = 0, stopCount: Int = 0, reducedCount: Int = 0, skipCount: Int = 0,
        redFlag: ReviewRedFlag? = nil, reachBefore: PainReach? = nil, reachAfter: PainReach? = nil
    ) {
        self.reachBefore = reachBefore
        self.reachAfter = reachAfter
        self.id = id
        self.day = day
        self.startMinute = startMinute
        self.routineName = routineName
        self.durationSeconds = durationSeconds
        self.setsDone = setsDone
        self.setsPlanned = setsPlanned
        self.status = status
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.legPainBefore = legPainBefore
        self.legPainAfter = legPainAfter
        self.backPainBefore = backPainBefore
        self.backPainAfter = backPainAfter
        self.spreadCount = spreadCount
        self.stopCount = stopCount
        self.reducedCount = reducedCount
        self.skipCount = skipCount
        self.redFlag = redFlag
    }

    /// `2026-03-01 07:15`.
    public var startText: String {
        "\(day.isoText) \(TimeText.padded(startMinute / 60, 2)):\(TimeText.padded(startMinute % 60, 2))"
    }

    /// True when at least one set was logged (an adherence day).
    public var counts: Bool { setsDone > 0 }

    /// The marks of the list, most important first: `flag`, `spread`, `stop`, `reduced`, `skipped`.
    public var marks: [String] {
        var result: [String] = []
        if redFlag != nil { result.append("flag") }
        if spreadCount > 0 { result.append("spread") }
        if stopCount > 0 { result.append("stop") }
        if reducedCount > 0 { result.append("reduced") }
        if skipCount > 0 { result.append("skipped") }
        return result
    }

    /// The change from the pain before to the pain after this session, when both were rated.
    public var painChange: PainChange? {
        guard let painBefore, let painAfter else { return nil }
        return PainChange(from: Double(painBefore), to: Double(painAfter))
    }
}

extension WorkKind {
    /// `30 s` or `10 reps`.
    public func text(_ amount: Int) -> String { Work(kind: self, amount: amount).plainText }

    /// `s` or `reps`.
    public var shortName: String { self == .seconds ? "s" : "reps" }
}

extension Adjustment {
    /// The word in the review's detail table.
    public var reviewLabel: String {
        switch self {
        case .keep: "keep"
        case .reduce: "reduced"
        case .switchEasier: "easier"
        case .stopExercise: "stopped"
        case .endSession: "ended"
        }
    }
}

/// One session with every set, for the detail view.
public struct ReviewSessionDetail: Sendable, Hashable {
    public var session: ReviewSession
    /// Sets in the order they were logged.
    public var sets: [SetRecord]
    /// Names of skipped exercises.
    public var skipped: [String]

    /// A detail.
    public init(session: ReviewSession, sets: [SetRecord], skipped: [String] = []) {
        self.session = session
        self.sets = sets
        self.skipped = skipped
    }
}

/// An exercise that has logged sets, for the progress picker.
public struct ReviewExercise: Sendable, Hashable {
    public var id: String
    /// Its name as last logged.
    public var name: String
    /// Sessions with at least one set of it.
    public var sessionCount: Int
    /// The last day it was done.
    public var lastDay: ReviewDay

    /// An exercise.
    public init(id: String, name: String, sessionCount: Int, lastDay: ReviewDay) {
        self.id = id
        self.name = name
        self.sessionCount = sessionCount
        self.lastDay = lastDay
    }
}

/// One exercise in one session: its volume and pain (a point of the progress chart).
public struct ReviewExercisePoint: Sendable, Hashable {
    public var sessionID: Int64
    public var day: ReviewDay
    public var unit: WorkKind
    /// Repetitions or seconds done over all its sets and sides.
    public var volume: Int
    /// The same for the targets.
    public var targetVolume: Int
    /// Sets done.
    public var sets: Int
    /// The highest pain after any of its sets.
    public var maxPain: Int
    /// A set was marked "spread further down the leg".
    public var spread: Bool

    /// A point.
    public init(sessionID: Int64, day: ReviewDay, unit: WorkKind, volume: Int, targetVolume: Int, sets: Int, maxPain: Int, spread: Bool = false) {
        self.sessionID = sessionID
        self.day = day
        self.unit = unit
        self.volume = volume
        self.targetVolume = targetVolume
        self.sets = sets
        self.maxPain = maxPain
        self.spread = spread
    }
}

/// Where the review reads history from. The executable reads the SQLite log; tests use arrays.
/// Every call may throw; the review then shows the error in one line instead of the view.
public protocol ReviewDataSource: AnyObject {
    /// How many sessions there are.
    func sessionCount() throws -> Int
    /// Sessions newest first, skipping `offset`, at most `limit` (one page of the list).
    func sessions(offset: Int, limit: Int) throws -> [ReviewSession]
    /// Sessions that started on or after `day`, newest first (the trend and adherence window).
    func sessions(since day: ReviewDay) throws -> [ReviewSession]
    /// Every day with at least one logged set, in any order (for the weekly streak).
    func activeDays() throws -> [ReviewDay]
    /// One session with its sets, or nil when it is gone.
    func detail(sessionID: Int64) throws -> ReviewSessionDetail?
    /// Exercises with logged sets, most recently done first.
    func exercises() throws -> [ReviewExercise]
    /// One exercise per session it was done in, oldest first.
    func progress(exerciseID: String) throws -> [ReviewExercisePoint]
    /// The weekly outcome check-ins, oldest first (skipped offers included).
    func outcomes() throws -> [ReviewOutcome]
}

extension ReviewDataSource {
    /// No outcome measures (a source that does not keep them).
    public func outcomes() throws -> [ReviewOutcome] { [] }
}

extension PainChange {
    /// The style of the verdict: good, danger, or plain.
    public var style: Style {
        switch verdict {
        case .better: Style(foreground: .good)
        case .worse: Style(foreground: .danger)
        case .noClearChange: .normal
        }
    }
}

/// Small text helpers of the review (CoachUI does not use Foundation's formatters).
public enum ReviewFormat {
    /// Three-letter English month names.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `1,826`.
    public static func thousands(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// One decimal: `3.5`, `-0.4`, `4.0`.
    public static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// A signed change with one decimal: `+1.5`, `-2.0`, `±0.0`; `−` is the typographic minus.
    public static func signedChange(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths == 0 { return "±0.0" }
        return (tenths < 0 ? "−" : "+") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// A pain value or "-".
    public static func pain(_ value: Int?) -> String { value.map(String.init) ?? "-" }

    /// `5 → 2 ↓` (the trailing arrow only for a meaningful change); `arrow` joins the two values.
    public static func painPair(_ before: Int?, _ after: Int?, arrow: String = " → ") -> String {
        var text = "\(pain(before))\(arrow)\(pain(after))"
        if let before, let after {
            let mark = PainChange(from: Double(before), to: Double(after)).arrow
            if !mark.isEmpty { text += " " + mark }
        }
        return text
    }

    /// `1 session`, `3 sessions`.
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        n == 1 ? "1 \(noun)" : "\(thousands(n)) \(plural ?? noun + "s")"
    }
}
