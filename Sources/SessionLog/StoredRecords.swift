import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB
import SessionEngine

// GRDB records over the engine's own types: every column read by name, every enum checked.

extension SessionRecord: FetchableRecord {
    /// A `session` row (the columns of ``SessionStore``'s session queries, `plan_json` optional).
    public init(row: Row) throws {
        let id: Int64 = try row.decode(forColumn: "id")
        self.init(
            id: id, routineID: try row.decode(forColumn: "routine_id"), routineName: try row.decode(forColumn: "routine_name"),
            startedAt: try row.decode(forColumn: "started_at"), endedAt: try row.decode(forColumn: "ended_at"),
            status: try StoredValue.decode(row, "status", table: "session", rowID: id),
            painBefore: try row.decode(forColumn: "pain_before"), painAfter: try row.decode(forColumn: "pain_after"),
            legPainBefore: try row.decode(forColumn: "leg_pain_before"), backPainBefore: try row.decode(forColumn: "back_pain_before"),
            legPainAfter: try row.decode(forColumn: "leg_pain_after"), backPainAfter: try row.decode(forColumn: "back_pain_after"),
            plannedSets: try row.decode(forColumn: "planned_sets"),
            planJSON: row.hasColumn("plan_json") ? try row.decode(forColumn: "plan_json") : nil,
            reachBefore: try StoredValue.decodeOptional(row, "reach_before", table: "session", rowID: id),
            reachAfter: try StoredValue.decodeOptional(row, "reach_after", table: "session", rowID: id))
    }
}

extension LoggedSet: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "session_set"

    /// Every column of `session_set`, for SELECTs that alias nothing.
    static let columns = """
        id, session_id, position, exercise_id, exercise_name, side, set_number, target_kind, \
        target_amount, done_amount, pain, spread, adjustment, reason, completed_at, \
        planned_exercise_id, rule, next_sets, next_amount, next_kind, next_rest, switched_to, toward_back
        """

    public init(row: Row) throws {
        let id: Int64 = try row.decode(forColumn: "id")
        func value<T: RawRepresentable & Sendable>(_ column: String) throws -> T where T.RawValue == String {
            try StoredValue.decode(row, column, table: "session_set", rowID: id)
        }
        let kind: WorkKind = try value("target_kind")
        var nextDose: Dose?
        if let sets: Int = try row.decode(forColumn: "next_sets") {
            let nextKind: WorkKind = try value("next_kind")
            nextDose = Dose(sets: sets, work: Work(kind: nextKind, amount: try row.decode(forColumn: "next_amount")),
                            rest: try row.decode(forColumn: "next_rest"))
        }
        let decision = Decision(
            action: try value("adjustment"), rule: try value("rule"), reason: try row.decode(forColumn: "reason"),
            nextDose: nextDose, switchedToID: try row.decode(forColumn: "switched_to"))
        let record = SetRecord(
            planIndex: try row.decode(forColumn: "position"), exerciseID: try row.decode(forColumn: "exercise_id"),
            exerciseName: try row.decode(forColumn: "exercise_name"),
            plannedExerciseID: try row.decode(forColumn: "planned_exercise_id"), side: try value("side"),
            setNumber: try row.decode(forColumn: "set_number"),
            target: Work(kind: kind, amount: try row.decode(forColumn: "target_amount")),
            done: Work(kind: kind, amount: try row.decode(forColumn: "done_amount")),
            pain: try row.decode(forColumn: "pain"), spreadDownLeg: try row.decode(forColumn: "spread"),
            movedTowardBack: try row.decode(forColumn: "toward_back"), decision: decision)
        self.init(id: id, sessionID: try row.decode(forColumn: "session_id"), completedAt: try row.decode(forColumn: "completed_at"),
                  record: record)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        let r = record
        container["id"] = id
        container["session_id"] = sessionID
        container["position"] = r.planIndex
        container["exercise_id"] = r.exerciseID
        container["exercise_name"] = r.exerciseName
        container["side"] = r.side.rawValue
        container["set_number"] = r.setNumber
        container["target_kind"] = r.target.kind.rawValue
        container["target_amount"] = r.target.amount
        container["done_amount"] = r.done.amount
        container["pain"] = r.pain
        container["spread"] = r.spreadDownLeg
        container["adjustment"] = r.decision.action.rawValue
        container["reason"] = r.decision.reason
        container["completed_at"] = completedAt
        container["planned_exercise_id"] = r.plannedExerciseID
        container["rule"] = r.decision.rule.rawValue
        container["next_sets"] = r.decision.nextDose?.sets
        container["next_amount"] = r.decision.nextDose?.work.amount
        container["next_kind"] = r.decision.nextDose?.work.kind.rawValue
        container["next_rest"] = r.decision.nextDose?.rest
        container["switched_to"] = r.decision.switchedToID
        container["toward_back"] = r.movedTowardBack
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension SkipRow: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "skip"

    public init(row: Row) throws {
        let id: Int64 = try row.decode(forColumn: "id")
        self.init(id: id, sessionID: try row.decode(forColumn: "session_id"),
                  position: try row.decode(forColumn: "position"), exerciseID: try row.decode(forColumn: "exercise_id"),
                  at: try row.decode(forColumn: "at"),
                  reason: try StoredValue.decodeOptional(row, "reason", table: "skip", rowID: id))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["session_id"] = sessionID
        container["position"] = position
        container["exercise_id"] = exerciseID
        container["at"] = at
        container["reason"] = reason?.rawValue
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension CheckInRow: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "check_in"

    public init(row: Row) throws {
        let id: Int64 = try row.decode(forColumn: "id")
        self.init(id: id, at: try row.decode(forColumn: "at"), day: try row.decode(forColumn: "day"),
                  kind: try StoredValue.decode(row, "kind", table: "check_in", rowID: id),
                  answersJSON: try row.decode(forColumn: "answers_json"), outcome: try row.decode(forColumn: "outcome"),
                  sessionID: try row.decode(forColumn: "session_id"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["at"] = at
        container["day"] = day
        container["kind"] = kind.rawValue
        container["answers_json"] = answersJSON
        container["outcome"] = outcome
        container["session_id"] = sessionID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Reading an enum column: a value this build does not know is an error naming where it is.
enum StoredValue {
    static func decode<T: RawRepresentable>(_ row: Row, _ column: String, table: String, rowID: Int64) throws -> T
    where T.RawValue == String {
        let raw: String? = try row.decode(forColumn: column)
        guard let raw, let value = T(rawValue: raw) else {
            throw LogError.unknownValue(table: table, rowID: rowID, column: column, value: raw ?? "NULL")
        }
        return value
    }

    /// A nullable enum column: NULL is nil, an unknown value is an error naming where it is.
    static func decodeOptional<T: RawRepresentable>(_ row: Row, _ column: String, table: String, rowID: Int64) throws -> T?
    where T.RawValue == String {
        let raw: String? = try row.decode(forColumn: column)
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            throw LogError.unknownValue(table: table, rowID: rowID, column: column, value: raw)
        }
        return value
    }
}
