import CoachPolicy
import Foundation
import SessionLog
#if canImport(Glibc)
import Glibc
#endif

/// `limber status`: one line for a shell prompt or a login message — today's session done or
/// not, this week against the plan, and a flare or red-flag hold if there is one. It never fails
/// (an unreadable or missing log is a short line of its own) and stays fast: the log is opened
/// read-only, the catalog is not loaded, and local days come from the C library's `localtime_r`
/// rather than Foundation's calendar (which loads ICU's data on Linux).
public enum StatusFlow {
    /// The line for this environment (`--data-dir` / `LIMBER_DATA_DIR`, the settings file).
    public static func line(dataDir: String?, now: Date = Date()) -> String {
        let environment = ProcessInfo.processInfo.environment
        var target = Settings().weeklyTarget
        var settingsNote: String?
        do {
            target = try SettingsFile.location(environment: environment).load().weeklyTarget
        } catch {
            settingsNote = "settings file has an error (see `limber config`)"
        }
        let folder = DataLocation.resolve(option: dataDir, environment: environment)
        let store: SessionStore
        do {
            guard let opened = try SessionStore.open(forReadingIn: folder) else {
                return "limber: no log yet · `limber` starts your first session"
            }
            store = opened
        } catch {
            return "limber: cannot read the log (\(error))"
        }
        do {
            let week = LocalTime.weekStart(of: now)
            let facts = try store.statusFacts(weekStart: week, today: LogDates.day(of: now))
            var text = line(facts: facts, target: target, now: now, utcOffset: LocalTime.utcOffset)
            if let settingsNote { text += " · " + settingsNote }
            return text
        } catch {
            return "limber: cannot read the log (\(error))"
        }
    }

    /// The line from what the log says (pure, for tests).
    static func line(facts: StatusFacts, target: Int, now: Date, utcOffset: (Date) -> Int) -> String {
        let today = OutcomeSchedule.localDay(of: now, utcOffset: utcOffset(now))
        let days = Set(facts.sessionStarts.map { OutcomeSchedule.localDay(of: $0, utcOffset: utcOffset($0)) })
        var parts = [days.contains(today) ? "today done" : facts.sessionInProgress ? "session under way" : "not done today",
                     WeeklyPlan.text(done: WeeklyPlan.daysThisWeek(facts.sessionStarts, now: now, utcOffset: utcOffset), target: target)]
        if let hold = hold(facts) { parts.append(hold) }
        return "limber: " + parts.joined(separator: " · ")
    }

    /// A red-flag answer of today not yet assessed, a history answer waiting for a clinician, or
    /// today's flare, the most urgent first; nil when none.
    static func hold(_ facts: StatusFacts) -> String? {
        let todays = facts.todaysCheckIns
        if let daily = todays.last(where: { $0.kind == .redFlag }),
           !todays.contains(where: { $0.kind == .clinicianAssessed && $0.at >= daily.at && $0.answersJSON.contains(#""about":"daily""#) }) {
            switch RedFlags.Outcome(rawValue: daily.outcome) {
            case .emergency?: return "RED FLAG today: seek emergency care, no session"
            case .sameDay?: return "red flag today: no exercise, call your doctor today"
            default: break
            }
        }
        if let history = facts.lastHistoryCheck, history.outcome == RedFlags.Outcome.seeClinician.rawValue, !facts.historyAssessed {
            return "gentle routines only until a clinician has assessed your history answers"
        }
        if todays.contains(where: { $0.kind == .sinceLast && $0.outcome == SinceLastAnswer.worse.rawValue }) {
            return "flare today: exercises step back"
        }
        return nil
    }
}

/// The weekly plan (`weekly_target` days a week): days with a session this calendar week (Monday
/// start, local time), as the start screen and `limber status` show it.
enum WeeklyPlan {
    /// Local days of this week (up to `now`) with a session that has a set.
    static func daysThisWeek(_ starts: [Date], now: Date, utcOffset: (Date) -> Int) -> Int {
        let monday = OutcomeSchedule.weekStart(of: now, utcOffset: utcOffset(now))
        let today = OutcomeSchedule.localDay(of: now, utcOffset: utcOffset(now))
        return Set(starts.map { OutcomeSchedule.localDay(of: $0, utcOffset: utcOffset($0)) }.filter { $0 >= monday && $0 <= today }).count
    }

    /// "2 of 3 this week".
    static func text(done: Int, target: Int) -> String { "\(done) of \(target) this week" }

    /// The line for the start screen from the log ("2 of 3 this week"), nil when it cannot be read.
    static func line(store: SessionStore, target: Int, now: Date = Date()) -> String? {
        guard let facts = try? store.statusFacts(weekStart: LocalTime.weekStart(of: now), today: LogDates.day(of: now)) else { return nil }
        return text(done: daysThisWeek(facts.sessionStarts, now: now, utcOffset: LocalTime.utcOffset), target: target)
    }
}
