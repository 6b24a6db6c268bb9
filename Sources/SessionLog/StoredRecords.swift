import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB
import PlainText
import SessionEngine

// GRDB records over the engine's own types: every column read by name, every enum checked.

extension SessionRecord: FetchableRecord {
    /// A `session` row (the columns of ``SessionStore``'s session queries, `plan_json` optional).
    public init(row: Row) throws {
        try self.init(row: row, columns: ColumnIndexes(Array(row.columnNames)))
    }

    /// Where each session column is in a row, looked up by name once per statement (the review's
    /// list decodes a page of sessions; GRDB's lookup by name lowercases every column name).
    struct ColumnIndexes {
        let id, routineID, routineName, startedAt, endedAt, status, painBefore, painAfter: Int
        let legPainBefore, backPainBefore, legPainAfter, backPainAfter, plannedSets, reachBefore, reachAfter: Int
        let planJSON: Int?
        /// Every column name, for the other columns of a query (``SessionStore/sessions(since:limit:offset:)``).
        let names: [String]

        /// - Throws: ``LogError/invalidValue(field:value:expected:)`` naming the first missing column.
        init(_ names: [String]) throws {
            func find(_ name: String) throws -> Int {
                if let i = Self.index(of: name, in: names) { return i }
                throw LogError.invalidValue(field: "session.\(name)", value: "not selected", expected: "every column of a session query")
            }
            self.names = names
            id = try find("id"); routineID = try find("routine_id"); routineName = try find("routine_name")
            startedAt = try find("started_at"); endedAt = try find("ended_at"); status = try find("status")
            painBefore = try find("pain_before"); painAfter = try find("pain_after")
            legPainBefore = try find("leg_pain_before"); backPainBefore = try find("back_pain_before")
            legPainAfter = try find("leg_pain_after"); backPainAfter = try find("back_pain_after")
            plannedSets = try find("planned_sets"); reachBefore = try find("reach_before"); reachAfter = try find("reach_after")
            planJSON = Self.index(of: "plan_json", in: names)
        }

        /// The column named `name` (exactly, else ignoring case, as GRDB matches names).
        static func index(of name: String, in names: [String]) -> Int? {
            names.firstIndex(of: name) ?? names.firstIndex { $0.lowercased() == name }
        }
    }

    init(row: Row, columns c: ColumnIndexes) throws {
        let id: Int64 = try row.decode(atIndex: c.id)
        self.init(
            id: id, routineID: try row.decode(atIndex: c.routineID), routineName: try row.decode(atIndex: c.routineName),
            startedAt: try StoredDate.required(row, index: c.startedAt), endedAt: try StoredDate.optional(row, index: c.endedAt),
            status: try StoredValue.decode(row, "status", index: c.status, table: "session", rowID: id),
            painBefore: try row.decode(atIndex: c.painBefore), painAfter: try row.decode(atIndex: c.painAfter),
            legPainBefore: try row.decode(atIndex: c.legPainBefore), backPainBefore: try row.decode(atIndex: c.backPainBefore),
            legPainAfter: try row.decode(atIndex: c.legPainAfter), backPainAfter: try row.decode(atIndex: c.backPainAfter),
            plannedSets: try row.decode(atIndex: c.plannedSets),
            planJSON: try c.planJSON.flatMap { index -> String? in try row.decode(atIndex: index) },
            reachBefore: try StoredValue.decodeOptional(row, "reach_before", index: c.reachBefore, table: "session", rowID: id),
            reachAfter: try StoredValue.decodeOptional(row, "reach_after", index: c.reachAfter, table: "session", rowID: id))
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

    /// Where each column of ``columns`` is in a row: looked up by name once per statement
    /// (``SessionStore``'s history reads) or once per row (``init(row:)``), then read by index.
    /// Decoding ~60,000 sets by name was most of `history --json`'s time.
    struct ColumnIndexes {
        let id: Int
        let sessionId: Int
        let position: Int
        let exerciseId: Int
        let exerciseName: Int
        let side: Int
        let setNumber: Int
        let targetKind: Int
        let targetAmount: Int
        let doneAmount: Int
        let pain: Int
        let spread: Int
        let adjustment: Int
        let reason: Int
        let completedAt: Int
        let plannedExerciseId: Int
        let rule: Int
        let nextSets: Int
        let nextAmount: Int
        let nextKind: Int
        let nextRest: Int
        let switchedTo: Int
        let towardBack: Int

        /// - Throws: ``LogError/invalidValue(field:value:expected:)`` naming the first missing
        ///   column (a query that does not select ``columns``: a programming error).
        init(_ names: [String]) throws {
            func find(_ name: String) throws -> Int {
                if let i = names.firstIndex(of: name) ?? names.firstIndex(where: { $0.lowercased() == name }) { return i }
                throw LogError.invalidValue(field: "session_set.\(name)", value: "not selected", expected: "every column of LoggedSet.columns")
            }
            id = try find("id")
            sessionId = try find("session_id")
            position = try find("position")
            exerciseId = try find("exercise_id")
            exerciseName = try find("exercise_name")
            side = try find("side")
            setNumber = try find("set_number")
            targetKind = try find("target_kind")
            targetAmount = try find("target_amount")
            doneAmount = try find("done_amount")
            pain = try find("pain")
            spread = try find("spread")
            adjustment = try find("adjustment")
            reason = try find("reason")
            completedAt = try find("completed_at")
            plannedExerciseId = try find("planned_exercise_id")
            rule = try find("rule")
            nextSets = try find("next_sets")
            nextAmount = try find("next_amount")
            nextKind = try find("next_kind")
            nextRest = try find("next_rest")
            switchedTo = try find("switched_to")
            towardBack = try find("toward_back")
        }
    }

    public init(row: Row) throws {
        try self.init(row: row, columns: ColumnIndexes(Array(row.columnNames)))
    }

    init(row: Row, columns c: ColumnIndexes) throws {
        let id: Int64 = try row.decode(atIndex: c.id)
        func value<T: RawRepresentable & Sendable>(_ column: String, _ index: Int) throws -> T where T.RawValue == String {
            try StoredValue.decode(row, column, index: index, table: "session_set", rowID: id)
        }
        let kind: WorkKind = try value("target_kind", c.targetKind)
        var nextDose: Dose?
        if let sets: Int = try row.decode(atIndex: c.nextSets) {
            let nextKind: WorkKind = try value("next_kind", c.nextKind)
            nextDose = Dose(sets: sets, work: Work(kind: nextKind, amount: try row.decode(atIndex: c.nextAmount)),
                            rest: try row.decode(atIndex: c.nextRest))
        }
        let decision = Decision(
            action: try value("adjustment", c.adjustment), rule: try value("rule", c.rule), reason: try row.decode(atIndex: c.reason),
            nextDose: nextDose, switchedToID: try row.decode(atIndex: c.switchedTo))
        let record = SetRecord(
            planIndex: try row.decode(atIndex: c.position), exerciseID: try row.decode(atIndex: c.exerciseId),
            exerciseName: try row.decode(atIndex: c.exerciseName),
            plannedExerciseID: try row.decode(atIndex: c.plannedExerciseId), side: try value("side", c.side),
            setNumber: try row.decode(atIndex: c.setNumber),
            target: Work(kind: kind, amount: try row.decode(atIndex: c.targetAmount)),
            done: Work(kind: kind, amount: try row.decode(atIndex: c.doneAmount)),
            pain: try row.decode(atIndex: c.pain), spreadDownLeg: try row.decode(atIndex: c.spread),
            movedTowardBack: try row.decode(atIndex: c.towardBack), decision: decision)
        self.init(id: id, sessionID: try row.decode(atIndex: c.sessionId),
                  completedAt: try StoredDate.required(row, index: c.completedAt), record: record)
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
        container["completed_at"] = LogDates.storageText(completedAt)
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
                  at: try StoredDate.required(row, "at"),
                  reason: try StoredValue.decodeOptional(row, "reason", table: "skip", rowID: id))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["session_id"] = sessionID
        container["position"] = position
        container["exercise_id"] = exerciseID
        container["at"] = LogDates.storageText(at)
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
        self.init(id: id, at: try StoredDate.required(row, "at"), day: try row.decode(forColumn: "day"),
                  kind: try StoredValue.decode(row, "kind", table: "check_in", rowID: id),
                  answersJSON: try row.decode(forColumn: "answers_json"), outcome: try row.decode(forColumn: "outcome"),
                  sessionID: try row.decode(forColumn: "session_id"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["at"] = LogDates.storageText(at)
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
        return try checked(raw, column, table: table, rowID: rowID)
    }

    /// ``decode(_:_:table:rowID:)`` for a column whose index is known.
    static func decode<T: RawRepresentable>(_ row: Row, _ column: String, index: Int, table: String, rowID: Int64) throws -> T
    where T.RawValue == String {
        let raw: String? = try row.decode(atIndex: index)
        return try checked(raw, column, table: table, rowID: rowID)
    }

    /// The one mapping from stored text to an enum value (the enum's own raw values), for the
    /// records above and for `history --json`'s direct path (HistoryJSON.swift).
    static func checked<T: RawRepresentable>(_ raw: String?, _ column: String, table: String, rowID: Int64) throws -> T
    where T.RawValue == String {
        guard let raw, let value = T(rawValue: raw) else {
            throw LogError.unknownValue(table: table, rowID: rowID, column: column, value: raw ?? "NULL")
        }
        return value
    }

    /// A nullable enum column: NULL is nil, an unknown value is an error naming where it is.
    static func decodeOptional<T: RawRepresentable>(_ row: Row, _ column: String, table: String, rowID: Int64) throws -> T?
    where T.RawValue == String {
        let raw: String? = try row.decode(forColumn: column)
        return try checkedOptional(raw, column, table: table, rowID: rowID)
    }

    /// ``decodeOptional(_:_:table:rowID:)`` for a column whose index is known.
    static func decodeOptional<T: RawRepresentable>(_ row: Row, _ column: String, index: Int, table: String, rowID: Int64) throws -> T?
    where T.RawValue == String {
        let raw: String? = try row.decode(atIndex: index)
        return try checkedOptional(raw, column, table: table, rowID: rowID)
    }

    private static func checkedOptional<T: RawRepresentable>(_ raw: String?, _ column: String, table: String, rowID: Int64) throws -> T?
    where T.RawValue == String {
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            throw LogError.unknownValue(table: table, rowID: rowID, column: column, value: raw)
        }
        return value
    }
}

/// Reading a stored time. GRDB writes a `Date` as `YYYY-MM-DD HH:MM:SS.SSS` in UTC and reads it
/// back through Foundation's `Calendar.date(from:)` (ICU), several microseconds a date; a 5-year
/// history holds ~63,000 of them. That exact form is read here by hand; anything else (other
/// forms GRDB accepts, numbers, NULL for a required time) goes to GRDB as before.
enum StoredDate {
    static func required(_ row: Row, _ column: String) throws -> Date {
        guard let i = Array(row.columnNames).firstIndex(of: column) else { return try row.decode(forColumn: column) }
        return try required(row, index: i)
    }

    static func optional(_ row: Row, _ column: String) throws -> Date? {
        guard let i = Array(row.columnNames).firstIndex(of: column) else { return try row.decode(forColumn: column) }
        return try optional(row, index: i)
    }

    static func optional(_ row: Row, index i: Int) throws -> Date? {
        if case .string(let text) = (row[i] as DatabaseValue).storage, let date = parse(text) { return date }
        return try row.decode(atIndex: i)
    }

    static func required(_ row: Row, index: Int) throws -> Date {
        if case .string(let text) = (row[index] as DatabaseValue).storage, let date = parse(text) { return date }
        return try row.decode(atIndex: index)
    }

    /// The first column of every row as a time. Every reader of the log goes through here, so one
    /// stored time is one `Date` everywhere: GRDB's own decoding can differ from ``parse(_:)`` in
    /// the last bit, and then "is this the latest session?" compared two readings of one time as
    /// unequal (the resume offer was missed for about one start in four).
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Date] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { try required($0, index: 0) }
    }

    /// The first column of the first row as a time, nil without a row or for NULL.
    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Date? {
        guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments),
              !(row[0] as DatabaseValue).isNull else { return nil }
        return try required(row, index: 0)
    }

    /// `YYYY-MM-DD HH:MM:SS.SSS` (or without `.SSS`) in UTC, a real calendar day; else nil.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// ``parse(_:)`` over the stored bytes (`history --json` reads them straight from SQLite).
    static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 23 || b.count == 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                let d = Int(b[k]) - 0x30
                guard d >= 0, d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
              b.count == 19 || b[19] == 0x2E,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              let millis = b.count == 23 ? number(20, 3) : 0,
              (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = switch month {
        case 2: leap ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        guard day <= monthDays else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1_000)
    }
}
