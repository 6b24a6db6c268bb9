import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

/// The log is shared with other programs while a session runs: `limber history` or `review` in
/// another terminal, the sqlite3 shell, a backup. None of them may take a rated set with it.
@Suite("SessionStore with other programs reading", .serialized)
struct ConcurrentAccessTests {
    /// Runs the sqlite3 shell on `database` (another process, as a person's reader would be).
    static func sqlite3(_ database: URL, _ sql: String, readOnly: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3"] + (readOnly ? ["-readonly"] : []) + [database.path, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a reader that opens and closes the log mid-session does not delete the live WAL: every set stays")
    func readerKeepsTheLiveWAL() throws {
        let tmp = TempFolder()
        let session = try SessionStore(folder: tmp.url)
        let database = session.databaseURL
        let id = try session.startSession(newSession())
        try session.appendSet(set(id, number: 1, at: t(40)))
        // The last connection out of a WAL database checkpoints it and deletes the -wal whenever
        // it can lock the file exclusively; the running session's locks must stop it.
        #expect(try Self.sqlite3(database, "SELECT COUNT(*) FROM session_set") == "1")
        // A second store in the same process (the app opens one per command) must not drop the
        // first one's locks either.
        let reader = try SessionStore(folder: tmp.url)
        #expect(try reader.setsFor(sessionID: id).count == 1)
        #expect(try Self.sqlite3(database, "SELECT COUNT(*) FROM session_set") == "1")
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"), "the live WAL was deleted")
        try session.appendSet(set(id, number: 2, at: t(80)))
        try session.appendSet(set(id, number: 3, at: t(120)))
        #expect(try Self.sqlite3(database, "SELECT group_concat(set_number) FROM session_set", readOnly: true) == "1,2,3")
        #expect(try Self.sqlite3(database, "PRAGMA integrity_check", readOnly: true) == "ok")
    }

    @Test("a reading command over a current log writes nothing: the file's bytes stay, a running session's WAL and sets stay")
    func readingOpenWritesNothing() throws {
        let tmp = TempFolder()
        let session = try SessionStore(folder: tmp.url)
        let database = session.databaseURL
        let id = try session.startSession(newSession())
        try session.appendSet(set(id, number: 1, at: t(40)))
        let before = try Data(contentsOf: database)
        let wal = try Data(contentsOf: URL(fileURLWithPath: database.path + "-wal"))
        for _ in 0..<3 {
            let reader = try #require(try SessionStore.open(forReadingIn: tmp.url))
            #expect(!reader.isReadOnly, "the file is writable: only the connection is read-only")
            #expect(try reader.setsFor(sessionID: id).count == 1)
            #expect(try reader.statusFacts(weekStart: t(-86_400), today: "2026-03-01").sessionInProgress)
            #expect(throws: (any Error).self, "the reading connection cannot write") {
                try reader.executeForTesting("UPDATE session SET routine_name = 'x'")
            }
        }
        #expect(try Data(contentsOf: database) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database.path + "-wal")) == wal, "the live WAL is untouched")
        try session.appendSet(set(id, number: 2, at: t(80)))
        #expect(try Self.sqlite3(database, "SELECT group_concat(set_number) FROM session_set", readOnly: true) == "1,2")
    }

    @Test("a reading command over an older schema still migrates it (through the writer), then reads")
    func readingOpenMigratesAnOlderSchema() throws {
        let tmp = TempFolder()
        do {
            let store = try SessionStore(folder: tmp.url)
            let id = try store.startSession(newSession())
            try store.appendSet(set(id, number: 1, at: t(40)))
            try store.executeForTesting("DROP TABLE check_in; DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        }
        let reader = try #require(try SessionStore.open(forReadingIn: tmp.url))
        #expect(try reader.schemaVersions() == Schema.versions)
        #expect(try reader.checkIns().isEmpty)
    }

    @Test("the process holds its SQLite locks on the log while it is open")
    func locksAreHeld() throws {
        let tmp = TempFolder()
        let session = try SessionStore(folder: tmp.url)
        _ = try session.startSession(newSession())
        var info = stat()
        #expect(stat(session.databaseURL.path + "-shm", &info) == 0)
        let locks = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        let inode = "\(info.st_ino)"
        let held = locks.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count > 5 && fields[4] == "\(getpid())" && fields[5].hasSuffix(":\(inode)")
        }
        #expect(held, "no lock of pid \(getpid()) on the -shm (inode \(inode)) in /proc/locks")
    }
}
