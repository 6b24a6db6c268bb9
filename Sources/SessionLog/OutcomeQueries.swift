import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB

// The weekly outcome measures (issue 14, schema v6): PEG and PSFS check-ins and the person's
// PSFS activities. The review, the report and the export read them through these methods.

extension SessionStore {
    /// Stores one weekly check-in in one transaction: the PEG (when answered) and the PSFS ratings
    /// (each with its activity's words, so a later rename loses nothing). A check-in with neither
    /// is a skipped offer: it is stored too, and counts as that week's offer. Returns its id, for
    /// ``addPSFSRatings(_:toCheckIn:)``.
    /// - Throws: ``LogError/invalidValue(field:value:expected:)`` for an answer outside 0-10, more
    ///   than 5 ratings, or an activity name that is empty, too long or not plain text.
    @discardableResult
    public func logOutcomeCheckIn(_ checkIn: OutcomeCheckIn) throws -> Int64 {
        if let peg = checkIn.peg {
            try checkPain("peg_pain", peg.pain)
            try checkPain("peg_enjoyment", peg.enjoyment)
            try checkPain("peg_activity", peg.activity)
        }
        try checkRatings(checkIn.psfs)
        return try write { db in
            try db.execute(
                sql: "INSERT INTO outcome_check_in (at, peg_pain, peg_enjoyment, peg_activity) VALUES (?, ?, ?, ?)",
                arguments: [LogDates.storageText(checkIn.takenAt), checkIn.peg?.pain, checkIn.peg?.enjoyment, checkIn.peg?.activity])
            let id = db.lastInsertedRowID
            try Self.insertRatings(db, checkIn.psfs, checkInID: id)
            return id
        }
    }

    /// Adds the PSFS ratings to a check-in stored without any: the PEG is stored as soon as it is
    /// answered, so a session killed on the activities screen keeps it.
    /// - Throws: as ``logOutcomeCheckIn(_:)``; ``LogError/invalidValue(field:value:expected:)`` too
    ///   when the check-in does not exist or already has ratings.
    public func addPSFSRatings(_ ratings: [PSFSRating], toCheckIn id: Int64) throws {
        try checkRatings(ratings)
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outcome_check_in WHERE id = ?", arguments: [id]) == 1,
                  try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM psfs_rating WHERE check_in_id = ?", arguments: [id]) == 0 else {
                throw LogError.invalidValue(field: "outcome_check_in.id", value: "\(id)", expected: "a stored check-in without ratings")
            }
            try Self.insertRatings(db, ratings, checkInID: id)
        }
    }

    private func checkRatings(_ ratings: [PSFSRating]) throws {
        guard ratings.count <= OutcomeChange.psfsActivities.upperBound else {
            throw LogError.invalidValue(field: "psfs_rating", value: "\(ratings.count) ratings",
                                        expected: "at most \(OutcomeChange.psfsActivities.upperBound)")
        }
        for rating in ratings {
            try checkPain("psfs_rating.rating", rating.rating)
            try Self.checkActivityName(rating.activity, field: "psfs_rating.activity")
        }
    }

    private static func insertRatings(_ db: Database, _ ratings: [PSFSRating], checkInID id: Int64) throws {
        for (position, rating) in ratings.enumerated() {
            try db.execute(
                sql: "INSERT INTO psfs_rating (check_in_id, position, activity, rating) VALUES (?, ?, ?, ?)",
                arguments: [id, position, tidy(rating.activity), rating.rating])
        }
    }

    /// Every weekly check-in taken at or after `since` (all by default), oldest first, each with
    /// its ratings in the order asked. Skipped offers are included (no PEG and no ratings).
    public func outcomeCheckIns(since: Date? = nil) throws -> [OutcomeCheckIn] {
        try read { db in
            var sql = "SELECT id, at, peg_pain, peg_enjoyment, peg_activity FROM outcome_check_in"
            var arguments: StatementArguments = []
            if let since { sql += " WHERE at >= ?"; arguments = [LogDates.storageText(since)] }
            let rows = try Row.fetchAll(db, sql: sql + " ORDER BY at, id", arguments: arguments)
            // Every check-in read has an id at least the smallest one (ratings of others are ignored).
            guard let firstID = rows.map({ $0["id"] as Int64 }).min() else { return [] }
            var ratings: [Int64: [PSFSRating]] = [:]
            let ratingRows = try Row.fetchCursor(db, sql: """
                SELECT check_in_id, activity, rating FROM psfs_rating
                WHERE check_in_id >= ? ORDER BY check_in_id, position, id
                """, arguments: [firstID])
            while let row = try ratingRows.next() {
                ratings[row["check_in_id"], default: []].append(
                    PSFSRating(activity: try row.decode(forColumn: "activity"), rating: try row.decode(forColumn: "rating")))
            }
            return try rows.map { row in
                let id: Int64 = try row.decode(forColumn: "id")
                let pain: Int? = try row.decode(forColumn: "peg_pain")
                let enjoyment: Int? = try row.decode(forColumn: "peg_enjoyment")
                let activity: Int? = try row.decode(forColumn: "peg_activity")
                var peg: PEGAnswers?
                if let pain, let enjoyment, let activity { peg = PEGAnswers(pain: pain, enjoyment: enjoyment, activity: activity) }
                return OutcomeCheckIn(takenAt: try StoredDate.required(row, "at"), peg: peg, psfs: ratings[id] ?? [])
            }
        }
    }

    /// When the latest weekly check-in was offered (answered or skipped), or nil: the weekly rule
    /// (``OutcomeSchedule/isDue(lastOffered:now:utcOffset:)``) reads it.
    public func lastOutcomeOffer() throws -> Date? {
        try read { db in try StoredDate.fetchOne(db, sql: "SELECT at FROM outcome_check_in ORDER BY at DESC, id DESC LIMIT 1") }
    }

    /// The person's current PSFS activities in the order they named them; empty until named.
    public func psfsActivities() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM psfs_activity WHERE list = (SELECT MAX(list) FROM psfs_activity) ORDER BY position, id
                """)
        }
    }

    /// Names the person's PSFS activities (3-5), replacing the current list for every later
    /// check-in. The old list stays in the log, and old ratings keep the words they were given with.
    /// - Throws: ``LogError/invalidValue(field:value:expected:)`` for fewer than 3 or more than 5
    ///   names, an empty or over-long name, or the same name twice.
    public func setPSFSActivities(_ names: [String], at now: Date = Date()) throws {
        let range = OutcomeChange.psfsActivities
        guard range.contains(names.count) else {
            throw LogError.invalidValue(field: "psfs_activity", value: "\(names.count) activities",
                                        expected: "\(range.lowerBound) to \(range.upperBound) activities")
        }
        let tidied = names.map(Self.tidy)
        for name in names { try Self.checkActivityName(name, field: "psfs_activity.name") }
        if Set(tidied.map { $0.lowercased() }).count != tidied.count {
            throw LogError.invalidValue(field: "psfs_activity.name", value: "a name given twice", expected: "\(range.lowerBound) to \(range.upperBound) different activities")
        }
        try write { db in
            let list = (try Int.fetchOne(db, sql: "SELECT MAX(list) FROM psfs_activity") ?? 0) + 1
            for (position, name) in tidied.enumerated() {
                try db.execute(sql: "INSERT INTO psfs_activity (list, position, name, named_at) VALUES (?, ?, ?, ?)",
                               arguments: [list, position, name, LogDates.storageText(now)])
            }
        }
    }

    /// Names the person's PSFS activities now (see ``setPSFSActivities(_:at:)``).
    public func setPSFSActivities(_ names: [String]) throws {
        try setPSFSActivities(names, at: Date())
    }

    private static func tidy(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces)
    }

    private static func checkActivityName(_ name: String, field: String) throws {
        if let problem = OutcomeChange.problem(withActivityName: name) {
            throw LogError.invalidValue(field: field, value: String(ControlCharacters.escaped(name).prefix(40)), expected: problem)
        }
    }
}
