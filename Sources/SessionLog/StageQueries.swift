import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB

// What the stage suggestion and the direction of relief read (issue 12).

extension SessionStore {
    /// The last `limit` finished sessions with their start times, oldest first, as
    /// `StagePolicy.suggestion` reads them (flares as `pastSessions` marks them).
    public func datedPastSessions(limit: Int = 200, zone: LocalZone = .system) throws -> [DatedSession] {
        let past = try pastSessions(limit: limit, zone: zone)
        let starts = try history(limit: limit).filter { $0.session.status != .inProgress }.reversed().map(\.session.startedAt)
        return zip(starts, past).map { DatedSession(startedAt: $0, session: $1) }
    }

    /// The latest answer to "which movements ease your leg?", or nil when it was never asked.
    /// - Throws: ``LogError/unknownValue(table:rowID:column:value:)`` for an outcome this build
    ///   does not know.
    public func reliefDirection() throws -> ReliefDirection? {
        guard let row = try checkIns(kind: .direction).last else { return nil }
        guard let direction = ReliefDirection(rawValue: row.outcome) else {
            throw LogError.unknownValue(table: "check_in", rowID: row.id ?? 0, column: "outcome", value: row.outcome)
        }
        return direction
    }

    /// Logs an answer to the direction-of-relief question.
    @discardableResult
    public func recordReliefDirection(_ direction: ReliefDirection, at now: Date, zone: LocalZone = .system) throws -> Int64 {
        try appendCheckIn(CheckInRow(
            at: now, day: LogDates.day(of: now, in: zone), kind: .direction,
            answersJSON: #"{"eases":"\#(direction.rawValue)"}"#, outcome: direction.rawValue))
    }
}
