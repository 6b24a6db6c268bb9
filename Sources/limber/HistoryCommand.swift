import CoachApp
import ArgumentParser
import Foundation
import SessionLog

/// `limber history`: past sessions as a plain table, or as JSON lines for scripts.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Past sessions as a plain table, or one JSON object per session.",
        discussion: """
            The table shows, newest first: date and time (local), routine, duration, sets done / \
            planned, status, pain before -> after, and marks (spread = symptoms spread down the leg, \
            stop = an exercise or the session was stopped, reduced, skipped). With --json, each line \
            is one session with its sets nested, using the field names of `limber export`.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "One JSON object per line per session, with its sets and skips nested.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Only sessions started on or after this local date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("At most N sessions (the newest); N is 1 or more.", valueName: "N"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 {
            throw ValidationError("--limit must be a whole number of 1 or more, e.g. --limit 20 (got \(limit))")
        }
        _ = try LogSupport.sinceDate(since)
    }

    func run() throws {
        let sinceDate = try LogSupport.sinceDate(since)
        let maxCount = limit
        guard let store = try LogSupport.openExisting(global) else {
            emptyHistory()
            return
        }
        if json {
            // Straight from SQLite into JSON lines, written to stdout in chunks of ~64 KB.
            let written = try store.writeHistoryJSONLines(since: sinceDate, limit: maxCount) { buffer in
                guard !buffer.isEmpty else { return }
                try FileHandle.standardOutput.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            if written == 0 { emptyHistory() }
        } else {
            let summaries = try store.sessions(since: sinceDate, limit: maxCount)
            if summaries.isEmpty { emptyHistory(); return }
            LogSupport.out(HistoryTable.render(summaries))
        }
    }

    /// The empty-history message: on stdout for the table, on stderr with --json (so that a script
    /// reading JSON lines sees none).
    private func emptyHistory() {
        let message = since == nil ? HistoryTable.emptyMessage : "No sessions since \(since!) — see all with `limber history`."
        if json { printToStderr(message) } else { LogSupport.out(message + "\n") }
    }
}
