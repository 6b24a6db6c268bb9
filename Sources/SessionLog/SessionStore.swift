import CoachPolicy
import Foundation
import GRDB
import SessionEngine

/// The durable session log: one SQLite file (WAL mode) in the data folder, through a GRDB
/// `DatabasePool`.
///
/// Every write is its own transaction, committed (with `synchronous = FULL`) before the method
/// returns, so a crash or `kill -9` loses at most the set in progress. Timestamps are always passed
/// in by the caller; the store never reads the clock except in default parameter values.
///
/// Schema and date format: see the `Schema` documentation in Schema.swift (dates are UTC text
/// `YYYY-MM-DD HH:MM:SS.SSS`, millisecond precision).
public final class SessionStore: Sendable {
    /// The database file.
    public let databaseURL: URL
    /// True when the store was opened for reading a file it may not write (see ``open(forReadingIn:)``).
    public let isReadOnly: Bool
    private let pool: any DatabaseWriter
    /// The closed connection the schema look went through (see ``refuseUnusable(path:)``), kept for
    /// the store's life: disposing a GRDB queue makes libdispatch hand the disposal of its
    /// queue-specific values to a global queue, whose first worker starts libdispatch's once-a-second
    /// thread-pool monitor (Linux), a second wake-up every second of every hold from then on.
    private let schemaLook: DatabaseQueue?

    /// Opens (creating when needed) `limber.sqlite` in `folder`.
    ///
    /// Creates the folder (and missing parents) 0700 and the file 0600, tightens looser
    /// permissions on an existing file, refuses a file that is not a limber database or was written
    /// by a newer limber without changing it (and without leaving `-wal` / `-shm` beside it), then
    /// applies any pending migrations (running them twice is harmless).
    /// - Throws: ``LogError`` with the path and what to do.
    public convenience init(folder: URL) throws {
        try DataLocation.ensureFolder(folder)
        try self.init(databaseURL: DataLocation.databaseURL(in: folder))
    }

    /// Opens the log in `folder` for a command that only reads it (`history`, `export`, `review`),
    /// or returns nil when there is no log yet: a reading command never creates one.
    ///
    /// A database this user may read but not write (mode 0400, a read-only mount) is opened
    /// read-only instead of being refused.
    /// - Throws: ``LogError/notAFolder(path:)`` when `folder` is a file, and what opening throws.
    public static func open(forReadingIn folder: URL) throws -> SessionStore? {
        switch DataLocation.kind(of: folder.path) {
        case nil: return nil
        case false?: throw LogError.notAFolder(path: folder.path)
        case true?: break
        }
        let url = DataLocation.databaseURL(in: folder)
        guard DataLocation.kind(of: url.path) != nil else { return nil }
        return try SessionStore(databaseURL: url, readingOnly: true)
    }

    /// Opens (creating when needed) the database at `databaseURL`; its folder must exist.
    /// - Parameter readingOnly: open read-only when this user cannot write the file, instead of failing.
    /// - Throws: ``LogError`` with the path and what to do.
    public init(databaseURL: URL, readingOnly: Bool = false) throws {
        self.databaseURL = databaseURL
        let path = databaseURL.path
        let exists = DataLocation.kind(of: path) != nil
        var schemaIsCurrent = false
        if exists {
            if access(path, R_OK) != 0 { throw LogError.permissionDenied(path: path) }
            (schemaLook, schemaIsCurrent) = try Self.refuseUnusable(path: path)
        } else {
            schemaLook = nil
        }
        let migrator = Schema.migrator
        let mayWrite = !exists || access(path, W_OK) == 0
        // A reading command over a log whose schema is current needs no writer: one read-only
        // connection, no migration transaction, no `synchronous` pragma, and no checkpoint (with
        // its fsyncs and the unlinking of -wal/-shm) when it closes; a read-only connection never
        // checkpoints, so it cannot touch a running session's WAL either (issue 8). An older
        // schema still goes through the writer below, which migrates it.
        if readingOnly && exists && (schemaIsCurrent || !mayWrite) {
            // As the writer does (by path, before SQLite opens the file): a looser mode is tightened.
            if mayWrite { try DataLocation.tightenPermissions(ofDatabase: databaseURL) }
            var readOnly = Configuration()
            readOnly.readonly = true
            readOnly.busyMode = .timeout(5)
            do {
                // The umask too: this connection may create the -wal and -shm files.
                let queue = try DataLocation.withPrivateUmask { try DatabaseQueue(path: path, configuration: readOnly) }
                if try !schemaIsCurrent && queue.read({ db in try !migrator.hasCompletedMigrations(db) }) {
                    throw LogError.readOnly(path: path)
                }
                pool = queue
            } catch {
                throw Self.openError(error, path: path)
            }
            isReadOnly = !mayWrite
            return
        }
        isReadOnly = false
        // Permissions by path before SQLite opens anything; never a descriptor opened and closed
        // here once the pool is open (that would drop SQLite's locks: see tightenPermissions).
        try DataLocation.tightenPermissions(ofDatabase: databaseURL)
        var config = Configuration()
        config.label = "limber.sqlite"
        config.busyMode = .timeout(5)
        do {
            pool = try DataLocation.withPrivateUmask {
                let pool = try DatabasePool(path: path, configuration: config)
                // GRDB picks synchronous = NORMAL for WAL; FULL also survives a power cut right after a set.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                try migrator.migrate(pool)
                return pool
            }
        } catch {
            throw Self.openError(error, path: path)
        }
    }

    /// Refuses, before anything writes to it, a file that is not an SQLite database or that holds
    /// migrations this build does not know.
    ///
    /// The look goes through SQLite (never a descriptor of ours, see
    /// ``DataLocation/tightenPermissions(ofDatabase:)``), read-only; with no `-wal` beside the file
    /// it is opened `immutable`, so that a refused file gets no `-wal` / `-shm` companions either.
    /// - Returns: the look's connection, closed (the caller keeps it: see ``schemaLook``), and
    ///   whether every migration of this build is applied.
    private static func refuseUnusable(path: String) throws -> (look: DatabaseQueue, schemaIsCurrent: Bool) {
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = .timeout(5)
        let hasWAL = DataLocation.kind(of: path + "-wal") != nil
        let migrator = Schema.migrator
        let look: @Sendable (Database) throws -> Set<String> = { db in try migrator.appliedIdentifiers(db) }
        do {
            let queue: DatabaseQueue
            if !hasWAL, let immutable = try? DatabaseQueue(path: immutableURI(path), configuration: readOnly) {
                queue = immutable
            } else {
                queue = try DatabaseQueue(path: path, configuration: readOnly)
            }
            let applied = try queue.read(look)
            try queue.close()
            let unknown = applied.subtracting(migrator.migrations).sorted()
            if !unknown.isEmpty {
                throw LogError.newerSchema(path: path, unknownVersions: unknown)
            }
            return (queue, applied.isSuperset(of: migrator.migrations))
        } catch {
            throw openError(error, path: path)
        }
    }

    /// `file:PATH?immutable=1`, with the characters a URI gives meaning to escaped.
    private static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "file:\(escaped)?immutable=1"
    }

    /// The schema versions applied to this database, oldest first (e.g. `["v1", "v2"]`).
    public func schemaVersions() throws -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    // MARK: - Writing a session

    /// Stores a new session with status `in_progress` and returns its id.
    @discardableResult
    public func startSession(_ new: NewSession) throws -> Int64 {
        try checkPain("pain_before", new.painBefore)
        try checkPain("leg_pain_before", new.legPainBefore)
        try checkPain("back_pain_before", new.backPainBefore)
        guard new.plannedSets >= 0 else {
            throw LogError.invalidValue(field: "planned_sets", value: "\(new.plannedSets)", expected: "0 or more")
        }
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO session (routine_id, routine_name, started_at, status, pain_before,
                        leg_pain_before, back_pain_before, planned_sets, plan_json)
                    VALUES (?, ?, ?, 'in_progress', ?, ?, ?, ?, ?)
                    """,
                arguments: [new.routineID, new.routineName, LogDates.storageText(new.startedAt), new.painBefore,
                            new.legPainBefore, new.backPainBefore, new.plannedSets, new.planJSON])
            return db.lastInsertedRowID
        }
    }

    /// Stores one completed set, committed before returning; the session must be in progress.
    /// - Returns: the set's row id.
    @discardableResult
    public func appendSet(_ set: LoggedSet) throws -> Int64 {
        try validate(set)
        return try write { db in
            try self.requireInProgress(db, set.sessionID, action: "add a set to")
            var row = set
            try row.insert(db)
            return db.lastInsertedRowID
        }
    }

    /// Records that an exercise was skipped, committed before returning; the session must be in progress.
    @discardableResult
    public func appendSkip(_ skip: SkipRow) throws -> Int64 {
        guard skip.position >= 0 else {
            throw LogError.invalidValue(field: "position", value: "\(skip.position)", expected: "0 or more")
        }
        return try write { db in
            try self.requireInProgress(db, skip.sessionID, action: "add a skip to")
            var row = skip
            try row.insert(db)
            return db.lastInsertedRowID
        }
    }

    /// Ends a session that is in progress or interrupted.
    /// - Parameters:
    ///   - status: how it ended (not `in_progress`).
    ///   - plannedSets: a new planned-set count when the plan changed during the session.
    ///   - endedAt: when it ended.
    public func finishSession(
        id: Int64, status: SessionStatus, painAfter: Int?,
        legPainAfter: Int? = nil, backPainAfter: Int? = nil, plannedSets: Int? = nil,
        endedAt: Date = Date()
    ) throws {
        guard status != .inProgress else {
            throw LogError.invalidValue(field: "status", value: status.rawValue, expected: "completed, ended_early, ended_by_policy or interrupted")
        }
        try checkPain("pain_after", painAfter)
        try checkPain("leg_pain_after", legPainAfter)
        try checkPain("back_pain_after", backPainAfter)
        if let plannedSets, plannedSets < 0 {
            throw LogError.invalidValue(field: "planned_sets", value: "\(plannedSets)", expected: "0 or more")
        }
        try write { db in
            let current = try self.status(db, id)
            guard current == .inProgress || current == .interrupted else {
                throw LogError.wrongSessionState(id: id, status: current.rawValue, action: "finish")
            }
            try db.execute(
                sql: """
                    UPDATE session SET status = ?, ended_at = ?, pain_after = ?, leg_pain_after = ?,
                        back_pain_after = ?, planned_sets = COALESCE(?, planned_sets)
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, status == .interrupted ? nil : LogDates.storageText(endedAt), painAfter,
                            legPainAfter, backPainAfter, plannedSets, id])
        }
    }

    // MARK: - Interrupted sessions and resume

    /// Sessions still marked `in_progress`, oldest first, with their plan, sets and skips.
    ///
    /// At launch (before starting a new session) these are sessions whose process ended without
    /// finishing them: mark them with ``markInterrupted(id:)`` and offer to resume the latest.
    public func unfinishedSessions() throws -> [SessionWithSets] {
        try read { db in
            let sessions = try Self.fetchSessions(db, whereSQL: "status = 'in_progress'", arguments: [],
                                                  orderSQL: "started_at ASC, id ASC", includePlan: true)
            return try Self.attach(db, sessions: sessions, setFilterSQL: "session_id IN (SELECT id FROM session WHERE status = 'in_progress')", arguments: [])
        }
    }

    /// Marks an in-progress session as interrupted. Returns false (and changes nothing) when it is
    /// not in progress.
    @discardableResult
    public func markInterrupted(id: Int64) throws -> Bool {
        try write { db in
            _ = try self.status(db, id)
            try db.execute(sql: "UPDATE session SET status = 'interrupted' WHERE id = ? AND status = 'in_progress'", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// Puts an interrupted session back in progress so that more sets can be appended (resume).
    /// A session already in progress is left as it is; a finished one is refused.
    public func reopenSession(id: Int64) throws {
        try write { db in
            let current = try self.status(db, id)
            switch current {
            case .inProgress: return
            case .interrupted:
                try db.execute(sql: "UPDATE session SET status = 'in_progress', ended_at = NULL WHERE id = ?", arguments: [id])
            default:
                throw LogError.wrongSessionState(id: id, status: current.rawValue, action: "resume")
            }
        }
    }

    /// The most recent interrupted session started at or after `since` (the one to offer for resume).
    public func latestInterrupted(since: Date? = nil) throws -> SessionWithSets? {
        try read { db in
            var whereSQL = "status = 'interrupted'"
            var arguments: StatementArguments = []
            // Bound as the log's text, not as a Date (GRDB formats those with a DateFormatter: ICU).
            if let since { whereSQL += " AND started_at >= ?"; arguments += [LogDates.storageText(since)] }
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM session WHERE \(whereSQL) ORDER BY started_at DESC, id DESC LIMIT 1", arguments: arguments)
            guard let id = ids.first else { return nil }
            return try Self.sessionWithSets(db, id: id)
        }
    }

    // MARK: - Reading

    /// One session with its plan, sets and skips, or nil.
    public func session(id: Int64) throws -> SessionWithSets? {
        try read { db in try Self.sessionWithSets(db, id: id) }
    }

    /// The sets of one session in the order they were logged.
    public func setsFor(sessionID: Int64) throws -> [LoggedSet] {
        try read { db in
            try LoggedSet.fetchAll(db, sql: "SELECT \(LoggedSet.columns) FROM session_set WHERE session_id = ? ORDER BY id", arguments: [sessionID])
        }
    }

    /// Every set of one exercise completed at or after `since`, oldest first (per-exercise progress).
    public func sets(exerciseID: String, since: Date? = nil) throws -> [LoggedSet] {
        try read { db in
            var sql = "SELECT \(LoggedSet.columns) FROM session_set WHERE exercise_id = ?"
            var arguments: StatementArguments = [exerciseID]
            if let since { sql += " AND completed_at >= ?"; arguments += [LogDates.storageText(since)] }
            return try LoggedSet.fetchAll(db, sql: sql + " ORDER BY completed_at, id", arguments: arguments)
        }
    }

    /// Sessions started at or after `since`, newest first, skipping the newest `offset`, at most
    /// `limit`, with counts (sets done, max pain, spread/stop/reduce marks, skips). `planJSON` is
    /// left nil. `offset` pages through the list (`limber review` reads it 100 at a time).
    public func sessions(since: Date? = nil, limit: Int? = nil, offset: Int = 0) throws -> [SessionSummary] {
        let (whereSQL, arguments) = Self.pageFilter(since: since)
        let limitValue = limit.map { max(0, $0) } ?? -1
        let offsetValue = max(0, offset)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                WITH page AS (
                    SELECT \(Self.sessionColumns(includePlan: false)) FROM session
                    WHERE \(whereSQL) ORDER BY started_at DESC, id DESC LIMIT \(limitValue) OFFSET \(offsetValue)
                )
                SELECT page.*,
                    COALESCE(a.sets_done, 0) AS sets_done, a.max_pain AS max_pain,
                    COALESCE(a.spread_count, 0) AS spread_count, COALESCE(a.stop_count, 0) AS stop_count,
                    COALESCE(a.reduced_count, 0) AS reduced_count, a.last_set AS last_set,
                    COALESCE(k.skip_count, 0) AS skip_count, k.last_skip AS last_skip
                FROM page
                LEFT JOIN (
                    SELECT session_id, COUNT(*) AS sets_done, MAX(pain) AS max_pain,
                        SUM(spread) AS spread_count,
                        SUM(adjustment IN ('stop_exercise', 'end_session')) AS stop_count,
                        SUM(adjustment IN ('reduce', 'switch_easier')) AS reduced_count,
                        MAX(completed_at) AS last_set
                    FROM session_set WHERE session_id IN (SELECT id FROM page) GROUP BY session_id
                ) a ON a.session_id = page.id
                LEFT JOIN (
                    SELECT session_id, COUNT(*) AS skip_count, MAX(at) AS last_skip
                    FROM skip WHERE session_id IN (SELECT id FROM page) GROUP BY session_id
                ) k ON k.session_id = page.id
                ORDER BY page.started_at DESC, page.id DESC
                """, arguments: arguments)
            guard let first = rows.first else { return [] }
            // Column positions looked up once for the page, not once per session and column.
            let columns = try SessionRecord.ColumnIndexes(Array(first.columnNames))
            func index(_ name: String) throws -> Int {
                guard let i = SessionRecord.ColumnIndexes.index(of: name, in: columns.names) else {
                    throw LogError.invalidValue(field: name, value: "not selected", expected: "the session summary's columns")
                }
                return i
            }
            let (lastSetAt, lastSkipAt, setsDone, maxPain) = (try index("last_set"), try index("last_skip"), try index("sets_done"), try index("max_pain"))
            let (spread, stop, reduced, skips) = (try index("spread_count"), try index("stop_count"), try index("reduced_count"), try index("skip_count"))
            return try rows.map { row in
                let session = try SessionRecord(row: row, columns: columns)
                let lastSet = try StoredDate.optional(row, index: lastSetAt)
                let lastSkip = try StoredDate.optional(row, index: lastSkipAt)
                let last = [session.endedAt, lastSet, lastSkip].compactMap { $0 }.max() ?? session.startedAt
                return SessionSummary(
                    session: session,
                    setsDone: try row.decode(atIndex: setsDone),
                    maxPain: try row.decode(atIndex: maxPain),
                    spreadCount: try row.decode(atIndex: spread),
                    stopCount: try row.decode(atIndex: stop),
                    reducedCount: try row.decode(atIndex: reduced),
                    skipCount: try row.decode(atIndex: skips),
                    lastActivityAt: max(last, session.startedAt))
            }
        }
    }

    /// Sessions started at or after `since`, newest first, at most `limit`, each with its sets and
    /// skips in logged order. Three queries in one read transaction (sessions, sets, skips), grouped
    /// in memory; `planJSON` is left nil.
    public func history(since: Date? = nil, limit: Int? = nil) throws -> [SessionWithSets] {
        let (whereSQL, arguments) = Self.pageFilter(since: since)
        let limitValue = limit.map { max(0, $0) } ?? -1
        return try read { db in
            let sessions = try Self.fetchSessions(db, whereSQL: whereSQL, arguments: arguments,
                                                  orderSQL: "started_at DESC, id DESC", limitSQL: "LIMIT \(limitValue)",
                                                  includePlan: false)
            if since == nil && limit == nil {
                return try Self.attach(db, sessions: sessions, setFilterSQL: nil, arguments: [])
            }
            let filter = "session_id IN (SELECT id FROM session WHERE \(whereSQL) ORDER BY started_at DESC, id DESC LIMIT \(limitValue))"
            return try Self.attach(db, sessions: sessions, setFilterSQL: filter, arguments: arguments)
        }
    }

    /// `history(since:limit:)` handed over as it is read, newest first, in batches of
    /// `batchSize` sessions (two queries per batch, in one read transaction), so a caller that
    /// writes each session out (`limber history --json`) starts at once and holds one batch, not
    /// five years of sets.
    public func eachInHistory(
        since: Date? = nil, limit: Int? = nil, batchSize: Int = 128,
        _ body: @Sendable (SessionWithSets) throws -> Void
    ) throws {
        let (whereSQL, arguments) = Self.pageFilter(since: since)
        let limitValue = limit.map { max(0, $0) } ?? -1
        try read { db in
            let sessions = try Self.fetchSessions(db, whereSQL: whereSQL, arguments: arguments,
                                                  orderSQL: "started_at DESC, id DESC", limitSQL: "LIMIT \(limitValue)",
                                                  includePlan: false)
            var start = sessions.startIndex
            while start < sessions.endIndex {
                let batch = Array(sessions[start..<min(start + max(1, batchSize), sessions.endIndex)])
                // The ids are the log's own integers, so they are written into the SQL as numbers.
                let ids = batch.map { String($0.id) }.joined(separator: ",")
                for item in try Self.attach(db, sessions: batch, setFilterSQL: "session_id IN (\(ids))", arguments: []) {
                    try body(item)
                }
                start += batch.count
            }
        }
    }

    // MARK: - Review queries (`limber review`)

    /// How many sessions started at or after `since` (all of them by default).
    public func sessionCount(since: Date? = nil) throws -> Int {
        let (whereSQL, arguments) = Self.pageFilter(since: since)
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE \(whereSQL)", arguments: arguments) ?? 0
        }
    }

    /// When each session with at least one logged set started, oldest first (adherence streaks).
    public func startsOfSessionsWithSets() throws -> [Date] {
        try read { db in
            try StoredDate.fetchAll(db, sql: """
                SELECT started_at FROM session
                WHERE EXISTS (SELECT 1 FROM session_set WHERE session_set.session_id = session.id)
                ORDER BY started_at
                """)
        }
    }

    /// Every exercise with logged sets, most recently done first: its id, the name it was last
    /// logged with, how many sessions it was done in and when its last set was completed.
    public func exerciseSummaries() throws -> [ExerciseSummary] {
        try read { db in
            // With a single MAX() aggregate, SQLite takes exercise_name from the row holding the maximum.
            try Row.fetchAll(db, sql: """
                SELECT exercise_id, exercise_name, COUNT(DISTINCT session_id) AS session_count, MAX(completed_at) AS last
                FROM session_set GROUP BY exercise_id ORDER BY last DESC, exercise_id
                """).map { row in
                ExerciseSummary(exerciseID: try row.decode(forColumn: "exercise_id"), exerciseName: try row.decode(forColumn: "exercise_name"),
                                sessionCount: try row.decode(forColumn: "session_count"), lastCompletedAt: try StoredDate.required(row, "last"))
            }
        }
    }

    // MARK: - Check-ins (schema v2)

    /// Stores a check-in and returns its id.
    @discardableResult
    public func appendCheckIn(_ checkIn: CheckInRow) throws -> Int64 {
        guard LogDates.isDay(checkIn.day) else {
            throw LogError.invalidValue(field: "day", value: checkIn.day, expected: "YYYY-MM-DD")
        }
        return try write { db in
            var row = checkIn
            try row.insert(db)
            return db.lastInsertedRowID
        }
    }

    /// Check-ins, oldest first, optionally of one kind, one local day (`YYYY-MM-DD`) and/or since a moment.
    public func checkIns(kind: CheckInKind? = nil, day: String? = nil, since: Date? = nil) throws -> [CheckInRow] {
        var conditions: [String] = []
        var collected: StatementArguments = []
        if let kind { conditions.append("kind = ?"); collected += [kind.rawValue] }
        if let day { conditions.append("day = ?"); collected += [day] }
        if let since { conditions.append("at >= ?"); collected += [LogDates.storageText(since)] }
        let arguments = collected
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try CheckInRow.fetchAll(db, sql: "SELECT id, at, day, kind, answers_json, outcome, session_id FROM check_in \(whereSQL) ORDER BY at, id", arguments: arguments)
        }
    }

    // MARK: - Bulk import

    /// Inserts whole sessions (their ids and set/skip ids are ignored; new ones are assigned) in a
    /// single transaction, for imports and generated test histories. Returns the new session ids.
    @discardableResult
    public func importSessions(_ sessions: [SessionWithSets]) throws -> [Int64] {
        for item in sessions { for set in item.sets { try validate(set) } }
        return try write { db in
            var ids: [Int64] = []
            ids.reserveCapacity(sessions.count)
            let insertSession = try db.cachedStatement(sql: """
                INSERT INTO session (routine_id, routine_name, started_at, ended_at, status, pain_before, pain_after,
                    leg_pain_before, back_pain_before, leg_pain_after, back_pain_after, planned_sets, plan_json,
                    reach_before, reach_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for item in sessions {
                let s = item.session
                try insertSession.execute(arguments: [
                    s.routineID, s.routineName, LogDates.storageText(s.startedAt), s.endedAt.map(LogDates.storageText), s.status.rawValue, s.painBefore, s.painAfter,
                    s.legPainBefore, s.backPainBefore, s.legPainAfter, s.backPainAfter, s.plannedSets, s.planJSON,
                    s.reachBefore?.rawValue, s.reachAfter?.rawValue])
                let id = db.lastInsertedRowID
                ids.append(id)
                for var set in item.sets { set.sessionID = id; set.id = nil; try set.insert(db) }
                for var skip in item.skips { skip.sessionID = id; skip.id = nil; try skip.insert(db) }
            }
            return ids
        }
    }

    // MARK: - Internals

    /// The process's file size limit in KB (`ulimit -f`), nil when unlimited. With SIGXFSZ
    /// ignored, a write past it fails with EFBIG, which SQLite reports as an I/O error.
    static func fileSizeLimitKilobytes() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }  // RLIM_INFINITY
        return UInt64(limit.rlim_cur) / 1024
    }

    static func openError(_ error: any Error, path: String, fileSizeLimit: UInt64? = fileSizeLimitKilobytes()) -> LogError {
        switch error {
        case let error as LogError: return error
        case let error as DatabaseError:
            if error.resultCode == .SQLITE_IOERR, let fileSizeLimit { return .fileSizeLimit(path: path, kilobytes: fileSizeLimit) }
            switch error.resultCode {
            case .SQLITE_NOTADB: return .notADatabase(path: path)
            case .SQLITE_FULL: return .diskFull(path: path)
            case .SQLITE_READONLY: return .readOnly(path: path)
            case .SQLITE_PERM, .SQLITE_AUTH: return .permissionDenied(path: path)
            case .SQLITE_CANTOPEN where access(path, R_OK) != 0 && errno == EACCES: return .permissionDenied(path: path)
            default: return .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        default: return .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The value of a PRAGMA on the writer connection (for tests).
    func pragmaForTesting(_ name: String) throws -> String? {
        do { return try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") } } catch { throw mapped(error) }
    }

    /// Runs raw SQL outside of a transaction (tests use it to forge old or newer databases).
    func executeForTesting(_ sql: String) throws {
        do { try pool.writeWithoutTransaction { db in try db.execute(sql: sql) } } catch { throw mapped(error) }
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw mapped(error) }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw mapped(error) }
    }

    private func mapped(_ error: any Error) -> any Error {
        if let error = error as? LogError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_IOERR, let kilobytes = Self.fileSizeLimitKilobytes() {
                return LogError.fileSizeLimit(path: databaseURL.path, kilobytes: kilobytes)
            }
            switch error.resultCode {
            case .SQLITE_FULL: return LogError.diskFull(path: databaseURL.path)
            case .SQLITE_READONLY: return LogError.readOnly(path: databaseURL.path)
            default: return LogError.databaseFailure(path: databaseURL.path, reason: error.message ?? "\(error.resultCode)")
            }
        }
        return LogError.databaseFailure(path: databaseURL.path, reason: "\(error)")
    }

    private func status(_ db: Database, _ id: Int64) throws -> SessionStatus {
        guard let raw = try String.fetchOne(db, sql: "SELECT status FROM session WHERE id = ?", arguments: [id]) else {
            throw LogError.noSuchSession(id: id)
        }
        guard let status = SessionStatus(rawValue: raw) else {
            throw LogError.unknownValue(table: "session", rowID: id, column: "status", value: raw)
        }
        return status
    }

    private func requireInProgress(_ db: Database, _ id: Int64, action: String) throws {
        let current = try status(db, id)
        guard current == .inProgress else {
            throw LogError.wrongSessionState(id: id, status: current.rawValue, action: action)
        }
    }

    func checkPain(_ field: String, _ value: Int?) throws {
        if let value, !(0...10).contains(value) {
            throw LogError.invalidValue(field: field, value: "\(value)", expected: "a whole number from 0 to 10")
        }
    }

    private func validate(_ set: LoggedSet) throws {
        let r = set.record
        try checkPain("pain", r.pain)
        if r.planIndex < 0 { throw LogError.invalidValue(field: "position", value: "\(r.planIndex)", expected: "0 or more") }
        if r.setNumber < 1 { throw LogError.invalidValue(field: "set_number", value: "\(r.setNumber)", expected: "1 or more") }
        if r.target.amount < 0 { throw LogError.invalidValue(field: "target_amount", value: "\(r.target.amount)", expected: "0 or more") }
        if r.done.amount < 0 { throw LogError.invalidValue(field: "done_amount", value: "\(r.done.amount)", expected: "0 or more") }
        if r.done.kind != r.target.kind {
            throw LogError.invalidValue(field: "done_amount", value: r.done.plainText, expected: "the same kind of work as the target (\(r.target.kind.rawValue))")
        }
    }

    /// The `WHERE` clause and arguments of the session queries from `since` (all when nil).
    static func pageFilter(since: Date?) -> (String, StatementArguments) {
        if let since { return ("started_at >= ?", [LogDates.storageText(since)]) }
        return ("1", [])
    }

    private static func sessionColumns(includePlan: Bool) -> String {
        """
        id, routine_id, routine_name, started_at, ended_at, status, pain_before, pain_after, \
        leg_pain_before, back_pain_before, leg_pain_after, back_pain_after, planned_sets, reach_before, reach_after, \
        \(includePlan ? "plan_json" : "NULL AS plan_json")
        """
    }

    private static func fetchSessions(
        _ db: Database, whereSQL: String, arguments: StatementArguments, orderSQL: String,
        limitSQL: String = "", includePlan: Bool
    ) throws -> [SessionRecord] {
        let sql = "SELECT \(sessionColumns(includePlan: includePlan)) FROM session WHERE \(whereSQL) ORDER BY \(orderSQL) \(limitSQL)"
        let statement = try db.makeStatement(sql: sql)
        let columns = try SessionRecord.ColumnIndexes(statement.columnNames)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var sessions: [SessionRecord] = []
        while let row = try rows.next() { sessions.append(try SessionRecord(row: row, columns: columns)) }
        return sessions
    }

    /// Fetches the sets and skips matching `setFilterSQL` (all when nil) and attaches them to `sessions`.
    private static func attach(
        _ db: Database, sessions: [SessionRecord], setFilterSQL: String?, arguments: StatementArguments
    ) throws -> [SessionWithSets] {
        if sessions.isEmpty { return [] }
        let whereSQL = setFilterSQL.map { "WHERE \($0)" } ?? ""
        var setsBySession: [Int64: [LoggedSet]] = [:]
        setsBySession.reserveCapacity(sessions.count)
        // Column positions looked up once for the statement, not once per set.
        let setStatement = try db.makeStatement(sql: "SELECT \(LoggedSet.columns) FROM session_set \(whereSQL) ORDER BY session_id, id")
        let setColumns = try LoggedSet.ColumnIndexes(setStatement.columnNames)
        let setRows = try Row.fetchCursor(setStatement, arguments: arguments)
        while let row = try setRows.next() {
            let set = try LoggedSet(row: row, columns: setColumns)
            setsBySession[set.sessionID, default: []].append(set)
        }
        var skipsBySession: [Int64: [SkipRow]] = [:]
        let skipCursor = try SkipRow.fetchCursor(db, sql: "SELECT id, session_id, position, exercise_id, at, reason FROM skip \(whereSQL) ORDER BY session_id, id", arguments: arguments)
        while let skip = try skipCursor.next() {
            skipsBySession[skip.sessionID, default: []].append(skip)
        }
        return sessions.map {
            SessionWithSets(session: $0, sets: setsBySession[$0.id] ?? [], skips: skipsBySession[$0.id] ?? [])
        }
    }

    private static func sessionWithSets(_ db: Database, id: Int64) throws -> SessionWithSets? {
        let sessions = try fetchSessions(db, whereSQL: "id = ?", arguments: [id], orderSQL: "id", includePlan: true)
        return try attach(db, sessions: sessions, setFilterSQL: "session_id = ?", arguments: [id]).first
    }
}
