import CoachPolicy
import ExerciseCatalog
import Foundation
import GRDB
import MonotonicTime
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

@Suite("DataLocation")
struct DataLocationTests {
    let env = ["HOME": "/home/ann", "XDG_DATA_HOME": "/xdg", "LIMBER_DATA_DIR": "/env/limber"]

    @Test("--data-dir wins, then LIMBER_DATA_DIR, then XDG_DATA_HOME/limber, then ~/.local/share/limber")
    func order() {
        #expect(DataLocation.resolve(option: "/opt/d", environment: env).path == "/opt/d")
        #expect(DataLocation.resolve(option: nil, environment: env).path == "/env/limber")
        var e = env
        e["LIMBER_DATA_DIR"] = nil
        #expect(DataLocation.resolve(option: nil, environment: e).path == "/xdg/limber")
        e["XDG_DATA_HOME"] = nil
        #expect(DataLocation.resolve(option: nil, environment: e).path == "/home/ann/.local/share/limber")
    }

    @Test("empty values are unset, relative XDG_DATA_HOME is ignored, relative and ~ paths resolve")
    func edgeCases() {
        let e = ["HOME": "/home/ann", "XDG_DATA_HOME": "relative/xdg", "LIMBER_DATA_DIR": ""]
        #expect(DataLocation.resolve(option: "", environment: e).path == "/home/ann/.local/share/limber")
        #expect(DataLocation.resolve(option: "data", environment: e, currentDirectory: "/work").path == "/work/data")
        #expect(DataLocation.resolve(option: "~/d", environment: e).path == "/home/ann/d")
        #expect(DataLocation.resolve(option: "/a/b/../c/", environment: e).path == "/a/c")
        #expect(DataLocation.databaseURL(in: URL(fileURLWithPath: "/a")).path == "/a/limber.sqlite")
    }

    @Test("the database and its companions are recognised, also through a symbolic link")
    func databaseFileIsRecognised() throws {
        let tmp = TempFolder()
        _ = try SessionStore(folder: tmp.url)
        let link = tmp.url.appendingPathComponent("link.sqlite")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: DataLocation.databaseURL(in: tmp.url))
        #expect(DataLocation.isDatabaseFile(DataLocation.databaseURL(in: tmp.url), in: tmp.url))
        #expect(DataLocation.isDatabaseFile(link, in: tmp.url))
        #expect(DataLocation.isDatabaseFile(tmp.url.appendingPathComponent("limber.sqlite-wal"), in: tmp.url))
        #expect(!DataLocation.isDatabaseFile(tmp.url.appendingPathComponent("export.csv"), in: tmp.url))
    }

    @Test("a file where the folder should be is reported")
    func fileInTheWay() throws {
        let tmp = TempFolder()
        let file = tmp.url.appendingPathComponent("limber")
        try "x".write(to: file, atomically: false, encoding: .utf8)
        #expect(throws: LogError.cannotCreateFolder(path: file.path, reason: "a file with that name exists")) {
            try DataLocation.ensureFolder(file)
        }
    }

    @Test("dates: strict YYYY-MM-DD, local day, ISO 8601 UTC, durations")
    func dates() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        #expect(LogDates.parseDay("2026-03-01", in: .fixed(utc)) == t(-7 * 3600))
        #expect(LogDates.parseDay("2026-03-01", in: .fixed(paris)) == t(-8 * 3600))
        for bad in ["2026-3-1", "2026-02-30", "2026-13-01", "yesterday", "2026-03-01T00:00", "", "２０２６-03-01"] {
            #expect(LogDates.parseDay(bad, in: .fixed(utc)) == nil, "\(bad)")
        }
        #expect(LogDates.day(of: t(17 * 3600 + 30 * 60), in: .fixed(paris)) == "2026-03-02")
        #expect(LogDates.localDateTime(t(), in: .fixed(paris)) == "2026-03-01 08:00")
        #expect(LogDates.iso8601UTC(t(5.9)) == "2026-03-01T07:00:05Z")
        #expect(TimeText.duration(65) == "1:05")
        #expect(TimeText.duration(3725) == "1:02:05")
    }
}

@Suite("Data folder and database messages")
struct DataMessagesTests {
    @Test("missing parents of the data folder are created 0700, even under umask 000")
    func parentsArePrivate() throws {
        let tmp = TempFolder()
        let folder = tmp.sub("p1/p2/limber")
        let previous = umask(0)
        defer { umask(previous) }
        _ = try SessionStore(folder: folder)
        #expect(DataLocation.permissions(of: tmp.sub("p1").path) == 0o700)
        #expect(DataLocation.permissions(of: tmp.sub("p1/p2").path) == 0o700)
        #expect(DataLocation.permissions(of: folder.path) == 0o700)
        #expect(DataLocation.permissions(of: DataLocation.databaseURL(in: folder).path) == 0o600)
        for suffix in ["-wal", "-shm"] {
            let mode = DataLocation.permissions(of: DataLocation.databaseURL(in: folder).path + suffix)
            #expect(mode == nil || mode == 0o600, "\(suffix) is \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test("a reading command on a data path that is a file says so (not 'no sessions yet')")
    func dataPathIsAFile() throws {
        let tmp = TempFolder()
        let file = tmp.url.appendingPathComponent("limber")
        try "x".write(to: file, atomically: false, encoding: .utf8)
        #expect(throws: LogError.notAFolder(path: file.path)) { try SessionStore.open(forReadingIn: file) }
        #expect(LogError.notAFolder(path: "/x").description.contains("is a file, not a folder"))
        #expect(try SessionStore.open(forReadingIn: tmp.sub("none")) == nil)
        #expect(try SessionStore.open(forReadingIn: tmp.url) == nil, "an empty folder has no log yet")
        #expect(!FileManager.default.fileExists(atPath: DataLocation.databaseURL(in: tmp.url).path))
    }

    @Test("a refused file gets no -wal or -shm beside it")
    func noSideFilesForARefusedFile() throws {
        let tmp = TempFolder()
        let db = DataLocation.databaseURL(in: tmp.url)
        try String(repeating: "not sqlite at all ", count: 100).write(to: db, atomically: false, encoding: .utf8)
        #expect(throws: LogError.notADatabase(path: db.path)) { try SessionStore(folder: tmp.url) }
        #expect(throws: LogError.notADatabase(path: db.path)) { try SessionStore.open(forReadingIn: tmp.url) }
        for suffix in ["-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: db.path + suffix), "\(suffix) was created")
        }
        // A database from a newer limber, cleanly closed: refused, and nothing created beside it.
        let newer = tmp.sub("newer")
        do {
            let store = try SessionStore(folder: newer)
            try store.executeForTesting("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        let newerDB = DataLocation.databaseURL(in: newer)
        #expect(!FileManager.default.fileExists(atPath: newerDB.path + "-wal"), "a clean close leaves no WAL")
        #expect(throws: LogError.newerSchema(path: newerDB.path, unknownVersions: ["v99"])) { try SessionStore(folder: newer) }
        #expect(!FileManager.default.fileExists(atPath: newerDB.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: newerDB.path + "-shm"))
    }

    @Test("an I/O error under a file size limit names the limit; without one it stays an I/O error")
    func fileSizeLimit() {
        let ioError = DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error")
        #expect(SessionStore.openError(ioError, path: "/d/limber.sqlite", fileSizeLimit: 8) == .fileSizeLimit(path: "/d/limber.sqlite", kilobytes: 8))
        #expect(SessionStore.openError(ioError, path: "/d/limber.sqlite", fileSizeLimit: nil) == .cannotOpen(path: "/d/limber.sqlite", reason: "disk I/O error"))
    }

    @Test("a full disk is reported as a full disk, and a read-only log can still be read")
    func diskFullAndReadOnly() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        // SQLite's own page limit gives the same SQLITE_FULL as a full file system.
        let pages = try #require(try store.pragmaForTesting("page_count"))
        try store.executeForTesting("PRAGMA max_page_count = \(pages)")
        var big = set(id)
        big.record.decision.reason = String(repeating: "x", count: 20_000)
        #expect(throws: LogError.diskFull(path: store.databaseURL.path)) { try store.appendSet(big) }
        #expect(LogError.diskFull(path: "/d/limber.sqlite").description
                == "cannot write /d/limber.sqlite: the disk is full — free some space; what is already saved is kept")
        try store.executeForTesting("PRAGMA max_page_count = 1073741823")
        try store.appendSet(big)
        #expect(try store.setsFor(sessionID: id).count == 1)

        // Read-only: as root every file is writable, so make the file immutable to the reader by
        // giving it to nobody else's mode and checking the read-only path directly.
        let readOnly = try SessionStore(databaseURL: store.databaseURL, readingOnly: true)
        #expect(try readOnly.sessions().count == 1)
    }
}
