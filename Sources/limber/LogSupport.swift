import Foundation
import SessionLog

/// Shared plumbing of the commands that read the session log (`history`, `export`).
enum LogSupport {
    /// The data folder for these global options and the process environment.
    static func dataFolder(_ global: GlobalOptions) -> URL {
        DataLocation.resolve(option: global.dataDir, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the log for reading, or returns nil when there is no database yet (a reading command
    /// should not create one); a data path that is a file is an error, not "no sessions yet".
    static func openExisting(_ global: GlobalOptions) throws -> SessionStore? {
        try SessionStore.open(forReadingIn: dataFolder(global))
    }

    /// Parses `--since YYYY-MM-DD` as the start of that local day.
    static func parseSince(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        guard let date = LogDates.parseDay(text) else {
            throw LogError.badOption(option: "--since", value: text, expected: "a date as YYYY-MM-DD, e.g. --since 2026-01-31")
        }
        return date
    }

    /// Parses `--limit N` (a whole number of 1 or more).
    static func parseLimit(_ text: String?) throws -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), n >= 1 else {
            throw LogError.badOption(option: "--limit", value: text, expected: "a whole number of 1 or more, e.g. --limit 20")
        }
        return n
    }

    /// Writes text to standard output (buffered, like `print`).
    static func out(_ text: String) {
        print(text, terminator: "")
    }
}
