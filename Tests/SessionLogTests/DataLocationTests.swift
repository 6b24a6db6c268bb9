import Foundation
import Testing
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
        #expect(LogDates.parseDay("2026-03-01", timeZone: utc) == t(-7 * 3600))
        #expect(LogDates.parseDay("2026-03-01", timeZone: paris) == t(-8 * 3600))
        for bad in ["2026-3-1", "2026-02-30", "2026-13-01", "yesterday", "2026-03-01T00:00", "", "２０２６-03-01"] {
            #expect(LogDates.parseDay(bad, timeZone: utc) == nil, "\(bad)")
        }
        #expect(LogDates.day(of: t(17 * 3600 + 30 * 60), timeZone: paris) == "2026-03-02")
        #expect(LogDates.localDateTime(t(), timeZone: paris) == "2026-03-01 08:00")
        #expect(LogDates.iso8601UTC(t(5.9)) == "2026-03-01T07:00:05Z")
        #expect(LogDates.duration(65) == "1:05")
        #expect(LogDates.duration(3725) == "1:02:05")
    }
}
