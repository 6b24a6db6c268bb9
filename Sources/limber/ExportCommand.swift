import CoachApp
import ArgumentParser
import Foundation
import SessionLog

/// `limber export`: the whole log as CSV (one row per set) or JSON, for a spreadsheet or a clinician.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every session and set as CSV or JSON.",
        discussion: """
            CSV (RFC 4180, CRLF line ends) has one row per set with the session's fields repeated; \
            a session without sets has one row with empty set fields. JSON is an array of sessions \
            with their sets and skips nested, with the same field names. Sessions are oldest first; \
            times are ISO 8601 UTC. Without --output the export goes to standard output. An existing \
            file is never replaced unless --force is given; the file is written to a temporary file \
            next to it and then renamed, with permissions 0600 (it holds health data).
            """
    )

    @OptionGroup var global: GlobalOptions

    /// The export formats; `--help` lists them and completion offers them (CaseIterable).
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case csv, json

        /// Case-insensitive: `--format CSV` works as it always did.
        init?(argument: String) {
            self.init(rawValue: argument.lowercased())
        }
    }

    @Option(name: .long, help: "One row per set (csv) or nested sessions (json).")
    var format: Format

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output (- for standard output).", valueName: "FILE"),
            completion: .file())
    var output: String?

    @Flag(name: .long, help: "Replace FILE if it already exists.")
    var force = false

    func validate() throws {
        if output?.isEmpty == true {
            throw ValidationError("--output needs a file name (or - for standard output), e.g. --output limber.csv")
        }
    }

    func run() throws {
        let target = output.flatMap { $0 == "-" ? nil : URL(fileURLWithPath: $0) }
        // Refuse early, before reading the whole log; never replace the log itself, even with --force.
        if let target, DataLocation.isDatabaseFile(target, in: LogSupport.dataFolder(global)) {
            throw LogError.targetIsLog(path: target.path)
        }
        if let target, !force, FileManager.default.fileExists(atPath: target.path) {
            throw LogError.fileExists(path: target.path)
        }
        let history = try LogSupport.openExisting(global)?.history().reversed() ?? []
        let text = format == .csv ? LogExport.csv(Array(history)) : LogExport.jsonArray(Array(history))
        guard let target else {
            LogSupport.out(text)
            if history.isEmpty { printToStderr(HistoryTable.emptyMessage) }
            return
        }
        try LogExport.write(text, to: target, force: force)
        let sets = history.reduce(0) { $0 + $1.sets.count }
        print("Wrote \(history.count) session\(history.count == 1 ? "" : "s") (\(sets) set\(sets == 1 ? "" : "s")) to \(target.path)")
    }
}
