import CoachApp
import ArgumentParser
import ExerciseCatalog
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

    /// `--since YYYY-MM-DD` as the start of that local day; a malformed date is a usage error
    /// (a `ValidationError`, exit 64), thrown from the command's `validate()`.
    static func sinceDate(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        guard let date = LogDates.parseDay(text) else {
            let shown = ControlCharacters.escaped(text.count > 40 ? String(text.prefix(40)) + "…" : text)
            throw ValidationError("--since '\(shown)' is not a date; give it as YYYY-MM-DD, e.g. --since 2026-01-31")
        }
        return date
    }

    /// Writes text to standard output (buffered, like `print`).
    static func out(_ text: String) {
        print(text, terminator: "")
    }
}
