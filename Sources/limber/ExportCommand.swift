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
            next to it and then renamed, with permissions 0600 (it holds health data). \
            --table chooses another table: check-ins (the answers before sessions), outcomes (the \
            weekly PEG and PSFS, one row per week, up to five activities), plan (the weekly target \
            and the PSFS activities), or, with --format json, all of them in one object.
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

    /// What to export: the sessions (the default, as before), or another table of the log.
    enum Table: String, CaseIterable, ExpressibleByArgument {
        case sessions
        case checkIns = "check-ins"
        case outcomes
        case plan
        case all
    }

    @Option(name: .long, help: ArgumentHelp(
        "sessions (default); check-ins (red-flag answers, next-day response, gentle offer, direction); outcomes (weekly PEG and PSFS); plan (weekly target, PSFS activities); all (JSON only: one object with every table).",
        valueName: "TABLE"))
    var table: Table = .sessions

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output (- for standard output).", valueName: "FILE"),
            completion: .file())
    var output: String?

    @Flag(name: .long, help: "Replace FILE if it already exists.")
    var force = false

    func validate() throws {
        if table == .all, format == .csv {
            throw ValidationError("--table all needs --format json (a CSV file holds one table: choose --table sessions, check-ins, outcomes or plan)")
        }
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
        let store = try LogSupport.openExisting(global)
        let history = table == .sessions || table == .all ? try store?.history().reversed() ?? [] : []
        let text: String
        switch (table, format) {
        case (.sessions, .csv): text = LogExport.csv(Array(history))
        case (.sessions, .json): text = LogExport.jsonArray(Array(history))
        case (.checkIns, _):
            let rows = try store?.checkIns() ?? []
            text = format == .csv ? LogExport.csvTable(LogExport.checkInFieldNames, rows.map(LogExport.checkInValues))
                : "[" + rows.map { LogExport.jsonObject(LogExport.checkInFieldNames, LogExport.checkInValues($0)) }.joined(separator: ",\n") + "]\n"
        case (.outcomes, _):
            let rows = try store?.outcomeCheckIns() ?? []
            text = format == .csv ? LogExport.csvTable(LogExport.outcomeFieldNames, rows.map(LogExport.outcomeValues))
                : "[" + rows.map(LogExport.outcomeJSON).joined(separator: ",\n") + "]\n"
        case (.plan, _):
            let target = try CommandError.wrapping { try SettingsFile.location(environment: ProcessInfo.processInfo.environment).load().weeklyTarget }
            let activities = try store?.psfsActivities() ?? []
            text = format == .csv ? LogExport.csvTable(LogExport.planFieldNames, LogExport.planRows(weeklyTarget: target, activities: activities))
                : LogExport.planJSON(weeklyTarget: target, activities: activities)
        case (.all, _):
            let target = try CommandError.wrapping { try SettingsFile.location(environment: ProcessInfo.processInfo.environment).load().weeklyTarget }
            text = LogExport.jsonDocument(sessions: Array(history), checkIns: try store?.checkIns() ?? [],
                                          outcomes: try store?.outcomeCheckIns() ?? [], weeklyTarget: target,
                                          activities: try store?.psfsActivities() ?? [])
        }
        guard let target else {
            LogSupport.out(text)
            if history.isEmpty, table == .sessions { printToStderr(HistoryTable.emptyMessage) }
            return
        }
        try LogExport.write(text, to: target, force: force)
        guard table == .sessions else {
            print("Wrote the \(table.rawValue) table to \(target.path)")
            return
        }
        let sets = history.reduce(0) { $0 + $1.sets.count }
        print("Wrote \(history.count) session\(history.count == 1 ? "" : "s") (\(sets) set\(sets == 1 ? "" : "s")) to \(target.path)")
    }
}
