import CoachPolicy
import Foundation
import GRDB

/// What `limber status` and the start screen's "2 of 3 this week" read: a few small queries in
/// one read transaction, bounded by the start of the week (never the whole history).
public struct StatusFacts: Sendable, Equatable {
    /// Starts of the sessions with at least one set since the start of the week, oldest first.
    public var sessionStarts: [Date]
    /// True when a session is in progress now (a running `limber start`, or one killed midway).
    public var sessionInProgress: Bool
    /// Today's check-ins (local day `YYYY-MM-DD`), oldest first.
    public var todaysCheckIns: [CheckInRow]
    /// The latest history check, and whether a clinician has assessed it since.
    public var lastHistoryCheck: CheckInRow?
    public var historyAssessed: Bool

    public init(sessionStarts: [Date], sessionInProgress: Bool, todaysCheckIns: [CheckInRow],
                lastHistoryCheck: CheckInRow?, historyAssessed: Bool) {
        self.sessionStarts = sessionStarts
        self.sessionInProgress = sessionInProgress
        self.todaysCheckIns = todaysCheckIns
        self.lastHistoryCheck = lastHistoryCheck
        self.historyAssessed = historyAssessed
    }
}

extension SessionStore {
    /// The facts behind `limber status`, from `weekStart` (the first instant of the local week)
    /// and `today` (the local day, `YYYY-MM-DD`).
    public func statusFacts(weekStart: Date, today: String) throws -> StatusFacts {
        try read { db in
            let starts = try StoredDate.fetchAll(db, sql: """
                SELECT started_at FROM session
                WHERE started_at >= ? AND EXISTS (SELECT 1 FROM session_set WHERE session_set.session_id = session.id)
                ORDER BY started_at
                """, arguments: [LogDates.storageText(weekStart)])
            let running = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM session WHERE status = 'in_progress')") ?? false
            let columns = "id, at, day, kind, answers_json, outcome, session_id"
            let todays = try CheckInRow.fetchAll(db, sql: "SELECT \(columns) FROM check_in WHERE day = ? ORDER BY at, id", arguments: [today])
            let history = try CheckInRow.fetchOne(db, sql: """
                SELECT \(columns) FROM check_in WHERE kind = 'history_check' ORDER BY at DESC, id DESC LIMIT 1
                """)
            var assessed = false
            if let history {
                assessed = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM check_in WHERE kind = 'clinician_assessed' AND at >= ?
                                   AND answers_json LIKE '%"about":"history"%')
                    """, arguments: [history.at]) ?? false
            }
            return StatusFacts(sessionStarts: starts, sessionInProgress: running, todaysCheckIns: todays,
                               lastHistoryCheck: history, historyAssessed: assessed)
        }
    }
}
