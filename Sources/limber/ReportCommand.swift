import CoachApp
import ArgumentParser
import Foundation

/// `limber report`: a report of the log for a clinician, as HTML (one self-contained file), plain
/// text (one printed page) or PDF (through headless Chromium).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A report of the log to take to a clinician (HTML, text or PDF).",
        discussion: """
            Pain before and after each session with the meaningful changes marked, how far down the \
            leg the pain reaches, the weekly PEG and PSFS, adherence to the weekly plan, each \
            exercise's dose and pain over time, every stop, spread mark, skip and flare with its \
            date and reason, red-flag answers and assessments, and the current prescription with \
            its reasons. HTML is one file with inline charts, no scripts and nothing fetched, laid \
            out for A4; text is one printed page. Without --format: text to standard output, or \
            HTML when --output names a file. PDF needs --output and the chromium package. An \
            existing file is never replaced unless --force is given; files are written atomically \
            with permissions 0600 (they hold health data).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only sessions from this day on.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: "html, text or pdf (default: text to the terminal, html to a file).")
    var format: ReportFlow.Format?

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output (- for standard output).", valueName: "FILE"),
            completion: .file())
    var output: String?

    @Flag(name: .long, help: "Replace FILE if it already exists.")
    var force = false

    func validate() throws {
        _ = try LogSupport.sinceDate(since)
        if output?.isEmpty == true {
            throw ValidationError("--output needs a file name (or - for standard output), e.g. --output report.html")
        }
    }

    func run() throws {
        let request = ReportFlow.Request(
            dataDir: global.dataDir, catalogOption: global.catalog, since: try LogSupport.sinceDate(since),
            format: format, output: output, force: force)
        if let line = try ReportFlow.run(request) { print(line) }
    }
}

/// The formats come from ReportFlow (one type); `--help` lists them and completion offers them.
extension ReportFlow.Format: ExpressibleByArgument {
    /// Case-insensitive, as `limber export --format`.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
