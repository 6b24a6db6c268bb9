import ClinicianReport
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionLog

/// `limber report`: gathers the clinician's report from the log (read-only), the settings and the
/// catalog, and writes it as HTML, plain text or PDF (through headless Chromium).
public enum ReportFlow {
    public enum Format: String, CaseIterable, Sendable {
        case html, text, pdf
    }

    /// Everything the command was given.
    public struct Request: Sendable {
        public var dataDir: String?
        public var catalogOption: String?
        public var since: Date?
        public var format: Format?
        /// nil or "-": standard output.
        public var output: String?
        public var force: Bool

        public init(dataDir: String?, catalogOption: String?, since: Date?, format: Format?, output: String?, force: Bool) {
            self.dataDir = dataDir
            self.catalogOption = catalogOption
            self.since = since
            self.format = format
            self.output = output
            self.force = force
        }
    }

    /// Makes the report and writes it. Without `--format`: text to standard output, HTML to a file.
    /// - Returns: the line to print after writing a file ("Wrote ..."), nil when it went to stdout.
    public static func run(_ request: Request, now: Date = Date(), timeZone: TimeZone = .current) throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        let folder = DataLocation.resolve(option: request.dataDir, environment: environment)
        let target = request.output.flatMap { $0 == "-" ? nil : URL(fileURLWithPath: $0) }
        let format = request.format ?? (target == nil ? .text : .html)
        // Refuse before any work, as `limber export` does; never replace the log, even with --force.
        if let target, DataLocation.isDatabaseFile(target, in: folder) { throw LogError.targetIsLog(path: target.path) }
        if let target, !request.force, FileManager.default.fileExists(atPath: target.path) {
            throw LogError.fileExists(path: target.path)
        }
        if format == .pdf && target == nil {
            throw CommandError("--format pdf needs --output FILE (a PDF is not for the terminal), e.g. --output report.pdf")
        }
        let chromium = format == .pdf ? try Chromium.find(environment: environment) : nil
        let settings = try CommandError.wrapping { try SettingsFile.location(environment: environment).load() }
        let catalog = CatalogSupport.load(catalogOption: request.catalogOption, warn: false)
        let store = try SessionStore.open(forReadingIn: folder)
        let outcomes = try store?.outcomeCheckIns(since: request.since) ?? []
        let input = try gather(store: store, catalog: catalog, since: request.since, weeklyTarget: settings.weeklyTarget,
                               outcomes: outcomes, now: now, timeZone: timeZone)
        let report = ReportBuilder.build(input)
        switch format {
        case .text, .html:
            let text = format == .text ? ReportText.render(report) : ReportHTML.render(report)
            guard let target else {
                print(text, terminator: "")
                return nil
            }
            try LogExport.write(text, to: target, force: request.force)
        case .pdf:
            try LogExport.write(bytes: try chromium!.pdf(html: ReportHTML.render(report)), to: target!, force: request.force)
        }
        return "Wrote the \(format.rawValue.uppercased()) report (\(report.sessionCount) session\(report.sessionCount == 1 ? "" : "s"), \(report.periodText)) to \(target!.path)"
    }

    /// The report's input from the log: the sessions and check-ins from `since` on, each session's
    /// flare (over the whole log, as the prescription reads it), and today's prescription for the
    /// routine `limber start` would preselect (the last one logged), before the day's pain check.
    static func gather(store: SessionStore?, catalog: Catalog, since: Date?, weeklyTarget: Int, outcomes: [OutcomeCheckIn],
                       now: Date, timeZone: TimeZone) throws -> ReportInput {
        let all = try store?.history() ?? []  // newest first
        let worse = try store?.checkIns(kind: .sinceLast).filter { $0.outcome == SinceLastAnswer.worse.rawValue } ?? []
        let finished = all.reversed().filter { $0.session.status != .inProgress }
        let past = finished.map { SessionStore.pastSession($0, flareReported: SessionStore.flareReported($0.session, worse: worse, zone: .fixed(timeZone))) }
        var flares: [Int64: Flare] = [:]
        for (item, flare) in zip(finished, Prescriber.pastFlareCauses(past)) { flares[item.session.id] = flare }

        let shown = all.reversed().filter { since == nil || $0.session.startedAt >= since! }
        let sessions = shown.map { item -> ReportSession in
            let s = item.session
            let names = Dictionary(item.sets.map { ($0.record.exerciseID, $0.record.exerciseName) }, uniquingKeysWith: { first, _ in first })
            return ReportSession(
                id: s.id, startedAt: s.startedAt, routineName: s.routineName, status: s.status,
                legPainBefore: s.legPainBefore, legPainAfter: s.legPainAfter, backPainBefore: s.backPainBefore, backPainAfter: s.backPainAfter,
                painBefore: s.painBefore, painAfter: s.painAfter, reachBefore: s.reachBefore, reachAfter: s.reachAfter,
                sets: item.sets.map { ReportSet(record: $0.record, completedAt: $0.completedAt) },
                skips: item.skips.map {
                    ReportSkip(exerciseID: $0.exerciseID, exerciseName: names[$0.exerciseID] ?? catalog.exercise($0.exerciseID)?.name ?? $0.exerciseID,
                               at: $0.at, reason: $0.reason)
                },
                flare: flares[s.id])
        }
        let checks = try (store?.checkIns(since: since) ?? []).compactMap(check)

        let prescription: ReportPrescription
        if let last = all.first?.session {
            if let routine = catalog.routine(last.routineID), let base = try? SessionPlan(routine: routine, catalogLookup: catalog.exercise) {
                // As `limber start` reads it: the last 200 sessions, those still in progress left out.
                let history = Array(past.suffix(200))
                prescription = .prescribed(Prescriber.prescribe(base: base, history: history, today: TodayCheckIn(), catalog: catalog))
            } else {
                prescription = .unavailable("The last routine done (\(last.routineName), id \(last.routineID)) is not in the catalog now: no prescription to show.")
            }
        } else {
            prescription = .unavailable("Nothing logged yet: the first session starts at each routine's own dose.")
        }
        return ReportInput(generatedAt: now, timeZone: timeZone, since: since, sessions: sessions, checks: checks,
                           outcomes: outcomes, weeklyTarget: weeklyTarget, prescription: prescription)
    }

    /// A red-flag answer or an assessment; other check-ins (since-last, direction, gentle offer)
    /// are not red flags and give nil. An outcome this build does not know is an error naming its row.
    static func check(_ row: CheckInRow) throws -> ReportCheck? {
        func outcome() throws -> RedFlags.Outcome {
            guard let value = RedFlags.Outcome(rawValue: row.outcome) else {
                throw LogError.unknownValue(table: "check_in", rowID: row.id ?? 0, column: "outcome", value: row.outcome)
            }
            return value
        }
        let yes = RedFlags.all.map(\.id).filter { PreSession.Checks.yes(in: row.answersJSON).contains($0) }
        switch row.kind {
        case .redFlag: return ReportCheck(at: row.at, kind: .daily, yes: yes, outcome: try outcome())
        case .historyCheck: return ReportCheck(at: row.at, kind: .history, yes: yes, outcome: try outcome())
        case .clinicianAssessed:
            let about = row.answersJSON.contains(#""about":"history""#) ? "history check" : "daily screen"
            return ReportCheck(at: row.at, kind: .clinicianAssessed(about: about, date: row.outcome))
        case .skipScreen: return ReportCheck(at: row.at, kind: .skippedScreen)
        case .sinceLast, .direction, .gentleOffer: return nil
        }
    }
}

/// Headless Chromium (Debian package `chromium`) as the HTML-to-PDF printer: local files only,
/// no network service.
struct Chromium {
    let path: String

    /// The first `chromium` or `chromium-browser` on PATH, else a one-line error saying how to get it.
    static func find(environment: [String: String]) throws -> Chromium {
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return Chromium(path: path) }
            }
        }
        throw CommandError("--format pdf needs headless Chromium: install it with `sudo apt-get install chromium`, or use --format html and print that from a browser")
    }

    /// Prints `html` to PDF through a private temporary folder (0700; both files hold health data).
    func pdf(html: String) throws -> [UInt8] {
        var template = Array((NSTemporaryDirectory() + "/limber-report-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw CommandError("cannot make a temporary folder for the PDF: \(String(cString: strerror(errno)))")
        }
        let folder = URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
        try LogExport.write(html, to: page, force: false)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--print-to-pdf=\(pdf.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), !data.isEmpty else {
            let last = String(decoding: said, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "no message"
            throw CommandError("\(path) could not print the PDF (exit \(process.terminationStatus): \(last)); try --format html")
        }
        return [UInt8](data)
    }
}
