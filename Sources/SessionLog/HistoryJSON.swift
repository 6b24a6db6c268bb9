import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB
import GRDBSQLite

// `limber history --json` straight from SQLite into the JSON writer.
//
// The record path (``SessionStore/eachInHistory(since:limit:batchSize:_:)`` and
// ``LogExport/appendJSONLine(_:to:)``) builds a GRDB row, a `LoggedSet` with its Strings, an
// array of ``LogExport/Value`` per set and a String per field: over 5 years (58,680 sets) that
// was about two thirds of the command's time. Here each column is read from the SQLite
// statement and written as JSON bytes, with the same checks as the records: every enum column
// goes through ``StoredValue/checked(_:_:table:rowID:)`` (the enum's raw values, the one
// mapping), times through ``StoredDate/parse(bytes:)`` and then GRDB's own decoding for any
// other form, and a value of the wrong kind is an error naming table, row and column. The output
// is byte-for-byte that of the record path (HistoryJSONTests compares them).

extension SessionStore {
    /// `history(since:limit:)` as JSON lines (one ``LogExport/jsonObject(_:)`` and a line feed per
    /// session, newest first), written into a buffer that `flush` is handed whenever it holds
    /// `flushAt` bytes and once at the end; `flush` empties it (or not: it is then handed more).
    /// - Returns: how many sessions were written.
    /// - Throws: ``LogError/unknownValue(table:rowID:column:value:)`` for a stored value this
    ///   build cannot read, what `flush` throws, and database errors.
    public func writeHistoryJSONLines(
        since: Date? = nil, limit: Int? = nil, flushAt: Int = 65_536,
        _ flush: @Sendable (inout [UInt8]) throws -> Void
    ) throws -> Int {
        let (whereSQL, arguments) = Self.pageFilter(since: since)
        let limitValue = limit.map { max(0, $0) } ?? -1
        let path = databaseURL.path
        return try read { db in
            // Five years of sets are a single pass over ~15 MB: mapped, SQLite reads the pages in
            // place instead of copying each through pread() into its cache. Only this connection.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            let sessions = try db.makeStatement(sql: """
                SELECT id, routine_id, routine_name, started_at, ended_at, status, planned_sets, pain_before, pain_after, \
                leg_pain_before, leg_pain_after, back_pain_before, back_pain_after, reach_before, reach_after
                FROM session WHERE \(whereSQL) ORDER BY started_at DESC, id DESC LIMIT \(limitValue)
                """)
            try sessions.setArguments(arguments)
            let sets = try db.makeStatement(sql: """
                SELECT id, position, exercise_id, exercise_name, side, set_number, target_kind, target_amount, done_amount, \
                pain, spread, adjustment, reason, completed_at, toward_back, rule, next_sets, next_kind, next_amount, next_rest
                FROM session_set WHERE session_id = ? ORDER BY id
                """)
            // `sets_done` comes before the sets: counted first (from the index alone), so the sets
            // are written straight into the output.
            let setCount = try db.makeStatement(sql: "SELECT COUNT(*) FROM session_set WHERE session_id = ?")
            let skips = try db.makeStatement(sql: "SELECT id, position, exercise_id, at, reason FROM skip WHERE session_id = ? ORDER BY id")
            let writer = HistoryJSONWriter(db: db)
            var out = LogExport.Bytes()
            out.reserve(flushAt + 16_384)
            var count = 0
            let s = sessions.sqliteStatement
            while try writer.step(sessions) {
                let id = sqlite3_column_int64(s, 0)
                let row = StatementColumns(statement: s, table: "session", rowID: id, known: writer.knownInSessions)
                var setsCount = 0
                try writer.each(setCount, table: "session_set", known: writer.knownInSets, sessionID: id) { row, _ in
                    setsCount = Int(sqlite3_column_int64(row.statement, 0))
                }
                // The session's fields, in LogExport.sessionFieldNames order, then its sets and skips.
                let keys = HistoryJSONWriter.sessionKeys
                out.append(0x7B)  // {
                out.appendBytes(keys[0]); out.appendInt(Int(id))
                out.appendBytes(keys[1]); try row.text(1, "routine_id", to: &out)
                out.appendBytes(keys[2]); try row.text(2, "routine_name", to: &out)
                out.appendBytes(keys[3]); try row.date(3, "started_at", to: &out)
                out.appendBytes(keys[4]); try row.date(4, "ended_at", optional: true, to: &out)
                out.appendBytes(keys[5]); try row.enumText(5, "status", SessionStatus.self, to: &out)
                out.appendBytes(keys[6]); try row.int(6, "planned_sets", to: &out)
                out.appendBytes(keys[7]); out.appendInt(setsCount)
                out.appendBytes(keys[8]); try row.int(7, "pain_before", optional: true, to: &out)
                out.appendBytes(keys[9]); try row.int(8, "pain_after", optional: true, to: &out)
                out.appendBytes(keys[10]); try row.int(9, "leg_pain_before", optional: true, to: &out)
                out.appendBytes(keys[11]); try row.int(10, "leg_pain_after", optional: true, to: &out)
                out.appendBytes(keys[12]); try row.int(11, "back_pain_before", optional: true, to: &out)
                out.appendBytes(keys[13]); try row.int(12, "back_pain_after", optional: true, to: &out)
                out.appendBytes(keys[14]); try row.enumText(13, "reach_before", PainReach.self, optional: true, to: &out)
                out.appendBytes(keys[15]); try row.enumText(14, "reach_after", PainReach.self, optional: true, to: &out)
                out.appendASCII(",\"sets\":[")
                var written = 0
                try writer.each(sets, table: "session_set", known: writer.knownInSets, sessionID: id) { set, first in
                    written += 1
                    try HistoryJSONWriter.appendSet(set, first: first, to: &out)
                }
                // The count and the sets come from one read transaction: a difference is a bug here.
                if written != setsCount {
                    throw LogError.databaseFailure(path: path, reason: "session \(id): \(written) sets read, \(setsCount) counted")
                }
                out.appendASCII("],\"skips\":[")
                try writer.each(skips, table: "skip", known: writer.knownInSkips, sessionID: id) { skip, first in
                    try HistoryJSONWriter.appendSkip(skip, first: first, to: &out)
                }
                out.appendASCII("]}\n")
                count += 1
                if out.bytes.count >= flushAt { try flush(&out.bytes) }
            }
            try flush(&out.bytes)
            return count
        }
    }
}

/// The per-statement state of ``SessionStore/writeHistoryJSONLines(since:limit:flushAt:_:)``.
private struct HistoryJSONWriter {
    let db: Database
    /// Checked enum texts, one set per statement (columns are numbered per statement).
    let knownInSessions = KnownTexts(), knownInSets = KnownTexts(), knownInSkips = KnownTexts()

    /// `"name":` for each field (`,"name":` after the first), from LogExport's field names.
    static let sessionKeys = keys(LogExport.sessionFieldNames)
    static let setKeys = keys(LogExport.setFieldNames)
    static let skipKeys = keys(LogExport.skipFieldNames)

    private static func keys(_ names: [String]) -> [[UInt8]] {
        names.enumerated().map { i, name in Array(((i > 0 ? "," : "") + "\"\(name)\":").utf8) }
    }

    /// Steps `statement`: true on a row, false when done.
    func step(_ statement: Statement) throws -> Bool {
        switch sqlite3_step(statement.sqliteStatement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
        }
    }

    /// Runs `statement` (one `?`, the session id) over `table` and hands over each row, and
    /// whether it is the first.
    func each(_ statement: Statement, table: String, known: KnownTexts, sessionID: Int64,
              _ body: (StatementColumns, Bool) throws -> Void) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, sessionID)
        var first = true
        while try step(statement) {
            try body(StatementColumns(statement: s, table: table, rowID: sqlite3_column_int64(s, 0), known: known), first)
            first = false
        }
    }

    /// One set object, fields in LogExport.setFieldNames order; the columns not exported are
    /// checked as ``LoggedSet``'s decoding checks them (`planned_exercise_id` and `switched_to`,
    /// optional text, and `session_id`, the query's own filter, cannot fail it and are not read).
    static func appendSet(_ row: StatementColumns, first: Bool, to setsJSON: inout LogExport.Bytes) throws {
        let keys = Self.setKeys
        if !first { setsJSON.append(0x2C) }
        setsJSON.append(0x7B)
        setsJSON.appendBytes(keys[0]); setsJSON.appendInt(Int(row.rowID))
        setsJSON.appendBytes(keys[1]); try row.int(1, "position", to: &setsJSON)
        setsJSON.appendBytes(keys[2]); try row.text(2, "exercise_id", to: &setsJSON)
        setsJSON.appendBytes(keys[3]); try row.text(3, "exercise_name", to: &setsJSON)
        setsJSON.appendBytes(keys[4]); try row.enumText(4, "side", BodySide.self, to: &setsJSON)
        setsJSON.appendBytes(keys[5]); try row.int(5, "set_number", to: &setsJSON)
        setsJSON.appendBytes(keys[6]); try row.enumText(6, "target_kind", WorkKind.self, to: &setsJSON)
        setsJSON.appendBytes(keys[7]); try row.int(7, "target_amount", to: &setsJSON)
        setsJSON.appendBytes(keys[8]); try row.int(8, "done_amount", to: &setsJSON)
        setsJSON.appendBytes(keys[9]); try row.int(9, "pain", to: &setsJSON)
        setsJSON.appendBytes(keys[10]); try row.bool(10, "spread", to: &setsJSON)
        setsJSON.appendBytes(keys[11]); try row.enumText(11, "adjustment", Adjustment.self, to: &setsJSON)
        setsJSON.appendBytes(keys[12]); try row.text(12, "reason", to: &setsJSON)
        setsJSON.appendBytes(keys[13]); try row.date(13, "completed_at", to: &setsJSON)
        setsJSON.appendBytes(keys[14]); try row.bool(14, "toward_back", to: &setsJSON)
        setsJSON.append(0x7D)
        // Not exported, read as LoggedSet reads them (so a log the records refuse is refused here too).
        try row.checkEnum(PainPolicy.Rule.self, 15, "rule")
        if sqlite3_column_type(row.statement, 16) != SQLITE_NULL {
            try row.checkEnum(WorkKind.self, 17, "next_kind")
            try row.checkPresent(18, "next_amount")
            try row.checkPresent(19, "next_rest")
        }
    }

    /// One skip object (`position, exercise_id, at, reason`).
    static func appendSkip(_ row: StatementColumns, first: Bool, to skipsJSON: inout LogExport.Bytes) throws {
        let keys = Self.skipKeys
        if !first { skipsJSON.append(0x2C) }
        skipsJSON.append(0x7B)
        skipsJSON.appendBytes(keys[0]); try row.int(1, "position", to: &skipsJSON)
        skipsJSON.appendBytes(keys[1]); try row.text(2, "exercise_id", to: &skipsJSON)
        skipsJSON.appendBytes(keys[2]); try row.date(3, "at", to: &skipsJSON)
        skipsJSON.appendBytes(keys[3]); try row.enumText(4, "reason", SkipReason.self, optional: true, to: &skipsJSON)
        skipsJSON.append(0x7D)
    }
}

/// The current row of a raw SQLite statement, read column by column into JSON exactly as the
/// records' GRDB decoding reads it: a NULL where a value is required is an error naming table,
/// row and column; an integer or boolean is `sqlite3_column_int64` (GRDB's own conversion, so
/// text in a number column reads as GRDB reads it); text is `sqlite3_column_text` up to the first
/// NUL (GRDB's `String(cString:)`). A column is asked for its type only where the value alone
/// cannot tell (a 0 that may be NULL, a time), since each SQLite call costs ~58,000 times a column.
struct StatementColumns {
    let statement: OpaquePointer
    let table: String
    let rowID: Int64
    /// The enum texts already checked, by column (five years hold a handful of distinct values).
    let known: KnownTexts

    private func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }

    private func value(_ i: Int32) -> DatabaseValue { DatabaseValue(sqliteStatement: statement, index: i) }

    private func missing(_ column: String) -> LogError {
        LogError.unknownValue(table: table, rowID: rowID, column: column, value: "NULL")
    }

    /// The text's bytes as GRDB's `String(cString:)` decoding sees them: up to the first NUL
    /// (SQLite ends every text with one); nil for NULL.
    private func textBytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(statement, i) else { return nil }
        return UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }

    private func integer(_ i: Int32, _ column: String, optional: Bool) throws -> Int64? {
        let v = sqlite3_column_int64(statement, i)
        if v == 0 && isNull(i) {
            if optional { return nil }
            throw missing(column)
        }
        return v
    }

    func int(_ i: Int32, _ column: String, optional: Bool = false, to out: inout LogExport.Bytes) throws {
        if let v = try integer(i, column, optional: optional) { out.appendInt(Int(v)) } else { out.appendASCII("null") }
    }

    func bool(_ i: Int32, _ column: String, to out: inout LogExport.Bytes) throws {
        out.appendASCII(try integer(i, column, optional: false)! != 0 ? "true" : "false")
    }

    /// A text field as a JSON string; non-ASCII text goes through a Swift String first, as the
    /// record path does, so invalid UTF-8 is repaired exactly as there.
    func text(_ i: Int32, _ column: String, to out: inout LogExport.Bytes) throws {
        guard let bytes = textBytes(i) else { throw missing(column) }
        if bytes.allSatisfy({ $0 < 0x80 }) {
            out.appendJSONString(utf8: bytes)
        } else {
            out.appendJSONString(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// An enum column, checked against the enum's raw values (``StoredValue/checked(_:_:table:rowID:)``,
    /// the records' one mapping) and written as stored (a raw value is its stored text).
    func enumText<T: RawRepresentable>(_ i: Int32, _ column: String, _ type: T.Type, optional: Bool = false,
                                      to out: inout LogExport.Bytes) throws where T.RawValue == String {
        if let bytes = try checkedEnum(i, column, type, optional: optional) {
            out.appendJSONString(utf8: bytes)
        } else {
            out.appendASCII("null")
        }
    }

    /// An enum column's stored bytes once checked; nil for NULL in an optional column.
    private func checkedEnum<T: RawRepresentable>(_ i: Int32, _ column: String, _: T.Type, optional: Bool) throws
    -> UnsafeBufferPointer<UInt8>? where T.RawValue == String {
        guard let bytes = textBytes(i) else {
            if optional { return nil }
            throw missing(column)
        }
        if !known.contains(bytes, column: i) {
            let _: T = try StoredValue.checked(String(decoding: bytes, as: UTF8.self), column, table: table, rowID: rowID)
            known.insert(bytes, column: i)
        }
        return bytes
    }

    /// A stored time as ISO 8601 UTC, read as ``StoredDate/required(_:index:)`` reads it: GRDB's
    /// own form by hand, any other through GRDB's `Date` decoding.
    func date(_ i: Int32, _ column: String, optional: Bool = false, to out: inout LogExport.Bytes) throws {
        let kind = sqlite3_column_type(statement, i)
        if kind == SQLITE_NULL {
            if optional { out.appendASCII("null"); return }
            throw missing(column)
        }
        if kind == SQLITE_TEXT, let bytes = textBytes(i), StoredDate.parse(bytes: bytes) != nil {
            // GRDB's own form, a real time: its ISO 8601 text is the same digits (what
            // appendISO8601UTC writes from the parsed Date, the second rounded down).
            out.append(0x22)
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<10]))
            out.append(0x54)  // T
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[11..<19]))
            out.append(0x5A)  // Z
            out.append(0x22)
            return
        }
        let date = Date.fromDatabaseValue(value(i))
        guard let date else {
            throw LogError.unknownValue(table: table, rowID: rowID, column: column, value: value(i).description)
        }
        out.append(0x22)
        out.appendISO8601UTC(date)
        out.append(0x22)
    }

    /// A required number or text column that is not exported: only NULL is refused (as GRDB does).
    func checkPresent(_ i: Int32, _ column: String) throws {
        if isNull(i) { throw missing(column) }
    }

    func checkEnum<T: RawRepresentable>(_ type: T.Type, _ i: Int32, _ column: String) throws where T.RawValue == String {
        _ = try checkedEnum(i, column, type, optional: false)
    }
}

/// Enum texts already checked, per column: comparing bytes is much cheaper than making a String
/// and matching it against the raw values for every row.
final class KnownTexts {
    private var texts: [[[UInt8]]] = Array(repeating: [], count: 32)

    func contains(_ bytes: UnsafeBufferPointer<UInt8>, column: Int32) -> Bool {
        texts[Int(column)].contains { $0.elementsEqual(bytes) }
    }

    func insert(_ bytes: UnsafeBufferPointer<UInt8>, column: Int32) {
        texts[Int(column)].append(Array(bytes))
    }
}
