import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB
import SessionEngine

// What the checks before and after a session read and write (issue 4): the history as the
// prescription reads it, first-run and once-a-day questions, and leg/back pain.

extension SessionStore {
    /// The last `limit` sessions of every routine, oldest first, as the prescription reads them
    /// (`Prescriber.prescribe(base:history:today:catalog:)`). Sessions still in progress are left
    /// out; interrupted ones count for the sets they have.
    ///
    /// A session's `flareReported` is true when a since-last check-in answered "worse" belongs to
    /// it: linked by `session_id`, or unlinked and answered on the session's local day before it
    /// started. Its `startingPain` is the worse of leg and back pain before it, else the overall
    /// check-in pain.
    /// - Parameter zone: the zone whose calendar days the check-ins were logged in.
    public func pastSessions(limit: Int = 200, zone: LocalZone = .system) throws -> [PastSession] {
        let sessions = try history(limit: limit).filter { $0.session.status != .inProgress }.reversed()
        guard let oldest = sessions.first?.session.startedAt else { return [] }
        let since = oldest.addingTimeInterval(-2 * 86_400)
        let worse = try checkIns(kind: .sinceLast, since: since).filter { $0.outcome == SinceLastAnswer.worse.rawValue }
        return sessions.map { item in
            Self.pastSession(item, flareReported: Self.flareReported(item.session, worse: worse, zone: zone))
        }
    }

    /// True when one of the since-last check-ins `worse` (those answered "worse") belongs to
    /// `session`: linked by `session_id`, or unlinked and answered on its local day before it started.
    public static func flareReported(_ session: SessionRecord, worse: [CheckInRow], zone: LocalZone) -> Bool {
        let day = LogDates.day(of: session.startedAt, in: zone)
        return worse.contains { checkIn in
            if let linked = checkIn.sessionID { return linked == session.id }
            return checkIn.day == day && checkIn.at <= session.startedAt
        }
    }

    /// One logged session as the prescription reads it: its sets as the engine produced them.
    public static func pastSession(_ item: SessionWithSets, flareReported: Bool) -> PastSession {
        let s = item.session
        return PastSession(
            routineID: s.routineID, startingPain: StartingPain.of(leg: s.legPainBefore, back: s.backPainBefore, overall: s.painBefore),
            flareReported: flareReported, sets: item.sets.map(\.record), skippedPositions: Set(item.skips.map(\.position)),
            skipReasons: Dictionary(item.skips.compactMap { skip in skip.reason.map { (skip.position, $0) } }, uniquingKeysWith: { $1 }),
            startedAt: s.startedAt, plannedSets: plannedSets(planJSON: s.planJSON))
    }

    /// The sets the stored plan asked for at each position (`items[i].dose.sets`); empty when the
    /// session has no readable plan (the prescription then reads the routine's sets).
    static func plannedSets(planJSON: String?) -> [Int: Int] {
        guard let data = planJSON?.data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let items = root["items"] as? [[String: Any]] else { return [:] }
        var result: [Int: Int] = [:]
        for (index, item) in items.enumerated() {
            if let dose = item["dose"] as? [String: Any], let sets = dose["sets"] as? Int { result[index] = sets }
        }
        return result
    }

    /// True when nothing was ever logged: no session and no check-in (show the welcome).
    public func isFirstRun() throws -> Bool {
        try read { db in
            let sessions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM session LIMIT 1)") ?? 0
            let checkIns = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM check_in LIMIT 1)") ?? 0
            return sessions == 0 && checkIns == 0
        }
    }

    /// When the most recent session started (any routine, any status), or nil without sessions.
    public func lastSessionStart() throws -> Date? {
        try read { db in
            try StoredDate.fetchOne(db, sql: "SELECT started_at FROM session ORDER BY started_at DESC, id DESC LIMIT 1")
        }
    }

    /// Sets leg and back pain before and/or after a session, in any status. Nil arguments leave
    /// the stored value as it is.
    /// - Throws: ``LogError/invalidValue(field:value:expected:)`` for a value outside 0...10,
    ///   ``LogError/noSuchSession(id:)`` for an unknown id.
    public func updateBodyPain(
        sessionID: Int64, legBefore: Int? = nil, backBefore: Int? = nil, legAfter: Int? = nil, backAfter: Int? = nil
    ) throws {
        try checkPain("leg_pain_before", legBefore)
        try checkPain("back_pain_before", backBefore)
        try checkPain("leg_pain_after", legAfter)
        try checkPain("back_pain_after", backAfter)
        try write { db in
            try db.execute(
                sql: """
                    UPDATE session SET leg_pain_before = COALESCE(?, leg_pain_before),
                        back_pain_before = COALESCE(?, back_pain_before),
                        leg_pain_after = COALESCE(?, leg_pain_after),
                        back_pain_after = COALESCE(?, back_pain_after)
                    WHERE id = ?
                    """,
                arguments: [legBefore, backBefore, legAfter, backAfter, sessionID])
            if db.changesCount == 0 { throw LogError.noSuchSession(id: sessionID) }
        }
    }

    /// Sets how far down the leg the pain reached before and/or after a session (nil leaves it).
    /// - Throws: ``LogError/noSuchSession(id:)`` for an unknown id.
    public func updatePainReach(sessionID: Int64, before: PainReach? = nil, after: PainReach? = nil) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE session SET reach_before = COALESCE(?, reach_before), reach_after = COALESCE(?, reach_after) WHERE id = ?",
                arguments: [before?.rawValue, after?.rawValue, sessionID])
            if db.changesCount == 0 { throw LogError.noSuchSession(id: sessionID) }
        }
    }

    /// Links check-ins answered before a session to it (their `session_id`).
    public func attachCheckIns(_ ids: [Int64], toSession sessionID: Int64) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE id = ?", arguments: [sessionID]) == 1 else {
                throw LogError.noSuchSession(id: sessionID)
            }
            for id in ids {
                try db.execute(sql: "UPDATE check_in SET session_id = ? WHERE id = ?", arguments: [sessionID, id])
            }
        }
    }
}
